"""build(site_dir, options) -> BuildResult: every stage in order, all problems collected.

site.yaml -> SiteConfig -> [SourceFile] -> [Source] -> [Rendered] (process pool) -> Site
-> [Route] -> rendered pages -> staging folder -> swapped in as the output folder.
Nothing is written unless the whole build succeeded.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

from .config import SiteConfig, load_config, with_base_url
from .content import Source, discover_sources, read_source
from .diagnostics import BlogError, Diagnostics
from .i18n import Strings, load_strings
from .markdown.excerpt import ExcerptLabels
from .markdown.highlight import highlight_css
from .markdown.parser import ParserOptions
from .markdown.render import Rendered, RenderJob, render
from .routes import Copy, Route, check_copies, plan_routes
from .model import Site
from .site import build_site
from .theme import TemplateFailure, Theme, builtin_theme_dir
from .urls import Urls
from .writer import StagingWriter, check_output_dir

GENERATED_CSS = "css/highlight.css"


@dataclass(frozen=True)
class BuildOptions:
    output_dir: Path | None = None  # None: site.yaml's output_dir
    base_url: str | None = None
    drafts: bool = False
    jobs: int = 0  # 0: one per core
    strict: bool = False


@dataclass
class BuildStats:
    pages: dict[str, int] = field(default_factory=dict)  # posts and pages per language
    listings: int = 0
    static_files: int = 0
    seconds: float = 0.0


@dataclass
class BuildResult:
    diagnostics: Diagnostics
    stats: BuildStats
    output_dir: Path | None
    ok: bool


def build(site_dir: Path, options: BuildOptions) -> BuildResult:
    started = time.perf_counter()
    diagnostics = Diagnostics()
    stats = BuildStats()
    try:
        config, warnings = load_config(site_dir)
    except BlogError as exc:
        diagnostics.extend(exc.diagnostics)
        return BuildResult(diagnostics, stats, None, False)
    diagnostics.extend(warnings)
    if options.base_url:
        config = with_base_url(config, options.base_url)
    output_dir = options.output_dir or site_dir / config.output_dir
    diagnostics.extend(check_output_dir(output_dir, site_dir, "site.yaml" if options.output_dir is None else "--output"))
    urls = Urls(config)
    strings = _load_all_strings(site_dir, config, diagnostics)

    files, problems = discover_sources(site_dir, config)
    diagnostics.extend(problems)
    sources = []
    for file in files:
        source, problems = read_source(site_dir, file, config)
        diagnostics.extend(problems)
        if source is not None:
            sources.append(source)

    jobs = [make_render_job(config, source, strings[source.lang], urls) for source in sources]
    results = render_all(jobs, options.jobs or os.cpu_count() or 1)
    for result in results:
        diagnostics.extend(result.diagnostics)
    site, problems = build_site(config, [(s, r, j.fingerprint()) for s, r, j in zip(sources, results, jobs)],
                                strings, urls, include_drafts=options.drafts)
    diagnostics.extend(problems)
    routes, problems = plan_routes(site, urls)
    diagnostics.extend(problems)
    copies = plan_copies(site_dir, site)
    diagnostics.extend(check_copies(routes, copies))

    if diagnostics.has_errors or (options.strict and diagnostics.warnings):
        _report_template_errors(site_dir, site, urls, routes, diagnostics)
        return BuildResult(diagnostics, stats, output_dir, False)

    writer = StagingWriter(output_dir)
    try:
        theme = Theme(site_dir, site, urls)
        for route in routes:
            try:
                writer.write_bytes(route.dest_path, theme.render(route).encode("utf-8"))
            except TemplateFailure as failure:
                diagnostics.add(failure.diagnostic)
        if diagnostics.has_errors:
            writer.abort()
            return BuildResult(diagnostics, stats, output_dir, False)
        for copy in copies:
            writer.copy_file(copy.dest_path, copy.abs_src_path)
        writer.write_bytes(GENERATED_CSS, highlight_css(config.code.style_light, config.code.style_dark).encode())
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    stats.pages = {lang: len(ls.posts) + len(ls.pages) for lang, ls in site.languages.items()}
    stats.listings = sum(1 for route in routes if "pager" in route.context)
    stats.static_files = len(copies) + 1
    stats.seconds = time.perf_counter() - started
    return BuildResult(diagnostics, stats, output_dir, True)


def _report_template_errors(site_dir: Path, site: Site, urls: Urls, routes: list[Route], diagnostics: Diagnostics) -> None:
    """Render (without writing) so template errors are listed with the content errors."""
    theme = Theme(site_dir, site, urls)
    for route in routes:
        try:
            theme.render(route)
        except TemplateFailure as failure:
            diagnostics.add(failure.diagnostic)


def _load_all_strings(site_dir: Path, config: SiteConfig, diagnostics: Diagnostics) -> dict[str, Strings]:
    strings = {}
    for lang in config.languages:
        strings[lang], problems = load_strings(site_dir, lang)
        diagnostics.extend(problems)
    return strings


def make_render_job(config: SiteConfig, source: Source, strings: Strings, urls: Urls) -> RenderJob:
    return RenderJob(
        src_path=source.src_path,
        body=source.body,
        body_line=source.body_line,
        base_path=urls.base_path,
        macros=tuple({**config.math.macros, **source.front.macros}.items()),
        labels=ExcerptLabels(strings("excerpt_math"), strings("excerpt_formula"), strings("excerpt_code")),
        admonition_titles=strings.with_prefix("admonition_"),
        excerpt_length=config.excerpt.length,
        parser=ParserOptions(html=config.markdown.html, line_numbers=config.code.line_numbers,
                             math_in_code=config.markdown.math_in_code),
    )


def render_all(jobs: list[RenderJob], workers: int) -> list[Rendered]:
    """Render in a process pool when there is enough work to pay for one."""
    if workers <= 1 or len(jobs) < 4 * workers:
        return [render(job) for job in jobs]
    context = get_context("fork") if "fork" in get_all_start_methods() else None  # workers inherit imports
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        return list(pool.map(render, jobs, chunksize=max(1, len(jobs) // (workers * 8))))


def plan_copies(site_dir: Path, site: Site) -> list[Copy]:
    """Theme static files, overridden file by file by the site's static/, and bundle assets."""
    copies: dict[str, Copy] = {}
    for root, shown in ((builtin_theme_dir() / "static", "theme static"), (site_dir / "static", "static")):
        for path in sorted(root.rglob("*")) if root.is_dir() else ():
            relative = path.relative_to(root).as_posix()
            if path.is_file() and not any(part.startswith(".") for part in relative.split("/")):
                copies[relative] = Copy(relative, path, f"{shown}/{relative}")
    for page in site.all_pages:
        for src_path, dest_path in page.assets:
            copies[dest_path] = Copy(dest_path, site_dir / src_path, src_path)
    return list(copies.values())

