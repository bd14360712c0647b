"""Markdown -> HTML fixtures (tests/fixtures/markdown); tests/support/markdown_fixtures.py says how a
title marks a case's options."""

import pytest
from markdown_it.utils import read_fixture_file

from tests.support.markdown_fixtures import FIXTURES, render_fixture

CASES = [(path.stem, *case) for path in sorted(FIXTURES.glob("*.md")) for case in read_fixture_file(path)]


@pytest.mark.parametrize("name,line,title,source,expected", CASES, ids=[f"{c[0]}:{c[2]}" for c in CASES])
def test_markdown(name, line, title, source, expected):
    assert render_fixture(title, source) == expected
