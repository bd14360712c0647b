"""Read one post or page of a Hexo or Hugo blog into a Document, and walk a blog's folders the way
those tools do (hidden files, editor backups and `node_modules` are never content)."""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path
from typing import Iterator

from ...content.confine import refusal
from .frontmatter import FrontContext, convert_front_matter, normalize_date
from .metadata import read_front_matter
from .plan import Blog, Document, our_language

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")
_DATED_NAME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})[-_ ]")
_CJK = re.compile(r"[\u3400-\u9fff]")


def is_markdown(path: Path) -> bool:
    return path.suffix.lower() in MARKDOWN_SUFFIXES


def ignored(name: str) -> bool:
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".tmp")) or name in ("node_modules", "Thumbs.db")


def walk_files(folder: Path, blog: Blog) -> Iterator[Path]:
    """Every file below `folder`, sorted, skipping ignored names and links that leave the blog,
    lead nowhere or to a folder (confine.py; each noted once in blog.problems)."""
    blog_root = blog.root.resolve()
    for root, dirs, names in os.walk(folder):
        refused = {}
        for name in dirs + names:
            if not ignored(name) and (reason := refusal(Path(root) / name, blog_root, inside="the blog")):
                refused[name] = reason
                if (Path(root) / name, None, reason) not in blog.problems:  # folders are walked more than once
                    blog.problems.append((Path(root) / name, None, reason))
        dirs[:] = sorted(d for d in dirs if not ignored(d) and d not in refused)
        for name in sorted(names):
            if not ignored(name) and name not in refused:
                yield Path(root) / name


def read_text(path: Path) -> tuple[str | None, str | None]:
    """The file's text and a note: UTF-8, else GB18030 (older Chinese Windows editors)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror})"
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "is not UTF-8; it was read as GB18030 and written as UTF-8"
    except UnicodeDecodeError:
        return None, "is not UTF-8 text; not imported; save it as UTF-8 and import again"


def read_document(blog: Blog, path: Path, *, kind: str, stem: str, draft: bool = False,
                  lang: str | None = None) -> Document | None:
    """A Document with its front matter converted; None (and a problem) when unreadable."""
    text, note = read_text(path)
    if note:
        blog.problems.append((path, None, note))
    if text is None:
        return None
    front_matter = read_front_matter(text, hexo=blog.kind == "hexo")
    raw = front_matter.data
    if lang is None:
        lang_value = raw.get("lang") or raw.get("language")
        lang = our_language(lang_value) if isinstance(lang_value, str) else None
    dated = _DATED_NAME.match(stem)
    fallback = normalize_date(dated.group(1)) if dated else None
    if fallback is None:
        fallback = datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M:%S")
    context = FrontContext(blog.kind, kind, stem, fallback, dated is None, draft)
    front, notes = convert_front_matter(raw, context)
    if front_matter.problem:
        notes.insert(0, ("title", f"front matter: {front_matter.problem}; check the result"))
    return Document(
        abs_src_path=path,
        src_rel=path.relative_to(blog.root).as_posix(),
        kind=kind,
        stem=stem,
        lang=lang,
        raw=raw,
        body=front_matter.body,
        front=front,
        notes=notes,
    )


def as_page(doc: Document) -> None:
    """A post found to be a standalone page: a page needs no date, so none is made up for it."""
    doc.kind = "page"
    if any(key == "date" and message.startswith("no date") for key, message in doc.notes):
        doc.front.pop("date", None)
        doc.notes = [(key, message) for key, message in doc.notes if key != "date"]


def used_languages(documents: list[Document], default: str) -> dict[str, dict[str, str]]:
    """The blog's languages in our terms, the default first."""
    codes = [default] + sorted({doc.lang for doc in documents if doc.lang and doc.lang != default})
    return {code: {} for code in codes}


def guess_language(documents: list[Document]) -> str:
    """'zh' when most posts are written in Chinese, else 'en'."""
    chinese = sum(1 for doc in documents if len(_CJK.findall(doc.body[:2000])) > 20)
    return "zh" if chinese * 2 >= len(documents) else "en"


def count_code_math(documents: list[Document]) -> int:
    """How many `$…$` code spans the posts hold (math in backticks, the blogdown habit)."""
    return sum(len(re.findall(r"(?<!`)`\$[^`\n]+\$`(?!`)", doc.body)) for doc in documents)
