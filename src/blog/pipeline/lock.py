"""One build of a site at a time: a second `blog build` (or a save while `blog serve` rebuilds)
waits for the first, so two builds never swap their outputs or write the cache at once.

The lock is an advisory flock on the site folder itself: nothing is created, and the kernel
drops it when a killed build's process dies.
"""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def one_build_at_a_time(site_dir: Path) -> Iterator[None]:
    try:
        fd = os.open(site_dir, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:  # no such folder: loading site.yaml reports it
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another build of {site_dir} to finish", file=sys.stderr, flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)  # also for worker processes forked meanwhile, which share the fd
        os.close(fd)
