"""Template syntax a reader would see in a built page: `{{ … }}`, `{{< … >}}`, `{% … %}` from
another generator (a Hugo shortcode, Liquid or Nunjucks tag) that our build does not run, found
in the page's visible text and traced back to its line in the Markdown, for `blog check`.

Code, scripts, comments and the TeX that MathML keeps are not read: there such text is meant.
"""

from __future__ import annotations

import re
from html import unescape

from ..diagnostics import Diagnostic, warning

_NOT_SEEN = re.compile(r"<!--.*?-->|<(pre|code|script|style|annotation|textarea)\b.*?</\1\s*>", re.DOTALL | re.I)
_TAG = re.compile(r"<[^>]*>")
_SYNTAX = re.compile(r"\{\{[<%]?.{0,60}?[>%]?\}\}|\{%.{0,60}?%\}|\{\{|\{%")


def template_syntax(src_path: str, html: str, source: str) -> list[Diagnostic]:
    """One warning per piece of template syntax shown on the page, at its line in `source`."""
    text = unescape(_TAG.sub(" ", _NOT_SEEN.sub(" ", html)))
    lines = source.split("\n")
    problems = []
    for snippet in dict.fromkeys(m.group(0) for m in _SYNTAX.finditer(text)):
        line = next((number for number, content in enumerate(lines, 1) if snippet in content), None)
        problems.append(warning(src_path, line, None, f"template syntax '{snippet}' is shown as text on the page "
                                                      f"(a tag of another generator, which this build does not "
                                                      f"run); convert it or remove it"))
    return problems
