"""Build frozen dataclasses from YAML data, reporting every unknown key and wrong type at once.

A section is declared as a frozen dataclass; each field's annotation is its schema. Supported
annotations: str, int, bool, float, a nested section, `Mapping[str, str]`, `Mapping[str, Section]`
and `tuple[Section, ...]`. `field(metadata={"min": 1})` bounds an int.
"""

from __future__ import annotations

import dataclasses
import difflib
import typing
from collections.abc import Mapping
from functools import cache
from typing import Any, TypeVar

from .diagnostics import Diagnostic, error, warning
from .yamlsrc import YamlDoc

T = TypeVar("T")

_TYPE_NAMES = {str: "text", int: "a whole number", bool: "true or false", float: "a number"}


def build_section(cls: type[T], raw: Any, doc: YamlDoc, path: tuple, problems: list[Diagnostic],
                  **preset: Any) -> T | None:
    """Validate `raw` against `cls`; `preset` fills fields that do not come from the user."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        problems.append(error(doc.src_path, *doc.value_at(path), f"{_name(path)}: expected a mapping, got {_show(raw)}"))
        return None
    hints = _hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name not in preset}
    for key in raw:
        if key not in fields:
            hint = difflib.get_close_matches(str(key), fields, n=1)
            also = f" (did you mean '{hint[0]}'?)" if hint else ""
            problems.append(warning(doc.src_path, *doc.key_at((*path, key)), f"unknown key '{_name((*path, key))}'{also}"))
    values: dict[str, Any] = dict(preset)
    ok = True
    for name, f in fields.items():
        if name not in raw:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                line, col = doc.value_at(path)
                problems.append(error(doc.src_path, line, col, f"missing required key '{_name((*path, name))}'"))
                ok = False
            continue
        value = _convert(hints[name], raw[name], doc, (*path, name), problems, f.metadata)
        if value is _INVALID:
            ok = False
        else:
            values[name] = value
    return cls(**values) if ok else None


_INVALID = object()


def _convert(annotation: Any, raw: Any, doc: YamlDoc, path: tuple, problems: list[Diagnostic],
             metadata: Mapping[str, Any]) -> Any:
    def wrong(expected: str) -> object:
        problems.append(error(doc.src_path, *doc.value_at(path), f"{_name(path)}: expected {expected}, got {_show(raw)}"))
        return _INVALID

    origin = typing.get_origin(annotation)
    if dataclasses.is_dataclass(annotation):
        section = build_section(annotation, raw, doc, path, problems)
        return _INVALID if section is None else section
    if origin is Mapping or origin is dict:
        _, value_type = typing.get_args(annotation)
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            return wrong("a mapping")
        out = {}
        for key, item in raw.items():
            value = _convert(value_type, item, doc, (*path, key), problems, {})
            if value is _INVALID:
                return _INVALID
            out[str(key)] = value
        return out
    if origin is tuple:
        item_type = typing.get_args(annotation)[0]
        if raw is None:
            return ()
        if not isinstance(raw, list):
            return wrong("a list")
        items = [_convert(item_type, item, doc, (*path, i), problems, {}) for i, item in enumerate(raw)]
        return _INVALID if _INVALID in items else tuple(items)
    if annotation is str:
        if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
            return wrong("text")
        return str(raw)
    if annotation is bool:
        return raw if isinstance(raw, bool) else wrong("true or false")
    if annotation in (int, float):
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or (annotation is int and not isinstance(raw, int)):
            return wrong(_TYPE_NAMES[annotation])
        low = metadata.get("min")
        if low is not None and raw < low:
            return wrong(f"a number of at least {low}")
        return raw
    raise TypeError(f"unsupported schema annotation {annotation!r}")  # a programming error, not user input


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _name(path: tuple) -> str:
    return ".".join(str(p) for p in path) or "document"


def _show(raw: Any) -> str:
    if raw is None:
        return "nothing"
    if isinstance(raw, dict):
        return "a mapping"
    if isinstance(raw, list):
        return "a list"
    return repr(raw)
