"""The only writer of output: build into a staging folder beside the output, then swap.

A failed or interrupted build leaves the previous output exactly as it was. Nothing outside the
output folder is ever deleted except our own staging and old-output folders (`.NAME.staging-*`,
`.NAME.old-*`), and an output folder that holds the site itself is refused.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from .diagnostics import Diagnostic, error


def unsafe_output_reason(output_dir: Path, site_dir: Path) -> str | None:
    """Why replacing `output_dir` wholesale could destroy something that is not build output."""
    output, site = output_dir.resolve(), site_dir.resolve()
    if output == Path(output.anchor) or output == Path.home().resolve():
        return "it is a filesystem root or the home folder"
    if output == site or output in site.parents:
        return "it holds the site itself"
    for source in ("content", "templates", "static", "i18n"):
        if output == site / source or (site / source) in output.parents:
            return f"it is inside the site's {source}/ folder"
    if output.exists() and not output.is_dir():
        return "it is a file"
    return None


def check_output_dir(output_dir: Path, site_dir: Path, shown_as: str) -> list[Diagnostic]:
    reason = unsafe_output_reason(output_dir, site_dir)
    return [error(shown_as, None, None, f"refusing to use '{output_dir}' as the output folder: {reason}")] if reason else []


class StagingWriter:
    def __init__(self, output_dir: Path) -> None:
        self.output_dir = output_dir
        output_dir.parent.mkdir(parents=True, exist_ok=True)
        self._remove_leftovers()
        self.staging = Path(tempfile.mkdtemp(prefix=self._prefix("staging"), dir=output_dir.parent))
        self._made_dirs: set[str] = set()
        self.count = 0

    def _prefix(self, kind: str) -> str:
        return f".{self.output_dir.name}.{kind}-"

    def _remove_leftovers(self) -> None:
        """Staging and old-output folders of an earlier run that was killed half-way."""
        for kind in ("staging", "old"):
            for leftover in self.output_dir.parent.glob(self._prefix(kind) + "*"):
                shutil.rmtree(leftover, ignore_errors=True)

    def _target(self, dest_path: str) -> Path:
        pure = PurePosixPath(dest_path)
        if pure.is_absolute() or ".." in pure.parts or not pure.parts:
            raise ValueError(f"refusing to write outside the output folder: {dest_path!r}")
        parent = str(pure.parent)
        if parent not in self._made_dirs:
            (self.staging / parent).mkdir(parents=True, exist_ok=True)
            self._made_dirs.add(parent)
        self.count += 1
        return self.staging / pure

    def write_bytes(self, dest_path: str, data: bytes) -> None:
        self._target(dest_path).write_bytes(data)

    def copy_file(self, dest_path: str, abs_src_path: Path) -> None:
        shutil.copyfile(abs_src_path, self._target(dest_path))

    def commit(self) -> None:
        """Swap the staging folder in; the old output goes only after the new one is in place."""
        old = None
        if self.output_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=self._prefix("old"), dir=self.output_dir.parent))
            os.rmdir(old)
            os.rename(self.output_dir, old)
        os.rename(self.staging, self.output_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
