"""`--base-url https://host/sub/`: the output works when a host serves it under /sub/ (as GitHub
Pages serves a project site): every link, asset, feed entry, sitemap entry and the search bundle."""

from urllib.parse import quote

import pytest

from tests.publish.httpcrawl import crawl
from tests.support.cli import run_blog
from tests.support.paths import REPO
from tests.support.webserver import static_host

PUBLIC = "https://host.example/sub/"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    output = tmp_path_factory.mktemp("sub") / "public"
    run = run_blog("build", "--site", REPO, "--output", output, "--base-url", PUBLIC, "--no-cache")
    assert run.code == 0, run.stderr
    with static_host(output, "/sub/") as start:
        yield output, start


def test_every_link_and_asset_resolves_under_the_prefix(served):
    output, start = served
    fetched, problems = crawl(start, PUBLIC)
    assert problems == []
    pages = {start + quote(p.relative_to(output).as_posix()).removesuffix("index.html")
             for p in output.rglob("*.html") if "pagefind" not in p.parts and p.name != "404.html"}
    assert pages <= set(fetched), "every page is reachable by links (sitemap included)"
    for asset in ("pagefind/0/pagefind-ui.js", "pagefind/0/pagefind-ui.css", "css/main.css", "feed.xml",
                  "en/feed.xml", "sitemap.xml", "robots.txt"):
        assert f"{start}{asset}" in fetched, asset


def test_the_search_page_points_pagefind_at_the_prefix(served):
    output, _ = served
    page = (output / "en/search/index.html").read_text(encoding="utf-8")
    assert '"bundlePath": "/sub/pagefind/0/"' in page and '"baseUrl": "/sub/"' in page
    assert '<script src="/sub/pagefind/0/pagefind-ui.js"></script>' in page


def test_the_not_found_page_works_from_any_depth(served):
    """Hosts serve 404.html for every missing URL, so its links must not be relative."""
    output, _ = served
    page = (output / "404.html").read_text(encoding="utf-8")
    assert 'href="/sub/css/main.css"' in page and 'href="/sub/"' in page
