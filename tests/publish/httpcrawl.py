"""Follow every link of a served site over HTTP, as a visitor's browser would: pages, assets,
feeds, the sitemap, anchors. Absolute links to the site's public address are followed on the
local server, so canonical links, hreflang alternates and feed entries are checked too."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections import deque
from html import unescape
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

# Links a browser follows or loads; og:url too, so permalinks are checked. Our HTML always
# double-quotes attributes, so a pattern reads it exactly.
_LINK = re.compile(r'<(?:a|link|img|script|source|iframe)\b[^>]*?\s(?:href|src)="([^"]*)"'
                   r'|<meta property="og:url" content="([^"]*)"')
_ID = re.compile(r'\sid="([^"]*)"')


def crawl(start: str, public_base: str) -> tuple[dict[str, bytes], list[str]]:
    """Fetch everything reachable from `start` (the local URL of the site's root) and its robots.txt;
    `public_base` is its base_url, mapped onto `start`. Returns the fetched URLs with their bodies,
    and problems."""
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(start))

    def local(url: str) -> str | None:
        url = start + url[len(public_base):] if url.startswith(public_base) else url
        return url if url.startswith(origin) else None

    fetched: dict[str, bytes] = {}
    ids: dict[str, set[str]] = {}
    anchors: list[tuple[str, str, str]] = []
    problems: list[str] = []
    todo = deque([(start, "(start)"), (start + "robots.txt", "(start)")])
    while todo:
        url, referrer = todo.popleft()
        if url in fetched:
            continue
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                fetched[url] = body = response.read()
                kind = response.headers.get_content_type()
        except urllib.error.HTTPError as exc:
            problems.append(f"{referrer} -> {url}: HTTP {exc.code}")
            fetched[url] = b""
            continue
        for found in _links_in(url, body, kind, ids):
            target = local(urljoin(url, found))
            if target is None:
                continue
            page, fragment = urldefrag(target)
            if fragment and kind == "text/html":
                anchors.append((url, page, unquote(fragment)))
            todo.append((page, url))
    for referrer, page, fragment in anchors:
        if page in ids and fragment not in ids[page]:
            problems.append(f"{referrer} -> {page}#{fragment}: no such id")
    return fetched, problems


def _links_in(url: str, body: bytes, kind: str, ids: dict[str, set[str]]) -> list[str]:
    if kind == "text/html":
        html = body.decode("utf-8")
        ids[url] = {unescape(found) for found in _ID.findall(html)}
        return [unescape(href or og_url) for href, og_url in _LINK.findall(html)]
    if url.endswith(".xml"):
        root = ET.fromstring(body)
        found = [e.get("href") for e in root.iter() if e.get("href")]
        found += [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
        for content in root.iter("{http://www.w3.org/2005/Atom}content"):
            found += re.findall(r'(?:href|src)="([^"]+)"', content.text or "")
        return found
    if url.endswith("robots.txt"):
        return re.findall(r"^Sitemap: (\S+)", body.decode("utf-8"), re.M)
    return []
