"""Use every core: Markdown jobs and link-preview cards in a process pool, pages rendered by forked workers.

Forked workers inherit the finished Site and compiled templates, so only results cross the
process boundary. The caller says whether forking is safe (`fork`): where the platform has it and
the process runs no other threads (a running `blog serve` renders in-process instead).
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from multiprocessing import get_context
from typing import Callable

from ..output.cardfont import CardFont
from ..output.cards import Card, draw_card
from ..diagnostics import Diagnostic
from .forking import frozen_for_fork
from ..render.markdown.render import Rendered, RenderJob, render
from ..output.routes import Route
from ..output.theme import TemplateFailure, Theme

Progress = Callable[[int], None]  # called with how many items just finished


def render_markdown(jobs: list[RenderJob], workers: int, fork: bool, progress: Progress) -> list[Rendered]:
    if workers <= 1 or len(jobs) < 4 * workers or not fork:
        return [_counted(render(job), progress) for job in jobs]
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        chunk = max(1, len(jobs) // (workers * 8))
        return [_counted(result, progress) for result in pool.map(render, jobs, chunksize=chunk)]


def draw_cards(cards: list[Card], font: CardFont, workers: int, fork: bool) -> list[bytes]:
    draw = partial(draw_card, font=font)
    if workers <= 1 or len(cards) < 4 * workers or not fork:
        return [draw(card) for card in cards]
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        return list(pool.map(draw, cards, chunksize=max(1, len(cards) // (workers * 4))))


@dataclass(frozen=True)
class RenderedPage:
    html: bytes | None  # None when the template failed
    reads: frozenset
    failure: Diagnostic | None


def render_pages(theme: Theme, routes: list[Route], workers: int, fork: bool,
                 progress: Progress) -> list[RenderedPage]:
    if workers <= 1 or len(routes) < 50 * workers or not fork:
        return [_counted(_render_page(theme, route), progress) for route in routes]
    theme.env  # compile once, before forking, so every worker inherits it
    # Slices of 100: a worker holds (and sends) only one slice's pages at a time, which keeps the
    # whole process tree under 1 GB at 5,000 posts, and the work evens out across workers.
    slices = [list(range(start, min(start + 100, len(routes)))) for start in range(0, len(routes), 100)]
    results: list[RenderedPage | None] = [None] * len(routes)
    with frozen_for_fork():
        pool = get_context("fork").Pool(workers, initializer=_adopt, initargs=(theme, routes))
    with pool:
        for indices, pages in zip(slices, pool.imap(_render_slice, slices)):
            for index, page in zip(indices, pages):
                results[index] = page
            progress(len(indices))
    return results  # type: ignore[return-value]


_inherited: tuple[Theme, list[Route]] | None = None  # set in each forked worker


def _adopt(theme: Theme, routes: list[Route]) -> None:
    global _inherited
    _inherited = (theme, routes)


def _render_slice(indices: list[int]) -> list[RenderedPage]:
    assert _inherited is not None
    theme, routes = _inherited
    return [_render_page(theme, routes[index]) for index in indices]


def _render_page(theme: Theme, route: Route) -> RenderedPage:
    try:
        html, reads = theme.render_tracked(route)
        return RenderedPage(html.encode("utf-8"), frozenset(reads), None)
    except TemplateFailure as failure:
        return RenderedPage(None, frozenset(), failure.diagnostic)


def _counted(value, progress: Progress):
    progress(1)
    return value
