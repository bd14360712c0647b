"""The only reader of content/: find posts, pages and bundles, and read them into Sources.

    content/posts/NAME.md               the default language
    content/posts/NAME.LANG.md          an explicit language
    content/posts/NAME/index[.LANG].md  a bundle: the folder's other files are its assets
    content/posts/NAME/ beside NAME.md  Hexo's post asset folder: also assets of NAME
    content/pages/…                     the same forms, for standalone pages
    NAME.ipynb, or NAME.py / NAME.md with a jupytext header: a Jupyter notebook (notebooks/)
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, error, warning
from ..settings.config import LANGUAGE_CODE, SiteConfig
from .confine import refused
from .frontmatter import FrontMatter, parse_front_matter, split_front_matter
from .notebooks.execute import Execution
from .notebooks.layout import Layout
from .notebooks.reader import NOTEBOOK_SUFFIX, is_notebook, read_notebook

SECTIONS = {"posts": "post", "pages": "page"}
MARKDOWN_SUFFIXES = (".md", ".markdown")
_NOTEBOOK_HEAD = 4096  # bytes read to tell a jupytext notebook from other .py files


@dataclass(frozen=True)
class SourceFile:
    src_path: str  # e.g. content/posts/ppo.en.md
    kind: str  # "post" or "page"
    name: str  # the translation key and default slug
    lang: str | None  # from the file name; None means the default language
    assets: tuple[str, ...] = ()  # src_paths of files published beside the page
    asset_root: str = ""  # src_path of the folder the assets are relative to


@dataclass(frozen=True)
class Source:
    file: SourceFile
    front: FrontMatter
    lang: str
    body: str
    body_line: int
    digest: str  # of the whole file, for caches
    notebook: Layout | None = None  # a notebook's HTML parts around `body`
    files: tuple[tuple[str, bytes], ...] = ()  # made by the source (a notebook's plots), beside the page

    @property
    def src_path(self) -> str:
        return self.file.src_path


def _ignored(name: str) -> bool:
    return name.startswith((".", "_", "#")) or name.endswith(("~", ".swp", ".tmp"))


def discover_sources(site_dir: Path, config: SiteConfig) -> tuple[list[SourceFile], list[Diagnostic]]:
    files: list[SourceFile] = []
    problems: list[Diagnostic] = []
    content = site_dir / "content"
    if not content.is_dir():
        return files, [warning("content", None, None, "no content/ folder: the site has no posts")]
    for entry in sorted(os.scandir(content), key=lambda e: e.name):
        if _ignored(entry.name):
            continue
        if entry.is_dir() and entry.name in SECTIONS:
            _scan(Path(entry.path), f"content/{entry.name}", SECTIONS[entry.name], config, files, problems,
                  site_dir.resolve())
        elif entry.name.endswith(MARKDOWN_SUFFIXES):
            problems.append(warning(f"content/{entry.name}", None, None,
                                    "not inside content/posts/ or content/pages/; ignored"))
    return files, problems


def _scan(folder: Path, rel: str, kind: str, config: SiteConfig,
          files: list[SourceFile], problems: list[Diagnostic], site_root: Path) -> None:
    entries = _allowed(folder, rel, site_root, problems)
    sources = {e.name for e in entries if _is_source(e)}
    markdown_stems = {_split_name(name)[0] for name in sources}
    folders = {e.name for e in entries if e.is_dir()}
    for entry in entries:
        src_path = f"{rel}/{entry.name}"
        if entry.is_dir():
            indexes = [e for e in os.scandir(entry.path) if e.is_file() and _is_index(e.name)]
            if indexes:
                assets = _assets(Path(entry.path), src_path, site_root, problems)
                for index in sorted(indexes, key=lambda e: e.name):
                    lang = _file_language(f"{src_path}/{index.name}", _split_name(index.name)[1], config, problems)
                    files.append(SourceFile(f"{src_path}/{index.name}", kind, entry.name, lang, assets, src_path))
            elif entry.name not in markdown_stems:
                _scan(Path(entry.path), src_path, kind, config, files, problems, site_root)
        elif entry.name in sources:
            stem, suffix = _split_name(entry.name)
            lang = _file_language(src_path, suffix, config, problems)
            assets = _assets(folder / stem, f"{rel}/{stem}", site_root, problems) if stem in folders else ()
            files.append(SourceFile(src_path, kind, stem, lang, assets, f"{rel}/{stem}" if assets else ""))


def _is_index(name: str) -> bool:
    stem, _ = _split_name(name)
    return stem == "index" and name.endswith((*MARKDOWN_SUFFIXES, NOTEBOOK_SUFFIX))


def _is_source(entry: os.DirEntry) -> bool:
    if entry.name.endswith((*MARKDOWN_SUFFIXES, NOTEBOOK_SUFFIX)):
        return entry.is_file()
    if entry.name.endswith(".py") and entry.is_file():
        with open(entry.path, "rb") as file:
            return is_notebook(entry.name, file.read(_NOTEBOOK_HEAD))
    return False


def _split_name(file_name: str) -> tuple[str, str | None]:
    """'ppo.en.md' -> ('ppo', 'en'); 'gpt-3.5.md' -> ('gpt-3.5', None): only code-like suffixes count."""
    stem = file_name.rsplit(".", 1)[0]
    base, dot, suffix = stem.rpartition(".")
    if dot and base and LANGUAGE_CODE.match(suffix):
        return base, suffix
    return stem, None


def _file_language(src_path: str, suffix: str | None, config: SiteConfig, problems: list[Diagnostic]) -> str | None:
    if suffix is None or suffix in config.languages:
        return suffix
    problems.append(error(src_path, None, None, f"unknown language '{suffix}' in the file name "
                                                f"(languages in site.yaml: {', '.join(config.languages)})"))
    return None


def _allowed(folder: Path, rel: str, site_root: Path, problems: list[Diagnostic]) -> list[os.DirEntry]:
    """The folder's entries, sorted, without ignored names and refused links (confine.py)."""
    kept = []
    for entry in sorted((e for e in os.scandir(folder) if not _ignored(e.name)), key=lambda e: e.name):
        problem = refused(Path(entry.path), site_root, f"{rel}/{entry.name}")
        if problem:
            problems.append(problem)
        else:
            kept.append(entry)
    return kept


def _assets(folder: Path, rel: str, site_root: Path, problems: list[Diagnostic]) -> tuple[str, ...]:
    found = []
    for entry in _allowed(folder, rel, site_root, problems):
        if entry.is_dir():
            found.extend(_assets(Path(entry.path), f"{rel}/{entry.name}", site_root, problems))
        elif not _is_index(entry.name):
            found.append(f"{rel}/{entry.name}")
    return tuple(found)


def read_raw(site_dir: Path, file: SourceFile) -> bytes:
    return (site_dir / file.src_path).read_bytes()


def source_key(file: SourceFile, raw: bytes, config: SiteConfig, execution: Execution | None = None) -> str:
    """Everything parse_source's result depends on: the file, its bytes, the languages, the size
    limit, the Markdown HTML setting (a notebook's HTML outputs) and whether notebooks are executed."""
    digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
    notebook = f"|{config.markdown.html}|{execution.key() if execution else ''}" \
        if is_notebook(file.src_path, raw[:_NOTEBOOK_HEAD]) else ""
    return f"{file!r}|{digest}|{config.default_language}|{','.join(config.languages)}|{config.limits.file_kb}{notebook}"


def parse_source(file: SourceFile, raw: bytes, config: SiteConfig,
                 execution: Execution | None = None) -> tuple[Source | None, list[Diagnostic]]:
    limit = config.limits.file_kb * 1024
    if len(raw) > limit:  # reported at the line where the limit is crossed
        return None, [error(file.src_path, raw.count(b"\n", 0, limit) + 1, None,
                            f"the file is {-(-len(raw) // 1024)} KB, over limits.file_kb ({config.limits.file_kb} KB) "
                            f"from this line on; raise the limit in site.yaml if it is meant to be this big")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        return None, [error(file.src_path, line, None, f"not UTF-8 text ({exc.reason})")]
    notebook = None
    if is_notebook(file.src_path, raw[:_NOTEBOOK_HEAD]):
        notebook, problems = read_notebook(file.src_path, text, require_date=file.kind == "post",
                                           html_allowed=config.markdown.html, execution=execution)
        if notebook is None:
            return None, problems
        front, body, body_line = notebook.front, notebook.body, 1
    else:
        split = split_front_matter(text)
        front, problems = parse_front_matter(split, file.src_path, require_date=file.kind == "post")
        if front is None:
            return None, problems
        body, body_line = split.body, split.body_line
    lang = front.lang or file.lang or config.default_language
    if front.lang and front.lang not in config.languages:
        problems.append(error(file.src_path, *front.lang_at,
                              f"lang: '{front.lang}' is not one of languages ({', '.join(config.languages)})"))
        return None, problems
    digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
    if notebook is None:
        return Source(file, front, lang, body, body_line, digest), problems
    return Source(file, front, lang, body, body_line, digest, notebook.layout, notebook.files), problems
