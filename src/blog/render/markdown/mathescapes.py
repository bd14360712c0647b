"""Markdown escapes inside math, read as their authors meant them (`markdown.math_markdown_escapes`).

Hexo's marked and Jekyll's kramdown treat a formula as Markdown first, so their authors had to
write `\\_` for a subscript, `\\*` for a star, `\\|` for a bar that a table must not split, and
`\\<` for a less-than sign; `y\\_\\{\\<t\\}` is their `y_{<t}`. TeX reads those differently (`\\_` is
a literal underscore, `\\|` a double bar), so imported posts rendered wrongly without a word. With
the setting on, each escape becomes what it escaped, except where TeX's own reading is plainly
meant: `\\_` inside `\\text{…}`, and `\\{…\\}` as set braces unless they enclose a script.
A `\\|` that has a partner reads as a norm in TeX: it still becomes `|`, with a warning.
"""
from __future__ import annotations

import re
from typing import NamedTuple


class Note(NamedTuple):
    offset: int  # in the formula's source
    message: str


_ESCAPE = re.compile(r"\\(\\|[_*|<>{}])")  # `\\` is matched only to step over it
_TEXT = re.compile(r"\\(?:text\w*|mathrm|mbox|operatorname\*?)\s*\{[^{}]*\}")
_SCRIPT_BRACE = re.compile(r"(?:[_^]|\\_)\s*$")


def read_markdown_escapes(tex: str) -> tuple[str, list[Note]]:
    """The formula with Markdown escapes undone, and notes on readings that could be either."""
    if "\\" not in tex:
        return tex, []
    in_text = [range(m.start(), m.end()) for m in _TEXT.finditer(tex)]
    bars = [m.start() for m in _ESCAPE.finditer(tex) if m.group(1) == "|"]
    opened: list[bool] = []  # for each open `\{`: is it a script's group?
    notes: list[Note] = []
    parts, done = [], 0
    for match in _ESCAPE.finditer(tex):
        char, at = match.group(1), match.start()
        keep = char == "\\" or (char == "_" and any(at in span for span in in_text))
        if char == "{":
            opened.append(bool(_SCRIPT_BRACE.search(tex[:at])))
            keep = not opened[-1]
        elif char == "}":
            keep = not (opened.pop() if opened else False)
        elif char == "|" and len(bars) > 1 and at == bars[0]:  # once per formula
            notes.append(Note(at, "'\\|' read as the Markdown escape of '|' (markdown.math_markdown_escapes); "
                                  "write '\\Vert' if the double bar '‖' was meant"))
        if not keep:
            parts += [tex[done:at], char]
            done = match.end()
    return "".join(parts) + tex[done:], notes
