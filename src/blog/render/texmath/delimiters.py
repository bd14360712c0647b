"""Delimiters that grow: \\left…\\middle…\\right around their contents, \\big…\\Bigg by steps."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from .mathml import Node, escape, join_nodes, operator
from .symbols import COMMAND_SYMBOLS
from .tokenizer import Token

if TYPE_CHECKING:
    from .parser import Parser

# What a delimiter token draws; "." draws nothing but still balances.
_ALIASES = {"<": "\u27e8", ">": "\u27e9", "\\lt": "\u27e8", "\\gt": "\u27e9", ".": "",
            "\\vert": "|", "\\Vert": "\u2016", "\\|": "\u2016", "\\mid": "\u2223"}
_PLAIN = frozenset("()[]|/")
_DELIMITER_CLASSES = frozenset({"open", "close", "ord", "rel", "bin"})


def read_delimiter(p: Parser, owner: Token) -> tuple[str, str]:
    """The delimiter after \\left, \\right, \\big…: (its source text, its escaped character).

    A braced one, `\\Bigg{|}`, is read as KaTeX and MathJax read it."""
    tok = p.stream.next_nonspace()
    name = tok[0] if tok else ""
    if name == "{":
        inner = p.stream.next_nonspace()
        closing = p.stream.next_nonspace()
        if inner is None or closing is None or closing[0] != "}":
            p.fail(f"'{owner[0]}{{…}}' must hold one delimiter, such as '{owner[0]}{{|}}'", owner)
        name = inner[0]
    if name in _ALIASES:
        return name, escape(_ALIASES[name])
    if name in _PLAIN:
        return name, name
    symbol = COMMAND_SYMBOLS.get(name) if name.startswith("\\") else None
    if symbol is not None and symbol[1] in _DELIMITER_CLASSES:
        return name, escape(symbol[0])
    shown = f", not '{name}'" if name else ""
    p.fail(f"'{owner[0]}' must be followed by a delimiter such as '(' or '.'{shown}", owner)


def _fence(char: str, form: str) -> str:
    if not char:
        return ""
    return f'<mo fence="true" form="{form}" stretchy="true">{char}</mo>'


def _left(p: Parser, tok: Token) -> Node:
    source, opening = read_delimiter(p, tok)
    parts = [_fence(opening, "prefix")]
    while True:
        parts.append(join_nodes(p.parse_list(None)))
        end = p.stream.next()
        name = end[0] if end else None
        if name == "\\middle":
            _, char = read_delimiter(p, end)
            parts.append(f'<mo fence="true" form="infix" stretchy="true" lspace="0.1667em" '
                         f'rspace="0.1667em">{char}</mo>')
        elif name == "\\right":
            parts.append(_fence(read_delimiter(p, end)[1], "postfix"))
            return Node(f"<mrow>{''.join(parts)}</mrow>", "inner")
        elif name in (None, "}", "\\end", "&", "\\\\", "\\cr"):
            p.fail(f"'\\left{source}' has no matching '\\right'", tok)
        else:
            p.unexpected(end)


_BIG_SIZES = {"big": "1.2em", "Big": "1.8em", "bigg": "2.4em", "Bigg": "3em"}
_BIG_ROLES = {"": ("ord", ' lspace="0em" rspace="0em"'), "l": ("open", ' fence="true" form="prefix"'),
              "r": ("close", ' fence="true" form="postfix"'),
              "m": ("rel", ' lspace="0.2778em" rspace="0.2778em"')}
_BIG = {f"\\{size}{role}": (_BIG_SIZES[size], role) for size in _BIG_SIZES for role in _BIG_ROLES}


def _big(p: Parser, tok: Token) -> Node | None:
    size, role = _BIG[tok[0]]
    _, char = read_delimiter(p, tok)
    if not char:
        return None
    cls, attrs = _BIG_ROLES[role]
    sizing = f' minsize="{size}" maxsize="{size}" stretchy="true" symmetric="true"'
    return operator(char, cls, attrs + sizing)


COMMANDS: dict[str, Callable] = {"\\left": _left, **{name: _big for name in _BIG}}
