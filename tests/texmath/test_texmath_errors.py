"""Failure is visible and explained: each kind of problem names the bad thing and its offset."""
import pytest

from blog.render.texmath import MathProblem, to_mathml

KL = {"\\KL": "D_{\\mathrm{KL}}\\left(#1 \\,\\|\\, #2\\right)"}

CASES = [
    # (tex, message, offset)
    (r"x + \foo{y}", "unknown command '\\foo'", 4),
    (r"\begin{tikzcd} a \end{tikzcd}", "unsupported environment 'tikzcd'", 0),
    (r"a + \left( b", "'\\left(' has no matching '\\right'", 4),
    (r"a \right)", "'\\right)' has no matching '\\left'", 2),
    (r"\left\{ x \middle", "'\\middle' must be followed by a delimiter such as '(' or '.'", 10),
    (r"\left x \right)", "'\\left' must be followed by a delimiter such as '(' or '.', not 'x'", 0),
    (r"\frac{a}{b", "missing '}' to close '{'", 8),
    (r"a}b", "unmatched '}'", 1),
    (r"\frac{a}", "'\\frac' is missing an argument", 0),
    (r"x^", "'^' is missing an argument", 1),
    (r"x^a^b", "double superscript", 3),
    (r"x_a_b", "double subscript", 3),
    (r"\begin{aligned} a &= b", "'\\begin{aligned}' has no matching '\\end{aligned}'", 0),
    (r"\begin{aligned} a \end{align}", "'\\begin{aligned}' ended by '\\end{align}'", 18),
    (r"a \end{cases}", "'\\end{cases}' has no matching '\\begin'", 2),
    (r"{a & b}", "misplaced '&' (only alignment environments such as aligned use it)", 3),
    (r"a $ b", "unexpected '$' inside math", 2),
    ("a \\", "lone backslash at the end of the formula", 2),
    (r"\sqrt[3{x}", "missing ']' to close '['", 5),
    (r"\color{nocolour!!}{x}", "unsupported colour 'nocolour!!' (expected a name, #hex or [HTML]{hex})", 0),
    (r"\def\a{\a}\a", "macro expansion too deep in '\\a' (is it recursive?)", 10),
    (r"\KL{p}", "'\\KL' is missing argument #2", 0),
    (r"\text{a & b}", "misplaced '&' in text (write '\\&')", 8),
    (r"a \not", "'\\not' must be followed by a symbol such as '=' or '\\in'", 2),
    (r"\hspace{lots}", "'\\hspace' expects a length such as '1em', not 'lots'", 0),
    (r"\begin{array}{cz} a \end{array}", "unsupported column type 'z' in array columns 'cz'", 0),
    (r"a \hline b", "misplaced '\\hline' (it must start a row of an array)", 2),
    (r"\newcommand{x}{y}", "'\\newcommand' expects a command name such as '\\foo'", 0),
]


@pytest.mark.parametrize("tex, message, offset", CASES)
def test_problem_names_the_bad_thing_and_where(tex, message, offset):
    out = to_mathml(tex, display=True, macros=KL)
    assert out.problems == (MathProblem(message, offset),)
    assert out.html.startswith('<span class="math-error display"')


def test_tag_and_label_need_display_math():
    assert to_mathml(r"x \tag{1}", display=False).problems[0].message == (
        "'\\tag' is only allowed in display math")
    assert to_mathml(r"x \label{a}", display=False).problems[0].message == (
        "'\\label' is only allowed in display math")
    assert to_mathml(r"\begin{align} a \end{align}", display=False).problems[0].message == (
        "'align' is only allowed in display math")


def test_deep_nesting_is_a_problem_not_a_crash():
    out = to_mathml("{" * 3000 + "x" + "}" * 3000, display=False)
    assert out.problems == (MathProblem("formula is nested too deeply", None),)


def test_inline_fallback_is_a_span_showing_the_source():
    out = to_mathml(r"a < \foo", display=False)
    assert out.html == ('<span class="math-error" title="unknown command \'\\foo\'">'
                        "<code>a &lt; \\foo</code></span>")


def test_display_fallback_is_a_block_styled_span():
    """A span, not a div: display math may stand inside a paragraph."""
    out = to_mathml(r"\foo", display=True)
    assert out.html.startswith('<span class="math-error display" title="unknown command')
    assert out.html.endswith("<code>\\foo</code></span>")


def test_fallback_title_is_escaped():
    out = to_mathml(r'\begin{x"y<z}a\end{x"y<z}', display=True)
    assert 'title="unsupported environment \'x&quot;y&lt;z\'"' in out.html


def test_faithful_render_has_no_problems():
    out = to_mathml(r"\frac{a}{b}", display=True)
    assert out.problems == ()
    assert out.html.startswith('<math display="block">')


def test_definitions_made_before_a_failure_are_still_returned():
    out = to_mathml(r"\newcommand{\vx}{\mathbf{x}} \vx + \oops", display=True)
    assert out.problems[0].message == "unknown command '\\oops'"
    assert dict(out.defines) == {"\\vx": "\\mathbf{x}"}
