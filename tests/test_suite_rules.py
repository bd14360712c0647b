"""Rules that keep the test suite honest: it is a package whose helpers are imported by package
path, no test imports another test file or conftest.py, and no test sleeps or lets the clock decide
its verdict (a wait is on an event, a file or the server's signal)."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).parent
SOURCES = sorted(path for path in TESTS.rglob("*.py")
                 if "fixtures" not in path.relative_to(TESTS).parts[:-1])  # fixture folders hold sites, not tests


def _is_a_test_or_conftest(module: str) -> bool:
    return any(part == "conftest" or part.startswith("test_") for part in module.split("."))


def _imports_of_tests(tree: ast.AST) -> list[int]:
    """Lines that import conftest or a test_* module (`from tests.e2e import test_serve` included)."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        if any(map(_is_a_test_or_conftest, modules)):
            lines.append(node.lineno)
    return lines


CLOCK = {"sleep", "time", "time_ns", "monotonic", "monotonic_ns", "perf_counter", "perf_counter_ns"}


def _clock_uses(tree: ast.AST) -> list[int]:
    """Lines that sleep or read the clock (`time.sleep`, `from time import monotonic`, …)."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in CLOCK and isinstance(node.value, ast.Name) \
                and node.value.id == "time":
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module == "time" and any(a.name in CLOCK for a in node.names):
            lines.append(node.lineno)
    return lines


def _problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    shown = path.relative_to(TESTS.parent)
    problems = [f"{shown}:{line}: imports a test file or conftest: move what is shared into a helper module "
                "such as tests/support" for line in _imports_of_tests(tree)]
    return problems + [f"{shown}:{line}: sleeps or reads the clock: wait on an event, a file or the server's signal"
                       for line in _clock_uses(tree)]


def test_imports_go_by_package_path_and_no_test_sleeps_or_reads_the_clock():
    assert [problem for path in SOURCES for problem in _problems(path)] == []


def test_every_folder_of_tests_is_a_package():
    folders = {path.parent for path in SOURCES}
    assert sorted(str(f.relative_to(TESTS.parent)) for f in folders if not (f / "__init__.py").exists()) == []
