"""notebook_plugin(md): the marker lines of a notebook's body (layout.py) -> its HTML parts.

Active only when env["notebook"] holds the post's Layout, so Markdown posts never meet it. Marked
regions (Markdown and LaTeX outputs) are rendered after the math has been converted and become
one token the excerpt and the search text do not read.
"""

from __future__ import annotations

import re
from html import escape

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ...content.notebooks.layout import LABEL, MARK

_MARKER = re.compile(re.escape(MARK) + r"(\d+)([()]?)$")
_LABEL = re.compile(re.escape(LABEL) + r"(\w+)(?::(\w+))?" + re.escape(LABEL))


def notebook_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before("fence", "notebook_marker", _marker)
    md.core.ruler.push("notebook_parts", lambda state: _fill_parts(md, state))
    md.add_render_rule("notebook_html", lambda self, tokens, idx, options, env: tokens[idx].content + "\n")


def _marker(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.env.get("notebook") is None:
        return False
    begin = state.bMarks[start] + state.tShift[start]
    found = _MARKER.match(state.src, begin, state.eMarks[start])
    if not found:
        return False
    if not silent:
        token = state.push("notebook_marker", "", 0)
        token.meta = {"part": int(found.group(1)), "end": found.group(2)}
        token.map = [start, start + 1]
        state.line = start + 1
    return True


def _fill_parts(md: MarkdownIt, state: StateCore) -> None:
    layout = state.env.get("notebook")
    if layout is None:
        return
    labels = state.env.get("notebook_labels", {})
    tokens: list[Token] = []
    region: list[Token] | None = None
    opening = ""
    for token in state.tokens:
        if token.type != "notebook_marker":
            (region if region is not None else tokens).append(token)
            continue
        html = _with_labels(layout.parts[token.meta["part"]], labels)
        if token.meta["end"] == "(":
            region, opening = [], html
            continue
        if token.meta["end"] == ")" and region is not None:
            html = opening + md.renderer.render(region, md.options, state.env) + html
            region = None
        filled = Token("notebook_html", "", 0)
        filled.block, filled.content = True, html
        tokens.append(filled)
    state.tokens = tokens + (region or [])


def _with_labels(html: str, labels: dict[str, str]) -> str:
    return _LABEL.sub(lambda m: escape(labels.get(m.group(1), m.group(1)).format(cell=m.group(2) or "")), html)
