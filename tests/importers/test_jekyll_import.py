"""`blog import SRC` on a small bilingual Jekyll blog (polyglot `lang:` and shared permalinks, a
hand-made `en/_posts/` tree paired by `translation:`, Liquid, kramdown attribute lists and inline
`$$…$$`, several permalink rules), detected without naming its kind: the converted site, its
warnings, its build, and every old URL."""

from __future__ import annotations

import pytest

from tests.importers.importing import (feed_warnings, import_and_build, imported_files, old_url_problems, snapshot,
                                       template_syntax, wrong_languages)
from tests.support.cli import run_blog
from tests.support.sites import write_site

WARNINGS = [
    '../jekyll-blog/_posts/2019-05-07-deep-q-network.md:26: warning: kramdown attributes width="60%" dropped; '
    "write the element in HTML to keep them",
    "content/posts/spark-shuffle.md:14: warning: Liquid tag '{% include … %}' has no equivalent; kept as an "
    "HTML comment; replace it by hand",
]


@pytest.fixture(scope="module")
def jekyll(tmp_path_factory):
    return import_and_build("jekyll", tmp_path_factory.mktemp("jekyll"), detect=True)


def test_detected_imported_with_warnings_at_their_lines_and_the_source_left_alone(jekyll):
    imported, _ = jekyll
    assert imported.run.code == 0, imported.run.stderr
    assert imported.run.diagnostics == WARNINGS
    assert imported.run.stdout.splitlines()[0] == ("imported jekyll blog 'jekyll-blog' into 'site': 7 posts "
                                                   "(1 drafts), 3 pages, 2 other files, 12 redirects from old "
                                                   "listing pages, and a new site.yaml")
    assert snapshot(imported.blog) == imported.before


def test_posts_pages_translations_and_assets_land_in_our_layout(jekyll):
    imported, _ = jekyll
    # layouts, includes, the Liquid home page, README, Gemfile and excluded folders are not content
    assert sorted(imported_files(imported.site)) == [
        "content/pages/about.en.md", "content/pages/about.md", "content/pages/projects.md",
        "content/posts/attention.en.md", "content/posts/attention.md", "content/posts/deep-q-network.md",
        "content/posts/ppo-clip.en.md", "content/posts/ppo.md", "content/posts/rlhf-notes.md",
        "content/posts/spark-shuffle.md", "site.yaml", "static/2018/index.html", "static/2019/index.html",
        "static/2020/index.html", "static/2021/index.html", "static/assets/dqn.svg", "static/assets/replay.png",
        "static/category/ml/index.html", "static/category/nlp/index.html", "static/category/rl/index.html", "static/category/大数据/index.html",
        "static/en/2020/index.html", "static/en/category/nlp/index.html", "static/tag/dqn/index.html",
        "static/tag/强化学习/index.html",
    ]


def test_site_yaml_comes_from_config_yml(jekyll):
    imported, _ = jekyll
    assert imported.text("site.yaml").splitlines()[1:] == [
        "title: 深度学习手记", "description: 强化学习、注意力机制与大数据的学习笔记", "author: 王五",
        "base_url: https://dl.example.com/blog/", "default_language: zh", "languages:", "  zh:", "    name: 中文",
        "  en:", "    name: English", "paginate: 5", "markdown:", "  math_markdown_escapes: true",
        "  heading_ids: jekyll",
    ]


def test_front_matter_categories_and_translation_keys(jekyll):
    imported, _ = jekyll
    assert imported.front("content/posts/deep-q-network.md") == {
        "title": "DQN：用神经网络逼近 Q 函数", "date": "2019-05-07 20:30:00+08:00", "categories": ["rl"],
        "tags": ["DQN", "强化学习"], "layout": "post", "aliases": ["/rl/2019/05/07/deep-q-network.html"],
    }
    # polyglot: one permalink in two languages; hand-made: `translation:` names the other post
    assert imported.front("content/posts/attention.md")["translation_key"] == "attention"
    assert imported.front("content/posts/attention.en.md")["translation_key"] == "attention"
    assert imported.front("content/posts/ppo.md")["translation_key"] == "ppo"
    assert imported.front("content/posts/ppo-clip.en.md")["translation_key"] == "ppo"
    assert imported.front("content/posts/rlhf-notes.md")["draft"] is True
    assert imported.front("content/posts/spark-shuffle.md")["categories"] == ["ml", "大数据"]  # ml/_posts/


def test_liquid_and_kramdown_become_our_markdown(jekyll):
    imported, _ = jekyll
    dqn = imported.body("content/posts/deep-q-network.md")
    assert dqn.startswith("DQN 把 Q 表换成神经网络 $Q(s, a; \\theta)$，")  # kramdown's inline $$…$$
    assert "* TOC" not in dqn and "{:" not in dqn
    assert "## 贝尔曼方程 {#bellman}\n" in dqn
    assert "![DQN 网络](/assets/dqn.svg)\n" in dqn
    assert '![经验回放缓冲区：$\\log$ 均匀采样](/assets/replay.png "经验回放缓冲区：$\\\\log$ 均匀采样")' in dqn
    assert "损失函数是**均方误差**，实现如下" in dqn
    assert "```python {linenos=true}\ndef td_loss(q, target):\n" in dqn
    assert "```liquid\n<title>{{ page.title }}</title>\n```" in dqn  # {% raw %} ran before Markdown
    assert "Double DQN" not in dqn  # {% comment %}
    assert "[注意力机制](/posts/attention/)，代码在 [这里](/assets/dqn.svg)。" in dqn
    assert "与 [DQN](/posts/deep-q-network/) 不同" in imported.body("content/posts/ppo.md")
    assert "[项目](/projects/)" in imported.body("content/pages/about.md")
    assert imported.body("content/posts/attention.md").startswith("缩放点积注意力：\n<!--more-->\n")  # excerpt_separator
    assert "<!-- {% include youtube.html id=\"abc123\" %} -->" in imported.body("content/posts/spark-shuffle.md")


def test_the_site_builds_in_both_languages_with_no_template_syntax_left(jekyll):
    imported, build = jekyll
    assert build.code == 0, build.stderr
    assert build.diagnostics == []
    output = imported.site / "public"
    assert template_syntax(output) == []
    assert wrong_languages(output, "/blog/", "zh", "en") == []  # every page, listing and redirect
    dqn = (output / "posts/deep-q-network/index.html").read_text(encoding="utf-8")
    assert dqn.startswith('<!doctype html>\n<html lang="zh"') and dqn.count("<math") == 2
    assert '<img src="/blog/assets/dqn.svg" alt="DQN 网络"' in dqn and 'id="bellman"' in dqn
    home = (output / "index.html").read_text(encoding="utf-8")
    assert '<p class="post-excerpt">缩放点积注意力：</p>' in home
    english = (output / "en/posts/ppo-clip/index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in english
    assert 'hreflang="zh" href="https://dl.example.com/blog/posts/ppo/"' in english


def test_every_old_url_answers_with_the_page_or_a_redirect_to_it(jekyll):
    imported, _ = jekyll
    assert old_url_problems(imported.site / "public", "/blog/", {
        "rl/2019/05/07/deep-q-network.html": "posts/deep-q-network/",  # permalink: date, with a category
        "ml/大数据/2018/11/20/spark-shuffle.html": "posts/spark-shuffle/",  # ml/_posts/: a category from the path
        "attention/": "posts/attention/",  # a post's own permalink
        "en/attention/": "en/posts/attention/",  # polyglot: other languages under /LANG/
        "ppo/": "posts/ppo/",  # permalink: /:slug/
        "en/2021/03/01/ppo-clip.html": "en/posts/ppo-clip/",  # en/_posts/: the folder is a category
        "about/": "about/", "en/about/": "en/about/", "projects/": "projects/",
        "feed.xml": "", "en/feed.xml": "en/",  # jekyll-feed's, polyglot's
        # jekyll-archives' pages (polyglot's under /en/ for the English posts)
        "category/rl/": "categories/rl/", "tag/强化学习/": "tags/%E5%BC%BA%E5%8C%96%E5%AD%A6%E4%B9%A0/",
        "tag/dqn/": "tags/dqn/", "category/大数据/": "categories/%E5%A4%A7%E6%95%B0%E6%8D%AE/",
        "2019/": "archives/", "en/category/nlp/": "en/categories/nlp/", "en/2020/": "en/archives/",
    }) == []


@pytest.mark.parametrize(("permalink", "old_url"), [
    ("date", "/rl/2019/05/07/dqn.html"),
    ("pretty", "/rl/2019/05/07/dqn/"),
    ("ordinal", "/rl/2019/127/dqn.html"),
    ("weekdate", "/rl/2019/W19/Tue/dqn.html"),
    ("none", "/rl/dqn.html"),
    ("/:categories/:year/:month/:day/:title:output_ext", "/rl/2019/05/07/dqn.html"),
    ("/blog/:year/:i_month/:i_day/:slug", "/blog/2019/5/7/dqn/"),
    ("/:short_year/:long_month/:title/", "/19/May/dqn/"),
])
def test_each_permalink_rule_gives_the_old_url(tmp_path, permalink, old_url):
    from blog.commands.importers import import_blog

    blog = write_site(tmp_path / "blog", {
        "_config.yml": f"title: T\nurl: https://old.example.com\npermalink: {permalink}\n",
        "_posts/2019-05-07-dqn.md": "---\ntitle: DQN\ncategories: RL\n---\nText.\n",
    })
    report = import_blog(None, blog, tmp_path / "site", force=False)
    assert report.kind == "jekyll"
    text = (tmp_path / "site/content/posts/dqn.md").read_text(encoding="utf-8")
    assert f"aliases: [{old_url}]" in text


def test_blog_check_finds_nothing_left_to_fix_in_the_imported_site(jekyll):
    imported, _ = jekyll
    run = run_blog("check", "--site", imported.site)
    assert (run.code, run.diagnostics) == (0, []), run.stderr


@pytest.mark.parametrize("key", ["ref", "lang_ref", "translation_key"])
def test_a_shared_reference_key_pairs_translations(tmp_path, key):
    from blog.commands.importers import import_blog

    blog = write_site(tmp_path / "blog", {
        "_config.yml": "title: T\nurl: https://old.example.com\nlang: zh\n",
        "_posts/2021-03-01-ppo.md": f"---\ntitle: PPO 笔记\n{key}: ppo-notes\n---\n裁剪目标限制了每次更新的步长。\n",
        "_posts/2021-03-01-ppo-notes.md": f"---\ntitle: PPO notes\nlang: en\n{key}: ppo-notes\n---\nClipping.\n",
    })
    import_blog("jekyll", blog, tmp_path / "site", force=False)
    posts = tmp_path / "site/content/posts"
    assert sorted(p.name for p in posts.iterdir()) == ["ppo-notes.en.md", "ppo.md"]
    for name in ("ppo-notes.en.md", "ppo.md"):
        assert "\ntranslation_key: ppo\n" in (posts / name).read_text(encoding="utf-8")


def test_jekyll_feeds_per_category_and_tag_are_named_as_not_served(tmp_path):
    assert feed_warnings(tmp_path, "jekyll", {
        "_config.yml": "title: T\nurl: https://old.example.com\nfeed:\n  categories: [rl]\n  tags: true\n",
        "_posts/2019-05-07-dqn.md": "---\ntitle: DQN\ncategories: rl\n---\nText.\n",
    }) == [
        "../blog/_config.yml: warning: jekyll-feed's category feeds (/feed/NAME.xml) are not served; a redirect "
        "rule of the host can send readers to /categories/NAME/feed.xml",
        "../blog/_config.yml: warning: jekyll-feed's tag feeds (/feed/by_tag/NAME.xml) are not served; the site's "
        "feeds are per language and per category"]
