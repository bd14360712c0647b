"""The wheel carries the built-in theme, the math font and the live-reload script, so a site
without its own templates builds from an installed blog."""

import subprocess
import sys
import zipfile

from tests.support.paths import REPO


def test_the_wheel_ships_the_theme(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(REPO)],
                   check=True, capture_output=True, timeout=300)
    wheel = next(tmp_path.glob("blog-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = {f"blog/theme/{p.relative_to(REPO).as_posix()}" for p in (REPO / "templates").rglob("*") if p.is_file()}
    static = {f"blog/theme/{p.relative_to(REPO).as_posix()}" for p in (REPO / "static").rglob("*") if p.is_file()}
    assert templates and templates <= names
    assert static and static <= names
    assert {"blog/commands/live.js", "blog/output/fonts/STIXTwoMath-Regular.ttf", "blog/render/texmath/__init__.py"} <= names
