"""Only the site's own files are read and published.

A symbolic link to a file elsewhere in the site is followed. One that leads out of the site,
leads nowhere or loops is refused, and so is a link to a folder (folders linking to each other
loop without end) and an entry that is neither a file nor a folder (reading a FIFO would block
the build forever). A link out would publish whatever it names, e.g. a CI runner's keys, from
a pull request.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..diagnostics import Diagnostic, error


def refusal(path: Path, site_root: Path, *, inside: str = "the site") -> str | None:
    """Why an entry found inside the site is not read or published; None when it may be.
    `site_root` is the site folder (or an imported blog's), resolved; `inside` names it."""
    if path.is_symlink():
        target = os.readlink(path)
        try:
            resolved = path.resolve(strict=True)
        except FileNotFoundError:
            return f"a symbolic link to '{target}', which does not exist"
        except (RuntimeError, OSError):  # RuntimeError: Python 3.11's report of a loop
            return f"a symbolic link to '{target}', which loops"
        if not resolved.is_relative_to(site_root):
            return f"a symbolic link to '{target}', outside {inside}, is not read (copy the file into {inside})"
        if resolved.is_dir():
            return f"a symbolic link to the folder '{target}' is not followed (links to folders can loop)"
        return None
    if not path.is_dir() and not path.is_file():
        return "neither a file nor a folder (a FIFO, socket or device), so it is not read"
    return None


def refused(path: Path, site_root: Path, src_path: str) -> Diagnostic | None:
    reason = refusal(path, site_root)
    return error(src_path, None, None, reason) if reason else None
