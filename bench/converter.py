#!/usr/bin/env python3
"""Time our TeX → MathML converter against latex2mathml on the test corpus's formulas.

usage: python bench/converter.py [--rounds 5]

Both convert the same ML/RL formulas (the ~270 of tests/texmath/corpus.txt) in one process; the best
of several rounds is reported, with the ratio. A benchmark, not a test: timings vary by machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "texmath"))
from texmath_corpus import load_corpus  # noqa: E402


def best_seconds(convert, formulas: list[tuple[str, bool]], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for tex, display in formulas:
            try:
                convert(tex, display)
            except Exception:  # latex2mathml raises on some formulas; the time spent still counts
                pass
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    from latex2mathml.converter import convert as latex2mathml

    from blog.render.texmath import to_mathml

    formulas = [(entry.tex, entry.display) for entry in load_corpus()]
    ours = best_seconds(lambda tex, display: to_mathml(tex, display=display), formulas, args.rounds)
    theirs = best_seconds(lambda tex, display: latex2mathml(tex, display="block" if display else "inline"),
                          formulas, args.rounds)
    print(f"{len(formulas)} formulas: blog.render.texmath {ours * 1000:.0f} ms, latex2mathml {theirs * 1000:.0f} ms, "
          f"ratio {ours / theirs:.2f}×")


if __name__ == "__main__":
    main()
