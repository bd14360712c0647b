"""A notebook's front matter: a first raw or Markdown cell holding a `---` YAML block (as Quarto
and fastpages write it), or the `blog` key of the notebook's metadata. The keys and checks are
those of Markdown posts; problems in the cell name it (`PATH:cell 1:LINE:COL`), problems in
the metadata name the file line of the key."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

import yaml

from ...diagnostics import Diagnostic, error
from ..frontmatter import FrontMatter, SplitSource, parse_front_matter, split_front_matter


@dataclass(frozen=True)
class NotebookFront:
    front: FrontMatter
    in_first_cell: bool  # else in the metadata
    rest: str | None = None  # the first cell's Markdown after the block, if any
    rest_line: int = 1  # the cell line `rest` starts on
    execute: bool = False  # `execute: true`: run it even without --execute


def notebook_front_matter(cells: list[dict[str, Any]], metadata: dict[str, Any], text: str, src_path: str,
                          *, require_date: bool) -> tuple[NotebookFront | None, list[Diagnostic]]:
    """`text` is the notebook file, for the lines of metadata keys."""
    first = cells[0] if cells else None
    if first is not None and first.get("cell_type") in ("raw", "markdown"):
        source = _text(first.get("source"))
        split = split_front_matter(source)
        if split.yaml_text is not None:
            front, problems = parse_front_matter(split, src_path, require_date=require_date)
            problems = [replace(problem, cell=1) for problem in problems]
            rest = split.body if first.get("cell_type") == "markdown" and split.body.strip() else None
            if front is None:
                return None, problems
            execute, problem = _execute_flag(front, src_path, _line_of("execute", source, 0), cell=1)
            return (NotebookFront(front, True, rest, split.body_line, execute) if problem is None else None), \
                problems + ([problem] if problem else [])
    blog = metadata.get("blog")
    if blog is not None:
        return _from_metadata(blog, text, src_path, require_date=require_date)
    missing = error(src_path, None, None, "no front matter (expected a first cell holding a '---' block, "
                                          "or 'blog' in the notebook's metadata, with at least a title"
                                          + (" and a date)" if require_date else ")"))
    return None, [replace(missing, cell=1)]


def _from_metadata(blog: Any, text: str, src_path: str, *, require_date: bool) -> tuple[NotebookFront | None, list[Diagnostic]]:
    key_line = _line_of("blog", text, 0)
    if not isinstance(blog, dict):
        return None, [error(src_path, key_line, None, "blog: expected a mapping of front matter keys")]
    # Each key dumped on its own lines, so each problem's YAML line leads back to its key in the file.
    yaml_text, lines = "", []
    start = max(text.find("blog"), 0)
    for key, value in blog.items():
        dumped = yaml.safe_dump({key: value}, allow_unicode=True, default_flow_style=False, width=1 << 20)
        yaml_text += dumped
        lines += [_line_of(str(key), text, start) or key_line] * dumped.count("\n")
    front, problems = parse_front_matter(SplitSource(yaml_text, 1, "", 1), src_path, require_date=require_date)
    problems = [replace(problem, line=lines[problem.line - 1] if problem.line and problem.line <= len(lines) else key_line,
                        col=None) for problem in problems]
    if front is None:
        return None, problems
    execute, problem = _execute_flag(front, src_path, _line_of("execute", text, start), cell=None)
    return (NotebookFront(front, False, execute=execute) if problem is None else None), problems + ([problem] if problem else [])


def _execute_flag(front: FrontMatter, src_path: str, line: int | None, *, cell: int | None) -> tuple[bool, Diagnostic | None]:
    value = front.extra.get("execute", False)
    if isinstance(value, bool):
        return value, None
    return False, replace(error(src_path, line, None, f"execute: expected true or false, got {value!r}"), cell=cell)


def _line_of(key: str, text: str, start: int) -> int | None:
    """The file line of `"key":` (JSON) or `key:` (a jupytext YAML header) at or after `start`."""
    found = re.compile(rf'(?:"{re.escape(key)}"|\b{re.escape(key)})\s*:').search(text, start)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")
