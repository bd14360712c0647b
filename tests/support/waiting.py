"""Waiting for the file system without polling: a condition is rechecked each time inotify (through
watchdog) reports a change in the folder, so a wait ends as soon as the change it needs happens."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

HANG = 60  # seconds without any change in the folder before a wait gives up


class _Changed(FileSystemEventHandler):
    def __init__(self) -> None:
        self.event = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.event.set()


def wait_for_folder(folder: Path, condition: Callable[[], bool]) -> bool:
    """True once `condition()` holds; False only if the folder stays still for HANG seconds first."""
    changed = _Changed()
    observer = Observer()
    observer.schedule(changed, str(folder))
    observer.start()  # before the first check, so a change between the two is not missed
    try:
        while not condition():
            if not changed.event.wait(HANG):
                return False
            changed.event.clear()
        return True
    finally:
        observer.stop()
        observer.join()
