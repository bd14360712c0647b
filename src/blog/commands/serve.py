"""`blog serve`: build with drafts, serve on 127.0.0.1, rebuild on every save, push the reload.

One build loop: watchdog notes changes, a short quiet period absorbs bursts (an editor's atomic
save is several events), then an incremental build reuses the last build's ServeSession, so a post
edit re-renders that post and the pages that show it. A build that fails keeps the last good pages
served and shows its problems in the terminal and over the page.
"""

from __future__ import annotations

import errno
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from ..diagnostics import BlogError
from ..incremental.state import ServeSession
from ..incremental.store import CACHE_DIR
from ..output.search import SEARCH_INDEX, bundle_files, index_shards, plan_shards
from ..output.writer import LiveWriter, Output
from ..pipeline.build import BuildOptions, BuildResult, build
from ..pipeline.fastpath import apply_body_edits
from ..settings.config import CONFIG_FILE
from ..site.model import Site
from .devserver import Broadcaster, DevServer, make_handler
from .progress import Progress

WATCHED = ("content", "templates", "static", "i18n")
QUIET_SECONDS = 0.02  # events closer than this are one save
PORT_TRIES = 10


def serve(site_dir: Path, *, host: str = "127.0.0.1", port: int = 8000) -> int:
    site_dir = site_dir.resolve()
    if not (site_dir / CONFIG_FILE).is_file():
        print(f"{CONFIG_FILE}: error: no {CONFIG_FILE} in '{site_dir}' (is --site right?)", file=sys.stderr)
        return 1
    output_dir = Path(tempfile.mkdtemp(prefix="blog-serve-"))
    try:
        server = _bind(host, port)
    except OSError as exc:
        print(f"error: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        shutil.rmtree(output_dir, ignore_errors=True)
        return 1
    bound_port = server.server_address[1]
    if bound_port != port:
        print(f"port {port} is in use; using {bound_port} instead")
    site = LiveSite(site_dir, output_dir, f"http://{_url_host(host)}:{bound_port}/")
    site.rebuild()  # before any thread starts, so the build may fork worker processes
    site.options = replace(site.options, fork=False)  # from here on threads run: no more forking
    server.RequestHandlerClass = make_handler(output_dir, site.broadcaster, lambda: site.languages)
    threading.Thread(target=server.serve_forever, name="http", daemon=True).start()
    watcher = site.watch()
    print(f"serving {site_dir.name} with drafts at {site.base_url} (Ctrl-C to stop)")
    sys.stdout.flush()
    try:
        site.save_cache()  # for the next start; the preview is already up
        site.rebuild_forever()
    except KeyboardInterrupt:
        print("\nstopped")
    finally:
        watcher.stop()
        site.broadcaster.close()
        server.shutdown()
        server.server_close()
        shutil.rmtree(output_dir, ignore_errors=True)
    return 0


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _bind(host: str, port: int) -> DevServer:
    """Listen on `port`, or on the next free one when it is taken; the handler comes later."""
    for candidate in range(port, port + PORT_TRIES):
        try:
            return DevServer((host, candidate), BaseHTTPRequestHandler)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE or candidate == port + PORT_TRIES - 1:
                raise
    raise AssertionError("unreachable")


class LiveSite:
    """The site being served: its last good build, and the changes waiting to be built."""

    def __init__(self, site_dir: Path, output_dir: Path, base_url: str) -> None:
        self.site_dir = site_dir
        self.base_url = base_url
        self.options = BuildOptions(output_dir=output_dir, base_url=base_url, drafts=True, live=True,
                                    save_later=True, progress=Progress.for_terminal())
        self.session: ServeSession | None = None
        self.broadcaster = Broadcaster()
        self.languages: tuple[str, ...] = ()
        self._pending = threading.Condition()
        self._dirty_at: float | None = None
        self._edited: set[str] = set()  # content files saved since the last build (src_paths)
        self._needs_full_build = True
        self.last: BuildResult | None = None
        self.search = BackgroundSearch(output_dir)

    def rebuild(self) -> BuildResult:
        """Build; the first time from .blog-cache, later from the state kept in memory, and by the
        fast path when only post bodies were saved (pipeline/fastpath.py)."""
        started = time.perf_counter()
        with self._pending:
            edited, full = self._edited, self._needs_full_build
            self._edited, self._needs_full_build = set(), False
        result = None if full or self.session is None else apply_body_edits(self.site_dir, edited, self.session)
        if result is None:
            result = build(self.site_dir, self.options, self.session)
        lines = [str(d) for d in result.diagnostics.sorted()]
        if not result.ok:
            self._report_problems(lines)
            with self._pending:
                self._needs_full_build = True  # the next save must see the whole site again
            return result
        for line in lines:
            print(line, file=sys.stderr)
        took = (time.perf_counter() - started) * 1000
        if self.session is not None:
            print(f"rebuilt in {took:.0f} ms: {len(result.changed)} files changed")
        self.session, self.last = result.session, result
        self.languages = result.session.config.language_codes
        self.broadcaster.publish("reload", {"changed": result.changed, "ms": round(took)})
        if result.session.config.search.enabled:
            self.search.submit(result.session.site)
        return result

    def save_cache(self) -> None:
        if self.last is not None and self.last.save_cache is not None:
            for problem in self.last.save_cache():
                print(problem, file=sys.stderr)

    def _report_problems(self, lines: list[str]) -> None:
        for line in lines:
            print(line, file=sys.stderr)
        print("build failed; still serving the last good version", file=sys.stderr)
        self.broadcaster.publish("problems", {"lines": lines})

    def note_change(self, src_path: str | None) -> None:
        """`src_path`: a content file whose new bytes may be only a body edit; None: anything else."""
        with self._pending:
            if src_path is None:
                self._needs_full_build = True
            else:
                self._edited.add(src_path)
            self._dirty_at = time.monotonic()
            self._pending.notify()

    def rebuild_forever(self) -> None:
        while True:
            with self._pending:
                self._pending.wait_for(lambda: self._dirty_at is not None)
                while time.monotonic() - self._dirty_at < QUIET_SECONDS:  # let the burst finish
                    self._pending.wait(QUIET_SECONDS)
                self._dirty_at = None
            self.rebuild()

    def watch(self):
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        site = self

        class Changes(FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                if event.event_type in ("opened", "closed_no_write") or event.is_directory:
                    return
                for path in (event.src_path, getattr(event, "dest_path", "") or ""):
                    if path and site.concerns(Path(path)):
                        site.note_change(site.edited_post(Path(path), event.event_type))

        observer = Observer()
        observer.schedule(Changes(), str(self.site_dir), recursive=True)
        observer.start()
        return observer

    def edited_post(self, path: Path, event_type: str) -> str | None:
        """The src_path of a Markdown file written in place or replaced by an editor's atomic save;
        None for anything that may change the site's shape (a deletion, a setting, a template)."""
        relative = path.relative_to(self.site_dir).as_posix()
        if event_type in ("modified", "closed", "created", "moved") and relative.startswith("content/") \
                and relative.endswith((".md", ".markdown")) and path.is_file():
            return relative
        return None

    def concerns(self, path: Path) -> bool:
        """Sources only: not the output, the cache, version control or editors' scratch files."""
        try:
            parts = path.relative_to(self.site_dir).parts
        except ValueError:
            return False
        if not parts or parts[0] == CACHE_DIR:
            return False
        name = parts[-1]
        if name.startswith(".#") or name.endswith(("~", ".swp", ".swx", ".tmp")) or name == "4913":
            return False
        return parts == (CONFIG_FILE,) or parts[0] in WATCHED


class BackgroundSearch:
    """Keeps the preview's search index current without delaying reloads: each successful build
    hands over its site, and a thread of its own indexes the shards whose posts changed (a burst
    of saves is indexed once, for the latest site)."""

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = output_dir
        self.digests: dict[int, str] = {}
        self.files: dict[int, list[str]] = {}  # each shard's dest_paths, as written
        self._latest: Site | None = None
        self._ready = threading.Condition()
        self._thread: threading.Thread | None = None

    def submit(self, site: Site) -> None:
        with self._ready:
            self._latest = site
            self._ready.notify()
        if self._thread is None:  # only now: the first build must start with no thread, so it may fork (serve())
            self._thread = threading.Thread(target=self._run, name="search", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            with self._ready:
                self._ready.wait_for(lambda: self._latest is not None)
                site, self._latest = self._latest, None
            shards = plan_shards(site)
            stale = {shard: posts for shard, (digest, posts) in shards.items() if self.digests.get(shard) != digest}
            with tempfile.TemporaryDirectory(prefix=".blog-search-", dir=self.output_dir.parent) as scratch:
                try:
                    index_shards(Path(scratch), stale, workers=1)
                except BlogError as exc:
                    for diagnostic in exc.diagnostics:
                        print(diagnostic, file=sys.stderr)
                    continue
                self._write(Path(scratch), stale, shards.keys() - stale.keys())
            self.digests = {shard: digest for shard, (digest, _) in shards.items()}

    def _write(self, scratch: Path, stale: dict, kept: set[int]) -> None:
        """The fresh bundles through the writer; it removes the files of gone shards, and the
        fragments of pages no longer in a re-indexed one (Pagefind never removes them)."""
        fresh = {shard: bundle_files(scratch, shard) for shard in stale}
        writer = LiveWriter(self.output_dir)
        writer.write_all({dest_path: Output(SEARCH_INDEX, moved_from=scratch / dest_path)
                          for files in fresh.values() for dest_path in files})
        for shard in kept:
            for dest_path in self.files[shard]:
                writer.keep(dest_path)
        writer.commit({dest_path for files in self.files.values() for dest_path in files})
        self.files = {**{shard: self.files[shard] for shard in kept}, **fresh}
