"""Markdown -> HTML fixtures (tests/fixtures/markdown, markdown-it-py's title/./input/./expected/. format).

A title may carry `[base=/sub/]` (base path for root-relative links), `[linenos]` (site-wide line
numbers) or `[math_in_code]`. Warnings, when a case has any, are appended to the expected output as `<!-- … -->` lines.
"""

import re
from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from blog.markdown.excerpt import ExcerptLabels
from blog.markdown.parser import ParserOptions
from blog.markdown.render import RenderJob, render

FIXTURES = Path(__file__).parents[1] / "fixtures" / "markdown"
CASES = [(path.stem, *case) for path in sorted(FIXTURES.glob("*.md")) for case in read_fixture_file(path)]
MACROS = (("\\R", "\\mathbb{R}"), ("\\KL", "D_{\\mathrm{KL}}\\left(#1 \\,\\|\\, #2\\right)"))


def render_fixture(title: str, source: str) -> str:
    base = re.search(r"\[base=(\S+)\]", title)
    job = RenderJob("content/posts/case.md", source, 1, base.group(1) if base else "/", MACROS, ExcerptLabels(),
                    (("note", "注意"),), 350, ParserOptions(line_numbers="[linenos]" in title,
                                                                    math_in_code="[math_in_code]" in title))
    result = render(job)
    return result.html + "".join(f"<!-- {d} -->\n" for d in result.diagnostics)


@pytest.mark.parametrize("name,line,title,source,expected", CASES, ids=[f"{c[0]}:{c[2]}" for c in CASES])
def test_markdown(name, line, title, source, expected):
    assert render_fixture(title, source) == expected
