"""The parts of src/blog/ depend on each other one way only (README, "The code")."""

import ast
from pathlib import Path

import blog
from blog.render.markdown.anchors import SCHEMES
from blog.settings.config import HEADING_ID_SCHEMES

PACKAGE = Path(blog.__file__).parent
PARTS = ("settings", "content", "render", "site", "output", "incremental", "pipeline", "commands")
# What each part may not import. diagnostics.py is shared by all.
FORBIDDEN = {
    "settings": {"content", "render", "site", "output", "incremental", "pipeline", "commands"},
    "content": {"render", "site", "output", "incremental", "pipeline", "commands"},
    "render": {"site", "output", "incremental", "pipeline", "commands"},
    "site": {"output", "incremental", "pipeline", "commands"},
    "output": {"incremental", "pipeline", "commands"},
    "incremental": {"pipeline", "commands"},
    "pipeline": {"commands"},
    "commands": set(),
}


def imports_between_parts() -> list[tuple[str, str, str, int]]:
    """(module file, its part, the part it imports, line) for every import of blog code."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if len(relative.parts) == 1:
            continue  # __init__, __main__, diagnostics: the shared top
        package = ["blog", *relative.parts[:-1]]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level:
                target = [*package[:len(package) - node.level + 1], *(node.module.split(".") if node.module else [])]
            else:
                target = (node.module or "").split(".")
            if target[0] == "blog" and len(target) > 1:
                found.append((relative.as_posix(), relative.parts[0], target[1], node.lineno))
    return found


def test_every_module_belongs_to_a_part():
    assert sorted(path.name for path in PACKAGE.iterdir() if path.suffix == ".py") == \
        ["__init__.py", "__main__.py", "diagnostics.py"]
    assert sorted(path.name for path in PACKAGE.iterdir() if path.is_dir() and path.name != "__pycache__") == \
        sorted(PARTS)


def test_no_part_imports_a_part_it_must_not_know():
    found = imports_between_parts()
    assert len(found) > 100  # the scan sees the package's imports
    assert [f"{module}:{line}: {part} imports {other}" for module, part, other, line in found
            if other in FORBIDDEN[part]] == []


def test_the_settings_name_every_heading_id_scheme_the_renderer_makes():
    assert HEADING_ID_SCHEMES == ("blog", *SCHEMES)
