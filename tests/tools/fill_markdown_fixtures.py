"""Rewrite the expected HTML of tests/fixtures/markdown/*.md from the current renderer.

usage: python -m tests.tools.fill_markdown_fixtures [FILE…]   then review `git diff` before committing.
"""

import sys
from pathlib import Path

from markdown_it.utils import read_fixture_file

from tests.support.markdown_fixtures import FIXTURES, render_fixture

for path in [Path(p) for p in sys.argv[1:]] or sorted(FIXTURES.glob("*.md")):
    blocks = [f"{title}\n.\n{source}.\n{render_fixture(title, source)}.\n" for _, title, source, *_ in read_fixture_file(path)]
    path.write_text("\n".join(blocks), encoding="utf-8")
    print(f"{path}: {len(blocks)} cases")
