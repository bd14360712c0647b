"""`blog import hugo` on a small bilingual Hugo blog (TOML, YAML and JSON front matter, a page
bundle, math in backticks, shortcodes): the converted site, its warnings, and its build."""

from __future__ import annotations

import pytest

from blog.commands.importers.shortcodes import algorithm_blocks_drawn

from tests.importers.importing import (feed_warnings, import_and_build, import_fixture, imported_files,
                                       missing_images, old_url_problems, reimport, snapshot, template_syntax,
                                       wrong_languages)
from tests.support.cli import run_blog
from tests.support.sites import write_site

# Until ```algorithm blocks are drawn, the import says the pseudocode shows as code.
PSEUDOCODE = [] if algorithm_blocks_drawn() else [
    "content/posts/ppo-clip.md:39: warning: pseudocode: this version of blog shows ```algorithm blocks as code; "
    "the LaTeX is kept for when it draws them"]
WARNINGS = [
    "../hugo-blog/content/_index.md: warning: not imported: the home page's text; put it in a page by hand",
    *PSEUDOCODE,
    "content/posts/q-learning.md:39: warning: unknown Hugo shortcode '{{< quiz … >}}' kept as an HTML comment; replace it by hand",
]


@pytest.fixture(scope="module")
def hugo(tmp_path_factory):
    return import_and_build("hugo", tmp_path_factory.mktemp("hugo"))


def test_import_warns_with_lines_and_leaves_the_source_alone(hugo):
    imported, _ = hugo
    assert imported.run.code == 0, imported.run.stderr
    assert imported.run.diagnostics == WARNINGS
    assert imported.run.stdout.splitlines()[0] == \
        "imported hugo blog 'hugo-blog' into 'site': 6 posts (1 drafts), 2 pages, 3 other files, 3 redirects from old listing pages, and a new site.yaml"
    assert snapshot(imported.blog) == imported.before


def test_bundles_translations_sections_and_static_files(hugo):
    imported, _ = hugo
    assert sorted(imported_files(imported.site)) == [
        "content/pages/about.en.md", "content/pages/about.md", "content/posts/actor-critic/critic.png",
        "content/posts/actor-critic/index.md", "content/posts/lora.md", "content/posts/ppo-clip.md",
        "content/posts/q-learning.en.md", "content/posts/q-learning.md", "content/posts/spark-shuffle.md",
        "site.yaml", "static/en/posts/index.html", "static/favicon.ico", "static/images/q-table.png",
        "static/post/index.html", "static/posts/index.html",  # the section lists redirect to the home page
    ]


def test_site_yaml_turns_math_in_code_on_and_keeps_both_languages(hugo):
    imported, _ = hugo
    assert imported.text("site.yaml").splitlines()[1:] == [
        "title: 机器学习札记", "tagline: Notes on ML", "description: 机器学习、强化学习与大数据的读书笔记", "author: 李四",
        "base_url: https://notes.example.org/", "default_language: zh", "languages:", "  zh:", "    name: 中文",
        "  en:", "    name: English", "    title: ML Notes", "paginate: 8", "markdown:", "  math_in_code: true",
        "  heading_ids: hugo-blackfriday", "feed:", "  aliases:", "  - /index.xml",
        "  - /post/index.xml", "  - /posts/index.xml", "  - /tags/index.xml", "  - /categories/index.xml",
        "  term_aliases:", "  - index.xml",
    ]


def test_toml_yaml_and_json_front_matter_become_ours(hugo):
    imported, _ = hugo
    assert imported.front("content/posts/actor-critic/index.md") == {
        "title": "Actor-Critic 与优势函数", "date": "2020-08-15 20:00:00+08:00", "updated": "2020-09-01 10:00:00+08:00",
        "slug": "actor-critic", "categories": ["强化学习"], "tags": ["Actor-Critic", "A2C"],
        "aliases": ["/2020/actor-critic.html", "/posts/ac-old/", "/2020/08/actor-critic/"],
        "summary": "用 critic 估计优势函数，降低策略梯度的方差。", "math": True, "weight": 10,
    }
    assert imported.front("content/posts/lora.md") == {
        "title": "LoRA 低秩适配", "date": "2023-06-01 09:00:00Z", "draft": True, "categories": "大模型",
        "tags": ["LoRA", "微调"], "slug": "lora-low-rank", "url": "/llm/lora/", "aliases": ["/llm/lora/"],
    }
    # Hugo's keys are case-insensitive; an empty category is dropped; a relative alias is the section's
    assert imported.front("content/posts/spark-shuffle.md") == {
        "title": "Spark Shuffle 调优笔记", "date": "2018-04-20 21:15:00+08:00", "tags": ["Spark", "大数据"],
        "aliases": ["/post/shuffle/", "/post/spark-shuffle/"], "toc": True, "weight": 3,
    }
    assert imported.front("content/posts/q-learning.en.md")["aliases"] == ["/en/2019/11/q-learning-vs.-sarsa/"]


def test_shortcodes_become_our_markdown(hugo):
    imported, _ = hugo
    actor = imported.body("content/posts/actor-critic/index.md")
    assert '![critic 网络结构](critic.png "Critic 网络：输入状态，输出 $V(s)$")\n' in actor
    assert "::: tip TD 误差即优势估计\n单步 TD 误差 `$\\delta_t" in actor
    assert '```python {hl_lines=[3,"5-6"] linenos=true}\ndef a2c_loss' in actor
    assert "    # {{ 模板语法 }} 与 {% 标签 %} 都不会被解释\n" in actor
    assert "::: details 同步 A2C\n所有 worker 同步更新，梯度取平均。\n:::\n::: details 异步 A3C\n" in actor

    q = imported.body("content/posts/q-learning.md")
    assert q.startswith("两者的更新都形如 \\(Q(s,a) \\leftarrow Q(s,a) + \\alpha \\delta\\)，")
    assert "\n\n$$\n\\begin{aligned}\n\\text{Sarsa:}\\quad & \\delta = r + \\gamma Q(s', a') - Q(s, a) \\\\\n" in q
    assert "$\\mathcal{S} = \\{ s_1, \\dots, s_n \\}$，下标要转义：$Q_{\\pi}(s, a)$。" in q
    assert '![Q 表 — 一次更新后的 Q 表](/images/q-table.png "Q 表 — 一次更新后的 Q 表")' in q
    assert "::: warning\nQ-learning 的 `max` 会带来**过估计**" in q
    assert "::: details 为什么 Sarsa 更保守？\n" in q
    assert "延伸阅读：[Actor-Critic](/posts/actor-critic/)、[LoRA](/posts/lora-low-rank/)。" in q
    assert '<iframe src="https://www.youtube.com/embed/0g4j2k_Ggc4" title="Q-learning 演示"' in q
    assert "[gist alice/1a2b3c4d](https://gist.github.com/alice/1a2b3c4d)" in q
    assert "短代码要这样转义：`{{< figure src=\"x.png\" >}}`。" in q
    assert '<!-- {{< quiz id="3" >}} -->\nQ-learning 是在策略还是离策略？\n<!-- {{< /quiz >}} -->' in q

    assert "::: info\n初始化时 `$\\boldsymbol{B} = 0$`" in imported.body("content/posts/lora.md")
    assert "// {{< 这不是短代码 >}}，{{% 这也不是 %}}" in imported.body("content/posts/spark-shuffle.md")
    assert "::: details 为什么不是越多越好\n" in imported.body("content/posts/spark-shuffle.md")
    assert "本站源码在 https://github.com/example/notes。" in imported.body("content/pages/about.md")


def test_the_imported_site_builds_with_math_in_backticks_as_mathml(hugo):
    imported, build = hugo
    assert build.code == 0, build.stderr
    assert [line for line in build.diagnostics if ": error: " in line] == []
    output = imported.site / "public"
    actor = (output / "posts/actor-critic/index.html").read_text(encoding="utf-8")
    assert actor.count("<math") == 9 and "math-error" not in actor and "<code>$" not in actor
    assert ('<figure><img src="critic.png" alt="critic 网络结构" title="Critic 网络：输入状态，输出 $V(s)$" '
            'loading="lazy" /><figcaption>') in actor
    assert '<div class="admonition tip"><p class="admonition-title">TD 误差即优势估计</p>' in actor
    assert '<details class="admonition details"><summary>同步 A2C</summary>' in actor
    q = (output / "posts/q-learning/index.html").read_text(encoding="utf-8")
    assert q.count("<math") == 6 and "math-error" not in q
    assert (output / "en/posts/q-learning/index.html").read_text(encoding="utf-8").count("<math") == 2


def test_aliases_and_old_permalinks_redirect_and_images_resolve(hugo):
    imported, _ = hugo
    output = imported.site / "public"
    for old in ("2020/actor-critic.html", "posts/ac-old/index.html", "2020/08/actor-critic/index.html"):
        assert 'url=/posts/actor-critic/">' in (output / old).read_text(encoding="utf-8"), old
    assert 'url=/posts/lora-low-rank/">' in (output / "llm/lora/index.html").read_text(encoding="utf-8")
    assert 'url=/en/posts/q-learning/">' in \
        (output / "en/2019/11/q-learning-vs.-sarsa/index.html").read_text(encoding="utf-8")
    assert missing_images(output) == []
    assert (output / "posts/actor-critic/critic.png").is_file() and (output / "images/q-table.png").is_file()


def test_reimport_changes_nothing(tmp_path):
    imported = import_fixture("hugo", tmp_path)
    first = imported_files(imported.site)
    again = reimport(imported)
    assert again.code == 0 and again.diagnostics == WARNINGS
    assert "files: 0 created, 14 unchanged, 0 replaced, 0 kept" in again.stdout
    assert imported_files(imported.site) == first


def test_theme_shortcodes_map_to_built_ins(hugo):
    imported, _ = hugo
    ppo = imported.body("content/posts/ppo-clip.md")
    assert "PPO 把策略更新限制在旧策略附近。\n::: tip 一句话\n\n:::\n" in ppo  # self-closing admonition
    # figure image= with caption and attribution; the caption's TeX keeps its backslashes
    assert ('![裁剪区间 $\\[1-\\epsilon, 1+\\epsilon\\]$ 与 $\\log$ 比值 (作者绘制)](/images/q-table.png '
            '"裁剪区间 $[1-\\\\epsilon, 1+\\\\epsilon]$ 与 $\\\\log$ 比值 (作者绘制)")') in ppo
    assert "\n**TRPO** 用 KL 约束。\n" in ppo and "flex" not in ppo  # flex columns: their content
    assert "::: details PyTorch\n`ratio = torch.exp(logp - logp_old)`\n:::\n::: details JAX\n" in ppo
    assert ("```algorithm\n\\begin{algorithmic}\n\\For{iteration $= 1, 2, \\dots$}\n"
            "  \\State collect trajectories with $\\pi_{\\theta_{old}}$\n") in ppo  # LaTeX unchanged
    assert "[阅读原论文](https://arxiv.org/abs/1707.06347)" in ppo
    assert '<div style="text-align: right">\n\n—— 2021 年春\n\n</div>' in ppo


def test_headings_keep_hugo_ids_and_the_page_has_no_template_syntax(hugo):
    imported, build = hugo
    output = imported.site / "public"
    ppo = (output / "posts/ppo-clip/index.html").read_text(encoding="utf-8")
    # autoHeadingIDType = "blackfriday": the old #对与错-好与坏 links still land
    assert '<h2 id="对与错-好与坏">' in ppo and '<h2 id="为什么要裁剪">' in ppo
    assert '<a href="#%E4%B8%BA%E4%BB%80%E4%B9%88%E8%A6%81%E8%A3%81%E5%89%AA">下一节</a>' in ppo  # #为什么要裁剪
    assert template_syntax(output) == []
    assert wrong_languages(output, "/", "zh", "en") == []  # every page, listing and redirect
    excerpts = (output / "index.html").read_text(encoding="utf-8")
    assert "quiz" not in excerpts and "{{" not in excerpts


def test_every_old_url_answers_with_the_page_or_a_redirect_to_it(hugo):
    imported, _ = hugo
    assert old_url_problems(imported.site / "public", "/", {
        "2020/08/actor-critic/": "posts/actor-critic/",  # [permalinks] posts = "/:year/:month/:slug/"
        "2021/03/ppo裁剪的直觉/": "posts/ppo-clip/",  # :slug from the title, as Hugo's urlize makes it
        "en/2019/11/q-learning-vs.-sarsa/": "en/posts/q-learning/",
        "post/spark-shuffle/": "posts/spark-shuffle/",  # another section's path
        "posts/": "", "post/": "", "en/posts/": "en/",  # section lists
        "about/": "about/", "tags/ppo/": "tags/ppo/", "categories/": "categories/",
        "tags/大数据/": "tags/大数据/", "en/tags/sarsa/": "en/tags/sarsa/",
        # Hugo's RSS: the home page's, each section's and the term lists' serve our feed of all posts,
        "index.xml": "", "en/index.xml": "en/", "posts/index.xml": "", "post/index.xml": "",
        "en/posts/index.xml": "en/", "tags/index.xml": "", "en/categories/index.xml": "en/",
        # and each term's, that term's feed
        "tags/ppo/index.xml": "tags/ppo/", "tags/actor-critic/index.xml": "tags/actor-critic/",
        "tags/大数据/index.xml": "tags/%E5%A4%A7%E6%95%B0%E6%8D%AE/", "en/tags/sarsa/index.xml": "en/tags/sarsa/",
        "categories/强化学习/index.xml": "categories/%E5%BC%BA%E5%8C%96%E5%AD%A6%E4%B9%A0/",
        "en/categories/reinforcement-learning/index.xml": "en/categories/reinforcement-learning/",
    }) == []


def test_a_term_feed_hugo_spelled_otherwise_is_named_for_a_redirect_rule(tmp_path):
    warnings = feed_warnings(tmp_path, "hugo", {
        "config.toml": 'baseURL = "https://old.example.com/"\ntitle = "T"\n',
        "content/posts/a.md": "---\ntitle: A\ndate: 2020-01-01\ntags: [Q&A, RL]\n---\nText.\n",
    })
    # Hugo's urlize drops '&' (/tags/qa/); ours makes it a dash: the page redirects, the feed cannot
    assert warnings == [
        "../blog: warning: old feed '/tags/qa/index.xml' is not served; the feed of 'Q&A' is at "
        "'/tags/q-a/index.xml' (a redirect rule of the host can send readers there)"]
    assert (tmp_path / "site/static/tags/qa/index.html").is_file()


def test_with_disable_path_to_lower_an_old_term_spelling_redirects(tmp_path):
    warnings = feed_warnings(tmp_path, "hugo", {
        "config.toml": 'baseURL = "https://old.example.com/"\ntitle = "T"\ndisablePathToLower = true\n',
        "content/posts/a.md": "---\ntitle: A\ndate: 2020-01-01\ntags: [PPO]\n---\nText.\n",
    })
    site = tmp_path / "site"
    assert run_blog("build", "--site", site).code == 0
    assert old_url_problems(site / "public", "/", {"tags/PPO/": "tags/ppo/", "tags/ppo/index.xml": "tags/ppo/"}) == []
    assert warnings == ["../blog: warning: old feed '/tags/PPO/index.xml' is not served; the feed of 'PPO' is at "
                        "'/tags/ppo/index.xml' (a redirect rule of the host can send readers there)"]


def test_with_the_default_language_in_a_subfolder_its_home_and_feeds_answer_there(tmp_path):
    write_site(tmp_path / "blog", {
        "config.toml": 'baseURL = "https://old.example.com/"\ntitle = "T"\ndefaultContentLanguage = "zh"\n'
                       "defaultContentLanguageInSubdir = true\n[languages.zh]\nweight = 1\n[languages.en]\nweight = 2\n",
        "content/posts/a.md": "---\ntitle: 甲\ndate: 2020-01-01\n---\n正文。\n",
        "content/posts/a.en.md": "---\ntitle: A\ndate: 2020-01-01\n---\nText.\n",
    })
    assert run_blog("import", "hugo", "blog", "--site", "site", cwd=tmp_path).code == 0
    assert run_blog("build", "--site", tmp_path / "site").code == 0
    assert old_url_problems(tmp_path / "site/public", "/", {
        "zh/": "", "zh/posts/a/": "posts/a/", "zh/index.xml": "", "zh/posts/index.xml": "",
        "en/": "en/", "en/index.xml": "en/",
    }) == []
