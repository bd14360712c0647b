"""What follows a citation's key, split as Pandoc does: a locator, then the author's own words.

`[@sutton2018, p. 12, and passim]` cites page 12 and keeps ", and passim"; `[@a, ch. 3 for
details]` cites chapter 3 and keeps " for details"; `[@a, 12]` is page 12; `[@a, pp. {ii, A}]`
braces a locator that is not a number; `[@a, for details]` has no locator, only words.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Longest spelling first: "pp." must not be read as "p" followed by "p. 12".
_LABELS = {"pages": "page", "page": "page", "pp": "page", "p": "page", "chapter": "chapter", "chap": "chapter",
           "ch": "chapter", "section": "section", "sec": "section", "figure": "figure", "fig": "figure",
           "eq": "equation", "volume": "volume", "vol": "volume"}
_LABEL = re.compile(r"(%s)(?:\.\s*|\s+)" % "|".join(_LABELS), re.I)
# A number (12, 3a; iv after a label) and more joined by ranges or lists: "33-35, 38-39". A word
# after a comma counts only with a digit in it, so ", and passim" stays the author's.
_DIGITS = r"\w*\d(?:\w|[.:](?=\w))*"  # 12, 3a, 3.2
_NUMBER = rf"(?:{_DIGITS}|[ivxlcdm]+\b)"
_MORE = rf"(?:\s*[-–—]\s*{_NUMBER}|\s*[,&]\s*{_DIGITS})*"
_VALUE = re.compile(rf"\{{([^{{}}]*)\}}|{_NUMBER}{_MORE}", re.I)
_BARE_VALUE = re.compile(rf"\{{([^{{}}]*)\}}|{_DIGITS}{_MORE}", re.I)  # no label: "12", never "did"


class CitedPart(NamedTuple):
    label: str  # a CSL locator term ("page", "chapter"); "" without a locator
    value: str  # "12", "33-35, 38-39"
    suffix: str  # the author's words after it, as written (", and passim")


def split_locator(text: str) -> CitedPart:
    """`text` is everything after the comma that follows the key."""
    text = " ".join(text.split())
    if not text:
        return CitedPart("", "", "")
    label = _LABEL.match(text)
    start = label.end() if label else 0
    value = (_VALUE if label else _BARE_VALUE).match(text, start)
    if value is None:
        return CitedPart("", "", f", {text}")
    kind = _LABELS[label.group(1).lower()] if label else "page"
    return CitedPart(kind, value.group(1) if value.group(1) is not None else value.group(0), text[value.end():])
