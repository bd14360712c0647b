"""ANSI colour codes in stream output and tracebacks -> escaped HTML with `ansi-*` classes.

Only SGR sequences (`ESC [ … m`) carry meaning in a notebook's text; every other escape sequence
is dropped. Colours become classes, not inline styles, so the stylesheet can give them a light
and a dark variant.
"""

from __future__ import annotations

import re
from html import escape

_ESCAPE = re.compile(r"\x1b\[([0-9;]*)([A-Za-z])")
_NAMES = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")


def ansi_to_html(text: str) -> str:
    out: list[str] = []
    state = _Style()
    position = 0
    for match in _ESCAPE.finditer(text):
        out.append(state.wrap(text[position:match.start()]))
        position = match.end()
        if match.group(2) == "m":
            state.apply(match.group(1))
    out.append(state.wrap(text[position:]))
    return "".join(out)


class _Style:
    def __init__(self) -> None:
        self.fg: str | None = None
        self.bg: str | None = None
        self.bold = self.underline = False

    def apply(self, params: str) -> None:
        codes = [int(code) for code in params.split(";") if code.isdigit()] or [0]
        index = 0
        while index < len(codes):
            code = codes[index]
            if code == 0:
                self.__init__()
            elif code == 1:
                self.bold = True
            elif code == 22:
                self.bold = False
            elif code == 4:
                self.underline = True
            elif code == 24:
                self.underline = False
            elif 30 <= code <= 37 or 90 <= code <= 97:
                self.fg = _colour(code % 10, bright=code >= 90)
            elif 40 <= code <= 47 or 100 <= code <= 107:
                self.bg = _colour(code % 10, bright=code >= 100)
            elif code == 39:
                self.fg = None
            elif code == 49:
                self.bg = None
            elif code in (38, 48):  # 256-colour and RGB forms: no class for them, skip their arguments
                index += 2 if codes[index + 1:index + 2] == [5] else 4
            index += 1

    def wrap(self, text: str) -> str:
        if not text:
            return ""
        classes = [f"ansi-{self.fg}-fg"] if self.fg else []
        classes += [f"ansi-{self.bg}-bg"] if self.bg else []
        classes += ["ansi-bold"] if self.bold else []
        classes += ["ansi-underline"] if self.underline else []
        if not classes:
            return escape(text, quote=False)
        return f'<span class="{" ".join(classes)}">{escape(text, quote=False)}</span>'


def _colour(index: int, *, bright: bool) -> str:
    return ("bright-" if bright else "") + _NAMES[index]
