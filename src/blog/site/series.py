"""Series: posts of one language sharing a `series:` name, in the order their authors gave."""

from __future__ import annotations

from ..diagnostics import Diagnostic, warning
from ..settings.urls import Urls, slugify
from .model import Page, Series


def group_series(posts: list[Page], lang: str, urls: Urls) -> tuple[dict[str, Series], list[Diagnostic]]:
    """Each post's `series` set; parts with a `series_order` come first, by it, then the others by
    date. `posts` are newest first, as listings hold them."""
    found: dict[str, Series] = {}
    for post in reversed(posts):  # oldest first: the order of unnumbered parts
        if not post.series_name:
            continue
        slug = slugify(post.series_name)
        series = found.get(slug)
        if series is None:
            route = urls.series(lang, slug)
            series = found[slug] = Series(lang, post.series_name, slug, urls.url(route), urls.permalink(route))
        series.pages.append(post)
    problems = []
    for series in found.values():
        series.pages.sort(key=lambda p: (p.series_order is None, p.series_order or 0))  # stable: dates stay in order
        problems += _repeated_orders(series)
        for post in series.pages:
            post.series = series
    return dict(sorted(found.items(), key=lambda item: (item[1].name.lower(), item[0]))), problems


def _repeated_orders(series: Series) -> list[Diagnostic]:
    seen: dict[int, Page] = {}
    problems = []
    for post in series.pages:
        if post.series_order is None:
            continue
        first = seen.setdefault(post.series_order, post)
        if first is not post:
            problems.append(warning(post.src_path, *post.series_order_at,
                                    f"series_order: {post.series_order} is also the order of {first.src_path} "
                                    f"in the series '{series.name}' (expected each part its own number)"))
    return problems
