"""Citations and the references list of one page, formatted by citeproc-py with a CSL style.

Per-entry language: the page's citations are registered twice, with the style in an English and
in a Chinese locale (the same order, so the same numbers), and each entry is taken from the
locale of its own language: "et al." for English entries, "等" for Chinese ones, on any page.
A group is written in its first entry's locale with each item between markers; each item is then
taken from its own entry's locale ("页 5" beside "p. 3") and linked to that entry.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape, unescape
from pathlib import Path

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, Locator, formatter
from citeproc.source.json import CiteProcJSON

from ...render.scholarly.objects import Mark, Target
from ...settings.i18n import Strings
from .bibliography import Library
from .locators import split_locator

BUILTIN_STYLES = {"numeric": "numeric.csl", "author-date": "author-date.csl"}
LOCALES = {"en": "en-US", "zh": "zh-CN"}
_OPEN, _SEP, _CLOSE = "\ue030", "\ue031", "\ue032"  # around each item of a group as citeproc writes it
_MARKED = re.compile(f"{_OPEN}(\\d+){_SEP}(.*?){_CLOSE}", re.DOTALL)
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

    def __init__(self, library: Library, style: CitationStyle, strings: Strings) -> None:
        self.library, self.style, self.strings = library, style, strings  # strings: the page's language
        self.marks: list[Mark] = []
        self.citations: dict[int, dict[str, Citation]] = {}
        self.bibliographies: dict[str, CitationStylesBibliography] | None = None
        self.backlinks: dict[str, list[tuple[str, int]]] = {}  # key -> (anchor, citation number)

    def knows(self, key: str) -> bool:
        return key in self.library.items

    def keys(self) -> list[str]:
        return list(self.library.items)

    def register(self, mark: Mark) -> None:
        self.marks.append(mark)

    def cite(self, mark: Mark) -> tuple[str, str]:
        """(HTML, plain text) of one citation mark; the first call formats them all. Each item of a
        group links to its own entry: "[<a>1</a>, <a>3</a>]", never collapsed to a range."""
        if self.bibliographies is None:
            self._prepare()
        number = self.marks.index(mark) + 1
        langs = [self.library.langs[target.name] for target in mark.targets]
        written = {lang: self._written(number, lang) for lang in dict.fromkeys(langs)}
        group = written[langs[0]]
        if mark.bracketed:
            items = self._items(mark, langs, written)
        else:
            first = mark.targets[0].name
            tail = self._narrative_tail(first, _MARKED.sub(lambda found: found.group(2), group))
            items = [(0, f"{escape(self._authors(first))} {tail}")]
        links = []
        for position, (index, shown) in enumerate(items):
            anchor = f"cite-{number}" if position == 0 else f"cite-{number}-{position + 1}"
            self.backlinks.setdefault(mark.targets[index].name, []).append((anchor, number))
            links.append(_item_html(mark.targets[index], anchor, shown))
        pieces = iter(links)
        shown = _MARKED.sub(lambda found: next(pieces), group) if mark.bracketed else links[0]
        return f'<span class="citation">{shown}</span>', unescape(_TAGS.sub("", shown))

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
                f' <a class="ref-backlink" href="#{anchor}" aria-label="'
                f'{escape(self.strings("cited_at", number=number))}">↩</a>'
                for anchor, number in self.backlinks.get(original, []))
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
                citation = Citation([_item(target, index) for index, target in enumerate(mark.targets)])
                bibliography.register(citation)
                self.citations[number][lang] = citation
        for bibliography in self.bibliographies.values():
            bibliography.sort()

    def _written(self, number: int, lang: str) -> str:
        """The style's text of mark `number` in `lang`'s locale, each item between markers."""
        return str(self.bibliographies[lang].cite(self.citations[number][lang], lambda item: None))

    def _items(self, mark: Mark, langs: list[str], written: dict[str, str]) -> list[tuple[int, str]]:
        """(index in the mark, the item's text in its own entry's language: "页 5" or "p. 5"), in the
        style's order; in the author's when the group has words of the author's ("see", ", and
        passim"), or when an author-date group mixes languages (its sort keys, CJK code points beside
        Latin letters, mean nothing)."""
        texts = {lang: {int(found.group(1)): found.group(2) for found in _MARKED.finditer(text)}
                 for lang, text in written.items()}
        order = [int(found.group(1)) for found in _MARKED.finditer(written[langs[0]])]
        words = any(target.prefix or split_locator(target.locator).suffix for target in mark.targets)
        if words or (len(set(langs)) > 1 and not self.style.numeric):
            order.sort()
        return [(index, texts[langs[index]][index]) for index in order]

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

    def _narrative_tail(self, key: str, shown: str) -> str:
        """A numeric style keeps its "[1]"; an author-date one shows the year: "(2017)"."""
        if self.style.numeric:
            return shown
        year = self.library.items[key].get("issued", {}).get("date-parts", [[""]])[0][0]
        return f"({year})" if year else shown


def _item(target: Target, index: int) -> CitationItem:
    """The item between markers, so that its text can be found (and linked) in the group's."""
    part = split_locator(target.locator)
    marks = {"prefix": f"{_OPEN}{index}{_SEP}", "suffix": _CLOSE}
    if part.value:
        return CitationItem(target.name, locator=Locator(part.label, part.value), **marks)
    return CitationItem(target.name, **marks)


def _item_html(target: Target, anchor: str, shown: str) -> str:
    """The author's words before the item, the link to its entry, the words after its locator."""
    words = f"{escape(target.prefix)} " if target.prefix else ""
    suffix = escape(split_locator(target.locator).suffix, quote=False)
    return f'{words}<a id="{anchor}" href="#ref-{escape(target.name)}">{shown}</a>{suffix}'
