"""The search stage beside page rendering: Pagefind runs in a forked child while the build
renders its pages (the site is complete by then, and the child inherits it)."""

from __future__ import annotations

import shutil
from multiprocessing import get_context
from pathlib import Path

from ..diagnostics import BlogError, error
from ..output.search import bundle_files, index_shards
from ..site.model import Page
from .forking import frozen_for_fork


class Indexing:
    """Changed shards indexed by a forked child process while the build renders its pages (the
    site is complete by then, and the child inherits it), into a scratch folder beside the output;
    `finish` waits and names the files made, which the writer copies into the output."""

    def __init__(self, shards: dict[int, list[Page]], scratch: Path, workers: int, fork: bool) -> None:
        self.shards, self.scratch = shards, scratch
        self.process = None
        if fork:
            self.process = get_context("fork").Process(target=_index_in_child, args=(scratch, shards, workers))
            with frozen_for_fork():
                self.process.start()
        else:
            index_shards(scratch, shards, workers)

    def finish(self) -> dict[str, Path]:
        """The files of the fresh bundles by dest_path; they stay in the scratch folder until `cancel`."""
        if self.process is not None:
            self.process.join()
            failure = self.scratch / "failure.txt"
            if failure.exists():
                raise BlogError([error("site.yaml", None, None, failure.read_text(encoding="utf-8"))])
        return {dest_path: self.scratch / dest_path for shard in self.shards
                for dest_path in bundle_files(self.scratch, shard)}

    def cancel(self) -> None:
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join()
        shutil.rmtree(self.scratch, ignore_errors=True)


def _index_in_child(scratch: Path, shards: dict[int, list[Page]], workers: int) -> None:
    try:
        index_shards(scratch, shards, workers)
    except BlogError as exc:
        (scratch / "failure.txt").write_text(exc.diagnostics[0].message, encoding="utf-8")


