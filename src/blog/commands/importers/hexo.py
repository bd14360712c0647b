"""Read a Hexo blog: `_config.yml`, `source/_posts/` (with post asset folders), `source/_drafts/`,
the pages and other files of `source/`, and the old URL of every post from `permalink`.

Hexo publishes `source/X/index.md` at `/X/`, `source/X.md` at `/X.html`, and every other file of
`source/` (not starting with `_`) as it is at the same path: those become pages, bundles and
`static/` files here, and the old URLs become redirects.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path
from typing import Any

from ...render.markdown.anchors import hexo_id
from ...settings.urls import FEED_FILE
from .language import decide_language
from .listings import OldListing
from .metadata import as_text, load_config_file
from .plan import Blog, Document, Settings, our_language
from .sources import count_code_math, is_markdown, read_document, used_languages, walk_files

DEFAULT_PERMALINK = ":year/:month/:day/:title/"
DEFAULT_NEW_POST_NAME = ":title.md"
_TOKEN = re.compile(r":(\w+)")
# What each token of `new_post_name` matches in a file name, as Hexo reads it back.
_NAME_TOKENS = {"year": r"(?P<year>\d{4})", "month": r"(?P<month>\d{2})", "i_month": r"(?P<month>\d{1,2})",
                "day": r"(?P<day>\d{2})", "i_day": r"(?P<day>\d{1,2})", "title": r"(?P<title>.+)"}


def looks_like_hexo(root: Path) -> bool:
    """`source/_posts/`, or a `_config.yml` beside Hexo's `scaffolds/` or a package.json naming hexo
    (a Jekyll blog has a `_config.yml` too)."""
    if (root / "source" / "_posts").is_dir():
        return True
    package = root / "package.json"
    named = package.is_file() and '"hexo"' in package.read_text(encoding="utf-8", errors="replace")
    return (root / "_config.yml").is_file() and ((root / "scaffolds").is_dir() or named)


def read_hexo(root: Path) -> Blog:
    config: dict[str, Any] = {}
    blog_problem = None
    if (root / "_config.yml").is_file():
        config, blog_problem = load_config_file(root / "_config.yml")
    source = root / str(config.get("source_dir") or "source")
    themes = sorted((root / "themes").glob("*/source")) if (root / "themes").is_dir() else []
    blog = Blog("hexo", root, Settings(), static_roots=[source, *themes],
                root_path=str(config.get("root") or "/"),
                code_dir=source / str(config.get("code_dir") or "downloads/code"))
    if blog_problem:
        blog.problems.append((root / "_config.yml", None, f"_config.yml {blog_problem}; its settings were not used"))
    skip_render = _patterns(config.get("skip_render"))
    permalink = str(config.get("permalink") or DEFAULT_PERMALINK)
    for folder, draft in (("_posts", False), ("_drafts", True)):
        _read_posts(blog, source / folder, draft=draft, permalink=permalink, config=config)

    if source.is_dir():
        _read_source(blog, source, skip_render, config)
    blog.settings = _settings(config, blog)
    blog.listings = _listings(blog.documents, config)
    return blog


def _feed_paths(config: dict, root: Path) -> tuple[str, ...]:
    """hexo-generator-feed's files (`feed.path`, else atom.xml or rss2.xml by `feed.type`), when it is used."""
    package = root / "package.json"
    installed = package.is_file() and "hexo-generator-feed" in package.read_text(encoding="utf-8", errors="replace")
    feed = config.get("feed")
    if not installed and not isinstance(feed, dict):
        return ()
    feed = feed if isinstance(feed, dict) else {}
    types = feed.get("type") or "atom"
    paths = feed.get("path") or [f"{kind}.xml" for kind in (types if isinstance(types, list) else [types])]
    paths = paths if isinstance(paths, list) else [paths]
    return tuple(f"/{str(path).strip('/')}" for path in paths if str(path).strip("/") != FEED_FILE)


def _category_chains(value: Any) -> list[list[Any]]:
    """Hexo's `categories`: a name, a chain `[a, b]` (b inside a), or several chains `[[a, b], c]`."""
    if isinstance(value, str):
        return [[value]]
    if not isinstance(value, list):
        return []
    if any(isinstance(item, list) for item in value):
        return [item if isinstance(item, list) else [item] for item in value]
    return [value]


def _listings(documents: list[Document], config: dict) -> list[OldListing]:
    """Hexo's tag, category (one level per step of a chain) and year/month archive pages."""
    folders = {key: str(config.get(f"{key}_dir") or default).strip("/")
               for key, default in (("tag", "tags"), ("category", "categories"), ("archive", "archives"))}
    maps = {key: config.get(f"{key}_map") if isinstance(config.get(f"{key}_map"), dict) else {}
            for key in ("tag", "category")}

    def slug(kind: str, name: str) -> str:
        return hexo_id(str(maps[kind].get(name, name)))

    found: list[OldListing] = []
    for doc in documents:
        if doc.kind != "post" or doc.front.get("draft"):
            continue
        tags = doc.front.get("tags")
        for tag in [tags] if isinstance(tags, str) else tags if isinstance(tags, list) else []:
            if isinstance(tag, str):
                found.append(OldListing(f"/{folders['tag']}/{slug('tag', tag)}/", "tags", tag, doc.lang))
        for chain in _category_chains(doc.front.get("categories")):
            names = [name for name in chain if isinstance(name, str)]
            for depth, name in enumerate(names, 1):
                path = "/".join(slug("category", step) for step in names[:depth])
                found.append(OldListing(f"/{folders['category']}/{path}/", "categories", name, doc.lang))
        date = str(doc.front.get("date", ""))
        if date[:4].isdigit():
            found += [OldListing(f"/{folders['archive']}/{date[:4]}/", "archives"),
                      OldListing(f"/{folders['archive']}/{date[:4]}/{date[5:7]}/", "archives")]
    return found


def _patterns(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    return [str(item) for item in items]


def _read_posts(blog: Blog, folder: Path, *, draft: bool, permalink: str, config: dict) -> None:
    if not folder.is_dir():
        return
    files = list(walk_files(folder, blog))
    markdown = [path for path in files if is_markdown(path)]
    asset_dirs = {path.with_suffix("") for path in markdown if path.with_suffix("").is_dir()}
    for path in markdown:
        if any(parent in asset_dirs for parent in path.parents):
            continue
        doc = read_document(blog, path, kind="post", stem=path.stem, draft=draft)
        if doc is None:
            continue
        slug = _post_slug(path.relative_to(folder).as_posix(), str(config.get("new_post_name") or DEFAULT_NEW_POST_NAME))
        doc.stem = slug.rsplit("/", 1)[-1]
        doc.asset_dir = path.with_suffix("") if path.with_suffix("") in asset_dirs else None
        doc.keys = [slug, path.stem, str(doc.raw.get("slug") or ""), str(doc.raw.get("title") or "")]
        if not draft:
            old = doc.raw.get("permalink")
            doc.old_urls = [_under_root(str(old))] if isinstance(old, str) and old.strip() else \
                [url for url in [_post_url(permalink, doc, slug, config)] if url]
        blog.documents.append(doc)


def _post_slug(relative: str, new_post_name: str) -> str:
    """Hexo's :title of a post: its file name with what `new_post_name` added around the title
    (`:year-:month-:day-:title.md` makes '2018-05-07-dqn.md', whose :title is 'dqn')."""
    folder, _, name = relative.rpartition("/")
    pattern = new_post_name.rsplit("/", 1)[-1]
    if ":title" in pattern:
        parts = re.split(r"(:\w+)", pattern.rsplit(".", 1)[0])
        regex = "".join(_NAME_TOKENS.get(part[1:], r".+?") if part.startswith(":") else re.escape(part)
                        for part in parts)
        found = re.fullmatch(regex, name.rsplit(".", 1)[0])
        if found:
            name = found.group("title")
        else:
            name = name.rsplit(".", 1)[0]
    else:
        name = name.rsplit(".", 1)[0]
    return f"{folder}/{name}" if folder else name


def _under_root(url: str) -> str:
    return url if url.startswith("/") or "://" in url else "/" + url


def _post_url(permalink: str, doc: Document, slug: str, config: dict) -> str | None:
    """The post's URL under Hexo's `permalink`; None when a token cannot be known here (:id, :hash)."""
    date = str(doc.front.get("date", "1970-01-01 00:00:00"))
    year, month, day = date[:4], date[5:7], date[8:10]
    hour, minute, second = date[11:13], date[14:16], date[17:19]
    values = {"year": year, "month": month, "i_month": str(int(month)), "day": day, "i_day": str(int(day)),
              "hour": hour, "minute": minute, "second": second, "title": slug, "name": doc.stem,
              "post_title": str(doc.front.get("title", "")), "category": _category_path(doc, config)}
    defaults = config.get("permalink_defaults")
    if isinstance(defaults, dict):
        values.update({str(k): str(v) for k, v in defaults.items()})
    values.update({str(k): str(v) for k, v in doc.raw.items() if isinstance(v, (str, int)) and not isinstance(v, bool)
                   and str(k) not in values})
    missing = [token for token in _TOKEN.findall(permalink) if token not in values]
    if missing:
        return None
    return _under_root(_TOKEN.sub(lambda m: values[m.group(1)], permalink))


def _category_path(doc: Document, config: dict) -> str:
    """Hexo's :category: the post's first category chain, mapped by category_map."""
    categories = doc.front.get("categories")
    first = categories[0] if isinstance(categories, list) and categories else categories
    chain = first if isinstance(first, list) else [first] if first else []
    mapping = config.get("category_map") if isinstance(config.get("category_map"), dict) else {}
    names = [str(mapping.get(name, name)) for name in chain if isinstance(name, str)]
    fallback = str(config.get("default_category") or "uncategorized")
    return "/".join(re.sub(r"\s+", "-", name) for name in names) or fallback


def _read_source(blog: Blog, source: Path, skip_render: list[str], config: dict) -> None:
    """Pages (Markdown outside `_posts`), their folders, and every other file as it is."""
    files = [path for path in walk_files(source, blog)
             if not any(part.startswith("_") for part in path.relative_to(source).parts)]
    bundles = {path.parent for path in files if is_markdown(path) and path.stem == "index" and path.parent != source}
    for path in files:
        relative = path.relative_to(source).as_posix()
        rendered = is_markdown(path) and not any(fnmatch.fnmatch(relative, p) for p in skip_render)
        bundle = next((parent for parent in path.parents if parent in bundles), None)
        if not rendered:
            if bundle is None or is_markdown(path):
                blog.static[relative] = path
            continue
        own_bundle = path.stem == "index" and path.parent in bundles
        stem = (path.parent if own_bundle else path.with_suffix("")).relative_to(source).as_posix()
        doc = read_document(blog, path, kind="page", stem=stem.replace("/", "-"))
        if doc is None:
            continue
        doc.bundle = own_bundle
        doc.asset_dir = path.parent if own_bundle else None
        pretty = config.get("pretty_urls") if isinstance(config.get("pretty_urls"), dict) else {}
        html = "" if pretty.get("trailing_html") is False else ".html"
        doc.old_urls = [f"/{stem}/" if own_bundle else f"/{stem}{html}"]
        doc.keys = [stem]
        blog.documents.append(doc)


def _settings(config: dict, blog: Blog) -> Settings:
    languages = config.get("language")
    first = languages[0] if isinstance(languages, list) and languages else languages
    posts = [doc for doc in blog.documents if doc.kind == "post"]
    declared = our_language(first) if first and str(first) != "default" else None
    default, note = decide_language(declared, "language in _config.yml", blog.documents)
    url = str(config.get("url") or "").rstrip("/")
    root = "/" + str(config.get("root") or "/").strip("/")
    if url and not re.match(r"^https?://[^/]+/\S", url + "/") and root != "/":
        url += root
    per_page = config.get("per_page")
    author = config.get("author")
    return Settings(
        title=as_text(config.get("title")),
        tagline=as_text(config.get("subtitle")),
        description=as_text(config.get("description")),
        author=as_text(author.get("name") if isinstance(author, dict) else author),
        base_url=url + "/" if url else "",
        default_language=default,
        languages=used_languages(blog.documents, default),
        paginate=per_page if isinstance(per_page, int) and not isinstance(per_page, bool) and per_page > 0 else None,
        math_in_code=count_code_math(posts) >= 3,
        math_markdown_escapes=True,
        heading_ids="hexo",
        language_note=note,
        feed_aliases=_feed_paths(config, blog.root),
    )

