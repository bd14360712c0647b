"""The numbers of a post's labelled equations, as texmath's numbering pass will show them.

texmath numbers equations after the whole post is converted, from placeholders in the HTML
(texmath/numbering.py). Rather than number them a second way, this asks `number_equations`
itself: the post's numbering placeholders, in order, followed by one `\\eqref` per label, come
back with the `\\eqref`s filled in.
"""

from __future__ import annotations

import re

from ..texmath.numbering import anchor_id, number_equations, reference
from .objects import Label, canonical

# texmath's numbering placeholders (an automatic number, a \tag): U+E000…U+E001, U+E002…U+E004.
_DEFINITIONS = re.compile("\ue000[^\ue000-\ue008]*\ue001|\ue002[^\ue000-\ue008]*\ue003[^\ue000-\ue008]*\ue004")


def equation_labels(html: str, labels: set[str], body_line: int) -> list[Label]:
    """Labels of the equations in `html` (before numbering) with their numbers."""
    if not labels:
        return []
    ordered = sorted(labels)
    definitions = "".join(found.group(0) for found in _DEFINITIONS.finditer(html))
    probes = "".join("\n" + reference("\\eqref", label) for label in ordered)
    shown = number_equations(definitions + probes).split("\n")[1:]
    return [Label(canonical(label), "equation", number.strip("()"), anchor_id(label), body_line, 1)
            for label, number in zip(ordered, shown) if number != "(??)"]
