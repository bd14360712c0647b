"""Equation numbers: \\tag, \\label, \\eqref, where a number sits, and the post-level pass.

MathML Core has no <mlabeledtr>, so a numbered equation is a row of a full-width <mtable>
(Temml's layout): two 50% glue cells centre the formula, and a zero-width last cell holds the
number, shifted left by its own width so that it ends at the right edge of the column.

Automatic numbers depend on the whole post, so `to_mathml` writes placeholders between
private-use characters, which HTML serialisation leaves alone, and `number_equations` fills
them in document order:

    U+E000 label U+E001              an automatically numbered row, shown as "(N)"; label may be ""
    U+E002 label U+E003 text U+E004  a \\tag{text} row's label: defines label -> text, shows nothing
    U+E005 label U+E006              \\eqref{label}, shown as "(N)"
    U+E007 label U+E008              \\ref{label}, shown as "N"

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

_LABEL = "([^\ue000-\ue008]*)"
_DEFINITION = re.compile(f"\ue000{_LABEL}\ue001|\ue002{_LABEL}\ue003{_LABEL}\ue004")
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

    A row gets a number from \\tag, from a numbering environment, or from a \\label (an author
    who labels an equation means to refer to it); \\notag takes an automatic one away.
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
    if state.notag or not (numbered or label is not None):
        return None
    return f"<mtext>{AUTO_OPEN}{escape(label or '')}{AUTO_CLOSE}</mtext>"


def number_cell(number: str | None, overlap: bool = True) -> str:
    """The last cell of a numbered row; `overlap` gives it no width, so it spans no column."""
    if not overlap:
        return f'<mtd class="ml-tagcell">{number or ""}</mtd>'
    if number is None:
        return '<mtd class="ml-tag"></mtd>'
    return (f'<mtd class="ml-tag"><mpadded width="0"><mrow class="ml-tagbox">{number}</mrow>'
            f"</mpadded></mtd>")


def row_attrs(state: RowState | None) -> str:
    if state is None or state.label is None:
        return ""
    return f' id="{escape(anchor_id(state.label))}"'


def numbered_row(cells: str, number: str | None, attrs: str, glue: bool = True) -> str:
    """One <mtr> of a numbered table: glue, the row's cells, glue, and the number's cell.

    Without glue (multline) the cells span the width and the number takes its own room.
    """
    if glue:
        return f"<mtr{attrs}>{GLUE}{cells}{GLUE}{number_cell(number)}</mtr>"
    return f"<mtr{attrs}>{cells}{number_cell(number, overlap=False)}</mtr>"


def numbered_table(rows: list[str], table_class: str = "") -> str:
    classes = f"ml-eqn {table_class}".strip()
    return f'<mtable class="{classes}" displaystyle="true">{"".join(rows)}</mtable>'


def tagged_formula(p: Parser, state: RowState, body: str) -> str:
    """A display formula with a \\tag or \\label outside any environment."""
    number = row_number(state, numbered=False)
    if number is None:
        return body
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
