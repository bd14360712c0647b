"""A Hexo or Hugo front matter as ours: the same keys where they mean the same thing, values
normalised to the types our build checks, everything else kept as it was.

| theirs | ours |
|---|---|
| title (missing: the file name) | title |
| date / publishDate / pubdate (missing: the file name's date, else the file's time) | date |
| updated, lastmod, modified | updated |
| categories, tags (string, list, nested list) | the same, empty values dropped |
| draft, Hexo `published: false`, Hexo `_drafts/` | draft |
| summary (Hexo: excerpt) | summary |
| translationKey | translation_key |
| toc, ShowToc | toc |
| author (list or {name}), authors | author |

A value of a wrong type that cannot be converted is kept under `hexo_KEY` / `hugo_KEY` with a
note, so nothing is lost and nothing fails the build. Hugo's keys are case-insensitive; Hexo's are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import yaml

from ...content.frontmatter import KNOWN_KEYS

_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
                   r"\s*(Z|[+-]\d{2}:?\d{2})?$", re.IGNORECASE)
_TRUE, _FALSE = ("true", "yes", "on", "1"), ("false", "no", "off", "0")
OURS = ("title", "date", "updated", "categories", "tags", "slug", "draft", "summary", "translation_key", "toc",
        "math", "macros", "description", "author", "aliases")
# Hugo's names for our keys (compared in lower case).
_HUGO_NAMES = {"lastmod": "updated", "modified": "updated", "translationkey": "translation_key",
               "showtoc": "toc", "publishdate": "date", "pubdate": "date"}


@dataclass(frozen=True)
class FrontContext:
    flavour: str  # hexo, hugo or jekyll
    kind: str  # post or page
    fallback_title: str  # the file name
    fallback_date: str  # from the file name (2019-05-01-ppo.md), else the file's time
    fallback_is_mtime: bool
    draft: bool  # Hexo's _drafts/


def normalize_date(value: Any) -> str | None:
    """'2019-5-1 9:05', '2019/05/01', ISO 8601 with a zone -> '2019-05-01 09:05:00[+08:00]'."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    found = _DATE.match(str(value).strip())
    if not found:
        return None
    year, month, day, hour, minute, second, zone = found.groups()
    text = f"{year}-{int(month):02d}-{int(day):02d} {int(hour or 0):02d}:{minute or '00'}:{second or '00'}"
    if zone:
        zone = zone.upper()
        text += zone if zone == "Z" else f"{zone[:3]}:{zone[-2:]}"
    try:  # 2019-02-31 or year 0 look like dates but are none
        datetime.fromisoformat(text)
    except ValueError:
        return None
    return text


def convert_front_matter(raw: dict[str, Any], context: FrontContext) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Our front matter (title, date, updated first, then the rest in the source's order) and
    notes as (key, message)."""
    notes: list[tuple[str, str]] = []
    converter = _Converter(context, notes)
    front: dict[str, Any] = {}
    rest: dict[str, Any] = {}
    # The canonical name first: Hugo's `date` wins over `publishDate`, whatever their order.
    for key, value in sorted(raw.items(), key=lambda item: item[0].lower() != converter.our_name(item[0])):
        ours = converter.our_name(key)
        if ours is None or ours in front:
            rest[key] = value
            continue
        converted = converter.value(ours, key, value)
        if converted is not _DROP:
            front[ours] = converted
    converter.finish(front, raw)
    ordered = {key: front.pop(key) for key in ("title", "date", "updated") if key in front}
    ordered.update(front)
    for key, value in raw.items():
        if key in rest and key not in ("lang", "language"):  # the language is in the file name
            # a key our build checks (a second `lastmod`, say) must not reach it unconverted
            ordered.setdefault(f"{context.flavour}_{key}" if key in KNOWN_KEYS else key, value)
    return ordered, notes


_DROP = object()


class _Converter:
    def __init__(self, context: FrontContext, notes: list[tuple[str, str]]) -> None:
        self.context, self.notes = context, notes
        self.kept: dict[str, Any] = {}

    def our_name(self, key: str) -> str | None:
        if self.context.flavour == "hugo":
            lower = key.lower()
            return _HUGO_NAMES.get(lower, lower if lower in OURS else None)
        return {"excerpt": "summary", "lastmod": "updated", "last_modified_at": "updated"}.get(
            key, key if key in OURS else None)

    def keep(self, ours: str, key: str, value: Any, why: str) -> object:
        name = f"{self.context.flavour}_{key}"
        self.kept[name] = value
        self.notes.append((name, f"{key}: {why}; kept as '{name}'"))
        return _DROP

    def value(self, ours: str, key: str, value: Any) -> Any:
        if value is None or value == "" or value == []:
            return _DROP
        if ours in ("title", "slug", "summary", "description", "translation_key"):
            if isinstance(value, list) and all(_is_scalar(v) for v in value):
                return " ".join(str(v) for v in value)
            return str(value) if _is_scalar(value) else self.keep(ours, key, value, "expected text")
        if ours in ("date", "updated"):
            normal = normalize_date(value)
            return normal if normal else self.keep(ours, key, value, f"{value!r} is not a date")
        if ours in ("categories", "tags"):
            terms = _terms(value)
            return _DROP if terms is None else terms
        if ours in ("draft", "toc", "math"):
            flag = _flag(value, loose=ours == "math")
            return flag if flag is not None else self.keep(ours, key, value, "expected true or false")
        if ours == "author":
            return _author(value) or self.keep(ours, key, value, "expected a name")
        if ours == "macros":
            if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
                return value
            return self.keep(ours, key, value, "expected TeX commands and their definitions")
        if ours == "aliases":
            items = value if isinstance(value, list) else [value]
            return [str(item) for item in items if _is_scalar(item) and str(item).strip()] or _DROP
        return value

    def finish(self, front: dict[str, Any], raw: dict[str, Any]) -> None:
        context = self.context
        if "title" not in front or not str(front["title"]).strip():
            front["title"] = context.fallback_title
            self.notes.append(("title", f"no title; used the file name '{context.fallback_title}'; write one in"))
        if context.kind == "post" and "date" not in front:
            front["date"] = context.fallback_date
            if context.fallback_is_mtime:
                self.notes.append(("date", f"no date; used the file's modification time {context.fallback_date}; "
                                           f"check it"))
        if (context.flavour in ("hexo", "jekyll") and raw.get("published") is False) or context.draft:
            front["draft"] = True
        if "author" not in front and context.flavour == "hugo":
            authors = next((value for key, value in raw.items() if key.lower() == "authors"), None)
            if _author(authors):
                front["author"] = _author(authors)
        front.update((key, value) for key, value in self.kept.items() if key not in front)


def _is_scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def _flag(value: Any, *, loose: bool) -> bool | None:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower() if _is_scalar(value) else ""
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if isinstance(value, dict) and isinstance(value.get("enable"), bool):  # toc: {enable: true}
        return value["enable"]
    return True if loose and text else None  # math: katex


def _terms(value: Any) -> Any:
    """Strings stay one term (Hexo: 'Deep Learning' is one category); lists keep their nesting."""
    if isinstance(value, list):
        items = [_terms(item) for item in value]
        items = [item for item in items if item not in (None, [], "")]
        return items or _DROP
    if isinstance(value, dict):  # {name: x} or {a: b} as written by some tools: the names
        names = [str(v) for v in value.values() if _is_scalar(v)]
        return names or _DROP
    if isinstance(value, bool) or value is None:
        return None
    text = str(value).strip()
    return text or None


def _author(value: Any) -> str | None:
    if _is_scalar(value):
        return str(value).strip() or None
    if isinstance(value, list):
        names = [_author(item) for item in value]
        return ", ".join(name for name in names if name) or None
    if isinstance(value, dict):
        return _author(value.get("name") or value.get("title"))
    return None


class _FrontMatterDumper(yaml.SafeDumper):
    """Mappings as blocks, lists of plain values on one line: `tags: [RL, PPO]`."""


def _represent_list(dumper: yaml.SafeDumper, items: list) -> yaml.Node:
    flat = all(item is None or isinstance(item, (str, int, float, bool)) for item in items)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flat)


_FrontMatterDumper.add_representer(list, _represent_list)


def dump_front_matter(front: dict[str, Any]) -> str:
    """The `---` block as our build reads it."""
    text = yaml.dump(front, Dumper=_FrontMatterDumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=1_000_000)
    return f"---\n{text}---\n"


def key_line(block: str, key: str) -> int:
    """The 1-based line of a top-level key in a dumped block (1 when absent)."""
    found = re.search(rf"^['\"]?{re.escape(key)}['\"]?:", block, re.MULTILINE)
    return block.count("\n", 0, found.start()) + 1 if found else 1
