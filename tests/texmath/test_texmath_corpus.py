"""The corpus of ML/RL formulas: each shows its facts, and the whole corpus renders cleanly."""
import re
import xml.etree.ElementTree as ElementTree

import pytest
from tests.texmath.texmath_corpus import load_corpus

from blog.render.texmath import to_mathml

ENTRIES = load_corpus()

# The elements of MathML Core (what Chromium, Firefox and Safari all lay out).
MATHML_CORE = frozenset({
    "math", "semantics", "annotation", "mrow", "mi", "mn", "mo", "mtext", "mspace", "ms",
    "mfrac", "msqrt", "mroot", "mstyle", "merror", "mpadded", "mphantom", "msub", "msup",
    "msubsup", "munder", "mover", "munderover", "mmultiscripts", "mprescripts", "none",
    "mtable", "mtr", "mtd",
})
_ANNOTATION = re.compile(r"<annotation[^>]*>.*?</annotation>", re.S)
_MATHVARIANT = re.compile(r'mathvariant="([^"]*)"')


def _convert_all():
    return [(entry, to_mathml(entry.tex, display=entry.display)) for entry in ENTRIES]


def test_corpus_is_large_enough():
    assert len(ENTRIES) >= 400


@pytest.mark.parametrize("entry", ENTRIES, ids=[f"{i:03d}-{e.title}" for i, e in enumerate(ENTRIES)])
def test_formula_shows_its_facts(entry):
    out = to_mathml(entry.tex, display=entry.display)
    assert out.problems == ()
    mathml = _ANNOTATION.sub("", out.html)
    for fact in entry.contains:
        assert fact in mathml, f"{fact!r} missing from {mathml}"
    for fact in entry.absent:
        assert fact not in mathml


def test_whole_corpus_renders_without_problems():
    failures = [(e.tex, out.problems) for e, out in _convert_all() if out.problems]
    assert failures == []


def test_no_backslash_leaks_outside_the_annotation():
    leaks = [e.tex for e, out in _convert_all() if "\\" in _ANNOTATION.sub("", out.html)]
    assert leaks == []


def test_mathvariant_is_only_ever_normal():
    variants = {v for _, out in _convert_all() for v in _MATHVARIANT.findall(out.html)}
    assert variants <= {"normal"}


def test_output_is_well_formed_mathml_core():
    for entry, out in _convert_all():
        if not out.html.startswith("<math"):
            continue  # a bare \eqref becomes a link
        root = ElementTree.fromstring(out.html)
        names = {element.tag for element in root.iter()}
        assert names <= MATHML_CORE, (entry.tex, names - MATHML_CORE)
        assert root.get("display") == ("block" if entry.display else None)
        annotation = root.find("semantics/annotation")
        assert annotation is not None and annotation.text == entry.tex
