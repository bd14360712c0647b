"""The math font cut down to the glyphs the site's formulas use: one subset per build, the same
bytes for the same characters (so a deploy uploads it only when a formula brings a new one).

STIX Two Math is ~400 KB; the example blog's formulas need a tenth of it. The subset keeps the
OpenType MATH table and its size variants and assemblies, so stretchy delimiters and big
operators still stretch.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Iterable

MATH_FONT = "fonts/STIXTwoMath-Regular.woff2"  # where math.css's @font-face looks for it
# The full font as TrueType: cut ~5x faster than from WOFF2, whose glyphs must be rebuilt first.
MATH_FONT_SOURCE = Path(__file__).parent / "fonts" / "STIXTwoMath-Regular.ttf"

_MATH = re.compile(r"<math\b.*?</math>", re.S)
_ANNOTATION = re.compile(r"<annotation\b.*?</annotation>", re.S)
_TAG = re.compile(r"<[^>]+>")
# A one-letter <mi> is drawn in the Mathematical Italic letter (MathML Core's text-transform: math-auto).
_ITALIC = {**{chr(c): chr(0x1D434 + c - 0x41) for c in range(0x41, 0x5B)},
           **{chr(c): chr(0x1D44E + c - 0x61) for c in range(0x61, 0x7B)}, "h": "\u210E",
           **{chr(c): chr(0x1D6E2 + c - 0x391) for c in range(0x391, 0x3AA)},
           **{chr(c): chr(0x1D6FC + c - 0x3B1) for c in range(0x3B1, 0x3CA)},
           "ı": "\U0001D6A4", "ȷ": "\U0001D6A5", "∇": "\U0001D6FB", "∂": "\U0001D715", "ϵ": "\U0001D716",
           "ϑ": "\U0001D717", "ϰ": "\U0001D718", "ϕ": "\U0001D719", "ϱ": "\U0001D71A", "ϖ": "\U0001D71B"}

# Glyphs the browser's math layout draws without them being in the text: the radical sign of <msqrt>/<mroot>.
_DRAWN_BY_LAYOUT = "\u221A"


@dataclass(frozen=True)
class MathFont:
    key: str  # digest of the full font and the characters: the same key, the same subset
    data: bytes


def math_characters(htmls: Iterable[str]) -> str:
    """Every character drawn inside <math> in `htmls` (the TeX annotations left out), sorted."""
    found: set[str] = set()
    for html in htmls:
        for formula in _MATH.findall(html):
            found.update(unescape(_TAG.sub("", _ANNOTATION.sub("", formula))))
    found.update(_ITALIC[c] for c in list(found) if c in _ITALIC)
    found.update(_DRAWN_BY_LAYOUT)
    return "".join(sorted(c for c in found if not c.isspace()))


def subset_math_font(font: bytes, characters: str, previous: MathFont | None) -> MathFont:
    """`font` as WOFF2 with only what `characters` need; `previous` is reused when it matches."""
    key = hashlib.blake2b(font + characters.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    if previous is not None and previous.key == key:
        return previous
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # ssty (script primes), and whatever the browser's math layout asks for
    options.name_IDs = ["*"]  # the licence and copyright notices stay with the font (OFL)
    options.notdef_outline = True
    parsed = TTFont(io.BytesIO(font), recalcTimestamp=False)  # no build time in the output
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(c) for c in characters} | {0x20, 0xA0})
    subsetter.subset(parsed)
    out = io.BytesIO()
    parsed.flavor = "woff2"
    parsed.save(out, reorderTables=False)
    return MathFont(key, out.getvalue())
