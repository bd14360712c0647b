"""The repository's own example blog, built end to end: listings, excerpts, terms, translations,
links, determinism, and golden HTML of chosen pages."""

import re
from html import unescape
from pathlib import Path

import pytest

from tests.e2e.crawl import broken_links
from tests.support.cli import run_blog
from tests.support.paths import REPO

GOLDEN_PAGES = ["index.html", "en/index.html", "posts/two-pointers-container-with-most-water/index.html",
                "categories/index.html", "archives/index.html"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("example") / "public"
    run = run_blog("build", "--site", REPO, "--output", output, "--no-cache")
    assert run.code == 0, run.stderr
    assert run.diagnostics == [], "the example blog builds without warnings"
    return output


def read(output: Path, relative: str) -> str:
    return (output / relative).read_text(encoding="utf-8")


def items(html: str) -> list[dict[str, str]]:
    found = []
    for block in re.findall(r'<li class="post-item">(.*?)</li>', html, re.S):
        found.append({
            "title": unescape(re.search(r'post-item-title"><a href="[^"]+">(.*?)</a>', block, re.S).group(1)),
            "url": re.search(r'post-item-title"><a href="([^"]+)"', block).group(1),
            "excerpt": unescape(re.search(r'<p class="post-excerpt">(.*?)</p>', block, re.S).group(1)),
            "date": re.search(r'<time datetime="([^"]+)"', block).group(1),
        })
    return found


def test_home_lists_ten_newest_posts_with_excerpts_and_pages(built):
    first, second = items(read(built, "index.html")), items(read(built, "page/2/index.html"))
    assert len(first) == 10 and 1 <= len(second) <= 10
    dates = [i["date"] for i in first + second]
    assert dates == sorted(dates, reverse=True)
    assert all(len(i["excerpt"]) <= 353 for i in first + second)
    assert any(i["excerpt"].endswith("...") and len(i["excerpt"]) == 353 for i in first + second)
    home = read(built, "index.html")
    assert '<p class="tagline">INCOMING TRANSMISSION</p>' in home
    assert re.search(r'<nav class="pagination".*?<span class="page-number current" aria-current="page">1</span>'
                     r'.*?<a class="page-number" href="/page/2/"', home, re.S)
    assert 'rel="next" href="/page/2/"' in home and 'rel="prev" href="/"' in read(built, "page/2/index.html")
    assert all(re.search(r'class="category"', b) for b in re.findall(r'<li class="post-item">(.*?)</li>', home, re.S))


def test_excerpt_rules_on_real_posts(built):
    listed = {i["url"]: i["excerpt"] for page in ("index.html", "page/2/index.html") for i in items(read(built, page))}
    assert listed["/posts/hive-explode-lateral-view/"].split()[:3] == ["本文要点", "1.", listed["/posts/hive-explode-lateral-view/"].split()[2]]
    assert not listed["/posts/pytorch-inplace-expand-error/"].endswith("...")
    assert "[Math]" in "".join(listed.values()) and "[公式]" in "".join(listed.values())
    assert "[代码]" in "".join(listed.values())
    assert "$" not in listed["/posts/ppo-vs-grpo/"].replace("$2", "")


def test_each_language_lists_only_its_own_posts(built):
    english = items(read(built, "en/index.html")) + items(read(built, "en/page/2/index.html"))
    assert len(english) == 13
    assert all(i["url"].startswith("/en/posts/") for i in english)
    english_text = "".join(i["excerpt"] for i in english)
    assert "[Math]" in english_text and "[公式]" not in english_text and "[代码]" not in english_text
    chinese = items(read(built, "index.html"))
    assert all(i["url"].startswith("/posts/") for i in chinese)


def test_translations_alternates_and_language_switcher(built):
    zh, en = read(built, "posts/ppo-vs-grpo/index.html"), read(built, "en/posts/ppo-vs-grpo/index.html")
    for html in (zh, en):
        assert '<link rel="alternate" hreflang="zh" href="https://example.org/posts/ppo-vs-grpo/">' in html
        assert '<link rel="alternate" hreflang="en" href="https://example.org/en/posts/ppo-vs-grpo/">' in html
    assert zh.startswith('<!doctype html>\n<html lang="zh">') and '<html lang="en">' in en
    assert '<link rel="canonical" href="https://example.org/posts/ppo-vs-grpo/">' in zh
    assert re.search(r'class="translations".*?href="/en/posts/ppo-vs-grpo/"', zh, re.S)
    assert re.search(r'class="language-switcher".*?href="/en/posts/ppo-vs-grpo/"', zh, re.S)
    only_zh = read(built, "posts/medusa/index.html")
    assert 'hreflang="en"' not in only_zh.split("</head>")[0]
    assert re.search(r'class="language-switcher".*?href="/en/"', only_zh, re.S)


def test_every_page_has_lang_and_canonical(built):
    for path in built.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert re.search(r'<html lang="(zh|en)">', html), path
        assert '<link rel="canonical" href="https://example.org/' in html, path


def test_categories_tags_archives_and_404(built):
    misc = built / "categories" / "杂七杂八" / "index.html"
    assert misc.is_file()
    assert 'href="/categories/%E6%9D%82%E4%B8%83%E6%9D%82%E5%85%AB/"' in read(built, "categories/index.html")
    listed = items(read(built, "categories/reinforcement-learning/index.html"))
    in_category = [p for p in (built / "posts").glob("*/index.html")
                   if 'class="category" href="/categories/reinforcement-learning/"' in p.read_text(encoding="utf-8")]
    assert len(listed) == len(in_category) >= 5
    assert (built / "tags/ppo/index.html").is_file()
    archives = read(built, "archives/index.html")
    years = re.findall(r'<h2 id="y(\d{4})">', archives)
    assert years == sorted(set(years), reverse=True) and {"2024", "2025", "2026"} <= set(years)
    assert "页面不存在" in read(built, "404.html") and "Page not found" in read(built, "en/404.html")


def test_drafts_stay_out_and_bundle_assets_are_published(built):
    assert not (built / "posts" / "draft-kv-cache-notes").exists()
    assert (built / "posts/hdfs-architecture/hdfs.svg").is_file()
    assert (built / "en/posts/hdfs-architecture/hdfs.svg").is_file()


def test_post_page_features(built):
    html = read(built, "posts/temporal-difference-learning/index.html")
    assert '<h2 id="update-rule">' in html and '<details class="toc"' in html
    assert "<math" in html and "<annotation encoding=\"application/x-tex\">" in html
    assert '<pre class="highlight" data-lang="Python" tabindex="0"><code class="language-python">' in html
    assert 'class="older"' in html or 'class="newer"' in html
    assert re.search(r'<a class="category" href="/categories/reinforcement-learning/">', html)


def test_every_internal_link_and_anchor_resolves(built):
    assert broken_links(built) == []


def test_two_builds_are_byte_identical(built, tmp_path):
    again = tmp_path / "again"
    assert run_blog("build", "--site", REPO, "--output", again, "--jobs", "1", "--no-cache").code == 0
    first = {p.relative_to(built): p.read_bytes() for p in built.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


@pytest.mark.parametrize("page", GOLDEN_PAGES)
def test_golden_pages(built, golden, page):
    golden(f"example/{page}", read(built, page))
