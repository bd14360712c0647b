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

from ..diagnostics import Diagnostic
from ..output.cardfont import CardFont
from ..output.cards import Card, draw_card
from ..output.routes import Route
from ..output.theme import TemplateFailure, Theme
from ..render.markdown.render import Rendered, RenderJob, render
from .forking import frozen_for_fork

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
    context = get_context("fork")
    tasks, done = context.SimpleQueue(), context.SimpleQueue()
    for indices in slices:
        tasks.put(indices)
    for _ in range(workers):
        tasks.put(None)  # one stop sign per worker
    # A forked child is handed the theme and routes as its arguments: inherited, never pickled.
    children = [context.Process(target=_render_slices, args=(theme, routes, tasks, done), daemon=True)
                for _ in range(workers)]
    with frozen_for_fork():
        for child in children:
            child.start()
    results: list[RenderedPage | None] = [None] * len(routes)
    for _ in slices:
        indices, pages = done.get()
        for index, page in zip(indices, pages):
            results[index] = page
        progress(len(indices))
    for child in children:
        child.join()
    return results  # type: ignore[return-value]


def _render_slices(theme: Theme, routes: list[Route], tasks, done) -> None:
    """A worker: render slices of `routes` until the stop sign."""
    for indices in iter(tasks.get, None):
        done.put((indices, [_render_page(theme, routes[index]) for index in indices]))


def _render_page(theme: Theme, route: Route) -> RenderedPage:
    try:
        html, reads = theme.render_tracked(route)
        return RenderedPage(html.encode("utf-8"), frozenset(reads), None)
    except TemplateFailure as failure:
        return RenderedPage(None, frozenset(), failure.diagnostic)


def _counted(value, progress: Progress):
    progress(1)
    return value
