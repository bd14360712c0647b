"""`blog check`: build into a temporary folder (never the site's output, never its cache) and
report what a reader would trip over, at the Markdown file and line that causes it: broken links
and anchors (raw HTML's too), missing images, formulas shown as source, two pages with one title
in a language, and template syntax of another generator left as text.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..diagnostics import Diagnostic, error
from ..pipeline.build import BuildOptions, build
from ..settings.urls import Urls
from ..site.links import ExternalLink, LinkChecker
from ..site.model import Page
from .external_links import check_external_links
from .leftovers import template_syntax


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
        pages, urls = result.session.site.all_pages, Urls(result.session.config)
        checker = LinkChecker(result.output_dir, urls)
        outside: list[ExternalLink] = []
        found: list[Diagnostic] = []
        for page in pages:
            problems, external_links = checker.check_page(page, page.links)
            found += problems
            outside += external_links
        found += _duplicate_titles(pages)
        found += _template_syntax(pages, site_dir, result.output_dir, urls)
        if external:
            found += check_external_links(outside)
            report.external = len({link.url for link in outside})
    report.diagnostics = sorted([*report.diagnostics, *found], key=Diagnostic.sort_key)
    report.pages = len(pages)
    report.links = sum(len(page.links) for page in pages)
    return report


def _template_syntax(pages: list[Page], site_dir: Path, output_dir: Path, urls: Urls) -> list[Diagnostic]:
    problems = []
    for page in pages:
        html = (output_dir / urls.dest_path(page.route)).read_text(encoding="utf-8")
        if "{{" in html or "{%" in html:
            source = (site_dir / page.src_path).read_text(encoding="utf-8", errors="replace")
            problems += template_syntax(page.src_path, html, source)
    return problems


def _duplicate_titles(pages: list[Page]) -> list[Diagnostic]:
    """Two pages of one language with one title look the same in listings, feeds and search."""
    by_title: dict[tuple[str, str], list[Page]] = {}
    for page in pages:
        by_title.setdefault((page.lang, page.title.strip()), []).append(page)
    problems = []
    for (_, title), same in by_title.items():
        for page in same if len(same) > 1 else ():
            others = ", ".join(other.src_path for other in same if other is not page)
            problems.append(error(page.src_path, page.title_at[0], None,
                                  f"duplicate title '{title}' in one language (also {others})"))
    return problems
