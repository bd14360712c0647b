"""The site as values: pages, terms, listings. Built by site.py, read by routes and templates."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cached_property
from datetime import datetime, timezone
from typing import Any

from ..render.markdown.headings import TocEntry
from ..render.markdown.render import Link
from ..settings.config import LanguageConfig, SiteConfig
from ..settings.i18n import Strings


# The metadata of Page fields that build_site sets from the whole site, not from the page's source.
SITE_WIDE = {"site_wide": True}


@dataclass(eq=False)
class Page:
    """One post or standalone page in one language."""

    kind: str  # "post" or "page"
    lang: str
    src_path: str
    name: str  # translation key
    slug: str
    title: str
    date: datetime | None
    updated: datetime | None
    draft: bool
    summary: str  # the listing excerpt: front-matter summary, text before <!--more-->, or the automatic one
    description: str
    author: str
    content: str
    toc: tuple[TocEntry, ...]
    show_toc: bool
    has_math: bool
    has_code: bool
    extra: dict[str, Any]
    route: str
    url: str
    permalink: str
    digest: str  # changes whenever anything this page shows by itself changes
    aliases: tuple[str, ...] = ()  # routes that redirect here
    links: tuple[Link, ...] = ()  # links and images in the content, with their source lines
    search_text: str = ""  # what the search index reads (search.py)
    title_at: tuple[int | None, int | None] = (None, None)  # where the title stands in the source
    title_html: str = ""  # the title as HTML, its `$…$` math as MathML (title has it as letters)
    category_names: tuple[str, ...] = ()
    tag_names: tuple[str, ...] = ()
    assets: tuple[tuple[str, str], ...] = ()  # (src_path, dest_path)
    files: tuple[tuple[str, bytes], ...] = ()  # (dest_path, data) made by the source: a notebook's plots
    notebook: bool = False  # made from a Jupyter notebook (its stylesheet is linked)
    categories: list[Term] = field(default_factory=list, metadata=SITE_WIDE)
    tags: list[Term] = field(default_factory=list, metadata=SITE_WIDE)
    translations: list[Page] = field(default_factory=list, metadata=SITE_WIDE)  # the other languages, in site order
    newer: Page | None = field(default=None, metadata=SITE_WIDE)
    older: Page | None = field(default=None, metadata=SITE_WIDE)
    reading_minutes: int = 0  # 0: not shown
    series_name: str | None = None
    series_order: int | None = None
    series_order_at: tuple[int | None, int | None] = (None, None)
    series: Series | None = field(default=None, metadata=SITE_WIDE)
    related: list[Page] = field(default_factory=list, metadata=SITE_WIDE)  # most related first
    og_image: str = ""  # the permalink of its generated card, "" for none

    def take_own_fields(self, fresh: Page) -> set[str]:
        """Take over what `fresh`, made again from this page's source, holds differently (`blog
        serve`'s fast path); fields set from the whole site stay. The names of those that changed."""
        changed = {f.name for f in fields(self) if not f.metadata.get("site_wide")
                   and getattr(fresh, f.name) != getattr(self, f.name)}
        for name in changed:
            setattr(self, name, getattr(fresh, name))
        return changed

    @property
    def sort_key(self) -> tuple:
        return (-timestamp(self.date), self.title, self.src_path)


def timestamp(moment: datetime | None) -> float:
    """Sortable seconds; a date without a zone counts as UTC so the machine's zone never matters."""
    if moment is None:
        return 0.0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


@dataclass(eq=False)
class Term:
    kind: str  # "categories" or "tags"
    lang: str
    name: str
    slug: str
    url: str
    permalink: str
    pages: list[Page] = field(default_factory=list)  # newest first


@dataclass(eq=False)
class Series:
    """Posts of one language that share a `series:` name, in reading order."""

    lang: str
    name: str
    slug: str
    url: str
    permalink: str
    pages: list[Page] = field(default_factory=list)

    def part(self, page: Page) -> int:
        """1-based place of `page` in the series."""
        return self.pages.index(page) + 1


@dataclass(frozen=True)
class Pager:
    """One page of a paginated listing."""

    items: tuple[Page, ...]
    number: int  # 1-based
    urls: tuple[str, ...]  # the url of every page of this listing, page 1 first

    @property
    def count(self) -> int:
        return len(self.urls)

    @property
    def url(self) -> str:
        return self.urls[self.number - 1]

    @property
    def prev_url(self) -> str | None:
        return self.urls[self.number - 2] if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.urls[self.number] if self.number < self.count else None

    def window(self, around: int = 2) -> list[tuple[int, str] | None]:
        """Page links to show: the first, the last and `around` either side of this one; None is a gap."""
        shown = sorted({1, self.count, *range(max(1, self.number - around), min(self.count, self.number + around) + 1)})
        links: list[tuple[int, str] | None] = []
        for number in shown:
            if links and links[-1] is not None and number - links[-1][0] > 1:
                links.append(None)
            links.append((number, self.urls[number - 1]))
        return links


@dataclass(eq=False)
class LanguageSite:
    lang: str
    language: LanguageConfig
    strings: Strings
    title: str
    posts: list[Page]  # published posts, newest first
    pages: list[Page]  # standalone pages
    categories: dict[str, Term]  # by slug, in name order
    tags: dict[str, Term]
    series: dict[str, Series] = field(default_factory=dict)  # by slug, in name order

    @cached_property
    def years(self) -> list[tuple[int, list[Page]]]:
        """Posts grouped by year for the archives, newest year first."""
        groups: dict[int, list[Page]] = {}
        for post in self.posts:
            groups.setdefault(post.date.year if post.date else 0, []).append(post)
        return list(groups.items())


@dataclass(eq=False)
class Site:
    config: SiteConfig
    languages: dict[str, LanguageSite]  # default language first

    @property
    def all_pages(self) -> list[Page]:
        return [page for site in self.languages.values() for page in (*site.posts, *site.pages)]
