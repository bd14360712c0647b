"""`to_mathml` never raises, whatever string it gets: random, truncated or hostile input."""
import random

from tests.texmath.texmath_corpus import load_corpus

from blog.render.texmath import number_equations, to_mathml

PIECES = [
    "x", "y", "1", "2.5", " ", "  ", "\n", "{", "}", "{", "}", "^", "_", "'", "&", "\\\\", "%",
    "#", "#1", "$", "~", "[", "]", "(", ")", "|", "<", ">", "=", "+", "-", "α", "中", "∑",
    "\\frac", "\\sqrt", "\\left(", "\\right)", "\\left.", "\\right|", "\\middle|", "\\left",
    "\\right", "\\begin{aligned}", "\\end{aligned}", "\\begin{pmatrix}", "\\end{pmatrix}",
    "\\begin{cases}", "\\end{cases}", "\\begin{align}", "\\end{align}", "\\begin{array}{c|l}",
    "\\end{array}", "\\begin{equation}", "\\end{equation}", "\\begin", "\\end", "\\text{",
    "\\text", "\\mathbf", "\\mathcal", "\\boldsymbol", "\\operatorname*", "\\sum", "\\int",
    "\\lim", "\\limits", "\\nolimits", "\\hat", "\\widehat", "\\overbrace", "\\underbrace",
    "\\xrightarrow", "\\overset", "\\not", "\\color{red}", "\\color", "\\textcolor", "\\tag",
    "\\tag*", "\\label{a}", "\\eqref{a}", "\\notag", "\\newcommand", "\\def", "\\foo",
    "\\newcommand{\\q}[1]{#1#1}", "\\q", "\\def\\r{\\r}", "\\r", "\\hspace", "\\hspace{1em}",
    "\\kern", "\\substack", "\\multicolumn", "\\hline", "\\cline{1-2}", "\\over", "\\choose",
    "\\displaystyle", "\\rm", "\\big", "\\Bigl(", "\\", "\\mathrm", "\\phantom", "\\boxed",
    "\\cancel", "\\binom", "\\dfrac", "\\cfrac", "\\sqrt[", "\\mathop", "\\mathrel",
    "\\DeclareMathOperator", "\\let", "\\vspace", "\\colorbox", "\\smash[b]", "\\mathchoice",
]


def _check(tex: str, display: bool) -> None:
    out = to_mathml(tex, display=display)
    assert isinstance(out.html, str)
    assert not any("internal error" in problem.message for problem in out.problems), (tex, out.problems)
    if "math-error" in out.html[:30]:
        assert out.problems
    else:  # converted, perhaps with a warning (a \label on an unnumbered equation)
        assert out.html.startswith(("<math", "<a class="))
    number_equations(out.html)


def test_random_token_soup_never_raises():
    rng = random.Random(20260111)
    for _ in range(4000):
        tex = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 14)))
        _check(tex, rng.random() < 0.5)


def test_every_prefix_of_every_corpus_formula_never_raises():
    for entry in load_corpus():
        for end in range(0, len(entry.tex) + 1, 3):
            _check(entry.tex[:end], entry.display)


def test_random_characters_never_raise():
    rng = random.Random(7)
    alphabet = [chr(c) for c in range(0, 0x250)] + list("中文αβ∑∫𝐖\u200b\ufeff\ud7ff")
    for _ in range(2000):
        _check("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20))), rng.random() < 0.5)
