"""Everything that reaches the HTML is escaped: source, text, attributes."""
from blog.render.texmath import to_mathml


def test_less_than_in_math_and_in_the_annotation():
    out = to_mathml("a<b", display=False)
    assert "<mo>&lt;</mo>" in out.html
    assert '<annotation encoding="application/x-tex">a&lt;b</annotation>' in out.html


def test_ampersand_in_text():
    out = to_mathml(r"\text{Q\&A} > 0", display=False)
    assert "<mtext>Q&amp;A</mtext>" in out.html
    assert "<mo>&gt;</mo>" in out.html


def test_ampersand_in_the_annotation_of_an_alignment():
    out = to_mathml(r"\begin{aligned} a &= b \end{aligned}", display=True)
    assert "a &amp;= b" in out.html


def test_no_raw_markup_from_the_source_reaches_the_output():
    out = to_mathml(r"\text{<script>alert(1)</script>}", display=False)
    assert "<script>" not in out.html
    assert "&lt;script&gt;" in out.html


def test_colours_cannot_break_out_of_the_attribute():
    out = to_mathml(r'\color{red" onclick="x}{a}', display=False)
    start_tag = out.html.split(">")[0]
    assert out.problems and 'onclick="' not in start_tag and "&quot; onclick=&quot;" in start_tag


def test_placeholder_characters_in_the_source_are_refused():
    out = to_mathml("x\ue000", display=False)
    assert out.problems[0].message == "unsupported private-use character in formula"
