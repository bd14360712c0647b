"""Site-level macros with arguments, and \\newcommand-style definitions passed between formulas."""
from blog.render.texmath import to_mathml

SITE = {
    "\\R": "\\mathbb{R}",
    "\\E": "\\mathbb{E}",
    "\\KL": "D_{\\mathrm{KL}}\\left(#1 \\,\\|\\, #2\\right)",
}


def test_site_macro_without_arguments():
    out = to_mathml(r"x \in \R^n", display=False, macros=SITE)
    assert out.problems == ()
    assert "<msup><mi>ℝ</mi><mi>n</mi></msup>" in out.html


def test_site_macro_with_arguments():
    out = to_mathml(r"\KL{p}{q} \ge 0", display=True, macros=SITE)
    assert out.problems == ()
    assert "<msub><mi>D</mi><mi>KL</mi></msub>" in out.html
    assert '<mo fence="true" form="prefix" stretchy="true">(</mo><mi>p</mi>' in out.html
    assert "<mi>q</mi><mo fence" in out.html


def test_macro_arguments_may_be_single_tokens_and_reordered():
    out = to_mathml(r"\swap ab", display=False, macros={"\\swap": "#2#1"})
    assert "<mi>b</mi><mi>a</mi>" in out.html


def test_site_macro_overrides_a_builtin():
    out = to_mathml(r"\argmax_x", display=True, macros={"\\argmax": "\\mathrm{AM}"})
    assert "<msub><mi>AM</mi><mi>x</mi></msub>" in out.html


def test_newcommand_is_returned_in_defines():
    out = to_mathml(r"\newcommand{\inner}[2]{\langle #1, #2\rangle} \inner{a}{b}", display=True)
    assert out.problems == ()
    assert dict(out.defines) == {"\\inner": "\\langle#1, #2\\rangle"}
    assert "⟨" in out.html and "<mi>b</mi>" in out.html


def test_definitions_carry_into_a_later_formula():
    first = to_mathml(r"\newcommand{\vx}{\mathbf{x}}", display=True)
    later = to_mathml(r"\vx^\top \vx", display=False, macros={**SITE, **first.defines})
    assert later.problems == ()
    assert later.html.count("<mi>𝐱</mi>") == 2


def test_renewcommand_def_and_declaremathoperator():
    out = to_mathml(r"\renewcommand\half{\frac12} \def\pair#1#2{(#1,#2)} "
                    r"\DeclareMathOperator{\Tr}{Tr} \DeclareMathOperator*{\esssup}{ess\,sup}"
                    r"\half \pair ab \Tr A \esssup_x f", display=True)
    assert out.problems == ()
    assert dict(out.defines) == {
        "\\half": "\\frac12", "\\pair": "(#1,#2)", "\\Tr": "\\operatorname{Tr}",
        "\\esssup": "\\operatorname*{ess\\,sup}"}
    assert "<mi>Tr</mi><mo>\u2061</mo>" in out.html
    assert "<munder><mrow><mi>ess</mi>" in out.html


def test_optional_first_argument_with_default():
    out = to_mathml(r"\newcommand{\pow}[2][2]{#2^{#1}} \pow{x} + \pow[3]{y}", display=False)
    assert "<msup><mi>x</mi><mn>2</mn></msup>" in out.html
    assert "<msup><mi>y</mi><mn>3</mn></msup>" in out.html


def test_let_copies_a_macro():
    out = to_mathml(r"\let\Reals\R \Reals", display=False, macros=SITE)
    assert "<mi>ℝ</mi>" in out.html


def test_conversion_is_pure():
    macros = dict(SITE)
    first = to_mathml(r"\newcommand{\y}{Y} \KL{\y}{q}", display=True, macros=macros)
    second = to_mathml(r"\newcommand{\y}{Y} \KL{\y}{q}", display=True, macros=macros)
    assert first == second
    assert macros == SITE
    assert to_mathml(r"\y", display=True, macros=macros).problems[0].message == (
        "unknown command '\\y'")


def test_problem_offsets_point_at_the_macro_call():
    out = to_mathml(r"a + \bad", display=False, macros={"\\bad": "\\nonexistent"})
    assert out.problems[0].message == "unknown command '\\nonexistent'"
    assert out.problems[0].offset == 4
