"""BibTeX files -> a Library of CSL-JSON items (what citeproc formats), with each entry's language.

bibtexparser reads the files (LaTeX accents decoded, co-authors split); the mapping to CSL's
variables follows citeproc-js's BibTeX import. An entry is Chinese when its `langid` or
`language` says so or when an author's (or editor's) name is written in CJK characters: it then gets the
Chinese terms ("等", "编") however the page around it is written.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import bibtexparser
from bibtexparser import middlewares
from bibtexparser.middlewares.names import parse_single_name_into_parts
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry

from ...diagnostics import Diagnostic, error

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_CHINESE = {"chinese", "zh", "zh-cn", "zh-hans", "zh-tw", "zh-hant", "中文", "汉语", "chinese (simplified)"}

_TYPES = {"article": "article-journal", "inproceedings": "paper-conference", "conference": "paper-conference",
          "book": "book", "incollection": "chapter", "inbook": "chapter", "phdthesis": "thesis",
          "mastersthesis": "thesis", "thesis": "thesis", "techreport": "report", "report": "report",
          "online": "webpage", "electronic": "webpage", "www": "webpage", "misc": "article",
          "unpublished": "manuscript", "manual": "book"}
_FIELDS = {"title": "title", "journal": "container-title", "journaltitle": "container-title",
           "booktitle": "container-title", "volume": "volume", "number": "issue", "pages": "page",
           "publisher": "publisher", "address": "publisher-place", "location": "publisher-place",
           "school": "publisher", "institution": "publisher", "doi": "DOI", "url": "URL", "isbn": "ISBN",
           "edition": "edition", "note": "note", "howpublished": "container-title"}
_MONTHS = {name: number for number, name in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}


@dataclass
class Library:
    """Entries by key, as CSL-JSON; the language ("zh" or "en") of each."""

    items: dict[str, dict] = field(default_factory=dict)
    langs: dict[str, str] = field(default_factory=dict)

    def merged(self, other: Library) -> Library:
        """This library with `other`'s entries added (a post's own file on top of the site's)."""
        return Library({**self.items, **other.items}, {**self.langs, **other.langs})


def load_library(site_dir: Path, src_path: str) -> tuple[Library, list[Diagnostic]]:
    """One .bib file (`src_path` relative to the site); broken entries are errors at their line."""
    try:
        text = (site_dir / src_path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        return Library(), [error(src_path, None, None, f"bibliography: cannot read the file ({exc.strerror})")]
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)  # its problems come back as failed blocks
    parsed = bibtexparser.parse_string(text, append_middleware=[middlewares.LatexDecodingMiddleware(),
                                                                  middlewares.SeparateCoAuthors()])
    problems = [_failure(src_path, block) for block in parsed.failed_blocks]
    library = Library()
    for entry in parsed.entries:
        library.items[entry.key] = csl_item(entry)
        library.langs[entry.key] = entry_language(entry)
    return library, problems


def _failure(src_path: str, block) -> Diagnostic:
    line = block.start_line + 1
    if isinstance(block, DuplicateBlockKeyBlock):
        first = block.previous_block.start_line + 1
        return error(src_path, line, 1, f"bibliography: duplicate key '{block.key}' (first at {src_path}:{first})")
    if isinstance(block, DuplicateFieldKeyBlock):
        names = ", ".join(sorted(block.duplicate_keys))
        return error(src_path, line, 1, f"bibliography: field '{names}' given twice in one entry")
    opening = block.raw.strip().split("\n")[0][:60]
    return error(src_path, line, 1, f"bibliography: broken entry '{opening}' (a brace, quote or comma is "
                                    f"missing before the next entry)")


def entry_language(entry: Entry) -> str:
    fields = entry.fields_dict
    for name in ("langid", "language"):
        if name in fields:
            return "zh" if str(fields[name].value).strip().lower() in _CHINESE else "en"
    names = [name for role in ("author", "editor") if role in fields for name in fields[role].value]
    return "zh" if any(CJK.search(name) for name in names) else "en"


def csl_item(entry: Entry) -> dict:
    fields = {name.lower(): item.value for name, item in entry.fields_dict.items()}
    item: dict = {"id": entry.key, "type": _TYPES.get(entry.entry_type.lower(), "article")}
    for name, variable in _FIELDS.items():
        if name in fields and variable not in item:
            item[variable] = _text(fields[name])
    if "eprint" in fields and "container-title" not in item:
        item["container-title"] = f"arXiv preprint arXiv:{_text(fields['eprint'])}"
    for role in ("author", "editor"):
        if role in fields:
            item[role] = [csl_name(name) for name in fields[role]]
    year = re.search(r"\d{4}", _text(fields.get("year") or fields.get("date") or ""))
    if year:
        parts = [int(year.group(0))]
        month = _text(fields.get("month", "")).strip().lower()[:3]
        if month in _MONTHS or month.isdigit():
            parts.append(_MONTHS.get(month) or int(month))
        item["issued"] = {"date-parts": [parts]}
    return item


def csl_name(name: str) -> dict:
    """A CJK name is one unit, family name first, without spaces; others split as BibTeX does."""
    if CJK.search(name):
        return {"family": re.sub(r"[\s,]+", "", name)}
    if name.strip().lower() == "others":
        return {"literal": "others"}
    parts = parse_single_name_into_parts(name)
    found = {"family": " ".join(parts.last), "given": " ".join(parts.first)}
    if parts.von:
        found["non-dropping-particle"] = " ".join(parts.von)
    if parts.jr:
        found["suffix"] = " ".join(parts.jr)
    return {key: value for key, value in found.items() if value}


def _text(value) -> str:
    return " ".join(str(value).replace("{", "").replace("}", "").split())
