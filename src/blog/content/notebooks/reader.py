"""A notebook file's bytes -> a post: front matter, a Markdown body, its layout and its files.

Reads `.ipynb` with nbformat, and jupytext text notebooks (`NAME.py`, `NAME.md` whose header
holds `jupytext:` metadata) with jupytext. Stored outputs are used unless execution is asked for.
"""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass
from typing import Any

from ...diagnostics import Diagnostic, error, warning
from ..frontmatter import FrontMatter
from .execute import Execution, execute_notebook
from .front import notebook_front_matter
from .layout import Layout, lay_out

NOTEBOOK_SUFFIX = ".ipynb"
_JUPYTEXT_HEADER = {
    ".py": re.compile(r"\A(?:#!.*\n)?(?:#.*\n)*?# ---\s*\n(?:#.*\n)*?#\s+jupytext:", re.MULTILINE),
    ".md": re.compile(r"\A---\s*\n(?:(?!---\s*$).*\n)*?\s+jupytext:", re.MULTILINE),  # within the header
}


@dataclass(frozen=True)
class NotebookPost:
    front: FrontMatter
    body: str
    layout: Layout
    files: tuple[tuple[str, bytes], ...]  # (name beside the page, data)


def is_notebook(src_path: str, head: bytes) -> bool:
    """`head`: the file's first bytes, enough for a jupytext header."""
    if src_path.endswith(NOTEBOOK_SUFFIX):
        return True
    suffix = src_path[src_path.rfind("."):]
    pattern = _JUPYTEXT_HEADER.get(suffix)
    return bool(pattern and pattern.search(head.decode("utf-8", "replace")))


def read_notebook(src_path: str, text: str, *, require_date: bool, html_allowed: bool,
                  execution: Execution | None) -> tuple[NotebookPost | None, list[Diagnostic]]:
    notebook, problems = _parse(src_path, text)
    if notebook is None:
        return None, problems
    cells = list(notebook.cells)
    found, front_problems = notebook_front_matter(cells, dict(notebook.metadata), text, src_path,
                                                  require_date=require_date)
    problems += front_problems
    if found is None:
        return None, problems
    if execution is not None and (execution.requested or found.execute):
        problems += execute_notebook(notebook, src_path, execution)
        cells = list(notebook.cells)
    first_cell, first_line = 1, 1
    if found.in_first_cell and found.rest is not None:
        cells, first_line = [{"cell_type": "markdown", "source": found.rest}, *cells[1:]], found.rest_line
    elif found.in_first_cell:
        cells, first_cell = cells[1:], 2
    laid = lay_out(cells, first_cell=first_cell, first_line=first_line, language=_language(notebook.metadata),
                   src_path=src_path, html_allowed=html_allowed)
    post = NotebookPost(found.front, laid.body, laid.layout, tuple(laid.files))
    return post, problems + laid.problems


def _parse(src_path: str, text: str) -> tuple[Any | None, list[Diagnostic]]:
    if not src_path.endswith(NOTEBOOK_SUFFIX):
        import jupytext

        try:
            return jupytext.reads(text, fmt=src_path[src_path.rfind(".") + 1:]), []
        except Exception as exc:  # jupytext raises many kinds for a malformed header
            return None, [error(src_path, None, None, f"not a jupytext notebook ({exc})")]
    import nbformat

    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [error(src_path, exc.lineno, exc.colno, f"not a notebook: invalid JSON ({exc.msg})")]
    with warnings.catch_warnings():  # nbformat warns about missing cell ids, which nothing here needs
        warnings.simplefilter("ignore")
        try:
            notebook = nbformat.reads(text, as_version=4)
        except Exception as exc:  # nbformat's reader errors share no base class
            return None, [error(src_path, 1, 1, f"not a notebook ({exc})")]
        try:
            nbformat.validate(notebook)
        except nbformat.ValidationError as exc:  # shown as far as it can be, as Jupyter does
            return notebook, [warning(src_path, None, None, f"not a valid notebook: {exc.message}")]
    return notebook, []


def _language(metadata: Any) -> str:
    """The kernel's language names the code blocks' highlighting."""
    kernel = metadata.get("kernelspec") or {}
    info = metadata.get("language_info") or {}
    return str(kernel.get("language") or info.get("name") or "python").lower()
