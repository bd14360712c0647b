"""The listing excerpt: a post's plain text, as DESIGN.md defines it.

Block elements are joined by single spaces (headings too; an ordered item keeps `1.`), inline math
becomes `[Math]`, display math `[公式]`, code blocks `[代码]` (the labels are UI strings), images
and footnote markers vanish. Text over the limit is cut and `...` appended; the cut never splits
a Latin word, a placeholder or an emoji.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from html import unescape

from markdown_it.token import Token

MORE = re.compile(r"<!--\s*more\s*-->", re.IGNORECASE)
TAG = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>|<[^>]*>", re.DOTALL | re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_LATIN = re.compile(r"[0-9A-Za-z_\u00c0-\u024f]")
_SKIPPED_INLINE = {"image", "footnote_ref", "html_inline"}


@dataclass(frozen=True)
class ExcerptLabels:
    math: str = "[Math]"
    formula: str = "[公式]"
    code: str = "[代码]"


def _more_index(tokens: list[Token]) -> int | None:
    for index, token in enumerate(tokens):
        if token.type == "html_block" and MORE.search(token.content):
            return index
        if token.type == "inline" and any(c.type == "html_inline" and MORE.search(c.content) for c in token.children or []):
            return index
    return None


def make_excerpt(tokens: list[Token], labels: ExcerptLabels, length: int) -> str:
    more = _more_index(tokens)
    if more is not None:
        return plain_text(tokens[:more + 1], labels, stop_at_more=True)
    return cut(plain_text(tokens, labels), length, labels)


def plain_text(tokens: list[Token], labels: ExcerptLabels, *, stop_at_more: bool = False) -> str:
    parts: list[str] = []
    skip_depth = 0
    for token in tokens:
        if token.type == "footnote_block_open":
            skip_depth += 1
        elif token.type == "footnote_block_close":
            skip_depth -= 1
        elif skip_depth:
            continue
        elif token.type == "list_item_open" and token.info:
            parts.append(f"{token.info}{token.markup}")
        elif token.type == "inline":
            parts.append(inline_text(token.children or [], labels, stop_at_more))
        elif token.type in ("fence", "code_block"):
            parts.append(f" {labels.code} ")
        elif token.type == "math_block":
            parts.append(f" {labels.formula} ")
        elif token.type == "html_block":
            parts.append(unescape(TAG.sub(" ", MORE.split(token.content)[0])))
    return _SPACE.sub(" ", " ".join(parts)).strip()


def inline_text(children: list[Token], labels: ExcerptLabels, stop_at_more: bool) -> str:
    out: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "math_inline":
            out.append(f" {labels.math} ")
        elif child.type == "math_inline_double":
            out.append(f" {labels.formula} ")
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "html_inline" and stop_at_more and MORE.search(child.content):
            break
        elif child.type not in _SKIPPED_INLINE and child.children:
            out.append(inline_text(child.children, labels, stop_at_more))
    return "".join(out)


def cut(text: str, length: int, labels: ExcerptLabels) -> str:
    if len(text) <= length:
        return text
    end = length
    for label in (labels.math, labels.formula, labels.code):  # never split a placeholder
        start = text.find(label, max(0, end - len(label) + 1))
        if start != -1 and start < end < start + len(label):
            end = start
    end = _grapheme_start(text, end)
    if 0 < end < len(text) and _LATIN.match(text[end]) and _LATIN.match(text[end - 1]):
        word_start = end
        while word_start > 0 and _LATIN.match(text[word_start - 1]):
            word_start -= 1
        if word_start > 0:  # a single giant word is cut where it must be
            end = word_start
    return text[:end].rstrip() + "..."


def _grapheme_start(text: str, end: int) -> int:
    """Move `end` back so it does not split an emoji sequence or a base letter and its marks."""
    while 0 < end < len(text) and (_extends(text[end]) or text[end - 1] == "\u200d"):
        end -= 1
    if 0 < end < len(text) and _regional(text[end]):
        run = 0
        while end - run > 0 and _regional(text[end - run - 1]):
            run += 1
        end -= run % 2
    return end


def _extends(char: str) -> bool:
    code = ord(char)
    return (char == "\u200d" or 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF
            or 0xE0020 <= code <= 0xE007F or unicodedata.category(char) in ("Mn", "Me", "Mc"))


def _regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF
