"""Cached, incremental and parallel builds equal a serial clean build, byte for byte, and an edit
re-renders exactly what depends on it."""

import re
import shutil
from pathlib import Path

import pytest

from tests.support.cli import run_blog
from tests.support.sites import write_site


def post(i: int, body: str = "") -> str:
    return (f"---\ntitle: 文章 {i}\ndate: 2026-01-{i:02d}\ncategories: [Reinforcement Learning]\n"
            f"tags: [PPO{'' if i % 2 else ', 策略梯度'}]\n---\n\n## 引言\n\n第 {i} 篇，价值 $V(s)$。\n\n"
            f"## 推导\n\n{body or 'Bellman：'}\n\n$$\nV(s) = \\E[G_t \\mid S_t = s] \\tag{{{i}}}\n$$\n\n"
            "```python\nprint('hi')\n```\n")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    files = {f"content/posts/p{i:02d}.md": post(i) for i in range(1, 15)}
    files["content/posts/p01.en.md"] = post(1).replace("文章", "Post")
    files["content/posts/kl.md"] = post(20, "用到宏：$\\KL{p}{q}$")
    files["site.yaml"] = ("title: T\nbase_url: https://e.org/\npaginate: 5\nmath:\n  macros:\n"
                          '    "\\\\E": "\\\\mathbb{E}"\n    "\\\\KL": "D_{\\\\mathrm{KL}}(#1 \\\\| #2)"\n')
    return write_site(tmp_path / "site", files)


def build(site: Path, output: Path, *extra: str) -> tuple[int, int, set[str]]:
    """Build; return (posts rendered, pages rendered, files changed) from the summary."""
    run = run_blog("build", "--site", site, "--output", output, *extra)
    assert run.code == 0, run.stderr
    found = re.search(r"from the cache: (\d+) posts and (\d+) of \d+ pages rendered again, (\d+) files", run.stdout)
    return (int(found.group(1)), int(found.group(2)), int(found.group(3))) if found else (-1, -1, -1)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_as_clean_build(site: Path, output: Path, tmp_path: Path) -> None:
    clean = tmp_path / f"clean-{len(list(tmp_path.iterdir()))}"
    run_blog("build", "--site", site, "--output", clean, "--no-cache", "--jobs", "1")
    assert files_of(output) == files_of(clean)


def test_cached_and_parallel_builds_equal_a_serial_clean_build(site, tmp_path):
    out = tmp_path / "out"
    assert build(site, out, "--jobs", "2") == (-1, -1, -1)  # cold: nothing reused, no cache line
    assert build(site, out, "--jobs", "2") == (0, 0, 0)
    assert_same_as_clean_build(site, out, tmp_path)


def test_editing_a_formula_rerenders_that_post_only(site, tmp_path):
    out = tmp_path / "out"
    build(site, out)
    edit(site / "content/posts/p07.md", "G_t \\mid", "G_t \\,\\mid")
    assert build(site, out) == (1, 3, 3)  # the post and the two feeds carrying its content (site, category)
    assert_same_as_clean_build(site, out, tmp_path)


def test_editing_the_excerpt_rerenders_the_listings_that_show_it(site, tmp_path):
    out = tmp_path / "out"
    build(site, out)
    edit(site / "content/posts/p14.md", "第 14 篇", "第十四篇")
    posts, pages, changed = build(site, out)
    # the post, home page 1, its category page 1, its two tag pages 1, the site and category feeds
    assert (posts, pages, changed) == (1, 7, 7)
    assert_same_as_clean_build(site, out, tmp_path)


def test_editing_a_template_rerenders_the_pages_that_use_it(site, tmp_path):
    out = tmp_path / "out"
    build(site, out)
    templates = site / "templates"
    templates.mkdir()
    shutil.copy(Path(__file__).parents[2] / "templates" / "archives.html", templates / "archives.html")
    edit(templates / "archives.html", "{% endblock %}", "<!-- mine -->{% endblock %}")
    assert build(site, out) == (0, 2, 2)  # the archives of both languages
    assert_same_as_clean_build(site, out, tmp_path)


def test_editing_a_macro_rerenders_the_posts_that_use_it(site, tmp_path):
    out = tmp_path / "out"
    build(site, out)
    edit(site / "site.yaml", "\\\\mathrm{KL}", "\\\\operatorname{KL}")
    assert build(site, out) == (1, 3, 3)  # only kl.md uses \KL; it is in two feeds
    edit(site / "site.yaml", "\\\\mathbb{E}", "\\\\mathrm{E}")
    posts, pages, _ = build(site, out)
    assert posts == 16 and pages == 20  # every post uses \E, and so do the 2 feeds of each language; listings show no formulas
    assert_same_as_clean_build(site, out, tmp_path)


def test_editing_an_i18n_string_rerenders_the_pages_that_show_it(site, tmp_path):
    out = tmp_path / "out"
    build(site, out)
    (site / "i18n").mkdir()
    (site / "i18n" / "zh.yaml").write_text("archives: 文章归档\n", encoding="utf-8")
    posts, pages, changed = build(site, out)
    # every Chinese page, and the English 404 page, which speaks every language
    assert posts == 0 and pages == sum(1 for _ in out.rglob("*.html")) - len(list((out / "en").rglob("*.html"))) + 1
    (site / "i18n" / "zh.yaml").write_text("archives: 文章归档\nnewer_post: 新一篇\n", encoding="utf-8")
    assert build(site, out) == (0, 15, 15)  # the zh posts with a newer neighbour, and the English 404 page
    assert_same_as_clean_build(site, out, tmp_path)


def test_a_deleted_post_disappears_and_a_touched_output_is_repaired(site, tmp_path):
    out = tmp_path / "out"
    build(site, out)
    (site / "content/posts/p03.md").unlink()
    (out / "archives/index.html").write_text("tampered")
    build(site, out)
    assert not (out / "posts/p03").exists()
    assert_same_as_clean_build(site, out, tmp_path)


def test_a_corrupt_cache_is_discarded_with_a_warning(site, tmp_path):
    out = tmp_path / "out"
    build(site, out)
    (site / ".blog-cache" / "cache.sqlite").write_bytes(b"not a database")
    run = run_blog("build", "--site", site, "--output", out)
    assert run.code == 0
    assert run.diagnostics[0].startswith(".blog-cache/cache.sqlite: warning: build cache discarded: it could not be read")
    assert build(site, out) == (0, 0, 0)
    assert_same_as_clean_build(site, out, tmp_path)


def test_a_deleted_output_comes_back_from_the_cache_without_rendering(site, tmp_path):
    out = tmp_path / "out"
    build(site, out)
    shutil.rmtree(out)  # a fresh checkout in CI with .blog-cache restored
    posts, pages, changed = build(site, out)
    assert (posts, pages) == (0, 0) and changed > 0
    assert (out / "pagefind/0/pagefind-entry.json").is_file()
    assert_same_as_clean_build(site, out, tmp_path)
