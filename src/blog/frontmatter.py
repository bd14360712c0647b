"""Split the `---` block off a Markdown file and validate it into FrontMatter."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from .diagnostics import Diagnostic, error, warning
from .yamlsrc import YamlDoc, load_yaml

_FENCE = re.compile(r"^---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_SLASH_DATE = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})")

KNOWN_KEYS = {"title", "date", "updated", "lastmod", "categories", "tags", "slug", "draft", "summary",
              "lang", "translation_key", "toc", "math", "macros", "description", "author", "aliases",
              "series", "series_order"}


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
    checker = _Checker(doc, problems)
    title = checker.text("title", required=True)
    when = checker.date("date", required=require_date)
    updated = checker.date("updated") or checker.date("lastmod")
    front = FrontMatter(
        title=title or "",
        date=when,
        updated=updated,
        categories=checker.terms("categories"),
        tags=checker.terms("tags"),
        slug=checker.text("slug"),
        draft=checker.flag("draft") or False,
        summary=checker.text("summary"),
        lang=checker.text("lang"),
        translation_key=checker.text("translation_key"),
        toc=checker.flag("toc"),
        math=checker.flag("math"),
        macros=checker.macros("macros"),
        description=checker.text("description"),
        author=checker.text("author"),
        aliases=checker.terms("aliases"),
        series=checker.text("series"),
        series_order=checker.whole_number("series_order"),
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


class _Checker:
    """Reads one key at a time, recording a message with its position when the value is wrong."""

    def __init__(self, doc: YamlDoc, problems: list[Diagnostic]) -> None:
        self.doc, self.raw, self.problems = doc, doc.data or {}, problems

    def _fail(self, key: str, message: str) -> None:
        self.problems.append(error(self.doc.src_path, *self.doc.value_at((key,)), f"{key}: {message}"))

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.raw.get(key)
        if value is None:
            if required:
                self.problems.append(error(self.doc.src_path, *self.doc.value_at(()), f"missing required key '{key}'"))
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self._fail(key, f"expected text, got {_describe(value)}")
            return None
        return str(value)

    def flag(self, key: str) -> bool | None:
        value = self.raw.get(key)
        if value is None or isinstance(value, bool):
            return value
        self._fail(key, f"expected true or false, got {_describe(value)}")
        return None

    def whole_number(self, key: str) -> int | None:
        value = self.raw.get(key)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return value
        self._fail(key, f"expected a whole number of at least 1, got {_describe(value)}")
        return None

    def macros(self, key: str) -> dict[str, str]:
        value = self.raw.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            self._fail(key, f"expected a mapping of TeX commands to their definitions, got {_describe(value)}")
            return {}
        return {str(name): body for name, body in value.items()}

    def date(self, key: str, *, required: bool = False) -> datetime | None:
        value = self.raw.get(key)
        if value is None:
            if required:
                self.problems.append(error(self.doc.src_path, *self.doc.value_at(()), f"missing required key '{key}'"))
            return None
        parsed = parse_date(value)
        if parsed is None:
            self._fail(key, f"{_describe(value)} is not a date (expected YYYY-MM-DD, optionally with HH:MM[:SS] and a zone)")
        return parsed

    def terms(self, key: str) -> tuple[str, ...]:
        value = self.raw.get(key)
        names: list[str] = []

        def collect(item: Any) -> bool:
            if item is None:
                return True
            if isinstance(item, list):  # Hexo's nested list is a hierarchy: keep every level
                return all(collect(sub) for sub in item)
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                return False
            name = str(item).strip()
            if name and name not in names:
                names.append(name)
            return True

        if not collect(value):
            self._fail(key, f"expected a name or a list of names, got {_describe(value)}")
        return tuple(names)


def parse_date(value: Any) -> datetime | None:
    """YAML values from our loader are strings: '2026-01-11', '2026-01-11 10:30[:00]', ISO 8601."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    if not isinstance(value, str):
        return None
    text = value.strip()
    slashed = _SLASH_DATE.match(text)
    if slashed:  # Hexo accepts 2019/05/01
        year, month, day = slashed.groups()
        text = f"{year}-{int(month):02d}-{int(day):02d}{text[slashed.end():]}"
    if not re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (set, frozenset)):  # YAML's !!set; its repr would list members in any order
        return "a set"
    return repr(value)
