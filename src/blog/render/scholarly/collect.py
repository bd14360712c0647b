"""PostCollector: one post's labels and marks, gathered while its Markdown is parsed (env["objects"])."""

from __future__ import annotations

from collections import Counter
from typing import Mapping

from ...diagnostics import Diagnostic, error
from .objects import Label, Mark, PostObjects, mark_text


class PostCollector:
    """Numbers objects per kind in document order; duplicate labels are errors naming both places."""

    def __init__(self, src_path: str, body_line: int, names: Mapping[str, str]) -> None:
        self.src_path = src_path
        self.body_line = body_line
        self.names = names  # object names of the post's language: "theorem" -> "定理"
        self.labels: list[Label] = []
        self.marks: list[Mark] = []
        self.diagnostics: list[Diagnostic] = []
        self._counts: Counter[str] = Counter()

    def name(self, kind: str) -> str:
        return self.names.get(kind, kind.capitalize())

    def number(self, kind: str) -> str:
        """The next number of `kind` in this post."""
        self._counts[kind] += 1
        return str(self._counts[kind])

    def define(self, name: str, kind: str, number: str, anchor: str, body_line: int, col: int) -> None:
        line = self.body_line + body_line
        for other in self.labels:
            if other.name == name:
                self.diagnostics.append(error(self.src_path, line, col, f"label '{name}' is defined twice "
                                              f"(first at {self.src_path}:{other.line}:{other.col})"))
                return
        self.labels.append(Label(name, kind, number, anchor, line, col))

    def mark(self, mark: Mark) -> str:
        """The text that stands for `mark` until resolve.py writes it out."""
        self.marks.append(mark)
        return mark_text(len(self.marks) - 1)

    def finish(self, equations: list[Label]) -> PostObjects | None:
        """`equations` come from the math pass, which numbers them after parsing."""
        known = {label.name for label in self.labels}
        labels = [*self.labels, *(label for label in equations if label.name not in known)]
        if not labels and not self.marks:
            return None
        return PostObjects(tuple(labels), tuple(self.marks))
