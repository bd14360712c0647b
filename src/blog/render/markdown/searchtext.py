"""A post's text for the search index: headings (with their ids, so a result can point into the
post) and the text between them. Formulas are left out: their text is symbols, not words; code
stays, since readers search for function names."""

from __future__ import annotations

from html import escape, unescape

from markdown_it.token import Token

from .excerpt import TAG, ExcerptLabels, inline_text

_NO_PLACEHOLDERS = ExcerptLabels("", "", "")


def search_text(tokens: list[Token]) -> str:
    """An HTML fragment of `<hN id>` headings and `<p>` text, for search.py's pages."""
    parts: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        text = " ".join(" ".join(paragraph).split())
        if text:
            parts.append(f"<p>{escape(text)}</p>")
        paragraph.clear()

    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            flush()
            title = inline_text(tokens[index + 1].children or [], _NO_PLACEHOLDERS, stop_at_more=False).strip()
            anchor = token.attrGet("id") or ""
            parts.append(f'<{token.tag} id="{escape(str(anchor))}">{escape(title)}</{token.tag}>')
        elif token.type == "inline" and (index == 0 or tokens[index - 1].type != "heading_open"):
            paragraph.append(inline_text(token.children or [], _NO_PLACEHOLDERS, stop_at_more=False))
        elif token.type in ("fence", "code_block"):
            flush()
            paragraph.append(token.content)
            flush()
        elif token.type == "html_block":
            paragraph.append(unescape(TAG.sub(" ", token.content)))
        elif token.type in ("paragraph_close", "list_item_close", "blockquote_close", "table_close"):
            flush()
    flush()
    return "".join(parts)
