"""Text mode: \\text{…} and its relatives, where spaces count and `$…$` switches back to math.

Text becomes <mtext>; bold, italic, sans and typewriter text are CSS on it, because the
math alphabets have no Chinese and MathML Core ignores mathvariant on <mtext>.
"""
from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Callable, NamedTuple

from .commands import read_color
from .mathml import Node, escape, join_nodes, parse_length
from .symbols import COMMAND_SYMBOLS
from .tokenizer import Token

if TYPE_CHECKING:
    from .parser import Parser


class TextFormat(NamedTuple):
    bold: bool = False
    italic: bool = False
    family: str = ""  # "", "sans-serif" or "monospace"
    small_caps: bool = False
    color: str = ""

    def style_attr(self) -> str:
        rules = []
        if self.bold:
            rules.append("font-weight:bold")
        if self.italic:
            rules.append("font-style:italic")
        if self.family:
            rules.append(f"font-family:{self.family}")
        if self.small_caps:
            rules.append("font-variant:small-caps")
        if self.color:
            rules.append(f"color:{self.color}")
        return f' style="{";".join(rules)}"' if rules else ""


PLAIN = TextFormat()

# How each text command changes the format: (field, value) pairs; \textnormal resets all.
_FORMATS: dict[str, tuple] = {
    "\\text": (), "\\textrm": (("family", ""),), "\\textup": (("italic", False),),
    "\\mbox": (), "\\hbox": (), "\\textnormal": None, "\\textbf": (("bold", True),),
    "\\textit": (("italic", True),), "\\textsl": (("italic", True),),
    "\\emph": (("italic", True),), "\\textsf": (("family", "sans-serif"),),
    "\\texttt": (("family", "monospace"),), "\\textsc": (("small_caps", True),),
    "\\textmd": (("bold", False),),
}
_SWITCHES: dict[str, tuple] = {
    "\\bf": (("bold", True),), "\\bfseries": (("bold", True),), "\\it": (("italic", True),),
    "\\itshape": (("italic", True),), "\\em": (("italic", True),), "\\sl": (("italic", True),),
    "\\rm": (("family", ""),), "\\sf": (("family", "sans-serif"),),
    "\\sffamily": (("family", "sans-serif"),), "\\tt": (("family", "monospace"),),
    "\\ttfamily": (("family", "monospace"),), "\\upshape": (("italic", False),),
    "\\scshape": (("small_caps", True),), "\\normalfont": None, "\\mdseries": (("bold", False),),
}
_CHARACTERS = {
    "\\%": "%", "\\&": "&", "\\#": "#", "\\$": "$", "\\_": "_", "\\{": "{", "\\}": "}",
    "\\textbackslash": "\\", "\\textasciitilde": "~", "\\textasciicircum": "^",
    "\\textbar": "|", "\\textless": "<", "\\textgreater": ">", "\\textendash": "\u2013",
    "\\textemdash": "\u2014", "\\textquoteleft": "\u2018", "\\textquoteright": "\u2019",
    "\\textquotedblleft": "\u201c", "\\textquotedblright": "\u201d", "\\textdegree": "\u00b0",
    "\\ldots": "\u2026", "\\dots": "\u2026", "\\textellipsis": "\u2026", "\\TeX": "TeX",
    "\\LaTeX": "LaTeX", "\\copyright": "\u00a9", "\\S": "\u00a7", "\\P": "\u00b6",
    "\\dag": "\u2020", "\\ddag": "\u2021", "\\pounds": "\u00a3", "\\i": "\u0131",
    "\\j": "\u0237", "\\ss": "\u00df", "\\ae": "\u00e6", "\\AE": "\u00c6", "\\oe": "\u0153",
    "\\OE": "\u0152", "\\o": "\u00f8", "\\O": "\u00d8", "\\aa": "\u00e5", "\\AA": "\u00c5",
    "\\l": "\u0142", "\\L": "\u0141", "\\textbullet": "\u2022", "\\ ": " ", "\\space": " ",
    "~": "\u00a0", "\\,": "\u2009", "\\:": "\u2005", "\\>": "\u2005", "\\;": "\u2005",
    "\\quad": "\u2003", "\\qquad": "\u2003\u2003", "\\enspace": "\u2002",
    "\\enskip": "\u2002", "\\!": "", "\\\\": " ", "\\newline": " ", "\\/": "",
}
_COMBINING = {"\\'": "\u0301", "\\`": "\u0300", "\\^": "\u0302", '\\"': "\u0308",
              "\\~": "\u0303", "\\=": "\u0304", "\\.": "\u0307", "\\u": "\u0306",
              "\\v": "\u030c", "\\H": "\u030b", "\\c": "\u0327", "\\r": "\u030a",
              "\\k": "\u0328"}
_LIGATURES = {"--": "\u2013", "---": "\u2014", "``": "\u201c", "''": "\u201d", "`": "\u2018",
              "'": "\u2019"}


def _changed(fmt: TextFormat, changes: tuple | None) -> TextFormat:
    return PLAIN._replace(color=fmt.color) if changes is None else fmt._replace(**dict(changes))


class _TextWriter:
    """Collects the pieces of one text argument: <mtext> runs and nested math."""

    def __init__(self, p: Parser, fmt: TextFormat) -> None:
        self.p = p
        self.fmt = fmt
        self.pieces: list[str] = []
        self.chars: list[str] = []

    def flush(self) -> None:
        if self.chars:
            text = "".join(self.chars)
            # Browsers drop spaces at the ends of <mtext>; no-break spaces survive.
            if text[0] == " ":
                text = "\u00a0" + text[1:]
            if text[-1] == " ":
                text = text[:-1] + "\u00a0"
            self.pieces.append(f"<mtext{self.fmt.style_attr()}>{escape(text)}</mtext>")
            self.chars = []

    def group(self, opening: Token) -> None:
        """Everything up to the '}' matching `opening`; format switches end with the group."""
        saved = self.fmt
        stream = self.p.stream
        while True:
            tok = stream.next()
            if tok is None:
                self.p.fail("missing '}' to close '{'", opening)
            if tok[0] == "}":
                break
            if tok[0] == "{":
                self.group(tok)
            else:
                self.token(tok)
        if self.fmt != saved:
            self.flush()
            self.fmt = saved

    def token(self, tok: Token) -> None:
        name = tok[0]
        p = self.p
        if name == " ":
            if not self.chars or self.chars[-1] != " ":
                self.chars.append(" ")
        elif name in ("$", "\\("):
            self.flush()
            closer = "$" if name == "$" else "\\)"
            nodes = p.parse_list(closer)
            end = p.stream.next()
            if end is None or end[0] != closer:
                p.fail(f"missing '{closer}' to close math inside text", tok)
            self.pieces.append(f"<mrow>{join_nodes(nodes)}</mrow>")
        elif name in _CHARACTERS:
            self.chars.append(_CHARACTERS[name])
        elif name in ("-", "`", "'"):
            self.chars.append(self.ligature(name))
        elif name in _FORMATS or name == "\\textcolor":
            self.flush()
            fmt = self.fmt
            if name == "\\textcolor":
                fmt = fmt._replace(color=read_color(p, tok))
            self.pieces.append(text_arg(p, tok, _changed(fmt, _FORMATS.get(name, ()))).xml)
        elif name in _SWITCHES:
            self.flush()
            self.fmt = _changed(self.fmt, _SWITCHES[name])
        elif name == "\\color":
            self.flush()
            self.fmt = self.fmt._replace(color=read_color(p, tok))
        elif name in _COMBINING:
            base = "".join(text for text, _ in p.stream.read_arg_raw() or []) or "\u00a0"
            self.chars.append(unicodedata.normalize("NFC", base + _COMBINING[name]))
        elif name in ("\\hspace", "\\kern", "\\hskip"):
            self.flush()
            length = parse_length(p.raw_arg(tok).lstrip("*"))
            if length is None:
                p.fail(f"'{name}' expects a length such as '1em'", tok)
            self.pieces.append(f'<mspace width="{max(length, 0):.4g}em"></mspace>')
        elif name[0] == "\\" and len(name) > 1:
            symbol = COMMAND_SYMBOLS.get(name)
            if symbol is None:
                p.fail(f"unknown command '{name}' in text", tok)
            self.chars.append(symbol[0])
        elif name in ("&", "#"):
            p.fail(f"misplaced '{name}' in text (write '\\{name}')", tok)
        else:
            self.chars.append(name)

    def ligature(self, first: str) -> str:
        """-- and --- are dashes, `` and '' are curly quotes, as TeX's text fonts make them."""
        stream = self.p.stream
        text = first
        while (following := stream.peek_raw()) is not None and text + following[0] in _LIGATURES:
            text += stream.next_raw()[0]
        return _LIGATURES.get(text, text)


def text_arg(p: Parser, owner: Token, fmt: TextFormat = PLAIN) -> Node:
    """A text-mode argument: a braced group, or a single token."""
    writer = _TextWriter(p, fmt)
    tok = p.stream.next_nonspace()
    if tok is None or tok[0] in ("}", "&", "\\\\", "\\end"):
        p.fail(f"'{owner[0]}' is missing an argument", owner)
    if tok[0] == "{":
        writer.group(tok)
    else:
        writer.token(tok)
    writer.flush()
    if len(writer.pieces) == 1:
        return Node(writer.pieces[0])
    if not writer.pieces:
        return Node("<mtext></mtext>")
    return Node(f"<mrow>{''.join(writer.pieces)}</mrow>")


def _text(p: Parser, tok: Token) -> Node:
    return text_arg(p, tok, _changed(PLAIN, _FORMATS[tok[0]]))


def _logo(p: Parser, tok: Token) -> Node:
    return Node(f"<mtext>{_CHARACTERS[tok[0]]}</mtext>")


COMMANDS: dict[str, Callable] = {**{name: _text for name in _FORMATS},
                                 "\\TeX": _logo, "\\LaTeX": _logo}
