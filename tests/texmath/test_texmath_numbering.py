"""Equation numbers: \\tag in place, automatic rows numbered across a post, \\label and \\eqref."""
import re

from blog.render.texmath import number_equations, to_mathml

PLACEHOLDER = re.compile("[\ue000-\ue009]")


def _post(*formulas: tuple[str, bool]) -> str:
    """A post's HTML: the formulas in order, each in a paragraph, then numbered."""
    parts = [f"<p>{to_mathml(tex, display=display).html}</p>" for tex, display in formulas]
    return number_equations("\n".join(parts))


def _numbers(html: str) -> list[str]:
    return re.findall(r'<mtd class="ml-tag"><mtext>([^<]*)</mtext>', html)


def test_tag_is_written_in_place_at_the_right():
    out = to_mathml(r"E = mc^2 \tag{1}", display=True)
    assert out.problems == ()
    assert '<mtable class="ml-eqn" displaystyle="true">' in out.html
    # the number's invisible twin | glue | formula | glue | the number
    assert re.search(r'<mtd class="ml-tagspace"><mphantom><mtext>\(1\)</mtext></mphantom></mtd>'
                     r'<mtd class="ml-glue"></mtd><mtd>.*</mtd><mtd class="ml-glue"></mtd>'
                     r'<mtd class="ml-tag"><mtext>\(1\)</mtext></mtd>', out.html)
    assert not PLACEHOLDER.search(out.html)


def test_starred_tag_has_no_parentheses():
    out = to_mathml(r"x \tag*{A}", display=True)
    assert "<mtext>A</mtext>" in out.html


def test_tag_text_may_hold_math():
    out = to_mathml(r"x \tag{$\ast$}", display=True)
    assert out.problems == ()
    assert "<mtext>(</mtext><mrow><mo" in out.html


def test_align_rows_are_numbered_in_order_and_notag_skips_one():
    html = _post((r"\begin{align} a &= b \\ c &= d \notag \\ e &= f \end{align}", True))
    assert _numbers(html) == ["(1)", "(2)"]
    rows = re.findall(r"<mtr[^>]*>.*?</mtr>", html)
    assert len(rows) == 3 and '<mtd class="ml-tag"></mtd>' in rows[1]


def test_starred_environments_are_not_numbered():
    html = _post((r"\begin{align*} a &= b \\ c &= d \end{align*}", True),
                 (r"\begin{gather*} x \end{gather*}", True))
    assert _numbers(html) == []


def test_numbers_run_across_the_post():
    html = _post((r"\begin{equation} x \end{equation}", True), (r"y", True),
                 (r"\begin{gather} a \\ b \end{gather}", True), (r"z \tag{*}", True),
                 (r"\begin{align} c \end{align}", True))
    assert _numbers(html) == ["(1)", "(2)", "(3)", "(*)", "(4)"]


def test_label_and_eqref_across_two_formulas():
    first = to_mathml(r"\begin{equation} L = \sum_i \ell_i \label{eq:ppo} \end{equation}",
                      display=True)
    reference = to_mathml(r"\eqref{eq:ppo}", display=False)
    assert first.labels == ("eq:ppo",) and reference.refs == ("eq:ppo",)
    assert reference.problems == ()
    html = number_equations(f"<p>{first.html}</p><p>See {reference.html}.</p>")
    assert '<mtr id="eq-eq-ppo">' in html
    assert 'See <a class="eqref" href="#eq-eq-ppo">(1)</a>.' in html
    assert not PLACEHOLDER.search(html)


def test_reference_before_the_equation_and_inside_a_formula():
    html = _post((r"\text{by } \eqref{b} \text{ and } \ref{b}", False),
                 (r"\begin{align} x \label{a} \\ y \label{b} \end{align}", True))
    assert "<mtext>(2)</mtext>" in html and "<mtext>2</mtext>" in html


def test_unknown_label_shows_question_marks():
    html = _post((r"\eqref{nowhere}", False), (r"x + \ref{nowhere}", False))
    assert '<a class="eqref" href="#eq-nowhere">(??)</a>' in html
    assert "<mtext>??</mtext>" in html


def test_tagged_label_refers_to_its_tag():
    html = _post((r"x = 1 \tag{A.1} \label{foo}", True), (r"\eqref{foo}", False),
                 (r"\begin{equation} y \end{equation}", True))
    assert '<a class="eqref" href="#eq-foo">(A.1)</a>' in html
    assert _numbers(html) == ["(A.1)", "(1)"]


def test_a_label_alone_numbers_nothing_and_says_so():
    out = to_mathml(r"a = b \label{plain}", display=True)
    assert [p.message for p in out.problems] == [
        "'\\label{plain}' names an equation without a number (number it with '\\tag{…}' or the "
        "'equation' environment)"]
    html = _post((r"a = b \label{plain}", True), (r"\eqref{plain}", False),
                 (r"\begin{equation} c \end{equation}", True))
    assert _numbers(html) == ["(1)"]
    assert '<mtr id="eq-plain">' in html and 'href="#eq-plain">(??)</a>' in html


def test_starred_environments_and_notag_with_a_label_number_nothing():
    for tex in (r"\begin{align*} a &= b \label{s} \end{align*}",
                r"\begin{equation*} a \label{s} \end{equation*}",
                r"\begin{gather} a \label{s} \nonumber \end{gather}"):
        out = to_mathml(tex, display=True)
        assert "names an equation without a number" in out.problems[0].message, tex
        assert _numbers(number_equations(out.html)) == []


def test_the_twin_of_an_automatic_number_shows_the_same_number():
    html = _post((r"\begin{align} a \\ b \end{align}", True))
    assert re.findall(r"<mphantom><mtext>([^<]*)</mtext></mphantom>", html) == ["(1)", "(2)"]


def test_multline_numbers_its_last_line():
    html = _post((r"\begin{multline} a \\ b \\ c \end{multline}", True))
    rows = re.findall(r"<mtr[^>]*>.*?</mtr>", html)
    assert [("(1)" in row) for row in rows] == [False, False, True]


def test_labels_become_safe_ids():
    out = to_mathml(r"x \label{sec 2: a<b}", display=True)
    assert '<mtr id="eq-sec-2-a-b">' in out.html
    assert out.labels == ("sec 2: a<b",)


def test_html_without_placeholders_is_unchanged():
    html = "<p>no math here, just \ue00f private use</p>"
    assert number_equations(html) is html
