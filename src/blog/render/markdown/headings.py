"""Heading ids and the table of contents.

`## Title {#my-id}` sets an id (Pandoc/Hugo syntax); other headings get a slug of their text that
keeps Chinese characters, made unique within the page. Every heading gets a `#` anchor link.
"""

from __future__ import annotations

import re
import unicodedata
from html import escape
from typing import Callable, NamedTuple

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from ..texmath import to_text
from .anchors import SCHEMES

_EXPLICIT_ID = re.compile(r"\s*\{#([^\s}]+)\}\s*$")
_NOT_ID = re.compile(r"[^\w\- ]+")


class TocEntry(NamedTuple):  # a tuple: thousands are cached, and tuples load fastest
    level: int
    anchor: str
    title: str  # plain text, math as its letters ('ϵ-Greedy')
    html: str = ""  # the heading's inline HTML, math as MathML, without links


def heading_slug(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip().lower()
    return re.sub(r"\s+", "-", _NOT_ID.sub("", text)).strip("-") or "section"


def headings_plugin(md: MarkdownIt, *, ids: str = "blog") -> None:
    """`ids`: our slugs, or another generator's scheme (anchors.py) for an imported blog's old links."""
    slug = SCHEMES.get(ids, heading_slug)
    md.core.ruler.after("inline", "heading_ids", lambda state: _assign_ids(state, slug))
    md.add_render_rule("heading_close", _render_heading_close)


def _assign_ids(state: StateCore, slug: Callable[[str], str] = heading_slug) -> None:
    tokens = state.tokens
    headings = [(i, tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open"]
    explicit: dict[int, str] = {}
    for index, inline in headings:
        last = inline.children[-1] if inline.children else None
        match = _EXPLICIT_ID.search(last.content) if last is not None and last.type == "text" else None
        if match:
            last.content = last.content[:match.start()]
            inline.content = _EXPLICIT_ID.sub("", inline.content)
            explicit[index] = match.group(1)
    used = set(explicit.values())
    toc: list[TocEntry] = []
    for index, inline in headings:
        text = plain_text(inline.children or [])  # ids keep the TeX source, as they always have
        anchor = explicit.get(index)
        if anchor is None:
            base = anchor = slug(text)
            number = 1
            while anchor in used:
                anchor = f"{base}-{number}"
                number += 1
            used.add(anchor)
        tokens[index].attrSet("id", anchor)
        tokens[index].meta["anchor"] = anchor
        title = plain_text(inline.children or [], math=to_text)
        toc.append(TocEntry(int(tokens[index].tag[1]), anchor, title.strip()))
    state.env["toc"] = toc
    state.env["toc_inlines"] = [inline for _, inline in headings]


_LINK_TAG = re.compile(r"</?a\b[^>]*>")


def toc_with_html(md: MarkdownIt, env: dict) -> tuple[TocEntry, ...]:
    """The table of contents with each title as HTML, once the math in it is converted."""
    return tuple(entry._replace(html=_LINK_TAG.sub("", md.renderer.renderInline(inline.children or [], md.options, env)).strip())
                 for entry, inline in zip(env.get("toc", ()), env.get("toc_inlines", ())))


def _render_heading_close(self, tokens, idx, options, env) -> str:
    anchor = tokens[idx - 2].meta.get("anchor") if idx >= 2 else None
    # A pointer's shortcut only: hidden from assistive technology, so also kept out of the tab order.
    link = f'<a class="anchor" href="#{escape(anchor)}" aria-hidden="true" tabindex="-1">#</a>' if anchor else ""
    return f"{link}</{tokens[idx].tag}>\n"


def plain_text(children, math: Callable[[str], str] = str) -> str:
    """The visible text of inline tokens, for ids and titles; `math` gives a formula's text
    (by default its source)."""
    parts = []
    for child in children:
        if child.type == "math_inline":
            parts.append(math(child.content))
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.children:
            parts.append(plain_text(child.children, math))
    return "".join(parts)
