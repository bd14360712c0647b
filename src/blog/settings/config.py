"""site.yaml: typed, frozen settings with defaults; every problem reported with its line."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..diagnostics import BlogError, Diagnostic, error
from .validation import INVALID, ListOf, OneOf, Place, at_least, load_record, text
from .yamlsrc import load_yaml

CONFIG_FILE = "site.yaml"
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]+)?$")


# Heading id schemes: ours, and old generators' (render/markdown/anchors.py makes each one).
HEADING_ID_SCHEMES = ("blog", "hugo", "hugo-ascii", "hugo-blackfriday", "hexo", "jekyll", "kramdown")


@dataclass(frozen=True)
class MenuItem:
    name: str
    url: str


@dataclass(frozen=True)
class LanguageConfig:
    code: str  # the key under `languages`, never written by the user inside the section
    name: str
    title: str = ""  # "" means the site's title
    tagline: str = ""
    description: str = ""
    date_format: str = ""  # "" means the language's built-in format (see i18n)
    menu: tuple[MenuItem, ...] = ()


@dataclass(frozen=True)
class ExcerptConfig:
    length: int = at_least(1, default=350)


@dataclass(frozen=True)
class MathConfig:
    macros: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MarkdownConfig:
    html: bool = True  # raw HTML passes through: authors are trusted
    math_in_code: bool = False  # `$x$` in backticks is math (Hugo/blogdown habit; on for Hugo imports)
    math_markdown_escapes: bool = False  # TeX written for a Markdown that eats backslashes (Hexo, Jekyll imports)
    # or an old generator's scheme (render/markdown/anchors.py), so imported #anchors work
    heading_ids: str = field(default="blog", metadata={"kind": OneOf(HEADING_ID_SCHEMES, "scheme")})
    toc_min_level: int = at_least(1, default=2)
    toc_max_level: int = at_least(1, default=3)


def _pygments_style(raw: Any, place: Place) -> Any:
    """A style by name, checked here so an unknown one is a line, not a traceback at the end."""
    from pygments.styles import get_all_styles

    name = text(raw, place)
    if name is INVALID or name in get_all_styles():
        return name
    return place.fail(f"unknown Pygments style '{name}' (e.g. default, friendly, monokai, github-dark)")


@dataclass(frozen=True)
class CodeConfig:
    style_light: str = field(default="default", metadata={"kind": _pygments_style})
    style_dark: str = field(default="monokai", metadata={"kind": _pygments_style})
    line_numbers: bool = False


def _strings_that(is_wrong: Callable[[str], bool], expected: str) -> Callable[[Any, Place], Any]:
    """A list of strings; each one `is_wrong` refuses is an error saying what was expected."""
    def kind(raw: Any, place: Place) -> Any:
        items = ListOf(text)(raw, place)
        if items is INVALID:
            return INVALID
        wrong = [index for index, item in enumerate(items) if is_wrong(item)]
        for index in wrong:
            place.fail(f"'{items[index]}' is not {expected}", item=index)
        return INVALID if wrong else items
    return kind


_feed_addresses = _strings_that(lambda alias: not alias.startswith("/") or alias.endswith("/") or "//" in alias
                                or ".." in alias, "a file's address (expected e.g. /atom.xml)")
_feed_file_names = _strings_that(lambda name: not name.strip(".") or "/" in name or "\\" in name
                                 or name == "index.html", "a file name (expected e.g. index.xml)")


@dataclass(frozen=True)
class FeedConfig:
    full_content: bool = True  # False: entries carry the excerpt
    limit: int = at_least(1, default=20)  # newest posts per feed
    # old feed addresses served the same feed, in each language (/atom.xml)
    aliases: tuple[str, ...] = field(default=(), metadata={"kind": _feed_addresses})
    # file names in each tag's and category's folder that also serve its feed (index.xml)
    term_aliases: tuple[str, ...] = field(default=(), metadata={"kind": _feed_file_names})


@dataclass(frozen=True)
class SearchConfig:
    enabled: bool = True  # a Pagefind index and the /search/ page


@dataclass(frozen=True)
class LimitsConfig:
    """Bounds that turn a runaway input into an error at its line instead of a hang or a silent cut."""
    file_kb: int = at_least(1, default=1024)  # one content file (1 MB is a short book)
    nesting: int = at_least(1, default=20)  # Markdown blocks inside blocks (quotes, lists)
    macro_expansions: int = at_least(1, default=20_000)  # TeX macro expansions per formula


@dataclass(frozen=True)
class OgImageConfig:
    enabled: bool = True  # a generated card per post, as og:image and twitter:image
    font: str = ""  # a font file (relative to the site) with the titles' glyphs; "" = one with CJK found on the machine


@dataclass(frozen=True)
class GiscusConfig:
    """Comments through giscus (GitHub Discussions); no script is written until `repo` is set.
    The values come from https://giscus.app's configurator."""

    repo: str = ""  # owner/name
    repo_id: str = ""
    category: str = ""
    category_id: str = ""
    mapping: str = "pathname"
    reactions: bool = True


@dataclass(frozen=True)
class ReaderConfig:
    """What a post offers its reader beyond the text; each feature can be turned off."""

    reading_time: bool = True
    chars_per_minute: int = at_least(1, default=300)  # Chinese, Japanese, Korean characters
    words_per_minute: int = at_least(1, default=200)  # words of other scripts
    copy_code: bool = True  # a copy button on code blocks (script)
    code_language: bool = True  # the language's name on code blocks
    back_to_top: bool = True
    toc_follow: bool = True  # the table of contents marks the section in view (script, wide screens)
    series: bool = True  # "Part 2 of 5" navigation and a page per series
    related: int = at_least(0, default=3)  # related posts shown under a post; 0 = none
    og_image: OgImageConfig = field(default_factory=OgImageConfig)
    giscus: GiscusConfig = field(default_factory=GiscusConfig)


@dataclass(frozen=True)
class SiteConfig:
    title: str
    base_url: str
    tagline: str = ""
    description: str = ""
    author: str = ""
    default_language: str = "zh"
    languages: Mapping[str, LanguageConfig] = field(default_factory=dict)
    paginate: int = at_least(1, default=10)
    output_dir: str = "public"
    excerpt: ExcerptConfig = field(default_factory=ExcerptConfig)
    math: MathConfig = field(default_factory=MathConfig)
    markdown: MarkdownConfig = field(default_factory=MarkdownConfig)
    code: CodeConfig = field(default_factory=CodeConfig)
    feed: FeedConfig = field(default_factory=FeedConfig)
    search: SearchConfig = field(default_factory=SearchConfig)
    limits: LimitsConfig = field(default_factory=LimitsConfig)
    bibliography: str = ""  # a BibTeX file of the site, cited from every post (scholarly/)
    csl: str = "numeric"  # the citation style: "numeric", "author-date" or a .csl file of the site
    cite_this: bool = False  # "cite this post" (BibTeX, citation_* tags) on every post; front matter may say too
    reader: ReaderConfig = field(default_factory=ReaderConfig)

    @property
    def language_codes(self) -> tuple[str, ...]:
        """The default language first, then the others in site.yaml order."""
        others = [code for code in self.languages if code != self.default_language]
        return (self.default_language, *others)

    def language(self, code: str) -> LanguageConfig:
        return self.languages[code]


DEFAULT_LANGUAGES = {"zh": {"name": "中文"}, "en": {"name": "English"}}


def load_config(site_dir: Path) -> tuple[SiteConfig, list[Diagnostic]]:
    """Read and validate site.yaml; raise BlogError listing every error, return the warnings."""
    src_path = CONFIG_FILE
    try:
        text = (site_dir / CONFIG_FILE).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BlogError([error(src_path, None, None, f"no {CONFIG_FILE} in '{site_dir}' (is --site right?)")]) from None
    except UnicodeDecodeError as exc:
        raise BlogError([error(src_path, None, None, f"not UTF-8 text: {exc.reason}")]) from None
    doc, problems = load_yaml(text, src_path)
    if doc is None:
        raise BlogError(problems)
    config = parse_config(doc, problems)
    if config is not None and config.reader.og_image.font and not (site_dir / config.reader.og_image.font).is_file():
        problems.append(error(src_path, *doc.value_at(("reader", "og_image", "font")),
                              f"reader.og_image.font: '{config.reader.og_image.font}' is not a file "
                              f"(expected a .ttf, .otf or .ttc font, relative to the site)"))
    if config is None or any(p.severity == "error" for p in problems):
        raise BlogError(problems)
    return config, problems


def parse_config(doc, problems: list[Diagnostic]) -> SiteConfig | None:
    raw = doc.data if doc.data is not None else {}
    if not isinstance(raw, dict):
        problems.append(error(doc.src_path, 1, 1, "site.yaml: expected a mapping of settings"))
        return None
    root = Place(doc, problems)
    raw_languages = DEFAULT_LANGUAGES if raw.get("languages") is None else raw["languages"]
    languages: dict[str, LanguageConfig] = {}
    errors_before = sum(p.severity == "error" for p in problems)
    if not isinstance(raw_languages, dict) or not raw_languages:
        problems.append(error(doc.src_path, *doc.value_at(("languages",)),
                              "languages: expected a mapping of language codes with at least one language"))
    else:
        for code, section in raw_languages.items():
            if not LANGUAGE_CODE.match(str(code)):
                problems.append(error(doc.src_path, *doc.key_at(("languages", code)),
                                      f"languages: '{code}' is not a language code (expected e.g. zh, en, pt-br)"))
                continue
            language = load_record(LanguageConfig, section, root.child("languages").child(code), code=str(code))
            if language is not None:
                languages[str(code)] = language
    # With a broken language, a default_language "not in languages" would only echo that error.
    languages_ok = sum(p.severity == "error" for p in problems) == errors_before
    site_raw = {key: value for key, value in raw.items() if key != "languages"}
    config = load_record(SiteConfig, site_raw, root, languages=languages)
    problems.extend(_check_base_url(raw.get("base_url"), doc))
    default_language = raw.get("default_language", SiteConfig.default_language)
    if isinstance(default_language, str) and default_language not in languages and languages_ok:
        problems.append(error(doc.src_path, *doc.value_at(("default_language",)),
                              f"default_language: '{default_language}' is not one of languages "
                              f"({', '.join(languages) or 'none'})"))
    if config is None:
        return None
    return with_base_url(config, config.base_url)


_NOT_IN_URLS = re.compile(r"[\s<>\"'`{}|\\^]")


def base_url_problem(base_url: str) -> str | None:
    """Why `base_url` (from site.yaml, --base-url or an imported blog) cannot be the site's address;
    None when it can."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"'{base_url}' is not an absolute URL (expected e.g. https://example.org/)"
    if bad := _NOT_IN_URLS.search(base_url):  # it is written into every link unescaped by URL rules
        return f"{bad.group()!r} is not allowed in a URL (percent-encode it)"
    return None


def _check_base_url(base_url, doc) -> list[Diagnostic]:
    if not isinstance(base_url, str):  # a wrong type is reported by the schema
        return []
    problem = base_url_problem(base_url)
    return [error(doc.src_path, *doc.value_at(("base_url",)), f"base_url: {problem}")] if problem else []


def with_base_url(config: SiteConfig, base_url: str) -> SiteConfig:
    """Apply `--base-url`, normalised like site.yaml's."""
    return replace(config, base_url=base_url if base_url.endswith("/") else base_url + "/")
