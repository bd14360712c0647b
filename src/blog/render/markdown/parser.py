"""The one place that assembles the Markdown dialect: CommonMark plus our extensions."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from ..scholarly.algorithm_block import algorithms_plugin
from ..scholarly.syntax import objects_plugin
from ..scholarly.theorems import theorems_plugin
from .blocks import admonitions_plugin, figures_plugin, tables_plugin
from .headings import headings_plugin
from .highlight import code_plugin
from .links import links_plugin
from .math import math_plugin
from .nesting import nesting_plugin
from .notebook import notebook_plugin


@dataclass(frozen=True)
class ParserOptions:
    html: bool = True
    line_numbers: bool = False
    math_in_code: bool = False
    max_nesting: int = 20  # limits.nesting
    macro_expansions: int = 20_000  # limits.macro_expansions, per formula
    heading_ids: str = "blog"  # markdown.heading_ids: whose scheme heading ids follow (anchors.py)
    math_markdown_escapes: bool = False


@lru_cache(maxsize=4)
def build_parser(options: ParserOptions) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": options.html})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(tasklists_plugin)
    md.use(deflist_plugin)
    md.use(theorems_plugin)  # before the admonitions: `::: example {#exm-…}` is a numbered example
    md.use(admonitions_plugin)
    md.use(tables_plugin)
    md.use(code_plugin, line_numbers=options.line_numbers)
    md.use(math_plugin, math_in_code=options.math_in_code)
    md.use(figures_plugin)
    md.use(headings_plugin, ids=options.heading_ids)
    md.use(links_plugin)
    md.use(nesting_plugin, limit=options.max_nesting)
    md.use(algorithms_plugin)
    md.use(objects_plugin)  # its core rule then runs before the figures'
    md.use(notebook_plugin)  # last: it fills in HTML after the math is converted
    return md
