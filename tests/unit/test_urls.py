import ast
from pathlib import Path

import blog.settings.urls
from blog.settings.config import LanguageConfig, SiteConfig
from blog.settings.urls import Urls, absolute_links, alias_route, old_url_route, rebase, rebase_links, slugify, unrebase


def urls(base_url: str = "https://example.org/") -> Urls:
    languages = {"zh": LanguageConfig("zh", "中文"), "en": LanguageConfig("en", "English")}
    return Urls(SiteConfig(title="T", base_url=base_url, languages=languages))


def test_routes_of_the_design_table():
    u = urls()
    assert u.home("zh") == "/" and u.home("zh", 2) == "/page/2/"
    assert u.post("zh", "ppo") == "/posts/ppo/"
    assert u.term("zh", "categories", "big-data") == "/categories/big-data/"
    assert u.term("zh", "tags", "ppo", 3) == "/tags/ppo/page/3/"
    assert (u.archives("zh"), u.feed("zh"), u.search("zh"), u.not_found("zh")) == (
        "/archives/", "/feed.xml", "/search/", "/404.html")
    assert u.home("en") == "/en/" and u.post("en", "ppo") == "/en/posts/ppo/"
    assert u.home("en", 2) == "/en/page/2/"
    assert u.feed_alias("zh", "/atom.xml") == "/atom.xml" and u.feed_alias("en", "/atom.xml") == "/en/atom.xml"
    assert u.static("css/main.css") == u.static("/css/main.css") == "/css/main.css"


def test_forms_of_a_route_under_a_sub_path():
    u = urls("https://host/sub/")
    assert u.url("/posts/ppo/") == "/sub/posts/ppo/"
    assert u.permalink("/en/posts/ppo/") == "https://host/sub/en/posts/ppo/"
    assert u.dest_path("/posts/ppo/") == "posts/ppo/index.html"
    assert u.dest_path("/") == "index.html"
    assert u.dest_path("/feed.xml") == "feed.xml"
    assert u.route_of_url("/sub/tags/%E9%87%8F%E5%8C%96/") == "/tags/量化/"
    assert u.route_of_url("/elsewhere/") is None
    assert u.route_of_url("https://host/sub/posts/ppo/#intro") == "/posts/ppo/"


def test_chinese_terms_are_kept_and_percent_encoded():
    u = urls()
    assert slugify("杂七杂八") == "杂七杂八"
    assert u.url(u.term("zh", "categories", slugify("杂七杂八"))) == "/categories/%E6%9D%82%E4%B8%83%E6%9D%82%E5%85%AB/"
    assert slugify("Reinforcement Learning") == "reinforcement-learning"
    assert slugify("KV cache") == "kv-cache" and slugify("C++") == "c++"
    assert slugify("a/b?c#d") == "a-b-c-d"
    assert slugify("My Post", lower=False) == "My-Post"


def test_alias_routes_keep_files_and_make_folders():
    assert alias_route("old/ppo") == "/old/ppo/"
    assert alias_route("/2019/05/ppo.html") == "/2019/05/ppo.html"
    assert alias_route("/archive/") == "/archive/"


def test_old_addresses_become_alias_routes_or_none():
    assert old_url_route("https://old.org/2019/05/01/ppo/") == "/2019/05/01/ppo/"
    assert old_url_route("/ppo.html?from=feed#top") == "/ppo.html"
    assert old_url_route("/%E9%87%8F%E5%8C%96") == "/量化/"
    assert [old_url_route(url) for url in ("", "/", "/a/../b/", "/a//b/", "/a\\b/")] == [None] * 5


def test_the_urls_the_build_fills_itself():
    u = urls()
    assert u.is_site_made("/") and u.is_site_made("/en/") and u.is_site_made("/en/tags/x/")
    assert u.is_site_made("/page/2/") and u.is_site_made("/feed.xml")
    assert not u.is_site_made("/2019/ppo/") and not u.is_site_made("/en/posts-old/")
    assert u.is_reserved_slug("Tags") and u.is_reserved_slug("posts") and u.is_reserved_slug("en")
    assert not u.is_reserved_slug("about")


def test_root_relative_links_move_under_the_base_path():
    assert rebase("/posts/x/", "/blog/") == "/blog/posts/x/"
    assert [rebase(url, "/blog/") for url in ("//cdn.org/a.js", "img.png", "#note", "https://o.org/")] == [
        "//cdn.org/a.js", "img.png", "#note", "https://o.org/"]
    assert rebase("/posts/x/", "/") == "/posts/x/"
    assert unrebase("/blog/posts/x/", "/blog/") == "/posts/x/" and unrebase("img.png", "/blog/") == "img.png"
    html = '<a href="/x/">x</a><img alt="y" src = \'/y.png\'><a href="z/">z</a><a href="//o.org/">o</a>'
    assert rebase_links(html, "/blog/") == (
        '<a href="/blog/x/">x</a><img alt="y" src = \'/blog/y.png\'><a href="z/">z</a><a href="//o.org/">o</a>')
    assert rebase_links(html, "/") == html


def test_feed_links_are_absolute():
    html = '<a href="/blog/x/">x</a> <img src="a.png"> <a href="#note">n</a> <code>href=&quot;/q&quot;</code>'
    assert absolute_links(html, "https://example.org/blog/posts/p/") == (
        '<a href="https://example.org/blog/x/">x</a> <img src="https://example.org/blog/posts/p/a.png"> '
        '<a href="https://example.org/blog/posts/p/#note">n</a> <code>href=&quot;/q&quot;</code>')


def test_urls_imports_nothing_of_blog_but_config():
    """The Markdown renderer and the importers use urls.py, so it must not pull in the site model."""
    tree = ast.parse(Path(blog.settings.urls.__file__).read_text(encoding="utf-8"))
    ours = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level}
    assert ours == {"config"}
