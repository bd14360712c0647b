"""The only maker of URLs and output paths.

Three forms of one address: a *route* (`/en/posts/ppo/`, relative to the site root), its `url` as
written in an href (the route under base_url's path: `/blog/en/posts/ppo/`), its `permalink`
(absolute, with base_url) and its `dest_path` (the file in the output folder:
`en/posts/ppo/index.html`). Term names keep Chinese characters, percent-encoded in URLs.

Also here: the routes of aliases (old addresses that redirect), the URL segments the build fills
itself, and the rewriting of links inside rendered HTML (root-relative ones moved under the base
path for pages, all of them made absolute for feeds).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from urllib.parse import quote, unquote, urljoin, urlsplit

from .config import SiteConfig

_UNSAFE = re.compile(r"[\s/\\?#%\"'<>|:*^`{}\[\]&=;,!@$~]+")

FEED_FILE = "feed.xml"  # each language's feed, in its root, and each category's

# First segments under a language's root that the build fills itself (listings, pagination,
# feeds, home): a page or a redirect there would collide with them.
SITE_MADE = frozenset({"tags", "categories", "archives", "search", "page", FEED_FILE, "sitemap.xml", "404.html",
                       "index.html"})
# What a page's slug must not take besides: the posts' folder and the theme's asset folders.
RESERVED_SLUGS = SITE_MADE | {"posts", "css", "js", "fonts"}

# href/src attribute values in HTML as markdown-it and raw HTML write them (`data-src`,
# `xlink:href` too); code samples are escaped (`&quot;`), so they never match. The character
# before the name is spelled out: a `\b` there makes the scan three times slower on every feed.
_LINK_ATTRIBUTE = re.compile(r"""([\s:-](?:href|src)\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE)


def slugify(text: str, *, lower: bool = True) -> str:
    """A URL segment from a term, title or file name: dashes for spaces and punctuation, CJK kept."""
    text = unicodedata.normalize("NFKC", text).strip()
    return _UNSAFE.sub("-", text.lower() if lower else text).strip("-.") or "-"


def alias_route(alias: str) -> str:
    """'/2019/05/ppo.html' stays a file; 'old/ppo' becomes the folder route '/old/ppo/'."""
    route = "/" + alias.lstrip("/")
    return route if route.endswith("/") or "." in route.rsplit("/", 1)[-1] else route + "/"


def old_url_route(url: str) -> str | None:
    """An address of another site ('https://old.org/2019/05/01/ppo/', '/ppo.html?x#y') as an alias
    route, or None when it cannot be one (empty, '..', '//' or a backslash inside)."""
    path = unquote(urlsplit(url.strip()).path) if "://" in url else unquote(url.strip().split("#")[0].split("?")[0])
    route = alias_route(path)
    parts = [p for p in route.split("/") if p]
    if not parts or any(p in (".", "..") for p in parts) or "//" in route.rstrip("/") or "\\" in route:
        return None
    return route


def rebase(url: str, base_path: str) -> str:
    """A root-relative URL ('/posts/x/') moved under the site's base path; other URLs as they are."""
    if base_path != "/" and url.startswith("/") and not url.startswith("//"):
        return base_path + url[1:]
    return url


def unrebase(url: str, base_path: str) -> str:
    """A URL that `rebase` moved, as its author wrote it (for messages)."""
    return "/" + url[len(base_path):] if base_path != "/" and url.startswith(base_path) else url


def rebase_links(html: str, base_path: str) -> str:
    """`rebase` applied to every href and src in a piece of HTML."""
    return _rewrite_links(html, lambda url: rebase(url, base_path)) if base_path != "/" else html


def absolute_links(html: str, base: str) -> str:
    """Every href and src resolved against `base`: a feed reader has no page to resolve `img.png`,
    `/posts/x/` or `#note` against."""
    return _rewrite_links(html, lambda url: urljoin(base, url))


def _rewrite_links(html: str, change: Callable[[str], str]) -> str:
    return _LINK_ATTRIBUTE.sub(lambda m: f"{m[1]}{m[2]}{change(m[3])}{m[2]}", html)


class Urls:
    def __init__(self, config: SiteConfig) -> None:
        self.base_url = config.base_url
        self.base_path = urlsplit(config.base_url).path or "/"
        self.default_language = config.default_language
        self.languages = frozenset(config.languages)

    # --- routes (relative to the site root) ---------------------------------------------------
    def root(self, lang: str) -> str:
        return "/" if lang == self.default_language else f"/{lang}/"

    def home(self, lang: str, page: int = 1) -> str:
        return self.paginated(self.root(lang), page)

    def post(self, lang: str, slug: str) -> str:
        return f"{self.root(lang)}posts/{slug}/"

    def standalone(self, lang: str, slug: str) -> str:
        return f"{self.root(lang)}{slug}/"

    def term(self, lang: str, kind: str, slug: str, page: int = 1) -> str:
        return self.paginated(f"{self.root(lang)}{kind}/{slug}/", page)

    def terms(self, lang: str, kind: str) -> str:
        return f"{self.root(lang)}{kind}/"

    def series(self, lang: str, slug: str) -> str:
        return f"{self.root(lang)}series/{slug}/"

    @staticmethod
    def card(post_route: str) -> str:
        """A post's generated og:image, beside its page."""
        return f"{post_route}og.png"

    def archives(self, lang: str) -> str:
        return f"{self.root(lang)}archives/"

    def feed(self, lang: str) -> str:
        return f"{self.root(lang)}{FEED_FILE}"

    def term_feed(self, lang: str, kind: str, slug: str) -> str:
        return f"{self.term(lang, kind, slug)}{FEED_FILE}"

    def feed_alias(self, lang: str, alias: str) -> str:
        """An imported blog's old feed address (`/atom.xml`, from site.yaml's feed.aliases) in a language's root."""
        return self.root(lang) + alias.lstrip("/")

    @staticmethod
    def static(path: str) -> str:
        """A file of static/ or the theme: 'css/main.css' -> '/css/main.css'."""
        return "/" + path.lstrip("/")

    @staticmethod
    def sitemap() -> str:
        return "/sitemap.xml"

    @staticmethod
    def robots() -> str:
        return "/robots.txt"

    def search(self, lang: str) -> str:
        return f"{self.root(lang)}search/"

    def not_found(self, lang: str) -> str:
        return f"{self.root(lang)}404.html"

    @staticmethod
    def paginated(first: str, page: int) -> str:
        return first if page == 1 else f"{first}page/{page}/"

    # --- what the build fills itself ------------------------------------------------------------
    def is_site_made(self, route: str) -> bool:
        """Home pages, listings and feeds, in any language: the build writes those itself."""
        parts = route.strip("/").split("/")
        if parts and parts[0] in self.languages:
            parts = parts[1:]
        return not parts or not parts[0] or parts[0] in SITE_MADE

    def is_reserved_slug(self, slug: str) -> bool:
        """A page slug that would land on a folder the build or the theme fills, or on a language's root."""
        return slug.lower() in RESERVED_SLUGS or slug.lower() in self.languages

    # --- the forms of a route -----------------------------------------------------------------
    def url(self, route: str) -> str:
        """The href for a route: under base_url's path, CJK percent-encoded."""
        return self.base_path + quote(route[1:], safe="/._-~+")

    def permalink(self, route: str) -> str:
        return self.base_url + quote(route[1:], safe="/._-~+")

    @staticmethod
    def dest_path(route: str) -> str:
        """The output file for a route: pretty URLs become `…/index.html`."""
        path = route.lstrip("/")
        return path + "index.html" if path == "" or path.endswith("/") else path

    def route_of_url(self, url: str) -> str | None:
        """Invert `url()` (or `permalink()`) for an href found in content; None when it is outside this site."""
        path = urlsplit(url).path
        if not path.startswith(self.base_path):
            return None
        return "/" + unquote(path[len(self.base_path):])
