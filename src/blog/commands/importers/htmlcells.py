"""Let formulas in raw HTML tables render: open each `<td>`/`<th>` that holds one with blank lines.

MathJax found `$x$` anywhere in the page, so old blogs put formulas in HTML tables. Our renderer
passes a raw HTML block through untouched, formulas included; but CommonMark ends an HTML block at
a blank line, so `<td>`, blank line, `$x$`, blank line, `</td>` makes the cell's content Markdown
again, and the formula is converted with the rest of the post.
"""

from __future__ import annotations

import re

from .scanner import Piece

_CELL_OPEN = re.compile(r"<(td|th)\b[^>]*>", re.IGNORECASE)
_CELL_CLOSE = re.compile(r"</(td|th)\s*>", re.IGNORECASE)
_SPACE = re.compile(r"\s*")


def open_math_cells(source: str, pieces: list[Piece]) -> str | None:
    """The source with every table cell that holds a formula opened; None when there is none."""
    cells: dict[int, tuple[int, int]] = {}  # content start -> (content start, content end)
    for piece in pieces:
        if piece.kind != "math" or "html_block" not in piece.meta:
            continue
        block_start = piece.meta["html_block"]
        opening = None
        for found in _CELL_OPEN.finditer(source, block_start, piece.start):
            opening = found
        if opening is None or _CELL_CLOSE.search(source, opening.end(), piece.start):
            continue
        closing = _CELL_CLOSE.search(source, piece.end)
        if closing is None or _CELL_OPEN.search(source, piece.end, closing.start()):
            continue
        cells[opening.end()] = (opening.end(), closing.start())
    if not cells:
        return None
    parts, position = [], 0
    for start, end in sorted(cells.values()):
        if start < position:
            continue  # cells never nest; a malformed table keeps its first reading
        content = source[start:end]
        lead = _SPACE.match(content).end()
        body = content[lead:].rstrip()
        parts += [source[position:start], "\n\n", body, "\n\n"]
        position = end
    parts.append(source[position:])
    return "".join(parts)
