"""What a reader sees, in headless Chromium at 390 and 1280 px, light and dark: the copy button
copies, the table of contents collapses on phones and marks the section in view on wide screens,
back-to-top comes and takes the reader up, and with JavaScript off the page still reads fully."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import run_blog
from tests.support.sites import write_site
from tests.support.webserver import static_host

pytestmark = pytest.mark.browser

WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")
SHOTS = Path("/tmp/blog-reader-shots")  # looked at by hand; never committed
CODE = 'def td_update(v, s, target, alpha=0.1):\n    v[s] += alpha * (target - v[s])  # 向目标靠近\n    return v\n'
SECTIONS = ["从 MC 到 TD", "TD(0) 预测", "Sarsa", "Q-learning", "n 步回报"]
PARAGRAPH = "时序差分学习站在蒙特卡洛与动态规划的交叉点上：它直接从经验中学习，又用已有的估计更新估计。" * 6


def body() -> str:
    parts = []
    for number, title in enumerate(SECTIONS):
        parts.append(f"## {title}\n\n" + "\n\n".join([PARAGRAPH] * 4))
        if number == 1:
            parts.append(f"```python\n{CODE}```")
            parts.append("```\n纯文本输出，没有语言\n```")
    return "\n\n".join(parts)


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("reader")
    write_site(root / "site", {
        "site.yaml": "title: 传输\nbase_url: https://example.org/\nsearch: {enabled: false}\n",
        "content/posts/mc.md": "---\ntitle: 蒙特卡洛方法\ndate: 2026-01-01\ntags: [强化学习]\n"
                               "series: 强化学习入门\nseries_order: 1\n---\n蒙特卡洛。\n",
        "content/posts/td.md": "---\ntitle: 时序差分学习\ndate: 2026-01-02\ntags: [强化学习]\n"
                               "series: 强化学习入门\nseries_order: 2\n---\n" + body(),
    })
    run = run_blog("build", "--site", root / "site", "--output", root / "public")
    assert run.code == 0, run.stderr
    with static_host(root / "public") as url:
        yield url


def open_post(chromium, site_url, width, scheme, **options):
    """Motion reduced: scrolling jumps instead of gliding, so waits end sooner (the theme's choice)."""
    context = chromium.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme,
                                   reduced_motion="reduce", **options)
    page = context.new_page()
    page.goto(site_url + "posts/td/")
    page.wait_for_load_state("load")
    return page


def shoot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


CONTRAST = """(el) => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 4).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= .03928 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [.2126, .7152, .0722][i], 0);
  let back = el;
  while (back && (getComputedStyle(back).backgroundColor === 'rgba(0, 0, 0, 0)')) back = back.parentElement;
  const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(rgb(getComputedStyle(back || document.body).backgroundColor))];
  return (Math.max(a, b) + .05) / (Math.min(a, b) + .05);
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_the_copy_button_copies_the_code_and_the_language_is_named(chromium, site_url, width, scheme):
    page = open_post(chromium, site_url, width, scheme, permissions=["clipboard-read", "clipboard-write"])
    box = page.locator(".code-box").first
    box.scroll_into_view_if_needed()
    button = box.locator(".copy-code")
    pre = box.locator("pre").bounding_box()
    where = button.bounding_box()
    assert button.inner_text() == "复制"
    assert pre["x"] + pre["width"] - 60 < where["x"] + where["width"] <= pre["x"] + pre["width"]  # top right
    assert pre["y"] <= where["y"] < pre["y"] + 20
    label = page.evaluate("(pre) => getComputedStyle(pre, '::before').content", box.locator("pre").element_handle())
    assert label == '"Python"'
    assert page.locator(".code-box pre").nth(1).evaluate("(pre) => getComputedStyle(pre, '::before').content") == "none"
    assert page.evaluate(CONTRAST, button.element_handle()) >= 4.5
    shoot(page, f"code-{width}-{scheme}")
    button.click()
    page.wait_for_function("(b) => b.textContent === '已复制'", arg=button.element_handle())
    assert page.evaluate("navigator.clipboard.readText()") == CODE
    page.context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_toc_is_collapsed_on_phones_and_opens_with_a_tap(chromium, site_url, scheme):
    page = open_post(chromium, site_url, 390, scheme)
    toc = page.locator("details.toc")
    first_entry = toc.locator("nav a").first
    assert not first_entry.is_visible()
    assert toc.bounding_box()["height"] < 70  # one line instead of the whole list
    toc.locator("summary").click()
    assert first_entry.is_visible() and toc.locator("nav a").count() == len(SECTIONS)
    assert page.evaluate(CONTRAST, toc.locator("summary").element_handle()) >= 4.5
    shoot(page, f"toc-390-{scheme}")
    toc.locator("nav a").nth(3).click()  # a chosen section folds the list away again
    page.wait_for_function("() => !document.querySelector('details.toc').open")
    page.wait_for_function("() => Math.abs(document.getElementById('q-learning').getBoundingClientRect().top) < 80")
    page.context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_on_wide_screens_the_toc_sits_open_beside_the_post_and_marks_the_section_in_view(chromium, site_url, scheme):
    page = open_post(chromium, site_url, 1280, scheme)
    toc = page.locator("details.toc")
    links = toc.locator("nav a")
    assert links.first.is_visible() and toc.evaluate("(d) => d.open")  # open for assistive technology too
    assert toc.bounding_box()["x"] > page.locator(".post-content").bounding_box()["x"] + 600  # a column of its own
    for index in (3, 1, 4):
        page.locator(".post-content h2").nth(index).evaluate("(h) => window.scrollTo(0, h.offsetTop - 40)")
        page.wait_for_function("(title) => document.querySelector('.toc a[aria-current]')?.textContent === title",
                               arg=SECTIONS[index])
        assert links.evaluate_all("(all) => all.filter(a => a.hasAttribute('aria-current')).length") == 1
    marked = toc.locator("a[aria-current]")
    assert page.evaluate(CONTRAST, marked.element_handle()) >= 4.5
    assert marked.evaluate("(a) => getComputedStyle(a).color") != links.first.evaluate("(a) => getComputedStyle(a).color")
    shoot(page, f"toc-1280-{scheme}")
    page.context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_back_to_top_appears_after_scrolling_and_takes_the_reader_up(chromium, site_url, width, scheme):
    page = open_post(chromium, site_url, width, scheme)
    button = page.locator(".back-to-top")
    button.wait_for(state="hidden")  # at the top of the page, nothing to go back to
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    page.wait_for_function("getComputedStyle(document.querySelector('.back-to-top')).opacity === '1'")
    where = button.bounding_box()
    assert where["x"] + where["width"] <= width and where["y"] + where["height"] <= 800  # fixed in the corner
    assert where["x"] > width - 80 and where["y"] > 800 - 80
    shoot(page, f"back-to-top-{width}-{scheme}")
    button.click()
    page.wait_for_function("window.scrollY === 0")
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_with_javascript_off_the_page_reads_fully(chromium, site_url, width):
    page = open_post(chromium, site_url, width, "light", java_script_enabled=False)
    assert page.locator(".copy-code").count() == 0
    for index in range(len(SECTIONS)):
        heading = page.locator(".post-content h2").nth(index)
        heading.scroll_into_view_if_needed()
        assert heading.is_visible()
    code = page.locator(".post-content pre code").first
    code.scroll_into_view_if_needed()
    assert code.is_visible() and code.text_content() == CODE
    assert page.locator(".series-box .series-part").inner_text() == "第 2/2 篇"
    toc = page.locator("details.toc")
    if width == 390:
        toc.locator("summary").click()  # a <details> opens without any script
    assert toc.locator("nav a").first.is_visible()
    link = page.locator(".back-to-top")  # a plain link at the end of the post
    link.scroll_into_view_if_needed()
    assert link.is_visible() and link.inner_text() == "↑ 回到顶部"
    link.click()  # "#" is the top of the page; with reduced motion it is there at once
    assert page.evaluate("window.scrollY") == 0
    shoot(page, f"no-js-{width}")
    page.context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_reading_time_series_and_related_posts_are_legible_and_fit_the_screen(chromium, site_url, width, scheme):
    page = open_post(chromium, site_url, width, scheme)
    for selector in (".reading-time", ".series-box .series-part", ".series-box summary", ".series-nav span",
                     ".related time"):
        element = page.locator(selector).first
        element.scroll_into_view_if_needed()
        assert element.is_visible(), selector
        assert page.evaluate(CONTRAST, element.element_handle()) >= 4.5, selector
    # 20 paragraphs of 252 characters and 7 in headings at 300 a minute, 7 Latin words; no code: 16.9 minutes
    assert page.locator(".reading-time").inner_text() == "阅读约 17 分钟"
    assert page.locator(".series-nav a").inner_text().startswith("上一篇 · 第 1/2 篇")
    assert page.locator(".related li a").all_inner_texts() == ["蒙特卡洛方法"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing sticks out sideways
    shoot(page, f"post-end-{width}-{scheme}")
    page.goto(site_url + "series/强化学习入门/")
    assert page.locator(".series-list .series-part").all_inner_texts() == ["第 1/2 篇", "第 2/2 篇"]
    assert page.evaluate(CONTRAST, page.locator(".series-list .series-part").first.element_handle()) >= 4.5
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shoot(page, f"series-page-{width}-{scheme}")
    page.context.close()


# giscus.app stood in for by the browser itself: its client script adds the comments frame, and
# the frame notes every colour scheme the page asks it for.
GISCUS_CLIENT = ("var f = document.createElement('iframe'); f.className = 'giscus-frame';"
                 "f.src = 'https://giscus.app/widget'; document.currentScript.after(f);")
# Like giscus, the frame keeps telling the page its height while it lays out (here until the page
# answers): the page may start listening after the frame's first message.
GISCUS_FRAME = ("<script>window.themes = []; addEventListener('message', e => themes.push(e.data.giscus.setConfig.theme));"
                "const tell = setInterval(() => themes.length ? clearInterval(tell)"
                " : parent.postMessage({giscus: {resizeHeight: 200}}, '*'), 50);</script>")


@pytest.mark.parametrize("width", WIDTHS)
def test_comments_follow_the_pages_colour_scheme_when_the_reader_switches_it(chromium, tmp_path, width):
    write_site(tmp_path / "site", {
        "site.yaml": "title: T\nbase_url: https://example.org/\nsearch: {enabled: false}\n"
                     "reader: {og_image: {enabled: false}, giscus: {repo: someone/blog, repo_id: R, category: C, "
                     "category_id: D}}\n",
        "content/posts/a.md": "---\ntitle: A\ndate: 2026-01-01\n---\n正文。\n",
    })
    assert run_blog("build", "--site", tmp_path / "site", "--output", tmp_path / "public").code == 0
    with static_host(tmp_path / "public") as url:
        context = chromium.new_context(viewport={"width": width, "height": 800}, color_scheme="light")
        page = context.new_page()
        page.route("https://giscus.app/client.js", lambda route: route.fulfill(
            body=GISCUS_CLIENT, content_type="text/javascript", headers={"Access-Control-Allow-Origin": "*"}))
        page.route("https://giscus.app/widget", lambda route: route.fulfill(body=GISCUS_FRAME, content_type="text/html"))
        page.goto(url + "posts/a/")
        page.locator(".comments").scroll_into_view_if_needed()
        page.wait_for_selector("iframe.giscus-frame")
        frame = page.frame(url="https://giscus.app/widget")
        frame.wait_for_function("themes.length === 1")  # told the page's scheme once it was ready
        assert frame.evaluate("themes") == ["light"]
        page.click(".theme-toggle")
        frame.wait_for_function("themes.length === 2")
        assert frame.evaluate("themes") == ["light", "dark"]
        context.close()
