"""mathfont.py: which characters a site's formulas draw, and a deterministic, reusable subset."""

from fontTools.ttLib import TTFont

from blog.output.mathfont import MATH_FONT_SOURCE, MathFont, math_characters, subset_math_font

FORMULA = ('<p>令 <math><semantics><mrow><mi>θ</mi><mo>&lt;</mo><msqrt><mn>2</mn></msqrt></mrow>'
           '<annotation encoding="application/x-tex">\\theta&lt;\\sqrt{2}</annotation></semantics></math>，'
           '正文 Q 不算</p>')


def test_characters_come_from_formulas_only_with_the_italics_and_the_radical_layout_draws():
    assert math_characters([FORMULA]) == "".join(sorted("θ<2" + "\U0001D703" + "√"))
    assert math_characters(["<p>no math</p>"]) == "√"  # a page that says `math: true` still gets a font


def test_a_subset_is_the_same_bytes_every_time_and_reused_when_nothing_changed(tmp_path):
    whole = MATH_FONT_SOURCE.read_bytes()
    first = subset_math_font(whole, "√θ2<\U0001D703", None)
    again = subset_math_font(whole, "√θ2<\U0001D703", None)
    assert first == again and len(first.data) < 20_000
    assert subset_math_font(whole, "√θ2<\U0001D703", first) is first
    stale = MathFont("not this key", b"")
    assert subset_math_font(whole, "√θ2<\U0001D703", stale) == first
    (tmp_path / "cut.woff2").write_bytes(first.data)
    font = TTFont(tmp_path / "cut.woff2")
    assert set(map(chr, font.getBestCmap())) >= set("√θ2<\U0001D703") and "MATH" in font
