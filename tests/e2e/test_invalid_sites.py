"""Each folder in tests/invalid is a tiny broken site; expected.txt holds the exact diagnostic lines.

The build must list every one of them, exit 1, print no traceback and write no output.
"""

from pathlib import Path

import pytest

from tests.support.cli import run_blog

CASES = sorted(p for p in (Path(__file__).parents[1] / "invalid").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_site(case: Path, tmp_path: Path):
    output = tmp_path / "public"
    run = run_blog("build", "--site", case, "--output", output)
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert run.diagnostics == expected
    assert run.code == 1
    assert "Traceback" not in run.stderr
    assert not output.exists()
