"""`blog import hexo` on a small NexT-style blog: what lands in the site, what is warned about,
and that the result builds, with figures, notes, code titles, MathML, redirects and images."""

from __future__ import annotations

import re

import pytest

from tests.importers.importing import (import_and_build, import_fixture, imported_files, missing_images,
                                       old_url_problems, reimport, snapshot, template_syntax, wrong_languages)
from tests.support.cli import run_blog
from tests.support.sites import write_site

WARNINGS = [
    "../hexo-blog/source/404.html: warning: not copied to static/404.html: the site makes that URL itself",
    "../hexo-blog/source/categories/index.md: warning: not imported: a theme's listing page; the site makes its "
    "own tags, categories, archives and search pages",
    "../hexo-blog/source/tags/index.md: warning: not imported: a theme's listing page; the site makes its own tags, "
    "categories, archives and search pages",
    "content/posts/dqn-notes.md:35: warning: a formula inside raw HTML is shown as TeX, not rendered; write that "
    "HTML in Markdown or move the formula out of it",
    "content/posts/dqn-notes.md:49: warning: image '/images/removed.png' is not in the blog; put it in static/ "
    "(for a '/…' path) or beside the post",
    "content/posts/transformer-attention.md:42: warning: unknown Hexo tag '{% spoiler … %}' kept as an HTML comment; "
    "replace it by hand",
]


@pytest.fixture(scope="module")
def hexo(tmp_path_factory):
    return import_and_build("hexo", tmp_path_factory.mktemp("hexo"))


def test_import_lists_every_problem_with_its_line_and_exits_0(hexo):
    imported, _ = hexo
    assert imported.run.code == 0, imported.run.stderr
    assert imported.run.diagnostics == WARNINGS
    assert "Traceback" not in imported.run.stderr
    assert imported.run.stdout.splitlines()[:2] == [
        "imported hexo blog 'hexo-blog' into 'site': 6 posts (1 drafts), 2 pages, 8 other files, 14 redirects from old listing pages, and a new site.yaml",
        "files: 31 created, 0 unchanged, 0 replaced, 0 kept as they were in the site; 6 warnings",
    ]


def test_the_source_folder_is_left_byte_for_byte(hexo):
    imported, _ = hexo
    assert snapshot(imported.blog) == imported.before


def test_posts_pages_assets_and_static_files_land_in_our_layout(hexo):
    imported, _ = hexo
    assert sorted(imported_files(imported.site)) == [
        "content/pages/about/avatar.png", "content/pages/about/index.md", "content/pages/links.md",
        "content/posts/Deep-Q-Network.md", "content/posts/dqn-notes.md", "content/posts/gae.en.md",
        "content/posts/kl-divergence.md",
        "content/posts/policy-gradient.md", "content/posts/policy-gradient/baseline.svg",
        "content/posts/policy-gradient/reinforce.png", "content/posts/transformer-attention.md", "site.yaml",
        "static/CNAME", "static/README.md", "static/archives/2018/05/index.html", "static/archives/2018/index.html",
        "static/archives/2019/05/index.html", "static/archives/2019/index.html", "static/archives/2020/02/index.html",
        "static/archives/2020/index.html", "static/archives/2021/03/index.html", "static/archives/2021/index.html",
        "static/categories/Reinforcement-Learning/index.html",  # the old spelling, for case-sensitive hosts
        "static/categories/机器学习/强化学习/index.html", "static/downloads/code/sarsa.py", "static/images/ppo-clip.png",
        "static/images/value-iteration.png", "static/tags/DQN/index.html", "static/tags/GAE/index.html",
        "static/tags/PPO/index.html", "static/tags/REINFORCE/index.html",
    ]
    assert (imported.site / "static/images/ppo-clip.png").read_bytes() == \
        (imported.blog / "source/images/ppo-clip.png").read_bytes()


def test_site_yaml_comes_from_the_hexo_config(hexo):
    imported, _ = hexo
    assert imported.text("site.yaml").splitlines()[1:] == [
        "title: 强化学习笔记", "tagline: 从贝尔曼方程到大模型", "description: 记录强化学习、深度学习与大模型的学习过程",
        "author: 张三", "base_url: https://rl-notes.example.com/", "default_language: zh", "languages:", "  zh:",
        "    name: 中文", "  en:", "    name: English", "paginate: 6", "markdown:", "  math_markdown_escapes: true",
        "  heading_ids: hexo", "feed:", "  aliases:", "  - /atom.xml",
    ]


def test_front_matter_forms_are_normalised_and_unknown_keys_kept(hexo):
    imported, _ = hexo
    assert imported.front("content/posts/policy-gradient.md") == {
        "title": "策略梯度定理与 REINFORCE", "date": "2019-05-01 10:00:00", "updated": "2019-06-12 21:30:00",
        "categories": "强化学习", "tags": ["策略梯度", "REINFORCE"], "toc": True, "mathjax": True,
        "aliases": ["/2019/05/01/policy-gradient/"],
    }
    assert imported.front("content/posts/dqn-notes.md") == {
        "title": "DQN 的两个稳定技巧", "date": "2019-05-03 09:05:00", "categories": [["机器学习", "强化学习"], "笔记"],
        "tags": "DQN", "sticky": 10, "typora-root-url": "../../source", "aliases": ["/2019/05/03/dqn-notes/"],
    }
    # empty categories/tags are dropped; a post in a subfolder keeps Hexo's :title in its old URL
    assert imported.front("content/posts/transformer-attention.md") == {
        "title": "注意力机制中的缩放因子", "date": "2020-02-14 08:00:00", "description": "为什么要除以根号 d",
        "aliases": ["/2020/02/14/ml/transformer-attention/"],
    }
    # front matter without an opening '---'; `lang: en` becomes the file name's language
    assert imported.front("content/posts/gae.en.md")["date"] == "2021-03-08 00:00:00"
    draft = imported.front("content/posts/kl-divergence.md")  # new_post_name's date is not part of the NAME
    assert draft["draft"] is True and draft["date"] == "2021-07-01 00:00:00" and "aliases" not in draft
    assert imported.front("content/pages/links.md") == {"title": "友情链接", "aliases": ["/links.html"]}


def test_tag_plugins_become_our_markdown(hexo):
    imported, _ = hexo
    policy = imported.body("content/posts/policy-gradient.md")
    assert "![REINFORCE 的采样与更新流程](reinforce.png \"REINFORCE 的采样与更新流程\")\n" in policy
    assert "::: info 为什么要减去基线\n在式 $\\eqref{eq:pg}$ 中" in policy and "$\\boldsymbol{\\theta}$。\n:::\n" in policy
    assert "\n带双花括号的公式：$\\frac{{a}}{{b}} = {{a}\\over{b}}$" in policy and "raw %}" not in policy
    assert '```python {title="reinforce.py" hl_lines=[3,"5-6"]}\ndef reinforce_loss' in policy
    assert "    # {% 这不是标签 %}，{{ 这也不是模板 }}\n" in policy
    assert '```python {title="sample.py"}\nstate = env.reset()  # {{ 不会被替换 }}，{% 也不会 %}\n```' in policy
    assert policy.endswith("基线网络的结构见下图：![](baseline.svg)\n")

    dqn = imported.body("content/posts/dqn-notes.md")
    assert "\n> 强化学习是关于**序贯决策**的科学。\n> — **David Silver**, *Lectures on Reinforcement Learning*\n" in dqn
    assert "相关阅读：[策略梯度定理与 REINFORCE](/posts/policy-gradient/)，以及 [这篇推导](/posts/policy-gradient/)。" in dqn
    assert '![clip](/images/ppo-clip.png "PPO 的裁剪函数")' in dqn
    assert '<iframe src="https://www.example.com/cartpole-demo" width="640" height="360"' in dqn
    assert '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"' in dqn

    attention = imported.body("content/posts/transformer-attention.md")
    assert "::: details PyTorch\n```python\nscores = q @ k" in attention
    assert "::: details 公式\n$$\n\\operatorname{softmax}" in attention
    assert '```python {title="一个 SARSA 例子"}\ndef sarsa_update(' in attention
    assert '```text {title="方差推导"}\nVar(q·k) = d_k\n```\n[原论文](https://arxiv.org/abs/1706.03762)' in attention
    assert "\n> 缩放是为了让 softmax 的输入方差保持在 1 附近" in attention
    assert "<!-- {% spoiler 答案 %} -->" in attention and "见 [原论文](https://arxiv.org/abs/1706.03762)。" in attention

    assert "::: warning\nWith $\\lambda = 1$" in imported.body("content/posts/gae.en.md")


def test_the_imported_site_builds_with_no_errors(hexo):
    _, build = hexo
    assert build.code == 0, build.stderr
    assert [line for line in build.diagnostics if ": error: " in line] == []
    assert build.stdout.startswith("built 8 pages (zh 7, en 1)")


def test_built_pages_have_figures_notes_code_titles_and_mathml(hexo):
    imported, _ = hexo
    html = (imported.site / "public/posts/policy-gradient/index.html").read_text(encoding="utf-8")
    assert ('<figure><img src="reinforce.png" alt="REINFORCE 的采样与更新流程" title="REINFORCE 的采样与更新流程" '
            'loading="lazy" /><figcaption>REINFORCE 的采样与更新流程</figcaption></figure>') in html
    assert '<div class="admonition info"><p class="admonition-title">为什么要减去基线</p>' in html
    assert '<figure class="code-block"><figcaption>reinforce.py</figcaption>' in html
    assert html.count("<math") == 12 and "math-error" not in html
    assert "𝜽" in html  # \boldsymbol{\theta}
    assert html.count('href="#eq-eq-pg"') == 2  # \eqref to the \label of the same post
    assert "{% 这不是标签 %}" in html and "{{ 这也不是模板 }}" in html
    dqn = (imported.site / "public/posts/dqn-notes/index.html").read_text(encoding="utf-8")
    assert dqn.count("<math") == 6 and "<td>\n<p><math" in dqn  # formulas in an HTML table's cells render
    gae = (imported.site / "public/en/posts/gae/index.html").read_text(encoding="utf-8")
    assert '<div class="admonition warning">' in gae and gae.count("<math") == 6


def test_old_urls_redirect_and_every_image_resolves(hexo):
    imported, _ = hexo
    output = imported.site / "public"
    redirect = (output / "2019/05/01/policy-gradient/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=/posts/policy-gradient/">' in redirect
    assert (output / "2020/02/14/ml/transformer-attention/index.html").is_file()
    assert (output / "links.html").is_file() and (output / "links/index.html").is_file()
    assert missing_images(output) == ["posts/dqn-notes/index.html: /images/removed.png"]  # the one warned about
    # new_post_name :year-:month-:day-:title.md: the date is in the URL once, as Hexo served it
    assert old_url_problems(output, "/", {
        "2018/05/07/Deep-Q-Network/": "posts/Deep-Q-Network/",
        "archives/2019/05/": "archives/", "archives/": "archives/",  # Hexo's month archives: ours is one page
        "categories/机器学习/强化学习/": "categories/%E5%BC%BA%E5%8C%96%E5%AD%A6%E4%B9%A0/",  # a nested category
        "atom.xml": "",  # hexo-generator-feed's feed, served by feed.aliases
        # Hexo keeps a term's case; ours is lower case: the old spelling redirects (to the post's language)
        "tags/DQN/": "tags/dqn/", "tags/PPO/": "en/tags/ppo/", "tags/REINFORCE/": "tags/reinforce/",
        "categories/Reinforcement-Learning/": "en/categories/reinforcement-learning/",
        "tags/策略梯度/": "tags/策略梯度/",
    }) == []
    assert (output / "posts/policy-gradient/reinforce.png").is_file() and (output / "about/avatar.png").is_file()


def test_reimport_is_idempotent_and_keeps_edits_unless_forced(tmp_path):
    imported = import_fixture("hexo", tmp_path)
    first = imported_files(imported.site)
    again = reimport(imported)
    assert again.code == 0 and again.diagnostics == WARNINGS
    assert "files: 0 created, 30 unchanged, 0 replaced, 0 kept as they were in the site; 6 warnings" in again.stdout
    assert imported_files(imported.site) == first

    post = imported.site / "content/posts/dqn-notes.md"
    post.write_text(post.read_text(encoding="utf-8").replace("不稳定", "不稳定（我改过）"), encoding="utf-8")
    edited = post.read_bytes()
    kept = reimport(imported)
    assert kept.code == 0
    assert "content/posts/dqn-notes.md: warning: exists and differs from the imported version; kept yours " \
           "(import with --force to replace it)" in kept.diagnostics
    assert not [line for line in kept.diagnostics if re.match(r"content/posts/dqn-notes.md:\d", line)]  # not ours now
    assert post.read_bytes() == edited

    forced = reimport(imported, "--force")
    assert forced.code == 0 and "0 created, 29 unchanged, 1 replaced, 0 kept" in forced.stdout
    assert imported_files(imported.site) == first
    assert snapshot(imported.blog) == imported.before


def test_headings_keep_hexo_ids_so_old_anchors_land(hexo):
    imported, _ = hexo
    output = imported.site / "public"
    dqn = (output / "posts/Deep-Q-Network/index.html").read_text(encoding="utf-8")
    assert '<h2 id="Why-DQN-Works">' in dqn and '<h2 id="对与错，好与坏">' in dqn  # hexo-renderer-marked's ids
    assert '<a href="/posts/Deep-Q-Network/#Why-DQN-Works">下文</a>' in dqn  # the old absolute link, now ours
    assert template_syntax(output) == []
    assert wrong_languages(output, "/", "zh", "en") == []  # every page, listing and redirect


def test_an_old_term_url_that_is_another_terms_page_stays_that_page(tmp_path):
    write_site(tmp_path / "blog", {
        "_config.yml": "title: T\nurl: https://old.example.com\nlanguage: en\ntag_map:\n  Foo: bar\n",
        "source/_posts/a.md": "---\ntitle: A\ndate: 2020-01-01\ntags: [Foo]\n---\nText.\n",
        "source/_posts/b.md": "---\ntitle: B\ndate: 2020-01-02\ntags: [bar, RL]\n---\nText.\n",
    })
    assert run_blog("import", "hexo", "blog", "--site", "site", cwd=tmp_path).code == 0
    site = tmp_path / "site"
    # Foo was at /tags/bar/ (tag_map), which is now our tag bar's page: no redirect takes its place
    assert sorted(p.relative_to(site / "static/tags").as_posix() for p in (site / "static/tags").rglob("*")
                  if p.is_file()) == ["RL/index.html"]
    assert run_blog("build", "--site", site).code == 0
    assert old_url_problems(site / "public", "/", {"tags/bar/": "tags/bar/", "tags/RL/": "tags/rl/"}) == []
