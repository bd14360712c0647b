"""Forked children: only where the platform has fork and the caller runs no other thread (a
thread's locks would be copied held; `blog serve` says so once its threads start), and with the
inherited heap frozen so that parent and children keep sharing its memory."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing import get_all_start_methods


def fork_available() -> bool:
    return "fork" in get_all_start_methods()


@contextmanager
def frozen_for_fork() -> Iterator[None]:
    """Fork inside this: the children never collect, and so never copy, the objects they inherit
    (a collection writes to every object it scans, and a written page stops being shared)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
