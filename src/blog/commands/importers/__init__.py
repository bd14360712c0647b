"""`blog import [hexo|hugo|jekyll] SRC`: bring an existing blog into a site, never touching SRC.

detect the kind when not given -> read (hexo.py / hugo.py / jekyll.py) -> Blog -> site settings (siteconfig.py) -> plan_documents (names, URLs,
redirects) -> convert each document (front matter, tags or shortcodes, images) -> write through
SiteFiles, which never replaces a file the user changed unless --force.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ...diagnostics import Diagnostic, error, warning
from ...output.theme import builtin_theme_dir
from ...settings.config import SiteConfig
from ...settings.urls import SITE_MADE, Urls
from .convert import FLAVOURS, convert_document
from .files import SiteFiles, WriteCounts
from .hexo import looks_like_hexo, read_hexo
from .hugo import looks_like_hugo, read_hugo
from .jekyll import looks_like_jekyll, read_jekyll
from .listings import redirect_pages, unserved_feeds
from .plan import Blog, plan_documents
from .references import Publisher
from .siteconfig import existing_config, new_site_yaml
from .sources import count_code_math



@dataclass(frozen=True)
class Reader:
    looks_like: Callable[[Path], bool]
    read: Callable[[Path], Blog]
    expected: str  # what looks_like looks for, as messages say it
    posts: str  # where the posts are


READERS = {
    "hexo": Reader(looks_like_hexo, read_hexo, "source/_posts/, or _config.yml beside scaffolds/", "source/_posts/"),
    "hugo": Reader(looks_like_hugo, read_hugo, "hugo.toml, config.toml or config/_default/", "content/"),
    "jekyll": Reader(looks_like_jekyll, read_jekyll, "_config.yml beside _posts/, _layouts/ or a Gemfile", "_posts/"),
}
KINDS = tuple(READERS)


def detect_kind(source: Path) -> str | None:
    """The kind of blog in `source`, None when it is none we read (or the folder is missing)."""
    return next((kind for kind, reader in READERS.items() if source.is_dir() and reader.looks_like(source)), None)


@dataclass
class ImportReport:
    kind: str
    source: Path
    site_dir: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    posts: int = 0
    drafts: int = 0
    pages: int = 0
    files: int = 0
    redirects: int = 0  # the old blog's listing pages, redirected to ours
    counts: WriteCounts = field(default_factory=WriteCounts)
    made_site_yaml: bool = False

    def summary(self) -> str:
        if any(d.severity == "error" for d in self.diagnostics):
            return f"nothing imported from '{self.source}'"
        counts = self.counts
        warnings = sum(1 for d in self.diagnostics if d.severity == "warning")
        lines = [
            f"imported {self.kind} blog '{self.source}' into '{self.site_dir}': {self.posts} posts "
            f"({self.drafts} drafts), {self.pages} pages, {self.files} other files"
            + (f", {self.redirects} redirects from old listing pages" if self.redirects else "")
            + (", and a new site.yaml" if self.made_site_yaml else ""),
            f"files: {counts.created} created, {counts.unchanged} unchanged, {counts.replaced} replaced, "
            f"{counts.kept} kept as they were in the site; {warnings} warnings",
            f"next: blog build --site {self.site_dir}",
        ]
        return "\n".join(lines)


def import_blog(kind: str | None, source: Path, site_dir: Path, *, force: bool) -> ImportReport:
    """Import the blog in `source`; `kind` None: whichever kind it is."""
    kind = kind or detect_kind(source)
    report = ImportReport(kind or "", source, site_dir)
    problem = _check_folders(kind, source, site_dir)
    if problem is not None:
        report.diagnostics.append(problem)
        return report
    config, problems = existing_config(site_dir)
    if problems:
        report.diagnostics += problems
        return report
    blog = READERS[kind].read(source)
    if not any(doc.kind == "post" for doc in blog.documents):
        report.diagnostics.append(error(str(source), None, None, f"no posts found in {READERS[kind].posts} "
                                                                 f"(looked for Markdown files); is it a "
                                                                 f"{kind.capitalize()} blog?"))
        return report
    files = SiteFiles(site_dir, force)
    if config is None:
        text, config, notes = new_site_yaml(blog.settings, kind)
        report.made_site_yaml = files.write_text("site.yaml", text, "the blog's config")
        report.diagnostics += notes
    else:
        report.diagnostics += _settings_to_add(blog, config)
    report.diagnostics += [warning(_shown(path, site_dir), line, None, message)
                           for path, line, message in blog.problems]
    skipped = plan_documents(blog, config)
    report.diagnostics += [warning(_shown(source / rel, site_dir), None, None, message) for rel, message in skipped]
    publisher = Publisher(blog)
    flavour = FLAVOURS[kind]()
    for doc in blog.documents:
        text, diagnostics = convert_document(doc, publisher, flavour)
        if files.write_text(doc.target, text, doc.src_rel):
            report.diagnostics += diagnostics
    copies = _publishable(publisher.copies(), blog, config, report, site_dir)
    for dest, path in sorted(copies.items()):
        files.copy(dest, path, _shown(path, site_dir))
    taken = _site_paths(blog, config) | {dest.removeprefix("static/") for dest in copies}
    for dest, html in sorted(redirect_pages(blog.listings, config, taken).items()):
        files.write_text(f"static/{dest}", html, "the blog's listing pages")
        report.redirects += 1
    report.diagnostics += [warning(_shown(source, site_dir), None, None, message)
                           for message in unserved_feeds(blog.listings, config)]
    report.diagnostics += files.diagnostics
    report.counts = files.counts
    report.posts = sum(1 for doc in blog.documents if doc.kind == "post")
    report.drafts = sum(1 for doc in blog.documents if doc.kind == "post" and doc.front.get("draft"))
    report.pages = sum(1 for doc in blog.documents if doc.kind == "page")
    report.files = len(copies)
    report.diagnostics.sort(key=Diagnostic.sort_key)
    return report


def _settings_to_add(blog: Blog, config: SiteConfig) -> list[Diagnostic]:
    """What the site's own site.yaml (never changed by an import) lacks for this blog."""
    missing = []
    if not config.markdown.math_in_code and (in_code := count_code_math(blog.documents)):
        formulas = f"{in_code} formula{'s' if in_code > 1 else ''}"
        missing.append(f"the blog writes {formulas} in backticks (`$x$`); add 'markdown: {{math_in_code: true}}' "
                       f"so they render as math")
    feeds = {"aliases": [a for a in blog.settings.feed_aliases if a not in config.feed.aliases],
             "term_aliases": [a for a in blog.settings.term_feed_aliases if a not in config.feed.term_aliases]}
    if any(feeds.values()):
        wanted = ", ".join(f"{key}: [{', '.join(values)}]" for key, values in feeds.items() if values)
        missing.append(f"the blog's feeds were also at other addresses; add 'feed: {{{wanted}}}' so they keep "
                       f"being served")
    return [warning("site.yaml", None, None, message) for message in missing]


def _check_folders(kind: str | None, source: Path, site_dir: Path) -> Diagnostic | None:
    shown = str(source)
    if not source.is_dir():
        blog = f"the {kind.capitalize()} blog's folder" if kind else "a Hexo, Hugo or Jekyll blog's folder"
        return error(shown, None, None, f"no such folder (expected {blog})")
    if kind is None:
        looked_for = "; ".join(f"{name.capitalize()}: {reader.expected}" for name, reader in READERS.items())
        return error(shown, None, None, f"not a blog this can import (looked for {looked_for}); "
                                        f"is it the blog's top folder?")
    if not READERS[kind].looks_like(source):
        found = detect_kind(source)
        also = f"; it looks like a {found.capitalize()} blog: blog import {found} {shown}" if found else \
            "; is it the blog's top folder?"
        return error(shown, None, None, f"does not look like a {kind.capitalize()} blog "
                                        f"(no {READERS[kind].expected}){also}")
    source_resolved, site_resolved = source.resolve(), site_dir.resolve()
    if site_resolved == source_resolved or source_resolved in site_resolved.parents:
        return error(shown, None, None, "the site folder is inside the blog's folder, which an import never "
                                        "changes; choose a --site folder outside it")
    for folder in ("content", "static"):
        if (site_resolved / folder) == source_resolved or (site_resolved / folder) in source_resolved.parents:
            return error(shown, None, None, f"the blog is inside the site's {folder}/ folder; move it out first")
    return None


def _publishable(copies: dict[str, Path], blog: Blog, config, report: ImportReport, site_dir: Path) -> dict[str, Path]:
    """Leave out static files on a URL the site makes itself (home, 404, feeds, a page, a redirect, the theme)."""
    pages = _site_paths(blog, config)
    theme = builtin_theme_dir() / "static"
    kept = {}
    for dest, path in copies.items():
        published = dest.removeprefix("static/")
        if dest.startswith("static/"):
            if published in pages or published in SITE_MADE or published == "css/highlight.css":
                reason = "the site makes that URL itself"
            elif (theme / published).is_file():
                reason = "it would replace the theme's own file"
            else:
                reason = None
            if reason:
                report.diagnostics.append(warning(_shown(path, site_dir), None, None,
                                                  f"not copied to static/{published}: {reason}"))
                continue
        kept[dest] = path
    return kept


def _site_paths(blog: Blog, config) -> set[str]:
    """The output paths of the imported pages and their redirects."""
    urls = Urls(config)
    pages = {urls.dest_path(doc.route) for doc in blog.documents}
    return pages | {urls.dest_path(alias) for doc in blog.documents for alias in doc.front.get("aliases") or []}


def _shown(path: Path, site_dir: Path) -> str:
    """A path outside the site, relative to it, as messages show every path."""
    return Path(os.path.relpath(path, site_dir)).as_posix()
