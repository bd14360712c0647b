"""Tiny sites for the reader-feature tests, built in-process so a test can look at the Site too."""

from __future__ import annotations

from pathlib import Path

from blog.pipeline.build import BuildOptions, BuildResult, build
from tests.support.sites import write_site

SITE_YAML = "title: T\nbase_url: https://e.org/\nsearch: {enabled: false}\n"  # search indexing: seconds per build
NO_CARDS = "og_image: {enabled: false}"


def post(title: str, date: str, *, tags: str = "[]", categories: str = "[]", extra: str = "", body: str = "") -> str:
    return (f"---\ntitle: \"{title}\"\ndate: {date}\ncategories: {categories}\ntags: {tags}\n{extra}---\n"
            f"{body or 'Text of ' + title}\n")


def build_tiny(root: Path, files: dict[str, str], reader: str = NO_CARDS) -> BuildResult:
    """`reader`: site.yaml's reader section, in flow style."""
    write_site(root, {"site.yaml": f"{SITE_YAML}reader: {{{reader}}}\n", **files})
    return build(root, BuildOptions(output_dir=root / "public", use_cache=False, jobs=1))


def titles(pages) -> list[str]:
    return [page.title for page in pages]
