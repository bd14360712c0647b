"""render(job) -> Rendered: one post's Markdown to HTML, excerpt, TOC, links and warnings.

A pure function of picklable values, so posts render in a process pool and results can be cached
by the job's fingerprint.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import NamedTuple

from ..diagnostics import Diagnostic
from .excerpt import ExcerptLabels, make_excerpt
from .headings import TocEntry
from .math import PostMath
from .parser import ParserOptions, build_parser
from .readingtime import TextCount, count_text
from .searchtext import search_text

RENDERER_VERSION = "3"  # bump when the HTML for the same input changes


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

    def fingerprint(self) -> str:
        """Equal jobs give equal fingerprints (unlike pickle, which depends on object identity)."""
        settings = (RENDERER_VERSION, self.src_path, self.body_line, self.base_path, self.macros, self.labels,
                    self.admonition_titles, self.excerpt_length, self.parser)
        fingerprint = hashlib.blake2b(repr(settings).encode("utf-8", "surrogatepass"), digest_size=16)
        fingerprint.update(self.body.encode("utf-8", "surrogatepass"))
        return fingerprint.hexdigest()


class Link(NamedTuple):  # a tuple: thousands are cached, and tuples load fastest
    url: str
    line: int  # file line
    kind: str  # "link" or "image"


@dataclass(frozen=True)
class Rendered:
    html: str
    excerpt: str
    toc: tuple[TocEntry, ...]
    anchors: tuple[str, ...]
    links: tuple[Link, ...]
    has_math: bool
    diagnostics: tuple[Diagnostic, ...]
    search_text: str  # headings and text for the search index (search.py)
    text_count: TextCount  # what a reader reads, for the reading time


def render(job: RenderJob) -> Rendered:
    md = build_parser(job.parser)
    post_math = PostMath(job.src_path, job.body_line, dict(job.macros))
    env = {"math": post_math, "base_path": job.base_path, "admonition_titles": dict(job.admonition_titles)}
    tokens = md.parse(job.body, env)
    html = post_math.finish(md.renderer.render(tokens, md.options, env))
    toc = tuple(env.get("toc", ()))
    anchors = tuple(entry.anchor for entry in toc) + _footnote_anchors(env)
    links = tuple(Link(url, job.body_line + line, kind) for url, line, kind in env.get("links", ()))
    return Rendered(
        html=html,
        excerpt=make_excerpt(tokens, job.labels, job.excerpt_length),
        toc=toc,
        anchors=anchors,
        links=links,
        has_math=post_math.count > 0,
        diagnostics=tuple(post_math.diagnostics),
        search_text=search_text(tokens),
        text_count=count_text(tokens),
    )


def _footnote_anchors(env: dict) -> tuple[str, ...]:
    notes = env.get("footnotes", {}).get("list", {})
    ids = []
    for number, note in sorted(notes.items()):
        ids.append(f"fn{number + 1}")
        ids.extend(f"fnref{number + 1}" + (f":{n}" if n else "") for n in range(max(note.get("count", 0), 1)))
    return tuple(ids)
