"""Equation numbers: \\tag, \\label, \\eqref, where a number sits, and the post-level pass.

MathML Core has no <mlabeledtr>, so a numbered equation is a row of a full-width <mtable>
(Temml's layout): an invisible copy of the number, two 50% glue cells around the formula, and
the number. The copy on the left balances the number on the right, so the formula is centred on
the column, the number ends at its right edge, and the two never overlap (as in TeX). When the
row is wider than the column the display scrolls and math.css keeps the number in view.

Automatic numbers depend on the whole post, so `to_mathml` writes placeholders between
private-use characters, which HTML serialisation leaves alone, and `number_equations` fills
them in document order:

    U+E000 label U+E001              an automatically numbered row, shown as "(N)"; label may be ""
    U+E002 label U+E003 text U+E004  a \\tag{text} row's label: defines label -> text, shows nothing
    U+E005 label U+E006              \\eqref{label}, shown as "(N)"
    U+E007 label U+E008              \\ref{label}, shown as "N"
    U+E009                           the invisible copy of the next automatic number

Labels inside placeholders are HTML-escaped; an unknown label shows as "(??)".
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from .mathml import Node, escape
from .text import text_arg
from .tokenizer import Token

if TYPE_CHECKING:
    from .parser import Parser, RowState

AUTO_OPEN, AUTO_CLOSE = "\ue000", "\ue001"
TAG_OPEN, TAG_SEPARATOR, TAG_CLOSE = "\ue002", "\ue003", "\ue004"
EQREF_OPEN, EQREF_CLOSE = "\ue005", "\ue006"
REF_OPEN, REF_CLOSE = "\ue007", "\ue008"
NEXT_NUMBER = "\ue009"

_LABEL = "([^\ue000-\ue009]*)"
_DEFINITION = re.compile(f"\ue000{_LABEL}\ue001|\ue002{_LABEL}\ue003{_LABEL}\ue004|\ue009")
_REFERENCE = re.compile(f"\ue005{_LABEL}\ue006|\ue007{_LABEL}\ue008")
_TAGS = re.compile(r"<[^>]*>")
_NOT_ID = re.compile(r"[^\w-]+")

GLUE = '<mtd class="ml-glue"></mtd>'


def anchor_id(label: str) -> str:
    """The HTML id of a labelled equation: eq:ppo -> eq-eq-ppo."""
    return "eq-" + (_NOT_ID.sub("-", label).strip("-") or "x")


# --- commands -------------------------------------------------------------------------------

def _tag(p: Parser, tok: Token) -> None:
    star = p.star()
    if p.row is None:
        p.fail("'\\tag' is only allowed in display math", tok)
    if p.row.tag is not None:
        p.fail("more than one '\\tag' in one equation", tok)
    p.row.tag = text_arg(p, tok).xml
    p.row.star = star


def _label(p: Parser, tok: Token) -> None:
    name = p.raw_arg(tok)
    if p.row is None:
        p.fail("'\\label' is only allowed in display math", tok)
    if p.row.label is not None:
        p.fail(f"more than one '\\label' in one equation ('{p.row.label}' and '{name}')", tok)
    p.row.label = name
    p.labels.append(name)


def _notag(p: Parser, tok: Token) -> None:
    if p.row is not None:
        p.row.notag = True


def _ref(p: Parser, tok: Token) -> Node:
    name = p.raw_arg(tok)
    p.refs.append(name)
    return Node(f"<mtext>{reference(tok[0], name)}</mtext>")


def reference(command: str, label: str) -> str:
    """The placeholder for \\eqref{label} or \\ref{label}."""
    if command == "\\eqref":
        return f"{EQREF_OPEN}{escape(label)}{EQREF_CLOSE}"
    return f"{REF_OPEN}{escape(label)}{REF_CLOSE}"


COMMANDS: dict[str, Callable] = {"\\tag": _tag, "\\label": _label, "\\notag": _notag,
                                 "\\nonumber": _notag, "\\eqref": _ref, "\\ref": _ref}


# --- layout ---------------------------------------------------------------------------------

def row_number(state: RowState, numbered: bool) -> str | None:
    """The MathML of a row's number, or None when the row has none.

    As in amsmath, a row gets a number from \\tag or from a numbering environment, and \\notag
    takes an automatic one away; a \\label alone numbers nothing.
    """
    label = state.label
    if state.tag is not None:
        shown = state.tag
        plain = _TAGS.sub("", shown)
        definition = f"{TAG_OPEN}{escape(label)}{TAG_SEPARATOR}{plain}{TAG_CLOSE}" if label else ""
        if shown.startswith("<mtext>") and shown.count("<mtext") == 1 and shown.endswith(
                "</mtext>"):
            inner = shown[7:-8]
            return f"<mtext>{definition}{inner if state.star else f'({inner})'}</mtext>"
        if state.star:
            return f"<mrow><mtext>{definition}</mtext>{shown}</mrow>"
        return f"<mrow><mtext>{definition}(</mtext>{shown}<mtext>)</mtext></mrow>"
    if state.notag or not numbered:
        return None
    return f"<mtext>{AUTO_OPEN}{escape(label or '')}{AUTO_CLOSE}</mtext>"


_DEFINED_HERE = re.compile(f"{AUTO_OPEN}{_LABEL}{AUTO_CLOSE}|{TAG_OPEN}{_LABEL}{TAG_SEPARATOR}{_LABEL}{TAG_CLOSE}")


def _copy(number: str | None) -> str:
    """The number's invisible twin, which defines nothing (an automatic one shows the next N)."""
    if number is None:
        return ""
    twin = _DEFINED_HERE.sub(lambda match: NEXT_NUMBER if match.group(0)[0] == AUTO_OPEN else "", number)
    return f"<mphantom>{twin}</mphantom>"


def numbered_row(cells: str, number: str | None, attrs: str, glue: bool = True) -> str:
    """One <mtr> of a numbered table: the number's twin, glue, the row's cells, glue, the number.

    Without glue (multline) the cells span the width between the twin and the number.
    """
    middle = f"{GLUE}{cells}{GLUE}" if glue else cells
    return (f'<mtr{attrs}><mtd class="ml-tagspace">{_copy(number)}</mtd>{middle}'
            f'<mtd class="ml-tag">{number or ""}</mtd></mtr>')


def row_attrs(state: RowState | None) -> str:
    if state is None or state.label is None:
        return ""
    return f' id="{escape(anchor_id(state.label))}"'


def numbered_table(rows: list[str], table_class: str = "") -> str:
    classes = f"ml-eqn {table_class}".strip()
    return f'<mtable class="{classes}" displaystyle="true">{"".join(rows)}</mtable>'


def tagged_formula(p: Parser, state: RowState, body: str) -> str:
    """A display formula with a \\tag outside any environment; a \\label still gives an anchor."""
    number = row_number(state, numbered=False)
    if number is None and state.label is None:
        return body
    if number is None:
        p.unnumbered_labels.append(state.label)
    return numbered_table([numbered_row(f"<mtd>{body}</mtd>", number, row_attrs(state))])


# --- the post-level pass --------------------------------------------------------------------

def number_equations(html: str) -> str:
    """Number a post's equations 1, 2, 3… in document order and resolve \\eqref and \\ref."""
    if not any(char in html for char in "\ue000\ue002\ue005\ue007"):
        return html
    numbers: dict[str, str] = {}
    count = 0

    def define(match: re.Match) -> str:
        nonlocal count
        if match.group(0) == NEXT_NUMBER:
            return f"({count + 1})"
        if match.group(1) is None:
            numbers.setdefault(match.group(2), match.group(3))
            return ""
        count += 1
        if match.group(1):
            numbers.setdefault(match.group(1), str(count))
        return f"({count})"

    def refer(match: re.Match) -> str:
        if match.group(1) is not None:
            number = numbers.get(match.group(1))
            return f"({number})" if number else "(??)"
        return numbers.get(match.group(2)) or "??"

    return _REFERENCE.sub(refer, _DEFINITION.sub(define, html))
