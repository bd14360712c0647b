"""Pandoc's attribute blocks, as they follow labelled objects: `{#thm-pg title="策略梯度定理"}`."""

from __future__ import annotations

import re

BLOCK = re.compile(r"\{\s*(#[^\s{}]+(?:\s+[^{}]*)?|[^{}#]*=[^{}]*)\}\s*$")
_PAIR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")


def split_attributes(text: str) -> tuple[str, str, dict[str, str]]:
    """`text` without a trailing attribute block, the block's id (or "") and its key=value pairs."""
    found = BLOCK.search(text)
    if found is None:
        return text, "", {}
    inner = found.group(1).strip()
    identifier = ""
    if inner.startswith("#"):
        identifier, _, inner = inner.partition(" ")
        identifier = identifier[1:]
    pairs = {m.group(1): next(g for g in m.groups()[1:] if g is not None) for m in _PAIR.finditer(inner)}
    return text[:found.start()].rstrip(), identifier, pairs
