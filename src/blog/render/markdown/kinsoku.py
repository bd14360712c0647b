"""Kinsoku for formulas and code: closing punctuation stays on the line of what it closes.

Browsers may break a line between an inline formula (an atomic box) or a code span and the "，" or
"。" right after it, so a line would start with the comma. Wrapping the two in one unbreakable span
keeps them together; text before and after still breaks as usual.
"""

from __future__ import annotations

import re

CLOSING_PUNCTUATION = "，。、；：？！）」』》〉】〕”’…"

_KEEP = re.compile(
    r"(<math(?![^>]*display=\"block\")[^>]*>(?:(?!</math>).)*</math>|<code\b[^>]*>[^<]*</code>)"
    rf"([{CLOSING_PUNCTUATION}]+)", re.S)


def keep_closing_punctuation(html: str) -> str:
    """`html` with every inline formula or code span that is followed by closing punctuation
    wrapped, with that punctuation, in `<span class="nobreak">`."""
    return _KEEP.sub(r'<span class="nobreak">\1\2</span>', html)
