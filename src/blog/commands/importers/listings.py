"""The old blog's listing pages (tags, categories, date archives, section lists) whose URLs differ
from ours, as redirect pages written into `static/`: the build copies them as they are.

Each reader records the listing URLs its generator served (`Blog.listings`); here they meet our
own URLs for the same listing. A URL that is already ours (Hexo's `/tags/RL/` is our `/tags/rl/`
but for case, which static hosts on case-blind disks cannot tell apart) or that a page or file
of the site takes is left alone. Feeds are not redirected: a feed reader does not follow an HTML
refresh (docs/importing.md lists them among what to do by hand).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ...settings.config import SiteConfig
from ...settings.urls import Urls, slugify


@dataclass(frozen=True)
class OldListing:
    route: str  # the old site-relative URL, e.g. '/tag/deep-learning/'
    kind: str  # tags, categories, archives or home
    term: str = ""  # the tag or category as written in the posts
    lang: str | None = None  # None: the default language


def redirect_pages(listings: list[OldListing], config: SiteConfig, taken: set[str]) -> dict[str, str]:
    """{dest path under static/: HTML} for the old listings our site serves elsewhere."""
    urls = Urls(config)
    pages: dict[str, str] = {}
    for listing in listings:
        lang = listing.lang if listing.lang in config.languages else config.default_language
        if listing.kind in ("tags", "categories"):
            new = urls.term(lang, listing.kind, slugify(listing.term))
        elif listing.kind == "archives":
            new = urls.archives(lang)
        else:
            new = urls.home(lang)
        dest = urls.dest_path(listing.route)
        if listing.route.lower() == new.lower() or dest in taken or dest in pages:
            continue
        pages[dest] = _redirect(lang, listing.term or listing.route, urls.url(new), urls.permalink(new))
    return pages


def _redirect(lang: str, title: str, url: str, permalink: str) -> str:
    """The same page the build writes for a post's alias (templates/alias.html)."""
    title, url, permalink = escape(title), escape(url), escape(permalink)
    return (f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
            f'<link rel="canonical" href="{permalink}">\n<meta name="robots" content="noindex">\n'
            f'<meta http-equiv="refresh" content="0; url={url}">\n</head>\n<body>\n'
            f'<p><a href="{url}">{title}</a></p>\n</body>\n</html>\n')
