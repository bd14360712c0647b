"""Full-text search without a server: Pagefind's extended build indexes the finished output.

The extended build segments Chinese, so 策略梯度 is found inside unbroken Chinese text. Pagefind
indexes only what templates mark `data-pagefind-body` (the post article) and keeps one index per
`<html lang>`; the search page loads its UI and index from `pagefind/` at the site's root.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from .diagnostics import BlogError, error

BUNDLE_DIR = "pagefind"
# Inside post bodies but not prose: heading permalinks ('#') and the TeX source kept in MathML.
_NOT_TEXT = ("a.anchor", "annotation")


def index_search(site_root: Path, *, keep_existing: bool = False) -> None:
    """(Re)write `site_root/pagefind/` from the HTML under `site_root`; raise BlogError on failure.

    `keep_existing` (blog serve): Pagefind takes seconds on a large blog, too slow for every save,
    so a preview indexes once and its search may lag behind later edits."""
    if keep_existing and (site_root / BUNDLE_DIR / "pagefind-entry.json").is_file():
        return
    executable = _pagefind_executable()
    # Pagefind never removes fragments of pages that are gone, so start from nothing.
    shutil.rmtree(site_root / BUNDLE_DIR, ignore_errors=True)
    command = [str(executable), "--site", str(site_root), "--output-subdir", BUNDLE_DIR, "--silent"]
    for selector in _NOT_TEXT:
        command += ["--exclude-selectors", selector]
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace")
    if done.returncode != 0:
        output = " ".join((done.stderr or done.stdout).split())[-500:]
        raise BlogError([error("site.yaml", None, None, f"search: Pagefind failed ({output or f'exit {done.returncode}'})")])
    _sort_languages(site_root / BUNDLE_DIR / "pagefind-entry.json")


def _sort_languages(entry: Path) -> None:
    """Pagefind lists the languages of its entry file in hash-map order, different from run to run;
    every other file it writes is named and filled by content. Sorted, two builds are byte-identical."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _pagefind_executable() -> Path:
    try:
        from pagefind_bin_extended import get_executable
        return get_executable()
    except (ImportError, FileNotFoundError):
        raise BlogError([error("site.yaml", None, None, "search: Pagefind's extended build is not installed "
                                                        "(pip install 'pagefind[extended]'), or turn search off "
                                                        "with 'search: {enabled: false}'")]) from None
