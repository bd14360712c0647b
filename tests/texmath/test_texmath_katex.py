"""Our MathML beside KaTeX in the same headless Chromium, formula by formula, by geometry.

Every corpus formula is drawn twice in a 720 px column: by us (MathML + math.css + STIX Two Math)
and by KaTeX (node_modules/katex, HTML output, its own fonts). The suite compares what a reader
sees: the ink box's width and height (as a ratio to KaTeX's, against the median ratio, which
absorbs the two fonts' different sizes), where an equation number sits (column edge, its row,
clear of the formula), glyphs that take no room, and the page's width on a 390 px phone.
Screenshots of failing formulas land in tests/texmath/failures/ (git-ignored).
"""
from __future__ import annotations

import html
import os
import shutil
import statistics
from pathlib import Path

import pytest
from tests.texmath.browser_pages import open_page, publish_math_font
from tests.texmath.texmath_corpus import load_corpus

from blog.render.texmath import number_equations, to_mathml

REPO = Path(__file__).resolve().parents[2]
FAILURES = Path(__file__).with_name("failures")
KATEX = REPO / "node_modules/katex/dist"
COLUMN = 720
# How far a formula's ratio to KaTeX's may stray from the median ratio before it is a defect.
WIDTH_RANGE = (0.72, 1.38)
HEIGHT_RANGE = (0.6, 1.6)
SLACK_PX = 8  # a difference smaller than half an em is no defect, whatever the ratio of tiny boxes
# Defects found by this suite and not fixed yet, each with what a reader sees; a fix must remove
# its entry (the suite fails on a listed formula that has become right, too).
KNOWN = {
    "wide accents": "\\widehat and \\widetilde do not stretch over xyz/abc as KaTeX's do",
    "cancel": "\\cancel pads its box, so the cancelled fraction is half again as wide as KaTeX's",
}

ENTRIES = load_corpus()

MEASURE = """() => {
  // Numbers are measured on their own; the twin of ours and KaTeX's hidden MathML draw nothing.
  // KaTeX draws what it does not know in red (throwOnError: false): no reference for that formula.
  const refused = ref => !!ref.querySelector('.katex-error') ||
    [...ref.querySelectorAll('[style*=color]')].some(e => e.style.color === 'rgb(204, 0, 0)');
  const SKIP = 'annotation, .katex-mathml, .katex-tag, mtd.ml-tag, mtd.ml-tagspace, mphantom';
  // The ink box: the union of the boxes of the text and the drawn lines/SVGs inside an element.
  const ink = (root) => {
    const rects = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim() || node.parentElement.closest(SKIP)) continue;
      const range = document.createRange(); range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 0) rects.push(r);
    }
    for (const e of root.querySelectorAll('svg, [class*=frac-line], mfrac, msqrt, mroot'))
      if (!e.closest(SKIP)) { const r = e.getBoundingClientRect(); if (r.width > 0) rects.push(r); }
    if (!rects.length) return null;
    const left = Math.min(...rects.map(r => r.left)), right = Math.max(...rects.map(r => r.right));
    const top = Math.min(...rects.map(r => r.top)), bottom = Math.max(...rects.map(r => r.bottom));
    return {left, right, top, bottom, width: right - left, height: bottom - top};
  };
  const box = e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top,
                                                                  bottom: r.bottom, width: r.width, height: r.height}; };
  return [...document.querySelectorAll('.pair')].map(pair => {
    const ours = pair.querySelector('.ours'), ref = pair.querySelector('.ref');
    const formula = ours.querySelector('math');
    const numbers = [...ours.querySelectorAll('mtd.ml-tag')].filter(c => c.textContent.trim()).map(c => {
      const row = c.parentElement;
      const cells = [...row.children].filter(d => !d.matches('.ml-tag, .ml-tagspace, .ml-glue'));
      const cellInk = cells.map(ink).filter(Boolean);
      return {number: box(c.firstElementChild), row: box(row),
              inkRight: Math.max(...cellInk.map(b => b.right)), inkLeft: Math.min(...cellInk.map(b => b.left))};
    });
    const empty = formula ? [...formula.querySelectorAll('mi, mn, mo, mtext')].filter(t =>
      t.textContent.trim() && !/^[\\u2061-\\u2064\\u200b]+$/.test(t.textContent) && !t.closest('mphantom')
      && t.getBoundingClientRect().width === 0).map(t => t.textContent) : [];
    const scroller = ours.querySelector('.math-display');
    return {id: pair.id, converted: !!formula, katex: !refused(ref) && !!ref.querySelector('.katex'),
            ours: formula ? ink(formula.querySelector('semantics > mrow') || formula) : null,
            ref: ink(ref.querySelector('.katex-html') || ref), column: box(ours), numbers, empty,
            overflows: scroller ? scroller.scrollWidth > scroller.clientWidth : false};
  });
}"""


def _page(root: Path) -> None:
    """The comparison page and what it loads, under `root`."""
    (root / "css").mkdir(parents=True)
    (root / "css/math.css").symlink_to(REPO / "static/css/math.css")
    (root / "css/main.css").symlink_to(REPO / "static/css/main.css")
    (root / "katex").symlink_to(KATEX)
    pairs = []
    for index, entry in enumerate(ENTRIES):
        ours = to_mathml(entry.tex, display=entry.display).html
        if entry.display and ours.startswith("<math"):
            ours = f'<span class="math-display" tabindex="0">{ours}</span>'
        pairs.append(f'<div class="pair" id="f{index}" data-display="{int(entry.display)}">'
                     f'<div class="ours">{ours}</div><div class="ref" data-tex="{html.escape(entry.tex)}"></div></div>')
    numbered = number_equations("".join(pairs))
    publish_math_font(root, numbered)
    (root / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<link rel="stylesheet" href="/css/main.css"><link rel="stylesheet" href="/css/math.css">'
        '<link rel="stylesheet" href="/katex/katex.min.css"><script src="/katex/katex.min.js"></script>'
        f"<style>body{{margin:0}} .pair{{display:grid;grid-template-columns:{COLUMN}px {COLUMN}px;gap:24px;"
        "padding:4px 8px}} .pair > div{min-width:0}</style></head><body>"
        f"{numbered}<script>"
        "for (const ref of document.querySelectorAll('.ref')) katex.render(ref.dataset.tex, ref, {displayMode:"
        " ref.parentElement.dataset.display === '1', throwOnError: false, output: 'html', strict: false,"
        " trust: true});"
        "</script></body></html>", encoding="utf-8")


@pytest.fixture(scope="module")
def comparison(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("katex")
    _page(root)
    return root


@pytest.fixture(scope="module")
def measured(comparison, chromium):
    page = open_page(chromium, comparison, "/index.html", 2 * COLUMN + 80)
    page.evaluate("document.fonts.ready")
    results = page.evaluate(MEASURE)
    yield page, results
    page.close()


def _defects(results: list[dict]) -> tuple[dict[str, list[str]], dict[str, float]]:
    """Each failing formula's defects, and the suite's figures."""
    compared = [r for r in results if r["converted"] and r["katex"] and r["ours"] and r["ref"]]
    widths = {r["id"]: r["ours"]["width"] / r["ref"]["width"] for r in compared if r["ref"]["width"] > 0}
    heights = {r["id"]: r["ours"]["height"] / r["ref"]["height"] for r in compared if r["ref"]["height"] > 0}
    median_w, median_h = statistics.median(widths.values()), statistics.median(heights.values())
    defects: dict[str, list[str]] = {}
    for r in results:
        found = []
        scaled = lambda side, median: abs(r["ours"][side] - r["ref"][side] * median) > SLACK_PX  # noqa: E731
        if not r["converted"]:
            found.append("not converted")
        width, height = widths.get(r["id"]), heights.get(r["id"])
        if width is not None and not WIDTH_RANGE[0] <= width / median_w <= WIDTH_RANGE[1] and scaled("width", median_w):
            found.append(f"ink width {width / median_w:.2f}x KaTeX's (after the median)")
        if height is not None and not HEIGHT_RANGE[0] <= height / median_h <= HEIGHT_RANGE[1] and scaled("height", median_h):
            found.append(f"ink height {height / median_h:.2f}x KaTeX's (after the median)")
        for number in r["numbers"]:
            if abs(number["number"]["right"] - r["column"]["right"]) > 3:
                found.append("number not at the column's right edge")
            centre = (number["row"]["top"] + number["row"]["bottom"]) / 2
            if abs((number["number"]["top"] + number["number"]["bottom"]) / 2 - centre) > 3:
                found.append("number not centred on its row")
            if not r["overflows"] and number["number"]["left"] < number["inkRight"] + 2:
                found.append("number overlaps the formula")
        if r["empty"]:
            found.append(f"zero-width glyphs {r['empty']}")
        if found:
            defects[r["id"]] = found
    figures = {"formulas": len(results), "compared with KaTeX": len(compared),
               "median width ratio": median_w, "median height ratio": median_h,
               "numbered rows": sum(len(r["numbers"]) for r in results)}
    return defects, figures


@pytest.mark.browser
def test_every_formula_looks_like_katex(measured):
    page, results = measured
    defects, figures = _defects(results)
    report = "\n".join(f"{ENTRIES[int(i[1:])].title}: {ENTRIES[int(i[1:])].tex!r}: {'; '.join(d)}"
                       for i, d in defects.items())
    shutil.rmtree(FAILURES, ignore_errors=True)  # only this run's failures
    if defects:
        FAILURES.mkdir()
        for formula in list(defects)[:40]:
            page.locator(f"#{formula}").screenshot(path=str(FAILURES / f"{formula}.png"))
        (FAILURES / "report.txt").write_text(f"{figures}\n{report}\n", encoding="utf-8")
    if os.environ.get("TEXMATH_FIGURES"):
        print(figures)
    assert len(results) == len(ENTRIES) >= 400
    assert figures["compared with KaTeX"] >= 0.9 * len(results)
    known = {ENTRIES[int(formula[1:])].title for formula in defects} & set(KNOWN)
    assert known == set(KNOWN), f"fixed, so no longer known defects: {set(KNOWN) - known}"
    unknown = [line for line in report.splitlines() if line.split(":")[0] not in KNOWN]
    assert not unknown, f"{len(unknown)} formulas differ from KaTeX ({figures}):\n" + "\n".join(unknown)


@pytest.mark.browser
def test_no_formula_widens_a_phone_page(comparison, chromium):
    page = open_page(chromium, comparison, "/index.html", 390)
    page.add_style_tag(content=".pair{grid-template-columns:374px;} .ref{display:none}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.close()
