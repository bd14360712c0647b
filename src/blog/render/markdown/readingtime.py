"""How long a post takes to read: Chinese (and Japanese, Korean) is read by the character, other
scripts by the word. Code and math are left out: readers study them rather than read them, at
no speed a count could predict."""

from __future__ import annotations

import math
import re
from html import unescape
from typing import NamedTuple

from markdown_it.token import Token

from .excerpt import TAG

# Han (with extensions A-B and compatibility ideographs), kana, Hangul syllables.
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af\U00020000-\U0002a6df]")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_COUNTED_INLINE = {"text"}  # not code_inline, math_inline, images or raw HTML


class TextCount(NamedTuple):
    cjk_chars: int
    words: int  # runs of letters or digits outside CJK text: "PPO", "n-step", "2016"


def count_text(tokens: list[Token]) -> TextCount:
    """Count what a reader reads in a parsed post: headings, paragraphs, lists, tables, quotes,
    footnotes and the text of raw HTML; no code blocks, inline code or formulas."""
    parts: list[str] = []
    for token in tokens:
        if token.type == "inline":
            parts.extend(_inline_text(token.children or []))
        elif token.type == "html_block":
            parts.append(unescape(TAG.sub(" ", token.content)))
    return measure(" ".join(parts))


def _inline_text(children: list[Token]) -> list[str]:
    found = []
    for child in children:
        if child.type in _COUNTED_INLINE:
            found.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            found.append(" ")
        elif child.type not in ("image", "html_inline") and child.children:
            found.extend(_inline_text(child.children))
    return found


def measure(text: str) -> TextCount:
    cjk = len(_CJK.findall(text))
    words = len(_WORD.findall(_CJK.sub(" ", text)))
    return TextCount(cjk, words)


def reading_minutes(count: TextCount, *, chars_per_minute: int, words_per_minute: int) -> int:
    """Whole minutes, rounded up; at least 1."""
    return max(1, math.ceil(count.cjk_chars / chars_per_minute + count.words / words_per_minute))
