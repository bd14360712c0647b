"""A static host for built sites in tests: a threaded http.server on 127.0.0.1 that serves a folder
under a path prefix (as GitHub Pages serves a project site under /REPO/), and headless Chromium."""

from __future__ import annotations

import contextlib
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit


class PrefixedHandler(SimpleHTTPRequestHandler):
    """Files of `directory` under `prefix`; anything outside the prefix is a 404, like a real host."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        route = urlsplit(path).path
        if not route.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_prefix__")
        return super().translate_path("/" + route[len(self.prefix):])

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def static_host(root: Path, prefix: str = "/", handler: type[PrefixedHandler] = PrefixedHandler) -> Iterator[str]:
    """Serve `root` at http://127.0.0.1:PORT{prefix}; yields that URL. `handler`: a PrefixedHandler
    that serves differently (compressed, say)."""
    handler = type("Handler", (handler,), {"prefix": prefix})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
