"""Atom feeds per language and per category: valid Atom, absolute URLs, stable ids, no build time."""

import xml.etree.ElementTree as ET

from tests.support.cli import run_blog

ATOM = "{http://www.w3.org/2005/Atom}"

SITE = {
    "site.yaml": """
        title: 传输
        base_url: https://example.org/
        author: 作者
        languages:
          zh: {name: 中文}
          en: {name: English, title: Transmission}
    """,
    "content/posts/td/index.md": """
        ---
        title: 时序差分
        date: 2026-01-11 10:30:00+08:00
        updated: 2026-03-01
        categories: [强化学习]
        ---
        见 [蒙特卡洛](/posts/mc/)、[下文](#更新规则) 与 [兄弟篇](../mc/)。

        ![图](plot.png)

        ## 更新规则

        $$V(s) \\leftarrow V(s) + \\alpha \\delta_t$$
    """,
    "content/posts/td/plot.png": b"\x89PNG\r\n\x1a\n",
    "content/posts/mc.md": """
        ---
        title: 蒙特卡洛
        date: 2026-01-05
        categories: [强化学习]
        ---
        回报 $G_t$ 的平均。
    """,
    "content/posts/spark.md": """
        ---
        title: Spark
        date: 2026-02-01
        categories: [大数据]
        ---
        Shuffle.
    """,
    "content/posts/mc.en.md": """
        ---
        title: Monte Carlo
        date: 2026-01-05
        categories: [RL]
        ---
        Averages of returns.
    """,
}


def build(make_site, files=None, name="site"):
    site = make_site({**SITE, **(files or {})}, name)
    output = site / "public"
    run = run_blog("build", "--site", site, "--output", output)
    assert run.code == 0, run.stderr
    return output


def feed(output, relative):
    root = ET.parse(output / relative).getroot()
    assert root.tag == f"{ATOM}feed"
    return root


def text(element, name):
    found = element.find(f"{ATOM}{name}")
    assert found is not None, f"no <{name}>"
    return found.text


def entries(root):
    return root.findall(f"{ATOM}entry")


def test_site_feed_has_the_required_atom_elements(make_site):
    root = feed(build(make_site), "feed.xml")
    assert text(root, "id") == "https://example.org/feed.xml"
    assert text(root, "title") == "传输"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "https://example.org/feed.xml"
    assert root.find(f"{ATOM}link[@rel='alternate']").get("href") == "https://example.org/"
    assert text(root.find(f"{ATOM}author"), "name") == "作者"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh"
    assert [text(e, "title") for e in entries(root)] == ["Spark", "时序差分", "蒙特卡洛"]
    for entry in entries(root):
        for name in ("id", "title", "updated", "published"):
            assert text(entry, name)
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("https://example.org/posts/")
        assert entry.find(f"{ATOM}content").get("type") == "html"


def test_updated_is_the_newest_entry_date_in_utc_never_the_build_time(make_site):
    root = feed(build(make_site), "feed.xml")
    td = next(e for e in entries(root) if text(e, "title") == "时序差分")
    assert text(td, "published") == "2026-01-11T02:30:00Z"
    assert text(td, "updated") == "2026-03-01T00:00:00Z"
    assert text(root, "updated") == "2026-03-01T00:00:00Z"  # td's update is newer than spark's date


def test_full_content_has_math_and_only_absolute_urls(make_site):
    root = feed(build(make_site), "feed.xml")
    td = next(e for e in entries(root) if text(e, "title") == "时序差分")
    content = text(td, "content")
    assert "<math" in content
    assert 'href="https://example.org/posts/mc/"' in content
    assert 'href="https://example.org/posts/td/#%E6%9B%B4%E6%96%B0%E8%A7%84%E5%88%99"' in content
    assert 'src="https://example.org/posts/td/plot.png"' in content
    assert not any(f'{attr}="{start}' in content for attr in ("href", "src") for start in ("/", "#", ".", "plot"))


def test_excerpts_instead_of_content_and_a_limit_by_setting(make_site):
    yaml = SITE["site.yaml"].rstrip(" ") + "        feed: {full_content: false, limit: 2}\n"
    root = feed(build(make_site, {"site.yaml": yaml}), "feed.xml")
    assert len(entries(root)) == 2
    for entry in entries(root):
        assert entry.find(f"{ATOM}content") is None
        assert text(entry, "summary")
    assert text(entries(root)[0], "summary") == "Shuffle."


def test_each_language_and_each_category_has_its_own_feed(make_site):
    output = build(make_site)
    english = feed(output, "en/feed.xml")
    assert text(english, "title") == "Transmission"
    assert [text(e, "title") for e in entries(english)] == ["Monte Carlo"]
    assert english.find(f"{ATOM}link[@rel='self']").get("href") == "https://example.org/en/feed.xml"
    rl = feed(output, "categories/强化学习/feed.xml")
    assert [text(e, "title") for e in entries(rl)] == ["时序差分", "蒙特卡洛"]
    assert rl.find(f"{ATOM}link[@rel='alternate']").get("href") == \
        "https://example.org/categories/%E5%BC%BA%E5%8C%96%E5%AD%A6%E4%B9%A0/"
    assert [text(e, "title") for e in entries(feed(output, "en/categories/rl/feed.xml"))] == ["Monte Carlo"]


def test_term_aliases_serve_each_tags_and_categorys_feed_in_its_folder(make_site):
    yaml = SITE["site.yaml"].rstrip(" ") + "        feed: {term_aliases: [index.xml]}\n"
    tagged = SITE["content/posts/spark.md"].replace("categories: [大数据]", "categories: [大数据]\n        tags: [Spark]")
    output = build(make_site, {"site.yaml": yaml, "content/posts/spark.md": tagged})
    rl = feed(output, "categories/强化学习/index.xml")  # an imported Hugo blog's term feed address
    assert [text(e, "title") for e in entries(rl)] == ["时序差分", "蒙特卡洛"]
    assert rl.find(f"{ATOM}link[@rel='self']").get("href") == \
        "https://example.org/categories/%E5%BC%BA%E5%8C%96%E5%AD%A6%E4%B9%A0/index.xml"
    spark = feed(output, "tags/spark/index.xml")  # tags have a feed there too, titled as a tag's
    assert text(spark, "title") == "传输 · 标签：Spark" and [text(e, "title") for e in entries(spark)] == ["Spark"]
    assert [text(e, "title") for e in entries(feed(output, "en/categories/rl/index.xml"))] == ["Monte Carlo"]
    assert not (output / "tags/spark/feed.xml").exists()


def test_pages_link_their_feeds(make_site):
    output = build(make_site)
    home = (output / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml" title="传输" href="https://example.org/feed.xml">' in home
    assert '<a href="/feed.xml" type="application/atom+xml">订阅</a>' in home
    category = (output / "categories/强化学习/index.html").read_text(encoding="utf-8")
    assert ('href="https://example.org/categories/%E5%BC%BA%E5%8C%96%E5%AD%A6%E4%B9%A0/feed.xml"' in category)


def test_entry_ids_survive_a_new_title(make_site):
    before = {text(e, "id") for e in entries(feed(build(make_site, name="one"), "feed.xml"))}
    renamed = SITE["content/posts/mc.md"].replace("title: 蒙特卡洛", "title: 蒙特卡洛方法")
    after = {text(e, "id") for e in entries(feed(build(make_site, {"content/posts/mc.md": renamed}, "two"), "feed.xml"))}
    assert before == after
    assert "tag:example.org,2026-01-05:/posts/mc/" in after
