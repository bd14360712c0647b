"""Safe-load YAML and remember where every key and value stands, for line-accurate messages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

import yaml

from ..diagnostics import Diagnostic, error, warning

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


MAX_INT_DIGITS = 4000  # Python refuses to convert longer digit strings (sys.int_info.default_max_str_digits)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that leaves dates as strings: we parse them ourselves, with clear messages."""

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        digits = sum(ch.isdigit() for ch in node.value)
        if digits > MAX_INT_DIGITS:
            raise yaml.constructor.ConstructorError(None, None, f"a number of {digits} digits is too long "
                                                                f"(at most {MAX_INT_DIGITS})", node.start_mark)
        return super().construct_yaml_int(node)


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}

Path = tuple  # a key path such as ("languages", "en", "title")


@dataclass(frozen=True)
class YamlDoc:
    data: Any
    src_path: str
    key_marks: dict[Path, tuple[int, int]] = field(default_factory=dict)  # 1-based line, col
    value_marks: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def key_at(self, path: Path) -> tuple[int | None, int | None]:
        return self._nearest(self.key_marks, path)

    def value_at(self, path: Path) -> tuple[int | None, int | None]:
        return self._nearest(self.value_marks, path)

    def _nearest(self, marks: dict[Path, tuple[int, int]], path: Path) -> tuple[int | None, int | None]:
        while path:
            if path in marks:
                return marks[path]
            path = path[:-1]
        return marks.get((), (None, None))


def load_yaml(text: str, src_path: str, *, first_line: int = 1) -> tuple[YamlDoc | None, list[Diagnostic]]:
    """Parse one YAML document; `first_line` is the file line where `text` starts."""
    file_line = _file_lines(text, first_line)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (file_line(mark.line), mark.column + 1) if mark else (first_line, None)
        problem = exc.problem or exc.context or "invalid YAML"
        if mark and _char_at(text, mark.line, mark.column) == "\t":
            problem = "found a tab, and YAML does not allow tabs for indentation (use spaces)"
        if exc.context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            problem += f" ({exc.context} that starts at line {file_line(exc.context_mark.line)})"
        return None, [error(src_path, line, col, f"invalid YAML: {problem}")]
    except yaml.reader.ReaderError as exc:  # a control character such as NUL: no mark, only an offset
        line = text.count("\n", 0, exc.position) + first_line
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return None, [error(src_path, line, col, f"invalid YAML: character U+{exc.character:04X} is not allowed "
                                                 f"({exc.reason})")]
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        return None, [error(src_path, first_line, None, f"invalid YAML: {exc}")]
    finally:
        loader.dispose()
    doc = YamlDoc(data, src_path)
    problems: list[Diagnostic] = []
    doc.value_marks[()] = (first_line, 1)  # an empty document stands where it would start
    if node is not None:
        doc.value_marks[()] = (file_line(node.start_mark.line), node.start_mark.column + 1)
        _record_marks(node, (), doc, file_line, problems, set())
    return doc, problems


_YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")  # line breaks to YAML 1.1, not to editors


def _file_lines(text: str, first_line: int) -> Callable[[int], int]:
    """The file line (1-based) of a YAML mark's line (0-based): they differ after a NEL, LS or PS."""
    if not _YAML_ONLY_BREAKS.search(text):
        return lambda line: line + first_line
    file_lines = [first_line]  # of each YAML line
    for piece in re.split("(\r\n|[\n\r\x85\u2028\u2029])", text)[1::2]:
        file_lines.append(file_lines[-1] + (0 if _YAML_ONLY_BREAKS.fullmatch(piece) else 1))
    return lambda line: file_lines[min(line, len(file_lines) - 1)]


def _char_at(text: str, line: int, column: int) -> str:
    """The character at a 0-based line and column (the C loader's marks carry no text)."""
    start = 0
    for _ in range(line):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    return text[start + column:start + column + 1]


def _record_marks(node: yaml.Node, path: Path, doc: YamlDoc, file_line: Callable[[int], int],
                  problems: list[Diagnostic], visited: set[int]) -> None:
    """Each node once: an alias repeats a node, and following every repeat of nested aliases is
    exponential (a "billion laughs" of nine aliases nine deep is 387 million visits)."""
    if id(node) in visited:
        return
    visited.add(id(node))
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            key_mark = (file_line(key_node.start_mark.line), key_node.start_mark.column + 1)
            if key in seen:
                problems.append(warning(doc.src_path, *key_mark, f"duplicate key '{key}' (the last one wins)"))
            seen.add(key)
            child = (*path, key)
            doc.key_marks[child] = key_mark
            doc.value_marks[child] = (file_line(value_node.start_mark.line), value_node.start_mark.column + 1)
            _record_marks(value_node, child, doc, file_line, problems, visited)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*path, index)
            doc.value_marks[child] = (file_line(item.start_mark.line), item.start_mark.column + 1)
            _record_marks(item, child, doc, file_line, problems, visited)
