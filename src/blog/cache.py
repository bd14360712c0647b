"""The build cache: what a build learnt that the next one can reuse.

`BuildState` lives in memory (`blog serve` keeps it between rebuilds) and, for `blog build`, in
`.blog-cache/cache.sqlite` beside site.yaml: parsed sources by file digest, rendered Markdown by
job fingerprint (content-addressed, so identical inputs hit), and last build's route records and
copied files. A cache that is unreadable or from another version is discarded with a warning;
it is never trusted and never fatal.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

from . import __version__
from .diagnostics import Diagnostic, warning

CACHE_DIR = ".blog-cache"


def _code_digest() -> str:
    """Of blog's own source: any change to the code (an upgrade, an edit) invalidates the cache."""
    package = Path(__file__).parent
    code = hashlib.blake2b(digest_size=8)
    for path in sorted(package.rglob("*.py")):
        code.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return code.hexdigest()


CACHE_FORMAT = f"{__version__}:{_code_digest()}"


@dataclass
class BuildState:
    sources: dict[str, Any] = field(default_factory=dict)  # source key -> (Source, problems)
    rendered: dict[str, Any] = field(default_factory=dict)  # job fingerprint -> Rendered
    records: dict[str, Any] = field(default_factory=dict)  # dest_path -> RouteRecord
    copies: dict[str, tuple] = field(default_factory=dict)  # dest_path -> (abs src path, its (size, mtime_ns))
    generated: dict[str, str] = field(default_factory=dict)  # dest_path -> digest of the bytes
    files: dict[str, tuple | None] = field(default_factory=dict)  # dest_path -> (size, mtime_ns) as written
    output_dir: str = ""  # where those files were written
    signatures: dict[tuple, str] = field(default_factory=dict)  # model object key -> signature (deps.py)
    source_stats: dict[str, tuple] = field(default_factory=dict)  # src_path -> ((size, mtime_ns), source key)
    search_shards: dict[int, str] = field(default_factory=dict)  # shard -> digest of its posts (search.py)
    math_font: Any = None  # the MathFont subset this build made (mathfont.py)
    values: dict[tuple, str | None] = field(default_factory=dict)  # what the records read, digested (deps.py)
    index: Any = None  # this build's SiteIndex, kept in memory only, to digest `values` on demand
    routes: list = field(default_factory=list)  # this build's routes, kept in memory only (edits.py)
    fresh_outputs: dict[str, bytes] = field(default_factory=dict)  # pages rendered by this build, for the cache
    fresh_bundles: dict[str, bytes] = field(default_factory=dict)  # "shard:digest" -> the zipped search bundle
    environment: Any = None  # compiled templates; kept in memory only (blog serve), never saved
    card_charset: tuple = ()  # (the card font's identity, its Charset): asking fontconfig takes a while
    fresh_cards: dict[str, bytes] = field(default_factory=dict)  # card key -> PNG drawn by this build (cards.py)

    def previous_value(self, pair: tuple) -> str | None:
        if pair in self.values:
            return self.values[pair]
        return self.index.value_digest(*pair) if self.index is not None else None


def _pack(value: Any) -> bytes:
    return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)


def _unpack(blob: bytes) -> Any:
    return pickle.loads(zlib.decompress(blob))


class BuildCache:
    """The on-disk form of BuildState. Only entries used by the latest build are kept."""

    def __init__(self, site_dir: Path) -> None:
        self.path = site_dir / CACHE_DIR / "cache.sqlite"

    def load(self) -> tuple[BuildState, list[Diagnostic]]:
        if not self.path.exists():
            return BuildState(), []
        try:
            with sqlite3.connect(self.path) as db:
                found = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
                if not found or found[0] != CACHE_FORMAT:
                    return BuildState(), [self._discarded(f"it was written by another version ({found[0] if found else '?'})")]
                state = BuildState()
                for table, target in (("sources", state.sources), ("rendered", state.rendered)):
                    target.update((key, _unpack(blob)) for key, blob in db.execute(f"SELECT key, value FROM {table}"))
                for key, blob in db.execute("SELECT key, value FROM meta WHERE key != 'format'"):
                    setattr(state, key, _unpack(blob))
                return state, []
        except (sqlite3.Error, pickle.UnpicklingError, zlib.error, EOFError, AttributeError, ImportError,
                TypeError, ValueError) as exc:
            return BuildState(), [self._discarded(f"it could not be read ({type(exc).__name__}: {exc})")]

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

    def save(self, state: BuildState, previous: BuildState) -> list[Diagnostic]:
        """Write `state`, touching only entries that changed since `previous` was loaded.
        A cache that cannot be written (a full disk, another build holding it) only costs speed."""
        try:
            self._save(state, previous)
        except (sqlite3.Error, OSError) as exc:
            return [warning(f"{CACHE_DIR}/cache.sqlite", None, None, f"build cache not saved ({exc}); "
                                                                      f"the next build will be slower")]
        return []

    def _save(self, state: BuildState, previous: BuildState) -> None:
        if state.index is not None:
            state.values = state.index.values_of(state.records.values(), previous.values)
        changed = [name for name in _WHOLE if getattr(state, name) != getattr(previous, name)]
        fresh = sum(previous.records.get(dest_path) is not record for dest_path, record in state.records.items())
        if fresh * 10 > len(state.records):  # a pass over every record: worth it for a cold build, not an edit
            state.records = _interned(state.records)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        (self.path.parent / ".gitignore").write_text("*\n", encoding="utf-8")
        with sqlite3.connect(self.path) as db:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB)")
            for table in ("sources", "rendered"):
                db.execute(f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, value BLOB)")
                current, before = getattr(state, table), getattr(previous, table)
                db.executemany(f"DELETE FROM {table} WHERE key = ?", _keys(before.keys() - current.keys()))
                db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)",
                               ((key, _pack(value)) for key, value in current.items() if key not in before))
            db.execute("CREATE TABLE IF NOT EXISTS outputs (key TEXT PRIMARY KEY, value BLOB)")
            db.executemany("DELETE FROM outputs WHERE key = ?", _keys(previous.records.keys() - state.records.keys()))
            db.executemany("INSERT OR REPLACE INTO outputs VALUES (?, ?)",
                           ((key, zlib.compress(data, 1)) for key, data in state.fresh_outputs.items()))
            db.execute("CREATE TABLE IF NOT EXISTS bundles (key TEXT PRIMARY KEY, value BLOB)")
            wanted = {f"{shard}:{digest}" for shard, digest in state.search_shards.items()}
            db.executemany("DELETE FROM bundles WHERE key = ?",
                           [row for row in db.execute("SELECT key FROM bundles") if row[0] not in wanted])
            db.executemany("INSERT OR REPLACE INTO bundles VALUES (?, ?)", state.fresh_bundles.items())
            db.execute("CREATE TABLE IF NOT EXISTS cards (key TEXT PRIMARY KEY, value BLOB)")
            wanted = set(state.generated.values())  # the keys of this build's cards among them
            db.executemany("DELETE FROM cards WHERE key = ?",
                           [row for row in db.execute("SELECT key FROM cards") if row[0] not in wanted])
            db.executemany("INSERT OR REPLACE INTO cards VALUES (?, ?)", state.fresh_cards.items())
            db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (CACHE_FORMAT,))
            db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                           [(name, _pack(getattr(state, name))) for name in changed])


_WHOLE = ("records", "copies", "generated", "files", "output_dir", "signatures", "source_stats",
          "search_shards", "values", "math_font", "card_charset")  # saved as one value each


def _interned(records: dict[str, Any]) -> dict[str, Any]:
    """Records whose (object, attribute) pairs are shared objects: pickle then stores each pair once
    (2,000 pages read ~140,000 pairs, ~25,000 of them distinct), and loads them that much faster."""
    shared: dict[tuple, tuple] = {}
    return {dest_path: replace(record, reads=frozenset(shared.setdefault(pair, pair) for pair in record.reads),
                               objects=frozenset(shared.setdefault(key, key) for key in record.objects))
            for dest_path, record in records.items()}


def _keys(keys: Iterable[str]) -> list[tuple[str]]:
    return [(key,) for key in keys]
