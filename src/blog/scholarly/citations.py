"""Citations and the references list of one page, formatted by citeproc-py with a CSL style.

Per-entry language: the page's citations are registered twice, with the style in an English and
in a Chinese locale (the same order, so the same numbers), and each entry is taken from the
locale of its own language: "et al." for English entries, "等" for Chinese ones, on any page.
A group of entries in both languages (author-date styles name authors in it) is written entry by
entry, each in its own locale, inside the style's brackets.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape, unescape
from pathlib import Path

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, Locator, formatter
from citeproc.source.json import CiteProcJSON

from ..i18n import Strings
from .bibliography import Library
from .objects import Mark

BUILTIN_STYLES = {"numeric": "numeric.csl", "author-date": "author-date.csl"}
LOCALES = {"en": "en-US", "zh": "zh-CN"}
_LOCATOR = re.compile(r"^(p|pp|page|pages|chap|chapter|sec|section|fig|figure|eq|vol|volume)\.?\s*(.+)$", re.I)
_LOCATOR_LABELS = {"p": "page", "pp": "page", "pages": "page", "chap": "chapter", "sec": "section",
                   "fig": "figure", "eq": "equation", "vol": "volume"}
_TAGS = re.compile(r"<[^>]*>")
_AND = {"en": " and ", "zh": "和"}
_ET_AL = {"en": " et al.", "zh": "等"}


class CitationStyle:
    """A CSL style: built in by name ("numeric", "author-date") or a .csl file of the site."""

    def __init__(self, path: Path) -> None:
        self.path = path
        text = path.read_text(encoding="utf-8")
        citation = text[text.find("<citation"):text.find("</citation>")]
        self.numeric = "citation-number" in citation

    @classmethod
    def builtin(cls, name: str) -> CitationStyle:
        return cls(Path(__file__).parent / "styles" / BUILTIN_STYLES[name])

    def in_locale(self, lang: str) -> CitationStylesStyle:
        return _load_style(str(self.path), LOCALES[lang])


@lru_cache(maxsize=16)
def _load_style(path: str, locale: str) -> CitationStylesStyle:
    return CitationStylesStyle(path, locale=locale, validate=False)


class PageCitations:
    """Collects a page's citation marks, then writes each one and the references list."""

    def __init__(self, library: Library, style: CitationStyle, lang: str, strings: Strings) -> None:
        self.library, self.style, self.lang, self.strings = library, style, lang, strings
        self.marks: list[Mark] = []
        self.citations: dict[int, dict[str, Citation]] = {}
        self.bibliographies: dict[str, CitationStylesBibliography] | None = None
        self.backlinks: dict[str, list[int]] = {}

    def knows(self, key: str) -> bool:
        return key in self.library.items

    def keys(self) -> list[str]:
        return list(self.library.items)

    def register(self, mark: Mark) -> None:
        self.marks.append(mark)

    def cite(self, mark: Mark) -> tuple[str, str]:
        """(HTML, plain text) of one citation mark; the first call formats them all."""
        if self.bibliographies is None:
            self._prepare()
        number = self.marks.index(mark) + 1
        first = mark.targets[0].name
        lang = self.library.langs[first]
        mixed = len({self.library.langs[target.name] for target in mark.targets}) > 1 and not self.style.numeric
        if mixed or any(target.prefix for target in mark.targets):
            shown = self._entry_by_entry(mark)
        else:
            shown = str(self.bibliographies[lang].cite(self.citations[number][lang], lambda item: None))
        if not mark.bracketed:
            shown = f"{escape(self._authors(first))} {self._narrative_tail(first, shown, lang)}"
        for target in mark.targets:
            self.backlinks.setdefault(target.name, []).append(number)
        html = f'<a class="citation" id="cite-{number}" href="#ref-{escape(first)}">{shown}</a>'
        return html, unescape(_TAGS.sub("", shown))

    def bibliography_html(self) -> str:
        if not self.bibliographies:
            return ""
        order = self.bibliographies["en"].keys
        entries = {lang: dict(zip(bibliography.keys, bibliography.bibliography()))
                   for lang, bibliography in self.bibliographies.items()}
        items = []
        for key in order:
            original = self._original_key(key)
            lang = self.library.langs[original]
            backlinks = "".join(
                f' <a class="ref-backlink" href="#cite-{number}" aria-label="'
                f'{escape(self.strings("cited_at", number=number))}">↩</a>'
                for number in self.backlinks.get(original, []))
            items.append(f'<li id="ref-{escape(original)}" lang="{lang}">{str(entries[lang][key])}{backlinks}</li>')
        kind = "numeric" if self.style.numeric else "author-date"
        heading = escape(self.strings("references"))
        return (f'\n<section class="references" aria-labelledby="references">\n<h2 id="references">{heading}</h2>\n'
                f'<ul class="references-list {kind}">\n' + "\n".join(items) + "\n</ul>\n</section>\n")

    def _prepare(self) -> None:
        cited = list(dict.fromkeys(target.name for mark in self.marks for target in mark.targets))
        source = CiteProcJSON([self.library.items[key] for key in cited])
        self.bibliographies = {lang: CitationStylesBibliography(self.style.in_locale(lang), source, formatter.html)
                               for lang in LOCALES}
        for number, mark in enumerate(self.marks, start=1):
            self.citations[number] = {}
            for lang, bibliography in self.bibliographies.items():
                citation = Citation([_item(target.name, target.locator) for target in mark.targets])
                bibliography.register(citation)
                self.citations[number][lang] = citation
        for bibliography in self.bibliographies.values():
            bibliography.sort()

    def _entry_by_entry(self, mark: Mark) -> str:
        """Each entry cited alone in its own locale, after its prefix, inside the style's brackets (for
        a mixed-language group, and for prefixes, which citeproc-py does not write)."""
        layout = self.style.in_locale(self.lang).root.citation.layout
        prefix, suffix = layout.get("prefix", ""), layout.get("suffix", "")
        parts = []
        for target in mark.targets:
            lang = self.library.langs[target.name]
            citation = Citation([_item(target.name, target.locator)])
            self.bibliographies[lang].register(citation)  # its entry is known already: no new number
            alone = str(self.bibliographies[lang].cite(citation, lambda item: None))
            words = f"{escape(target.prefix)} " if target.prefix else ""
            parts.append(words + alone.removeprefix(prefix).removesuffix(suffix))
        return prefix + layout.get("delimiter", "; ").join(parts) + suffix

    def _original_key(self, key: str) -> str:
        """citeproc folds keys to lower case; the library keeps them as written."""
        for original in self.library.items:
            if original.lower() == key:
                return original
        return key

    def _authors(self, key: str) -> str:
        """The narrative form's names: "Schulman et al.", "周志华等"."""
        item, lang = self.library.items[key], self.library.langs[key]
        names = [name.get("family") or name.get("literal", "") for name in item.get("author") or item.get("editor") or []]
        if not names:
            return item.get("title", key)
        if len(names) == 1:
            return names[0]
        if len(names) == 2:
            return _AND[lang].join(names)
        return names[0] + _ET_AL[lang]

    def _narrative_tail(self, key: str, shown: str, lang: str) -> str:
        """A numeric style keeps its "[1]"; an author-date one shows the year: "(2017)"."""
        if self.style.numeric:
            return shown
        year = self.library.items[key].get("issued", {}).get("date-parts", [[""]])[0][0]
        return f"({year})" if year else shown


def _item(key: str, locator: str) -> CitationItem:
    if not locator:
        return CitationItem(key)
    found = _LOCATOR.match(locator)
    label = _LOCATOR_LABELS.get(found.group(1).lower(), found.group(1).lower()) if found else "page"
    return CitationItem(key, locator=Locator(label, found.group(2) if found else locator))
