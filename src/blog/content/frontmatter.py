"""Split the `---` block off a Markdown file and validate it into FrontMatter."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from ..diagnostics import Diagnostic, error, warning
from ..settings.validation import Field, Place, Section, WholeNumber, describe, flag, text
from ..settings.yamlsrc import load_yaml

_FENCE = re.compile(r"^---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_SLASH_DATE = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})")


@dataclass(frozen=True)
class FrontMatter:
    title: str
    date: datetime | None
    updated: datetime | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    slug: str | None = None
    draft: bool = False
    summary: str | None = None
    lang: str | None = None
    translation_key: str | None = None
    toc: bool | None = None  # None: shown when the page has headings
    math: bool | None = None  # None: detected
    macros: dict[str, str] = field(default_factory=dict)  # TeX macros for this post, over site.yaml's
    description: str | None = None
    author: str | None = None
    aliases: tuple[str, ...] = ()  # old URLs that redirect here
    series: str | None = None  # the name of the series this post is a part of
    series_order: int | None = None  # its place in the series; None: by date, after the numbered parts
    series_order_at: tuple[int | None, int | None] = (None, None)
    extra: dict[str, Any] = field(default_factory=dict)
    lang_at: tuple[int | None, int | None] = (None, None)  # where `lang:`'s value stands, for messages
    title_at: tuple[int | None, int | None] = (None, None)


@dataclass(frozen=True)
class SplitSource:
    yaml_text: str | None
    yaml_line: int  # file line of the first YAML line
    body: str
    body_line: int  # file line of the first body line


def split_front_matter(text: str) -> SplitSource:
    # Line ends as Markdown counts them: CRLF (Windows) and a lone CR (classic Mac OS) are each one.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    opening = _FENCE.match(text)
    if not opening:
        return SplitSource(None, 1, text, 1)
    closing = _CLOSE.search(text, opening.end())
    if not closing:
        return SplitSource(None, 1, text, 1)
    yaml_text = text[opening.end():closing.start()]
    body_start = closing.end()
    if text.startswith("\n", body_start):
        body_start += 1
    body_line = text.count("\n", 0, body_start) + 1
    return SplitSource(yaml_text, 2, text[body_start:], body_line)


def parse_front_matter(split: SplitSource, src_path: str, *, require_date: bool) -> tuple[FrontMatter | None, list[Diagnostic]]:
    if split.yaml_text is None:
        return None, [error(src_path, 1, 1, "no front matter (expected a '---' block with at least a title"
                                            + (" and a date)" if require_date else ")"))]
    doc, problems = load_yaml(split.yaml_text, src_path, first_line=split.yaml_line)
    if doc is None:
        return None, problems
    raw = doc.data if doc.data is not None else {}
    if not isinstance(raw, dict):
        return None, [*problems, error(src_path, split.yaml_line, 1, "front matter: expected 'key: value' lines")]
    values, _ = (_POST if require_date else _PAGE).check(raw, Place(doc, problems))
    title = values.pop("title", None)
    front = FrontMatter(
        title=title or "",  # a missing title has been reported: this FrontMatter is not returned
        date=values.pop("date", None),
        **values,
        series_order_at=doc.value_at(("series_order",)) if "series_order" in raw else (None, None),
        extra={key: value for key, value in raw.items() if key not in KNOWN_KEYS},
        lang_at=doc.value_at(("lang",)) if "lang" in raw else (None, None),
        title_at=doc.value_at(("title",)),
    )
    if title is not None and not title.strip():
        problems.append(error(src_path, *doc.value_at(("title",)), "title: must not be empty"))
    if "updated" in raw and "lastmod" in raw:
        problems.append(warning(src_path, *doc.key_at(("lastmod",)), "both 'updated' and 'lastmod' are set; 'updated' wins"))
    ok = not any(p.severity == "error" for p in problems)
    return (front if ok else None), problems


def _date(raw: Any, place: Place) -> Any:
    parsed = parse_date(raw)
    if parsed is None:
        return place.fail(f"{describe(raw)} is not a date (expected YYYY-MM-DD, optionally with HH:MM[:SS] and a zone)")
    return parsed


def _names(raw: Any, place: Place) -> Any:
    """A name or a list of names; Hexo's nested list is a hierarchy, so every level is kept."""
    names: list[str] = []

    def collect(item: Any) -> bool:
        if item is None:
            return True
        if isinstance(item, list):
            return all(collect(sub) for sub in item)
        if isinstance(item, bool) or not isinstance(item, (str, int, float)):
            return False
        name = str(item).strip()
        if name and name not in names:
            names.append(name)
        return True

    return tuple(names) if collect(raw) else place.expected("a name or a list of names", raw)


def _macros(raw: Any, place: Place) -> Any:
    if not isinstance(raw, dict) or not all(isinstance(body, str) for body in raw.values()):
        return place.expected("a mapping of TeX commands to their definitions", raw)
    return {str(name): body for name, body in raw.items()}


_FIELDS = {
    "title": Field(text, required=True), "date": Field(_date), "updated": Field(_date, fallback="lastmod"),
    "categories": Field(_names), "tags": Field(_names), "slug": Field(text), "draft": Field(flag),
    "summary": Field(text), "lang": Field(text), "translation_key": Field(text), "toc": Field(flag),
    "math": Field(flag), "macros": Field(_macros), "description": Field(text), "author": Field(text),
    "aliases": Field(_names), "series": Field(text),
    "series_order": Field(WholeNumber(minimum=1, expected="a whole number of at least 1")),
}
# Keys no field declares are kept for templates (`extra`), unreported: themes of other generators use many.
_PAGE = Section(_FIELDS, unknown=None, null_is_absent=True)
_POST = Section({**_FIELDS, "date": Field(_date, required=True)}, unknown=None, null_is_absent=True)
KNOWN_KEYS = _POST.known


def parse_date(value: Any) -> datetime | None:
    """YAML values from our loader are strings: '2026-01-11', '2026-01-11 10:30[:00]', ISO 8601."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    if not isinstance(value, str):
        return None
    stamp = value.strip()
    slashed = _SLASH_DATE.match(stamp)
    if slashed:  # Hexo accepts 2019/05/01
        year, month, day = slashed.groups()
        stamp = f"{year}-{int(month):02d}-{int(day):02d}{stamp[slashed.end():]}"
    if not re.match(r"^\d{4}-\d{2}-\d{2}", stamp):
        return None
    try:
        return datetime.fromisoformat(stamp)
    except ValueError:
        return None

