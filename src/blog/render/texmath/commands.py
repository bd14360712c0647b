"""Commands with arguments: fractions, roots, fonts, operator names, atom classes, colour.

A handler is `handler(parser, token) -> Node | None` and reads its own arguments. A switch
(\\displaystyle, \\color, \\bf, \\over) acts on the rest of its group, so it also receives the
atoms before it and the token that will close the group, and returns the group's new atoms.
"""
from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Callable

from .mathml import Node, escape, escape_attr, join_nodes, operator, parse_length, row
from .styles import DISPLAY, STYLE_ATTRS, TEXT, SCRIPT, SCRIPTSCRIPT, fraction_style
from .symbols import ASCII_GLYPHS, COMMAND_SYMBOLS, class_of_char
from .tokenizer import Token

if TYPE_CHECKING:
    from .parser import Parser

_NO_SPACING = ' lspace="0em" rspace="0em"'


# --- fractions and roots ------------------------------------------------------------------

def _frac(p: Parser, tok: Token) -> Node:
    name = tok[0]
    outer = {"\\dfrac": DISPLAY, "\\tfrac": TEXT, "\\cfrac": DISPLAY}.get(name, p.style)
    if name == "\\cfrac":
        p.stream.read_optional_raw()  # [l]/[r] numerator alignment: centred is close enough
    saved, p.style = p.style, DISPLAY if name == "\\cfrac" else fraction_style(outer)
    numerator, denominator = p.arg(tok).xml, p.arg(tok).xml
    p.style = saved
    if name == "\\cfrac":
        numerator = f"<mstyle{STYLE_ATTRS[DISPLAY]}>{numerator}</mstyle>"
        denominator = f"<mstyle{STYLE_ATTRS[DISPLAY]}>{denominator}</mstyle>"
    xml = f"<mfrac>{numerator}{denominator}</mfrac>"
    if outer != saved:
        xml = f"<mstyle{STYLE_ATTRS[outer]}>{xml}</mstyle>"
    return Node(xml)


def _binom(p: Parser, tok: Token) -> Node:
    outer = {"\\dbinom": DISPLAY, "\\tbinom": TEXT}.get(tok[0], p.style)
    saved, p.style = p.style, fraction_style(outer)
    top, bottom = p.arg(tok).xml, p.arg(tok).xml
    p.style = saved
    xml = binomial(top, bottom)
    if outer != saved:
        xml = f"<mstyle{STYLE_ATTRS[outer]}>{xml}</mstyle>"
    return Node(xml, "inner")


def binomial(top: str, bottom: str) -> str:
    return (f'<mrow><mo fence="true" form="prefix">(</mo><mfrac linethickness="0">{top}{bottom}'
            f'</mfrac><mo fence="true" form="postfix">)</mo></mrow>')


def _genfrac(p: Parser, tok: Token) -> Node:
    """\\genfrac{(}{)}{0pt}{1}{a}{b}: delimiters, rule thickness, style, then the two parts."""
    left, right, thickness, style = (p.raw_arg(tok) for _ in range(4))
    width = parse_length(thickness) if thickness else None
    outer = {"0": DISPLAY, "1": TEXT, "2": SCRIPT, "3": SCRIPTSCRIPT}.get(style, p.style)
    saved, p.style = p.style, fraction_style(outer)
    top, bottom = p.arg(tok).xml, p.arg(tok).xml
    p.style = saved
    line = "" if width is None else f' linethickness="{max(width, 0):.4g}em"'
    fence = '<mo fence="true" form="{}">{}</mo>'
    opening = fence.format("prefix", escape(_GENFRAC_DELIMITERS.get(left, left))) if left else ""
    closing = fence.format("postfix", escape(_GENFRAC_DELIMITERS.get(right, right))) if right else ""
    xml = f"<mrow>{opening}<mfrac{line}>{top}{bottom}</mfrac>{closing}</mrow>"
    if outer != saved:
        xml = f"<mstyle{STYLE_ATTRS[outer]}>{xml}</mstyle>"
    return Node(xml, "inner" if left or right else "ord")


_GENFRAC_DELIMITERS = {"\\{": "{", "\\}": "}", "\\langle": "\u27e8", "\\rangle": "\u27e9",
                       "\\lvert": "|", "\\rvert": "|", "\\lVert": "\u2016", "\\rVert": "\u2016"}


def _infix_fraction(p: Parser, tok: Token, before: list[Node], closer: str | None) -> list[Node]:
    """\\over, \\atop, \\choose and \\above split their whole group in two."""
    after = p.parse_list(closer)
    top, bottom = row(before).xml, row(after).xml
    name = tok[0]
    if name == "\\choose":
        return [Node(binomial(top, bottom), "inner")]
    thickness = ' linethickness="0"' if name == "\\atop" else ""
    return [Node(f"<mfrac{thickness}>{top}{bottom}</mfrac>")]


def _sqrt(p: Parser, tok: Token) -> Node:
    index = p.optional_nodes()
    radicand = p.arg(tok).xml
    if index is None:
        return Node(f"<msqrt>{radicand}</msqrt>")
    return Node(f"<mroot>{radicand}{row(index).xml}</mroot>")


# --- fonts ----------------------------------------------------------------------------------

_KEEP = "keep"  # \boldsymbol keeps the family and only makes it bold
_FONTS = {
    "\\mathrm": ("rm", False), "\\mathup": ("rm", False), "\\mathbf": ("rm", True),
    "\\mathit": ("it", False), "\\mathbfit": ("it", True), "\\mathcal": ("cal", False),
    "\\mathscr": ("cal", False), "\\mathbfcal": ("cal", True), "\\mathbfscr": ("cal", True),
    "\\mathfrak": ("frak", False), "\\mathbffrak": ("frak", True), "\\mathbb": ("bb", False),
    "\\mathsf": ("sf", False), "\\mathbfsf": ("sf", True), "\\mathsfit": ("sfit", False),
    "\\mathtt": ("tt", False), "\\mathnormal": (None, False), "\\boldsymbol": (_KEEP, True),
    "\\symbf": ("rm", True), "\\symrm": ("rm", False), "\\symit": ("it", False),
    "\\symcal": ("cal", False), "\\symscr": ("cal", False), "\\symbb": ("bb", False),
    "\\symsf": ("sf", False), "\\symtt": ("tt", False), "\\symfrak": ("frak", False),
    "\\symbfit": ("it", True),
}
_FONT_SWITCHES = {"\\rm": ("rm", False), "\\bf": ("rm", True), "\\it": ("it", False),
                  "\\cal": ("cal", False), "\\sf": ("sf", False), "\\tt": ("tt", False),
                  "\\mit": (None, False), "\\boldmath": (_KEEP, True)}


def _font(p: Parser, tok: Token) -> Node:
    family, bold = _FONTS[tok[0]]
    saved = p.family, p.bold
    # Inside \boldsymbol every alphabet is bold: \boldsymbol{\mathcal{L}} is 𝓛.
    p.family, p.bold = (p.family if family == _KEEP else family), bold or p.bold
    nodes = p.arg_nodes(tok)
    p.family, p.bold = saved
    return row(nodes)


def _font_switch(p: Parser, tok: Token, before: list[Node], closer: str | None) -> list[Node]:
    family, bold = _FONT_SWITCHES[tok[0]]
    saved = p.family, p.bold
    p.family, p.bold = (p.family if family == _KEEP else family), bold
    rest = p.parse_list(closer)
    p.family, p.bold = saved
    return before + rest


# --- operator names and atom classes ------------------------------------------------------

_OPERATOR_NAMES = {
    **{f"\\{name}": (name, None) for name in (
        "arccos arcsin arctan arctg arcctg arg ch cos cosec cosh cot cotg coth csc ctg cth deg "
        "dim exp hom ker lg ln log sec sin sinh sh sgn tan tanh tg th").split()},
    **{f"\\{name}": (name, "display") for name in "det gcd inf lim max min Pr sup".split()},
    "\\liminf": ("lim\u2009inf", "display"), "\\limsup": ("lim\u2009sup", "display"),
    "\\injlim": ("inj\u2009lim", "display"), "\\projlim": ("proj\u2009lim", "display"),
}


def _named_operator(p: Parser, tok: Token) -> Node:
    name, limits = _OPERATOR_NAMES[tok[0]]
    return Node(f"<mi>{name}</mi>", "fn", limits=limits)


def _operatorname(p: Parser, tok: Token) -> Node:
    limits = "display" if p.star() else None
    saved = p.family, p.bold
    p.family, p.bold = "rm", False
    nodes = p.arg_nodes(tok)
    p.family, p.bold = saved
    words = [node.word for node in nodes]
    if nodes and None not in words:
        word = "".join(words)
        attrs = ' mathvariant="normal"' if len(word) == 1 else ""
        return Node(f"<mi{attrs}>{word}</mi>", "fn", limits=limits)
    return Node(f"<mrow>{join_nodes(nodes)}</mrow>", "fn", limits=limits)


def _mathop(p: Parser, tok: Token) -> Node:
    nodes = p.arg_nodes(tok)
    if len(nodes) == 1 and nodes[0].char is not None:
        return operator(nodes[0].char, "op", nodes[0].attrs, limits="display")
    return Node(row(nodes).xml, "fn", limits="display")


_CLASSES = {"\\mathbin": "bin", "\\mathrel": "rel", "\\mathord": "ord", "\\mathopen": "open",
            "\\mathclose": "close", "\\mathpunct": "punct", "\\mathinner": "inner"}
# Spacing MathML gives an <mo> of that class, for content that is not an <mo>.
_GAPS = {"bin": ("0.2222em", "0.2222em"), "rel": ("0.2778em", "0.2778em"),
         "punct": ("0em", "0.1667em")}


def _math_class(p: Parser, tok: Token) -> Node:
    cls = _CLASSES[tok[0]]
    nodes = p.arg_nodes(tok)
    if len(nodes) == 1:
        node = nodes[0]
        if node.char is not None:
            return operator(node.char, cls, node.attrs + (_NO_SPACING if cls == "ord" else ""))
        if node.cls == cls:
            return node
    xml = row(nodes).xml
    if cls in _GAPS:
        left, right = _GAPS[cls]
        xml = f'<mrow><mspace width="{left}"></mspace>{xml}<mspace width="{right}"></mspace></mrow>'
    return Node(xml, cls)


def _not(p: Parser, tok: Token) -> Node:
    """\\not= is ≠: the symbol with U+0338 laid over it, composed where Unicode can."""
    following = p.stream.next_nonspace()
    name = following[0] if following else ""
    if name.startswith("\\"):
        symbol = COMMAND_SYMBOLS.get(name)
    elif len(name) == 1 and name not in "{}&^_":
        symbol = (ASCII_GLYPHS.get(name, name), class_of_char(name))
    else:
        symbol = None
    if symbol is None:
        p.fail("'\\not' must be followed by a symbol such as '=' or '\\in'", tok)
    negated = unicodedata.normalize("NFC", symbol[0] + "\u0338")
    return operator(escape(negated), "rel" if symbol[1] == "ord" else symbol[1])


# --- colour and styles --------------------------------------------------------------------

_COLOR_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*$")
_HEX = re.compile(r"#?([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")
_PERCENT = re.compile(r"\d{1,3}$")


def css_color(model: str | None, value: str) -> str | None:
    """A LaTeX/xcolor colour as CSS: names, #hex, [HTML]{…}, [rgb]{…}, [RGB]{…}, red!30!blue."""
    value = value.strip()
    if model is None:
        if value.startswith("#") and _HEX.match(value):
            return value
        if _COLOR_NAME.match(value):
            return value
        parts = value.split("!")
        if len(parts) in (2, 3) and _COLOR_NAME.match(parts[0]) and _PERCENT.match(parts[1]):
            other = parts[2] if len(parts) == 3 else "white"
            if _COLOR_NAME.match(other):
                return f"color-mix(in srgb, {parts[0]} {min(int(parts[1]), 100)}%, {other})"
        return None
    numbers = [part.strip() for part in value.split(",")]
    try:
        if model == "HTML" and _HEX.match(value):
            return "#" + value.lstrip("#")
        if model == "rgb" and len(numbers) == 3:
            return "rgb({},{},{})".format(*(round(float(n) * 255) for n in numbers))
        if model == "RGB" and len(numbers) == 3:
            return "rgb({},{},{})".format(*(int(n) for n in numbers))
        if model == "gray" and len(numbers) == 1:
            level = round(float(numbers[0]) * 255)
            return f"rgb({level},{level},{level})"
    except ValueError:
        return None
    return None


def read_color(p: Parser, tok: Token) -> str:
    model = p.stream.read_optional_raw()
    model_text = None if model is None else "".join(t for t, _ in model).strip()
    value = p.raw_arg(tok)
    color = css_color(model_text, value)
    if color is None:
        shown = value if model_text is None else f"[{model_text}]{{{value}}}"
        p.fail(f"unsupported colour '{shown}' (expected a name, #hex or [HTML]{{hex}})", tok)
    return escape_attr(color)


def _color_switch(p: Parser, tok: Token, before: list[Node], closer: str | None) -> list[Node]:
    color = read_color(p, tok)
    rest = p.parse_list(closer)
    return before + [Node(f'<mstyle mathcolor="{color}">{join_nodes(rest)}</mstyle>')]


def _textcolor(p: Parser, tok: Token) -> Node:
    color = read_color(p, tok)
    node = row(p.arg_nodes(tok))
    return Node(f'<mstyle mathcolor="{color}">{node.xml}</mstyle>', node.cls)


_STYLE_SWITCHES = {"\\displaystyle": DISPLAY, "\\textstyle": TEXT, "\\scriptstyle": SCRIPT,
                   "\\scriptscriptstyle": SCRIPTSCRIPT}
_SIZES = {"\\tiny": "50%", "\\scriptsize": "70%", "\\footnotesize": "80%", "\\small": "90%",
          "\\normalsize": "100%", "\\large": "120%", "\\Large": "144%", "\\LARGE": "173%",
          "\\huge": "207%", "\\Huge": "249%"}


def _style_switch(p: Parser, tok: Token, before: list[Node], closer: str | None) -> list[Node]:
    style = _STYLE_SWITCHES[tok[0]]
    saved, p.style = p.style, style
    rest = p.parse_list(closer)
    p.style = saved
    return before + [Node(f"<mstyle{STYLE_ATTRS[style]}>{join_nodes(rest)}</mstyle>")]


def _size_switch(p: Parser, tok: Token, before: list[Node], closer: str | None) -> list[Node]:
    rest = p.parse_list(closer)
    return before + [Node(f'<mstyle mathsize="{_SIZES[tok[0]]}">{join_nodes(rest)}</mstyle>')]


def _mathchoice(p: Parser, tok: Token) -> Node:
    choices = [p.arg(tok) for _ in range(4)]
    return choices[p.style]


def _unicode(p: Parser, tok: Token) -> Node:
    """MathJax's \\unicode{x2200} or \\unicode{8704}: one character by its code point."""
    code = p.raw_arg(tok)
    try:
        char = chr(int(code[1:], 16) if code[:1] in "xX" else int(code))
    except (ValueError, OverflowError):
        p.fail(f"'\\unicode' expects a code point such as 'x2200', not '{code}'", tok)
    if unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn"):
        p.fail(f"unsupported character U+{ord(char):04X}", tok)
    return p.symbol(char, class_of_char(char))


def _ignored(p: Parser, tok: Token) -> None:
    return None


def _ensuremath(p: Parser, tok: Token) -> Node:
    """\\ensuremath, \\vcenter and \\href{url}{…} draw their (last) argument as it is."""
    if tok[0] == "\\href":
        p.raw_arg(tok)  # a link cannot live inside MathML Core; the text stays
    return p.arg(tok)


def _ignored_with_argument(p: Parser, tok: Token) -> None:
    """\vspace{…} and MathJax's \require{…} change nothing a browser would draw here."""
    p.star()
    p.raw_arg(tok)


COMMANDS: dict[str, Callable] = {
    "\\frac": _frac, "\\dfrac": _frac, "\\tfrac": _frac, "\\cfrac": _frac,
    "\\binom": _binom, "\\dbinom": _binom, "\\tbinom": _binom, "\\sqrt": _sqrt,
    **{name: _font for name in _FONTS}, **{name: _named_operator for name in _OPERATOR_NAMES},
    "\\operatorname": _operatorname, "\\mathop": _mathop,
    **{name: _math_class for name in _CLASSES}, "\\not": _not,
    "\\textcolor": _textcolor, "\\mathchoice": _mathchoice, "\\ensuremath": _ensuremath,
    "\\vcenter": _ensuremath, "\\href": _ensuremath, "\\genfrac": _genfrac,
    "\\unicode": _unicode,
    **{name: _ignored for name in ("\\relax", "\\nobreak", "\\allowbreak", "\\nolinebreak",
                                   "\\protect", "\\*", "\\/", "\\displaybreak",
                                   "\\allowdisplaybreaks", "\\hfill", "\\hfil", "\\smallskip",
                                   "\\medskip", "\\bigskip", "\\noindent")},
    "\\vspace": _ignored_with_argument, "\\require": _ignored_with_argument,
}

SWITCHES: dict[str, Callable] = {
    **{name: _font_switch for name in _FONT_SWITCHES}, "\\color": _color_switch,
    **{name: _style_switch for name in _STYLE_SWITCHES},
    **{name: _size_switch for name in _SIZES},
    **{name: _infix_fraction for name in ("\\over", "\\atop", "\\choose")},
}
