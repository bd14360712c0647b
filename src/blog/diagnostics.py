"""User-facing problems: `PATH:LINE:COL: error|warning: MESSAGE`, collected, never raised raw."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    src_path: str  # relative to the site folder, posix
    line: int | None
    col: int | None
    severity: Severity
    message: str
    cell: int | None = None  # in a notebook: the cell LINE counts in (`PATH:cell N:LINE:COL`)

    def __str__(self) -> str:
        where = self.src_path
        if self.cell is not None:
            where += f":cell {self.cell}"
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        return f"{where}: {self.severity}: {self.message}"

    def sort_key(self) -> tuple:
        return (self.src_path, self.cell or 0, self.line or 0, self.col or 0, self.severity, self.message)


def error(src_path: str, line: int | None, col: int | None, message: str) -> Diagnostic:
    return Diagnostic(src_path, line, col, "error", message)


def warning(src_path: str, line: int | None, col: int | None, message: str) -> Diagnostic:
    return Diagnostic(src_path, line, col, "warning", message)


class Diagnostics:
    """An ordered, de-duplicated collection of problems found by one run."""

    def __init__(self, items: Iterable[Diagnostic] = ()) -> None:
        self._items: dict[Diagnostic, None] = dict.fromkeys(items)

    def add(self, diagnostic: Diagnostic) -> None:
        self._items[diagnostic] = None

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self._items.update(dict.fromkeys(diagnostics))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self._items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self._items if d.severity == "warning"]

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self._items)

    def sorted(self) -> list[Diagnostic]:
        return sorted(self._items, key=Diagnostic.sort_key)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


class BlogError(Exception):
    """Stops a run; carries every problem found so far so the CLI can list them all."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))
