"""Where the repository and the golden files are, for tests that build the repo's own example."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden"
