"""What the Atom template needs beyond Jinja: absolute URLs inside post HTML (urls.py makes them),
RFC 3339 dates in UTC, and entry ids that survive a change of title or of the site's path."""

from __future__ import annotations

from datetime import datetime, timezone
from types import SimpleNamespace
from urllib.parse import urlsplit

from ..settings.urls import absolute_links


def date(moment: datetime) -> str:
    """RFC 3339 in UTC (a date without a zone counts as UTC, as everywhere in blog), so the
    newest of several is also the greatest string."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def entry_id(base_url: str, published: datetime, route: str) -> str:
    """A tag: URI (RFC 4151): it stays when the title, the scheme or the site's sub-path changes."""
    host = urlsplit(base_url).hostname or "localhost"
    return f"tag:{host},{published:%Y-%m-%d}:{route}"


# The `feed` of templates: helpers, not data, so no page records reading them; their code is in the
# cache key (incremental/store.py).
FEED_HELPERS = SimpleNamespace(absolute_urls=absolute_links, date=date, entry_id=entry_id)
