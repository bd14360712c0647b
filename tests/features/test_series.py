"""Series: `series:` and `series_order:` in front matter, "第 2/5 篇" / "Part 2 of 5" navigation, a series page."""

import re

from tests.features.sites import build_tiny, post, titles

SERIES = "series: 强化学习入门\n"
POSTS = {
    # written out of order: series_order wins over dates; an unnumbered part comes after, by date
    "content/posts/td.md": post("TD", "2026-01-01", extra=SERIES + "series_order: 2\n"),
    "content/posts/mc.md": post("MC", "2026-01-02", extra=SERIES + "series_order: 1\n"),
    "content/posts/ac.md": post("AC", "2026-01-04", extra=SERIES),
    "content/posts/vfa.md": post("VFA", "2026-01-03", extra=SERIES + "series_order: 3\n"),
    "content/posts/other.md": post("Other", "2026-01-05"),
    "content/posts/td.en.md": post("TD in English", "2026-01-01", extra="series: Intro to RL\nseries_order: 2\n"),
    "content/posts/ac.en.md": post("AC in English", "2026-01-04", extra="series: Intro to RL\nseries_order: 4\n"),
}


def read(root, dest_path):
    return (root / "public" / dest_path).read_text(encoding="utf-8")


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_parts_are_ordered_by_series_order_then_date(tmp_path):
    result = build_tiny(tmp_path / "site", POSTS)
    assert result.ok, result.diagnostics
    series = result.session.site.languages["zh"].series["强化学习入门"]
    assert titles(series.pages) == ["MC", "TD", "VFA", "AC"]
    assert titles(result.session.site.languages["en"].series["intro-to-rl"].pages) == ["TD in English", "AC in English"]
    assert not any(post.series for post in result.session.site.languages["zh"].posts if post.title == "Other")


def test_a_post_shows_its_place_and_links_to_its_neighbours_and_the_series_page(tmp_path):
    build_tiny(tmp_path / "site", POSTS)
    html = read(tmp_path / "site", "posts/td/index.html")
    box = text(html.split('<nav class="series-box"')[1].split("</nav>")[0].split(">", 1)[1])
    assert box == "系列 强化学习入门 · 第 2/4 篇 共 4 篇 MC TD VFA AC"
    assert '<a href="/series/%E5%BC%BA%E5%8C%96%E5%AD%A6%E4%B9%A0%E5%85%A5%E9%97%A8/">强化学习入门</a>' in html
    assert '<span aria-current="page">TD</span>' in html
    nav = html.split('<nav class="series-nav"')[1].split("</nav>")[0]
    assert text('<a class="series-previous"' + nav.split('<a class="series-previous"')[1].split("</a>")[0]) == \
        "上一篇 · 第 1/4 篇 MC"
    assert 'href="/posts/vfa/"><span>下一篇 · 第 3/4 篇</span>VFA</a>' in nav
    first = read(tmp_path / "site", "posts/mc/index.html")
    assert "series-previous" not in first and "series-next" in first
    english = read(tmp_path / "site", "en/posts/ac/index.html")
    assert "Part 2 of 2" in english and "Previous part · Part 1 of 2" in english


def test_the_series_page_lists_every_part_in_order(tmp_path):
    build_tiny(tmp_path / "site", POSTS)
    html = read(tmp_path / "site", "series/强化学习入门/index.html")
    assert "<h1 class=\"section-title\">系列：强化学习入门</h1>" in html
    assert re.findall(r'<p class="series-part">([^<]+)</p>\s*<h2 class="post-item-title"><a href="([^"]+)"', html) == [
        ("第 1/4 篇", "/posts/mc/"), ("第 2/4 篇", "/posts/td/"), ("第 3/4 篇", "/posts/vfa/"), ("第 4/4 篇", "/posts/ac/")]
    english = read(tmp_path / "site", "en/series/intro-to-rl/index.html")
    assert "<title>Series: Intro to RL · T</title>" in english and "2 parts" in english


def test_two_parts_with_one_number_are_a_warning_at_the_second(tmp_path):
    result = build_tiny(tmp_path / "site", {
        "content/posts/a.md": post("A", "2026-01-01", extra=SERIES + "series_order: 1\n"),
        "content/posts/b.md": post("B", "2026-01-02", extra=SERIES + "series_order: 1\n"),
    })
    assert result.ok
    assert [str(d) for d in result.diagnostics] == [
        "content/posts/b.md:7:15: warning: series_order: 1 is also the order of content/posts/a.md in the series "
        "'强化学习入门' (expected each part its own number)"]


def test_series_false_turns_navigation_and_pages_off(tmp_path):
    build_tiny(tmp_path / "site", POSTS, "series: false, og_image: {enabled: false}")
    assert "series-box" not in read(tmp_path / "site", "posts/td/index.html")
    assert not (tmp_path / "site/public/series").exists()


def test_a_saved_body_keeps_the_series_and_related_posts_and_updates_the_reading_time(tmp_path):
    from blog.pipeline.build import BuildOptions, build
    from blog.pipeline.fastpath import apply_body_edits

    site = tmp_path / "site"
    build_tiny(site, POSTS)
    options = BuildOptions(output_dir=site / "served", drafts=True, use_cache=False, live=True, jobs=1)
    last = build(site, options)
    (site / "content/posts/td.md").write_text(
        post("TD", "2026-01-01", extra=SERIES + "series_order: 2\n", body="很长的正文。" * 400), encoding="utf-8")
    result = apply_body_edits(site, {"content/posts/td.md"}, last.session)  # blog serve's fast path
    assert result is not None and result.ok
    html = (site / "served/posts/td/index.html").read_text(encoding="utf-8")
    assert "第 2/4 篇" in html and '<span aria-current="page">TD</span>' in html
    assert '<p class="reading-time">阅读约 7 分钟</p>' in html  # 2,000 characters at 300 a minute


def test_a_series_with_one_name_in_both_languages_links_its_pages_as_translations(tmp_path):
    build_tiny(tmp_path / "site", {
        "content/posts/a.md": post("A", "2026-01-01", extra="series: RL\n"),
        "content/posts/a.en.md": post("A en", "2026-01-01", extra="series: RL\n"),
    })
    html = read(tmp_path / "site", "series/rl/index.html")
    assert '<link rel="alternate" hreflang="en" href="https://e.org/en/series/rl/">' in html
