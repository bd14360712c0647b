"""The MathML really renders: headless Chromium lays out the corpus with math.css and the font."""
import html
import shutil
from pathlib import Path

import pytest
from tests.texmath.browser_pages import pixels
from tests.texmath.texmath_corpus import load_corpus

from blog.output.mathfont import MATH_FONT_SOURCE, math_characters, subset_math_font
from blog.render.texmath import number_equations, to_mathml

REPO = Path(__file__).resolve().parents[2]
COLUMN_WIDTH = 720

# Formulas whose boxes the test measures, by element id.
PROBES = {
    "tagged": (r"E = mc^2 \tag{1}", True),
    "aligned": (r"\begin{align} a &= b + c \\ x &= y \end{align}", True),
    "plain-W": (r"W", False),
    "bold-W": (r"\mathbf{W}", False),
    "plain-L": (r"L", False),
    "cal-L": (r"\mathcal{L}", False),
    "frac": (r"\frac{a+b}{c}", False),
    "cancel": (r"\cancel{\vphantom{M}\qquad}", False),  # a stroke over a letter-high blank
    "bcancel": (r"\bcancel{\vphantom{M}\qquad}", False),
}


def _page(root: Path) -> Path:
    (root / "css").mkdir(parents=True)
    shutil.copy(REPO / "static/css/math.css", root / "css/math.css")
    probes = "\n".join(
        f'<p id="{name}">Text {to_mathml(tex, display=display).html} text.</p>'
        for name, (tex, display) in PROBES.items())
    corpus = "\n".join(
        f"<section><h2>{html.escape(entry.title)}</h2>"
        f"{to_mathml(entry.tex, display=entry.display).html}</section>"
        for entry in load_corpus())
    body = number_equations(probes + corpus)
    # The font as a build publishes it: cut to the glyphs these formulas use.
    (root / "fonts").mkdir()
    font = subset_math_font(MATH_FONT_SOURCE.read_bytes(), math_characters([body]), None)
    (root / "fonts/STIXTwoMath-Regular.woff2").write_bytes(font.data)
    page = root / "index.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<link rel="stylesheet" href="css/math.css"><style>'
        f"body{{margin:0;font:18px/1.6 serif}} main{{width:{COLUMN_WIDTH}px;margin:0 auto}}"
        "h2{font:11px monospace;color:#888;margin:12px 0 0}</style></head>"
        f'<body><main id="column">{body}</main></body></html>', encoding="utf-8")
    return page


@pytest.mark.browser
def test_corpus_renders_with_latex_layout(tmp_path, chromium):
    page_path = _page(tmp_path / "site")
    page = chromium.new_page(viewport={"width": COLUMN_WIDTH + 80, "height": 900})
    page.goto(page_path.as_uri())
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('20px \"STIX Two Math\"')")
    page.screenshot(path=str(tmp_path / "corpus.png"), full_page=True)
    box = lambda selector: page.eval_on_selector(  # noqa: E731
        selector, "e => { const r = e.getBoundingClientRect();"
                  " return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,"
                  " width: r.width, height: r.height}; }")
    column = box("#column")
    centre = (column["left"] + column["right"]) / 2

    # The number ends at the column's right edge; the formula is centred.
    number = box("#tagged mtd.ml-tag > mtext")
    formula = box("#tagged mtd:nth-child(3)")
    assert abs(number["right"] - column["right"]) < 1.5
    assert number["width"] > 10
    assert abs((formula["left"] + formula["right"]) / 2 - centre) < 1.5
    assert formula["right"] < number["left"]
    for row in (1, 2):
        number = box(f"#aligned mtr:nth-child({row}) mtd.ml-tag > mtext")
        assert abs(number["right"] - column["right"]) < 1.5

    # Styled letters are real, different glyphs.
    plain_w, bold_w = box("#plain-W mi"), box("#bold-W mi")
    plain_l, cal_l = box("#plain-L mi"), box("#cal-L mi")
    assert bold_w["width"] > 0 and cal_l["width"] > 0
    assert abs(bold_w["width"] - plain_w["width"]) > 0.5
    assert abs(cal_l["width"] - plain_l["width"]) > 0.5

    # A fraction stacks: taller than a line of text.
    line = page.evaluate("parseFloat(getComputedStyle(document.body).lineHeight)")
    frac = box("#frac mfrac")
    assert frac["height"] > 0.9 * line
    assert frac["height"] > 1.5 * plain_w["height"]

    # \cancel strikes from bottom left to top right, \bcancel from top left to bottom right.
    for name, rising in (("cancel", True), ("bcancel", False)):
        stroke = page.locator(f"#{name} .ml-{name}")
        size = stroke.bounding_box()
        w, h = int(size["width"]), int(size["height"])
        # the darkest pixel near each diagonal, a quarter of the way down
        near = [(dx, dy) for dx in (-2, -1, 0, 1, 2) for dy in (-1, 0, 1)]
        spots = [(w // 4 + dx, h // 4 + dy) for dx, dy in near] + [(w - w // 4 + dx, h // 4 + dy) for dx, dy in near]
        found = pixels(page, stroke.screenshot(), spots)
        left, right = min(found[:len(near)]), min(found[len(near):])
        assert (right < left - 60) if rising else (left < right - 60), (name, left, right)
    page.close()
