"""A limit on blocks inside blocks (quotes in lists in quotes …) that says where it cut.

markdown-it stops at its `maxNesting` without a word and drops the rest of the enclosing block,
and of the document after it when that block is a list item; this rule stops one level earlier,
drops only the deeper part of the enclosing block, and notes the
first line it left out in `env["nesting_cut"]` so the render can warn about it.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock


def nesting_plugin(md: MarkdownIt, *, limit: int) -> None:
    md.options["maxNesting"] = limit + 2  # markdown-it's own guard, for inline nesting and as a backstop

    def cut_deeper_blocks(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if state.level < limit or silent:
            return False
        state.env.setdefault("nesting_cut", start_line)
        line = start_line + 1
        while line < end_line and (state.isEmpty(line) or state.sCount[line] >= state.blkIndent):
            line += 1  # the lines of this block: a less indented one ends it, as in tokenize
        state.line = line
        return True

    md.block.ruler.before("table", "nesting_limit", cut_deeper_blocks)
