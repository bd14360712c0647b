"""A blog with no posts yet is a normal state: a new blog, one whose posts are all drafts, and a
language configured before its first translation all build, with pages that say so."""

from __future__ import annotations

import re
import xml.dom.minidom
from pathlib import Path

import pytest

from blog.output.search import index_shards, shard_count
from tests.support.cli import run_blog

DRAFT = "---\ntitle: 还没写完\ndate: 2026-01-02\ndraft: true\n---\n\n草稿正文。\n"
POST = "---\ntitle: 第一篇\ndate: 2026-01-03\ncategories: [强化学习]\n---\n\n正文，关于策略梯度。\n"


def new_site(tmp_path: Path, posts: dict[str, str]) -> Path:
    """What `blog init` makes, with its sample post replaced by `posts`."""
    site = tmp_path / "site"
    assert run_blog("init", site).code == 0
    for sample in (site / "content/posts").iterdir():
        sample.unlink()
    for name, text in posts.items():
        (site / "content/posts" / name).write_text(text, encoding="utf-8")
    return site


def main_text(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    return re.sub(r"<[^>]+>", " ", re.search(r"<main.*?</main>", html, re.S).group(0))


@pytest.mark.parametrize("posts", [{}, {"draft.md": DRAFT}], ids=["no-posts", "only-drafts"])
def test_a_blog_without_published_posts_builds_and_says_so(tmp_path, posts):
    site = new_site(tmp_path, posts)
    run = run_blog("build", "--site", site)
    assert run.code == 0, run.stderr
    assert run.diagnostics == []
    public = site / "public"
    assert "还没有文章" in main_text(public / "index.html")
    assert "No posts yet" in main_text(public / "en/index.html")
    assert 'lang="en"' in (public / "en/index.html").read_text(encoding="utf-8")
    for listing in ("categories", "tags", "en/tags"):
        assert "<li" not in main_text(public / listing / "index.html")
    assert "还没有可以搜索的内容" in main_text(public / "search/index.html")
    assert "nothing to search yet" in main_text(public / "en/search/index.html")
    assert not (public / "pagefind").exists()
    assert "pagefind" not in (public / "search/index.html").read_text(encoding="utf-8")
    for feed in ("feed.xml", "en/feed.xml"):
        document = xml.dom.minidom.parse(str(public / feed))
        assert document.documentElement.tagName == "feed"
        assert document.getElementsByTagName("entry") == []
        assert document.getElementsByTagName("updated")  # required by Atom even when empty
    sitemap = xml.dom.minidom.parse(str(public / "sitemap.xml"))
    locations = [node.firstChild.data for node in sitemap.getElementsByTagName("loc")]
    assert "https://example.org/" in locations and "https://example.org/about/" in locations
    assert not any("/posts/" in location for location in locations)


def test_drafts_are_published_with_drafts_flag_and_indexed(tmp_path):
    site = new_site(tmp_path, {"draft.md": DRAFT})
    run = run_blog("build", "--site", site, "--drafts")
    assert run.code == 0, run.stderr
    assert "还没写完" in main_text(site / "public/index.html")
    assert (site / "public/pagefind/0/pagefind-entry.json").exists()


def test_a_language_with_no_posts_yet_builds_its_pages(tmp_path):
    site = new_site(tmp_path, {"first.md": POST})
    run = run_blog("build", "--site", site)
    assert run.code == 0, run.stderr
    public = site / "public"
    assert "第一篇" in main_text(public / "index.html")
    assert "No posts yet" in main_text(public / "en/index.html")
    # Search on /en/ still finds the site's posts: the index exists and the page loads it.
    assert (public / "pagefind/0/pagefind-entry.json").exists()
    assert "pagefind/0/pagefind-ui.js" in (public / "en/search/index.html").read_text(encoding="utf-8")
    feed = xml.dom.minidom.parse(str(public / "en/feed.xml"))
    assert feed.getElementsByTagName("entry") == []


def test_the_search_step_never_turns_nothing_to_index_into_an_error(tmp_path):
    assert shard_count(0) == 0
    assert shard_count(1) == 1
    index_shards(tmp_path, {0: []}, workers=1)
    assert list(tmp_path.iterdir()) == []


def test_deleting_the_last_post_takes_its_search_index_away(tmp_path):
    site = new_site(tmp_path, {"first.md": POST})
    assert run_blog("build", "--site", site).code == 0
    assert (site / "public/pagefind").is_dir()
    (site / "content/posts/first.md").unlink()
    run = run_blog("build", "--site", site)  # incremental: the cache knows the old shard
    assert run.code == 0, run.stderr
    assert not (site / "public/pagefind").exists()
    assert not (site / "public/posts").exists()
    assert "还没有文章" in main_text(site / "public/index.html")
