"""The HTTP side of `blog serve`: files from the output folder, a live-reload script injected into
HTML responses (never into built files), and a Server-Sent Events stream that pushes reloads and
build problems to every open tab."""

from __future__ import annotations

import json
import mimetypes
import posixpath
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

EVENTS_PATH = "/__blog__/events"
STALL_SECONDS = 30
SCRIPT_PATH = "/__blog__/live.js"
SCRIPT_TAG = f'<script src="{SCRIPT_PATH}" defer></script>'.encode()
TEXT_TYPES = {".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".txt": "text/plain",
              ".xml": "application/xml", ".json": "application/json", ".svg": "image/svg+xml"}
BINARY_TYPES = {".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".otf": "font/otf",
                ".wasm": "application/wasm", ".webp": "image/webp", ".avif": "image/avif"}


class Broadcaster:
    """The latest build outcome, and a way for stream handlers to wait for the next one."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self.epoch = 0
        self.event: tuple[str, dict] = ("problems", {"lines": []})
        self.closed = False

    def publish(self, name: str, data: dict) -> None:
        with self._changed:
            self.epoch += 1
            self.event = (name, data)
            self._changed.notify_all()

    def wait(self, epoch: int, timeout: float) -> tuple[int, tuple[str, dict]] | None:
        """The next event after `epoch`, or None on timeout or shutdown."""
        with self._changed:
            self._changed.wait_for(lambda: self.epoch != epoch or self.closed, timeout)
            if self.closed or self.epoch == epoch:
                return None
            return self.epoch, self.event

    def close(self) -> None:
        with self._changed:
            self.closed = True
            self._changed.notify_all()


def content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if path.name.endswith(".xml") and path.name.startswith(("feed", "atom")):
        return "application/atom+xml; charset=utf-8"
    if suffix in TEXT_TYPES:
        return f"{TEXT_TYPES[suffix]}; charset=utf-8"
    return BINARY_TYPES.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def resolve(root: Path, url_path: str) -> Path | None:
    """The file a request names, or None when it is missing or would leave the output folder."""
    path = unquote(url_path)
    if "\0" in path or "\\" in path or any(part == ".." for part in path.split("/")):
        return None
    relative = posixpath.normpath("/" + path).lstrip("/")
    target = (root / relative) if relative not in ("", ".") else root
    if target.is_dir():
        target = target / "index.html"
    try:
        resolved = target.resolve()
    except OSError:
        return None
    if not resolved.is_relative_to(root.resolve()) or not resolved.is_file():
        return None
    return resolved


def make_handler(root: Path, broadcaster: Broadcaster,
                 languages: Callable[[], tuple[str, ...]]) -> type[BaseHTTPRequestHandler]:
    """`languages()` gives the site's current languages, default first (site.yaml may change)."""
    class Handler(BaseHTTPRequestHandler):
        server_version = "blog-serve"
        protocol_version = "HTTP/1.1"
        default_request_version = "HTTP/1.0"  # errors to unparsable requests get a status line (0.9 has none)
        timeout = STALL_SECONDS  # a client that stops sending mid-request is dropped, not waited on forever

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
            """Quiet: the terminal is for build output."""

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            self._respond(with_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._respond(with_body=False)

        def _respond(self, *, with_body: bool) -> None:
            path = urlsplit(self.path).path
            if path == EVENTS_PATH:
                return self._stream()
            if path == SCRIPT_PATH:
                return self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", _client_script(), with_body)
            target = resolve(root, path)
            status = HTTPStatus.OK
            if target is None:
                status, target = HTTPStatus.NOT_FOUND, self._not_found_page(path)
            if target is None:
                body = b"<!doctype html><title>404</title><h1>404</h1>" + SCRIPT_TAG
                return self._send(status, "text/html; charset=utf-8", body, with_body)
            body = target.read_bytes()
            kind = content_type(target)
            if kind.startswith("text/html"):
                body = _inject(body)
            self._send(status, kind, body, with_body)

        def _not_found_page(self, path: str) -> Path | None:
            first = path.strip("/").split("/", 1)[0]
            prefix = first if first in languages()[1:] else ""
            page = root / prefix / "404.html"
            return page if page.is_file() else None

        def _send(self, status: HTTPStatus, kind: str, body: bytes, with_body: bool) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if with_body:
                self.wfile.write(body)

        def _stream(self) -> None:
            """Server-Sent Events: the current state at once, then every change as it happens."""
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            epoch, event = broadcaster.epoch, broadcaster.event
            try:
                self._event("hello", {"epoch": epoch})
                if event[0] == "problems":
                    self._event(*event)
                while True:
                    found = broadcaster.wait(epoch, timeout=15)
                    if broadcaster.closed:
                        return
                    if found is None:
                        self.wfile.write(b": keep-alive\n\n")
                        self.wfile.flush()
                        continue
                    epoch, event = found
                    self._event(*event)
            except (BrokenPipeError, ConnectionResetError):
                return

        def _event(self, name: str, data: dict) -> None:
            self.wfile.write(f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode())
            self.wfile.flush()

    return Handler


def _inject(html: bytes) -> bytes:
    """The live-reload script, before </body> (or at the end)."""
    at = html.rfind(b"</body>")
    return html + SCRIPT_TAG if at == -1 else html[:at] + SCRIPT_TAG + html[at:]


def _client_script() -> bytes:
    return files("blog.commands").joinpath("live.js").read_bytes()


class DevServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256  # a page opening with many assets at once is not dropped (the default is 5)
