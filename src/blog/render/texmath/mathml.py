"""MathML as strings: escaping, the Node record the parser passes around, rows and spaces.

Nodes carry TeX's atom class so that `join_nodes` can apply the few spacing rules MathML's
operator dictionary gets wrong for TeX input (a binary minus after '=' is a unary sign).
"""
import re


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attr(text: str) -> str:
    return escape(text).replace('"', "&quot;")


class Node:
    """One MathML element plus the TeX facts later steps still need about it.

    `cls` is the atom class: ord, op (a large-operator symbol), fn (a named operator such as
    \\log), bin, rel, open, close, punct, inner, or space (glue, invisible to spacing rules).
    A bare <mo> keeps its escaped `char` and `attrs` so it can be rebuilt with other spacing.
    """

    __slots__ = ("xml", "cls", "char", "attrs", "limits", "word")

    def __init__(self, xml: str, cls: str = "ord", *, char: str | None = None, attrs: str = "",
                 limits: bool | None = None, word: str | None = None) -> None:
        self.xml = xml
        self.cls = cls
        self.char = char  # escaped text of a bare <mo>
        self.attrs = attrs  # that <mo>'s attributes, each with a leading space
        self.limits = limits  # op/fn: scripts go under and over in display style
        self.word = word  # plain text of an upright letter or number, for \operatorname


def operator(char: str, cls: str, attrs: str = "", limits: bool | None = None) -> Node:
    """A bare <mo>; `char` must already be escaped."""
    return Node(f"<mo{attrs}>{char}</mo>", cls, char=char, attrs=attrs, limits=limits)


_SPACING_ATTRS = {"lspace": re.compile(r' lspace="[^"]*"'), "rspace": re.compile(r' rspace="[^"]*"')}


def respaced(node: Node, spacing: str) -> Node:
    """The same bare <mo>, its lspace/rspace replaced by those in `spacing`."""
    attrs = node.attrs
    for name, pattern in _SPACING_ATTRS.items():
        if f" {name}=" in spacing:
            attrs = pattern.sub("", attrs)
    attrs += spacing
    return Node(f"<mo{attrs}>{node.char}</mo>", node.cls, char=node.char, attrs=attrs,
                limits=node.limits)


EMPTY = Node("<mrow></mrow>")
THIN_SPACE = '<mspace width="0.1667em"></mspace>'
APPLY_FUNCTION = "<mo>\u2061</mo>"
_NO_SPACING = ' lspace="0em" rspace="0em"'

# TeX turns a binary operator into an ordinary symbol after these atoms or at the start…
_UNARY_AFTER = frozenset({None, "bin", "op", "fn", "rel", "open", "punct"})
# …and before these atoms or at the end.
_UNARY_BEFORE = frozenset({None, "rel", "close", "punct"})
# TeX puts a thin space between an operator name and an ordinary atom on either side (and
# another operator before it); brackets, punctuation and relations bring their own spacing.
_SPACE_AFTER_FN = frozenset({"ord", "inner"})
_SPACE_BEFORE_FN = frozenset({"ord", "close", "inner", "fn", "op"})


def join_nodes(nodes: list[Node], lead_ord: bool = False) -> str:
    """The children of a row as one string, spaced as TeX would space them.

    `lead_ord` says an empty ordinary atom comes first, as amsmath puts one at the start of
    each `&=` cell so the '=' keeps its relation spacing.
    """
    if len(nodes) == 1 and not lead_ord:
        node = nodes[0]
        if node.cls == "fn":
            return node.xml + APPLY_FUNCTION
        if node.cls == "bin" and node.char is not None:
            return respaced(node, _NO_SPACING).xml
        return node.xml
    classes = [node.cls for node in nodes]
    parts: list[str] = []
    prev = "ord" if lead_ord else None
    prev_rel: Node | None = None  # the last relation, as already written to parts
    prev_rel_index = -1
    if lead_ord and nodes and classes[0] in ("rel", "bin"):
        parts.append("<mrow></mrow>")  # keeps the operator from being read as a prefix
    for i, node in enumerate(nodes):
        cls = classes[i]
        if cls == "space":
            parts.append(node.xml)
            continue
        following = _next_class(classes, i)
        xml = node.xml
        if cls == "bin" and (prev in _UNARY_AFTER or following in _UNARY_BEFORE):
            cls = "ord"
            if node.char is not None:
                xml = respaced(node, _NO_SPACING).xml
        elif cls == "rel":
            if prev == "rel" and prev_rel is not None and node.char is not None:
                parts[prev_rel_index] = respaced(prev_rel, ' rspace="0em"').xml
                node = respaced(node, ' lspace="0em"')
                xml = node.xml
            prev_rel = node if node.char is not None else None
            prev_rel_index = len(parts)
        elif cls == "fn":
            if prev in _SPACE_BEFORE_FN:
                parts.append(THIN_SPACE)
            xml += APPLY_FUNCTION
            if following in _SPACE_AFTER_FN:
                xml += THIN_SPACE
        parts.append(xml)
        prev = cls
    return "".join(parts)


def _next_class(classes: list[str], i: int) -> str | None:
    for cls in classes[i + 1:]:
        if cls != "space":
            return cls
    return None


def row(nodes: list[Node]) -> Node:
    """One node for a braced list: the node itself when alone, else an ordinary <mrow>."""
    if len(nodes) == 1:
        node = nodes[0]
        if node.char is not None and node.cls in ("bin", "rel", "punct"):
            return Node(respaced(node, _NO_SPACING).xml)  # TeX's {=} is an ordinary atom
        if node.cls == "fn":
            return Node(node.xml)  # {\min} names the function, it applies to nothing
        return node
    if not nodes:
        return EMPTY
    return Node(f"<mrow>{join_nodes(nodes)}</mrow>")


def space(width_em: float) -> Node:
    """Horizontal glue; Chromium ignores a negative mspace width, so a negative one is a margin."""
    if width_em >= 0:
        return Node(f'<mspace width="{width_em:.4g}em"></mspace>', "space")
    return Node(f'<mspace width="0" style="margin-left:{width_em:.4g}em"></mspace>', "space")


_LENGTH = re.compile(r"\s*([+-]?)\s*(\d*\.?\d*)\s*(em|ex|pt|mu|px|cm|mm|in|bp|pc|dd|cc|sp)\s*$")
# How many ems one unit is, with TeX's 10pt font.
_EM_PER_UNIT = {
    "em": 1.0, "pt": 0.1, "mu": 1 / 18, "bp": 0.10037, "pc": 1.2, "dd": 0.107, "cc": 1.284,
    "cm": 2.8453, "mm": 0.28453, "in": 7.227, "sp": 0.1 / 65536, "px": 0.1,
}


def parse_length(text: str) -> float | None:
    """A TeX length in em (ex counts as 0.43em), or None when `text` is not one."""
    match = _LENGTH.match(text)
    if match is None or match.group(2) in ("", "."):
        return None
    value = float(match.group(2)) * (-1 if match.group(1) == "-" else 1)
    unit = match.group(3)
    return value * (0.431 if unit == "ex" else _EM_PER_UNIT[unit])
