"""Searching the example blog in a real browser: Chinese words inside unbroken Chinese text, an
English term, text beside a formula, in /search/ and /en/search/, at the root and under /sub/."""

from urllib.parse import urljoin

import pytest

from tests.support.cli import run_blog
from tests.support.paths import REPO
from tests.support.webserver import static_host

pytestmark = pytest.mark.browser

SEARCHES = [  # (search page, query, a post that must be found)
    ("search/", "策略梯度", "posts/actor-critic/"),
    ("search/", "时序差分", "posts/temporal-difference-learning/"),
    ("search/", "allreduce", "posts/allreduce/"),
    ("en/search/", "allreduce", "en/posts/allreduce/"),
    ("en/search/", "residual", "en/posts/gae-explained/"),  # "the TD residual" stands right before a formula
]


@pytest.fixture(scope="module", params=["/", "/sub/"])
def site(request, tmp_path_factory, chromium):
    output = tmp_path_factory.mktemp("search") / "public"
    base_url = f"https://host.example{request.param}"
    run = run_blog("build", "--site", REPO, "--output", output, "--base-url", base_url, "--no-cache")
    assert run.code == 0, run.stderr
    page = chromium.new_page()
    with static_host(output, request.param) as start:
        yield start, request.param, page
    page.close()


def results(page) -> list[str]:
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    page.wait_for_function("document.querySelector('.pagefind-ui__message')?.textContent.match(/\\d/)")
    return page.eval_on_selector_all("li.pagefind-ui__result > div > p > .pagefind-ui__result-link",
                                     "links => links.map(a => a.getAttribute('href'))")


@pytest.mark.parametrize("search_page, query, expected", SEARCHES)
def test_search_finds_the_right_posts(site, search_page, query, expected):
    start, prefix, page = site
    page.goto(f"{start}{search_page}?q={query}")
    found = results(page)
    assert prefix + expected in found
    language_root = prefix + ("en/" if search_page.startswith("en/") else "")
    assert all(url.startswith(language_root + "posts/") for url in found), "only posts, only this language"


def test_typing_a_query_shows_translated_ui_and_results_that_open(site):
    start, prefix, page = site
    page.goto(f"{start}search/")
    box = page.locator(".pagefind-ui__search-input")
    assert box.get_attribute("placeholder") == "搜索文章…"
    box.fill("时序差分")
    found = results(page)
    assert "篇与“时序差分”相关的文章" in page.inner_text(".pagefind-ui__message")
    response = page.goto(urljoin(start, found[0]))
    assert response.status == 200 and "时序差分" in page.title()


def test_search_works_in_a_language_with_no_posts_yet(make_site, chromium):
    """An `en` configured before the first translation: its search page finds the site's posts."""
    site = make_site({
        "site.yaml": "title: T\nbase_url: https://example.org/\ndefault_language: zh\n"
                     "languages:\n  zh: {name: 中文}\n  en: {name: English}\n",
        "content/posts/first.md": "---\ntitle: 第一篇\ndate: 2026-01-03\n---\n\n正文，关于策略梯度。\n",
    })
    assert run_blog("build", "--site", site).code == 0
    page = chromium.new_page()
    with static_host(site / "public") as start:
        page.goto(f"{start}en/search/?q=策略梯度")
        assert results(page) == ["/posts/first/"]
        assert page.inner_text(".pagefind-ui__message") == "1 result for “策略梯度”"
    page.close()
