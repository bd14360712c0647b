"""Templates that note what they read: model attributes, UI strings, templates; the incremental
layer (incremental/records.py) keeps those reads to tell when a page would come out the same."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import jinja2

from ..settings.config import SiteConfig
from ..settings.i18n import Strings
from ..site.model import LanguageSite, Page, Pager, Series, Site, Term

ObjectKey = tuple

# The model objects templates read attributes of, each by a key that names it across builds. Every
# other type templates meet is a value, compared by content (records.describe); test_records.py fails
# when a new model type is in neither list, which would otherwise give stale pages silently.
KEYS: dict[type, Callable[[Any], ObjectKey]] = {
    Page: lambda page: ("page", page.src_path),
    Term: lambda term: ("term", term.lang, term.kind, term.slug),
    LanguageSite: lambda lsite: ("lang", lsite.lang),
    Site: lambda site: ("site",),
    SiteConfig: lambda config: ("config",),
}


VALUE_TYPES = (Pager, Series)


def object_key(obj: Any) -> ObjectKey | None:
    key = KEYS.get(type(obj))
    return key(obj) if key is not None else None


class TrackingEnvironment(jinja2.Environment):
    """A Jinja environment that notes what a render reads: model attributes, UI strings, templates."""

    reads: set[tuple[ObjectKey, str]] | None = None  # while `recording`

    @contextmanager
    def recording(self) -> Iterator[set[tuple[ObjectKey, str]]]:
        """The reads of the renders inside, as a set filled while they run."""
        self.reads = reads = set()
        try:
            yield reads
        finally:
            self.reads = None

    def note(self, key: ObjectKey, name: str) -> None:
        if self.reads is not None:
            self.reads.add((key, name))

    def getattr(self, obj: Any, attribute: str) -> Any:
        key = KEYS.get(type(obj))
        if key is not None and self.reads is not None:
            self.reads.add((key(obj), attribute))
        try:
            return getattr(obj, attribute)
        except AttributeError:
            return super().getattr(obj, attribute)  # Jinja's fallbacks: items, then undefined

    def getitem(self, obj: Any, argument: Any) -> Any:
        key = KEYS.get(type(obj))
        if key is not None and self.reads is not None and isinstance(argument, str):
            self.reads.add((key(obj), argument))
        return super().getitem(obj, argument)

    def get_template(self, name, parent=None, globals=None):  # noqa: A002 - Jinja's signature
        if isinstance(name, str):
            self.note(("template",), name)
        return super().get_template(name, parent, globals)


class TrackedStrings:
    """The `t` of templates: UI strings of one language, each lookup noted as a read."""

    def __init__(self, strings: Strings, env: TrackingEnvironment) -> None:
        self.strings, self.env = strings, env

    def __call__(self, key: str, **values: Any) -> str:
        self.env.note(("strings", self.strings.lang), key)
        return self.strings(key, **values)

    def format_date(self, value: date, fmt: str | None = None) -> str:
        for key in ("date_format", "months", "months_short", "weekdays", "weekdays_short"):
            self.env.note(("strings", self.strings.lang), key)
        return self.strings.format_date(value, fmt)


