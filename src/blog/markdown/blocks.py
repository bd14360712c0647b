"""Block decorations: admonitions (`::: note [title]`), scrollable tables, lazy images, and the
links of a page (root-relative ones moved under base_url's path, all recorded for `blog check`)."""

from __future__ import annotations

from html import escape

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.container import container_plugin

ADMONITIONS = ("note", "tip", "info", "success", "question", "warning", "caution", "danger",
               "failure", "bug", "example", "quote", "important", "abstract", "details")


def admonitions_plugin(md: MarkdownIt) -> None:
    # One container rule for every kind: a rule per kind would test every line fifteen times.
    container_plugin(md, "admonition", validate=_is_admonition, render=_render_admonition)


def _is_admonition(params: str, *_) -> bool:
    words = params.split(maxsplit=1)
    return bool(words) and words[0] in ADMONITIONS


def _render_admonition(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    if token.nesting == -1:
        return "</details>\n" if token.meta.get("kind") == "details" else "</div>\n"
    words = token.info.strip().split(maxsplit=1)
    kind = words[0]
    title = words[1] if len(words) > 1 else env.get("admonition_titles", {}).get(kind, kind.capitalize())
    _closing(tokens, idx).meta["kind"] = kind
    if kind == "details":
        return f'<details class="admonition details"><summary>{escape(title)}</summary>\n'
    return f'<div class="admonition {kind}"><p class="admonition-title">{escape(title)}</p>\n'


def _closing(tokens, idx):
    depth = 0
    for token in tokens[idx:]:
        depth += token.nesting if token.type.startswith("container_") else 0
        if depth == 0:
            return token
    return tokens[idx]


def tables_plugin(md: MarkdownIt) -> None:
    md.add_render_rule("table_open", lambda self, tokens, idx, options, env:
                       '<div class="table-wrap">\n' + self.renderToken(tokens, idx, options, env))
    md.add_render_rule("table_close", lambda self, tokens, idx, options, env:
                       self.renderToken(tokens, idx, options, env) + "</div>\n")


def links_plugin(md: MarkdownIt) -> None:
    md.core.ruler.push("page_links", _collect_links)


def _collect_links(state: StateCore) -> None:
    """Prefix root-relative URLs with the base path; record (url, line, kind) in env['links']."""
    base_path = state.env.get("base_path", "/")
    found = state.env.setdefault("links", [])
    line = 0
    for token in state.tokens:
        if token.map:
            line = token.map[0]
        if token.type == "inline":
            _visit(token.children or [], base_path, line, found)


def _visit(children, base_path: str, line: int, found: list) -> None:
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        attr = "href" if child.type == "link_open" else "src" if child.type == "image" else None
        if attr is None:
            continue
        url = str(child.attrGet(attr) or "")
        if url.startswith("/") and not url.startswith("//") and base_path != "/":
            url = base_path + url[1:]
            child.attrSet(attr, url)
        if child.type == "image":
            child.attrSet("loading", "lazy")
        found.append((url, line, "image" if child.type == "image" else "link"))
