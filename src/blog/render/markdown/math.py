"""Math in Markdown: `$…$`, `$$…$$`, `\\(…\\)`, `\\[…\\]` and ```` ```math ```` to MathML.

Parsing: dollarmath with Pandoc's rules (no space inside the dollars, no digit after the closing
one, so "$5 and $10" stays text) plus our bracket rules, which keep line numbers. Converting
happens in a core rule, in document order, because a post's formulas share state: macros
defined by `\\newcommand` in one formula are used by later ones, and `\\eqref` needs every
`\\label`. Problems become `PATH:LINE:COL: warning: math: …` at the formula's place.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Mapping

from html import escape

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.dollarmath.index import math_inline_dollar

from ...diagnostics import Diagnostic, warning
from .mathescapes import read_markdown_escapes
from .scrollbox import formula_box

# A `|` inside inline math on a table row would split the cell; it travels as this until converted.
PROTECTED_PIPE = "\ue000"
_INLINE_DOLLAR_MATH = re.compile(r"(?<![\\$])\$(?=[^\s$])(.+?)(?<=[^\s\\])\$(?!\d)")
MATH_TYPES = {"math_inline": False, "math_inline_double": True, "math_block": True}


def math_plugin(md: MarkdownIt, *, math_in_code: bool = False) -> None:
    """`math_in_code`: `` `$x$` `` and `` `$$x$$` `` are math too (the Hugo/blogdown convention)."""
    if math_in_code:
        md.core.ruler.after("inline", "math_in_code", _code_spans_to_math)
    dollarmath_plugin(md, allow_labels=False, allow_space=False, allow_digits=False, double_inline=True)
    _let_dollar_blocks_interrupt(md)
    md.inline.ruler.before("math_inline", "math_at_start", _math_at_start)
    md.inline.ruler.before("math_inline", "math_prices", _price_dollar)
    md.core.ruler.after("normalize", "math_table_pipes", _protect_table_pipes)
    md.inline.ruler.before("escape", "math_brackets", _bracket_inline)
    md.block.ruler.before("fence", "math_bracket_block", _bracket_block, {"alt": ["paragraph", "blockquote", "list"]})
    md.core.ruler.after("block", "math_fences", _math_fences)
    md.core.ruler.push("math_convert", _convert_formulas)
    for kind in MATH_TYPES:
        md.add_render_rule(kind, _render_math)


def _let_dollar_blocks_interrupt(md: MarkdownIt) -> None:
    """A `$$` line ends the paragraph above it, as `\\[` does: otherwise the formula's inner lines
    are read as Markdown, and one starting with `+ ` or `- ` becomes a list."""
    dollar_block = next(rule for rule in md.block.ruler.__rules__ if rule.name == "math_block").fn

    def math_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if not silent:
            return dollar_block(state, start, end, False)
        line, count = state.line, len(state.tokens)  # dollarmath writes even when asked not to
        found = dollar_block(state, start, end, False)
        del state.tokens[count:]
        state.line = line
        return found

    md.block.ruler.at("math_block", math_block, {"alt": ["paragraph", "reference", "blockquote", "list"]})


# dollarmath checks "no digit before the opening $" as src[pos - 1], which at the start of a
# paragraph or table cell is the text's last character: `$L$=4096` in a cell stayed text. This
# rule reads math that starts its text with dollarmath's own reader, minus that check.
_DOLLAR_AT_START = math_inline_dollar(allow_space=False, allow_digits=True, allow_double=True)


def _math_at_start(state: StateInline, silent: bool) -> bool:
    if state.pos != 0 or not state.src[-1:].isdigit() or state.src[1:2].isdigit():
        return False  # a price such as "$5" is the price rule's to judge
    if not _DOLLAR_AT_START(state, True):
        return False
    end, state.pos = state.pos, 0
    if state.src[end:end + 1].isdigit():
        return False  # no digit straight after the closing $, as elsewhere
    return _DOLLAR_AT_START(state, silent)


_TEXT_IN_MATH = re.compile(r"\\(?:text\w*|mathrm|operatorname\*?|mbox)\s*\{[^{}]*\}")
_PROSE = re.compile(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}|[\u4e00-\u9fff]|`")


def _price_dollar(state: StateInline, silent: bool) -> bool:
    """A dollar before a digit opens math only when what it would enclose is not prose, so
    "costs $16, and the loss is $L$" keeps the price as text and $L$ as math."""
    pos, src = state.pos, state.src
    if src[pos] != "$" or pos + 1 >= state.posMax or not src[pos + 1].isdigit() or src[pos - 1:pos] == "$":
        return False
    close = _closing_dollar(src, pos + 1, state.posMax)
    if close is not None and not _PROSE.search(_TEXT_IN_MATH.sub(" ", src[pos + 1:close])):
        return False  # math after all, such as $10^{-4}$: dollarmath takes it
    if not silent:
        state.pending += "$"
    state.pos += 1
    return True


def _closing_dollar(src: str, start: int, end: int) -> int | None:
    """Where dollarmath would close an inline formula opened before `start`."""
    closers = _closing_dollars(src)
    found = bisect_left(closers, start)
    return closers[found] if found < len(closers) and closers[found] < end else None


@lru_cache(maxsize=16)
def _closing_dollars(src: str) -> tuple[int, ...]:
    """Every `$` that can close inline math (Pandoc's rule), found once per paragraph: a paragraph
    of many prices then costs one pass, not one per price."""
    return tuple(at for at in (found.start() for found in re.finditer(r"\$", src))
                 if at > 0 and not escaped(src, at) and not src[at - 1].isspace() and not src[at + 1:at + 2].isdigit())


def escaped(text: str, pos: int) -> bool:
    """Whether the character at `pos` follows an odd number of backslashes."""
    count = 0
    while pos - count - 1 >= 0 and text[pos - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _protect_table_pipes(state: StateCore) -> None:
    if "|" not in state.src or "$" not in state.src:
        return
    lines = state.src.split("\n")
    for number, line in enumerate(lines):
        stripped = line.strip()
        if "$" in line and (stripped.startswith("|") or stripped.endswith("|")):
            lines[number] = _INLINE_DOLLAR_MATH.sub(lambda m: m.group(0).replace("|", PROTECTED_PIPE), line)
    state.src = "\n".join(lines)


# `$x$` as Pandoc writes it (no space inside); `$$ x $$` also with spaces, as blogdown accepts it.
_CODE_MATH = re.compile(r"^(?:(\$\$)\s*(.+?)\s*\$\$|(\$)(?=\S)(.+?)(?<=\S)\$)$", re.DOTALL)


def _code_spans_to_math(state: StateCore) -> None:
    for token in state.tokens:
        for child in token.children or ():
            match = _CODE_MATH.match(child.content) if child.type == "code_inline" else None
            if match:
                display = match.group(1) is not None
                child.type = "math_inline_double" if display else "math_inline"
                child.content = match.group(2) if display else match.group(4)
                child.markup = "$$" if display else "$"


def _bracket_inline(state: StateInline, silent: bool) -> bool:
    pos = state.pos
    if state.src[pos] != "\\" or pos + 1 >= state.posMax or state.src[pos + 1] not in "([":
        return False
    closer = "\\)" if state.src[pos + 1] == "(" else "\\]"
    end = state.src.find(closer, pos + 2, state.posMax)
    if end == -1 or end == pos + 2:
        return False
    if not silent:
        token = state.push("math_inline" if closer == "\\)" else "math_inline_double", "math", 0)
        token.content = state.src[pos + 2:end]
        token.markup = state.src[pos:pos + 2]
    state.pos = end + 2
    return True


def _bracket_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    begin = state.bMarks[start] + state.tShift[start]
    if not state.src.startswith("\\[", begin):
        return False
    line, closing = start, -1
    while line < end:
        first = begin + 2 if line == start else state.bMarks[line] + state.tShift[line]
        if line > start and state.sCount[line] < state.blkIndent:
            return False
        closing = state.src.find("\\]", first, state.eMarks[line])
        if closing != -1:
            break
        line += 1
    if closing == -1 or state.src[closing + 2:state.eMarks[line]].strip():
        return False
    if silent:
        return True
    token = state.push("math_block", "math", 0)
    token.block = True
    token.content = state.src[begin + 2:closing]
    token.markup = "\\["
    token.map = [start, line + 1]
    state.line = line + 1
    return True


def _math_fences(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "fence" and token.info.strip().lower() == "math":
            token.type = "math_block"


def _convert_formulas(state: StateCore) -> None:
    post_math = state.env.get("math")
    if post_math is not None:
        post_math.run(state)


def _render_math(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    html = token.meta.get("html", "")
    if html.startswith("<math display"):
        html = formula_box(html, env.get("box_names", {}))
    return html + "\n" if token.type == "math_block" else html


# --- math in a title ---------------------------------------------------------------------------

def title_text(title: str, macros: Mapping[str, str]) -> str:
    """A title with its `$…$` math as plain letters ('$\\epsilon$-Greedy' -> 'ϵ-Greedy'), for
    <title>, feeds and every other place that shows only text."""
    from ..texmath import to_text

    return _INLINE_DOLLAR_MATH.sub(lambda m: to_text(m.group(1), macros=macros), title)


def title_html(title: str, macros: Mapping[str, str]) -> str:
    """A title as HTML with its `$…$` math as MathML, for headings and listings."""
    from ..texmath import to_mathml

    parts, done = [], 0
    for match in _INLINE_DOLLAR_MATH.finditer(title):
        parts += [escape(title[done:match.start()]), to_mathml(match.group(1), display=False, macros=macros).html]
        done = match.end()
    return "".join(parts) + escape(title[done:])


# --- conversion ---------------------------------------------------------------------------------

@lru_cache(maxsize=8192)
def _convert(tex: str, display: bool, macros: tuple[tuple[str, str], ...], expansion_limit: int):
    """Identical formulas are converted once per process (a post's repeats and the whole build's)."""
    from ..texmath import to_mathml

    return to_mathml(tex, display=display, macros=dict(macros), expansion_limit=expansion_limit)


class _Source:
    """The source lines of one block, where its formulas are looked up for their positions."""

    def __init__(self, lines: list[str], block_map: list[int] | None) -> None:
        self.first, last = block_map if block_map else (0, len(lines))
        self.text = "\n".join(lines[self.first:last])


class PostMath:
    """Converts one post's formulas in order; collects warnings with source positions."""

    def __init__(self, src_path: str, body_line: int, macros: Mapping[str, str], expansion_limit: int,
                 markdown_escapes: bool = False) -> None:
        self.src_path = src_path
        self.markdown_escapes = markdown_escapes
        self.body_line = body_line
        self.macros = dict(macros)
        self.expansion_limit = expansion_limit  # limits.macro_expansions
        self.labels: set[str] = set()
        self.refs: list[tuple[str, int, int]] = []
        self.count = 0
        self.diagnostics: list[Diagnostic] = []
        self._macro_key: tuple[tuple[str, str], ...] | None = None

    def run(self, state: StateCore) -> None:
        lines = state.src.split("\n")
        block_map: list[int] | None = None
        for token in state.tokens:
            if token.map is not None:
                block_map = token.map
            if token.type in MATH_TYPES:
                self._one(token, _Source(lines, token.map or block_map), 0)
            elif token.type == "inline" and token.children and block_map is not None:
                source, cursor = None, 0
                for child in token.children:
                    if child.type in MATH_TYPES:
                        source = source or _Source(lines, token.map or block_map)  # once per paragraph
                        cursor = self._one(child, source, cursor)
                    elif PROTECTED_PIPE in child.content:
                        child.content = child.content.replace(PROTECTED_PIPE, "|")

    def _one(self, token, source: _Source, cursor: int) -> int:
        tex = token.content.replace(PROTECTED_PIPE, "|")
        display = MATH_TYPES[token.type]
        segment = source.text
        found = segment.find(token.content, cursor)
        offset = found if found != -1 else cursor
        line = source.first + segment.count("\n", 0, offset)
        col = offset - (segment.rfind("\n", 0, offset) + 1)
        if self.markdown_escapes:
            tex, notes = read_markdown_escapes(tex)
            for note in notes:
                self._warn(note.message, note.offset, token.content, line, col)
        if self._macro_key is None:  # again only after a formula defined macros
            self._macro_key = tuple(sorted(self.macros.items()))
        result = _convert(tex, display, self._macro_key, self.expansion_limit)
        self.count += 1
        if result.defines:
            self.macros.update(result.defines)
            self._macro_key = None
        self.labels.update(result.labels)
        for name in result.refs:
            self.refs.append((name, line, col))
        for problem in result.problems:
            self._warn(problem.message, problem.offset, tex, line, col)
        token.meta["html"] = result.html
        return offset + len(token.content)

    def _warn(self, message: str, offset: int | None, tex: str, line: int, col: int) -> None:
        """A warning at `offset` into a formula that starts at (line, col) of the body."""
        if offset is not None:
            before = tex[:offset]
            line += before.count("\n")
            col = (col + len(before)) if "\n" not in before else len(before) - before.rfind("\n") - 1
        self.diagnostics.append(warning(self.src_path, self.body_line + line, col + 1, f"math: {message}"))

    def finish(self, html: str) -> str:
        """Number equations across the post and warn about references to unknown labels."""
        for name, line, col in self.refs:
            if name not in self.labels:
                self.diagnostics.append(warning(self.src_path, self.body_line + line, col + 1,
                                                f"math: '\\eqref{{{name}}}' refers to no '\\label{{{name}}}' in this post"))
        if not self.count:
            return html
        from ..texmath import number_equations

        return number_equations(html)

