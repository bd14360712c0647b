"""\\begin{…}…\\end{…}: matrices, cases, arrays and the amsmath alignments, as <mtable>.

MathML Core ignores columnalign, columnlines and rowlines, so alignment, rules and column
gaps are classes on the cells, styled by math.css.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, NamedTuple

from . import numbering
from .mathml import Node, join_nodes, parse_length
from .styles import DISPLAY, SCRIPT, TEXT
from .tokenizer import Token

if TYPE_CHECKING:
    from .parser import Parser


class Env(NamedTuple):
    style: int | None  # the cells' math style; None keeps the surrounding one
    align: str  # c, l, rl (pairs, as in aligned), rcl, array (from the argument), multline
    table_class: str
    fences: tuple[str, str] = ("", "")
    numbered: bool | None = None  # None: rows are not equations; False: only \tag numbers them
    display_only: bool = False


_MATRIX = Env(TEXT, "c", "ml-matrix")
_ALIGNED = Env(DISPLAY, "rl", "ml-align")
_GATHERED = Env(DISPLAY, "c", "ml-gather")
ENVIRONMENTS = {
    "matrix": _MATRIX, "pmatrix": _MATRIX._replace(fences=("(", ")")),
    "bmatrix": _MATRIX._replace(fences=("[", "]")), "Bmatrix": _MATRIX._replace(fences=("{", "}")),
    "vmatrix": _MATRIX._replace(fences=("|", "|")),
    "Vmatrix": _MATRIX._replace(fences=("\u2016", "\u2016")),
    "smallmatrix": Env(SCRIPT, "c", "ml-matrix ml-small"),
    "cases": Env(TEXT, "l", "ml-cases", ("{", "")), "dcases": Env(DISPLAY, "l", "ml-cases", ("{", "")),
    "rcases": Env(TEXT, "l", "ml-cases", ("", "}")),
    "drcases": Env(DISPLAY, "l", "ml-cases", ("", "}")),
    "array": Env(TEXT, "array", "ml-array"), "darray": Env(DISPLAY, "array", "ml-array"),
    "subarray": Env(SCRIPT, "array", "ml-small"),
    "aligned": _ALIGNED, "alignedat": _ALIGNED, "split": _ALIGNED, "gathered": _GATHERED,
    "align": _ALIGNED._replace(numbered=True, display_only=True),
    "align*": _ALIGNED._replace(numbered=False, display_only=True),
    "alignat": _ALIGNED._replace(numbered=True, display_only=True),
    "alignat*": _ALIGNED._replace(numbered=False, display_only=True),
    "flalign": _ALIGNED._replace(numbered=True, display_only=True),
    "flalign*": _ALIGNED._replace(numbered=False, display_only=True),
    "eqnarray": Env(DISPLAY, "rcl", "ml-eqnarray", numbered=True, display_only=True),
    "eqnarray*": Env(DISPLAY, "rcl", "ml-eqnarray", numbered=False, display_only=True),
    "gather": _GATHERED._replace(numbered=True, display_only=True),
    "gather*": _GATHERED._replace(numbered=False, display_only=True),
    "equation": _GATHERED._replace(numbered=True, display_only=True),
    "equation*": _GATHERED._replace(numbered=False, display_only=True),
    "multline": Env(DISPLAY, "multline", "ml-multline", numbered=True, display_only=True),
    "multline*": Env(DISPLAY, "multline", "ml-multline", numbered=False, display_only=True),
}
for _name in ("matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix"):
    ENVIRONMENTS[_name + "*"] = ENVIRONMENTS[_name]  # mathtools: [r] picks the alignment
_LOOSE = Env(DISPLAY, "c", "ml-gather", numbered=False)


class Row:
    __slots__ = ("cells", "spans", "state", "gap", "rule_above", "rule_below", "partial_rule")

    def __init__(self, cells: list[str], spans: dict[int, tuple[int, str]], state) -> None:
        self.cells = cells
        self.spans = spans  # cell index -> (columns it spans, alignment), from \multicolumn
        self.state = state  # RowState of an equation row, else None
        self.gap = ""  # extra space below, from \\[2pt]
        self.rule_above = ""  # "ml-hline" or "ml-hdash"
        self.rule_below = ""
        self.partial_rule: frozenset[int] = frozenset()  # columns ruled above by \cline


def _begin(p: Parser, tok: Token) -> Node:
    name = p.raw_arg(tok)
    env = ENVIRONMENTS.get(name)
    if env is None:
        p.fail(f"unsupported environment '{name}'", tok)
    if env.display_only and not p.display:
        p.fail(f"'{name}' is only allowed in display math", tok)
    aligns, rules = None, frozenset()
    if name in _PLACED:
        _placement(p)
    if env.align == "array":
        aligns, rules = _column_spec(p, tok, p.raw_arg(tok))
    elif name.startswith("alignat") or name == "alignedat":
        p.raw_arg(tok)  # the number of column pairs: the cells tell us as much
    elif name.endswith("matrix*"):
        option = p.stream.read_optional_raw()
        aligns = [("".join(t for t, _ in option).strip() or "c")[:1]] if option else None
    if name in ("equation", "equation*"):
        return _equation(p, tok, name, env)
    rows = _parse_rows(p, tok, name, env)
    return _build(p, env, rows, aligns, rules)


_PLACED = frozenset({"aligned", "alignedat", "gathered", "split", "array", "darray", "subarray"})


def _placement(p: Parser) -> None:
    """Drop the [t]/[b]/[c] vertical placement: a MathML table sits on the axis."""
    stream = p.stream
    following = stream.peek_raw()
    if following is None or following[0] != "[":
        return
    opening = stream.next_raw()
    letter, closing = stream.next_raw(), stream.next_raw()
    if letter and closing and letter[0] in ("t", "b", "c") and closing[0] == "]":
        return
    for tok in (closing, letter, opening):  # not a placement: give the tokens back
        if tok is not None:
            stream.push(tok)


def _equation(p: Parser, tok: Token, name: str, env: Env) -> Node:
    """One equation, one number; `\\\\` inside it stacks lines as gathered does."""
    saved, p.row = p.row, type(p.row)()
    rows = _parse_rows(p, tok, name, _GATHERED)
    state, p.row = p.row, saved
    body = rows[0].cells[0] if len(rows) == 1 and len(rows[0].cells) == 1 else _table(
        rows, _GATHERED, None, frozenset())
    number = numbering.row_number(state, env.numbered)
    if number is None:
        if state.label is not None:
            p.unnumbered_labels.append(state.label)
        return Node(body)
    row_xml = numbering.numbered_row(f"<mtd>{body}</mtd>", number, numbering.row_attrs(state))
    return Node(numbering.numbered_table([row_xml]))


def loose_rows(p: Parser, first: list[Node]) -> str:
    """`\\\\` or `&` outside any environment: read the formula as gathered (or aligned) rows."""
    rows = _parse_rows(p, None, None, _LOOSE, first)
    env = _LOOSE._replace(align="rl", table_class="ml-align") if any(
        len(r.cells) > 1 for r in rows) else _LOOSE
    return _build(p, env, rows, None, frozenset()).xml


def _parse_rows(p: Parser, begin: Token | None, name: str | None, env: Env,
                first: list[Node] | None = None) -> list[Row]:
    """Rows of cells up to `\\end{name}` (up to '}' for \\substack, the end when name is None)."""
    manage = env.numbered is not None and p.row is not None
    saved_row, saved_style = p.row, p.style
    if env.style is not None:
        p.style = env.style
    pairs = env.align in ("rl", "multline") or name is None  # loose rows may turn out aligned
    rows: list[Row] = []
    rule, partial = _rules(p)
    while True:
        if manage and not (first is not None and not rows):
            p.row = type(saved_row)()
        cells: list[str] = []
        spans: dict[int, tuple[int, str]] = {}
        while True:
            if first is not None and not rows and not cells:
                nodes = first
            else:
                p.cell_span = None
                nodes = p.parse_list(None)
                if p.cell_span is not None:
                    spans[len(cells)] = p.cell_span
            cells.append(join_nodes(nodes, lead_ord=pairs and len(cells) % 2 == 1))
            end = p.stream.next()
            if end is None or end[0] != "&":
                break
        row = Row(cells, spans, p.row if manage else None)
        row.rule_above, row.partial_rule = rule, partial
        rows.append(row)
        what = end[0] if end else None
        if what in ("\\\\", "\\cr"):
            row.gap = _row_gap(p)
            rule, partial = _rules(p)
            continue
        if name is None and what is None:
            break
        if what == "}" and name == "}":
            break
        if what == "\\end" and name not in (None, "}"):
            closing = p.raw_arg(end)
            if closing != name:
                p.fail(f"'\\begin{{{name}}}' ended by '\\end{{{closing}}}'", end)
            break
        if what is None:
            p.fail(f"'\\begin{{{name}}}' has no matching '\\end{{{name}}}'", begin)
        p.unexpected(end)
    last = rows[-1]
    if len(rows) > 1 and last.cells == [""] and (last.state is None or (
            last.state.tag is None and last.state.label is None)):
        rows.pop()  # a final \\ before \end starts no row
        rows[-1].rule_below = last.rule_above
    else:
        last.rule_below = rule
    p.row, p.style = saved_row, saved_style
    return rows


def _rules(p: Parser) -> tuple[str, frozenset[int]]:
    """\\hline, \\hdashline or \\cline{2-3} at the start of a row: the rule drawn above it."""
    found = ""
    columns: set[int] = set()
    while True:
        tok = p.stream.peek_nonspace()
        if tok is None or tok[0] not in ("\\hline", "\\hdashline", "\\cline"):
            return found, frozenset(columns)
        p.stream.next()
        if tok[0] == "\\cline":
            first, _, last = p.raw_arg(tok).partition("-")
            if not (first.strip().isdigit() and last.strip().isdigit()):
                p.fail("'\\cline' expects a column range such as '2-3'", tok)
            columns.update(range(int(first) - 1, min(int(last), 64)))
        else:
            found = "ml-hline" if tok[0] == "\\hline" else "ml-hdash"


def _row_gap(p: Parser) -> str:
    """\\\\[2pt] asks for extra space below the row; only a '[' right after the \\\\ counts."""
    following = p.stream.peek_raw()
    if following is None or following[0] != "[":
        return ""
    text = "".join(t for t, _ in p.stream.read_optional_raw() or [])
    length = parse_length(text)
    if length is None:
        p.fail(f"'\\\\[{text}]' expects a length such as '2pt'", following)
    return f'<mspace depth="{max(length, 0):.4g}em"></mspace>' if length > 0 else ""


def _column_spec(p: Parser, tok: Token, spec: str) -> tuple[list[str], frozenset[int]]:
    """An array's columns, e.g. {c|cc} or {@{}l*{3}{r}}: alignments and where rules go."""
    aligns: list[str] = []
    rules: set[int] = set()
    i = 0
    while i < len(spec):
        char = spec[i]
        i += 1
        if char in "lcr":
            aligns.append(char)
        elif char in "pmbX":
            aligns.append("l")
            i = _skip_braced(spec, i)
        elif char in "|:":
            rules.add(len(aligns))
        elif char in "@!<>":
            i = _skip_braced(spec, i)
        elif char == "*":
            end = _skip_braced(spec, i)
            count = spec[i + 1:end - 1].strip()
            body_end = _skip_braced(spec, end)
            if not count.isdigit() or int(count) > 50:
                p.fail(f"unsupported column repetition '*{{{count}}}' in '{spec}'", tok)
            spec = spec[:i - 1] + spec[end + 1:body_end - 1] * int(count) + spec[body_end:]
            i -= 1
        elif not char.isspace():
            p.fail(f"unsupported column type '{char}' in array columns '{spec}'", tok)
    return aligns, frozenset(rules)


def _skip_braced(spec: str, i: int) -> int:
    """The index after the braced group starting at spec[i] (after its whitespace)."""
    while i < len(spec) and spec[i].isspace():
        i += 1
    if i >= len(spec) or spec[i] != "{":
        return i
    depth = 0
    for j in range(i, len(spec)):
        depth += {"{": 1, "}": -1}.get(spec[j], 0)
        if depth == 0:
            return j + 1
    return len(spec)


def _alignment(env: Env, aligns: list[str] | None, column: int, row: int, rows: int) -> str:
    if aligns is not None:
        return aligns[column] if column < len(aligns) else aligns[-1] if env.align != "array" \
            else "c"
    if env.align == "rl":
        return "r" if column % 2 == 0 else "l"
    if env.align == "rcl":
        return "rcl"[min(column, 2)]
    if env.align == "multline":
        return "l" if row == 0 and rows > 1 else "r" if row == rows - 1 and rows > 1 else "c"
    return env.align


def _row_width(row: Row) -> int:
    return len(row.cells) + sum(span - 1 for span, _ in row.spans.values())


def _cells(env: Env, row: Row, index: int, rows: int, width: int, aligns, rules) -> str:
    parts = []
    column = 0
    cell = 0
    while column < width:
        content = row.cells[cell] if cell < len(row.cells) else ""
        if cell == 0:
            content += row.gap
        span, align = row.spans.get(cell, (1, ""))
        span = max(1, min(span, width - column))
        align = align or _alignment(env, aligns, column, index, rows)
        classes = {"l": "ml-l", "r": "ml-r"}.get(align, "")
        if column in rules:
            classes += " ml-vline"
        if column + span == width and width in rules:
            classes += " ml-vline-after"
        if column in row.partial_rule:
            classes += " ml-cline"
        attrs = f' class="{classes.strip()}"' if classes else ""
        if span > 1:
            attrs += f' columnspan="{span}"'
        parts.append(f"<mtd{attrs}>{content}</mtd>")
        column += span
        cell += 1
    return "".join(parts)


def _table(rows: list[Row], env: Env, aligns, rules: frozenset[int]) -> str:
    width = max(_row_width(row) for row in rows)
    if aligns is not None and env.align == "array":
        width = max(width, len(aligns))
    parts = []
    for index, row in enumerate(rows):
        classes = " ".join(filter(None, (row.rule_above, row.rule_below and row.rule_below +
                                         "-after")))
        attrs = f' class="{classes}"' if classes else ""
        parts.append(f"<mtr{attrs}>{_cells(env, row, index, len(rows), width, aligns, rules)}</mtr>")
    display = ' displaystyle="true"' if env.style == DISPLAY else ' displaystyle="false"'
    return f'<mtable class="{env.table_class}"{display}>{"".join(parts)}</mtable>'


def _build(p: Parser, env: Env, rows: list[Row], aligns, rules: frozenset[int]) -> Node:
    if env.numbered is not None:
        numbers = [_number(env, row, i, rows) for i, row in enumerate(rows)]
        last = len(rows) - 1 if env.align == "multline" else None  # multline's rows share one
        p.unnumbered_labels.extend(
            row.state.label for i, (row, number) in enumerate(zip(rows, numbers))
            if number is None and row.state is not None and row.state.label and last in (None, i))
        if any(number is not None for number in numbers):
            width = max(_row_width(row) for row in rows)
            table_rows = [numbering.numbered_row(
                _cells(env, row, i, len(rows), width, aligns, rules), numbers[i],
                numbering.row_attrs(row.state), glue=env.align != "multline")
                for i, row in enumerate(rows)]
            return Node(numbering.numbered_table(table_rows, env.table_class))
    xml = _table(rows, env, aligns, rules)
    if env.style == SCRIPT:
        xml = f'<mstyle scriptlevel="+1">{xml}</mstyle>'
    opening, closing = env.fences
    if not (opening or closing):
        return Node(xml)
    fence = '<mo fence="true" form="{}" stretchy="true">{}</mo>'
    left = fence.format("prefix", opening) if opening else ""
    right = fence.format("postfix", closing) if closing else ""
    return Node(f"<mrow>{left}{xml}{right}</mrow>", "inner")


def _number(env: Env, row: Row, index: int, rows: list[Row]) -> str | None:
    if row.state is None:
        return None
    if env.align == "multline":
        if index != len(rows) - 1:
            return None
        merged = row.state
        for other in rows[:-1]:  # a \tag or \label on any line numbers the whole equation
            for field in ("tag", "star", "label", "notag"):
                if getattr(other.state, field) and not getattr(merged, field):
                    setattr(merged, field, getattr(other.state, field))
        return numbering.row_number(merged, env.numbered)
    return numbering.row_number(row.state, env.numbered)


def _substack(p: Parser, tok: Token) -> Node:
    opening = p.stream.next_nonspace()
    if opening is None or opening[0] != "{":
        p.fail("'\\substack' expects a braced argument", tok)
    rows = _parse_rows(p, opening, "}", Env(None, "c", "ml-substack"))
    return Node(_table(rows, Env(None, "c", "ml-substack"), None, frozenset()))


def _multicolumn(p: Parser, tok: Token) -> Node:
    """\\multicolumn{2}{c}{…}: this cell spans columns (MathML Core's columnspan)."""
    count = p.raw_arg(tok)
    spec = p.raw_arg(tok)
    if not count.isdigit() or int(count) < 1:
        p.fail(f"'\\multicolumn' expects a column count, not '{count}'", tok)
    align = next((char for char in spec if char in "lcr"), "c")
    p.cell_span = (min(int(count), 64), align)
    return p.arg(tok)


def _misplaced(p: Parser, tok: Token) -> None:
    p.fail(f"misplaced '{tok[0]}' (it must start a row of an array)", tok)


COMMANDS: dict[str, Callable] = {"\\begin": _begin, "\\substack": _substack,
                                 "\\multicolumn": _multicolumn, "\\hline": _misplaced,
                                 "\\hdashline": _misplaced, "\\cline": _misplaced}
