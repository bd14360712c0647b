"""A notebook's cells -> one Markdown body for the post pipeline, plus the HTML and files around it.

Markdown cells and code (as fenced blocks in the kernel's language) are Markdown, so headings,
math, excerpts and search text work as in any post. Everything else (cell wrappers, collapsible
parts, rich outputs) is HTML held in `parts` and stands in the body as a marker line that the
notebook plugin (plugin.py) replaces. Markdown and LaTeX outputs are marked regions: converted with
the post's math, but kept out of its excerpt and search text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from ...diagnostics import Diagnostic, error
from .cells import cell_display, code_without_options
from .outputs import OutputError, Shown, merge_streams, show_output

MARK = "\ue100"  # starts a marker line: MARK + part number, then "(" or ")" for a region's ends
LABEL = "\ue101"  # LABEL + key[:argument] + LABEL in a part: a UI string, filled in at render time
_ATTACHMENT = re.compile(r"\(attachment:([^)\s]+)")
_FENCE = re.compile(r"^ {0,3}(`{3,}(?!.*`)|~{3,})")


@dataclass(frozen=True)
class Layout:
    """What the renderer needs besides the body: the parts, and where each cell's lines went."""

    parts: tuple[str, ...]
    places: tuple[tuple[int, int, int | None], ...]  # (first body line, cell number, its first line there)

    def place(self, line: int) -> tuple[int | None, int | None]:
        """A body line's (cell, line in that cell); the line is None in an output, whose lines are
        not the cell's, and the cell None before the first cell."""
        found = None
        for place in self.places:
            if place[0] > line:
                break
            found = place
        if found is None:
            return None, line
        first, cell, cell_line = found
        return cell, None if cell_line is None else cell_line + line - first

    def locate(self, diagnostic: Diagnostic) -> Diagnostic:
        if diagnostic.line is None:
            return diagnostic
        cell, line = self.place(diagnostic.line)
        return replace(diagnostic, cell=cell, line=line, col=diagnostic.col if line is not None else None)


@dataclass
class Laid:
    body: str
    layout: Layout
    files: list[tuple[str, bytes]]
    problems: list[Diagnostic] = field(default_factory=list)


def lay_out(cells: list[dict[str, Any]], *, first_cell: int, first_line: int, language: str,
            src_path: str, html_allowed: bool) -> Laid:
    """`cells` are the notebook's cells from number `first_cell` on; the first one's text starts at
    its line `first_line` (after a front matter block)."""
    body = _Body()
    problems: list[Diagnostic] = []
    for number, cell in enumerate(cells, start=first_cell):
        line = first_line if number == first_cell else 1
        kind, source = cell.get("cell_type"), _text(cell.get("source"))
        if kind == "markdown":
            text, files = _attachments(source, cell.get("attachments") or {}, number)
            body.files.extend(files)
            body.markdown(text, number, line)
        elif kind == "raw":
            _raw(body, cell, source, number, line)
        elif kind == "code":
            _code(body, cell, source, number, language, html_allowed, src_path, problems)
    return Laid(body.text(), Layout(tuple(body.parts), tuple(body.places)), body.files, problems)


def _code(body: _Body, cell: dict[str, Any], source: str, number: int, language: str, html_allowed: bool,
          src_path: str, problems: list[Diagnostic]) -> None:
    display = cell_display(cell, source)
    if display.remove_cell:
        return
    code, first_line = code_without_options(source)
    shown = []
    if not display.remove_output:
        for index, output in enumerate(merge_streams(list(cell.get("outputs") or [])), start=1):
            try:
                result = show_output(output, number, index, html_allowed=html_allowed)
            except OutputError as exc:
                problems.append(replace(error(src_path, None, None, str(exc)), cell=number))
                continue
            if result is not None:
                shown.append(result)
    show_input = not display.remove_input and code.strip()
    if not show_input and not shown:
        return
    body.open(display.hide_cell, "cell", classes="nb-cell")
    if show_input:
        body.open(display.hide_input, "code", classes="nb-input")
        body.fence(code, language, number, first_line)
        body.close(display.hide_input)
    if shown:
        body.open(display.hide_output, "output", classes="nb-outputs")
        for result in shown:
            body.output(result, number)
        body.close(display.hide_output)
    body.close(display.hide_cell)


def _raw(body: _Body, cell: dict[str, Any], source: str, number: int, line: int) -> None:
    """Raw cells meant for HTML or Markdown are shown; others (LaTeX for nbconvert, say) are not."""
    metadata = cell.get("metadata") or {}
    target = str(metadata.get("raw_mimetype") or metadata.get("format") or "").lower()
    if target in ("text/html", "html"):
        body.part(source)
    elif target in ("text/markdown", "markdown"):
        body.markdown(source, number, line)


def _attachments(source: str, attachments: dict[str, Any], number: int) -> tuple[str, list[tuple[str, bytes]]]:
    """Images pasted into a Markdown cell (`attachment:NAME`) become files beside the page."""
    files: list[tuple[str, bytes]] = []
    renamed: dict[str, str] = {}
    for name, bundle in sorted(attachments.items()):
        for mime, value in (bundle or {}).items():
            shown = show_output({"output_type": "display_data", "data": {mime: value}}, number, len(files) + 1,
                                html_allowed=False) if mime.startswith("image/") else None
            if shown and shown.files:
                renamed[name] = shown.files[0][0]
                files.extend(shown.files)
                break
    text = _ATTACHMENT.sub(lambda m: "(" + renamed.get(m.group(1), m.group(0)[1:]), source)
    return text, files


class _Body:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.parts: list[str] = []
        self.places: list[tuple[int, int, int | None]] = []
        self.files: list[tuple[str, bytes]] = []

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def _place(self, cell: int, cell_line: int | None) -> None:
        self.places.append((len(self.lines) + 1, cell, cell_line))

    def markdown(self, text: str, cell: int, cell_line: int | None) -> None:
        self._place(cell, cell_line)
        lines = text.replace(MARK, "").split("\n")
        self.lines.extend(lines)
        self.lines.extend([*_unclosed_fence(lines), ""])

    def part(self, html: str, end: str = "") -> None:
        self.parts.append(html)
        self.lines.extend([f"{MARK}{len(self.parts) - 1}{end}", ""])

    def open(self, collapsed: bool, what: str, *, classes: str) -> None:
        if collapsed:
            self.part(f'<details class="{classes}"><summary>{LABEL}show_{what}{LABEL}</summary>')
        else:
            self.part(f'<div class="{classes}">')

    def close(self, collapsed: bool) -> None:
        self.part("</details>" if collapsed else "</div>")

    def fence(self, code: str, language: str, cell: int, first_line: int) -> None:
        ticks = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", code)), default=0))
        self.lines.append(f"{ticks}{language}")
        self._place(cell, first_line)
        self.lines.extend(code.rstrip("\n").split("\n"))
        self.lines.extend([ticks, ""])

    def output(self, shown: Shown, cell: int) -> None:
        self.files.extend(shown.files)
        if shown.markdown is None:
            self.part(shown.html)
            return
        self.part(f'<div class="nb-output {shown.wrapper}">', "(")
        self.markdown(shown.markdown, cell, None)
        self.part("</div>", ")")


def _unclosed_fence(lines: list[str]) -> list[str]:
    """The line closing a code fence left open, as Jupyter renders each cell on its own: open, it
    would run on through the cells after it."""
    opened = None
    for line in lines:
        found = _FENCE.match(line)
        if found and opened is None:
            opened = found.group(1)
        elif found and found.group(1)[0] == opened[0] and len(found.group(1)) >= len(opened) \
                and not line[found.end():].strip():
            opened = None
    return [opened] if opened else []


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")
