"""build(site_dir, options) -> BuildResult: every stage in order, all problems collected.

site.yaml -> SiteConfig -> [SourceFile] -> [Source] -> [Rendered] (process pool, cached) -> Site
-> [Route] -> pages whose inputs changed (forked workers) -> staging folder -> swapped in.
Nothing is written unless the whole build succeeded. What can be reused comes from the last
build's BuildState: kept in memory by `blog serve`, in .blog-cache/ for `blog build`.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from .cache import CACHE_DIR, BuildCache, BuildState
from .cardfont import CardFont
from .cards import Card, missing_glyphs, plan_cards
from .config import SiteConfig, load_config, with_base_url
from .confine import refused
from .content import Source, SourceFile, discover_sources, parse_source, read_raw, source_key
from .deps import RouteRecord, SiteIndex, digest, route_digest
from .diagnostics import BlogError, Diagnostic, Diagnostics
from .i18n import Strings, load_strings
from .lock import one_build_at_a_time
from .markdown.excerpt import ExcerptLabels
from .markdown.highlight import highlight_css
from .markdown.parser import ParserOptions
from .markdown.render import Rendered, RenderJob
from .mathfont import MATH_FONT, MATH_FONT_SOURCE, math_characters, subset_math_font
from .model import Site
from .notebooks.execute import Execution
from .parallel import render_markdown, render_pages
from .previews import card_files, choose_card_font
from .progress import Progress
from .scholarly.linking import link_objects
from .routes import Copy, Route, check_copies, plan_routes
from .search import Indexing, bundle_path, pack_bundle, plan_shards, unpack_bundle
from .site import build_site
from .theme import Theme, builtin_theme_dir
from .urls import Urls
from .writer import LiveWriter, StagingWriter, check_output_dir

GENERATED_CSS = "css/highlight.css"


@dataclass(frozen=True)
class BuildOptions:
    output_dir: Path | None = None  # None: site.yaml's output_dir
    base_url: str | None = None
    drafts: bool = False
    jobs: int = 0  # 0: one per core
    strict: bool = False
    use_cache: bool = True  # read and write .blog-cache/
    execute: bool = False  # run notebooks (nbclient) instead of using their stored outputs
    live: bool = False  # update the output in place (blog serve) instead of swapping a staging folder
    save_later: bool = False  # leave saving the cache to the caller (result.save_cache), once it is ready
    progress: Progress | None = None


@dataclass
class BuildStats:
    pages: dict[str, int] = field(default_factory=dict)  # posts and pages per language
    listings: int = 0
    drafts_left_out: int = 0  # drafts a build without --drafts skipped
    static_files: int = 0
    rendered_posts: int = 0  # Markdown rendered this time (the rest came from the cache)
    rendered_pages: int = 0  # pages made by templates this time
    outputs: int = 0  # pages the site has
    seconds: float = 0.0


@dataclass
class BuildResult:
    diagnostics: Diagnostics
    stats: BuildStats
    output_dir: Path | None
    ok: bool
    config: SiteConfig | None = None
    state: BuildState | None = None  # what the next build may reuse
    changed: list[str] = field(default_factory=list)  # dest_paths written or removed
    site: Site | None = None
    save_cache: Callable[[], list[Diagnostic]] | None = None  # with options.save_later


def build(site_dir: Path, options: BuildOptions, state: BuildState | None = None) -> BuildResult:
    with one_build_at_a_time(site_dir):
        return _build(site_dir, options, state)


def _build(site_dir: Path, options: BuildOptions, state: BuildState | None) -> BuildResult:
    started = time.perf_counter()
    diagnostics, stats = Diagnostics(), BuildStats()
    progress = options.progress or Progress()
    try:
        config, warnings = load_config(site_dir)
    except BlogError as exc:
        diagnostics.extend(exc.diagnostics)
        return BuildResult(diagnostics, stats, None, False)
    diagnostics.extend(warnings)
    if options.base_url:
        config = with_base_url(config, options.base_url)
    output_dir = (options.output_dir or site_dir / config.output_dir).resolve()
    diagnostics.extend(check_output_dir(output_dir, site_dir, "site.yaml" if options.output_dir is None else "--output"))
    cache = BuildCache(site_dir) if options.use_cache and state is None else None
    if state is None:
        state, problems = cache.load() if cache else (BuildState(), [])
        diagnostics.extend(problems)
    current = BuildState(output_dir=str(output_dir))
    workers = options.jobs or os.cpu_count() or 1
    config, card_font = choose_card_font(site_dir, config, state, current, diagnostics)
    urls = Urls(config)
    strings = _load_all_strings(site_dir, config, diagnostics)

    files, problems = discover_sources(site_dir, config)
    diagnostics.extend(problems)
    execution = Execution(options.execute, site_dir, site_dir / CACHE_DIR / "notebooks" if options.use_cache else None)
    sources = _read_sources(site_dir, files, config, execution, state, current, diagnostics)
    rendered = _render_sources(config, sources, strings, urls, state, current, workers, progress, stats)
    for _, result, _ in rendered:
        diagnostics.extend(result.diagnostics)
    site, problems = build_site(config, rendered, strings, urls, include_drafts=options.drafts)
    diagnostics.extend(problems)
    diagnostics.extend(link_objects(site_dir, config, site, rendered))  # references and citations, site-wide
    cards = plan_cards(site, urls) if card_font is not None else {}
    if cards and current.card_charset[1] is not None:
        diagnostics.extend(missing_glyphs(cards.values(), card_font, current.card_charset[1]))
    # Search indexes in a child process from here on, beside the rest of the build; blog serve
    # indexes in the background after announcing the reload instead (serve.py).
    output_shown = "site.yaml" if options.output_dir is None else "--output"
    try:
        indexing, restored_shards = _start_search(site, state, current, output_dir, workers, cache) \
            if config.search.enabled and not options.live and not diagnostics.has_errors else (None, {})
    except OSError as exc:  # its scratch folder goes beside the output
        diagnostics.add(_cannot_write(output_shown, output_dir, exc))
        return BuildResult(diagnostics, stats, output_dir, False)
    try:
        routes, problems = plan_routes(site, urls)
        diagnostics.extend(problems)
        copies, problems = plan_copies(site_dir, site)
        diagnostics.extend(problems)
        diagnostics.extend(check_copies(routes, copies))
        theme = Theme(site_dir, site, urls, state.environment, reloading=options.live)
        if diagnostics.has_errors or (options.strict and diagnostics.warnings):
            _report_template_errors(theme, routes, diagnostics)
            return BuildResult(diagnostics, stats, output_dir, False)

        generated = _generated_files(config, site, copies, state, current)
        index = SiteIndex(site, theme.template_source, theme.template_names(), state.signatures)
        current.signatures, current.environment, current.index = index.signatures, theme.env, index
        current.routes = routes
        made = {dest_path: data for page in site.all_pages for dest_path, data in page.files}  # notebook outputs
        outputs = _plan_outputs(index, theme, routes, copies, {**generated, **made}, state, current, output_dir, cache,
                                (cards, card_font, workers) if card_font is not None else None)
        stale = [route for route in routes if route.dest_path not in outputs.unchanged | outputs.pages.keys()]
        pages = render_pages(theme, stale, workers, progress.stage("rendering pages", len(stale)))
        for route, page in zip(stale, pages):
            if page.failure:
                diagnostics.add(page.failure)
            else:
                outputs.pages[route.dest_path] = page.html
                if cache and not options.live:  # kept to restore a deleted output (serve's is temporary)
                    current.fresh_outputs[route.dest_path] = page.html
                current.records[route.dest_path] = RouteRecord.of(theme.digest, route_digest(route), page.reads,
                                                                  page.html)
        progress.finish()
        if diagnostics.has_errors:
            return BuildResult(diagnostics, stats, output_dir, False)
        try:
            changed = _write(outputs, copies, output_dir, state, current, live=options.live, indexing=indexing,
                             restored_shards=restored_shards)
        except OSError as exc:  # a full disk, a read-only folder: the writer has removed its staging folder
            diagnostics.add(_cannot_write(output_shown, output_dir, exc))
            return BuildResult(diagnostics, stats, output_dir, False)
        if cache and indexing:
            current.fresh_bundles = {f"{shard}:{current.search_shards[shard]}": pack_bundle(output_dir / bundle_path(shard))
                                     for shard in indexing.shards}
    finally:
        if indexing is not None:
            indexing.cancel()
    save_cache = None
    if cache and _learnt_something(state, current, changed):
        if options.save_later:
            save_cache = functools.partial(cache.save, current, state)
        else:
            diagnostics.extend(cache.save(current, state))
    stats.pages = {lang: len(ls.posts) + len(ls.pages) for lang, ls in site.languages.items()}
    stats.listings = sum(1 for route in routes if "pager" in route.context)
    stats.drafts_left_out = 0 if options.drafts else sum(1 for source in sources if source.front.draft)
    stats.static_files = len(copies) + len(outputs.generated)
    stats.rendered_pages = len(stale)
    stats.outputs = len(routes)
    stats.seconds = time.perf_counter() - started
    return BuildResult(diagnostics, stats, output_dir, True, config, current, changed, site, save_cache)


def _cannot_write(shown: str, output_dir: Path, exc: OSError) -> Diagnostic:
    return Diagnostic(shown, None, None, "error", f"cannot write the output folder '{output_dir}': "
                                                  f"{exc.strerror or exc}")


def _learnt_something(state: BuildState, current: BuildState, changed: list[str]) -> bool:
    """Whether saving the cache would store anything new (saving costs time on every warm build)."""
    return bool(changed) or any(getattr(current, name) != getattr(state, name) for name in
                                ("sources", "rendered", "records", "source_stats", "output_dir", "search_shards",
                                 "math_font"))


def _load_all_strings(site_dir: Path, config: SiteConfig, diagnostics: Diagnostics) -> dict[str, Strings]:
    strings = {}
    for lang in config.languages:
        strings[lang], problems = load_strings(site_dir, lang)
        diagnostics.extend(problems)
    return strings


def _read_sources(site_dir: Path, files: list[SourceFile], config: SiteConfig, execution: Execution,
                  state: BuildState, current: BuildState, diagnostics: Diagnostics) -> list[Source]:
    """Parse front matter, reusing the parse of any file whose bytes (or size and mtime) are unchanged."""
    sources = []
    for file in files:
        stat = file_stat(f"{site_dir}/{file.src_path}")
        known = state.source_stats.get(file.src_path)
        if known and known[0] == stat and known[1] in state.sources:
            key = known[1]
            current.sources[key] = state.sources[key]
        else:
            try:
                raw = read_raw(site_dir, file)
            except OSError as exc:  # no permission, or deleted since it was found
                diagnostics.error(file.src_path, None, None, f"cannot be read: {exc.strerror}")
                continue
            key = source_key(file, raw, config, execution)
            if key not in current.sources:
                current.sources[key] = state.sources.get(key) or parse_source(file, raw, config, execution)
        current.source_stats[file.src_path] = (stat, key)
        source, problems = current.sources[key]
        diagnostics.extend(problems)
        if source is not None:
            sources.append(source)
    return sources


def language_job(config: SiteConfig, strings: Strings, urls: Urls) -> RenderJob:
    """The parts of a render job shared by every post of one language."""
    return RenderJob(
        src_path="", body="", body_line=1, base_path=urls.base_path, macros=(),
        labels=ExcerptLabels(strings("excerpt_math"), strings("excerpt_formula"), strings("excerpt_code")),
        admonition_titles=strings.with_prefix("admonition_"),
        notebook_labels=strings.with_prefix("notebook_"),
        box_names=strings.with_prefix("box_"),
        object_names=strings.with_prefix("object_"),
        excerpt_length=config.excerpt.length,
        parser=ParserOptions(html=config.markdown.html, line_numbers=config.code.line_numbers,
                             math_in_code=config.markdown.math_in_code, max_nesting=config.limits.nesting,
                             macro_expansions=config.limits.macro_expansions, heading_ids=config.markdown.heading_ids,
                             math_markdown_escapes=config.markdown.math_markdown_escapes),
    )


def make_render_job(shared: RenderJob, config: SiteConfig, source: Source) -> RenderJob:
    return replace(shared, src_path=source.src_path, body=source.body, body_line=source.body_line,
                   notebook=source.notebook, macros=used_macros({**config.math.macros, **source.front.macros}, source.body))


def used_macros(macros: dict[str, str], body: str) -> tuple[tuple[str, str], ...]:
    """The macros a post uses, directly or through other macros: a post's rendering (and its
    cache entry) then changes only when one of those does."""
    def used_in(text: str) -> set[str]:
        return {name for name in macros if re.search(re.escape(name) + r"(?![A-Za-z])", text)}

    found, todo = set(), used_in(body)
    while todo:
        name = todo.pop()
        found.add(name)
        todo |= used_in(macros[name]) - found
    return tuple((name, body) for name, body in macros.items() if name in found)


def _render_sources(config: SiteConfig, sources: list[Source], strings: dict[str, Strings], urls: Urls,
                    state: BuildState, current: BuildState, workers: int, progress: Progress,
                    stats: BuildStats) -> list[tuple[Source, Rendered, str]]:
    """Render the Markdown of every source whose job is not in the cache (content-addressed)."""
    shared = {lang: language_job(config, table, urls) for lang, table in strings.items()}
    jobs = [make_render_job(shared[source.lang], config, source) for source in sources]
    fingerprints = [job.fingerprint() for job in jobs]
    missing = {fp: job for fp, job in zip(fingerprints, jobs) if fp not in state.rendered}
    fresh = render_markdown(list(missing.values()), workers, progress.stage("rendering posts", len(missing)))
    found = {**{fp: state.rendered[fp] for fp in fingerprints if fp in state.rendered}, **dict(zip(missing, fresh))}
    current.rendered.update(found)
    stats.rendered_posts = len(missing)
    return [(source, found[fp], fp) for source, fp in zip(sources, fingerprints)]


@dataclass
class _Outputs:
    unchanged: set[str]  # dest_paths whose current file is already right
    pages: dict[str, bytes]  # rendered this time
    generated: dict[str, bytes]


def _plan_outputs(index: SiteIndex, theme: Theme, routes: list[Route], copies: list[Copy], generated: dict[str, bytes],
                  state: BuildState, current: BuildState, output_dir: Path, cache: BuildCache | None,
                  cards: tuple[dict[str, Card], CardFont, int] | None) -> _Outputs:
    """Decide which files can stay as they are (same inputs as last time, the file untouched), and
    which can come back from the cache (same inputs, the file gone: a fresh checkout in CI, say).
    `made`: files the sources made themselves (a notebook's plots), written like generated CSS."""
    same_place = state.output_dir == current.output_dir and output_dir.is_dir()

    def intact(dest_path: str) -> bool:
        return same_place and state.files.get(dest_path) == file_stat(f"{output_dir}/{dest_path}")

    unchanged: set[str] = set()
    restorable: dict[str, RouteRecord] = {}
    for route in routes:
        record = state.records.get(route.dest_path)
        if record and index.is_current(record, theme.digest, route_digest(route), state.previous_value):
            if intact(route.dest_path):
                unchanged.add(route.dest_path)
                current.records[route.dest_path] = record
            else:
                restorable[route.dest_path] = record
    pages = {}
    if cache:
        for dest_path, data in cache.fetch_outputs(restorable).items():
            if digest(data) == restorable[dest_path].output:
                pages[dest_path] = data
                current.records[dest_path] = restorable[dest_path]
    for copy in copies:
        current.copies[copy.dest_path] = (str(copy.abs_src_path), file_stat(copy.abs_src_path))
        if state.copies.get(copy.dest_path) == current.copies[copy.dest_path] and intact(copy.dest_path):
            unchanged.add(copy.dest_path)
    for dest_path, data in generated.items():
        current.generated[dest_path] = digest(data)
        if state.generated.get(dest_path) == current.generated[dest_path] and intact(dest_path):
            unchanged.add(dest_path)
    if cards is not None:
        generated.update(card_files(*cards, state, current, intact, unchanged, cache))
    return _Outputs(unchanged, pages, generated)


def _generated_files(config: SiteConfig, site: Site, copies: list[Copy], state: BuildState,
                     current: BuildState) -> dict[str, bytes]:
    """Files the build makes: the code colours, and the math font cut to the site's formulas
    (unless the site's static/ brings its own)."""
    generated = {GENERATED_CSS: highlight_css(config.code.style_light, config.code.style_dark).encode()}
    with_math = [page.content for page in site.all_pages if page.has_math]  # `math: true` may have no formula yet
    if with_math and not any(copy.dest_path == MATH_FONT for copy in copies):
        characters = math_characters(with_math)
        current.math_font = subset_math_font(MATH_FONT_SOURCE.read_bytes(), characters, state.math_font)
        generated[MATH_FONT] = current.math_font.data
    return generated


def _start_search(site: Site, state: BuildState, current: BuildState, output_dir: Path, workers: int,
                  cache: BuildCache | None) -> tuple[Indexing | None, dict[int, bytes]]:
    """Start indexing the search shards whose posts changed; shards that did not change but are
    missing from the output come back from the cache when it has them."""
    shards = plan_shards(site)
    current.search_shards = {shard: shard_digest for shard, (shard_digest, _) in shards.items()}
    same_place = state.output_dir == current.output_dir
    stale, restored = {}, {}
    for shard, (shard_digest, posts) in shards.items():
        if same_place and state.search_shards.get(shard) == shard_digest and (output_dir / bundle_path(shard)).is_dir():
            continue
        blob = cache.fetch_bundle(shard, shard_digest) if cache else None
        if blob is not None:
            restored[shard] = blob
        else:
            stale[shard] = posts
    if not stale:
        return None, restored
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    for leftover in output_dir.parent.glob(f".{output_dir.name}.search-*"):  # of a build that was killed
        shutil.rmtree(leftover, ignore_errors=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.search-", dir=output_dir.parent))
    return Indexing(stale, scratch, workers), restored


def _write(outputs: _Outputs, copies: list[Copy], output_dir: Path, state: BuildState, current: BuildState,
           *, live: bool, indexing: Indexing | None, restored_shards: dict[int, bytes]) -> list[str]:
    """Write what changed; return the dest_paths written or removed. An unchanged site writes nothing.
    Search shards whose posts did not change are carried over; `indexing` brings the others."""
    wanted = {*current.records, *current.copies, *current.generated}
    removed = sorted(set(state.files) - wanted) if state.output_dir == current.output_dir else []
    fresh = {**outputs.pages, **{k: v for k, v in outputs.generated.items() if k not in outputs.unchanged}}
    fresh_copies = [copy for copy in copies if copy.dest_path not in outputs.unchanged]
    if not fresh and not fresh_copies and not removed and indexing is None and not restored_shards \
            and wanted <= outputs.unchanged \
            and current.search_shards.keys() == state.search_shards.keys():
        current.files = state.files
        return []
    writer = LiveWriter(output_dir) if live else StagingWriter(output_dir)
    try:
        for dest_path in sorted(outputs.unchanged):
            writer.keep(dest_path)
        for dest_path, data in fresh.items():
            writer.write_bytes(dest_path, data)
        for copy in fresh_copies:
            writer.copy_file(copy.dest_path, copy.abs_src_path)
        for shard in current.search_shards.keys() - (indexing.shards.keys() if indexing else set()) - restored_shards.keys():
            writer.keep_tree(bundle_path(shard))
        for shard, blob in restored_shards.items():
            unpack_bundle(blob, bundle_path(shard), writer.write_bytes)
        if indexing is not None:
            indexing.finish(writer.root)
        if isinstance(writer, LiveWriter):
            writer.commit(set(state.files))
        else:
            writer.commit()
    except BaseException:
        writer.abort()
        raise
    written = {*fresh, *(c.dest_path for c in fresh_copies)}
    current.files = {dest_path: file_stat(f"{output_dir}/{dest_path}") if dest_path in written else state.files[dest_path]
                     for dest_path in wanted}
    return sorted({*written, *removed})


def file_stat(path: Path | str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def _report_template_errors(theme: Theme, routes: list[Route], diagnostics: Diagnostics) -> None:
    """Render (without writing) so template errors are listed with the content errors."""
    for page in render_pages(theme, routes, 1, lambda _: None):
        if page.failure:
            diagnostics.add(page.failure)


def plan_copies(site_dir: Path, site: Site) -> tuple[list[Copy], list[Diagnostic]]:
    """Theme static files, overridden file by file by the site's static/, and bundle assets.
    The site's own files pass confine.py: no links out of the site, to folders, or to nothing."""
    copies: dict[str, Copy] = {}
    problems = []
    site_root = site_dir.resolve()
    for root, shown in ((builtin_theme_dir() / "static", "theme static"), (site_dir / "static", "static")):
        for path in sorted(root.rglob("*")) if root.is_dir() else ():
            relative = path.relative_to(root).as_posix()
            if any(part.startswith(".") for part in relative.split("/")):
                continue
            problem = refused(path, site_root, f"{shown}/{relative}") if shown == "static" else None
            if problem:
                problems.append(problem)
            elif path.is_file():
                copies[relative] = Copy(relative, path, f"{shown}/{relative}")
    for page in site.all_pages:
        for src_path, dest_path in page.assets:
            copies[dest_path] = Copy(dest_path, site_dir / src_path, src_path)
    return list(copies.values()), problems
