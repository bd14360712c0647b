"""build(site_dir, options) -> BuildResult: the pipeline, every stage in order, all problems collected.

site.yaml -> SiteConfig -> [SourceFile] -> [Source] -> rendered posts -> Site -> routes and other
planned outputs {dest_path: Output} -> the writer (a staging folder, swapped in). Each stage
returns values; stages whose results the last build already has take them from it
(incremental/reuse.py), from `blog serve`'s memory or from .blog-cache/. Nothing is written
unless the whole build succeeded.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol

from ..content.confine import refused
from ..content.notebooks.execute import Execution
from ..content.sources import discover_sources
from ..diagnostics import BlogError, Diagnostic, Diagnostics, error
from ..incremental.records import RouteRecord, SiteIndex, route_digest, scheme_digest
from ..incremental.reuse import OutputFolder, ShardsToIndex, keep_outputs, read_sources, render_posts, reuse_shards
from ..incremental.state import CacheWrites, SavedState, ServeSession, file_stat
from ..incremental.store import CACHE_DIR, CacheStore
from ..output.cards import missing_glyphs, plan_cards
from ..output.mathfont import MATH_FONT, MATH_FONT_SOURCE, MathFont, math_characters, subset_math_font
from ..output.routes import Copy, Route, check_copies, plan_routes, without_case_twins
from ..output.search import BUNDLE_ROOT, SEARCH_INDEX, bundle_path, pack_bundle, plan_shards, unpack_bundle
from ..output.theme import Theme, builtin_theme_dir
from ..output.writer import LiveWriter, Output, StagingWriter, case_blind, check_output_dir, collect_outputs
from ..render.markdown.highlight import highlight_css
from ..render.markdown.jobs import language_job, make_render_job
from ..settings.config import SiteConfig, load_config, with_base_url
from ..settings.i18n import Strings, load_strings
from ..settings.urls import Urls
from ..site.assembly import build_site
from ..site.model import Site
from ..site.scholarly.linking import link_objects
from .forking import fork_available
from .indexing import Indexing
from .lock import one_build_at_a_time
from .parallel import render_markdown, render_pages
from .previews import CardFiles, card_files, choose_card_font

GENERATED_CSS = "css/highlight.css"
# Files the build generates that a site's own static/ may replace (README, Themes): the site's
# file is then written instead. Any other path made twice is an error (writer.collect_outputs).
SITE_MAY_REPLACE = (GENERATED_CSS, MATH_FONT)


class Progress(Protocol):
    """How far a build is: `blog build` on a terminal draws a bar (commands/progress.py)."""

    def stage(self, name: str, total: int) -> Callable[[int], None]: ...

    def finish(self) -> None: ...


class Silent:
    def stage(self, name: str, total: int) -> Callable[[int], None]:
        return lambda done: None

    def finish(self) -> None:
        pass


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
    fork: bool = field(default_factory=fork_available)  # worker processes; False once the caller runs threads
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
    session: ServeSession | None = None  # what the next build in this process may reuse
    changed: list[str] = field(default_factory=list)  # dest_paths written or removed, the search index's apart
    save_cache: Callable[[], list[Diagnostic]] | None = None  # with options.save_later


def build(site_dir: Path, options: BuildOptions, session: ServeSession | None = None) -> BuildResult:
    with one_build_at_a_time(site_dir):
        return _build(site_dir, options, session)


def _build(site_dir: Path, options: BuildOptions, session: ServeSession | None) -> BuildResult:
    started = time.perf_counter()
    diagnostics, stats = Diagnostics(), BuildStats()
    progress = options.progress or Silent()
    try:
        config, warnings = load_config(site_dir)
    except BlogError as exc:
        diagnostics.extend(exc.diagnostics)
        return BuildResult(diagnostics, stats, None, False)
    diagnostics.extend(warnings)
    if options.base_url:
        config = with_base_url(config, options.base_url)
    output_dir = (options.output_dir or site_dir / config.output_dir).resolve()
    output_shown = "site.yaml" if options.output_dir is None else "--output"
    diagnostics.extend(check_output_dir(output_dir, site_dir, output_shown))
    store = CacheStore(site_dir) if options.use_cache and session is None else None
    previous, problems = (session.state, []) if session else store.load() if store else (SavedState(), [])
    diagnostics.extend(problems)
    workers = options.jobs or os.cpu_count() or 1
    config, card_font, card_charset, problems = choose_card_font(site_dir, config, previous.card_charset)
    diagnostics.extend(problems)
    urls = Urls(config)
    strings = _load_all_strings(site_dir, config, diagnostics)

    # content -> rendered posts -> site
    files, problems = discover_sources(site_dir, config)
    diagnostics.extend(problems)
    execution = Execution(options.execute, site_dir, site_dir / CACHE_DIR / "notebooks" if options.use_cache else None)
    read = read_sources(site_dir, files, config, execution, previous)
    diagnostics.extend(read.problems)
    shared = {lang: language_job(config, table, urls.base_path) for lang, table in strings.items()}
    jobs = [make_render_job(shared[source.lang], config, source) for source in read.sources]
    posts = render_posts(jobs, previous, lambda missing: render_markdown(
        missing, workers, options.fork, progress.stage("rendering posts", len(missing))))
    stats.rendered_posts = posts.fresh
    rendered = [(source, result, fingerprint) for source, (result, fingerprint) in zip(read.sources, posts.results)]
    for _, result, _ in rendered:
        diagnostics.extend(result.diagnostics)
    site, problems = build_site(config, rendered, strings, urls, include_drafts=options.drafts)
    diagnostics.extend(problems)
    diagnostics.extend(link_objects(site_dir, config, site, rendered))  # references and citations, site-wide
    cards = plan_cards(site, urls) if card_font is not None else {}
    if cards and card_charset[1] is not None:
        diagnostics.extend(missing_glyphs(cards.values(), card_font, card_charset[1]))

    # planned outputs
    folder = OutputFolder(previous, output_dir)
    search = reuse_shards(plan_shards(site), folder, store) if config.search.enabled and not options.live \
        else None  # blog serve indexes in the background after announcing the reload (serve.py)
    routes, problems = plan_routes(site, urls)
    diagnostics.extend(problems)
    copies, problems = plan_copies(site_dir, site)
    diagnostics.extend(problems)
    diagnostics.extend(check_copies(routes, copies))
    if case_blind(output_dir):
        copies = without_case_twins(routes, copies)
    theme = Theme(site_dir, site, urls, session.environment if session else None, reloading=options.live)
    if diagnostics.has_errors or (options.strict and diagnostics.warnings):
        _report_template_errors(theme, routes, diagnostics)
        return BuildResult(diagnostics, stats, output_dir, False)
    try:
        indexing = _start_indexing(search.stale, output_dir, workers, options.fork) if search else None
    except OSError as exc:  # its scratch folder goes beside the output
        diagnostics.add(_cannot_write(output_shown, output_dir, exc))
        return BuildResult(diagnostics, stats, output_dir, False)
    try:
        replaced = {copy.dest_path for copy in copies if copy.source.startswith("static/")} & set(SITE_MAY_REPLACE)
        generated, math_font = _generated_files(config, site, replaced, previous.math_font)
        made = {dest_path: data for page in site.all_pages for dest_path, data in page.files}  # notebook plots
        index = SiteIndex(site, theme.template_source, theme.template_names(), previous.signatures)
        scheme = scheme_digest(urls.base_url, urls.default_language, tuple(site.languages))
        kept = keep_outputs(index, scheme, routes, copies, {**generated, **made}, folder, store,
                            session.previous_value if session else previous.values.get)
        drawn = card_files(cards, card_font, workers, options.fork, folder, store) if card_font is not None else None
        stale = [route for route in routes if route.dest_path not in kept.unchanged | kept.restored.keys()]
        pages = render_pages(theme, stale, workers, options.fork, progress.stage("rendering pages", len(stale)))
        records = dict(kept.records)
        fresh_pages = {}
        for route, page in zip(stale, pages):
            if page.failure:
                diagnostics.add(page.failure)
            else:
                fresh_pages[route.dest_path] = page.html
                records[route.dest_path] = RouteRecord.of(scheme, route_digest(route), page.reads, page.html)
        progress.finish()
        if diagnostics.has_errors:
            return BuildResult(diagnostics, stats, output_dir, False)

        planned = _planned_outputs(routes, {**kept.restored, **fresh_pages}, copies, {**generated, **made}, drawn,
                                   search, kept.unchanged | set(drawn.unchanged if drawn else ()))
        indexed = {bundle_path(shard): SEARCH_INDEX for shard in indexing.shards} if indexing else {}
        outputs, problems = collect_outputs(planned, indexed)
        diagnostics.extend(problems)
        if diagnostics.has_errors:
            return BuildResult(diagnostics, stats, output_dir, False)
        try:  # the fresh shards' files join once Pagefind is done, while the rest is being written
            later = (lambda: {dest_path: Output(SEARCH_INDEX, moved_from=path)
                              for dest_path, path in indexing.finish().items()}) if indexing else None
            changed, written = _write(outputs, later, output_dir, previous, live=options.live)
        except OSError as exc:  # a full disk, a read-only folder: the writer has removed its staging folder
            diagnostics.add(_cannot_write(output_shown, output_dir, exc))
            return BuildResult(diagnostics, stats, output_dir, False)
        fresh_bundles = {f"{shard}:{search.digests[shard]}": pack_bundle(output_dir / bundle_path(shard))
                         for shard in indexing.shards} if store and indexing else {}
    finally:
        if indexing is not None:
            indexing.cancel()

    state = SavedState(
        output_dir=str(output_dir), sources=read.parsed, source_stats=read.stats, rendered=posts.by_fingerprint,
        records=records, signatures=index.signatures, copies=kept.copies,
        generated={**kept.generated, **(drawn.keys if drawn else {})},
        files={dest_path: file_stat(f"{output_dir}/{dest_path}") if dest_path in written else previous.files.get(dest_path)
               for dest_path in {*outputs, *written}},
        search_shards=search.digests if search else {}, math_font=math_font, card_charset=card_charset)
    save_cache = None
    if store and (changed or _learnt_something(previous, state)):
        writes = CacheWrites(fresh_pages if not options.live else {}, fresh_bundles, drawn.drawn if drawn else {})
        save_cache = functools.partial(store.save, state, previous, writes, index)
        if not options.save_later:
            diagnostics.extend(save_cache())
            save_cache = None
    stats.pages = {lang: len(ls.posts) + len(ls.pages) for lang, ls in site.languages.items()}
    stats.listings = sum(1 for route in routes if "pager" in route.context)
    stats.drafts_left_out = 0 if options.drafts else sum(1 for source in read.sources if source.front.draft)
    stats.static_files = len(copies) + len(generated) + len(made) + len(drawn.keys if drawn else ())
    stats.rendered_pages = len(stale)
    stats.outputs = len(routes)
    stats.seconds = time.perf_counter() - started
    session = ServeSession(state, config, site, routes, index, theme.env, output_dir)
    return BuildResult(diagnostics, stats, output_dir, True, session, changed, save_cache)


def _planned_outputs(routes: list[Route], pages: dict[str, bytes], copies: list[Copy], generated: dict[str, bytes],
                     cards: CardFiles | None, search: ShardsToIndex | None,
                     unchanged: set[str]) -> list[tuple[str, Output]]:
    """Every file of the site with its maker, but the shards being indexed: new bytes, a file to
    copy, or (an Output with neither) the file in the output folder, which stays."""
    planned = [(route.dest_path, Output(route.source, None if route.dest_path in unchanged else pages[route.dest_path]))
               for route in routes]
    planned += [(copy.dest_path, Output(copy.source, copy_of=None if copy.dest_path in unchanged else copy.abs_src_path))
                for copy in copies]
    planned += [(dest_path, Output("the build", None if dest_path in unchanged else data))
                for dest_path, data in generated.items()]
    if cards is not None:
        planned += [(dest_path, Output("the link-preview cards", cards.files.get(dest_path))) for dest_path in cards.keys]
    if search is not None:
        planned += [(dest_path, Output(SEARCH_INDEX)) for dest_path in search.kept]
        planned += [(dest_path, Output(SEARCH_INDEX, data)) for shard, blob in search.restored.items()
                    for dest_path, data in unpack_bundle(blob, shard).items()]
    return planned


def _cannot_write(shown: str, output_dir: Path, exc: OSError) -> Diagnostic:
    return error(shown, None, None, f"cannot write the output folder '{output_dir}': {exc.strerror or exc}")


def _learnt_something(previous: SavedState, state: SavedState) -> bool:
    """Whether saving the cache would store anything new (saving costs time on every warm build)."""
    return any(getattr(state, name) != getattr(previous, name) for name in
               ("sources", "rendered", "records", "source_stats", "output_dir", "search_shards", "math_font"))


def _load_all_strings(site_dir: Path, config: SiteConfig, diagnostics: Diagnostics) -> dict[str, Strings]:
    strings = {}
    for lang in config.languages:
        strings[lang], problems = load_strings(site_dir, lang)
        diagnostics.extend(problems)
    return strings


def _generated_files(config: SiteConfig, site: Site, replaced: set[str],
                     previous_font: MathFont | None) -> tuple[dict[str, bytes], MathFont | None]:
    """Files the build makes: the code colours, and the math font cut to the site's formulas;
    those the site's static/ replaces are left out."""
    generated = {}
    if GENERATED_CSS not in replaced:
        generated[GENERATED_CSS] = highlight_css(config.code.style_light, config.code.style_dark).encode()
    with_math = [page.content for page in site.all_pages if page.has_math]  # `math: true` may have no formula yet
    if not with_math or MATH_FONT in replaced:
        return generated, None
    font = subset_math_font(MATH_FONT_SOURCE.read_bytes(), math_characters(with_math), previous_font)
    generated[MATH_FONT] = font.data
    return generated, font


def _start_indexing(stale: dict, output_dir: Path, workers: int, fork: bool) -> Indexing | None:
    """Index the stale shards beside the rest of the build, in a scratch folder next to the output."""
    if not stale:
        return None
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    for leftover in output_dir.parent.glob(f".{output_dir.name}.search-*"):  # of a build that was killed
        shutil.rmtree(leftover, ignore_errors=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.search-", dir=output_dir.parent))
    return Indexing(stale, scratch, workers, fork)


def _write(outputs: dict[str, Output], later: Callable[[], dict[str, Output]] | None, output_dir: Path,
           previous: SavedState, *, live: bool) -> tuple[list[str], set[str]]:
    """Write what changed, and then what `later` brings: (the dest_paths written or removed but
    the search index's, which are counted by shard; all those written). An unchanged site writes
    nothing."""
    same_place = previous.output_dir == str(output_dir)
    fresh = {dest_path for dest_path, output in outputs.items() if output.is_new}
    if later is None and not fresh and same_place and outputs.keys() == previous.files.keys():
        return [], set()
    writer = LiveWriter(output_dir) if live else StagingWriter(output_dir)
    try:
        writer.write_all(outputs)
        if later is not None:
            late = later()
            writer.write_all(late)
            fresh |= late.keys()
        if isinstance(writer, LiveWriter):
            writer.commit(set(previous.files))
        else:
            writer.commit()
    except BaseException:
        writer.abort()
        raise
    removed = set(previous.files) - outputs.keys() - fresh if same_place else set()
    return sorted(path for path in fresh | removed if not path.startswith(BUNDLE_ROOT + "/")), fresh


def _report_template_errors(theme: Theme, routes: list[Route], diagnostics: Diagnostics) -> None:
    """Render (without writing) so template errors are listed with the content errors."""
    for page in render_pages(theme, routes, 1, False, lambda _: None):
        if page.failure:
            diagnostics.add(page.failure)


def plan_copies(site_dir: Path, site: Site) -> tuple[list[Copy], list[Diagnostic]]:
    """Theme static files, replaced file by file by the site's static/, and bundle assets.
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
    assets = [Copy(dest_path, site_dir / src_path, src_path) for page in site.all_pages
              for src_path, dest_path in page.assets]  # one on a static file's path is an error (collect_outputs)
    return [*copies.values(), *assets], problems
