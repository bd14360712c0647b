"""Check YAML mappings against declared fields: the one validator of site.yaml, front matter and
i18n files, reporting every problem at once with its line.

A document declares a `Section`: each key's `Field` names a kind, a function that converts one raw
value or reports what was expected at the value's line (`Place.fail`). site.yaml declares its
sections as frozen dataclasses instead, read by `load_record`: each annotation is its field's kind
(str, int, bool, a nested dataclass, `Mapping[str, …]`, `tuple[…, ...]`), `field(metadata={"kind":
…})` overrides it (`WholeNumber(minimum=1)`, `OneOf(…)`), and the dataclass holds the defaults.
"""

from __future__ import annotations

import dataclasses
import difflib
import typing
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

from ..diagnostics import Diagnostic, error, warning
from .yamlsrc import YamlDoc

T = TypeVar("T")

INVALID: Any = object()  # what a kind returns for a value it has reported


@dataclass(frozen=True)
class Place:
    """Where a value stands in a document, for messages `NAME: …` at its line."""

    doc: YamlDoc
    problems: list[Diagnostic]
    path: tuple = ()

    @property
    def name(self) -> str:
        return ".".join(str(part) for part in self.path) or "document"

    def child(self, key: Any) -> Place:
        return Place(self.doc, self.problems, (*self.path, key))

    def fail(self, message: str, *, item: int | None = None) -> Any:
        """Report `NAME: message` at the value, or at one `item` of a list named by the list."""
        where = self.path if item is None else (*self.path, item)
        self.problems.append(error(self.doc.src_path, *self.doc.value_at(where), f"{self.name}: {message}"))
        return INVALID

    def expected(self, what: str, raw: Any) -> Any:
        return self.fail(f"expected {what}, got {describe(raw)}")


Kind = Callable[[Any, Place], Any]


def describe(raw: Any) -> str:
    """A wrong value as a message shows it: containers by their kind, scalars quoted."""
    if raw is None:
        return "nothing"
    if isinstance(raw, dict):
        return "a mapping"
    if isinstance(raw, list):
        return "a list"
    if isinstance(raw, (set, frozenset)):  # YAML's !!set; its repr would list members in any order
        return "a set"
    return repr(raw)


def text(raw: Any, place: Place) -> Any:
    """A YAML string, or a number read as its text (`version: 2`)."""
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
        return place.expected("text", raw)
    return str(raw)


def flag(raw: Any, place: Place) -> Any:
    return raw if isinstance(raw, bool) else place.expected("true or false", raw)


@dataclass(frozen=True)
class WholeNumber:
    minimum: int | None = None
    expected: str = ""  # one phrase for every failure, instead of the type's and the bound's

    def __call__(self, raw: Any, place: Place) -> Any:
        if isinstance(raw, bool) or not isinstance(raw, int):
            return place.expected(self.expected or "a whole number", raw)
        if self.minimum is not None and raw < self.minimum:
            return place.expected(self.expected or f"a number of at least {self.minimum}", raw)
        return raw


@dataclass(frozen=True)
class OneOf:
    """Text that must be one of `names`; `noun` says what one of them is ('scheme')."""

    names: Collection[str]
    noun: str

    def __call__(self, raw: Any, place: Place) -> Any:
        value = text(raw, place)
        if value is INVALID or value in self.names:
            return value
        return place.fail(f"'{value}' is not a {self.noun} (expected one of {', '.join(self.names)})")


@dataclass(frozen=True)
class ListOf:
    item: Kind

    def __call__(self, raw: Any, place: Place) -> Any:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            return place.expected("a list", raw)
        items = [self.item(value, place.child(index)) for index, value in enumerate(raw)]
        return INVALID if INVALID in items else tuple(items)


@dataclass(frozen=True)
class MappingOf:
    value: Kind

    def __call__(self, raw: Any, place: Place) -> Any:
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            return place.expected("a mapping", raw)
        items = {str(key): self.value(value, place.child(key)) for key, value in raw.items()}
        return INVALID if INVALID in items.values() else items


@dataclass(frozen=True)
class Field:
    kind: Kind
    required: bool = False
    fallback: str | None = None  # a key read when this one gives no valid value (`lastmod` for `updated`)


def unknown_key(place: Place, known: Collection[str]) -> str:
    """The warning for a key no field declares, with the nearest declared name."""
    hint = difflib.get_close_matches(str(place.path[-1]), known, n=1)
    return f"unknown key '{place.name}'" + (f" (did you mean '{hint[0]}'?)" if hint else "")


@dataclass(frozen=True)
class Section:
    fields: Mapping[str, Field]
    unknown: Callable[[Place, Collection[str]], str] | None = unknown_key  # None: undeclared keys pass silently
    null_is_absent: bool = False  # `key:` with no value is as if the key were not written

    @property
    def known(self) -> frozenset[str]:
        return frozenset(self.fields) | {f.fallback for f in self.fields.values() if f.fallback}

    def check(self, raw: dict, place: Place) -> tuple[dict[str, Any], bool]:
        """The valid values by field name, and whether every field was valid and every required one given."""
        known = self.known
        if self.unknown is not None:
            for key in raw:
                if key not in known:
                    key_place = place.child(key)
                    place.problems.append(warning(place.doc.src_path, *place.doc.key_at(key_place.path),
                                                  self.unknown(key_place, self.fields)))
        values: dict[str, Any] = {}
        complete = True
        for name, spec in self.fields.items():
            given = False
            for key in (name, spec.fallback):
                if key is None or key not in raw or (raw[key] is None and self.null_is_absent):
                    continue
                given = True
                value = spec.kind(raw[key], place.child(key))
                if value is not INVALID:
                    values[name] = value
                    break
                complete = False
            if spec.required and not given:
                place.problems.append(error(place.doc.src_path, *place.doc.value_at(place.path),
                                            f"missing required key '{place.child(name).name}'"))
                complete = False
        return values, complete


def load_record(cls: type[T], raw: Any, place: Place, **preset: Any) -> T | None:
    """Check `raw` against the dataclass `cls`; `preset` fills the fields the user does not write."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        place.expected("a mapping", raw)
        return None
    values, complete = _section_of(cls, frozenset(preset)).check(raw, place)
    return cls(**preset, **values) if complete else None


@dataclass(frozen=True)
class Record:
    """A nested dataclass section as a kind."""

    cls: type

    def __call__(self, raw: Any, place: Place) -> Any:
        record = load_record(self.cls, raw, place)
        return INVALID if record is None else record


@cache
def _section_of(cls: type, preset: frozenset[str]) -> Section:
    hints = typing.get_type_hints(cls)
    return Section({f.name: Field(f.metadata.get("kind") or _kind_of(hints[f.name]),
                                  required=f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
                    for f in dataclasses.fields(cls) if f.name not in preset})


def _kind_of(annotation: Any) -> Kind:
    origin = typing.get_origin(annotation)
    if dataclasses.is_dataclass(annotation):
        return Record(annotation)
    if origin is Mapping or origin is dict:
        return MappingOf(_kind_of(typing.get_args(annotation)[1]))
    if origin is tuple:
        return ListOf(_kind_of(typing.get_args(annotation)[0]))
    kinds = {str: text, bool: flag, int: WholeNumber()}
    if annotation in kinds:
        return kinds[annotation]
    raise TypeError(f"no kind for the annotation {annotation!r}")  # a programming error, not user input


def at_least(minimum: int, default: int) -> Any:
    """A dataclass field of a whole number with a lower bound."""
    return field(default=default, metadata={"kind": WholeNumber(minimum=minimum)})
