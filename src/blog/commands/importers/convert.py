"""One planned document to the text of its file in our site, with its warnings at their lines."""

from __future__ import annotations

from ...diagnostics import Diagnostic, warning
from .frontmatter import dump_front_matter, key_line
from .hexo_tags import HexoFlavour
from .liquid import JekyllFlavour
from .plan import Document
from .references import DocumentContext, Publisher
from .rewrite import Flavour, rewrite
from .shortcodes import HugoFlavour

FLAVOURS: dict[str, type] = {"hexo": HexoFlavour, "hugo": HugoFlavour, "jekyll": JekyllFlavour}


def convert_document(doc: Document, publisher: Publisher, flavour: Flavour) -> tuple[str, list[Diagnostic]]:
    context = DocumentContext(publisher, doc)
    if doc.raw.get("disableNunjucks") is True:  # Hexo left this post's tags alone, so do we
        flavour = None
    body = rewrite(doc.body, flavour, context)
    head = dump_front_matter(doc.front)
    offset = head.count("\n")
    diagnostics = [warning(doc.target, key_line(head, key), None, message) for key, message in doc.notes]
    diagnostics += [warning(doc.target, offset + line + 1, None, message) for line, message in body.warnings]
    text = head + body.text
    return (text if text.endswith("\n") else text + "\n"), diagnostics
