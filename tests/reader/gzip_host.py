"""A static host that compresses like a real one: gzip for text types when the browser accepts it,
on 127.0.0.1, with the Content-Length of what is sent (Lighthouse and the weight test count it)."""

from __future__ import annotations

import contextlib
import gzip
import io
from pathlib import Path

from tests.support.webserver import PrefixedHandler, static_host

COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


class _GzipHandler(PrefixedHandler):
    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSED or not path.is_file():
            return super().send_head()  # fonts and images come compressed already
        body = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=31536000")
        self.end_headers()
        return io.BytesIO(body)


def gzip_host(root: Path) -> contextlib.AbstractContextManager[str]:
    """Serve `root` at http://127.0.0.1:PORT/ with gzip; its `with` yields that URL."""
    return static_host(root, "/", _GzipHandler)
