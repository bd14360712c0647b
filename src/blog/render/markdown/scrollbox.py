"""Scroll boxes: a display formula or a table wider than the column scrolls in its own box.

Each box can take keyboard focus (so it scrolls with the arrow keys) and has an accessible name,
as WCAG asks of a scrollable region; the theme draws a shadow at an edge that hides more.
"""

from __future__ import annotations

import re
from html import escape

# Built in, for a job made without the language's strings (tests, tools).
DEFAULT_NAMES = {"formula": "Formula", "table": "Table"}


def open_box(kind: str, names: dict[str, str], tag: str = "div") -> str:
    """The opening tag of a `kind` box ("formula" or "table"); a formula's is a <span>, as display
    math may stand inside a paragraph."""
    css = "math-display" if kind == "formula" else "table-wrap"
    name = escape(names.get(kind) or DEFAULT_NAMES[kind], quote=True)
    return f'<{tag} class="{css}" tabindex="0" role="group" aria-label="{name}">'


def formula_box(math_html: str, names: dict[str, str]) -> str:
    return f"{open_box('formula', names, 'span')}{math_html}</span>"


_TABLE_TAG = re.compile(r"<(/?)table\b[^>]*>", re.I)
_WRAPPED = '<div class="table-wrap"'


def wrap_raw_tables(html: str, names: dict[str, str]) -> str:
    """Put every outermost <table> not yet in a box (raw HTML ones) into a table box."""
    if "<table" not in html.lower():
        return html
    parts, depth, start, done = [], 0, 0, 0
    for match in _TABLE_TAG.finditer(html):
        if not match.group(1):
            if depth == 0:
                start = match.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0 and not _boxed(html, start):
                parts += [html[done:start], open_box("table", names), html[start:match.end()], "</div>"]
                done = match.end()
    return "".join(parts) + html[done:] if parts else html


def _boxed(html: str, start: int) -> bool:
    """Whether the table at `start` directly follows the opening tag of a box."""
    before = html[:start].rstrip()
    opening = before.rfind("<")
    return before.endswith(">") and html.startswith(_WRAPPED, opening)
