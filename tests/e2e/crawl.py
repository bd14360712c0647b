"""An independent checker for built sites: every internal link, asset and #anchor must resolve."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name in ("id", "name"):
            if attributes.get(name) and (name == "id" or tag == "a"):
                self.ids.add(attributes[name])
        for name in ("href", "src"):
            value = attributes.get(name)
            if value and tag in ("a", "link", "img", "script", "source", "iframe"):
                if not (tag == "link" and attributes.get("rel") in ("canonical", "alternate")):
                    self.links.append(value)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def target_file(output: Path, base_path: str, page_url: str, href: str) -> tuple[Path | None, str]:
    """The output file an href points at, and its fragment; None when it leaves the site."""
    absolute = urljoin("https://site.invalid" + page_url, href)
    parts = urlsplit(absolute)
    if parts.netloc != "site.invalid":
        return None, ""
    path = unquote(parts.path)
    if not path.startswith(base_path):
        return output / "__outside_base_path__", parts.fragment
    relative = path[len(base_path):]
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    return output / relative, unquote(parts.fragment)


def broken_links(output: Path, base_path: str = "/") -> list[str]:
    problems = []
    pages = {p: parse(p) for p in sorted(output.rglob("*.html"))}
    for path, page in pages.items():
        relative = path.relative_to(output).as_posix()
        page_url = base_path + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)
        for href in page.links:
            if href.startswith(("mailto:", "javascript:", "data:")):
                continue
            target, fragment = target_file(output, base_path, page_url, href)
            if target is None:
                continue
            if not target.is_file():
                problems.append(f"{relative}: {href} -> missing {target.relative_to(output) if output in target.parents else target}")
            elif fragment and target.suffix == ".html" and fragment not in (pages.get(target) or parse(target)).ids:
                problems.append(f"{relative}: {href} -> no #{fragment}")
    return problems
