"""Equation numbers and scroll boxes as a reader sees them: a built post in headless Chromium at
390 px and 1280 px, light and dark."""
from __future__ import annotations

import re

import pytest
from tests.texmath.browser_pages import BOX, open_page, pixels

from tests.support.cli import run_blog

WIDE_SUM = " + ".join(f"\\alpha_{{{i}}} x_{{{i}}}^{{2}}" for i in range(40))
POST = r"""---
title: 公式版式
date: 2026-01-11
---
质能方程：

$$E = mc^2 \tag{1.1}$$

对齐的两行，中间一行不编号：

$$\begin{align}
a &= \frac{b + c}{d} \label{eq:a} \\
c &= d \notag \\
\mathcal{L} &= \mathbb{E}_t\left[\frac{\pi_\theta(a_t \mid s_t)}{\pi_{\theta_{\text{old}}}(a_t \mid s_t)} \hat{A}_t\right]
\end{align}$$

$$a^2 + b^2 = c^2 \tag*{勾股定理}$$

一个很宽的编号公式：

$$\begin{equation} f(x) = WIDE \end{equation}$$

一个很宽的不编号公式：

$$a \hspace{60em} b$$

行内的宽公式 $WIDE$ 不会撑宽页面。见 $\eqref{eq:a}$。

<table><tr><td>raw</td><td>HTML</td><td>table</td><td>WIDECELL</td></tr></table>

| a | b |
|---|---|
| 1 | WIDECELL |
""".replace("WIDECELL", "token_" * 60).replace("WIDE", WIDE_SUM)

WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from tests.support.sites import write_site

    site = write_site(tmp_path_factory.mktemp("layout"), {"content/posts/layout.md": POST})
    run = run_blog("build", "--site", site)
    assert run.code == 0, run.stderr
    return site / "public"


def _rows(page):
    """Each numbered row: its number's box, its formula cells' box and its scroll box."""
    return page.eval_on_selector_all("mtd.ml-tag", f"""cells => cells.filter(c => c.textContent).map(c => {{
        const box = {BOX};
        const row = c.parentElement, cells = [...row.children].filter(d =>
            !d.matches('.ml-tag, .ml-tagspace, .ml-glue'));
        const left = Math.min(...cells.map(d => box(d).left)), right = Math.max(...cells.map(d => box(d).right));
        const ink = [...row.querySelectorAll(':scope > mtd:not(.ml-tag, .ml-tagspace, .ml-glue) *')]
            .map(box).filter(b => b.width > 0);
        return {{text: c.textContent, number: box(c.firstElementChild), cell: box(c), row: box(row),
                 left, right, inkRight: Math.max(...ink.map(b => b.right)),
                 scroller: box(c.closest('.math-display')),
                 overflows: c.closest('.math-display').scrollWidth > c.closest('.math-display').clientWidth}};
    }})""")


@pytest.mark.browser
@pytest.mark.parametrize("width,scheme", [(320, "light"), (390, "light"), (390, "dark"), (1280, "light"),
                                          (1280, "dark"), (1600, "light")])
def test_numbers_sit_at_the_column_edge_centred_and_clear_of_the_formula(built, chromium, width, scheme):
    page = open_page(chromium, built, "/posts/layout/", width, scheme)
    rows = _rows(page)
    assert [row["text"] for row in rows] == ["(1.1)", "(1)", "(2)", "勾股定理", "(3)"]
    column = page.eval_on_selector(".post-content", BOX)
    for row in rows:
        number, scroller = row["number"], row["scroller"]
        assert abs(number["right"] - scroller["right"]) < 3, row  # at the column's right edge…
        assert scroller["right"] <= column["right"] + 1 and scroller["left"] >= -1
        centre = (row["row"]["top"] + row["row"]["bottom"]) / 2
        assert abs((number["top"] + number["bottom"]) / 2 - centre) < 3, row  # …centred on its row
        if not row["overflows"]:
            assert number["left"] >= row["inkRight"] + 4, row  # never over the formula
    assert rows[3]["number"]["width"] > 3.5 * 16  # all four characters of the starred tag show
    wide = rows[4]
    assert wide["overflows"] and wide["number"]["left"] >= wide["scroller"]["left"]
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_widens_the_page_and_wide_things_scroll_in_their_own_box(built, chromium, width):
    page = open_page(chromium, built, "/posts/layout/", width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    boxes = page.eval_on_selector_all(".math-display, .table-wrap", """els => els.map(e => ({
        kind: e.className, scrolls: e.scrollWidth > e.clientWidth, tabindex: e.getAttribute('tabindex'),
        name: e.getAttribute('aria-label'), role: e.getAttribute('role')}))""")
    assert [box["kind"] for box in boxes].count("table-wrap") == 2  # the raw HTML table has one too
    assert all(box["tabindex"] == "0" and box["name"] in ("公式", "表格") and box["role"] == "group"
               for box in boxes)
    scrolling = [box["kind"] for box in boxes if box["scrolls"]]
    assert scrolling.count("table-wrap") == 2 and scrolling.count("math-display") == 2
    column = page.eval_on_selector(".post-content", BOX)
    inline = page.eval_on_selector_all("p math:not([display])", f"els => els.map({BOX})")
    assert inline and all(box["right"] <= column["right"] + 1 for box in inline)
    # the box that lets a wide inline formula scroll leaves every formula on the text's baseline
    aligns = page.eval_on_selector_all("p math:not([display])", "els => els.map(m => getComputedStyle(m).verticalAlign)")
    assert set(aligns) == {"baseline"}
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_cut_edge_shows_a_shadow_and_the_box_scrolls_from_the_keyboard(built, chromium, scheme):
    page = open_page(chromium, built, "/posts/layout/", 390, scheme)
    box = page.locator(".math-display", has=page.locator('annotation:text-is("a \\\\hspace{60em} b")'))
    box.scroll_into_view_if_needed()
    size = box.bounding_box()
    width, top = int(size["width"]), 2  # above the letters
    centre, left, right = pixels(page, box.screenshot(), [(width // 2, top), (1, top), (width - 2, top)])
    assert abs(right - centre) > 12, (right, centre)  # a visible shadow where the formula goes on…
    assert abs(left - centre) < 3, (left, centre)  # …and none where it starts
    box.focus()
    assert page.evaluate("document.activeElement.classList.contains('math-display')")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.activeElement.scrollLeft > 0")
    page.close()


@pytest.mark.browser
def test_eqref_links_to_its_row(built, chromium):
    page = open_page(chromium, built, "/posts/layout/", 1280)
    assert page.text_content("a.eqref") == "(1)"
    page.click("a.eqref")
    page.wait_for_function("location.hash === '#eq-eq-a'")
    assert page.evaluate("document.querySelector('#eq-eq-a').tagName") == "mtr"
    page.close()


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    from tests.support.paths import REPO

    out = tmp_path_factory.mktemp("example") / "public"
    run = run_blog("build", "--site", REPO, "--output", out)
    assert run.code == 0, run.stderr
    return out


@pytest.mark.browser
def test_no_page_of_the_example_blog_is_wider_than_a_phone(example, chromium):
    posts = sorted(path.parent.relative_to(example).as_posix() for path in example.glob("**/posts/*/index.html")
                   if re.search("<math|<table", path.read_text(encoding="utf-8")))  # what could be wide
    assert len(posts) >= 15
    page = open_page(chromium, example, "/", 390)
    wide = {}
    for post in posts:
        page.goto(f"http://site.test/{post}/")
        width = page.evaluate("document.fonts.ready.then(() => document.documentElement.scrollWidth)")
        if width > 390:
            wide[post] = width
    assert wide == {}
    page.close()
