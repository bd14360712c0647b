"""The hostile corpus's harness: many bad files in one site, built once, each file's outcome checked.

A batch is built twice by the real command line: first with only a good post (the "previous
output"), then with every hostile file added. Each case then asserts its own diagnostic lines, and
the batch asserts what holds for all: exit 1, no traceback, the previous output byte for byte, and
nothing written beside the site but the build cache.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.support.cli import Run, run_blog
from tests.support.sites import write_site

GOOD_POST = "---\ntitle: Good\ndate: 2026-01-01\n---\n\nA good post.\n"
QUIET_SITE_YAML = "title: Test Site\nbase_url: https://example.org/\nsearch: {enabled: false}\n"


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes | str  # the file's bytes, or text written as UTF-8
    expected: tuple[str, ...]  # the exact diagnostic lines for this file, PATH relative to the site


@dataclass(frozen=True)
class Batch:
    run: Run
    site: Path
    output_before: dict[str, bytes]
    output_after: dict[str, bytes]
    tree_before: set[str]  # every path under the batch's root, before the second build
    tree_after: set[str]

    def lines_for(self, src_path: str) -> list[str]:
        return [line for line in self.run.diagnostics if line.startswith(f"{src_path}:")]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes (symlinks not followed)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.is_symlink()}


def tree(root: Path) -> set[str]:
    """Every path under `root`, folders and links included, without following links."""
    found = set()
    for folder, dirs, names in os.walk(root):
        for name in dirs + names:
            found.add(os.path.relpath(os.path.join(folder, name), root))
    return found


def add_files(site: Path, files: dict[str, bytes | str]) -> None:
    """Write files into an existing site as they are (write_site would also reset site.yaml)."""
    for relative, data in files.items():
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            (site / relative).write_bytes(data)
        else:
            (site / relative).write_text(data, encoding="utf-8")


def build_batch(root: Path, files: dict[str, bytes | str], *, site_yaml: str = QUIET_SITE_YAML,
                add: Callable[[Path], None] | None = None) -> Batch:
    """Build a good site, add `files` (and whatever `add(site)` makes: links, FIFOs), build again;
    the second build is expected to fail."""
    site = write_site(root / "site", {"site.yaml": site_yaml, "content/posts/good.md": GOOD_POST})
    first = run_blog("build", "--site", site)
    assert first.code == 0, first.stderr
    output_before, tree_before = snapshot(site / "public"), tree(root)
    add_files(site, files)
    if add:
        add(site)
    written = tree(root)
    run = run_blog("build", "--site", site)
    return Batch(run, site, output_before, snapshot(site / "public"), tree_before | (written - tree_before),
                 tree(root))


def assert_failed_cleanly(batch: Batch) -> None:
    assert batch.run.code == 1, batch.run.stderr
    assert "Traceback" not in batch.run.stderr
    assert batch.run.stderr.rstrip().endswith("the output folder was left as it was")
    assert batch.output_after == batch.output_before
    assert batch.tree_after == batch.tree_before


def assert_built(run: Run) -> None:
    assert run.code == 0, run.stderr
    assert "Traceback" not in run.stderr
