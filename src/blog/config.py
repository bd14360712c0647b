"""site.yaml: typed, frozen settings with defaults; every problem reported with its line."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from .diagnostics import BlogError, Diagnostic, error
from .schema import build_section
from .yamlsrc import load_yaml

CONFIG_FILE = "site.yaml"
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]+)?$")


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
    length: int = field(default=350, metadata={"min": 1})


@dataclass(frozen=True)
class MathConfig:
    macros: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MarkdownConfig:
    html: bool = True  # raw HTML passes through: authors are trusted
    math_in_code: bool = False  # `$x$` in backticks is math (Hugo/blogdown habit; on for Hugo imports)
    toc_min_level: int = field(default=2, metadata={"min": 1})
    toc_max_level: int = field(default=3, metadata={"min": 1})


@dataclass(frozen=True)
class CodeConfig:
    style_light: str = "default"
    style_dark: str = "monokai"
    line_numbers: bool = False


@dataclass(frozen=True)
class FeedConfig:
    full_content: bool = True  # False: entries carry the excerpt
    limit: int = field(default=20, metadata={"min": 1})  # newest posts per feed


@dataclass(frozen=True)
class SearchConfig:
    enabled: bool = True  # a Pagefind index and the /search/ page


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
    chars_per_minute: int = field(default=300, metadata={"min": 1})  # Chinese, Japanese, Korean characters
    words_per_minute: int = field(default=200, metadata={"min": 1})  # words of other scripts
    copy_code: bool = True  # a copy button on code blocks (script)
    code_language: bool = True  # the language's name on code blocks
    back_to_top: bool = True
    toc_follow: bool = True  # the table of contents marks the section in view (script, wide screens)
    series: bool = True  # "Part 2 of 5" navigation and a page per series
    related: int = field(default=3, metadata={"min": 0})  # related posts shown under a post; 0 = none
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
    paginate: int = field(default=10, metadata={"min": 1})
    output_dir: str = "public"
    excerpt: ExcerptConfig = field(default_factory=ExcerptConfig)
    math: MathConfig = field(default_factory=MathConfig)
    markdown: MarkdownConfig = field(default_factory=MarkdownConfig)
    code: CodeConfig = field(default_factory=CodeConfig)
    feed: FeedConfig = field(default_factory=FeedConfig)
    search: SearchConfig = field(default_factory=SearchConfig)
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
    raw_languages = raw.get("languages") or DEFAULT_LANGUAGES
    languages: dict[str, LanguageConfig] = {}
    if not isinstance(raw_languages, dict):
        problems.append(error(doc.src_path, *doc.value_at(("languages",)), "languages: expected a mapping of language codes"))
    else:
        for code, section in raw_languages.items():
            if not LANGUAGE_CODE.match(str(code)):
                problems.append(error(doc.src_path, *doc.key_at(("languages", code)),
                                      f"languages: '{code}' is not a language code (expected e.g. zh, en, pt-br)"))
                continue
            language = build_section(LanguageConfig, section, doc, ("languages", code), problems, code=str(code))
            if language is not None:
                languages[str(code)] = language
    site_raw = {key: value for key, value in raw.items() if key != "languages"}
    config = build_section(SiteConfig, site_raw, doc, (), problems, languages=languages)
    base_url = str(raw.get("base_url", ""))
    parts = urlsplit(base_url)
    if "base_url" in raw and (parts.scheme not in ("http", "https") or not parts.netloc):
        problems.append(error(doc.src_path, *doc.value_at(("base_url",)),
                              f"base_url: '{base_url}' is not an absolute URL (expected e.g. https://example.org/)"))
    if config is None:
        return None
    if config.default_language not in languages:
        problems.append(error(doc.src_path, *doc.value_at(("default_language",)),
                              f"default_language: '{config.default_language}' is not one of languages "
                              f"({', '.join(languages) or 'none'})"))
    return with_base_url(config, config.base_url)


def with_base_url(config: SiteConfig, base_url: str) -> SiteConfig:
    """Apply `--base-url`, normalised like site.yaml's."""
    return replace(config, base_url=base_url if base_url.endswith("/") else base_url + "/")
