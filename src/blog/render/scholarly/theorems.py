"""Theorem-like blocks: `::: theorem {#thm-pg title="策略梯度定理"}` … `:::`.

Theorems, lemmas, propositions, corollaries, definitions, examples and remarks are numbered per
kind in each post; a proof is not numbered and ends with ∎. `::: example` alone stays the
admonition it always was; with an attribute block (`::: example {#exm-gae}` or `{}`) it is a
numbered example.
"""

from __future__ import annotations

from html import escape

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.container import container_plugin

from .attributes import split_attributes
from .collect import PostCollector
from .objects import THEOREM_KINDS

OPEN = "container_theorem_open"


def theorems_plugin(md: MarkdownIt) -> None:
    """Register before the admonitions, so that `::: example {…}` is taken here."""
    container_plugin(md, "theorem", validate=_is_theorem, render=_render)
    md.core.ruler.after("block", "theorem_numbers", _number)


def _is_theorem(params: str, *_) -> bool:
    words = params.split(maxsplit=1)
    return bool(words) and words[0] in THEOREM_KINDS and (words[0] != "example" or "{" in params)


def _number(state: StateCore) -> None:
    collector: PostCollector | None = state.env.get("objects")
    for token in state.tokens:
        if token.type != OPEN:
            continue
        kind, _, rest = token.info.strip().partition(" ")
        _, label, pairs = split_attributes(rest)
        title = pairs.get("title", "")
        name = collector.name(kind) if collector else kind.capitalize()
        number = ""
        if kind != "proof":
            number = collector.number(kind) if collector else ""
            if label and collector:
                collector.define(label, kind, number, label, token.map[0], 1)
        token.meta.update(kind=kind, label=label, head=f"{name} {number}".strip(), title=title,
                          note=collector.names.get("note", " ({})") if collector else " ({})")


def _render(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    if token.nesting == -1:
        return _closing(tokens, idx)
    meta = token.meta
    identifier = f' id="{escape(meta["label"])}"' if meta["label"] else ""
    note = f'<span class="theorem-note">{escape(meta["note"].format(meta["title"]))}</span>' if meta["title"] else ""
    return (f'<div class="theorem kind-{meta["kind"]}"{identifier}>\n<p class="theorem-head">'
            f'<span class="theorem-name">{escape(meta["head"])}</span>{note}</p>\n')


def _closing(tokens, idx) -> str:
    depth = 0
    for token in reversed(tokens[:idx + 1]):
        depth += 1 if token.nesting == -1 and token.type.startswith("container_theorem") else 0
        depth -= 1 if token.type == OPEN else 0
        if depth == 0:
            qed = '<p class="qed" aria-hidden="true">∎</p>\n' if token.meta.get("kind") == "proof" else ""
            return f"{qed}</div>\n"
    return "</div>\n"
