"""The converter is faster per formula than latex2mathml on the same formulas."""
import time

from texmath_corpus import load_corpus

from blog.texmath import to_mathml


def _seconds(convert, formulas, rounds=3) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for tex, display in formulas:
            try:
                convert(tex, display)
            except Exception:  # latex2mathml raises on some inputs; the time still counts
                pass
        best = min(best, time.perf_counter() - start)
    return best


def test_faster_than_latex2mathml_on_the_corpus():
    from latex2mathml.converter import convert as latex2mathml

    formulas = [(entry.tex, entry.display) for entry in load_corpus()] * 2
    ours = _seconds(lambda tex, display: to_mathml(tex, display=display), formulas)
    theirs = _seconds(
        lambda tex, display: latex2mathml(tex, display="block" if display else "inline"), formulas)
    assert ours < theirs, f"to_mathml {ours:.3f}s vs latex2mathml {theirs:.3f}s"
