"""What a post's rendering tells the site about its numbered objects, references and citations.

A post is rendered alone (in a worker, cached by its fingerprint), but `@ppo:eq-clip` and
`[@schulman2017]` can only be written out once every post's labels and the bibliography are
known. So the renderer leaves a mark in the text, `MARK_OPEN index MARK_CLOSE`, for each
reference or citation, and returns a PostObjects listing the labels it defined and what each
mark asked for; resolve.py replaces the marks after all posts are rendered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

MARK_OPEN, MARK_CLOSE = "\ue010", "\ue011"  # beside texmath's \ue000-\ue008, never inside a formula
# The index in hexadecimal digits of private use too: a mark then adds no word characters to a
# heading's slug, which stays the same when marks are added before it.
_DIGITS = "".join(chr(0xE020 + value) for value in range(16))
MARK = re.compile(f"{MARK_OPEN}([{_DIGITS[0]}-{_DIGITS[-1]}]+){MARK_CLOSE}")


def mark_text(index: int) -> str:
    return MARK_OPEN + "".join(_DIGITS[int(digit, 16)] for digit in f"{index:x}") + MARK_CLOSE


def mark_index(digits: str) -> int:
    return int("".join(f"{ord(char) - 0xE020:x}" for char in digits), 16)

# Label prefix -> the kind of object it names (Quarto's prefixes).
PREFIXES = {"eq": "equation", "fig": "figure", "tbl": "table", "alg": "algorithm", "thm": "theorem",
            "lem": "lemma", "prp": "proposition", "cor": "corollary", "def": "definition",
            "exm": "example", "rem": "remark"}
THEOREM_KINDS = ("theorem", "lemma", "proposition", "corollary", "definition", "example", "remark", "proof")


def label_kind(name: str) -> str | None:
    """The kind a label names by its prefix (`eq-bellman`, `eq:bellman`), or None."""
    prefix, dash, rest = canonical(name).partition("-")
    return PREFIXES.get(prefix) if dash and rest else None


def canonical(name: str) -> str:
    """`\\label{eq:bellman}` and `{#eq-bellman}` name the same equation."""
    return name.replace(":", "-")


class Label(NamedTuple):
    name: str  # canonical
    kind: str
    number: str
    anchor: str  # the HTML id
    line: int  # file line
    col: int


class Target(NamedTuple):
    """One `@[post:]label` or `@key` of a mark."""

    post: str  # the NAME of the post it points into; "" for this post
    name: str  # the label (canonical) or citation key
    locator: str  # `p. 12` of `[@key, p. 12]`
    line: int  # file line
    col: int
    prefix: str = ""  # `see` of `[see @key]`


@dataclass(frozen=True)
class Mark:
    targets: tuple[Target, ...]
    bracketed: bool  # `[@a; @b]`, as opposed to the narrative `@a`
    source: str  # the Markdown as written, shown again when `@word` turns out to be neither


@dataclass(frozen=True)
class PostObjects:
    labels: tuple[Label, ...]
    marks: tuple[Mark, ...]

    def label(self, name: str) -> Label | None:
        for label in self.labels:
            if label.name == name:
                return label
        return None
