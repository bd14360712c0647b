"""Read a Hugo blog: its config (`hugo.*`, `config.*` or `config/_default/`), every content folder
(one per language when `contentDir` is set per language), page bundles and their resources,
`static/`, and the old URL of every page (its section path, `permalinks`, or `url`).

Which sections hold posts: `params.mainSections` when set, else the sections whose pages mostly
carry a date, and always post/posts/blog. Pages at the content root and in other sections are
standalone pages.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from .language import LANGUAGE_FOLDERS, decide_language
from .listings import OldListing
from .metadata import as_text, load_config_file
from .plan import Blog, Document, Settings, our_language
from .sources import as_page, is_markdown, read_document, read_text, walk_files

CONFIG_FILES = tuple(f"{stem}.{suffix}" for stem in ("hugo", "config") for suffix in ("toml", "yaml", "yml", "json"))
POST_SECTIONS = {"post", "posts", "blog", "blogs", "article", "articles"}
R_MARKDOWN = (".rmd", ".rmarkdown")
UNSUPPORTED = (".org", ".adoc", ".asciidoc", ".ad", ".rst", ".pandoc", ".pdc", ".ipynb")
_TOKEN = re.compile(r":(\w+)")


def looks_like_hugo(root: Path) -> bool:
    return any((root / name).is_file() for name in CONFIG_FILES) or (root / "config" / "_default").is_dir()


def load_hugo_config(root: Path) -> tuple[dict[str, Any], list[tuple[Path, str]]]:
    """The site config with lower-case keys (Hugo's are case-insensitive) and the files that failed."""
    problems: list[tuple[Path, str]] = []
    config: dict[str, Any] = {}
    files = [root / name for name in CONFIG_FILES if (root / name).is_file()][:1]
    folder = root / "config" / "_default"
    if folder.is_dir():
        files += sorted(p for p in folder.iterdir() if p.suffix in (".toml", ".yaml", ".yml", ".json"))
    for path in files:
        data, problem = load_config_file(path)
        if problem:
            problems.append((path, f"{path.name} {problem}; its settings were not used"))
        if path.parent == folder and path.stem not in ("hugo", "config"):
            data = {path.stem: data}
        for key, value in _lower_keys(data).items():
            if isinstance(value, dict) and isinstance(config.get(key), dict):
                config[key] = {**config[key], **value}
            else:
                config[key] = value
    return config, problems


def _lower_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key).lower(): _lower_keys(item) for key, item in value.items()}
    return value


def read_hugo(root: Path) -> Blog:
    config, problems = load_hugo_config(root)
    blog = Blog("hugo", root, Settings())
    blog.problems += [(path, None, message) for path, message in problems]
    languages = config.get("languages") if isinstance(config.get("languages"), dict) else {}
    default = str(config.get("defaultcontentlanguage") or next(iter(languages), "en")).lower()
    statics = config.get("staticdir") or "static"
    for folder in statics if isinstance(statics, list) else [statics]:
        for path in walk_files(root / str(folder), blog):
            blog.static.setdefault(path.relative_to(root / str(folder)).as_posix(), path)
        blog.static_roots.append(root / str(folder))
    content_roots = _content_roots(root, config, languages)
    blog.static_roots += [folder for folder, _ in content_roots]
    blog.static_roots += sorted((root / "themes").glob("*/static")) if (root / "themes").is_dir() else []
    blog.root_path = "/" + re.sub(r"^https?://[^/]+", "", str(config.get("baseurl") or "")).strip("/") + "/"
    blog.root_path = blog.root_path.replace("//", "/")
    blog.params = config.get("params") if isinstance(config.get("params"), dict) else {}
    reader = _ContentReader(blog, config, {str(code).lower() for code in languages} | {default}, default)
    for folder, lang in content_roots:
        reader.read(folder, lang, folders_are_languages=not languages)
    reader.assign_kinds()
    blog.settings = _settings(config, languages, default, blog, reader.post_sections())
    blog.listings = reader.listings()
    return blog


def _content_roots(root: Path, config: dict, languages: dict) -> list[tuple[Path, str | None]]:
    per_language = [(root / str(section["contentdir"]), str(code).lower()) for code, section in languages.items()
                    if isinstance(section, dict) and section.get("contentdir")]
    return per_language or [(root / str(config.get("contentdir") or "content"), None)]


class _ContentReader:
    def __init__(self, blog: Blog, config: dict, languages: set[str], default: str) -> None:
        self.blog, self.config, self.languages, self.default = blog, config, languages, default
        self.sections: dict[int, str] = {}  # id(doc) -> its section ("" at the content root)

    def read(self, folder: Path, fixed_lang: str | None, *, folders_are_languages: bool) -> None:
        """`folders_are_languages`: a blog without `[languages]` may keep each language in a top
        folder (`content/cn/`, `content/en/`); Hugo sees sections, we see the language."""
        if not folder.is_dir():
            return
        files = list(walk_files(folder, self.blog))
        leaves = {p.parent for p in files if self._split(p)[0] == "index" and is_markdown(p)}
        for path in files:
            relative = path.relative_to(folder)
            leaf = next((parent for parent in path.parents if parent in leaves), None)
            stem, lang = self._split(path)
            suffix = path.suffix.lower()
            if suffix in R_MARKDOWN:
                if any(path.with_suffix(ext).is_file() for ext in (".md", ".markdown")):
                    continue  # blogdown's rendered .md/.markdown sibling is the one to import
            elif suffix in (".html", ".htm") and leaf is None:
                if any(path.with_suffix(ext).is_file() for ext in R_MARKDOWN):
                    continue  # blogdown's rendered output of an .Rmd imported from its source
                if (read_text(path)[0] or "").startswith(("---", "+++")):
                    self.blog.problems.append((path, None, "not imported: HTML content pages are not supported; "
                                                           "convert it to Markdown"))
                    continue
            elif suffix in UNSUPPORTED:
                self.blog.problems.append((path, None, f"not imported: '{suffix}' content is not supported; "
                                                       f"convert it to Markdown"))
                continue
            if not is_markdown(path) and suffix not in R_MARKDOWN:
                if leaf is None:
                    self.blog.static.setdefault(relative.as_posix(), path)
                continue
            if leaf is not None and not (stem == "index" and path.parent == leaf):
                continue  # a Markdown resource of a bundle, not a page
            top = relative.parts[0].lower() if len(relative.parts) > 1 else ""
            by_folder = LANGUAGE_FOLDERS.get(top) if folders_are_languages else None
            self._document(folder, path, stem, fixed_lang or lang, leaf, by_folder)

    def _split(self, path: Path) -> tuple[str, str | None]:
        """'index.en.md' -> ('index', 'en') when 'en' is a site language."""
        stem = path.name.rsplit(".", 1)[0]
        base, dot, suffix = stem.rpartition(".")
        if dot and base and suffix.lower() in self.languages:
            return base, suffix.lower()
        return stem, None

    def _document(self, folder: Path, path: Path, stem: str, lang: str | None, leaf: Path | None,
                  folder_lang: str | None) -> None:
        relative = path.relative_to(folder)
        if stem == "_index":
            return self._section_page(folder, path, lang)
        name = leaf.name if leaf is not None else stem
        code = folder_lang or (our_language(lang) if lang and lang != self.default else None)
        doc = read_document(self.blog, path, kind="post", stem=name, lang=code)
        if doc is None:
            return
        if _unrendered(doc.raw):
            self.blog.problems.append((path, None, "not imported: Hugo does not render it as a page "
                                                   "(headless, or build.render: never)"))
            return
        parts = relative.parts[:-2] if leaf is not None else relative.parts[:-1]
        doc.bundle, doc.asset_dir = leaf is not None, leaf
        if path.suffix.lower() in R_MARKDOWN:
            doc.notes.append(("title", "R Markdown: code chunks are shown as code, not run; their output "
                                       "(plots, tables) is missing"))
        doc.keys = _reference_keys(relative)
        if lang:  # 'ref "posts/ppo.md"' also means the translation in the asking page's language
            doc.keys += _reference_keys(relative.with_name(relative.name.replace(f".{lang}.", ".", 1)))
        self.sections[id(doc)] = parts[0] if parts else ""
        doc.old_urls = [url for url in [self._old_url(doc, parts, name, lang)] if url]
        self._resolve_aliases(doc, parts, lang)
        self.blog.documents.append(doc)

    def _section_page(self, folder: Path, path: Path, lang: str | None) -> None:
        """A section's `_index.md` is a listing, not a post; one with text and no pages under it is a page."""
        text = read_text(path)[0] or ""
        has_pages = any(is_markdown(p) and not p.name.startswith("_index") for p in walk_files(path.parent, self.blog))
        body = re.sub(r"^(---|\+\+\+)\n.*?\n\1\n", "", text, count=1, flags=re.DOTALL).strip()
        if path.parent == folder or has_pages or not body:
            if body and path.parent == folder:
                self.blog.problems.append((path, None, "not imported: the home page's text; put it in a page by hand"))
            return
        relative = path.parent.relative_to(folder)
        doc = read_document(self.blog, path, kind="page", stem=relative.as_posix().replace("/", "-"),
                            lang=our_language(lang) if lang and lang != self.default else None)
        if doc is not None:
            doc.keys = _reference_keys(path.relative_to(folder))
            doc.old_urls = [self._prefix(lang) + "/" + self._case(relative.as_posix()) + "/"]
            self.sections[id(doc)] = ""
            self.blog.documents.append(doc)

    def _case(self, path: str) -> str:
        path = re.sub(r"\s+", "-", path)
        return path if self.config.get("disablepathtolower") else path.lower()

    def _prefix(self, lang: str | None) -> str:
        lang = lang or self.default
        in_subdir = self.config.get("defaultcontentlanguageinsubdir") is True
        return f"/{lang}" if lang != self.default or in_subdir else ""

    def _old_url(self, doc: Document, parts: tuple[str, ...], name: str, lang: str | None) -> str | None:
        url = _raw(doc.raw, "url")
        if isinstance(url, str) and url.strip():
            return url if url.startswith("/") or "://" in url else "/" + url
        section = parts[0] if parts else ""
        given = str(_raw(doc.raw, "slug") or "").strip()
        slug = given or name
        pattern = self._permalink(section)
        if pattern:
            path = _expand(pattern, doc, section, parts, given, name)
            return None if path is None else self._prefix(lang) + self._case(path)
        ending = ".html" if self.config.get("uglyurls") is True else "/"
        return self._prefix(lang) + "/" + self._case("/".join([*parts, slug])) + ending

    def _permalink(self, section: str) -> str | None:
        table = self.config.get("permalinks")
        if not isinstance(table, dict):
            return None
        if isinstance(table.get("page"), dict):
            table = table["page"]
        pattern = table.get(section.lower())
        return pattern if isinstance(pattern, str) else None

    def _resolve_aliases(self, doc: Document, parts: tuple[str, ...], lang: str | None) -> None:
        """Hugo reads an alias without a leading slash relative to the page's folder."""
        aliases = doc.front.get("aliases")
        if aliases:
            base = self._prefix(lang) + "/" + "/".join(parts)
            doc.front["aliases"] = [alias if alias.startswith("/") or "://" in alias else f"{base.rstrip('/')}/{alias}"
                                    for alias in aliases]

    def assign_kinds(self) -> None:
        main = self.blog.params.get("mainsections")
        if isinstance(main, str):
            main = [main]
        if not isinstance(main, list):
            dated: dict[str, list[bool]] = {}
            for doc in self.blog.documents:
                dated.setdefault(self.sections[id(doc)], []).append("date" in doc.raw or "Date" in doc.raw)
            main = [s for s, flags in dated.items() if s and sum(flags) * 2 >= len(flags)] + list(POST_SECTIONS)
        main = {str(section).lower() for section in main}
        for doc in self.blog.documents:
            section = self.sections[id(doc)]
            if doc.kind == "post" and (not section or section.lower() not in main):
                as_page(doc)

    def listings(self) -> list[OldListing]:
        """The home pages (`/zh/` when the default language is in a subfolder), the section lists of
        the posts (`/posts/`), and the tag and category pages."""
        found: list[OldListing] = []
        for doc in self.blog.documents:
            if doc.kind != "post" or doc.front.get("draft"):
                continue
            prefix = self._prefix(self._hugo_lang(doc))
            found.append(OldListing(f"{prefix}/", "home", lang=doc.lang))
            found.append(OldListing(f"{prefix}/{self._case(self.sections[id(doc)])}/", "home", lang=doc.lang))
            for kind in ("tags", "categories"):
                terms = doc.front.get(kind)
                for term in [terms] if isinstance(terms, str) else terms if isinstance(terms, list) else []:
                    if isinstance(term, str):
                        found.append(OldListing(f"{prefix}/{kind}/{self._case(_path_text(term))}/", kind, term,
                                                doc.lang))
        return found

    def post_sections(self) -> list[str]:
        """The sections holding posts, as their URLs spell them ('posts', 'post')."""
        return sorted({self._case(self.sections[id(doc)]) for doc in self.blog.documents if doc.kind == "post"})

    def _hugo_lang(self, doc: Document) -> str | None:
        """The Hugo language code of a document in our code, for its URL prefix."""
        return next((code for code in self.languages if our_language(code) == doc.lang), None) if doc.lang else None


def _unrendered(raw: dict) -> bool:
    """A headless bundle (a theme's home-page widgets) or a page with `_build: {render: never}`."""
    build = _raw(raw, "_build") or _raw(raw, "build")
    render = build.get("render") if isinstance(build, dict) else None
    return _raw(raw, "headless") is True or render in ("never", False, "false")


def _raw(raw: dict, key: str) -> Any:
    return next((value for name, value in raw.items() if name.lower() == key), None)


def _reference_keys(relative: Path) -> list[str]:
    """How `ref`/`relref` may name a page: 'posts/ppo.md', 'posts/ppo', 'ppo', 'posts/ppo/index.md' …"""
    path = relative.as_posix()
    without = path.rsplit(".", 1)[0]
    keys = [path, without]
    if without.endswith(("/index", "/_index")):
        folder = without.rsplit("/", 1)[0]
        keys += [folder, folder.rsplit("/", 1)[-1]]
    else:
        keys.append(without.rsplit("/", 1)[-1])
    return keys


def _expand(pattern: str, doc: Document, section: str, parts: tuple[str, ...], given_slug: str,
            name: str) -> str | None:
    """Hugo's permalink tokens; `:slug` is the front matter's slug, else the title."""
    date = str(doc.front.get("date", "1970-01-01 00:00:00"))
    title = _path_text(str(doc.front.get("title", "")))
    values = {"year": date[:4], "month": date[5:7], "day": date[8:10], "section": section,
              "sections": "/".join(parts), "title": title, "slug": given_slug or title or name,
              "filename": name, "contentbasename": name, "slugorfilename": given_slug or name,
              "slugorcontentbasename": given_slug or name}
    if any(token not in values for token in _TOKEN.findall(pattern)):
        return None
    path = _TOKEN.sub(lambda m: values[m.group(1)], pattern)
    return "/" + path.lstrip("/")


def _path_text(text: str) -> str:
    """Hugo's MakePath: letters, digits, marks and `._#+~-@/` kept; a run of spaces or hyphens
    between them one '-'; everything else (`：`, `?`, quotes) dropped."""
    kept: list[str] = []
    hyphen = False
    for char in text:
        if char in "./\\_#+~-@" or unicodedata.category(char)[0] in "LM" or unicodedata.category(char) == "Nd":
            if hyphen:
                kept.append("-")
                hyphen = False
            kept.append(char)
        elif kept and (char == "-" or char.isspace()):
            hyphen = True
    return "".join(kept)


def _settings(config: dict, languages: dict, default: str, blog: Blog, sections: list[str]) -> Settings:
    params = blog.params
    default_section = languages.get(default) if isinstance(languages.get(default), dict) else {}
    ours: dict[str, dict[str, str]] = {}
    for code, section in sorted(languages.items(), key=lambda item: (str(item[0]).lower() != default,
                                                                       _weight(item[1]))):
        mapped = our_language(code)
        if mapped and mapped not in ours:
            section = section if isinstance(section, dict) else {}
            ours[mapped] = {"name": as_text(section.get("languagename")), "title": as_text(section.get("title"))}
    declared, source = _declared_language(config, languages)
    default_ours, note = decide_language(declared, source, blog.documents)
    ours = ({default_ours: ours.pop(default_ours, {})} | ours) if ours else {default_ours: {}}
    for doc in blog.documents:
        if doc.lang and doc.lang not in ours:
            ours[doc.lang] = {}
    author = params.get("author") or config.get("author")
    pagination = config.get("pagination") if isinstance(config.get("pagination"), dict) else {}
    paginate = config.get("paginate") or pagination.get("pagersize")
    return Settings(
        title=as_text(default_section.get("title")) or as_text(config.get("title")),
        tagline=as_text(params.get("subtitle")),
        description=as_text(params.get("description") or default_section.get("description")),
        author=as_text(author.get("name") if isinstance(author, dict) else author),
        base_url=as_text(config.get("baseurl")),
        default_language=default_ours,
        languages=ours,
        paginate=paginate if isinstance(paginate, int) and not isinstance(paginate, bool) and paginate > 0 else None,
        math_in_code=True,
        heading_ids=_heading_ids(config),
        language_note=note,
        **_feeds(config, [section for section in sections if section not in ours], default),  # /en/: a home
    )


def _feeds(config: dict, sections: list[str], default: str) -> dict[str, tuple[str, ...]]:
    """Hugo's RSS addresses, in each language: the home page's, each post section's and the tag and
    category lists' `index.xml` serve our feed of all posts (their pages redirect to our home page
    and lists), and each term's `/tags/x/index.xml` our feed of that term. With the default
    language in a subfolder, its addresses are under `/zh/` too (and so, harmlessly, `/en/zh/`)."""
    disabled = {str(kind).lower() for kind in config.get("disablekinds") or []}
    if "rss" in disabled:
        return {}
    lists = () if "taxonomy" in disabled else ("tags", "categories")
    feeds = ["/index.xml", *(f"/{folder}/index.xml" for folder in (*sections, *lists))]
    if config.get("defaultcontentlanguageinsubdir") is True:
        feeds += [f"/{default}{feed}" for feed in feeds]
    return {"feed_aliases": tuple(feeds), "term_feed_aliases": () if "term" in disabled else ("index.xml",)}


def _heading_ids(config: dict) -> str:
    """Hugo's heading-id scheme: Goldmark's autoHeadingIDType, or Blackfriday's before Hugo 0.60."""
    markup = config.get("markup") if isinstance(config.get("markup"), dict) else {}
    goldmark = markup.get("goldmark") if isinstance(markup.get("goldmark"), dict) else {}
    parser = goldmark.get("parser") if isinstance(goldmark.get("parser"), dict) else {}
    kind = str(parser.get("autoheadingidtype") or "github").lower()
    if str(markup.get("defaultmarkdownhandler") or "").lower() == "blackfriday" or kind == "blackfriday":
        return "hugo-blackfriday"
    return "hugo-ascii" if kind == "github-ascii" else "hugo"


def _declared_language(config: dict, languages: dict) -> tuple[str | None, str]:
    """Our code for the language Hugo's settings name, and the setting's name; (None, '') when none does."""
    first = next(iter(sorted(languages.items(), key=lambda item: _weight(item[1]))), None)
    section = first[1] if first and isinstance(first[1], dict) else {}
    candidates = [(config.get("defaultcontentlanguage"), "defaultContentLanguage"),
                  (config.get("languagecode"), "languageCode"), (config.get("locale"), "locale"),
                  (section.get("languagecode") or section.get("locale"), "languageCode of [languages]"),
                  (first[0] if first else None, "[languages]"),
                  ("zh" if config.get("hascjklanguage") is True else None, "hasCJKLanguage")]
    for value, name in candidates:
        code = our_language(value) if isinstance(value, str) else None
        if code:
            return code, name
    return None, ""


def _weight(section: Any) -> int:
    weight = section.get("weight") if isinstance(section, dict) else None
    return weight if isinstance(weight, int) and not isinstance(weight, bool) else 0
