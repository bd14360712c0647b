"""The links of a page: root-relative ones moved under base_url's path (urls.py says how), images
loaded lazily, and every link and image recorded with its line for `blog check`."""

from __future__ import annotations

import re
from html import unescape

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from ...settings.urls import rebase, rebase_links


def links_plugin(md: MarkdownIt) -> None:
    md.core.ruler.push("page_links", _collect_links)


_RAW_LINK = re.compile(r"""<(?:a|img|source|video|audio|iframe)\b[^>]*?\s(href|src)\s*=\s*(["'])([^"'<>]*)\2""", re.I)


def _collect_links(state: StateCore) -> None:
    """Prefix root-relative URLs with the base path (raw HTML's too); record (url, line, kind) of
    Markdown links and images in env['links']."""
    base_path = state.env.get("base_path", "/")
    found = state.env.setdefault("links", [])
    line = 0
    for token in state.tokens:
        if token.map:
            line = token.map[0]
        if token.type == "inline":
            _visit(token.children or [], base_path, line, found)
        for raw in [token] if token.type == "html_block" else [c for c in token.children or () if c.type == "html_inline"]:
            raw.content = rebase_links(raw.content, base_path)
            _raw_links(raw.content, line, found)


def _raw_links(html: str, line: int, found: list) -> None:
    """Links and images written in raw HTML, so `blog check` sees a figure's missing file too."""
    for match in _RAW_LINK.finditer(html):
        kind = "image" if match.group(1).lower() == "src" else "link"
        found.append((unescape(match.group(3)), line + html.count("\n", 0, match.start()), kind))


def _visit(children, base_path: str, line: int, found: list) -> None:
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        attr = "href" if child.type == "link_open" else "src" if child.type == "image" else None
        if attr is None:
            continue
        written = str(child.attrGet(attr) or "")
        url = rebase(written, base_path)
        if url != written:
            child.attrSet(attr, url)
        if child.type == "image":
            child.attrSet("loading", "lazy")
        found.append((url, line, "image" if child.type == "image" else "link"))
