"""Shared by the import tests: copy a fixture blog, import it through the real CLI, build the result,
and look at folders byte for byte.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from tests.support.cli import Run, run_blog
from tests.support.sites import write_site

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def imported_files(site: Path) -> dict[str, bytes]:
    """What an import writes: site.yaml, content/ and static/ (not a build's output or cache)."""
    return {path: data for path, data in snapshot(site).items() if path.startswith(("content/", "static/", "site.yaml"))}


def reimport(imported: "Imported", *options: str) -> Run:
    return run_blog("import", imported.kind, imported.blog.name, "--site", "site", *options, cwd=imported.site.parent)


@dataclass
class Imported:
    kind: str
    blog: Path  # the copy of the fixture blog that was imported
    site: Path
    run: Run  # the import
    before: dict[str, bytes]  # the blog's files before the import

    def text(self, relative: str) -> str:
        return (self.site / relative).read_text(encoding="utf-8")

    def front(self, relative: str) -> dict:
        return yaml.safe_load(self.text(relative).split("---\n")[1])

    def body(self, relative: str) -> str:
        return self.text(relative).split("---\n", 2)[2]


def import_fixture(kind: str, root: Path, *, detect: bool = False) -> Imported:
    """Copy tests/fixtures/KIND-blog to ROOT/KIND-blog and import it into ROOT/site (`detect`: without
    naming the kind, as `blog import SRC`)."""
    blog = root / f"{kind}-blog"
    shutil.copytree(FIXTURES / f"{kind}-blog", blog)
    before = snapshot(blog)
    run = run_blog("import", *([] if detect else [kind]), blog.name, "--site", "site", cwd=root)
    return Imported(kind, blog, root / "site", run, before)


def import_and_build(kind: str, root: Path, *, detect: bool = False) -> tuple[Imported, Run]:
    """The fixture blog imported, and the site built with its drafts."""
    imported = import_fixture(kind, root, detect=detect)
    return imported, run_blog("build", "--site", imported.site, "--drafts")


_NOT_READ = re.compile(r"<!--.*?-->|<(pre|code|script|style|annotation)\b.*?</\1>", re.DOTALL | re.IGNORECASE)


def template_syntax(output: Path) -> list[str]:
    """Pages where a reader sees `{{` or `{%` (outside code, scripts, comments and the TeX kept in MathML)."""
    return [relative for relative, html in built_pages(output).items()
            if re.search(r"\{\{|\{%", _NOT_READ.sub("", html))]


def old_url_problems(output: Path, base_path: str, answers: dict[str, str]) -> list[str]:
    """Each old URL (site-relative, no leading slash) that is neither the new page nor a redirect
    (canonical link and meta refresh) to it; an old feed ('.xml') must be a feed of the new page
    (its alternate link), since a feed reader follows no HTML redirect."""
    problems = []
    for old, new in answers.items():
        file = output / (old + "index.html" if old.endswith("/") else old)
        if not file.is_file():
            problems.append(f"{old}: nothing there")
            continue
        html = file.read_text(encoding="utf-8")
        if old.endswith(".xml"):
            alternate = f'<link rel="alternate" type="text/html" href="https?://[^/"]+{re.escape(base_path + new)}"'
            if "<feed " not in html or not re.search(alternate, html):
                problems.append(f"{old}: not a feed of {new or 'the home page'}")
            continue
        if old == new:
            continue
        redirect = f'<meta http-equiv="refresh" content="0; url={base_path}{new}">'
        if redirect not in html or f'<link rel="canonical" href="' not in html or f"{base_path}{new}\"" not in html:
            problems.append(f"{old}: no redirect to {new}")
    return problems


def wrong_languages(output: Path, base_path: str, default: str, other: str) -> list[str]:
    """Pages whose `<html lang>` is not the language of their URL (`/OTHER/…` or the default), or
    for a redirect page, of the URL it sends readers to."""
    wrong = []
    for relative, html in built_pages(output).items():
        target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html)
        path = target.group(1).removeprefix(base_path) if target else relative
        wanted = other if path.startswith(f"{other}/") else default
        if f'<html lang="{wanted}"' not in html:
            wrong.append(relative)
    return wrong


def built_pages(output: Path) -> dict[str, str]:
    return {p.relative_to(output).as_posix(): p.read_text(encoding="utf-8") for p in sorted(output.rglob("*.html"))}


def missing_images(output: Path) -> list[str]:
    """Every <img src> of every page that does not resolve to a file in the output."""
    missing = []
    for relative, html in built_pages(output).items():
        page_dir = (output / relative).parent
        for src in re.findall(r'<img [^>]*src="([^"]+)"', html):
            if src.startswith(("http://", "https://", "data:")):
                continue
            target = output / src.lstrip("/") if src.startswith("/") else page_dir / src
            if not target.is_file():
                missing.append(f"{relative}: {src}")
    return missing


HEXO_CONFIG = "title: T\nurl: https://old.example.com\nlanguage: zh-CN\npost_asset_folder: true\n"
HUGO_CONFIG = 'baseURL = "https://old.example.com/"\ntitle = "T"\ndefaultContentLanguage = "zh"\n'


@dataclass
class Converted:
    text: str  # the imported post, front matter included
    warnings: list[str]  # every diagnostic of the import, as printed

    @property
    def body(self) -> str:
        return self.text.split("---\n", 2)[2]

    @property
    def front(self) -> dict:
        return yaml.safe_load(self.text.split("---\n")[1])


def convert_post(root: Path, kind: str, post: str, files: dict[str, str | bytes] | None = None,
                 name: str = "p.md") -> Converted:
    """Import a one-post blog (plus `files`, relative to the blog) in-process; the post's new text."""
    from blog.commands.importers import import_blog

    blog = root / f"{kind}-src"
    folder = "source/_posts" if kind == "hexo" else "content/posts"
    entries = {("_config.yml" if kind == "hexo" else "config.toml"): HEXO_CONFIG if kind == "hexo" else HUGO_CONFIG,
               f"{folder}/{name}": post, **(files or {})}
    for relative, content in entries.items():
        path = blog / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    report = import_blog(kind, blog, root / "site", force=True)
    stem = name.rsplit(".", 1)[0]
    return Converted((root / "site/content/posts" / f"{stem}.md").read_text(encoding="utf-8"),
                     [str(d) for d in report.diagnostics])


def feed_warnings(root: Path, kind: str, files: dict[str, str]) -> list[str]:
    """The import's messages about feeds, for a blog of `files` written in ROOT/blog and imported
    in-process into ROOT/site."""
    from blog.commands.importers import import_blog

    report = import_blog(kind, write_site(root / "blog", files), root / "site", force=False)
    return [str(d) for d in report.diagnostics if "feed" in d.message]
