"""A running `blog serve` for tests: its printed lines and the Server-Sent Events it pushes.

Every wait is on the server's own signal (a printed line, an event); the timeouts only turn a
hang into a failure and never decide a verdict."""

from __future__ import annotations

import http.client
import json
import queue
import socket
import subprocess
import sys
import threading
from pathlib import Path

HANG = 60  # seconds without any sign from the server before a wait fails

# A post of the served test sites: fill in title, day (1-9), extra front matter lines and body.
POST = "---\ntitle: {title}\ndate: 2026-01-0{day}\ncategories: [RL]\n{extra}---\n\n## 背景\n\n{body}\n"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A running `blog serve` and the events it pushes."""

    def __init__(self, site: Path, port: int) -> None:
        self.site, self.port = site, port
        self.process = subprocess.Popen([sys.executable, "-m", "blog", "serve", "--site", str(site), "--port", str(port)],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=lambda: [self.lines.put(line) for line in self.process.stdout],
                                        daemon=True)
        self._reader.start()
        self.printed = []
        while not self.printed or "serving" not in self.printed[-1]:
            self.printed.append(self.lines.get(timeout=HANG))
        self.banner = self.printed[-1]
        self.port = int(self.banner.split(":")[-1].split("/")[0])
        self.events: queue.Queue[tuple[str, dict]] = queue.Queue()
        threading.Thread(target=self._listen, daemon=True).start()
        assert self.next_event("hello")

    def _listen(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=HANG)
        connection.request("GET", "/__blog__/events")
        response = connection.getresponse()
        name = None
        for raw in response:
            line = raw.decode().rstrip("\n")
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: ") and name:
                self.events.put((name, json.loads(line[6:])))

    def reload_with(self, *dest_paths: str) -> list[str]:
        """The files changed by the reload after which every one of `dest_paths` has changed (a save
        may arrive as several bursts of events, e.g. a new folder and then the file in it)."""
        seen: set[str] = set()
        while True:
            changed = self.next_event("reload")["changed"]
            seen.update(changed)
            if seen.issuperset(dest_paths):
                return changed

    def next_event(self, *names: str) -> dict:
        while True:
            name, data = self.events.get(timeout=HANG)
            if name in names:
                return {"event": name, **data}

    def get(self, path: str) -> tuple[int, str, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=HANG)
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()

    def stop(self) -> tuple[int, str]:
        """Ctrl-C, then everything it printed after the lines already read (its pipe's end ends the reader)."""
        self.process.send_signal(2)
        self.process.wait(timeout=HANG)
        self._reader.join(timeout=HANG)
        rest = []
        while not self.lines.empty():
            rest.append(self.lines.get())
        return self.process.returncode, "".join(rest)
