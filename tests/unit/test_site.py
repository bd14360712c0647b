"""build_site and plan_routes on sources written inline: translations, terms, order, pagination, drafts."""

from pathlib import Path

from blog.render.markdown.jobs import language_job, make_render_job
from blog.settings.config import load_config
from blog.content.sources import discover_sources, parse_source, read_raw
from blog.settings.i18n import load_strings
from blog.render.markdown.render import render
from blog.output.routes import plan_routes
from blog.site.assembly import build_site
from blog.settings.urls import Urls
from tests.support.sites import write_site


def post(title: str, date: str, *, categories: str = "[]", tags: str = "[]", extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {date}\ncategories: {categories}\ntags: {tags}\n{extra}---\nbody of {title}\n"


def site_of(root: Path, files: dict[str, str], *, drafts: bool = False, paginate: int = 10):
    write_site(root, {"site.yaml": f"title: T\nbase_url: https://e.org/\npaginate: {paginate}\n", **files})
    config, _ = load_config(root)
    urls = Urls(config)
    strings = {lang: load_strings(root, lang)[0] for lang in config.languages}
    files_found, problems = discover_sources(root, config)
    sources = [parse_source(f, read_raw(root, f), config)[0] for f in files_found]
    jobs = [make_render_job(language_job(config, strings[s.lang], urls.base_path), config, s) for s in sources]
    site, problems = build_site(config, [(s, render(j), j.fingerprint()) for s, j in zip(sources, jobs)],
                                strings, urls, include_drafts=drafts)
    return site, [str(p) for p in problems], urls


def test_translations_link_by_name_or_translation_key(tmp_path):
    site, problems, _ = site_of(tmp_path, {
        "content/posts/ppo.md": post("PPO 详解", "2026-01-02"),
        "content/posts/ppo.en.md": post("PPO Explained", "2026-01-02"),
        "content/posts/lora.md": post("LoRA", "2026-01-03", extra="translation_key: lora\n"),
        "content/posts/lora-english.en.md": post("LoRA", "2026-01-03", extra="translation_key: lora\n"),
        "content/posts/only-zh.md": post("Only", "2026-01-04"),
    })
    assert problems == []
    zh = {p.name: p for p in site.languages["zh"].posts}
    assert [t.title for t in zh["ppo"].translations] == ["PPO Explained"]
    assert [t.url for t in zh["lora"].translations] == ["/en/posts/lora-english/"]
    assert zh["only-zh"].translations == []
    assert [p.title for p in site.languages["en"].posts] == ["LoRA", "PPO Explained"]  # a listing shows its language


def test_two_versions_in_one_language_are_an_error(tmp_path):
    _, problems, _ = site_of(tmp_path, {
        "content/posts/ppo.md": post("a", "2026-01-01"),
        "content/posts/ppo.zh.md": post("b", "2026-01-01"),
    })
    assert problems == ["content/posts/ppo.zh.md: error: a second 'zh' version of 'ppo' (the first is "
                        "content/posts/ppo.md); give one a different translation_key or lang"]


def test_order_neighbours_and_terms_merged_by_slug(tmp_path):
    site, _, _ = site_of(tmp_path, {
        "content/posts/a.md": post("A", "2026-01-01", categories="[Big Data]", tags="[PPO]"),
        "content/posts/b.md": post("B", "2026-01-03 09:00", categories="Big Data", tags="[ppo, 策略梯度]"),
        "content/posts/c.md": post("C", "2026-01-01T06:00:00+08:00", tags="[PPO]"),
    })
    zh = site.languages["zh"]
    assert [p.title for p in zh.posts] == ["B", "A", "C"]  # 01-01 06:00+08:00 is 12-31 22:00 UTC
    assert (zh.posts[0].newer, zh.posts[0].older.title) == (None, "A")
    assert zh.posts[2].newer.title == "A" and zh.posts[2].older is None
    assert list(zh.tags) == ["ppo", "策略梯度"]
    assert zh.tags["ppo"].name == "PPO" and [p.title for p in zh.tags["ppo"].pages] == ["B", "A", "C"]
    assert zh.categories["big-data"].url == "/categories/big-data/"
    assert zh.tags["策略梯度"].url == "/tags/%E7%AD%96%E7%95%A5%E6%A2%AF%E5%BA%A6/"


def test_drafts_are_hidden_unless_asked_for(tmp_path):
    files = {"content/posts/a.md": post("A", "2026-01-01"),
             "content/posts/d.md": post("D", "2026-01-02", extra="draft: true\n")}
    hidden, _, _ = site_of(tmp_path / "one", files)
    shown, _, _ = site_of(tmp_path / "two", files, drafts=True)
    assert [p.title for p in hidden.languages["zh"].posts] == ["A"]
    assert [p.title for p in shown.languages["zh"].posts] == ["D", "A"]


def test_pagination_routes(tmp_path):
    files = {f"content/posts/p{i:02d}.md": post(f"P{i}", f"2026-01-{i:02d}", tags="[x]") for i in range(1, 24)}
    site, _, urls = site_of(tmp_path, files, paginate=10)
    routes, problems = plan_routes(site, urls)
    assert problems == []
    homes = [r for r in routes if r.template == "index.html" and r.lang == "zh"]
    assert [r.route for r in homes] == ["/", "/page/2/", "/page/3/"]
    assert [len(r.context["pager"].items) for r in homes] == [10, 10, 3]
    assert homes[1].context["pager"].prev_url == "/" and homes[1].context["pager"].next_url == "/page/3/"
    tag_pages = [r.route for r in routes if r.template == "term.html" and r.lang == "zh"]
    assert tag_pages == ["/tags/x/", "/tags/x/page/2/", "/tags/x/page/3/"]
    en_home = [r for r in routes if r.template == "index.html" and r.lang == "en"]
    assert [r.route for r in en_home] == ["/en/"] and en_home[0].context["pager"].items == ()


def test_two_posts_on_one_url_are_an_error(tmp_path):
    site, _, urls = site_of(tmp_path, {
        "content/posts/a.md": post("A", "2026-01-01", extra="slug: same\n"),
        "content/posts/b.md": post("B", "2026-01-02", extra="slug: same\n"),
    })
    _, problems = plan_routes(site, urls)
    assert [str(p) for p in problems] == [
        "content/posts/b.md: error: '/posts/same/' is produced twice: by content/posts/a.md and by "
        "content/posts/b.md (change a slug)"]
