"""In a real browser: a saved edit appears in the open tab by itself, at the same scroll position."""

import pytest

from tests.support.live_server import POST, Server, free_port
from tests.support.sites import write_site

pytestmark = pytest.mark.browser


def test_an_edit_appears_in_the_open_tab_without_any_action(chromium, tmp_path):
    long_body = "\n\n".join(f"第 {i} 段，用来把页面撑长。" for i in range(80))
    site = write_site(tmp_path / "site", {
        "content/posts/ppo.md": POST.format(title="PPO", day=1, extra="", body=long_body),
        "content/posts/other.md": POST.format(title="Other", day=2, extra="", body="无关的一篇。"),
    })
    server = Server(site, free_port())
    try:
        page = chromium.new_page()
        other_tab = chromium.new_page()
        page.goto(f"http://127.0.0.1:{server.port}/posts/ppo/")
        other_tab.goto(f"http://127.0.0.1:{server.port}/posts/other/")
        page.wait_for_function("() => document.readyState === 'complete'")
        page.evaluate("window.scrollTo(0, 1500)")
        marks = [tab.evaluate("() => (window.__mark = Math.random())") for tab in (page, other_tab)]

        (site / "content/posts/ppo.md").write_text(
            POST.format(title="PPO", day=1, extra="", body="刚刚保存的新句子。\n\n" + long_body), encoding="utf-8")
        page.wait_for_function("() => document.body.innerText.includes('刚刚保存的新句子')", timeout=15000)
        assert page.evaluate("() => window.__mark") is None  # the page reloaded by itself
        page.wait_for_function("() => window.scrollY > 1000", timeout=5000)  # and kept its place
        assert other_tab.evaluate("() => window.__mark") == marks[1]  # an unrelated tab was left alone

        (site / "content/posts/ppo.md").write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
        page.wait_for_selector("#blog-serve-problems", timeout=15000)
        assert "content/posts/ppo.md:3:1: error: invalid YAML" in page.inner_text("#blog-serve-problems")
        (site / "content/posts/ppo.md").write_text(POST.format(title="PPO", day=1, extra="", body="修好了。"),
                                                   encoding="utf-8")
        page.wait_for_function("() => document.body.innerText.includes('修好了')", timeout=15000)
        assert page.query_selector("#blog-serve-problems") is None
    finally:
        server.stop()
