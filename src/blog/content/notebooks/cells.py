"""What a code cell shows: cell tags as Jupyter Book spells them, Quarto's `#|` option lines,
and Jupyter's own "source hidden" flags.

    remove-input / remove-output / remove-cell   not on the page at all
    hide-input / hide-output / hide-cell         on the page, folded in a <details>
    #| echo: false    #| output: false    #| include: false    #| code-fold: true
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_OPTION = re.compile(r"^#\|\s*([\w-]+)\s*:\s*(.*?)\s*$")


@dataclass(frozen=True)
class CellDisplay:
    remove_input: bool = False
    remove_output: bool = False
    remove_cell: bool = False
    hide_input: bool = False
    hide_output: bool = False
    hide_cell: bool = False


def cell_display(cell: dict[str, Any], source: str) -> CellDisplay:
    metadata = cell.get("metadata") or {}
    tags = {str(tag) for tag in metadata.get("tags") or ()}
    options = cell_options(source)
    jupyter = metadata.get("jupyter") or {}
    return CellDisplay(
        remove_input="remove-input" in tags or options.get("echo") == "false",
        remove_output="remove-output" in tags or options.get("output") == "false",
        remove_cell="remove-cell" in tags or options.get("include") == "false",
        hide_input="hide-input" in tags or options.get("code-fold") == "true" or bool(jupyter.get("source_hidden")),
        hide_output="hide-output" in tags or bool(jupyter.get("outputs_hidden")),
        hide_cell="hide-cell" in tags,
    )


def cell_options(source: str) -> dict[str, str]:
    """The `#| key: value` lines at the top of a cell (values lower-cased: they are flags)."""
    options = {}
    for line in source.split("\n"):
        found = _OPTION.match(line)
        if not found:
            break
        options[found.group(1)] = found.group(2).lower()
    return options


def code_without_options(source: str) -> tuple[str, int]:
    """The code to show, without its option lines, and the cell line it starts on."""
    lines = source.split("\n")
    skipped = 0
    while skipped < len(lines) and _OPTION.match(lines[skipped]):
        skipped += 1
    return "\n".join(lines[skipped:]), skipped + 1
