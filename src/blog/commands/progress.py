"""A one-line progress bar for long builds on an interactive terminal; silent in CI and pipes."""

from __future__ import annotations

import os
import sys
import time
from typing import Callable, TextIO


class Progress:
    """Stages of known size; the bar appears only once the build has run for `delay` seconds."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool = False, delay: float = 1.0) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.delay = delay
        self.started = time.monotonic()
        self.drawn_at = 0.0
        self.shown = False

    @classmethod
    def for_terminal(cls, stream: TextIO | None = None) -> Progress:
        stream = stream or sys.stderr
        interactive = stream.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"
        return cls(stream, enabled=interactive)

    def stage(self, name: str, total: int) -> Callable[[int], None]:
        done = 0

        def advance(count: int) -> None:
            nonlocal done
            done += count
            if self.enabled:
                self._draw(name, done, total)

        return advance

    def _draw(self, name: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.started < self.delay or (now - self.drawn_at < 0.1 and done < total):
            return
        self.drawn_at, self.shown = now, True
        width = 30
        filled = width * done // max(total, 1)
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name}\x1b[K")
        self.stream.flush()

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
