"""What each rendered page depends on, so unchanged pages are not rendered again.

While a template renders, every `obj.attr` it reads on a model object (Page, Term, LanguageSite,
Site) is recorded (output/tracking.py). A page's RouteRecord keeps those reads with a digest of
each value. Later builds (warm `blog build`, or `blog serve` after a save) re-render a route only
when its template set, its own context or one of the values it read has changed. Because reads
are recorded, not assumed, this stays right for a site's own templates.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Iterable

from .. import __version__
from ..output.routes import Route
from ..output.tracking import ObjectKey, object_key
from ..settings.config import SiteConfig
from ..site.model import LanguageSite, Page, Pager, Site, Term


def describe(value: Any, memo: dict[int, str] | None = None) -> Any:
    """A hashable, stable stand-in for a value: model objects by identity key, others by content.
    A list or mapping stands in as the digest of its items, once per object: front matter may share
    one list many times over (YAML aliases), and spelled out it would grow exponentially."""
    key = object_key(value)
    if key is not None:
        return key
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, date):
        return value.isoformat()
    memo = {} if memo is None else memo
    if isinstance(value, (list, tuple, dict)):
        if id(value) not in memo:
            items = value.items() if isinstance(value, dict) else enumerate(value)
            parts = repr(tuple((str(k), describe(v, memo)) for k, v in items))
            memo[id(value)] = type(value).__name__ + ":" + hashlib.blake2b(parts.encode(), digest_size=12).hexdigest()
        return memo[id(value)]
    if isinstance(value, Pager):  # its urls follow from the first one and the count
        return ("pager", value.number, value.count, value.urls[0], describe(value.items, memo))
    fields = getattr(type(value), "__dataclass_fields__", None)
    if fields is not None:
        return (type(value).__name__, *(describe(getattr(value, name), memo) for name in fields))
    return repr(value)


def digest(value: Any) -> str:
    data = value if isinstance(value, bytes) else repr(value).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=12).hexdigest()


@dataclass(frozen=True)
class RouteRecord:
    """How a page was made last time: enough to tell whether it would come out the same."""

    theme_digest: str  # blog's version and the URL scheme
    route_digest: str  # the route's own template, address and context
    reads: frozenset[tuple[ObjectKey, str]]  # (object, attribute) pairs the templates read
    output: str  # digest of the page it made, to check a copy restored from the cache
    objects: frozenset[ObjectKey] = frozenset()  # the objects among `reads`

    @classmethod
    def of(cls, theme_digest: str, route_digest: str, reads: frozenset[tuple[ObjectKey, str]],
           html: bytes) -> RouteRecord:
        return cls(theme_digest, route_digest, reads, digest(html), frozenset(key for key, _ in reads))


class SiteIndex:
    """Finds what pages read by key and digests its values, once per build.

    Each object also gets a cheap signature; when an object's signature equals the one it had in
    the last build, every value read from it is unchanged, so most checks need no digest at all.
    """

    def __init__(self, site: Site, template_source: Callable[[str], str | None], template_names: list[str],
                 previous_signatures: dict[ObjectKey, str]) -> None:
        self.template_source = template_source
        self.objects: dict[ObjectKey, Any] = {("site",): site, ("config",): site.config}
        for lsite in site.languages.values():
            self.objects[("lang", lsite.lang)] = lsite
            for page in (*lsite.posts, *lsite.pages):
                self.objects[("page", page.src_path)] = page
            for term in (*lsite.categories.values(), *lsite.tags.values()):
                self.objects[("term", term.lang, term.kind, term.slug)] = term
            self.objects[("strings", lsite.lang)] = lsite.strings.table
        config_digest = digest(repr(site.config))
        self.signatures = {key: _signature(obj, config_digest) for key, obj in self.objects.items()}
        self.signatures[("template",)] = digest([(name, template_source(name)) for name in sorted(template_names)])
        self.unchanged = {key for key, signature in self.signatures.items()
                          if previous_signatures.get(key) == signature}
        self._values: dict[tuple[ObjectKey, str], str | None] = {}

    def value_digest(self, key: ObjectKey, attribute: str) -> str | None:
        """None when the object is gone."""
        cache_key = (key, attribute)
        if cache_key not in self._values:
            obj = self.objects.get(key)
            if key == ("template",):
                source = self.template_source(attribute)
                found = None if source is None else digest(source)
            elif obj is None:
                found = None
            elif isinstance(obj, dict):  # a language's UI strings
                found = digest(describe(obj.get(attribute)))
            elif attribute == "content" and isinstance(obj, Page):
                found = obj.digest  # the rendering's fingerprint; no need to hash the HTML itself
            else:
                found = digest(describe(getattr(obj, attribute, None)))
            self._values[cache_key] = found
        return self._values[cache_key]

    def refresh(self, key: ObjectKey) -> str:
        """`key`'s object was changed in place (pipeline/fastpath.py): forget its digests; its new signature."""
        self._values = {pair: value for pair, value in self._values.items() if pair[0] != key}
        self.signatures[key] = _signature(self.objects[key], digest(repr(self.objects[("config",)])))
        return self.signatures[key]

    def values_of(self, records: Iterable[RouteRecord],
                  known: dict[tuple[ObjectKey, str], str | None]) -> dict[tuple[ObjectKey, str], str | None]:
        """The digest of every value `records` read, for the next build to compare against; `known`
        (the last build's) still holds for every object whose signature did not change."""
        values: dict[tuple[ObjectKey, str], str | None] = {}
        for record in records:
            for pair in record.reads:
                if pair not in values:
                    values[pair] = known[pair] if pair[0] in self.unchanged and pair in known \
                        else self.value_digest(*pair)
        return values

    def is_current(self, record: RouteRecord, theme_digest: str, route_digest: str,
                   previous: Callable[[tuple[ObjectKey, str]], str | None]) -> bool:
        """`previous(pair)` gives the digest a value had when the record was made."""
        if record.theme_digest != theme_digest or record.route_digest != route_digest:
            return False
        unchanged = self.unchanged
        if record.objects <= unchanged:  # the common case, decided without looking at single values
            return True
        return all(key in unchanged or self.value_digest(key, attribute) == previous((key, attribute))
                   for key, attribute in record.reads)


def _signature(obj: Any, config_digest: str) -> str:
    """Changes whenever any attribute of `obj` may have changed (it may also change when none did)."""
    if isinstance(obj, Page):  # its own fields follow from its source, its rendering and the settings
        links = (_key(obj.newer), _key(obj.older), [p.src_path for p in obj.translations],
                 [t.slug for t in obj.categories], [t.slug for t in obj.tags],
                 describe(obj.series), [p.src_path for p in obj.related])
        return digest((obj.digest, config_digest, obj.url, obj.draft, obj.assets, links))
    if isinstance(obj, Term):
        return digest((obj.name, obj.url, describe(obj.pages)))
    if isinstance(obj, LanguageSite):
        return digest((config_digest, describe((obj.posts, obj.pages, obj.categories, obj.tags, obj.series)), obj.title,
                       describe(obj.strings.table)))
    if isinstance(obj, Site):
        return digest((config_digest, tuple(obj.languages)))
    if isinstance(obj, SiteConfig):
        return config_digest
    return digest(describe(obj))  # UI strings


def _key(page: Page | None) -> str | None:
    return page.src_path if page is not None else None


def scheme_digest(base_url: str, default_language: str, languages: tuple[str, ...]) -> str:
    """What every page depends on without reading it: blog's version and the URL scheme.
    Templates, settings and strings are tracked per page (output/tracking.py)."""
    return digest((__version__, base_url, default_language, languages))


def route_digest(route: Route) -> str:
    alternates = tuple((a.lang, a.url) for a in route.alternates)
    context = tuple((name, _context_key(value)) for name, value in sorted(route.context.items()))
    return digest((route.template, route.route, route.lang, alternates, context))


def _context_key(value: Any) -> Any:
    """`describe`, with fast paths for what routes carry (this runs for every page of every build)."""
    if isinstance(value, Page):
        return value.src_path
    if isinstance(value, Pager):
        return (value.number, value.count, value.urls[0], tuple(page.src_path for page in value.items))
    if isinstance(value, list) and value and isinstance(value[0], Page):
        return tuple(page.src_path for page in value)
    if isinstance(value, list) and value and isinstance(value[0], Term):
        return tuple((term.kind, term.slug) for term in value)
    return describe(value)
