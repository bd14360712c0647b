"""The site's settings for an import: its own site.yaml when it has one, else one made from the
blog's config (Hexo `_config.yml`: title, subtitle, url/root, language, per_page; Hugo: title,
baseURL, defaultContentLanguage, languages, paginate; Jekyll `_config.yml`: title, description,
author, url/baseurl, lang, paginate), validated by our own config loader."""

from __future__ import annotations

from pathlib import Path

import yaml

from ...diagnostics import BlogError, Diagnostic, warning
from ...settings.config import CONFIG_FILE, SiteConfig, base_url_problem, load_config, parse_config
from ...settings.yamlsrc import load_yaml
from .frontmatter import key_line
from .plan import Settings

LANGUAGE_NAMES = {"zh": "中文", "en": "English", "ja": "日本語", "ko": "한국어", "fr": "Français",
                  "de": "Deutsch", "es": "Español", "ru": "Русский", "pt": "Português", "it": "Italiano",
                  "vi": "Tiếng Việt"}
PLACEHOLDER_URL = "https://example.org/"


def existing_config(site_dir: Path) -> tuple[SiteConfig | None, list[Diagnostic]]:
    """The site's own config, or (None, []) when it has no site.yaml yet; errors stop the import."""
    if not (site_dir / CONFIG_FILE).is_file():
        return None, []
    try:
        config, _ = load_config(site_dir)
    except BlogError as exc:
        return None, exc.diagnostics
    return config, []


def new_site_yaml(settings: Settings, kind: str) -> tuple[str, SiteConfig, list[Diagnostic]]:
    """site.yaml text made from the blog's settings, its config, and notes about guesses made."""
    notes: list[tuple[str, str]] = []
    data: dict = {"title": settings.title or "My Blog"}
    if not settings.title:
        notes.append(("title", "the blog has no title; set title: by hand"))
    for key in ("tagline", "description", "author"):
        if getattr(settings, key):
            data[key] = getattr(settings, key)
    problem = base_url_problem(settings.base_url) if settings.base_url else None
    if settings.base_url and problem is None:
        data["base_url"] = settings.base_url if settings.base_url.endswith("/") else settings.base_url + "/"
    else:
        data["base_url"] = PLACEHOLDER_URL
        reason = f"the blog's URL is unusable: {problem}" if problem else "the blog sets no URL"
        notes.append(("base_url", f"base_url: {reason}; set your site's URL by hand"))
    data["default_language"] = settings.default_language
    if settings.language_note:
        notes.append(("default_language", f"default_language: {settings.language_note}"))
    data["languages"] = {
        code: {"name": values.get("name") or LANGUAGE_NAMES.get(code, code),
               **({"title": values["title"]} if values.get("title") and values["title"] != data["title"] else {})}
        for code, values in (settings.languages or {settings.default_language: {}}).items()
    }
    if settings.paginate:
        data["paginate"] = settings.paginate
    markdown = {"math_in_code": settings.math_in_code, "math_markdown_escapes": settings.math_markdown_escapes,
                "heading_ids": settings.heading_ids}
    if any(markdown.values()):
        data["markdown"] = {key: value for key, value in markdown.items() if value}
    feed = {"aliases": list(settings.feed_aliases), "term_aliases": list(settings.term_feed_aliases)}
    if any(feed.values()):
        data["feed"] = {key: value for key, value in feed.items() if value}
    header = f"# Made by 'blog import {kind}' from the blog's own settings; edit freely.\n"
    text = header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)
    doc, problems = load_yaml(text, CONFIG_FILE)
    config = parse_config(doc, problems) if doc is not None else None
    if config is None or any(p.severity == "error" for p in problems):  # a bug here, never the user's
        raise AssertionError(f"generated site.yaml does not load: {problems}")
    return text, config, [warning(CONFIG_FILE, key_line(text, key), None, message) for key, message in notes]
