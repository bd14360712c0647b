"""What a reader downloads: a math post in full (gzip, as hosts serve it) stays under 150 KB, the math
font is cut to the site's formulas, code colours load only with code, and every page has a favicon."""

import gzip
import re

import pytest

from tests.reader.reader_pages import example_site  # noqa: F401 - fixture

pytestmark = pytest.mark.browser

BUDGET = 150_000  # bytes over the wire for everything a math post loads


def load(chromium, url: str) -> dict[str, int]:
    """Every file the page loads (fonts included), by URL, with the bytes sent for it; a fresh cache."""
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    sizes: dict[str, int] = {}
    page.on("requestfinished", lambda request: sizes.__setitem__(
        request.url, int(request.response().all_headers().get("content-length", 0))))
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready")
    page.wait_for_load_state("networkidle")
    context.close()
    return sizes


def heaviest_math_posts(output, count: int) -> list[str]:
    """The math posts whose own page is largest gzipped (they share the font and the style sheets)."""
    sizes = {p.parent.relative_to(output).as_posix() + "/": len(gzip.compress(p.read_bytes()))
             for p in output.glob("**/posts/*/index.html") if b"<math" in p.read_bytes()}
    assert len(sizes) > 20
    return sorted(sizes, key=sizes.get)[-count:]


def test_the_heaviest_math_posts_load_under_150_kb_gzip(example_site, chromium):
    start, output = example_site
    posts = heaviest_math_posts(output, 3)
    totals = {}
    for post in posts:
        sizes = load(chromium, start + post)
        assert start + "fonts/STIXTwoMath-Regular.woff2" in sizes, f"{post} draws its formulas without the math font"
        totals[post] = sum(sizes.values())
    heaviest = max(totals, key=totals.get)
    assert totals[heaviest] <= BUDGET, f"{heaviest} loads {totals[heaviest]} bytes"


def test_the_math_font_holds_the_site_formulas_glyphs_and_few_others(example_site):
    from fontTools.ttLib import TTFont

    _, output = example_site
    font = TTFont(output / "fonts/STIXTwoMath-Regular.woff2")
    mapped = set(map(chr, font.getBestCmap()))
    html = (output / "posts/trpo/index.html").read_text(encoding="utf-8")
    assert {"∇", "𝔼", "∑", "θ", "‖"} <= mapped and "𝜃" in mapped  # θ as <mi> is drawn as italic 𝜃
    assert "∇" in html and "⨁" not in mapped  # a symbol no formula of the site uses
    assert "MATH" in font and (output / "fonts/STIXTwoMath-Regular.woff2").stat().st_size < 60_000


def test_code_colours_load_only_with_code_and_every_page_has_a_favicon(example_site, chromium):
    start, output = example_site
    with_code = load(chromium, start + "posts/ddpg/")
    without_code = load(chromium, start + "about/")
    home = load(chromium, start)
    assert start + "css/highlight.css" in with_code
    assert start + "css/highlight.css" not in without_code and start + "css/highlight.css" not in home
    for sizes in (with_code, without_code, home):
        assert start + "favicon.svg" in sizes
    for page in output.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "<html" in text and 'http-equiv="refresh"' not in text:
            assert re.search(r'<link rel="icon" href="/favicon.svg" type="image/svg\+xml">', text), page


def test_the_cut_font_draws_every_formula_as_the_whole_font_does(example_site, chromium):
    from blog.output.mathfont import MATH_FONT_SOURCE

    start, _ = example_site
    whole_font = MATH_FONT_SOURCE.read_bytes()
    context = chromium.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()

    def drawn(url: str) -> bytes:
        page.goto(url)
        # The back-to-top button floats over the column and fades in as the page moves: not math.
        # Not drawn at all (a visibility change would fade out over a transition, still visible).
        page.add_style_tag(content=".post-content > * { content-visibility: visible !important; }"
                                   " .back-to-top { display: none !important; }")
        page.evaluate("document.fonts.ready")
        return page.locator(".post-content").screenshot()

    posts = ["posts/flashattention-online-softmax/", "en/posts/speculative-decoding/", "posts/trpo/"]
    cut = [drawn(start + post) for post in posts]
    page.route("**/STIXTwoMath-Regular.woff2", lambda route: route.fulfill(body=whole_font, content_type="font/ttf"))
    whole = [drawn(start + post) for post in posts]
    context.close()
    assert [a == b for a, b in zip(cut, whole)] == [True] * len(posts), [len(a) - len(b) for a, b in zip(cut, whole)]


def test_lazily_laid_out_posts_still_land_exactly_on_a_linked_section(example_site, chromium):
    start, _ = example_site
    post = start + "posts/flashattention-online-softmax/"
    page = chromium.new_page(viewport={"width": 390, "height": 844}, reduced_motion="reduce")
    page.goto(post)
    anchors = page.eval_on_selector_all(".post-content h2[id]", "headings => headings.map(h => h.id)")[-3:-1]
    for anchor in anchors:  # far down the page, past blocks not laid out yet
        page.goto(f"{post}#{anchor}")
        page.evaluate("document.fonts.ready")
        page.wait_for_function(f"Math.abs(document.getElementById({anchor!r}).getBoundingClientRect().top - 24) < 2")
    page.close()
