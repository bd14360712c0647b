"""Block decorations: admonitions (`::: note [title]`), figures, scrollable tables."""

from __future__ import annotations

from html import escape

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.container import container_plugin

from .scrollbox import open_box

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


def figures_plugin(md: MarkdownIt) -> None:
    """An image alone in its paragraph with a title is a figure; the title is its caption."""
    md.core.ruler.after("inline", "figures", _mark_figures)
    default_open, default_close = md.renderer.rules.get("paragraph_open"), md.renderer.rules.get("paragraph_close")

    def paragraph_open(self, tokens, idx, options, env) -> str:
        if tokens[idx].meta.get("figure"):
            return "<figure>"
        return default_open(tokens, idx, options, env) if default_open else self.renderToken(tokens, idx, options, env)

    def paragraph_close(self, tokens, idx, options, env) -> str:
        caption = tokens[idx].meta.get("figure")
        if caption is not None:
            return f"<figcaption>{escape(caption)}</figcaption></figure>\n"
        return default_close(tokens, idx, options, env) if default_close else self.renderToken(tokens, idx, options, env)

    md.add_render_rule("paragraph_open", paragraph_open)
    md.add_render_rule("paragraph_close", paragraph_close)


def _mark_figures(state: StateCore) -> None:
    tokens = state.tokens
    for index in range(len(tokens) - 2):
        inline = tokens[index + 1]
        if tokens[index].type != "paragraph_open" or inline.type != "inline" or not inline.children:
            continue
        children = [c for c in inline.children if not (c.type == "text" and not c.content.strip())]
        if len(children) == 1 and children[0].type == "image" and children[0].attrGet("title"):
            caption = str(children[0].attrGet("title"))
            tokens[index].meta["figure"] = tokens[index + 2].meta["figure"] = caption


def tables_plugin(md: MarkdownIt) -> None:
    md.add_render_rule("table_open", lambda self, tokens, idx, options, env:
                       open_box("table", env.get("box_names", {})) + "\n" + self.renderToken(tokens, idx, options, env))
    md.add_render_rule("table_close", lambda self, tokens, idx, options, env:
                       self.renderToken(tokens, idx, options, env) + "</div>\n")
