"""Read a Jekyll blog: `_config.yml`, the posts of every `_posts/` folder (`YYYY-MM-DD-slug.md`,
also `CATEGORY/_posts/`), `_drafts/`, the pages (Markdown with front matter, at the top, in folders
and in included folders such as `_pages/`), every other file as it is, and the old URL of every
post and page from `permalink`: a style (date, pretty, ordinal, weekdate, none), a pattern, or a
post's own, with the `/LANG` prefix of polyglot sites.

Bilingual trees: a post's language is its `lang:`, or the language folder it sits in (`en/_posts/`,
`_posts/en/`); translations are paired by polyglot's shared `permalink`, by a shared `ref`,
`lang_ref` or `translation_key`, or by `translation:` naming the other post.
"""

from __future__ import annotations

import fnmatch
import re
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from ...settings.urls import FEED_FILE, old_url_route
from .kramdown import convert_kramdown
from .language import LANGUAGE_FOLDERS, decide_language
from .liquid import expand_variables
from .listings import OldListing
from .metadata import as_text, load_config_file
from .plan import Blog, Document, Settings, our_language
from .sources import is_markdown, read_document, read_text, walk_files

CONFIG_FILE = "_config.yml"
STYLES = {"date": "/:categories/:year/:month/:day/:title:output_ext",
          "pretty": "/:categories/:year/:month/:day/:title/",
          "ordinal": "/:categories/:year/:y_day/:title:output_ext",
          "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
          "none": "/:categories/:title:output_ext"}
EXCLUDED = ("Gemfile", "Gemfile.lock", "node_modules", "vendor", "gemfiles", "_site", ".sass-cache", ".jekyll-cache",
            "package.json", "package-lock.json", "yarn.lock", "Rakefile", "LICENSE*", "README*", "CHANGELOG*")
# Templated files for what our site makes itself: left out without a word.
SITE_MADE_TEMPLATES = {"feed", "atom", "rss", "sitemap", "robots", "404", "index", "search", "archive", "archives",
                       "tags", "categories"}
_POST_NAME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})-(.+)$")
_TOKEN = re.compile(r":(\w+)")
ARCHIVE_PERMALINKS = {"year": "/:year/", "month": "/:year/:month/", "day": "/:year/:month/:day/",
                      "tag": "/tag/:name/", "category": "/category/:name/"}
_SAME_KEYS = ("ref", "lang_ref", "lang-ref", "translation_key", "translationkey", "i18n_key")


def looks_like_jekyll(root: Path) -> bool:
    """`_config.yml` with `_posts/`, `_layouts/` or a Gemfile naming jekyll."""
    if not (root / CONFIG_FILE).is_file() or (root / "source" / "_posts").is_dir():
        return False
    gemfile = root / "Gemfile"
    named = gemfile.is_file() and "jekyll" in gemfile.read_text(encoding="utf-8", errors="replace")
    return (root / "_posts").is_dir() or (root / "_layouts").is_dir() or named or any(root.glob("*/_posts"))


def read_jekyll(root: Path) -> Blog:
    config: dict[str, Any] = {}
    problem = None
    if (root / CONFIG_FILE).is_file():
        config, problem = load_config_file(root / CONFIG_FILE)
    baseurl = "/" + str(config.get("baseurl") or "").strip("/") + "/"
    blog = Blog("jekyll", root, Settings(), static_roots=[root], root_path=baseurl.replace("//", "/"))
    if problem:
        blog.problems.append((root / CONFIG_FILE, None, f"{CONFIG_FILE} {problem}; its settings were not used"))
    reader = _Reader(blog, config)
    for path in walk_files(root, blog):
        reader.read(path)
    _pair_translations(blog)
    blog.settings = _settings(config, blog)
    blog.listings = _archive_pages(blog.documents, config, reader.language_prefix)
    blog.problems += [(root / CONFIG_FILE, None, message) for message in _unserved_feeds(config)]
    return blog


def _archive_pages(documents: list[Document], config: dict, prefix: Callable[[Document], str]) -> list[OldListing]:
    """The pages jekyll-archives made, for the kinds its `enabled` lists (none by default); `prefix`:
    a post's language folder (polyglot makes each language's archives under it)."""
    settings = config.get("jekyll-archives") if isinstance(config.get("jekyll-archives"), dict) else {}
    enabled = settings.get("enabled") or []
    # `enabled` names them year, month, day, categories, tags; `permalinks` tag and category
    kinds = set(ARCHIVE_PERMALINKS) if enabled == "all" else \
        {str(kind).removesuffix("s").replace("categorie", "category") for kind in enabled}
    permalinks = {**ARCHIVE_PERMALINKS, **(settings.get("permalinks") if isinstance(settings.get("permalinks"), dict)
                                            else {})}
    found: list[OldListing] = []
    for doc in documents:
        if doc.kind != "post" or doc.front.get("draft"):
            continue
        date = _date_values(str(doc.front.get("date", "1970-01-01 00:00:00")))
        for kind, ours in (("tag", "tags"), ("category", "categories")):
            names = (doc.front.get(ours) or []) if kind in kinds else []
            found += [OldListing(prefix(doc) + url, ours, str(name), doc.lang) for name in names
                      if (url := _expand(str(permalinks[kind]), {"name": _slugify(str(name))}))]
        found += [OldListing(prefix(doc) + url, "archives", lang=doc.lang) for kind in ("year", "month", "day")
                  if kind in kinds and (url := _expand(str(permalinks[kind]), date))]
    return found


def _patterns(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    return [str(item).strip("/") for item in items]


class _Reader:
    def __init__(self, blog: Blog, config: dict) -> None:
        self.blog = blog
        self.excluded = [*EXCLUDED, *_patterns(config.get("exclude"))]
        self.included = _patterns(config.get("include"))
        style = str(config.get("permalink") or "date")
        self.permalink = STYLES.get(style, style)
        polyglot = config.get("languages")
        self.polyglot = [str(code) for code in polyglot] if isinstance(polyglot, list) else []
        self.default_lang = str(config.get("default_lang") or (self.polyglot[0] if self.polyglot else ""))
        self.excerpt_separator = config.get("excerpt_separator")
        self.values = {f"site.{key}": value for key, value in config.items()
                       if isinstance(value, (str, int, float)) and not isinstance(value, bool)}

    def read(self, path: Path) -> None:
        relative = path.relative_to(self.blog.root)
        parts = relative.parts
        if self._excluded(relative.as_posix()):
            return
        if "_posts" in parts[:-1]:
            return self._post(path, parts, draft=False)
        if parts[0] == "_drafts":
            return self._post(path, parts, draft=True)
        if any(part.startswith("_") for part in parts[:-1]) and not self._included(parts):
            return
        if parts[-1].startswith("_") or relative.as_posix() == CONFIG_FILE:
            return
        text = read_text(path)[0] if path.suffix.lower() in (".md", ".markdown", ".html", ".xml", ".scss", ".txt",
                                                              ".json", ".css", ".js", ".htm", ".mkd", ".mdown") else ""
        if not (text or "").startswith("---"):  # no front matter: Jekyll copies it as it is
            self.blog.static[relative.as_posix()] = path
            return
        if is_markdown(path):
            return self._page(path, parts)
        if path.stem.lower() not in SITE_MADE_TEMPLATES:
            self.blog.problems.append((path, None, "not imported: a page made by a Liquid template; make it a "
                                                   "Markdown page, or a template of the site's theme"))

    def _excluded(self, relative: str) -> bool:
        first = relative.split("/", 1)[0]
        return any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(first, p) for p in self.excluded)

    def _included(self, parts: tuple[str, ...]) -> bool:
        return any(fnmatch.fnmatch(parts[0], p) for p in self.included)

    def _document(self, path: Path, kind: str, stem: str, *, draft: bool, lang: str | None) -> Document | None:
        doc = read_document(self.blog, path, kind=kind, stem=stem, draft=draft)
        if doc is None:
            return None
        if doc.lang is None:
            doc.lang = lang
        values = {**self.values, "page.title": doc.title,
                  **{f"page.{key}": value for key, value in doc.raw.items()
                     if isinstance(value, (str, int, float)) and not isinstance(value, bool)}}
        body, notes = convert_kramdown(expand_variables(doc.body, values))
        separator = doc.raw.get("excerpt_separator") or self.excerpt_separator
        if isinstance(separator, str) and separator.strip():  # Jekyll's default, a blank line, is no marker
            body = body.replace(separator, "<!--more-->", 1)
        text = (read_text(path)[0] or "").replace("\r\n", "\n")
        offset = text[:len(text) - len(doc.body)].count("\n") if text.endswith(doc.body) else 0
        self.blog.problems += [(path, offset + line + 1, message) for line, message in notes]
        doc.body = body
        _categories(doc)
        for consumed in ("permalink", "translation"):  # they became aliases and translation_key
            doc.front.pop(consumed, None)
        return doc

    def _post(self, path: Path, parts: tuple[str, ...], *, draft: bool) -> None:
        if not is_markdown(path):
            if path.suffix.lower() in (".html", ".htm"):
                self.blog.problems.append((path, None, "not imported: HTML posts are not supported; convert it "
                                                       "to Markdown"))
            return
        named = _POST_NAME.match(path.stem)
        if not named and not draft:
            self.blog.problems.append((path, None, "not imported: Jekyll reads only posts named "
                                                   "YYYY-MM-DD-title.md; rename it"))
            return
        slug = named.group(2) if named else path.stem
        around = [part for part in parts[:-1] if part not in ("_posts", "_drafts")]
        folder_langs = [LANGUAGE_FOLDERS[part.lower()] for part in around if part.lower() in LANGUAGE_FOLDERS]
        doc = self._document(path, "post", path.stem, draft=draft, lang=folder_langs[0] if folder_langs else None)
        if doc is None:
            return
        doc.stem = slug
        key = path.relative_to(self.blog.root).as_posix()
        doc.keys = [key, key.rsplit(".", 1)[0], path.stem, slug,
                    "/".join([*around, path.stem]) if around else ""]
        above = list(parts[:parts.index("_posts")]) if not draft else []
        if not draft:
            url = self._post_url(doc, slug, above)
            doc.old_urls = [url] if url else []
        # Jekyll files a post in `ml/_posts/` under category ml (a language folder is no category)
        from_path = [part for part in above if part.lower() not in LANGUAGE_FOLDERS]
        if from_path:
            doc.front["categories"] = list(dict.fromkeys([*from_path, *(doc.front.get("categories") or [])]))
        self.blog.documents.append(doc)

    def _post_url(self, doc: Document, slug: str, path_categories: list[str]) -> str | None:
        pattern = doc.raw.get("permalink")
        pattern = STYLES.get(pattern, pattern) if isinstance(pattern, str) and pattern.strip() else self.permalink
        front = doc.front.get("categories") or []
        categories = [str(c) for c in [*path_categories, *front] if isinstance(c, str)]
        values = _date_values(str(doc.front.get("date", "1970-01-01 00:00:00")))
        given = str(doc.raw.get("slug") or slug)
        values |= {"title": _slugify(given, pretty=True), "slug": _slugify(given), "name": slug,
                   "categories": "/".join(dict.fromkeys(c.lower() for c in categories)), "output_ext": ".html"}
        url = _expand(pattern, values)
        return self.language_prefix(doc) + url if url else None

    def _page(self, path: Path, parts: tuple[str, ...]) -> None:
        folder, basename = "/".join(parts[:-1]), path.stem
        index = basename == "index"
        if index and not folder:
            self.blog.problems.append((path, None, "not imported: the home page; the site makes its own"))
            return
        lang = LANGUAGE_FOLDERS.get(parts[0].lower()) if len(parts) > 1 else None
        # the NAME: without a language folder (so translations share it) or an included `_pages/`
        named = [part for part in parts[:-1] if not part.startswith("_")][1 if lang else 0:]
        stem = "-".join(named if index else [*named, basename])
        doc = self._document(path, "page", stem, draft=False, lang=lang)
        if doc is None:
            return
        given = doc.raw.get("permalink")
        if isinstance(given, str) and given.strip():
            pattern = given
        elif index:
            pattern = "/:path/"
        else:
            pattern = "/:path/:basename" + _page_suffix(self.permalink)
        url = _expand(pattern, {"path": folder, "basename": basename, "output_ext": ".html",
                                "title": _slugify(doc.title, pretty=True), "slug": _slugify(basename)})
        doc.old_urls = [self.language_prefix(doc) + url] if url else []
        key = path.relative_to(self.blog.root).as_posix()
        doc.keys = [key, key.rsplit(".", 1)[0]]
        self.blog.documents.append(doc)

    def language_prefix(self, doc: Document) -> str:
        """polyglot publishes the other languages under /LANG/."""
        lang = doc.raw.get("lang")
        if self.polyglot and isinstance(lang, str) and lang != self.default_lang and lang in self.polyglot:
            return f"/{lang}"
        return ""


def _page_suffix(permalink: str) -> str:
    """How Jekyll ends a page's URL under the site's permalink style."""
    if permalink == STYLES["pretty"] or permalink.endswith("/"):
        return "/"
    return ":output_ext" if permalink.endswith(":output_ext") or permalink in STYLES.values() else ""


def _categories(doc: Document) -> None:
    """Jekyll's `categories: ml rl` is two categories, and `category:` one more."""
    found = []
    for key in ("categories", "category", "tags", "tag"):
        value = doc.raw.get(key)
        items = value.split() if isinstance(value, str) and key in ("categories", "tags") else \
            [value] if isinstance(value, str) else value if isinstance(value, list) else []
        target = "categories" if key.startswith("categor") else "tags"
        found.append((target, [str(item) for item in items if isinstance(item, (str, int)) and str(item).strip()]))
    for target in ("categories", "tags"):
        terms = [term for name, items in found if name == target for term in items]
        if terms:
            doc.front[target] = list(dict.fromkeys(terms))
    for key in ("category", "tag"):
        doc.front.pop(key, None)


def _date_values(date: str) -> dict[str, str]:
    moment = datetime.fromisoformat(date[:19])
    return {"year": date[:4], "month": date[5:7], "i_month": str(moment.month), "day": date[8:10],
            "i_day": str(moment.day), "short_year": date[2:4], "hour": date[11:13], "minute": date[14:16],
            "second": date[17:19], "y_day": moment.strftime("%j"), "week": moment.strftime("%V"),
            "short_day": moment.strftime("%a"), "long_day": moment.strftime("%A"),
            "short_month": moment.strftime("%b"), "long_month": moment.strftime("%B")}


def _expand(pattern: str, values: dict[str, str]) -> str | None:
    if any(token not in values for token in _TOKEN.findall(pattern)):
        return None
    url = "/" + _TOKEN.sub(lambda m: values[m.group(1)], pattern)
    return re.sub(r"/{2,}", "/", url)


def _slugify(text: str, *, pretty: bool = False) -> str:
    """Jekyll's slugify: 'default' lower-cases and keeps letters and digits; 'pretty' keeps case and
    some punctuation."""
    kept = r"[^\w._~!$&'()+,;=@]+" if pretty else r"[^\w]+|_+"
    slug = re.sub(kept, "-", text).strip("-")
    return slug if pretty else slug.lower()


def _pair_translations(blog: Blog) -> None:
    """Give translations one translation_key, however the blog paired them."""
    groups: dict[str, list[Document]] = {}
    for doc in blog.documents:
        raw = {str(key).lower(): value for key, value in doc.raw.items()}
        shared = next((str(raw[key]) for key in _SAME_KEYS if isinstance(raw.get(key), (str, int))), None)
        if shared is None and isinstance(raw.get("permalink"), str) and raw.get("lang"):
            shared = "permalink:" + raw["permalink"].strip("/")  # polyglot: one permalink, several languages
        if shared is not None:
            groups.setdefault(shared, []).append(doc)
    for doc in blog.documents:
        other_name = doc.raw.get("translation")
        if not isinstance(other_name, str) or not other_name.strip():
            continue
        other = _find(blog, other_name)
        if other is None:
            doc.notes.append(("title", f"translation: no post '{other_name}' in the blog; pair them by hand "
                                       f"with translation_key"))
            continue
        groups.setdefault(f"translation:{min(doc.src_rel, other.src_rel)}", []).extend([doc, other])
    for members in groups.values():
        members = list({id(doc): doc for doc in members}.values())
        if len({doc.lang for doc in members}) < 2:
            continue
        key = min(members, key=lambda doc: (doc.lang is not None, doc.src_rel)).stem
        for doc in members:
            doc.front["translation_key"] = key


def _find(blog: Blog, name: str) -> Document | None:
    """A post named by its file, its slug or its old URL."""
    wanted = name.strip().strip("/").lower()
    route = old_url_route(name)
    for doc in blog.documents:
        if wanted in (key.strip("/").lower() for key in doc.keys if key) or (route and route in doc.old_urls):
            return doc
    return None


def _feed_paths(config: dict) -> tuple[str, ...]:
    """jekyll-feed's file when `feed.path` moved it from /feed.xml, ours."""
    feed = config.get("feed") if isinstance(config.get("feed"), dict) else {}
    path = "/" + str(feed.get("path") or "feed.xml").strip("/")
    return (path,) if path != f"/{FEED_FILE}" else ()


def _unserved_feeds(config: dict) -> list[str]:
    """jekyll-feed's per-category and per-tag feeds, which have no address in the new site."""
    feed = config.get("feed") if isinstance(config.get("feed"), dict) else {}
    messages = {"categories": "jekyll-feed's category feeds (/feed/NAME.xml) are not served; a redirect rule of "
                              "the host can send readers to /categories/NAME/feed.xml",
                "tags": "jekyll-feed's tag feeds (/feed/by_tag/NAME.xml) are not served; the site's feeds are "
                        "per language and per category"}
    return [message for key, message in messages.items() if feed.get(key)]


def _heading_ids(config: dict) -> str:
    """kramdown's ids: GFM input (Jekyll's default) or kramdown's own."""
    kramdown = config.get("kramdown") if isinstance(config.get("kramdown"), dict) else {}
    return "kramdown" if str(kramdown.get("input") or "GFM").lower() == "kramdown" else "jekyll"


def _settings(config: dict, blog: Blog) -> Settings:
    declared_value = config.get("lang") or config.get("locale") or config.get("default_lang") or config.get("language")
    declared = our_language(declared_value) if isinstance(declared_value, str) else None
    default, note = decide_language(declared, "lang in _config.yml", blog.documents)
    codes = [default] + sorted({doc.lang for doc in blog.documents if doc.lang and doc.lang != default})
    url = str(config.get("url") or "").rstrip("/")
    if url:
        url += "/" + str(config.get("baseurl") or "").strip("/")
    author = config.get("author")
    paginate = config.get("paginate")
    return Settings(
        title=as_text(config.get("title")),
        tagline=as_text(config.get("tagline") or config.get("subtitle")),
        description=as_text(config.get("description")),
        author=as_text(author.get("name") if isinstance(author, dict) else author),
        base_url=url.rstrip("/") + "/" if url else "",
        default_language=default,
        languages={code: {} for code in codes},
        paginate=paginate if isinstance(paginate, int) and not isinstance(paginate, bool) and paginate > 0 else None,
        math_markdown_escapes=True,
        heading_ids=_heading_ids(config),
        language_note=note,
        feed_aliases=_feed_paths(config),
    )
