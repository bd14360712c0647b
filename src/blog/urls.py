"""The only maker of URLs and output paths.

Three forms of one address: a *route* (`/en/posts/ppo/`, relative to the site root), its `url` as
written in an href (the route under base_url's path: `/blog/en/posts/ppo/`), its `permalink`
(absolute, with base_url) and its `dest_path` (the file in the output folder:
`en/posts/ppo/index.html`). Term names keep Chinese characters, percent-encoded in URLs.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, unquote, urlsplit

from .config import SiteConfig

_UNSAFE = re.compile(r"[\s/\\?#%\"'<>|:*^`{}\[\]&=;,!@$~]+")


def slugify(text: str, *, lower: bool = True) -> str:
    """A URL segment from a term, title or file name: dashes for spaces and punctuation, CJK kept."""
    text = unicodedata.normalize("NFKC", text).strip()
    return _UNSAFE.sub("-", text.lower() if lower else text).strip("-.") or "-"


class Urls:
    def __init__(self, config: SiteConfig) -> None:
        self.base_url = config.base_url
        self.base_path = urlsplit(config.base_url).path or "/"
        self.default_language = config.default_language

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
        return f"{self.root(lang)}feed.xml"

    def term_feed(self, lang: str, kind: str, slug: str) -> str:
        return f"{self.term(lang, kind, slug)}feed.xml"

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
        """Invert `url()` for an href found in content; None when it is outside this site."""
        path = unquote(urlsplit(url).path)
        if not path.startswith(self.base_path):
            return None
        return "/" + path[len(self.base_path):]
