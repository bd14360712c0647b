"""What a build leaves for the next one.

`SavedState` is a frozen value: made once at the end of a successful build, saved in
.blog-cache/ by `blog build` (store.py), compared field by field with the one it replaces.
`ServeSession` is what only a running `blog serve` keeps besides, in memory: the site model, the
compiled templates and the index that digests values on demand. It is never saved.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

from ..content.sources import Source
from ..diagnostics import Diagnostic
from ..output.mathfont import MathFont
from ..output.routes import Route
from ..output.tracking import TrackingEnvironment
from ..render.markdown.render import Rendered
from ..settings.config import SiteConfig
from ..site.model import Site
from .records import ObjectKey, RouteRecord, SiteIndex

FileStat = tuple[int, int] | None  # (size, mtime_ns) of a file; None when there is none
Parsed = tuple[Source | None, list[Diagnostic]]  # a source file's parse and its problems


def file_stat(path: Path | str) -> FileStat:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


@dataclass(frozen=True)
class SavedState:
    output_dir: str = ""  # where `files` were written
    sources: Mapping[str, Parsed] = field(default_factory=dict)  # source key (content digest) -> parse
    source_stats: Mapping[str, tuple[FileStat, str]] = field(default_factory=dict)  # src_path -> (stat, source key)
    rendered: Mapping[str, Rendered] = field(default_factory=dict)  # render job fingerprint -> its rendering
    records: Mapping[str, RouteRecord] = field(default_factory=dict)  # dest_path -> how the page was made
    signatures: Mapping[ObjectKey, str] = field(default_factory=dict)  # model object -> signature (records.py)
    values: Mapping[tuple[ObjectKey, str], str | None] = field(default_factory=dict)  # what records read, digested
    copies: Mapping[str, tuple[str, FileStat]] = field(default_factory=dict)  # dest_path -> (abs src path, its stat)
    generated: Mapping[str, str] = field(default_factory=dict)  # dest_path -> digest (or card key) of the bytes
    files: Mapping[str, FileStat] = field(default_factory=dict)  # dest_path -> stat as written
    search_shards: Mapping[int, str] = field(default_factory=dict)  # shard -> digest of its posts (search.py)
    math_font: MathFont | None = None  # the subset this build cut (mathfont.py)
    card_charset: tuple = ()  # (card font identity, its Charset): asking fontconfig takes a while

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


@dataclass(frozen=True)
class CacheWrites:
    """Blobs this build made that a later build may restore instead of making again."""

    pages: Mapping[str, bytes] = field(default_factory=dict)  # dest_path -> HTML rendered this time
    bundles: Mapping[str, bytes] = field(default_factory=dict)  # "shard:digest" -> zipped search bundle
    cards: Mapping[str, bytes] = field(default_factory=dict)  # card key -> PNG drawn this time


@dataclass(frozen=True)
class ServeSession:
    """`blog serve`'s memory of its last good build, beside that build's SavedState."""

    state: SavedState
    config: SiteConfig
    site: Site
    routes: list[Route]
    index: SiteIndex  # digests what the records read, on demand (serve never saves `values`)
    environment: TrackingEnvironment  # compiled templates
    output_dir: Path

    def previous_value(self, pair: tuple[ObjectKey, str]) -> str | None:
        return self.state.values[pair] if pair in self.state.values else self.index.value_digest(*pair)
