"""The only writer of output: build into a staging folder beside the output, then swap.

Every file of the site reaches the writer as a planned `Output` naming what made it; two outputs
for one path are refused with both names, before anything is written. A failed or interrupted
build leaves the previous output exactly as it was. Nothing outside the
output folder is ever deleted except our own staging and old-output folders (`.NAME.staging-*`,
`.NAME.old-*`), and an output folder that holds the site itself is refused.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import subprocess
import sys
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from ..diagnostics import Diagnostic, error


@dataclass(frozen=True)
class Output:
    """One planned file of the site: its bytes, a file to copy, a file of the build's own to move
    in, or (none of these) the file already in the output folder, which is right as it is."""

    producer: str  # what made it, as a reader of a message knows it: a src_path, 'search index', …
    data: bytes | None = None
    copy_of: Path | None = None
    moved_from: Path | None = None  # in a scratch folder beside the output (a search bundle's files)

    @property
    def is_new(self) -> bool:
        return self.data is not None or self.copy_of is not None or self.moved_from is not None


def collect_outputs(planned: Iterable[tuple[str, Output]],
                    folders: Mapping[str, str] | None = None) -> tuple[dict[str, Output], list[Diagnostic]]:
    """The outputs by dest_path; a path planned twice is an error naming both producers. `folders`
    (folder/ -> producer) are taken whole by outputs whose names are known only later."""
    outputs: dict[str, Output] = {}
    problems = []
    for dest_path, output in planned:
        first = outputs.setdefault(dest_path, output)
        owner = next((producer for folder, producer in folders.items() if dest_path.startswith(folder)), None) \
            if folders else None
        if first is not output or owner is not None:
            problems.append(error(output.producer, None, None, f"'{dest_path}' in the output is also made by "
                                                               f"{owner or first.producer}; only one of them can be written"))
    return outputs, problems


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
    if output.is_dir() and not _made_by_a_build(output):
        return "it holds files that no build made (empty it or choose another folder)"
    return None


OUTPUT_MARK = ".blog-output"  # an empty file in every output folder: replacing that folder is safe


def _made_by_a_build(folder: Path) -> bool:
    """An output folder may be replaced wholesale only if it is empty, carries our mark, or has the
    shape of a built site (one from before the mark, or from another generator being replaced)."""
    if (folder / OUTPUT_MARK).is_file() or not any(folder.iterdir()):
        return True
    return all((folder / name).is_file() for name in ("index.html", "404.html", "sitemap.xml"))


def case_blind(folder: Path) -> bool:
    """Whether the disk holding `folder` (or its nearest existing parent) takes 'A' and 'a' for one
    name, as macOS and Windows disks usually do: asked of a folder name with letters, never written."""
    existing = next(path for path in (folder, *folder.parents) if path.exists())
    for path in (existing, *existing.parents):
        if path.name.swapcase() != path.name:
            twin = path.with_name(path.name.swapcase())
            return twin.exists() and os.path.samefile(path, twin)
    return False


def check_output_dir(output_dir: Path, site_dir: Path, shown_as: str) -> list[Diagnostic]:
    reason = unsafe_output_reason(output_dir, site_dir)
    return [error(shown_as, None, None, f"refusing to use '{output_dir}' as the output folder: {reason}")] if reason else []


def _remove_in_background(folder: Path) -> None:
    """Delete the swapped-out output without making the user wait; if this is killed, the next
    build removes the leftover `.NAME.old-*` folder."""
    try:
        subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                          str(folder)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


_BATCH = 64  # files per thread task: handing over each file alone costs about as much as writing it


class _Writer(ABC):
    """Files go to `self.root`; a dest_path may never leave it. A few threads create the files:
    making thousands of small files is kernel work, which then runs on every core."""

    root: Path

    def __init__(self) -> None:
        self.written: set[str] = set()
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="blog-writer")
        self._pending: list[Future] = []
        self._batch: list[tuple[Callable[[str], object], str]] = []

    def _target(self, dest_path: str) -> str:
        if dest_path.startswith("/") or ".." in dest_path.split("/") or not dest_path.strip("/"):
            raise ValueError(f"refusing to write outside the output folder: {dest_path!r}")
        if dest_path in self.written:  # collect_outputs reports these to the user first
            raise ValueError(f"refusing to write {dest_path!r} twice")
        self.written.add(dest_path)
        return f"{self.root}/{dest_path}"

    def _start(self, create: Callable[[str], object], dest_path: str) -> None:
        self._batch.append((create, self._target(dest_path)))
        if len(self._batch) == _BATCH:
            self._hand_over()

    def _hand_over(self) -> None:
        if self._batch:
            self._pending.append(self._pool.submit(_create_all, self._batch))
            self._batch = []

    def write_bytes(self, dest_path: str, data: bytes) -> None:
        self._start(lambda path: _write_file(path, data), dest_path)

    def copy_file(self, dest_path: str, abs_src_path: Path) -> None:
        self._start(lambda path: shutil.copyfile(abs_src_path, path), dest_path)

    def move_file(self, dest_path: str, abs_src_path: Path) -> None:
        """A rename where the scratch folder shares the output's file system, so no bytes move."""
        self._start(lambda path: _move(abs_src_path, path), dest_path)

    @abstractmethod
    def keep(self, dest_path: str) -> None:
        """Leave the file the output folder already has at `dest_path` in the site."""

    def write_all(self, outputs: dict[str, Output]) -> None:
        for dest_path, output in sorted(outputs.items()):  # a folder's files together: each folder is made once
            if output.data is not None:
                self.write_bytes(dest_path, output.data)
            elif output.copy_of is not None:
                self.copy_file(dest_path, output.copy_of)
            elif output.moved_from is not None:
                self.move_file(dest_path, output.moved_from)
            else:
                self.keep(dest_path)

    def finish(self) -> None:
        """Wait until every file is written (the writer takes no more); raise the first failure."""
        self._hand_over()
        self._pool.shutdown(wait=True)
        for future in self._pending:
            future.result()

    def abort(self) -> None:
        """Stop writing: files not yet begun are dropped, those begun are finished."""
        self._pool.shutdown(wait=True, cancel_futures=True)


def _create_all(batch: list[tuple[Callable[[str], object], str]]) -> None:
    for create, path in batch:
        try:
            create(path)
        except FileNotFoundError:  # the first file of its folder
            os.makedirs(os.path.dirname(path), exist_ok=True)
            create(path)


def _move(source: Path, target: str) -> None:
    try:
        os.replace(source, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:  # an output folder that is a mount point of its own
            raise
        shutil.copyfile(source, target)


def _write_file(path: str, data: bytes) -> None:
    with open(path, "wb") as file:
        file.write(data)


class StagingWriter(_Writer):
    """`blog build`: a fresh folder beside the output, swapped in when everything is written."""

    def __init__(self, output_dir: Path) -> None:
        super().__init__()
        self.output_dir = output_dir
        output_dir.parent.mkdir(parents=True, exist_ok=True)
        self._remove_leftovers()
        self.root = self.staging = Path(tempfile.mkdtemp(prefix=self._prefix("staging"), dir=output_dir.parent))

    def _prefix(self, kind: str) -> str:
        return f".{self.output_dir.name}.{kind}-"

    def _remove_leftovers(self) -> None:
        """Staging and old-output folders of an earlier run that was killed half-way."""
        for kind in ("staging", "old"):
            for leftover in self.output_dir.parent.glob(self._prefix(kind) + "*"):
                shutil.rmtree(leftover, ignore_errors=True)

    def keep(self, dest_path: str) -> None:
        """Carry an unchanged file over from the current output: a hard link, so no bytes move."""
        source = f"{self.output_dir}/{dest_path}"

        def link_or_copy(target: str) -> None:
            try:
                os.link(source, target)
            except OSError:  # no hard links here (or no folder yet: copy2 fails too, and it is made)
                shutil.copy2(source, target)

        self._start(link_or_copy, dest_path)

    def commit(self) -> None:
        """Swap the staging folder in; the old output goes only after the new one is in place."""
        self.finish()
        (self.staging / OUTPUT_MARK).touch()
        if self.output_dir.exists() and _exchange(self.staging, self.output_dir):
            _remove_in_background(self.staging)  # which now holds the old output
            return
        old = None
        if self.output_dir.exists():  # without an atomic exchange, a kill between the renames loses the output
            old = Path(tempfile.mkdtemp(prefix=self._prefix("old"), dir=self.output_dir.parent))
            os.rmdir(old)
            os.rename(self.output_dir, old)
        os.rename(self.staging, self.output_dir)
        if old is not None:
            _remove_in_background(old)

    def abort(self) -> None:
        super().abort()
        shutil.rmtree(self.staging, ignore_errors=True)


_RENAME_EXCHANGE = 2  # linux/fs.h


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):  # not glibc, or older than 2.28
        return False
    at_cwd = -100  # AT_FDCWD: the paths are absolute
    return renameat2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), _RENAME_EXCHANGE) == 0


class LiveWriter(_Writer):
    """`blog serve`: updates the served folder in place, each file replaced atomically."""

    def __init__(self, output_dir: Path) -> None:
        super().__init__()
        self.root = output_dir
        output_dir.mkdir(parents=True, exist_ok=True)
        (output_dir / OUTPUT_MARK).touch()

    def write_bytes(self, dest_path: str, data: bytes) -> None:
        def replace_atomically(target: str) -> None:
            folder, name = os.path.split(target)
            temporary = os.path.join(folder, f".{name}.tmp")
            _write_file(temporary, data)
            os.replace(temporary, target)

        self._start(replace_atomically, dest_path)

    def keep(self, dest_path: str) -> None:
        self.written.add(dest_path)

    def commit(self, previous: set[str]) -> None:
        """Remove what the previous round wrote and this one did not (a deleted post, say)."""
        self.finish()
        for dest_path in previous - self.written:
            (self.root / dest_path).unlink(missing_ok=True)

