"""Chinese typography as a reader sees it in Chromium: no line starts with closing punctuation after a
formula or code, no fake italics, emoji drawn, tags alike, English dates, a 404 in every language."""

import re

import pytest

from tests.reader.reader_pages import WIDTHS, example_site  # noqa: F401 - fixture

pytestmark = pytest.mark.browser

CLOSING = "，。、；：？！）」』》〉】〕”’…"
# Pages where closing punctuation follows a formula or inline code somewhere.
AT_RISK = re.compile(rf"</(?:math|code)>[{CLOSING}]")

# For every closing punctuation mark in the content, whether it starts a line: its box sits below the
# line of what comes right before it (the previous character, or the previous element: a formula, code).
LINE_STARTS = """(closing) => {
  const found = [];
  const walker = document.createTreeWalker(document.querySelector('.post-content'), NodeFilter.SHOW_TEXT, {
    acceptNode: n => n.parentElement.closest('pre, math, script, style') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
  const box = (node, start, end) => { const r = document.createRange(); r.setStart(node, start); r.setEnd(node, end);
    const rects = r.getClientRects(); return rects.length ? rects[rects.length - 1] : null; };
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.data;
    for (let i = 0; i < text.length; i++) {
      if (!closing.includes(text[i])) continue;
      const mark = box(node, i, i + 1);
      let before = null, what = '';
      if (i > 0) { before = box(node, i - 1, i); what = text[i - 1]; }
      else {
        let previous = node.previousSibling || node.parentElement.previousSibling;
        if (!previous) continue;
        const rects = previous.nodeType === 1 ? previous.getClientRects() : (() => { const r = document.createRange();
          r.selectNodeContents(previous); return r.getClientRects(); })();
        before = rects.length ? rects[rects.length - 1] : null;
        what = previous.nodeName;
      }
      if (mark && before && mark.top >= before.bottom - 1)
        found.push(`${what} | ${text.slice(i, i + 8)}`);
    }
  }
  return found;
}"""


@pytest.fixture(scope="module")
def page(chromium):
    context = chromium.new_context()
    yield context.new_page()
    context.close()


def test_no_line_starts_with_closing_punctuation_after_math_or_code(example_site, page):
    start, output = example_site
    posts = sorted(p.parent.relative_to(output).as_posix() + "/" for p in output.glob("**/posts/*/index.html")
                   if AT_RISK.search(p.read_text(encoding="utf-8")))
    assert len(posts) > 10
    found = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for post in posts:
            page.goto(start + post)
            page.evaluate("document.fonts.ready")
            starts = page.evaluate(LINE_STARTS, CLOSING)
            if starts:
                found[f"{post} at {width} px"] = starts
    assert not found, found


def platform_fonts(page, selector: str) -> list[str]:
    """The fonts Chromium really drew the element's text with (not what CSS asked for)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return [font["familyName"] for font in fonts]


def test_emoji_are_drawn_with_a_colour_emoji_font(example_site, page):
    start, _ = example_site
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(start + "posts/actor-critic/")
    page.evaluate("""() => { const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode())
        if (n.data.includes('💡')) { n.parentElement.id = 'with-emoji'; return; } }""")
    assert "Noto Color Emoji" in platform_fonts(page, "#with-emoji")


def test_chinese_in_code_comments_is_never_slanted(example_site, page):
    start, _ = example_site
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(start + "posts/ddpg/")
    found = page.evaluate("""() => { for (const c of document.querySelectorAll('pre .c1')) {
        const chinese = c.textContent.match(/[\\u4e00-\\u9fff]+/);
        if (chinese) { c.textContent = chinese[0]; c.id = 'comment'; return getComputedStyle(c).fontStyle; } } }""")
    assert found == "italic"  # the style asks for italics; Chinese has none, so none may be faked
    page.locator("#comment").scroll_into_view_if_needed()  # drawn once on screen (content-visibility: auto)
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    slanted = page.locator("#comment").screenshot()
    page.evaluate("document.getElementById('comment').style.fontStyle = 'normal'")
    assert page.locator("#comment").screenshot() == slanted
    page.evaluate("document.documentElement.style.fontSynthesis = 'style'")  # what a browser does by default
    assert page.locator("#comment").screenshot() == slanted
    page.evaluate("document.getElementById('comment').style.fontStyle = ''")
    assert page.locator("#comment").screenshot() != slanted, "the test could not tell slanted from upright"


def test_tags_look_alike_in_chinese_and_latin(example_site, page):
    start, _ = example_site
    page.set_viewport_size({"width": 1280, "height": 900})
    for url, links in (("tags/", ".term-list a"), ("posts/value-function-approximation/", ".post-tags a")):
        page.goto(start + url)
        gaps = page.eval_on_selector_all(links, """links => links.map(a => {
          const mark = a.querySelector('.tag-mark').getBoundingClientRect();
          const name = document.createRange(); name.setStart(a.lastChild, 0); name.setEnd(a.lastChild, 1);
          return [a.lastChild.data, name.getBoundingClientRect().left - mark.right]; })""")
        assert any(re.match(r"[\u4e00-\u9fff]", name) for name, _ in gaps) and any(name.isascii() for name, _ in gaps)
        assert max(gap for _, gap in gaps) - min(gap for _, gap in gaps) < 0.5, gaps


def test_english_dates_read_apr_5_2026(example_site):
    _, output = example_site
    dates = re.findall(r"<time datetime=\"[^\"]+\">([^<]+)</time>", (output / "en/archives/index.html").read_text())
    assert dates and all(re.fullmatch(r"[A-Z][a-z]{2} [1-9]\d?, \d{4}", date) for date in dates), dates
    assert any(re.fullmatch(r"[A-Z][a-z]{2} [1-9], \d{4}", date) for date in dates)


def test_the_404_page_speaks_every_language(example_site, page):
    start, _ = example_site
    for url, first in (("404.html", "页面不存在"), ("en/404.html", "Page not found")):
        page.goto(start + url)
        assert page.text_content("h1") == first
        other = page.locator(".not-found-other")
        expected = ("en", "Page not found", "en/") if url == "404.html" else ("zh", "页面不存在", "")
        assert (other.get_attribute("lang"), other.locator("h2").text_content()) == expected[:2]
        assert other.locator("a").get_attribute("href") == "/" + expected[2]
