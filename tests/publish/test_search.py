"""Search without a server: `blog build` indexes post bodies with Pagefind, one index per language,
in shards that are indexed again only when one of their posts changed; the search page speaks the
site's language."""

import json
import re

from tests.support.cli import run_blog

SITE = {
    "content/posts/td.md": "---\ntitle: 时序差分\ndate: 2026-01-02\n---\n时序差分学习结合了蒙特卡洛和动态规划。\n",
    "content/posts/td.en.md": "---\ntitle: TD learning\ndate: 2026-01-02\n---\nBootstrapping from estimates.\n",
    "content/posts/mc.md": "---\ntitle: 蒙特卡洛\ndate: 2026-01-01\n---\n回报的平均。\n",
    "content/pages/about.md": "---\ntitle: 关于\n---\n关于本站。\n",
}


def build(site, *extra):
    run = run_blog("build", "--site", site, "--output", site / "public", *extra)
    assert run.code == 0, run.stderr
    return site / "public", run


def options(page: str) -> dict:
    return json.loads(re.search(r"new PagefindUI\((.*?)\);", page, re.S).group(1))


def test_one_index_per_language_from_post_bodies_only(make_site):
    output, _ = build(make_site(SITE))
    entry = json.loads((output / "pagefind/0/pagefind-entry.json").read_text(encoding="utf-8"))
    assert {lang: index["page_count"] for lang, index in entry["languages"].items()} == {"en": 1, "zh": 2}
    assert list(entry["languages"]) == ["en", "zh"], "sorted, so two builds write the same bytes"
    assert sorted(p.name for p in (output / "pagefind").iterdir()) == ["0"]  # a small blog is one shard


def test_search_pages_in_each_language_with_strings_from_i18n(make_site):
    site = make_site({**SITE, "i18n/zh.yaml": "search_placeholder: 找点什么\n"})
    output, _ = build(site)
    zh = (output / "search/index.html").read_text(encoding="utf-8")
    en = (output / "en/search/index.html").read_text(encoding="utf-8")
    assert '<html lang="zh">' in zh and '<html lang="en">' in en
    assert options(zh)["translations"]["placeholder"] == "找点什么"
    assert options(zh)["translations"]["zero_results"] == "没有找到与“[SEARCH_TERM]”相关的结果"
    assert options(en)["translations"]["many_results"] == "[COUNT] results for “[SEARCH_TERM]”"
    assert options(en)["bundlePath"] == "/pagefind/0/" and options(en)["baseUrl"] == "/"
    assert options(en)["mergeIndex"] == []
    assert '<a href="/search/">搜索</a>' in (output / "index.html").read_text(encoding="utf-8")
    assert '<a href="/en/search/">Search</a>' in (output / "en/index.html").read_text(encoding="utf-8")


def test_search_can_be_turned_off(make_site):
    site = make_site({**SITE, "site.yaml": "title: T\nbase_url: https://example.org/\nsearch: {enabled: false}\n"})
    output, _ = build(site)
    assert not (output / "pagefind").exists()
    assert not (output / "search").exists() and not (output / "en/search").exists()
    assert "/search/" not in (output / "index.html").read_text(encoding="utf-8")
    assert "/search/" not in (output / "sitemap.xml").read_text(encoding="utf-8")


def test_an_unchanged_site_keeps_its_index_and_an_edit_rebuilds_it(make_site):
    site = make_site(SITE)
    output, _ = build(site)
    entry = output / "pagefind/0/pagefind-entry.json"
    before, stamp = entry.read_bytes(), entry.stat().st_mtime_ns
    _, run = build(site)
    assert "0 files changed" in run.stdout
    assert entry.stat().st_mtime_ns == stamp
    (site / "content/posts/mc.md").write_text("---\ntitle: 蒙特卡洛\ndate: 2026-01-01\n---\n采样回报。\n", encoding="utf-8")
    build(site)
    assert entry.read_bytes() != before
    assert len(list((output / "pagefind/0/fragment").iterdir())) == 3, "no fragments of the old version are left"


def test_a_large_blog_is_sharded_and_an_edit_reindexes_only_its_shard(make_site, monkeypatch):
    from blog.output import search

    posts = {f"content/posts/p{i:03d}.md": f"---\ntitle: 第 {i} 篇\ndate: 2026-01-01\n---\n正文 {i}。\n" for i in range(700)}
    site = make_site(posts)
    output, _ = build(site)
    count = search.shard_count(700)
    assert count >= 2
    shards = sorted(int(p.name) for p in (output / "pagefind").iterdir())
    assert shards == list(range(count))
    search_page = options((output / "search/index.html").read_text(encoding="utf-8"))
    assert search_page["bundlePath"] == "/pagefind/0/"
    assert [merged["bundlePath"] for merged in search_page["mergeIndex"]] == [f"/pagefind/{n}/" for n in range(1, count)]
    counts = [json.loads((output / f"pagefind/{n}/pagefind-entry.json").read_text())["languages"]["zh"]["page_count"]
              for n in range(count)]
    assert sum(counts) == 700
    stamps = {n: (output / f"pagefind/{n}/pagefind-entry.json").stat().st_mtime_ns for n in range(count)}
    (site / "content/posts/p123.md").write_text("---\ntitle: 第 123 篇\ndate: 2026-01-01\n---\n改过。\n", encoding="utf-8")
    build(site)
    touched = [n for n in range(count) if (output / f"pagefind/{n}/pagefind-entry.json").stat().st_mtime_ns != stamps[n]]
    assert len(touched) == 1
