"""The Markdown fixture cases (tests/fixtures/markdown, markdown-it-py's title/./input/./expected/.
format) and how one is rendered: used by the test and by the tool that refreshes the expected HTML.

A title may carry `[base=/sub/]` (base path for root-relative links), `[linenos]` (site-wide line
numbers) or `[math_in_code]`. Warnings, when a case has any, are appended to the output as `<!-- … -->` lines.
"""

import re

from blog.render.markdown.excerpt import ExcerptLabels
from blog.render.markdown.parser import ParserOptions
from blog.render.markdown.render import RenderJob, render
from tests.support.paths import REPO

FIXTURES = REPO / "tests" / "fixtures" / "markdown"
MACROS = (("\\R", "\\mathbb{R}"), ("\\KL", "D_{\\mathrm{KL}}\\left(#1 \\,\\|\\, #2\\right)"))


def render_fixture(title: str, source: str) -> str:
    base = re.search(r"\[base=(\S+)\]", title)
    job = RenderJob("content/posts/case.md", source, 1, base.group(1) if base else "/", MACROS, ExcerptLabels(),
                    (("note", "注意"),), 350, ParserOptions(line_numbers="[linenos]" in title,
                                                                    math_in_code="[math_in_code]" in title))
    result = render(job)
    return result.html + "".join(f"<!-- {d} -->\n" for d in result.diagnostics)
