"""Internal links, anchors and images of every page, checked against the built output.

The links come from the Markdown (Rendered.links, with file lines); what they point at is looked
up in the output folder, so a link is good exactly when the published site would serve it: a
page, a feed, a bundle image, an id on the target page (headings, footnotes, the theme's own).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from ..diagnostics import Diagnostic, error
from ..render.markdown.render import Link
from ..settings.urls import Urls, unrebase
from .model import Page


@dataclass(frozen=True)
class ExternalLink:
    url: str
    src_path: str
    line: int


class LinkChecker:
    def __init__(self, output_dir: Path, urls: Urls) -> None:
        self.output_dir = output_dir
        self.urls = urls
        self._ids: dict[Path, set[str]] = {}

    def check_page(self, page: Page, links: tuple[Link, ...]) -> tuple[list[Diagnostic], list[ExternalLink]]:
        """Problems with the page's internal links and images, and its external links (not checked here)."""
        problems, external = [], []
        for link in links:
            target = urljoin(page.permalink, link.url)
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https", ""):
                continue  # mailto:, data:, tel:
            route = self.urls.route_of_url(target) if target.startswith(self.urls.base_url) else None
            if route is None:
                if parts.netloc == urlsplit(self.urls.base_url).netloc:
                    problems.append(self._problem(page, link, f"it is outside the site's path '{self.urls.base_path}'"))
                else:
                    external.append(ExternalLink(link.url, page.src_path, link.line))
                continue
            reason = self._missing(route, unquote(parts.fragment))
            if reason:
                problems.append(self._problem(page, link, reason))
        return problems, external

    def _missing(self, route: str, fragment: str) -> str | None:
        """Why the site has nothing at `route#fragment`; None when it has."""
        file = self.output_dir / self.urls.dest_path(route)
        if not file.is_file():
            # '/posts/x' is served as '/posts/x/'
            folder = self.output_dir / self.urls.dest_path(route.rstrip("/") + "/")
            if not folder.is_file():
                return "no such page or file in the built site"
            file = folder
        if fragment and file.suffix == ".html" and fragment not in self._ids_of(file):
            return f"no element with id '{fragment}' on {route}"
        return None

    def _ids_of(self, file: Path) -> set[str]:
        if file not in self._ids:
            parser = _IdCollector()
            parser.feed(file.read_text(encoding="utf-8", errors="replace"))
            self._ids[file] = parser.ids
        return self._ids[file]

    def _problem(self, page: Page, link: Link, reason: str) -> Diagnostic:
        what = "missing image" if link.kind == "image" else "broken link"
        as_written = unrebase(link.url, self.urls.base_path)
        problem = error(page.src_path, link.line, None, f"{what} '{as_written}': {reason}")
        return replace(problem, cell=link.cell)


class _IdCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name == "id" or (name == "name" and tag == "a")):
                self.ids.add(value)
