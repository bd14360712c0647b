"""The old blog's listing pages (tags, categories, date archives, section lists) whose URLs differ
from ours, as redirect pages written into `static/`: the build copies them as they are.

Each reader records the listing URLs its generator served (`Blog.listings`); here they meet our
own URLs for the same listing. A URL that is ours, or that a page or file of the site takes, is
left alone. One that differs from ours only by case (Hexo's `/tags/RL/` is our `/tags/rl/`) gets
its redirect too, for hosts that tell case apart; a build on a case-blind disk leaves it out, as
the listing itself answers both spellings there. Feeds are not redirected here: a feed reader does
not follow an HTML refresh, so site.yaml's `feed` settings serve them.
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
    # An old URL listed posts of every language; ours in the default language wins, else the first's.
    ordered = sorted(listings, key=lambda listing: listing.lang not in (None, config.default_language))
    targets = [(listing, _our_listing(listing, config, urls)) for listing in ordered]
    # Our listing pages, by their file as a case-blind disk sees it.
    ours = {urls.dest_path(new).casefold(): new for _, new in targets}
    pages: dict[str, str] = {}
    for listing, new in targets:
        dest = urls.dest_path(listing.route)
        if listing.route == new or dest in taken or dest in pages or ours.get(dest.casefold(), new) != new:
            continue  # ours already, another page's or file's, or (but for case) another listing's
        lang = listing.lang if listing.lang in config.languages else config.default_language
        pages[dest] = _redirect(lang, listing.term or listing.route, urls.url(new), urls.permalink(new))
    return pages


def _our_listing(listing: OldListing, config: SiteConfig, urls: Urls) -> str:
    lang = listing.lang if listing.lang in config.languages else config.default_language
    if listing.kind in ("tags", "categories"):
        return urls.term(lang, listing.kind, slugify(listing.term))
    return urls.archives(lang) if listing.kind == "archives" else urls.home(lang)


def _redirect(lang: str, title: str, url: str, permalink: str) -> str:
    """The same page the build writes for a post's alias (templates/alias.html)."""
    title, url, permalink = escape(title), escape(url), escape(permalink)
    return (f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
            f'<link rel="canonical" href="{permalink}">\n<meta name="robots" content="noindex">\n'
            f'<meta http-equiv="refresh" content="0; url={url}">\n</head>\n<body>\n'
            f'<p><a href="{url}">{title}</a></p>\n</body>\n</html>\n')


def unserved_feeds(listings: list[OldListing], config: SiteConfig) -> list[str]:
    """The old tag and category feeds (`feed.term_aliases` in the old term's folder) that no file
    answers, because the old term's folder is not ours: one message each."""
    urls = Urls(config)
    messages: dict[str, str] = {}
    for listing in listings:
        new = _our_listing(listing, config, urls) if listing.kind in ("tags", "categories") else None
        if new is None or listing.route == new:
            continue
        for name in config.feed.term_aliases:
            messages.setdefault(listing.route + name, f"old feed '{listing.route}{name}' is not served; the feed of "
                                                      f"'{listing.term}' is at '{new}{name}' (a redirect rule of "
                                                      f"the host can send readers there)")
    return list(messages.values())
