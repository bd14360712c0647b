"""The pipeline's stages wrapped by key: what the last build made is taken again when its inputs
are the same, and only the rest is made. Each function returns values; none changes its inputs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..content.notebooks.execute import Execution
from ..content.sources import Source, SourceFile, parse_source, read_raw, source_key
from ..diagnostics import Diagnostic, error
from ..output.routes import Copy, Route
from ..output.search import bundle_files, bundle_path
from ..render.markdown.render import Rendered, RenderJob
from ..settings.config import SiteConfig
from .records import RouteRecord, SiteIndex, digest, route_digest
from .state import FileStat, Parsed, SavedState, file_stat
from .store import CacheStore


@dataclass(frozen=True)
class SourcesRead:
    sources: list[Source]  # in discovery order, those that parsed
    parsed: dict[str, Parsed]  # source key -> parse, for the next build
    stats: dict[str, tuple[FileStat, str]]  # src_path -> (stat, source key)
    problems: list[Diagnostic]


def read_sources(site_dir: Path, files: list[SourceFile], config: SiteConfig, execution: Execution | None,
                 previous: SavedState) -> SourcesRead:
    """Parse front matter, reusing the parse of any file whose bytes (or size and mtime) are unchanged."""
    sources, parsed, stats, problems = [], {}, {}, []
    for file in files:
        stat = file_stat(f"{site_dir}/{file.src_path}")
        known = previous.source_stats.get(file.src_path)
        if known and known[0] == stat and known[1] in previous.sources:
            key = known[1]
            parsed[key] = previous.sources[key]
        else:
            try:
                raw = read_raw(site_dir, file)
            except OSError as exc:  # no permission, or deleted since it was found
                problems.append(error(file.src_path, None, None, f"cannot be read: {exc.strerror}"))
                continue
            key = source_key(file, raw, config, execution)
            if key not in parsed:
                parsed[key] = previous.sources.get(key) or parse_source(file, raw, config, execution)
        stats[file.src_path] = (stat, key)
        source, found = parsed[key]
        problems.extend(found)
        if source is not None:
            sources.append(source)
    return SourcesRead(sources, parsed, stats, problems)


@dataclass(frozen=True)
class PostsRendered:
    results: list[tuple[Rendered, str]]  # per job: its rendering and fingerprint
    by_fingerprint: dict[str, Rendered]  # for the next build
    fresh: int  # how many were rendered this time


def render_posts(jobs: list[RenderJob], previous: SavedState,
                 render_all: Callable[[list[RenderJob]], list[Rendered]]) -> PostsRendered:
    """Render the jobs not rendered before (content-addressed: equal jobs, equal fingerprints)."""
    fingerprints = [job.fingerprint() for job in jobs]
    missing = {fp: job for fp, job in zip(fingerprints, jobs) if fp not in previous.rendered}
    found = {**{fp: previous.rendered[fp] for fp in fingerprints if fp in previous.rendered},
             **dict(zip(missing, render_all(list(missing.values()))))}
    return PostsRendered([(found[fp], fp) for fp in fingerprints], found, len(missing))


@dataclass(frozen=True)
class OutputsKept:
    """What of the last build's output can stay, or come back from the cache."""

    unchanged: set[str]  # dest_paths whose file in the output is already right
    restored: dict[str, bytes]  # pages from the cache: same inputs, the file gone (a fresh checkout in CI)
    records: dict[str, RouteRecord]  # of the routes not to render again
    copies: dict[str, tuple[str, FileStat]]  # every copy with its source's stat, for the next build
    generated: dict[str, str]  # every generated file's digest, for the next build


class OutputFolder:
    """The previous build's files as they are in the output folder now."""

    def __init__(self, previous: SavedState, output_dir: Path) -> None:
        self.previous, self.output_dir = previous, output_dir
        self.same_place = previous.output_dir == str(output_dir) and output_dir.is_dir()

    def intact(self, dest_path: str) -> bool:
        """Written by the last build and untouched since."""
        return self.same_place and self.previous.files.get(dest_path) == file_stat(f"{self.output_dir}/{dest_path}")


def keep_outputs(index: SiteIndex, theme_digest: str, routes: list[Route], copies: list[Copy],
                 generated: dict[str, bytes], folder: OutputFolder, store: CacheStore | None,
                 previous_value: Callable[[tuple], str | None]) -> OutputsKept:
    """Routes whose record says they would come out the same, copies whose source did not change,
    generated files with the same bytes: kept when their file is intact, else restored if cached."""
    previous = folder.previous
    unchanged: set[str] = set()
    records: dict[str, RouteRecord] = {}
    restorable: dict[str, RouteRecord] = {}
    for route in routes:
        record = previous.records.get(route.dest_path)
        if record and index.is_current(record, theme_digest, route_digest(route), previous_value):
            if folder.intact(route.dest_path):
                unchanged.add(route.dest_path)
                records[route.dest_path] = record
            else:
                restorable[route.dest_path] = record
    restored = {}
    if store:
        for dest_path, data in store.fetch_outputs(restorable).items():
            if digest(data) == restorable[dest_path].output:
                restored[dest_path] = data
                records[dest_path] = restorable[dest_path]
    copy_stats = {}
    for copy in copies:
        copy_stats[copy.dest_path] = (str(copy.abs_src_path), file_stat(copy.abs_src_path))
        if previous.copies.get(copy.dest_path) == copy_stats[copy.dest_path] and folder.intact(copy.dest_path):
            unchanged.add(copy.dest_path)
    digests = {dest_path: digest(data) for dest_path, data in generated.items()}
    unchanged |= {dest_path for dest_path, data_digest in digests.items()
                  if previous.generated.get(dest_path) == data_digest and folder.intact(dest_path)}
    return OutputsKept(unchanged, restored, records, copy_stats, digests)


@dataclass(frozen=True)
class ShardsToIndex:
    digests: dict[int, str]  # every shard's digest, for the next build
    stale: dict  # shard -> its posts, to index this time
    restored: dict[int, bytes]  # shard -> its zipped bundle from the cache
    kept: list[str]  # dest_paths of the unchanged shards' files, already in the output


def reuse_shards(shards: dict, folder: OutputFolder, store: CacheStore | None) -> ShardsToIndex:
    """Shards whose posts did not change stay; missing from the output, they come back from the
    cache when it has them; the rest are indexed again."""
    previous, output_dir = folder.previous, folder.output_dir
    stale, restored, kept = {}, {}, []
    for shard, (shard_digest, posts) in shards.items():
        if previous.output_dir == str(output_dir) and previous.search_shards.get(shard) == shard_digest \
                and (output_dir / bundle_path(shard)).is_dir():
            kept += bundle_files(output_dir, shard)
            continue
        blob = store.fetch_bundle(shard, shard_digest) if store else None
        if blob is not None:
            restored[shard] = blob
        else:
            stale[shard] = posts
    return ShardsToIndex({shard: shard_digest for shard, (shard_digest, _) in shards.items()}, stale, restored, kept)


def unchanged_keys(keys: dict[str, str], previous: SavedState, folder: OutputFolder) -> Iterable[str]:
    """Of files named by a key of what they hold (link-preview cards), those already in place."""
    return [dest_path for dest_path, key in keys.items()
            if previous.generated.get(dest_path) == key and folder.intact(dest_path)]
