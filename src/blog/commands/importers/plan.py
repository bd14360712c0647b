"""What an import will write, decided before anything is written.

A reader (hexo.py, hugo.py) turns a blog folder into a Blog: its documents with their raw front
matter, the files it publishes as they are, and its settings. `plan_documents` then gives each
document a unique NAME and target path in our layout, its new URL, and the old URLs that become
redirects, so that the build can never meet two pages on one URL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...settings.config import LANGUAGE_CODE, SiteConfig
from ...settings.urls import Urls, old_url_route, slugify
from .listings import OldListing

PLUMBING_TYPES = {"tags", "categories", "archive", "archives", "search", "404"}


@dataclass
class Document:
    abs_src_path: Path
    src_rel: str  # posix, relative to the blog's folder
    kind: str  # post or page
    stem: str  # the NAME it would like: the file name, or the bundle's folder
    lang: str | None  # our language code as the blog gave it; None: the default language
    raw: dict[str, Any]  # the blog's front matter
    body: str
    asset_dir: Path | None = None  # its files are published beside the page
    bundle: bool = False
    old_urls: list[str] = field(default_factory=list)  # its routes in the old blog
    keys: list[str] = field(default_factory=list)  # how other posts refer to it (post_link, ref)
    name: str = ""
    route: str = ""
    target: str = ""  # e.g. content/posts/ppo.en.md
    asset_target: str = ""  # the folder its assets go to, e.g. content/posts/ppo
    front: dict[str, Any] = field(default_factory=dict)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (front-matter key, message)

    @property
    def title(self) -> str:
        return str(self.front.get("title") or self.stem)


@dataclass
class Settings:
    """The blog's own config, in our terms, for a new site.yaml."""

    title: str = ""
    tagline: str = ""
    description: str = ""
    author: str = ""
    base_url: str = ""
    default_language: str = "zh"
    languages: dict[str, dict[str, str]] = field(default_factory=dict)  # code -> {name, title}
    paginate: int | None = None
    math_in_code: bool = False
    math_markdown_escapes: bool = False  # its TeX was written for a Markdown that eats backslashes
    heading_ids: str = ""  # the old generator's heading-id scheme ("" is ours)
    language_note: str = ""  # how default_language was chosen, when the settings did not decide alone
    feed_aliases: tuple[str, ...] = ()  # its feeds' addresses where they differ from our /feed.xml
    term_feed_aliases: tuple[str, ...] = ()  # the file its tag and category feeds were, in the term's folder


@dataclass
class Blog:
    kind: str  # hexo, hugo or jekyll
    root: Path
    settings: Settings
    documents: list[Document] = field(default_factory=list)
    static: dict[str, Path] = field(default_factory=dict)  # path under static/ -> file
    static_roots: list[Path] = field(default_factory=list)  # where a URL '/x' was found, in order
    root_path: str = "/"  # the old site's path under its host, stripped from '/blog/x' URLs
    code_dir: Path | None = None  # Hexo's include_code folder
    params: dict[str, Any] = field(default_factory=dict)  # Hugo's site params
    problems: list[tuple[Path, int | None, str]] = field(default_factory=list)  # about source files
    listings: list[OldListing] = field(default_factory=list)  # the listing pages the old blog served


def our_language(code: Any) -> str | None:
    """'zh-CN', 'zh_Hans', 'cn' -> 'zh'; 'en-US' -> 'en'; 'ja-JP' -> 'ja'; None when not a code."""
    text = str(code or "").strip().lower().replace("_", "-")
    if text in ("cn", "chs", "cht") or text.startswith("zh"):
        return "zh"
    primary = text.split("-")[0]
    return primary if LANGUAGE_CODE.match(primary) else None


def safe_name(stem: str) -> str:
    """A NAME our content discovery reads as one: no leading '_' or '.', no '.xx' that looks like a language."""
    name = stem.strip().replace("/", "-").lstrip("_.#").rstrip("~") or "untitled"
    base, dot, suffix = name.rpartition(".")
    if dot and base and LANGUAGE_CODE.match(suffix):
        name = f"{base}-{suffix}"
    return name


def plan_documents(blog: Blog, config: SiteConfig) -> list[tuple[str, str]]:
    """Fill in name, route, target and aliases of every document; return (src_rel, message) for
    documents that could not be placed (they are removed from the blog)."""
    urls = Urls(config)
    skipped: list[tuple[str, str]] = []
    placed: list[Document] = []
    names: set[tuple[str, str, str]] = set()
    routes: dict[str, Document] = {}
    for doc in blog.documents:
        lang = doc.lang or blog.settings.default_language  # the blog's own default, which the site may not share
        if lang not in config.languages:
            skipped.append((doc.src_rel, f"not imported: its language '{lang}' is not in site.yaml's languages "
                                         f"({', '.join(config.languages)}); add it there and import again"))
            continue
        if doc.kind == "page" and _is_plumbing(doc):
            skipped.append((doc.src_rel, "not imported: a theme's listing page; the site makes its own "
                                         "tags, categories, archives and search pages"))
            continue
        doc.lang = None if lang == config.default_language else lang
        doc.name = _unique_name(doc, names)
        _place(doc, lang, urls, routes)
        placed.append(doc)
    blog.documents = placed
    _assign_aliases(blog, urls)
    return skipped


def _is_plumbing(doc: Document) -> bool:
    kind = str(doc.raw.get("type") or doc.raw.get("layout") or "").strip().lower()
    return kind in PLUMBING_TYPES or (doc.stem.lower() in PLUMBING_TYPES and not doc.body.strip())


def _unique_name(doc: Document, names: set[tuple[str, str, str]]) -> str:
    """A NAME no other document of its kind and language has, as a name or as a translation_key
    (our build joins translations by `translation_key or NAME`, and file names are case-blind on some disks)."""
    lang = doc.lang or ""
    key = doc.front.get("translation_key")
    if key is not None and (doc.kind, lang, str(key).lower()) in names:
        doc.front.pop("translation_key")
        doc.notes.append(("title", f"translation_key '{key}' is already another {doc.kind}'s in this language; "
                                   f"dropped it"))
        key = None
    base = safe_name(doc.stem)
    name, number = base, 1
    while (doc.kind, lang, name.lower()) in names:
        number += 1
        name = f"{base}-{number}"
    if number > 1:
        doc.notes.append(("title", f"another {doc.kind} is already named '{base}'; this one is '{name}'"))
    names.add((doc.kind, lang, name.lower()))
    if key is not None:
        names.add((doc.kind, lang, str(key).lower()))
    return name


def _place(doc: Document, lang: str, urls: Urls, routes: dict[str, Document]) -> None:
    section = "posts" if doc.kind == "post" else "pages"
    suffix = f".{doc.lang}" if doc.lang else ""
    doc.asset_target = f"content/{section}/{doc.name}"
    doc.target = f"{doc.asset_target}/index{suffix}.md" if doc.bundle else f"{doc.asset_target}{suffix}.md"
    slug = str(doc.front.get("slug") or doc.name)
    route = _route(doc, urls, lang, slug)
    if doc.kind == "page" and urls.is_reserved_slug(slugify(slug, lower=False)):
        slug = f"{slug}-page"
        doc.front["slug"] = slug
        new_route = _route(doc, urls, lang, slug)
        doc.notes.append(("slug", f"'{route}' is a URL the site makes itself; this page is at '{new_route}'"))
        route = new_route
    number = 1
    while route in routes:
        number += 1
        doc.front["slug"] = f"{slug}-{number}"
        route = _route(doc, urls, lang, doc.front["slug"])
    if number > 1:
        doc.notes.append(("slug", f"'{routes[_route(doc, urls, lang, slug)].target}' already has this URL; "
                                  f"this one is at '{route}'"))
    doc.route = route
    routes[route] = doc


def _route(doc: Document, urls: Urls, lang: str, slug: str) -> str:
    slug = slugify(slug, lower=False)
    return urls.post(lang, slug) if doc.kind == "post" else urls.standalone(lang, slug)


def _assign_aliases(blog: Blog, urls: Urls) -> None:
    taken = {urls.dest_path(doc.route) for doc in blog.documents} | set(blog.static)
    for doc in blog.documents:
        wanted = [*(doc.front.get("aliases") or []), *doc.old_urls]
        aliases: list[str] = []
        for url in wanted:
            route = old_url_route(str(url))
            if route is None or route == doc.route or route in aliases or urls.is_site_made(route):
                continue
            if urls.dest_path(route) in taken:
                doc.notes.append(("aliases", f"old URL '{route}' already belongs to another page; no redirect made"))
                continue
            taken.add(urls.dest_path(route))
            aliases.append(route)
        if aliases:
            doc.front["aliases"] = aliases
        else:
            doc.front.pop("aliases", None)
