"""Heading ids as other generators make them, so that an imported blog's old `#anchor` links
keep working (`markdown.heading_ids` in site.yaml; `blog` is our own scheme, in headings.py).

| setting | generator | `对与错，好与坏` | `Why Scale?` |
|---|---|---|---|
| hugo | Hugo's Goldmark (autoIDType github, the default) | `对与错好与坏` | `why-scale` |
| hugo-ascii | Hugo's Goldmark, autoIDType github-ascii | `heading` | `why-scale` |
| hugo-blackfriday | Hugo's Goldmark, autoIDType blackfriday; Hugo before 0.60 | `对与错-好与坏` | `why-scale` |
| hexo | hexo-renderer-marked (case kept) | `对与错，好与坏` | `Why-Scale` |
| jekyll | Jekyll's kramdown with GFM input (the default) | `对与错好与坏` | `why-scale` |
| kramdown | kramdown's own input | `section` | `why-scale` |

A repeated id gets `-1`, `-2`, … in all of them, as in ours.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable

# hexo-util's slugize: runs of whitespace and ASCII punctuation become one '-'
_HEXO_SPECIAL = re.compile(r"""[\s~`!@#$%^&*()\-_+=\[\]{}|\\;:"'<>,.?/]+""")
_HEXO_CONTROL = re.compile(r"[\u0000-\u001f]")
_KRAMDOWN_GFM_DROP = re.compile(r"[^\w\- \t]")


def _is_letter_or_digit(char: str) -> bool:
    return unicodedata.category(char)[0] == "L" or unicodedata.category(char) == "Nd"


def _without_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def goldmark_id(text: str, *, ascii_only: bool = False) -> str:
    """Hugo's github scheme: letters, digits and '_' lower-cased, each space or '-' a '-', the rest dropped."""
    text = (_without_accents(text) if ascii_only else text).strip()
    kept = []
    for char in text:
        if ascii_only and not char.isascii():
            continue
        if char in "- ":
            kept.append("-")
        elif char == "_" or _is_letter_or_digit(char):
            kept.append(char.lower())
    return "".join(kept) or "heading"


def blackfriday_id(text: str) -> str:
    """Blackfriday's SanitizedAnchorName: runs of letters and numbers, lower-cased, joined by one '-'."""
    kept: list[str] = []
    dash = False
    for char in text:
        if unicodedata.category(char)[0] in "LN":
            if dash and kept:
                kept.append("-")
            dash = False
            kept.append(char.lower())
        else:
            dash = True
    return "".join(kept) or "heading"


def hexo_id(text: str) -> str:
    """hexo-renderer-marked's default: hexo-util slugize without changing case."""
    slug = _HEXO_SPECIAL.sub("-", _HEXO_CONTROL.sub("", _without_accents(text.strip())))
    return slug.strip("-") or "heading"


def kramdown_gfm_id(text: str) -> str:
    """kramdown-parser-gfm: lower-cased, word characters, '-' and spaces kept, each space a '-'."""
    return _KRAMDOWN_GFM_DROP.sub("", text.lower()).replace(" ", "-").replace("\t", "-") or "section"


def kramdown_id(text: str) -> str:
    """kramdown's basic ids: ASCII only, from the first letter on."""
    slug = re.sub(r"^[^a-zA-Z]+", "", text)
    slug = re.sub(r"[^a-zA-Z0-9 -]", "", slug).replace(" ", "-").lower()
    return slug or "section"


SCHEMES: dict[str, Callable[[str], str]] = {
    "hugo": goldmark_id,
    "hugo-ascii": lambda text: goldmark_id(text, ascii_only=True),
    "hugo-blackfriday": blackfriday_id,
    "hexo": hexo_id,
    "jekyll": kramdown_gfm_id,
    "kramdown": kramdown_id,
}
