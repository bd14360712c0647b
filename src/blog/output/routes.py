"""plan_routes: every file the build will write, decided before any template runs.

A Route is a page rendered by a template; a Copy is a file copied as it is. Two of them on one
output path is an error naming both sources (a site's static/ overriding the theme's is not).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, error
from ..settings.urls import Urls
from ..site.model import LanguageSite, Page, Pager, Site, Term
from .search import bundle_path, searchable_pages, shard_count


@dataclass(frozen=True)
class Alternate:
    lang: str
    name: str  # the language's own name, for the switcher
    url: str
    permalink: str


@dataclass(frozen=True)
class Route:
    route: str
    dest_path: str
    template: str
    lang: str
    context: dict[str, Any] = field(hash=False, compare=False)
    alternates: tuple[Alternate, ...] = ()
    source: str = ""  # the src_path (or kind of listing) that asked for it, for messages


@dataclass(frozen=True)
class SitemapEntry:
    permalink: str
    alternates: tuple[Alternate, ...]
    page: Page | None  # a post or page: the template reads its dates for <lastmod>


# Pages that are not content to index: redirects, the not-found page, the search form.
_NOT_IN_SITEMAP = {"alias.html", "404.html", "search.html"}


@dataclass(frozen=True)
class Copy:
    dest_path: str
    abs_src_path: Path
    source: str  # src_path for messages


def plan_routes(site: Site, urls: Urls) -> tuple[list[Route], list[Diagnostic]]:
    routes: list[Route] = []
    for lang, lsite in site.languages.items():
        routes += _language_routes(site, lsite, urls)
    routes += _site_routes(site, routes, urls)
    return routes, _collisions(routes)


def _language_routes(site: Site, lsite: LanguageSite, urls: Urls) -> list[Route]:
    lang, per_page = lsite.lang, site.config.paginate

    def route(path: str, template: str, source: str, alternates: tuple[Alternate, ...], **context: Any) -> Route:
        return Route(path, urls.dest_path(path), template, lang, context, alternates, source)

    def listing(first_route: str, posts: list[Page], template: str, source: str,
                alternates: tuple[Alternate, ...], **context: Any) -> list[Route]:
        chunks = [posts[i:i + per_page] for i in range(0, len(posts), per_page)] or [[]]
        paths = [urls.paginated(first_route, n) for n in range(1, len(chunks) + 1)]
        page_urls = tuple(urls.url(p) for p in paths)
        return [route(path, template, source, alternates, pager=Pager(tuple(chunk), number, page_urls), **context)
                for number, (path, chunk) in enumerate(zip(paths, chunks), start=1)]

    def same_route_in_each_language(make) -> tuple[Alternate, ...]:
        found = {other: make(other) for other in site.languages}
        return tuple(_alternate(site, urls, other, path) for other, path in found.items() if path is not None)

    routes = listing(urls.home(lang), lsite.posts, "index.html", "home page",
                     same_route_in_each_language(urls.home))
    for page in (*lsite.posts, *lsite.pages):
        alternates = tuple(_alternate(site, urls, p.lang, p.route) for p in sorted(
            (page, *page.translations), key=lambda p: site.config.language_codes.index(p.lang)))
        template = "post.html" if page.kind == "post" else "page.html"
        routes.append(route(page.route, template, page.src_path, alternates if len(alternates) > 1 else (), page=page))
        routes += [route(alias, "alias.html", page.src_path, (), page=page) for alias in page.aliases]
    for kind in ("categories", "tags"):
        terms: dict[str, Term] = getattr(lsite, kind)
        routes.append(route(urls.terms(lang, kind), "terms.html", kind,
                            same_route_in_each_language(lambda other, k=kind: urls.terms(other, k)),
                            kind=kind, terms=list(terms.values())))
        for term in terms.values():
            def twin(other: str, t: Term = term, k: str = kind) -> str | None:
                return urls.term(other, k, t.slug) if t.slug in getattr(site.languages[other], k) else None
            feed = {"category_feed": urls.permalink(urls.term_feed(lang, kind, term.slug))} if kind == "categories" else {}
            routes += listing(urls.term(lang, kind, term.slug), term.pages, "term.html", f"{kind} '{term.name}'",
                              same_route_in_each_language(twin), term=term, kind=kind, **feed)
    for series in lsite.series.values():
        def series_twin(other: str, slug: str = series.slug) -> str | None:  # a series of the same name
            return urls.series(other, slug) if slug in site.languages[other].series else None
        routes.append(route(urls.series(lang, series.slug), "series.html", f"series '{series.name}'",
                            same_route_in_each_language(series_twin), series=series))
    routes.append(route(urls.archives(lang), "archives.html", "archives",
                        same_route_in_each_language(urls.archives), years=lsite.years))
    routes.append(route(urls.not_found(lang), "404.html", "404 page", ()))
    limit = site.config.feed.limit
    routes.append(route(urls.feed(lang), "feed.xml", "feed", (), entries=lsite.posts[:limit], term=None))
    routes += [route(urls.feed_alias(lang, alias), "feed.xml", f"feed alias '{alias}'", (),
                     entries=lsite.posts[:limit], term=None)
               for alias in site.config.feed.aliases]  # an imported blog's old feed address
    routes += [route(urls.term_feed(lang, "categories", term.slug), "feed.xml", f"categories '{term.name}'", (),
                     entries=term.pages[:limit], term=term)
               for term in lsite.categories.values()]
    routes += [route(urls.term(lang, kind, term.slug) + name, "feed.xml", f"{kind} '{term.name}' feed alias '{name}'",
                     (), entries=term.pages[:limit], term=term)
               for kind in ("categories", "tags") for term in getattr(lsite, kind).values()
               for name in site.config.feed.term_aliases]  # an imported Hugo blog's /tags/x/index.xml
    if site.config.search.enabled:
        shards = shard_count(len(searchable_pages(site)))
        routes.append(route(urls.search(lang), "search.html", "search page", same_route_in_each_language(urls.search),
                            bundles=[bundle_path(shard) for shard in range(shards)]))
    return routes


def _site_routes(site: Site, routes: list[Route], urls: Urls) -> list[Route]:
    """One of each for the whole site, whatever the languages: the sitemap and robots.txt."""
    lang = site.config.default_language
    entries = []
    for r in routes:
        if r.dest_path.endswith(".html") and r.template not in _NOT_IN_SITEMAP:
            permalink = urls.permalink(r.route)
            # A listing's page 2 shares page 1's alternates; those are not its translations.
            alternates = r.alternates if any(a.permalink == permalink for a in r.alternates) else ()
            entries.append(SitemapEntry(permalink, alternates, r.context.get("page")))
    return [Route(urls.sitemap(), urls.dest_path(urls.sitemap()), "sitemap.xml", lang, {"entries": entries},
                  source="sitemap"),
            Route(urls.robots(), urls.dest_path(urls.robots()), "robots.txt", lang,
                  {"sitemap": urls.permalink(urls.sitemap())}, source="robots.txt")]


def _alternate(site: Site, urls: Urls, lang: str, path: str) -> Alternate:
    return Alternate(lang, site.config.language(lang).name, urls.url(path), urls.permalink(path))


def _collisions(routes: list[Route]) -> list[Diagnostic]:
    """Two routes on one file, or on two names that differ only in case: one file on macOS and
    Windows, where the site is often built or unpacked."""
    by_dest: dict[str, list[tuple[str, str]]] = {}
    for route in routes:
        by_dest.setdefault(route.dest_path.casefold(), []).append((route.source, route.dest_path))
    problems = []
    for found in by_dest.values():
        if len(found) > 1:
            (first, first_dest), *others = sorted(found)
            for other, other_dest in others:
                url, first_url = (f"'/{dest.removesuffix('index.html')}'" for dest in (other_dest, first_dest))
                what = f"{url} is produced twice" if other_dest == first_dest else \
                    f"{url} and {first_url} differ only in case, one file on macOS and Windows; they are made"
                problems.append(error(other, None, None, f"{what}: by {first} and by {other} (change a slug)"))
    return problems


def check_copies(routes: list[Route], copies: list[Copy]) -> list[Diagnostic]:
    """A copied file may not take the place of a rendered page."""
    taken = {route.dest_path: route for route in routes}
    return [error(copy.source, None, None,
                  f"'{copy.dest_path}' would overwrite the page made by {taken[copy.dest_path].source}")
            for copy in copies if copy.dest_path in taken]


def without_case_twins(routes: list[Route], copies: list[Copy]) -> list[Copy]:
    """For a case-blind output disk: a copied file whose path differs from a page's only in case
    (an imported blog's redirect from `/tags/RL/` to our `/tags/rl/`) would be that page's file
    there, so it is left out; the page answers both spellings on such a disk."""
    pages = {route.dest_path.casefold() for route in routes}
    return [copy for copy in copies if copy.dest_path.casefold() not in pages]
