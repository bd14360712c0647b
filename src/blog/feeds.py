"""What the Atom template needs beyond Jinja: absolute URLs inside post HTML, RFC 3339 dates in
UTC, and entry ids that survive a change of title or of the site's path."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urlsplit

from .urls import absolute_links


@dataclass(frozen=True)
class FeedFormat:
    """Passed to feed templates as `feed`. A value, not a set of functions, so the feed route's
    digest (deps.py) is the same from one build to the next."""

    @staticmethod
    def absolute_urls(html: str, base: str) -> str:
        """A feed reader has no page to resolve `img.png`, `/posts/x/` or `#note` against."""
        return absolute_links(html, base)

    @staticmethod
    def date(moment: datetime) -> str:
        """RFC 3339 in UTC (a date without a zone counts as UTC, as everywhere in blog), so the
        newest of several is also the greatest string."""
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    @staticmethod
    def entry_id(base_url: str, published: datetime, route: str) -> str:
        """A tag: URI (RFC 4151): it stays when the title, the scheme or the site's sub-path changes."""
        host = urlsplit(base_url).hostname or "localhost"
        return f"tag:{host},{published:%Y-%m-%d}:{route}"
