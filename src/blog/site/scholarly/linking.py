"""link_objects: gather what resolve.py needs (each post's labels, bibliography and citation
style) and resolve every page's references and citations."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import etree

from ...content.sources import Source
from ...diagnostics import Diagnostic, error
from ...render.markdown.render import Rendered
from ...settings.config import SiteConfig
from ..model import Site
from .bibliography import Library, load_library
from .citations import BUILTIN_STYLES, LOCALES, CitationStyle
from .resolve import PostInput, resolve_objects


def link_objects(site_dir: Path, config: SiteConfig, site: Site,
                 rendered: list[tuple[Source, Rendered, str]]) -> list[Diagnostic]:
    loader = _Loader(site_dir)
    site_library = loader.library(config.bibliography, "site.yaml") if config.bibliography else None
    site_style = loader.style(config.csl, "site.yaml")
    inputs = {}
    for source, result, _ in rendered:
        if result.objects is None:
            continue
        extra = source.front.extra
        library = site_library
        for src_path in _paths(extra.get("bibliography"), source, loader):
            own = loader.library(src_path, source.src_path)
            library = own if library is None else library.merged(own)
        style = loader.style(str(extra["csl"]), source.src_path) if "csl" in extra else site_style
        inputs[source.src_path] = PostInput(source.file.name, result.objects, library, style)
    return [*loader.problems, *resolve_objects(site, inputs)] if inputs else loader.problems


def _paths(value: Any, source: Source, loader: _Loader) -> list[str]:
    """A post's `bibliography:` (one file or a list), relative to the post's folder."""
    if value is None:
        return []
    names = value if isinstance(value, list) else [value]
    if not all(isinstance(name, str) for name in names):
        loader.problems.append(error(source.src_path, None, None,
                                     f"bibliography: expected a file name or a list of them, got {value!r}"))
        return []
    folder = source.src_path.rsplit("/", 1)[0]
    return [f"{folder}/{name}" for name in names]


class _Loader:
    """Reads each .bib and .csl file once per build; remembers the problems."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.problems: list[Diagnostic] = []
        self._libraries: dict[str, Library] = {}
        self._styles: dict[str, CitationStyle | None] = {}

    def library(self, src_path: str, named_in: str) -> Library:
        if src_path not in self._libraries:
            if not (self.site_dir / src_path).is_file():
                self.problems.append(error(named_in, None, None, f"bibliography: no file '{src_path}'"))
                self._libraries[src_path] = Library()
            else:
                self._libraries[src_path], problems = load_library(self.site_dir, src_path)
                self.problems.extend(problems)
        return self._libraries[src_path]

    def style(self, name: str, named_in: str) -> CitationStyle | None:
        if name not in self._styles:
            self._styles[name] = self._load_style(name, named_in)
        return self._styles[name]

    def _load_style(self, name: str, named_in: str) -> CitationStyle | None:
        if name in BUILTIN_STYLES:
            return CitationStyle.builtin(name)
        path = self.site_dir / name
        if not name.endswith(".csl") or not path.is_file():
            self.problems.append(error(named_in, None, None, f"csl: '{name}' is neither a built-in style "
                                       f"({', '.join(BUILTIN_STYLES)}) nor a .csl file of the site"))
            return None
        try:
            style = CitationStyle(path)
            for lang in LOCALES:
                style.in_locale(lang)  # parsed now, so a broken file is reported here with its line
        except etree.XMLSyntaxError as exc:
            reason = re.sub(r", line \d+, column \d+$", "", exc.msg)  # the position is in the prefix already
            self.problems.append(error(name, exc.lineno, exc.position[1] or None, f"csl: not XML: {reason}"))
            return None
        except (AttributeError, KeyError, LookupError, TypeError, ValueError) as exc:
            self.problems.append(error(name, None, None, f"csl: not a CSL 1.0 style ({exc!r})"))
            return None
        return style
