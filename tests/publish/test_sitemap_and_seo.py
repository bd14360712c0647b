"""What search engines and link previews read: sitemap.xml with hreflang alternates, robots.txt,
OpenGraph and Twitter card meta, JSON-LD BlogPosting."""

import json
import re
import xml.etree.ElementTree as ET
from html import unescape
from urllib.parse import unquote

import pytest

from tests.support.cli import run_blog
from tests.support.sites import write_site

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"

SITE = {
    "site.yaml": """
        title: 传输
        base_url: https://example.org/blog/
        paginate: 1
    """,
    "content/posts/ppo.md": """
        ---
        title: PPO 与 GRPO
        date: 2026-02-01 09:00:00+08:00
        updated: 2026-03-05
        author: 张三
        categories: [强化学习]
        tags: [PPO, RLHF]
        description: 比较 PPO 和 GRPO。
        aliases: [/2019/ppo.html]
        ---
        正文。
    """,
    "content/posts/ppo.en.md": """
        ---
        title: PPO vs GRPO
        date: 2026-02-01 09:00:00+08:00
        categories: [RL]
        ---
        Text.
    """,
    "content/posts/td.md": """
        ---
        title: 时序差分
        date: 2026-01-01
        ---
        正文。
    """,
    "content/pages/about.md": """
        ---
        title: 关于
        ---
        关于本站。
    """,
}


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    site = write_site(tmp_path_factory.mktemp("seo") / "site", SITE)
    run = run_blog("build", "--site", site, "--output", site / "public")
    assert run.code == 0, run.stderr
    return site / "public"


def sitemap(output) -> dict[str, ET.Element]:
    root = ET.parse(output / "sitemap.xml").getroot()
    return {url.find(f"{SITEMAP}loc").text: url for url in root.findall(f"{SITEMAP}url")}


def test_sitemap_lists_every_page_but_redirects_search_and_404(output):
    listed = sitemap(output)
    pages = set()
    for path in output.rglob("*.html"):
        relative = path.relative_to(output).as_posix()
        if relative.startswith(("pagefind/", "2019/")) or relative.endswith("404.html") or "search/" in relative:
            continue
        pages.add("https://example.org/blog/" + relative.removesuffix("index.html"))
    assert {unquote(url) for url in listed} == pages
    assert "https://example.org/blog/page/2/" in listed


def test_sitemap_links_translations_and_dates(output):
    listed = sitemap(output)
    post = listed["https://example.org/blog/posts/ppo/"]
    assert post.find(f"{SITEMAP}lastmod").text == "2026-03-05"
    alternates = {link.get("hreflang"): link.get("href") for link in post.findall(f"{XHTML}link")}
    assert alternates == {"zh": "https://example.org/blog/posts/ppo/", "en": "https://example.org/blog/en/posts/ppo/"}
    assert all(link.get("rel") == "alternate" for link in post.findall(f"{XHTML}link"))
    assert listed["https://example.org/blog/posts/td/"].findall(f"{XHTML}link") == []
    # page 2 of the home listing is no translation of the English home page
    assert listed["https://example.org/blog/page/2/"].findall(f"{XHTML}link") == []
    assert len(listed["https://example.org/blog/"].findall(f"{XHTML}link")) == 2


def test_robots_txt_points_to_the_sitemap(output):
    robots = (output / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert "Sitemap: https://example.org/blog/sitemap.xml" in robots.splitlines()


def meta(html: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key, value in re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', html):
        found.setdefault(key, []).append(unescape(value))
    return found


def test_posts_carry_opengraph_and_twitter_card_meta(output):
    tags = meta((output / "posts/ppo/index.html").read_text(encoding="utf-8"))
    assert tags["og:type"] == ["article"]
    assert tags["og:title"] == ["PPO 与 GRPO"]
    assert tags["og:description"] == ["比较 PPO 和 GRPO。"]
    assert tags["og:url"] == ["https://example.org/blog/posts/ppo/"]
    assert tags["og:locale"] == ["zh_CN"] and tags["og:locale:alternate"] == ["en_US"]
    assert tags["article:published_time"] == ["2026-02-01T09:00:00+08:00"]
    assert tags["article:modified_time"] == ["2026-03-05T00:00:00"]
    assert tags["article:author"] == ["张三"]
    assert tags["article:section"] == ["强化学习"]
    assert tags["article:tag"] == ["PPO", "RLHF"]
    assert tags["twitter:card"] == ["summary_large_image"] and tags["twitter:title"] == ["PPO 与 GRPO"]
    assert tags["og:image"] == tags["twitter:image"] == ["https://example.org/blog/posts/ppo/og.png"]
    assert meta((output / "en/posts/ppo/index.html").read_text(encoding="utf-8"))["og:locale"] == ["en_US"]
    assert "og:type" not in meta((output / "index.html").read_text(encoding="utf-8"))


def json_ld(html: str) -> dict:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1
    return json.loads(found[0])


def test_posts_carry_json_ld_blog_posting(output):
    posting = json_ld((output / "posts/ppo/index.html").read_text(encoding="utf-8"))
    assert posting == {
        "@context": "https://schema.org", "@type": "BlogPosting", "headline": "PPO 与 GRPO",
        "description": "比较 PPO 和 GRPO。", "datePublished": "2026-02-01T09:00:00+08:00",
        "dateModified": "2026-03-05T00:00:00", "inLanguage": "zh", "url": "https://example.org/blog/posts/ppo/",
        "mainEntityOfPage": "https://example.org/blog/posts/ppo/", "keywords": ["PPO", "RLHF"],
        "author": {"@type": "Person", "name": "张三"},
    }
    english = json_ld((output / "en/posts/ppo/index.html").read_text(encoding="utf-8"))
    assert english["inLanguage"] == "en" and "author" not in english
    assert english["dateModified"] == english["datePublished"]
