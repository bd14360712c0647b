"""The build cache on disk: `.blog-cache/cache.sqlite` beside site.yaml.

It holds the last SavedState (parsed sources by file digest, renderings by job fingerprint, route
records, written files) and blobs a build can restore instead of making again: pages, search
bundles, link-preview cards. A cache from other code, or one that cannot be read, is discarded
with a warning; it is never trusted and never fatal. Only the cache's own I/O errors are caught.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
import zlib
from dataclasses import replace
from pathlib import Path
from collections.abc import Iterable, Mapping
from typing import Any

from .. import __version__
from ..diagnostics import Diagnostic, warning
from .records import RouteRecord, SiteIndex
from .state import CacheWrites, SavedState

CACHE_DIR = ".blog-cache"
PACKAGE = Path(__file__).resolve().parent.parent
# Code that runs around a build without shaping what it writes: changing it keeps every cache.
NOT_OUTPUT_SHAPING = ("commands/", "pipeline/lock.py")


def code_digest(package: Path = PACKAGE) -> str:
    """Of the code that shapes outputs and cache entries: an upgrade or an edit there invalidates
    the cache; an edit to the command line or the importers does not."""
    code = hashlib.blake2b(digest_size=8)
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package).as_posix()
        if not relative.startswith(NOT_OUTPUT_SHAPING):
            code.update(relative.encode() + b"\0" + path.read_bytes())
    return code.hexdigest()


CACHE_FORMAT = f"{__version__}:{code_digest()}"


def _pack(value: Any) -> bytes:
    return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)


def _unpack(blob: bytes) -> Any:
    return pickle.loads(zlib.decompress(blob))


class CacheStore:
    """Reads and writes the cache. Only entries the latest build used are kept."""

    def __init__(self, site_dir: Path) -> None:
        self.path = site_dir / CACHE_DIR / "cache.sqlite"

    def load(self) -> tuple[SavedState, list[Diagnostic]]:
        if not self.path.exists():
            return SavedState(), []
        try:
            with sqlite3.connect(self.path) as db:
                found = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
                if not found or found[0] != CACHE_FORMAT:
                    return SavedState(), [self._discarded(f"it was written by other code ({found[0] if found else '?'})")]
                saved = {table: {key: _unpack(blob) for key, blob in db.execute(f"SELECT key, value FROM {table}")}
                         for table in _TABLES}
                saved.update((key, _unpack(blob)) for key, blob in db.execute("SELECT key, value FROM meta WHERE key != 'format'"))
                return SavedState(**saved), []
        except (sqlite3.Error, pickle.UnpicklingError, zlib.error, EOFError) as exc:  # a damaged file
            return SavedState(), [self._discarded(f"it could not be read ({type(exc).__name__}: {exc})")]

    def fetch_outputs(self, dest_paths: Iterable[str]) -> dict[str, bytes]:
        """Pages as the last builds wrote them, to restore an output folder without rendering."""
        return dict(self._fetch("outputs", dest_paths, zlib.decompress))

    def fetch_cards(self, keys: Iterable[str]) -> dict[str, bytes]:
        """Link-preview cards drawn by earlier builds, by card key."""
        return dict(self._fetch("cards", keys, bytes))

    def fetch_bundle(self, shard: int, digest: str) -> bytes | None:
        return dict(self._fetch("bundles", [f"{shard}:{digest}"], bytes)).get(f"{shard}:{digest}")

    def _fetch(self, table: str, keys: Iterable[str], decode) -> Iterable[tuple[str, Any]]:
        wanted = list(keys)
        if not wanted or not self.path.exists():
            return []
        try:
            with sqlite3.connect(self.path) as db:
                rows = []
                for start in range(0, len(wanted), 500):  # SQLite limits the number of parameters
                    chunk = wanted[start:start + 500]
                    rows += db.execute(f"SELECT key, value FROM {table} WHERE key IN ({','.join('?' * len(chunk))})",
                                       chunk).fetchall()
                return [(key, decode(value)) for key, value in rows]
        except (sqlite3.Error, zlib.error):
            return []  # rendering again is always possible

    def _discarded(self, why: str) -> Diagnostic:
        self.path.unlink(missing_ok=True)
        return warning(f"{CACHE_DIR}/cache.sqlite", None, None, f"build cache discarded: {why}; this build starts cold")

    def save(self, state: SavedState, previous: SavedState, writes: CacheWrites,
             index: SiteIndex) -> list[Diagnostic]:
        """Write `state`, touching only entries that changed since `previous` was loaded; `index`
        digests the values its records read. A cache that cannot be written (a full disk, another
        build holding it) only costs speed."""
        try:
            self._save(replace(state, values=index.values_of(state.records.values(), previous.values)), previous, writes)
        except (sqlite3.Error, OSError) as exc:
            return [warning(f"{CACHE_DIR}/cache.sqlite", None, None, f"build cache not saved ({exc}); "
                                                                      f"the next build will be slower")]
        return []

    def _save(self, state: SavedState, previous: SavedState, writes: CacheWrites) -> None:
        changed = [name for name in _WHOLE if getattr(state, name) != getattr(previous, name)]
        fresh = sum(previous.records.get(dest_path) is not record for dest_path, record in state.records.items())
        if fresh * 10 > len(state.records):  # a pass over every record: worth it for a cold build, not an edit
            state = replace(state, records=_interned(state.records))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        (self.path.parent / ".gitignore").write_text("*\n", encoding="utf-8")
        with sqlite3.connect(self.path) as db:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB)")
            for table in _TABLES:
                db.execute(f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, value BLOB)")
                current, before = getattr(state, table), getattr(previous, table)
                db.executemany(f"DELETE FROM {table} WHERE key = ?", _keys(before.keys() - current.keys()))
                db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)",
                               ((key, _pack(value)) for key, value in current.items() if key not in before))
            db.execute("CREATE TABLE IF NOT EXISTS outputs (key TEXT PRIMARY KEY, value BLOB)")
            db.executemany("DELETE FROM outputs WHERE key = ?", _keys(previous.records.keys() - state.records.keys()))
            db.executemany("INSERT OR REPLACE INTO outputs VALUES (?, ?)",
                           ((key, zlib.compress(data, 1)) for key, data in writes.pages.items()))
            db.execute("CREATE TABLE IF NOT EXISTS bundles (key TEXT PRIMARY KEY, value BLOB)")
            wanted = {f"{shard}:{digest}" for shard, digest in state.search_shards.items()}
            db.executemany("DELETE FROM bundles WHERE key = ?",
                           [row for row in db.execute("SELECT key FROM bundles") if row[0] not in wanted])
            db.executemany("INSERT OR REPLACE INTO bundles VALUES (?, ?)", writes.bundles.items())
            db.execute("CREATE TABLE IF NOT EXISTS cards (key TEXT PRIMARY KEY, value BLOB)")
            wanted = set(state.generated.values())  # the keys of this build's cards among them
            db.executemany("DELETE FROM cards WHERE key = ?",
                           [row for row in db.execute("SELECT key FROM cards") if row[0] not in wanted])
            db.executemany("INSERT OR REPLACE INTO cards VALUES (?, ?)", writes.cards.items())
            db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (CACHE_FORMAT,))
            db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                           [(name, _pack(getattr(state, name))) for name in changed])


_TABLES = ("sources", "rendered")  # saved entry by entry
_WHOLE = tuple(name for name in SavedState.field_names() if name not in _TABLES)  # saved as one value each


def _interned(records: Mapping[str, RouteRecord]) -> dict[str, RouteRecord]:
    """Records whose (object, attribute) pairs are shared objects: pickle then stores each pair once
    (2,000 pages read ~140,000 pairs, ~25,000 of them distinct), and loads them that much faster."""
    shared: dict[tuple, tuple] = {}
    return {dest_path: replace(record, reads=frozenset(shared.setdefault(pair, pair) for pair in record.reads),
                               objects=frozenset(shared.setdefault(key, key) for key in record.objects))
            for dest_path, record in records.items()}


def _keys(keys: Iterable[str]) -> list[tuple[str]]:
    return [(key,) for key in keys]
