"""render(job) -> Rendered: one post's Markdown to HTML, excerpt, TOC, links and warnings.

A pure function of picklable values, so posts render in a process pool and results can be cached
by the job's fingerprint.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import NamedTuple

from ...content.notebooks.layout import Layout
from ...diagnostics import Diagnostic, warning
from ..scholarly.collect import PostCollector
from ..scholarly.equations import equation_labels
from ..scholarly.objects import PostObjects
from .excerpt import ExcerptLabels, make_excerpt
from .headings import TocEntry, toc_with_html
from .kinsoku import keep_closing_punctuation
from .math import PostMath
from .parser import ParserOptions, build_parser
from .readingtime import TextCount, count_text
from .scrollbox import wrap_raw_tables
from .searchtext import search_text



@dataclass(frozen=True)
class RenderJob:
    src_path: str
    body: str
    body_line: int  # file line of the body's first line
    base_path: str  # base_url's path, for root-relative links
    macros: tuple[tuple[str, str], ...]  # site macros, then the post's own
    labels: ExcerptLabels
    admonition_titles: tuple[tuple[str, str], ...]
    excerpt_length: int
    parser: ParserOptions
    notebook: Layout | None = None  # a notebook's parts, for the marker lines of its body
    notebook_labels: tuple[tuple[str, str], ...] = ()
    box_names: tuple[tuple[str, str], ...] = ()  # accessible names of scroll boxes: formula, table
    object_names: tuple[tuple[str, str], ...] = ()  # "theorem" -> "定理", for numbered objects

    def fingerprint(self) -> str:
        """Equal jobs give equal fingerprints (unlike pickle, which depends on object identity)."""
        settings = (self.src_path, self.body_line, self.base_path, self.macros, self.labels,
                    self.admonition_titles, self.object_names, self.excerpt_length, self.parser, self.notebook,
                    self.notebook_labels, self.box_names)
        fingerprint = hashlib.blake2b(repr(settings).encode("utf-8", "surrogatepass"), digest_size=16)
        fingerprint.update(self.body.encode("utf-8", "surrogatepass"))
        return fingerprint.hexdigest()


class Link(NamedTuple):  # a tuple: thousands are cached, and tuples load fastest
    url: str
    line: int | None  # file line (None: in a notebook's output)
    kind: str  # "link" or "image"
    cell: int | None = None  # in a notebook: the cell `line` counts in


@dataclass(frozen=True)
class Rendered:
    html: str
    excerpt: str
    toc: tuple[TocEntry, ...]
    links: tuple[Link, ...]
    has_math: bool
    has_code: bool  # a highlighted code block, which needs highlight.css
    diagnostics: tuple[Diagnostic, ...]
    search_text: str  # headings and text for the search index (search.py)
    text_count: TextCount  # what a reader reads, for the reading time
    objects: PostObjects | None = None  # labels, references and citations, resolved site-wide (scholarly/)


def render(job: RenderJob) -> Rendered:
    md = build_parser(job.parser)
    post_math = PostMath(job.src_path, job.body_line, dict(job.macros), job.parser.macro_expansions,
                         job.parser.math_markdown_escapes)
    collector = PostCollector(job.src_path, job.body_line, dict(job.object_names))
    box_names = dict(job.box_names)
    env = {"math": post_math, "base_path": job.base_path, "admonition_titles": dict(job.admonition_titles),
           "notebook": job.notebook, "notebook_labels": dict(job.notebook_labels), "box_names": box_names,
           "objects": collector}
    tokens = md.parse(job.body, env)
    html = md.renderer.render(tokens, md.options, env)
    objects = collector.finish(equation_labels(html, post_math.labels, job.body_line))
    html = keep_closing_punctuation(wrap_raw_tables(post_math.finish(html), box_names))
    toc = toc_with_html(md, env)
    links = tuple(_link(job, url, job.body_line + line, kind) for url, line, kind in env.get("links", ()))
    diagnostics = (*post_math.diagnostics, *collector.diagnostics, *_nesting_cut(job, env))
    return Rendered(
        html=html,
        excerpt=make_excerpt(tokens, job.labels, job.excerpt_length),
        toc=toc,
        links=links,
        has_math=post_math.count > 0,
        has_code='<pre class="highlight' in html,
        diagnostics=tuple(map(job.notebook.locate, diagnostics) if job.notebook else diagnostics),
        search_text=search_text(tokens),
        objects=objects,
        text_count=count_text(tokens),
    )


def _link(job: RenderJob, url: str, line: int, kind: str) -> Link:
    if job.notebook is None:
        return Link(url, line, kind)
    cell, cell_line = job.notebook.place(line)
    return Link(url, cell_line, kind, cell)


def _nesting_cut(job: RenderJob, env: dict) -> tuple[Diagnostic, ...]:
    if "nesting_cut" not in env:
        return ()
    return (warning(job.src_path, job.body_line + env["nesting_cut"], None,
                    f"blocks nested more than {job.parser.max_nesting} deep (limits.nesting); "
                    f"the deeper part of this block is left out"),)

