"""Write out the marks of every page once the whole site is known: cross-references (into any
post, in the reader's language when the target has a translation) and citations.

Runs after build_site on the finished pages. A page whose output depends on other posts' labels
or on the bibliography gets those values folded into its digest, so the incremental layer
(incremental/records.py) renders it again when a number it shows changes.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass
from html import escape
from typing import Callable, NamedTuple

from ...diagnostics import Diagnostic, error
from ...render.markdown.excerpt import ExcerptLabels, cut
from ...render.markdown.headings import TocEntry
from ...render.scholarly.objects import MARK, Label, Mark, PostObjects, Target, label_kind, mark_index
from ...settings.i18n import Strings
from ..model import Page, Site
from .citations import CitationStyle, Library, PageCitations


class PostInput(NamedTuple):
    """What resolving needs to know of one source beside its page."""

    file_name: str  # NAME of NAME.md, NAME.LANG.md or the bundle NAME/
    objects: PostObjects | None
    library: Library | None  # its bibliography: the site's and its own
    style: CitationStyle | None


@dataclass(frozen=True)
class Written:
    html: str
    text: str  # for excerpts, feeds and the search index


def resolve_objects(site: Site, inputs: dict[str, PostInput]) -> list[Diagnostic]:
    """Replace the marks in every page that has some; return the dangling references and unknown keys."""
    index = _LabelIndex(site, inputs)
    problems: list[Diagnostic] = []
    for page in site.all_pages:
        given = inputs.get(page.src_path)
        if given is None or given.objects is None or not given.objects.marks:
            continue
        strings = site.languages[page.lang].strings
        citations = PageCitations(given.library, given.style, strings) \
            if given.library is not None and given.style is not None else None
        writer = _MarkWriter(page, given.objects, index, strings, citations, problems)
        writer.unformattable = given.library is not None and given.style is None
        written = writer.write_all()
        references = citations.bibliography_html() if citations else ""
        _write_marks(page, written, references, site.config.excerpt.length, strings)
    return problems


def _write_marks(page: Page, written: list[Written], references: str, excerpt_length: int, strings: Strings) -> None:
    """Put the written marks into the page's HTML and its plain texts; its digest changes with them."""
    def html(found) -> str:
        return written[mark_index(found.group(1))].html

    def text(found) -> str:
        return written[mark_index(found.group(1))].text

    page.content = MARK.sub(html, page.content) + references
    page.toc = tuple(_with_marks(entry, text) for entry in page.toc)
    derived = page.description == page.summary
    if MARK.search(page.summary):  # an automatic excerpt: cut again, "[1, 2]" is longer than its mark
        labels = ExcerptLabels(strings("excerpt_math"), strings("excerpt_formula"), strings("excerpt_code"))
        summary = MARK.sub(text, page.summary)
        shortened = summary.removesuffix("...")
        page.summary = cut(shortened, excerpt_length, labels) if len(shortened) > excerpt_length else summary
    page.description = page.summary if derived else MARK.sub(text, page.description)
    page.search_text = MARK.sub(lambda found: escape(text(found), quote=False), page.search_text)  # HTML
    shown = repr([item.html for item in written]) + references
    page.digest = hashlib.blake2b(f"{page.digest}:{shown}".encode(), digest_size=16).hexdigest()


class _LabelIndex:
    """Every page's labels, findable by the post's NAME and language."""

    def __init__(self, site: Site, inputs: dict[str, PostInput]) -> None:
        self.by_name: dict[str, list[tuple[Page, PostObjects | None]]] = {}
        for page in site.all_pages:
            given = inputs.get(page.src_path)
            objects = given.objects if given else None
            for name in {page.name, given.file_name if given else page.name}:
                self.by_name.setdefault(name, []).append((page, objects))

    def find(self, post: str, label: str, lang: str) -> tuple[Page, Label] | None:
        """The reader's language first, then the others in site order."""
        found = [(page, objects.label(label)) for page, objects in self.by_name.get(post, ()) if objects]
        found = [(page, hit) for page, hit in found if hit is not None]
        found.sort(key=lambda pair: pair[0].lang != lang)
        return found[0] if found else None

    def names(self, post: str) -> list[str]:
        return sorted({label.name for _, objects in self.by_name.get(post, ()) if objects for label in objects.labels})


class _MarkWriter:
    def __init__(self, page: Page, objects: PostObjects, index: _LabelIndex, strings: Strings,
                 citations: PageCitations | None, problems: list[Diagnostic]) -> None:
        self.page, self.objects, self.index, self.strings = page, objects, index, strings
        self.citations, self.problems = citations, problems
        self.unformattable = False  # a bibliography without a usable style: its citations stay as written

    def write_all(self) -> list[Written]:
        kinds = [self._kind(mark) for mark in self.objects.marks]
        if self.citations:
            for mark, kind in zip(self.objects.marks, kinds):
                if kind == "cite":
                    self.citations.register(mark)
        return [self._write(mark, kind) for mark, kind in zip(self.objects.marks, kinds)]

    def _kind(self, mark: Mark) -> str:
        """"ref", "cite" or "text" (a narrative `@word` on a site without bibliography)."""
        refs = [self._is_reference(target) for target in mark.targets]
        if all(refs):
            return "ref"
        if any(refs):
            target = mark.targets[refs.index(True)]
            self._error(target, f"reference: '{mark.source}' mixes references and citations "
                                f"(write them as separate groups)")
            return "text"
        if self.citations is None:
            if self.unformattable:
                return "text"  # the style's own error says why
            if mark.bracketed:
                self._error(mark.targets[0], f"citation: '{mark.source}' cites, but no bibliography is "
                                             f"set (bibliography: in site.yaml or the front matter)")
            return "text"
        known = [self.citations.knows(target.name) for target in mark.targets]
        for target, ok in zip(mark.targets, known):
            if not ok:
                hint = difflib.get_close_matches(target.name, self.citations.keys(), n=1)
                also = f" (did you mean '{hint[0]}'?)" if hint else ""
                self._error(target, f"citation: unknown key '{target.name}'{also}")
        return "cite" if all(known) else "text"

    def _is_reference(self, target: Target) -> bool:
        return bool(target.post) or label_kind(target.name) is not None or self.objects.label(target.name) is not None

    def _write(self, mark: Mark, kind: str) -> Written:
        if kind == "cite":
            html, text = self.citations.cite(mark)
            return Written(html, text)
        if kind == "text":
            return Written(escape(mark.source, quote=False), mark.source)
        parts = [self._reference(target) for target in mark.targets]
        separator = self.strings("list_separator")
        return Written(separator.join(html for html, _ in parts), separator.join(text for _, text in parts))

    def _reference(self, target: Target) -> tuple[str, str]:
        post = target.post or self.page.name
        found = (self.page, self.objects.label(target.name)) if not target.post else \
            self.index.find(post, target.name, self.page.lang)
        if found is None or found[1] is None:
            self._dangling(target)
            return '<span class="xref-missing">??</span>', "??"
        page, label = found
        text = show_label(label, self.strings)
        href = f"#{label.anchor}" if page is self.page else f"{page.url}#{label.anchor}"
        title = f' title="{escape(page.title)}"' if page is not self.page else ""
        link = f'<a class="xref" href="{escape(href)}"{title}>{escape(text)}</a>'
        if target.prefix:  # `[see @eq-a]`
            return f"{escape(target.prefix)} {link}", f"{target.prefix} {text}"
        return link, text

    def _dangling(self, target: Target) -> None:
        where = f"post '{target.post}'" if target.post else "this post"
        if target.post and target.post not in self.index.by_name:
            self._error(target, f"reference: no post named '{target.post}' (for '{target.post}:{target.name}')")
            return
        labels = self.index.names(target.post) if target.post else [label.name for label in self.objects.labels]
        hint = difflib.get_close_matches(target.name, labels, n=1)
        also = f" (did you mean '{hint[0]}'?)" if hint else ""
        self._error(target, f"reference: no label '{target.name}' in {where}{also}")

    def _error(self, target: Target, message: str) -> None:
        self.problems.append(error(self.page.src_path, target.line, target.col, message))


def show_label(label: Label, strings: Strings | Callable[[str], str]) -> str:
    """"式 (2)", "Figure 3", "定理 1": how a reference to `label` reads."""
    name = strings(f"object_{label.kind}")
    return f"{name} ({label.number})" if label.kind == "equation" else f"{name} {label.number}"


def _with_marks(entry: TocEntry, text) -> TocEntry:
    """A contents entry with its references written as text (links stay out of the contents)."""
    if not MARK.search(entry.title):
        return entry
    title = MARK.sub(text, entry.title)
    return entry._replace(title=title, html=escape(title))
