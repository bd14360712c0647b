"""Hostile imports: a SRC that is the site, holds it or lies inside it, a missing SRC, and a SRC
whose links lead out. The blog is never changed and nothing outside it is copied in."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.hostile.corpus import add_files, snapshot, tree
from tests.support.cli import run_main

SECRET = "the secret outside the blog\n"


def hexo_blog(root: Path) -> Path:
    add_files(root, {"_config.yml": "title: Old\nurl: https://old.example.org\n",
                     "source/_posts/a.md": "---\ntitle: A\ndate: 2020-01-01\n---\n\nBody.\n",
                     "source/images/ok.png": b"\x89PNG"})
    return root


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    return hexo_blog(tmp_path / "hexo")


def test_the_site_inside_the_blog_is_refused(blog: Path, tmp_path: Path):
    before = snapshot(tmp_path)
    for site in (blog, blog / "source/site"):
        run = run_main("import", "hexo", blog, "--site", site)
        assert (run.code, run.diagnostics) == (1, [f"{blog}: error: the site folder is inside the blog's folder, which "
                                                   f"an import never changes; choose a --site folder outside it"])
    assert snapshot(tmp_path) == before and not (blog / "source/site").exists()


def test_a_missing_or_wrong_src_is_refused(tmp_path: Path):
    add_files(tmp_path, {"file.txt": "x\n", "empty/.keep": ""})
    before = tree(tmp_path)
    for src, message in ((tmp_path / "nowhere", "no such folder (expected the Hexo blog's folder)"),
                         (tmp_path / "file.txt", "no such folder (expected the Hexo blog's folder)"),
                         (tmp_path / "empty", "does not look like a Hexo blog (no source/_posts/, or _config.yml beside scaffolds/); "
                                              "is it the blog's top folder?")):
        run = run_main("import", "hexo", src, "--site", tmp_path / "site")
        assert (run.code, run.diagnostics) == (1, [f"{src}: error: {message}"])
    assert tree(tmp_path) == before


def test_a_blog_inside_the_site_is_imported_and_left_as_it_was(tmp_path: Path):
    site = tmp_path / "site"
    blog = hexo_blog(site / "old-blog")
    before = snapshot(blog)
    run = run_main("import", "hexo", blog, "--site", site)
    assert run.code == 0, run.stderr
    assert snapshot(blog) == before
    assert (site / "content/posts/a.md").is_file()


def test_links_out_of_the_blog_are_not_followed(blog: Path, tmp_path: Path):
    os.symlink(tmp_path / "secret.txt", blog / "source/_posts/leak.md")
    os.symlink(tmp_path / "secret.txt", blog / "source/images/leak.png")
    os.symlink(tmp_path, blog / "source/_posts/up")
    os.symlink("..", blog / "source/_posts/loop")
    before = snapshot(blog)
    run = run_main("import", "hexo", blog, "--site", tmp_path / "site")
    assert run.code == 0, run.stderr
    out = "outside the blog, is not read (copy the file into the blog)"
    assert run.diagnostics == [
        f"../hexo/source/_posts/leak.md: warning: a symbolic link to '{tmp_path}/secret.txt', {out}",
        "../hexo/source/_posts/loop: warning: a symbolic link to the folder '..' is not followed (links to folders can loop)",
        f"../hexo/source/_posts/up: warning: a symbolic link to '{tmp_path}', {out}",
        f"../hexo/source/images/leak.png: warning: a symbolic link to '{tmp_path}/secret.txt', {out}",
        "site.yaml:4: warning: default_language: the blog sets no language and 1 of 1 posts are written in English; "
        "chose 'en'",
    ]
    assert snapshot(blog) == before
    assert all(SECRET.encode() not in data for data in snapshot(tmp_path / "site").values())
