"""Excerpt fixtures (tests/fixtures/excerpt): Markdown in, the listing's plain text out.

A title may carry `[en]` (English placeholders) and `[length=N]` (a shorter limit).
"""

import re
from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from blog.render.markdown.excerpt import ExcerptLabels
from blog.render.markdown.parser import ParserOptions
from blog.render.markdown.render import RenderJob, render

FIXTURES = Path(__file__).parents[1] / "fixtures" / "excerpt"
CASES = [case for path in sorted(FIXTURES.glob("*.md")) for case in read_fixture_file(path)]
ENGLISH = ExcerptLabels("[Math]", "[Formula]", "[Code]")


@pytest.mark.parametrize("line,title,markdown,expected", CASES, ids=[c[1] for c in CASES])
def test_excerpt(line, title, markdown, expected):
    length = re.search(r"\[length=(\d+)\]", title)
    job = RenderJob("content/posts/x.md", markdown, 1, "/", (), ENGLISH if "[en]" in title else ExcerptLabels(),
                    (), int(length.group(1)) if length else 350, ParserOptions())
    assert render(job).excerpt == expected.rstrip("\n")
