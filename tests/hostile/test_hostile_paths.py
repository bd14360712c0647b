"""Hostile paths: slugs that try to leave the output, URLs that collide (also only by case), and
symbolic links, FIFOs and loops in content/, static/ and bundles."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.corpus import QUIET_SITE_YAML, assert_built, assert_failed_cleanly, build_batch, tree
from tests.support.cli import run_blog
from tests.support.sites import write_site


def post(slug: str | None = None, title: str = "T") -> str:
    return f"---\ntitle: {title}\ndate: 2026-01-01\n" + (f"slug: {slug!r}\n" if slug is not None else "") + "---\n\nx\n"


SLUGS = [  # (slug, the folder under posts/ it becomes)
    ("..", "-"),
    ("../../escape", "escape"),
    ("/etc/passwd", "etc-passwd"),
    ("a/b", "a-b"),
    ("100%", "100"),
    ("why?", "why"),
    ("c#", "c"),
    ("two words", "two-words"),
    ("🚀 launch", "🚀-launch"),
    (".hidden", "hidden"),
    ("C:\\Windows", "C-Windows"),
    ("<b>&amp;</b>", "b-amp-b"),
]


@pytest.fixture(scope="module")
def slug_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("slugs")
    site = write_site(root / "site", {"site.yaml": QUIET_SITE_YAML,
                                      **{f"content/posts/s{i}.md": post(slug) for i, (slug, _) in enumerate(SLUGS)}})
    return root, run_blog("build", "--site", site)


@pytest.mark.parametrize("slug, folder", SLUGS, ids=[folder for _, folder in SLUGS])
def test_a_slug_stays_one_folder_under_posts(slug_site, slug: str, folder: str):
    root, run = slug_site
    assert_built(run)
    assert run.diagnostics == []
    assert (root / "site/public/posts" / folder / "index.html").is_file()
    assert {path for path in tree(root) if path.count("/") < 2} == {
        "site", "site/site.yaml", "site/content", "site/public", "site/.blog-cache"}


def add_links(site: Path) -> None:
    """Links out of the site, to nothing, to folders and in a ring, and a FIFO."""
    outside = site.parent / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret\n", encoding="utf-8")
    (outside / "out.md").write_text(post(title="Out"), encoding="utf-8")
    for link, target in {"content/posts/out.md": outside / "out.md",
                         "content/posts/dangling.md": site.parent / "nowhere.md",
                         "content/posts/loop": "..",
                         "content/posts/bundle/secret.txt": outside / "secret.txt",
                         "content/posts/bundle/again": "../bundle",
                         "content/posts/ring-a.md": "ring-b.md",
                         "content/posts/ring-b.md": "ring-a.md",
                         "content/posts/inside.md": "same.md",
                         "static/secret.txt": outside / "secret.txt",
                         "static/outside": outside,
                         "static/self": "."}.items():
        (site / link).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, site / link)
    os.mkfifo(site / "content/posts/fifo.md")


def expected_path_lines(root: Path) -> list[str]:
    outside = root / "outside"
    out_of_site = "outside the site, is not read (copy the file into the site)"
    return [
        "content/posts/PPO.md: error: '/posts/ppo/' and '/posts/PPO/' differ only in case, one file on macOS and "
        "Windows; they are made: by content/posts/PPO-upper.md and by content/posts/PPO.md (change a slug)",
        "content/posts/bundle/again: error: a symbolic link to the folder '../bundle' is not followed "
        "(links to folders can loop)",
        f"content/posts/bundle/secret.txt: error: a symbolic link to '{outside}/secret.txt', {out_of_site}",
        f"content/posts/dangling.md: error: a symbolic link to '{root}/nowhere.md', which does not exist",
        "content/posts/dot.md: error: '/posts/-/' is produced twice: by content/posts/dot-dot.md and by "
        "content/posts/dot.md (change a slug)",
        "content/posts/fifo.md: error: neither a file nor a folder (a FIFO, socket or device), so it is not read",
        "content/posts/loop: error: a symbolic link to the folder '..' is not followed (links to folders can loop)",
        f"content/posts/out.md: error: a symbolic link to '{outside}/out.md', {out_of_site}",
        "content/posts/ring-a.md: error: a symbolic link to 'ring-b.md', which loops",
        "content/posts/ring-b.md: error: a symbolic link to 'ring-a.md', which loops",
        "content/posts/twin.md: error: '/posts/same/' is produced twice: by content/posts/same.md and by "
        "content/posts/twin.md (change a slug)",
        f"static/outside: error: a symbolic link to '{outside}', {out_of_site}",
        f"static/secret.txt: error: a symbolic link to '{outside}/secret.txt', {out_of_site}",
        "static/self: error: a symbolic link to the folder '.' is not followed (links to folders can loop)",
    ]


def test_collisions_links_and_fifos_are_refused(tmp_path: Path):
    batch = build_batch(tmp_path, {
        "content/posts/same.md": post(),
        "content/posts/twin.md": post("same"),
        "content/posts/PPO-upper.md": post("PPO"),
        "content/posts/PPO.md": post("ppo"),
        "content/posts/dot-dot.md": post(".."),
        "content/posts/dot.md": post("."),
        "content/posts/bundle/index.md": post(),
        "content/posts/bundle/ok.txt": "a file of the bundle\n",
        "static/ok.txt": "ok\n",
    }, add=add_links)
    assert_failed_cleanly(batch)
    assert batch.run.diagnostics == expected_path_lines(tmp_path)


def test_a_link_to_a_file_inside_the_site_is_followed(tmp_path: Path):
    site = write_site(tmp_path, {"site.yaml": QUIET_SITE_YAML, "notes/shared.md": post(title="Shared"),
                                 "static/logo.txt": "logo\n"})
    (site / "content/posts").mkdir(parents=True)
    os.symlink("../../notes/shared.md", site / "content/posts/shared.md")
    os.symlink("logo.txt", site / "static/mark.txt")
    run = run_blog("build", "--site", site)
    assert_built(run)
    assert run.diagnostics == []
    assert "Shared" in (site / "public/posts/shared/index.html").read_text(encoding="utf-8")
    assert (site / "public/mark.txt").read_text(encoding="utf-8") == "logo\n"


def test_an_unreadable_post_is_one_line(tmp_path: Path):
    """Root reads any file, so as root (CI) the build runs without the capabilities that allow it."""
    site = write_site(tmp_path / "site", {"site.yaml": QUIET_SITE_YAML, "content/posts/locked.md": post()})
    (site / "content/posts/locked.md").chmod(0)
    without_override = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    done = subprocess.run([*without_override, sys.executable, "-m", "blog", "build", "--site", str(site)],
                          capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (1, "content/posts/locked.md: error: cannot be read: Permission denied\n"
                                                 "build failed: 1 error(s); the output folder was left as it was\n")
