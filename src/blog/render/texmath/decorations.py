"""What is drawn over, under, around or instead of an argument: accents, braces, stacked
symbols, extensible arrows, boxes, cancel strokes, phantoms, and horizontal space.

Accent characters are the spacing forms (ˆ, not U+0302): Chromium centres those over the
base, while combining marks land to its left. Only the wide accents stretch.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from .commands import read_color
from .mathml import Node, parse_length, row, space
from .styles import script_style
from .text import text_arg
from .tokenizer import Token

if TYPE_CHECKING:
    from .parser import Parser

_ACCENTS = {
    "\\hat": "\u02c6", "\\check": "\u02c7", "\\tilde": "\u02dc", "\\acute": "\u00b4",
    "\\grave": "\u02cb", "\\dot": "\u02d9", "\\ddot": "\u00a8", "\\dddot": "\u22ef",
    "\\breve": "\u02d8", "\\bar": "\u00af", "\\vec": "\u2192", "\\mathring": "\u02da",
}
_WIDE_OVER = {
    "\\widehat": "\u0302", "\\widetilde": "\u02dc", "\\widecheck": "\u02c7",
    "\\overline": "\u203e", "\\overrightarrow": "\u2192", "\\overleftarrow": "\u2190",
    "\\overleftrightarrow": "\u2194", "\\Overrightarrow": "\u21d2",
    "\\overleftharpoon": "\u21bc", "\\overrightharpoon": "\u21c0", "\\overgroup": "\u23e0",
    "\\overparen": "\u23dc", "\\wideparen": "\u23dc",
}
_WIDE_UNDER = {
    "\\underline": "_", "\\underrightarrow": "\u2192", "\\underleftarrow": "\u2190",
    "\\underleftrightarrow": "\u2194", "\\undergroup": "\u23e1", "\\underparen": "\u23dd",
    "\\utilde": "\u02dc",
}
_NARROW_FORM = {"\\widehat": "\u02c6", "\\widetilde": "\u02dc", "\\widecheck": "\u02c7"}
_BRACES = {"\\overbrace": ("mover", "\u23de"), "\\underbrace": ("munder", "\u23df"),
           "\\overbracket": ("mover", "\u23b4"), "\\underbracket": ("munder", "\u23b5")}


def _accent(p: Parser, tok: Token) -> Node:
    base = p.arg(tok).xml
    # A full-size → dwarfs the letter under it; LaTeX's \vec arrow is a small one.
    size = ' mathsize="70%"' if tok[0] == "\\vec" else ""
    lift = _accent_lift(tok[0], base)
    if lift:
        size += f' style="transform:translateY(-{lift}em)"'
    mark = f'<mo stretchy="false"{size}>{_ACCENTS[tok[0]]}</mo>'
    return Node(f'<mover accent="true">{base}{mark}</mover>')


_SHORT_LETTERS = frozenset("acemnorsuvwxzıȷαγεϵικμνοπρστυχωϖϱς")
_TALL_LETTERS = frozenset("bdfhkltβδζθϑλξ")


def _accent_lift(command: str, base: str) -> float:
    """How far (em) to raise an accent over one lowercase letter: Chromium sets it on the letter's
    top with no gap, where TeX leaves one; STIX's ˜ and ¯ also sit low in their own boxes."""
    if not _is_one_character(base):
        return 0
    letter = base[4]
    if letter in _TALL_LETTERS:
        return 0.1
    return _SHORT_LIFT.get(command, 0) if letter in _SHORT_LETTERS else 0


_SHORT_LIFT = {"\\tilde": 0.12, "\\bar": 0.08}  # the marks STIX draws lowest


def _wide_accent(p: Parser, tok: Token) -> Node:
    name = tok[0]
    base = p.arg(tok).xml
    if name in _WIDE_UNDER:
        mark = f'<mo stretchy="true">{_WIDE_UNDER[name]}</mo>'
        return Node(f'<munder accentunder="true">{base}{mark}</munder>')
    if name in _NARROW_FORM and _is_one_character(base):
        mark = f'<mo stretchy="false">{_NARROW_FORM[name]}</mo>'
    elif name == "\\widetilde":
        # No math font lets a browser stretch ˜ sideways, so scale it to the base's width.
        scale = min(6.0, max(1.0, 1.2 * len(_TAGS.sub("", base))))
        mark = f'<mo stretchy="false" style="transform:scaleX({scale:.2g})">\u02dc</mo>'
    else:
        mark = f'<mo stretchy="true">{_WIDE_OVER[name]}</mo>'
    return Node(f'<mover accent="true">{base}{mark}</mover>')


_TAGS = re.compile(r"<[^>]*>")


def _is_one_character(xml: str) -> bool:
    return xml.startswith(("<mi>", "<mn>")) and len(xml) - 9 == 1


def _brace(p: Parser, tok: Token) -> Node:
    """\\underbrace{…}_{label}: a brace whose scripts always go under or over it.

    Chromium draws a long stretched ⏟ as a dashed line, so math.css draws the two braces
    below or above their base instead (the class names the side)."""
    tag, char = _BRACES[tok[0]]
    base = p.arg(tok).xml
    if tok[0] in _CSS_BRACES:
        return Node(f'<mrow class="{_CSS_BRACES[tok[0]]}">{base}</mrow>', limits="always")
    accent = "accent" if tag == "mover" else "accentunder"
    return Node(f'<{tag} {accent}="true">{base}<mo stretchy="true">{char}</mo></{tag}>',
                limits="always")


_CSS_BRACES = {"\\underbrace": "ml-underbrace", "\\overbrace": "ml-overbrace"}


def _stack(p: Parser, tok: Token) -> Node:
    """\\overset{a}{b} and \\underset{a}{b}: b keeps its class, so \\overset{def}{=} is a relation."""
    script = p.arg_in_style(tok, script_style(p.style)).xml
    nodes = p.arg_nodes(tok)
    base = nodes[0] if len(nodes) == 1 else row(nodes)
    base_xml = base.xml
    if base.char is not None and base.cls == "op":
        base_xml = f'<mo movablelimits="false"{base.attrs}>{base.char}</mo>'
    tag = "mover" if tok[0] == "\\overset" else "munder"
    if base.cls in ("bin", "rel"):
        cls = base.cls
    else:
        cls = "fn" if nodes and all(node.cls == "fn" for node in nodes) else "ord"
    return Node(f"<{tag}>{base_xml}{script}</{tag}>", cls)


def _prescript(p: Parser, tok: Token) -> Node:
    """\\prescript{sup}{sub}{base}: scripts before the base, as <mmultiscripts> places them."""
    style = script_style(p.style)
    sup, sub = p.arg_in_style(tok, style).xml, p.arg_in_style(tok, style).xml
    base = p.arg(tok).xml
    return Node(f"<mmultiscripts>{base}<mprescripts></mprescripts>{sub}{sup}</mmultiscripts>")


_XARROWS = {
    "\\xrightarrow": "\u2192", "\\xleftarrow": "\u2190", "\\xleftrightarrow": "\u2194",
    "\\xRightarrow": "\u21d2", "\\xLeftarrow": "\u21d0", "\\xLeftrightarrow": "\u21d4",
    "\\xmapsto": "\u21a6", "\\xhookrightarrow": "\u21aa", "\\xhookleftarrow": "\u21a9",
    "\\xrightharpoonup": "\u21c0", "\\xrightharpoondown": "\u21c1",
    "\\xleftharpoonup": "\u21bc", "\\xleftharpoondown": "\u21bd",
    "\\xtwoheadrightarrow": "\u21a0", "\\xtwoheadleftarrow": "\u219e", "\\xlongequal": "=",
    "\\xrightleftharpoons": "\u21cc", "\\xleftrightharpoons": "\u21cb",
}


def _xarrow(p: Parser, tok: Token) -> Node:
    """\\xrightarrow[below]{above}: an arrow that stretches under and over its labels, which sit
    close to it (accent placement); with no label below, a blank one gives amsmath's least length."""
    saved, p.style = p.style, script_style(p.style)
    below = p.optional_nodes()
    above = p.arg(tok).xml
    p.style = saved
    arrow = f'<mo stretchy="true">{_XARROWS[tok[0]]}</mo>'
    under = _label(row(below).xml) if below is not None else _MIN_ARROW
    return Node(f'<munderover accent="true" accentunder="true">{arrow}{under}{_label(above)}</munderover>',
                "rel")


_MIN_ARROW = '<mspace width="1.8em"></mspace>'



def _label(xml: str) -> str:
    """An arrow label with room at both ends; an empty one still gives the arrow some length."""
    if xml == "<mrow></mrow>":
        return '<mspace width="1.5em"></mspace>'
    pad = '<mspace width="0.3em"></mspace>'
    return f'<mstyle mathsize="70%">{pad}{xml}{pad}</mstyle>'  # accent placement keeps the size


def _phantom(p: Parser, tok: Token) -> Node:
    name = tok[0]
    inner = p.arg(tok).xml
    if name == "\\phantom":
        return Node(f"<mphantom>{inner}</mphantom>")
    if name == "\\hphantom":
        return Node(f'<mpadded height="0" depth="0"><mphantom>{inner}</mphantom></mpadded>')
    return Node(f'<mpadded width="0"><mphantom>{inner}</mphantom></mpadded>')


def _smash(p: Parser, tok: Token) -> Node:
    which = p.stream.read_optional_raw()
    which_text = "".join(t for t, _ in which).strip() if which else ""
    attrs = {"t": ' height="0"', "b": ' depth="0"'}.get(which_text, ' height="0" depth="0"')
    return Node(f"<mpadded{attrs}>{p.arg(tok).xml}</mpadded>")


_LAP_SHIFT = {"\\rlap": "", "\\mathrlap": "", "\\llap": "-100%", "\\mathllap": "-100%",
              "\\clap": "-50%", "\\mathclap": "-50%"}


def _lap(p: Parser, tok: Token) -> Node:
    """Zero-width content; Core's mpadded has no negative lspace, so a transform moves it."""
    inner = p.arg(tok).xml
    shift = _LAP_SHIFT[tok[0]]
    if shift:
        inner = f'<mrow style="transform:translateX({shift})">{inner}</mrow>'
    return Node(f'<mpadded width="0">{inner}</mpadded>')


def _raisebox(p: Parser, tok: Token) -> Node:
    length = parse_length(p.raw_arg(tok))
    if length is None:
        p.fail("'\\raisebox' expects a length such as '0.5em'", tok)
    return Node(f'<mpadded voffset="{length:.4g}em">{text_arg(p, tok).xml}</mpadded>')


def _boxed(p: Parser, tok: Token) -> Node:
    name = tok[0]
    if name == "\\boxed":
        return Node(f'<mrow class="ml-boxed">{p.arg(tok).xml}</mrow>')
    if name == "\\fbox":
        return Node(f'<mrow class="ml-boxed">{text_arg(p, tok).xml}</mrow>')
    border = read_color(p, tok) if name == "\\fcolorbox" else None
    background = read_color(p, tok)
    style = f' style="border-color:{border}"' if border else ""
    box = "ml-boxed" if border else "ml-colorbox"
    return Node(f'<mrow class="{box}" mathbackground="{background}"{style}>'
                f"{text_arg(p, tok).xml}</mrow>")


_CANCELS = {"\\cancel": "ml-cancel", "\\bcancel": "ml-bcancel", "\\xcancel": "ml-xcancel",
            "\\sout": "ml-sout"}


def _cancel(p: Parser, tok: Token) -> Node:
    return Node(f'<mrow class="{_CANCELS[tok[0]]}">{p.arg(tok).xml}</mrow>')


# Widths in em: \, is 3mu, \: 4mu, \; 5mu, and 18mu make an em.
_SPACES = {"\\,": 3 / 18, "\\:": 4 / 18, "\\>": 4 / 18, "\\;": 5 / 18, "\\!": -3 / 18,
           "\\ ": 1 / 3, "\\quad": 1.0, "\\qquad": 2.0, "\\enskip": 0.5, "\\space": 1 / 3}


def _space(p: Parser, tok: Token) -> Node:
    return space(_SPACES[tok[0]])


def _skip(p: Parser, tok: Token) -> Node:
    """\\hspace{1em}, \\kern-2pt, \\mkern3mu, \\mskip…: glue of a given length."""
    if tok[0] == "\\hspace":
        p.star()
    p.stream.skip_raw_spaces()
    following = p.stream.peek_raw()
    if following is not None and following[0] == "{":
        text = p.raw_arg(tok)
    else:
        text = _unbraced_length(p)
    length = parse_length(text)
    if length is None:
        p.fail(f"'{tok[0]}' expects a length such as '1em', not '{text}'", tok)
    return space(length)


def _unbraced_length(p: Parser) -> str:
    chars: list[str] = []
    while len(chars) < 24:
        following = p.stream.peek_raw()
        if following is None or len(following[0]) != 1:
            break
        char = following[0]
        if not (char.isascii() and (char.isalnum() or char in "+-. ")):
            break
        p.stream.next_raw()
        chars.append(char)
        if len(chars) >= 2 and chars[-1].isalpha() and chars[-2].isalpha():
            break  # the two-letter unit ends it
    return "".join(chars)


COMMANDS: dict[str, Callable] = {
    **{name: _accent for name in _ACCENTS},
    **{name: _wide_accent for name in (*_WIDE_OVER, *_WIDE_UNDER)},
    **{name: _brace for name in _BRACES}, "\\overset": _stack, "\\underset": _stack,
    "\\prescript": _prescript,
    **{name: _xarrow for name in _XARROWS},
    "\\phantom": _phantom, "\\hphantom": _phantom, "\\vphantom": _phantom, "\\smash": _smash,
    **{name: _lap for name in _LAP_SHIFT}, "\\raisebox": _raisebox,
    "\\boxed": _boxed, "\\fbox": _boxed, "\\colorbox": _boxed, "\\fcolorbox": _boxed,
    **{name: _cancel for name in _CANCELS}, **{name: _space for name in _SPACES},
    **{name: _skip for name in ("\\hspace", "\\kern", "\\mkern", "\\hskip", "\\mskip",
                                "\\mspace")},
}
