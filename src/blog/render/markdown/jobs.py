"""A post's RenderJob: the settings, UI labels and macros its Markdown rendering depends on."""

from __future__ import annotations

import re
from dataclasses import replace

from ...content.sources import Source
from ...settings.config import SiteConfig
from ...settings.i18n import Strings
from .excerpt import ExcerptLabels
from .parser import ParserOptions
from .render import RenderJob


def language_job(config: SiteConfig, strings: Strings, base_path: str) -> RenderJob:
    """The parts of a render job shared by every post of one language."""
    return RenderJob(
        src_path="", body="", body_line=1, base_path=base_path, macros=(),
        labels=ExcerptLabels(strings("excerpt_math"), strings("excerpt_formula"), strings("excerpt_code")),
        admonition_titles=strings.with_prefix("admonition_"),
        notebook_labels=strings.with_prefix("notebook_"),
        box_names=strings.with_prefix("box_"),
        object_names=strings.with_prefix("object_"),
        excerpt_length=config.excerpt.length,
        parser=ParserOptions(html=config.markdown.html, line_numbers=config.code.line_numbers,
                             math_in_code=config.markdown.math_in_code, max_nesting=config.limits.nesting,
                             macro_expansions=config.limits.macro_expansions, heading_ids=config.markdown.heading_ids,
                             math_markdown_escapes=config.markdown.math_markdown_escapes),
    )


def make_render_job(shared: RenderJob, config: SiteConfig, source: Source) -> RenderJob:
    return replace(shared, src_path=source.src_path, body=source.body, body_line=source.body_line,
                   notebook=source.notebook, macros=used_macros({**config.math.macros, **source.front.macros}, source.body))


def used_macros(macros: dict[str, str], body: str) -> tuple[tuple[str, str], ...]:
    """The macros a post uses, directly or through other macros: a post's rendering (and its
    cache entry) then changes only when one of those does."""
    def used_in(text: str) -> set[str]:
        return {name for name in macros if re.search(re.escape(name) + r"(?![A-Za-z])", text)}

    found, todo = set(), used_in(body)
    while todo:
        name = todo.pop()
        found.add(name)
        todo |= used_in(macros[name]) - found
    return tuple((name, body) for name, body in macros.items() if name in found)
