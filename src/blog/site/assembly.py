"""build_site: rendered sources -> Site (translations, taxonomies, order, neighbours, drafts)."""

from __future__ import annotations

import hashlib
from collections import Counter

from ..content.sources import Source
from ..diagnostics import Diagnostic, error
from ..render.markdown.math import title_html, title_text
from ..render.markdown.readingtime import reading_minutes
from ..render.markdown.render import Rendered
from ..settings.config import SiteConfig
from ..settings.i18n import Strings
from ..settings.urls import Urls, alias_route, slugify
from .model import LanguageSite, Page, Site, Term
from .related import link_related
from .series import group_series


def build_site(config: SiteConfig, rendered: list[tuple[Source, Rendered, str]], strings: dict[str, Strings],
               urls: Urls, *, include_drafts: bool) -> tuple[Site, list[Diagnostic]]:
    """`rendered` holds (source, its rendering, the rendering's fingerprint), in discovery order."""
    problems: list[Diagnostic] = []
    pages = [make_page(config, source, result, fingerprint, urls)
             for source, result, fingerprint in rendered if include_drafts or not source.front.draft]
    pages = _link_translations(config, pages, problems)
    languages = {}
    for lang in config.language_codes:
        mine = [page for page in pages if page.lang == lang]
        posts = sorted((p for p in mine if p.kind == "post"), key=lambda p: p.sort_key)
        for newer, older in zip(posts, posts[1:]):
            newer.older, older.newer = older, newer
        standalone = sorted((p for p in mine if p.kind == "page"), key=lambda p: (p.title, p.src_path))
        language = config.language(lang)
        categories, tags = _terms(posts, "categories", lang, urls), _terms(posts, "tags", lang, urls)
        series, found = group_series(posts, lang, urls) if config.reader.series else ({}, [])
        problems += found
        link_related(posts, config.reader.related)
        languages[lang] = LanguageSite(
            lang=lang,
            language=language,
            strings=strings[lang],
            title=language.title or config.title,
            posts=posts,
            pages=standalone,
            categories=categories,
            tags=tags,
            series=series,
        )
    return Site(config, languages), problems


def make_page(config: SiteConfig, source: Source, result: Rendered, fingerprint: str, urls: Urls) -> Page:
    front, lang = source.front, source.lang
    slug = slugify(front.slug or source.file.name, lower=False)
    is_post = source.file.kind == "post"
    route = urls.post(lang, slug) if is_post else urls.standalone(lang, slug)
    toc = tuple(entry for entry in result.toc
                if config.markdown.toc_min_level <= entry.level <= config.markdown.toc_max_level)
    summary = front.summary.strip() if front.summary else result.excerpt
    macros = {**config.math.macros, **front.macros}
    heading = title_html(front.title, macros)
    asset_root = source.file.asset_root
    dest_dir = urls.dest_path(route).removesuffix("index.html")
    reader = config.reader
    return Page(
        kind=source.file.kind,
        lang=lang,
        src_path=source.src_path,
        name=front.translation_key or source.file.name,
        slug=slug,
        title=title_text(front.title, macros),
        title_html=heading,
        date=front.date,
        updated=front.updated,
        draft=front.draft,
        summary=summary,
        description=front.description or summary,
        author=front.author or config.author,
        content=result.html,
        toc=toc,
        show_toc=front.toc if front.toc is not None else len(toc) >= 2,
        has_math=(result.has_math or "<math" in heading) if front.math is None else front.math or result.has_math,
        has_code=result.has_code,
        extra=front.extra,
        route=route,
        url=urls.url(route),
        permalink=urls.permalink(route),
        digest=hashlib.blake2b(f"{source.digest}:{fingerprint}".encode(), digest_size=16).hexdigest(),
        aliases=tuple(alias_route(alias.strip()) for alias in front.aliases),
        links=result.links,
        search_text=result.search_text,
        title_at=front.title_at,
        category_names=front.categories,
        tag_names=front.tags,
        assets=tuple((asset, dest_dir + asset[len(asset_root) + 1:]) for asset in source.file.assets),
        files=tuple((dest_dir + name, data) for name, data in source.files),
        notebook=source.notebook is not None,
        reading_minutes=reading_minutes(result.text_count, chars_per_minute=reader.chars_per_minute,
                                        words_per_minute=reader.words_per_minute) if reader.reading_time else 0,
        series_name=front.series if is_post else None,
        series_order=front.series_order,
        series_order_at=front.series_order_at,
        og_image=urls.permalink(urls.card(route)) if reader.og_image.enabled and is_post else "",
    )


def _link_translations(config: SiteConfig, pages: list[Page], problems: list[Diagnostic]) -> list[Page]:
    """Join the language versions of each page; a second version in one language is dropped."""
    groups: dict[tuple[str, str], dict[str, Page]] = {}
    for page in pages:
        group = groups.setdefault((page.kind, page.name), {})
        if page.lang in group:
            other = group[page.lang]
            problems.append(error(page.src_path, None, None,
                                  f"a second '{page.lang}' version of '{page.name}' (the first is {other.src_path}); "
                                  f"give one a different translation_key or lang"))
            continue
        group[page.lang] = page
    order = {lang: index for index, lang in enumerate(config.language_codes)}
    for group in groups.values():
        for page in group.values():
            page.translations = sorted((p for p in group.values() if p is not page), key=lambda p: order[p.lang])
    return [page for group in groups.values() for page in group.values()]


def _terms(posts: list[Page], kind: str, lang: str, urls: Urls) -> dict[str, Term]:
    """Terms of one taxonomy, merged by slug ('PPO' and 'ppo' are one tag) under the most used
    spelling, sorted by name."""
    terms: dict[str, Term] = {}
    spellings: dict[str, Counter[str]] = {}
    for post in posts:
        attached = []
        for name in (post.category_names if kind == "categories" else post.tag_names):
            slug = slugify(name)
            term = terms.get(slug)
            if term is None:
                route = urls.term(lang, kind, slug)
                term = terms[slug] = Term(kind, lang, name, slug, urls.url(route), urls.permalink(route))
            spellings.setdefault(slug, Counter())[name] += 1
            if post not in term.pages:
                term.pages.append(post)
                attached.append(term)
        setattr(post, kind, attached)
    for slug, counts in spellings.items():
        terms[slug].name = counts.most_common(1)[0][0]
    return dict(sorted(terms.items(), key=lambda item: (item[1].name.lower(), item[0])))
