"""Tiny sites written inline: a dict of path -> text becomes a folder a test can build."""

from __future__ import annotations

import textwrap
from pathlib import Path

MINIMAL_SITE_YAML = "title: Test Site\nbase_url: https://example.org/\n"


def write_site(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write `files` (path -> text, dedented) under `root`; a minimal site.yaml unless given."""
    files = {"site.yaml": MINIMAL_SITE_YAML, **files}
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root
