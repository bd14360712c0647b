"""`blog build --execute` (or `execute: true`): run a notebook's code with its kernel (nbclient,
the optional `execute` extra) and keep the outputs of each code cell under the hash of its source
and the code cells before it. An edit to a Markdown cell changes no key, so it starts no kernel;
an unchanged notebook executes nothing; an edit to code runs the notebook again.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ...diagnostics import Diagnostic, error

CELL_TIMEOUT = 600  # seconds a single cell may run


@dataclass(frozen=True)
class Execution:
    requested: bool  # --execute: every notebook; otherwise only those with `execute: true`
    site_dir: Path
    cache_dir: Path | None  # None: --no-cache, outputs are not kept

    def key(self) -> str:
        """What a parsed notebook depends on besides its bytes, for the source cache."""
        return f"execute={self.requested}"


def execute_notebook(notebook: Any, src_path: str, execution: Execution) -> list[Diagnostic]:
    """Fill `notebook`'s code cells with fresh outputs, from the cache when every cell is there."""
    code = [(index, cell) for index, cell in enumerate(notebook.cells) if cell.get("cell_type") == "code"]
    keys = _cell_keys(notebook, [cell for _, cell in code])
    cache = _OutputCache(execution.cache_dir)
    known = [cache.get(key) for key in keys]
    if all(outputs is not None for outputs in known):
        for (_, cell), outputs in zip(code, known):
            cell["outputs"] = outputs
        return []
    problems = _run(notebook, code, src_path, (execution.site_dir / src_path).parent)
    if not problems:
        for key, (_, cell) in zip(keys, code):
            cache.put(key, cell.get("outputs", []))
    return problems


def _cell_keys(notebook: Any, cells: list[Any]) -> list[str]:
    kernel = (notebook.metadata.get("kernelspec") or {}).get("name", "")
    chain = hashlib.blake2b(f"kernel:{kernel}".encode(), digest_size=16)
    keys = []
    for cell in cells:
        source = cell.get("source")
        chain.update(b"\0" + ("".join(source) if isinstance(source, list) else str(source)).encode("utf-8", "surrogatepass"))
        keys.append(chain.copy().hexdigest())
    return keys


def _run(notebook: Any, code: list[tuple[int, Any]], src_path: str, cwd: Path) -> list[Diagnostic]:
    try:
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError
    except ImportError:
        return [error(src_path, None, None, "execute: running notebooks needs the optional extra "
                                            "(pip install 'blog[execute]')")]
    kernel = (notebook.metadata.get("kernelspec") or {}).get("name") or "python3"
    client = NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name=kernel,
                            resources={"metadata": {"path": str(cwd)}})
    current: int | None = None  # the index of the cell running; None while the kernel starts
    try:
        with client.setup_kernel(stderr=subprocess.DEVNULL):  # its log lines are not the build's
            for current, cell in code:
                client.execute_cell(cell, current)
    except Exception as exc:  # a cell that raises, or a kernel that is missing, dies or times out
        if isinstance(exc, CellExecutionError):
            message = f"the cell raised {exc.ename}: {exc.evalue} (tag it 'raises-exception' if that is meant)"
        else:
            message = f"{type(exc).__name__}: {exc}".rstrip(": ")
        return [replace(error(src_path, None, None, f"execute: {message}"),
                        cell=None if current is None else current + 1)]
    return []


class _OutputCache:
    """One JSON file per key in .blog-cache/notebooks/ (a missing or unreadable file is a miss)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def get(self, key: str) -> list[Any] | None:
        if self.folder is None:
            return None
        try:
            return json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, key: str, outputs: list[Any]) -> None:
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / f"{key}.json").write_text(json.dumps(outputs), encoding="utf-8")
        except OSError:
            pass  # the next build runs the kernel again; nothing is wrong with this one
