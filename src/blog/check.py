"""`blog check`: build into a temporary folder (never the site's output, never its cache) and
report what a reader would trip over, at the Markdown file and line that causes it: broken links
and anchors, missing images, formulas shown as source, two pages with one title in a language.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from .build import BuildOptions, BuildResult, build, language_job, make_render_job
from .content import SourceFile, read_raw
from .diagnostics import Diagnostic, error
from .external_links import check_external_links
from .frontmatter import split_front_matter
from .i18n import load_strings
from .links import ExternalLink, LinkChecker
from .markdown.render import Rendered
from .model import Page
from .site import build_site
from .urls import Urls
from .yamlsrc import load_yaml


@dataclass
class CheckReport:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    pages: int = 0
    links: int = 0  # links and images in the Markdown
    external: int = 0  # distinct external URLs requested (with --external)

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    def summary(self) -> str:
        errors = sum(1 for d in self.diagnostics if d.severity == "error")
        checked = f"checked {self.pages} pages and {self.links} links"
        if self.external:
            checked += f" ({self.external} external URLs requested)"
        return f"{checked}: {errors} error(s)" if errors else f"{checked}: no problems found"


def check_site(site_dir: Path, *, external: bool) -> CheckReport:
    with tempfile.TemporaryDirectory(prefix="blog-check-") as temporary:
        result = build(site_dir, BuildOptions(output_dir=Path(temporary) / "public", use_cache=False))
        # A formula that could not be converted is shown to readers as TeX source: an error here.
        report = CheckReport([replace(d, severity="error") if d.message.startswith("math:") else d
                              for d in result.diagnostics.sorted()])
        if not result.ok:
            return report
        pages = _pages_and_renderings(site_dir, result)
        checker = LinkChecker(result.output_dir, Urls(result.config))
        outside: list[ExternalLink] = []
        found: list[Diagnostic] = []
        for page, rendered, _ in pages:
            problems, external_links = checker.check_page(page, rendered.links)
            found += problems
            outside += external_links
        found += _duplicate_titles(site_dir, pages)
        if external:
            found += check_external_links(outside)
            report.external = len({link.url for link in outside})
    report.diagnostics = sorted([*report.diagnostics, *found], key=Diagnostic.sort_key)
    report.pages = len(pages)
    report.links = sum(len(rendered.links) for _, rendered, _ in pages)
    return report


def _pages_and_renderings(site_dir: Path, result: BuildResult) -> list[tuple[Page, Rendered, SourceFile]]:
    """The built site's pages with their Markdown renderings (which carry the links' lines), found
    in the build's state by the same job fingerprints the build used."""
    config, state = result.config, result.state
    urls = Urls(config)
    strings = {lang: load_strings(site_dir, lang)[0] for lang in config.languages}
    shared = {lang: language_job(config, table, urls) for lang, table in strings.items()}
    rendered = []
    for source, _ in state.sources.values():
        if source is not None:
            fingerprint = make_render_job(shared[source.lang], config, source).fingerprint()
            rendered.append((source, state.rendered[fingerprint], fingerprint))
    site, _ = build_site(config, rendered, strings, urls, include_drafts=False)
    by_src_path = {source.src_path: (result, source.file) for source, result, _ in rendered}
    return [(page, *by_src_path[page.src_path]) for page in site.all_pages]


def _duplicate_titles(site_dir: Path, pages: list[tuple[Page, Rendered, SourceFile]]) -> list[Diagnostic]:
    """Two pages of one language with one title look the same in listings, feeds and search."""
    by_title: dict[tuple[str, str], list[tuple[Page, SourceFile]]] = {}
    for page, _, file in pages:
        by_title.setdefault((page.lang, page.title.strip()), []).append((page, file))
    problems = []
    for (_, title), same in by_title.items():
        for page, file in same if len(same) > 1 else ():
            others = ", ".join(other.src_path for other, _ in same if other is not page)
            problems.append(error(page.src_path, _title_line(site_dir, file), None,
                                  f"duplicate title '{title}' in one language (also {others})"))
    return problems


def _title_line(site_dir: Path, file: SourceFile) -> int | None:
    split = split_front_matter(read_raw(site_dir, file).decode("utf-8", errors="replace"))
    doc, _ = load_yaml(split.yaml_text or "", file.src_path, first_line=split.yaml_line)
    return doc.key_at(("title",))[0] if doc else None
