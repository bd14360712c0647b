"""Each shortcode and tag plugin form, each front-matter form: the Markdown a one-post blog imports to."""

from __future__ import annotations

import pytest

from tests.importers.importing import HUGO_CONFIG, convert_post
from tests.support.cli import run_blog
from tests.support.sites import write_site

FRONT = "---\ntitle: t\ndate: 2020-01-01\n---\n"

HUGO_CASES = [
    ("figure alone becomes a paragraph of its own",
     'text\n{{< figure src="https://x.org/a.png" title="T" caption="C" alt="A" >}}\nmore\n',
     'text\n\n![A](https://x.org/a.png "T — C")\n\nmore\n'),
    ("figure over several lines keeps its lines",
     '{{< figure\n  src="https://x.org/a.png"\n  caption="C" >}}\nafter\n',
     '![C](https://x.org/a.png "C")\n\n\n\nafter\n'),  # the caption is also the alt text
    ("sized figure without caption stays HTML",
     '{{< figure src="https://x.org/a.png" width="50%" >}}\n',
     '<img src="https://x.org/a.png" alt="" width="50%" loading="lazy">\n'),
    ("linked figure without caption", '{{< figure src="https://x.org/a.png" link="https://x.org/big.png" >}}\n',
     "[![](https://x.org/a.png)](https://x.org/big.png)\n"),
    ("admonition, named parameters, nested", '{{% admonition type="note" title="外层" %}}\n'
     '{{% admonition warning "内层" %}}\nx\n{{% /admonition %}}\n{{% /admonition %}}\n',
     ":::: note 外层\n::: warning 内层\nx\n:::\n::::\n"),
    ("notice inside a list item keeps the item's indentation",
     '1. item\n\n   {{< notice tip "小心" >}}\n   inner $x$\n   {{< /notice >}}\n',
     "1. item\n\n   ::: tip 小心\n   inner $x$\n   :::\n"),
    ("hint, callout, and theme words mapped to our kinds",
     "{{< hint danger >}}\na\n{{< /hint >}}\n{{< callout type=\"error\" >}}\nb\n{{< /callout >}}\n"
     "{{< alert \"circle-info\" >}}\nc\n{{< /alert >}}\n",
     "::: danger\na\n:::\n::: danger\nb\n:::\n::: warning\nc\n:::\n"),
    ("details and expand", '{{< details summary="证明" >}}\nQED\n{{< /details >}}\n{{< expand >}}\nmore\n{{< /expand >}}\n',
     "::: details 证明\nQED\n:::\n::: details Details\nmore\n:::\n"),
    ("highlight without options, code with a fence inside",
     '{{< highlight go >}}\nfmt.Println("```")\n{{< /highlight >}}\n',
     '````go\nfmt.Println("```")\n````\n'),
    ("math shortcode that only hid a formula from Markdown", "{{< math >}}\n$$x_1$$\n{{< /math >}}\n", "$$x_1$$\n"),
    ("rawhtml is unwrapped", "{{< rawhtml >}}\n<b>hi</b>\n{{< /rawhtml >}}\n", "<b>hi</b>\n"),
    ("escaped shortcodes are literal text", "{{%/* note */%}} and {{</* figure src=\"x\" */>}}\n",
     '{{% note %}} and {{< figure src="x" >}}\n'),
    ("Hugo's escape shows a shortcode, in code too", '```\n{{</* figure src="a" */>}}\n```\n',
     '```\n{{< figure src="a" >}}\n```\n'),
    ("a bare math environment, which MathJax typeset without dollars",
     "text\n\\begin{align}\na &= b \\\\\\\\ c\n\\end{align}\n",
     "text\n$$\\begin{align}\na &= b \\\\ c\n\\end{align}$$\n"),
    ("blogdown: math in backticks with brackets, and the page's own folder",
     'Let `\\(\\mathbf{X}\\)` be `\\[x\\]`; `\\(a\\) and \\(b\\)` is code.\n'
     '<img src="{{< blogdown/postref >}}index_files/figure-html/p-1.png" width="672" />\n',
     'Let `$\\mathbf{X}$` be `$$x$$`; `\\(a\\) and \\(b\\)` is code.\n'
     '<img src="index_files/figure-html/p-1.png" width="672" />\n'),
    ("tweet, vimeo, instagram", '{{< tweet user="a" id="1" >}} {{< instagram BQ >}}\n',
     "[post 1 by @a](https://x.com/a/status/1) [Instagram post BQ](https://www.instagram.com/p/BQ/)\n"),
    ("shortcodes inside code, inline code and math are never touched",
     '```\n{{< figure src="a" >}}\n```\n`{{< ref "x" >}}` $\\frac{{a}}{b} {{< y >}}$ $$ {{% z %}} $$\n',
     '```\n{{< figure src="a" >}}\n```\n`{{< ref "x" >}}` $\\frac{{a}}{b} {{< y >}}$ $${{% z %}}$$\n'),
    ("math for a Markdown engine that ate backslashes",
     "\\\\[ a \\\\\\\\ b \\\\] and $x\\_1 + \\text{max\\_it}$ and $ y^2 $\n",
     "\\[ a \\\\ b \\] and $x_1 + \\text{max\\_it}$ and $y^2$\n"),
]

HEXO_CASES = [
    ("note without a class, with style words, with a title of several words",
     "{% note %}\nplain\n{% endnote %}\n{% note no-icon warning %}\nw\n{% endnote %}\n"
     "{% note danger 标题 有空格 %}\nd\n{% endnote %}\n{% note primary %}p{% endnote %}\n",
     "::: note\nplain\n:::\n::: warning\nw\n:::\n::: danger 标题 有空格\nd\n:::\n::: note\np\n:::\n"),
    ("a note's indented body is dedented, as Hexo does", "{% note info %}\n    four spaces, not code\n{% endnote %}\n",
     "::: info\nfour spaces, not code\n:::\n"),
    ("fenced code keeps raw tags; Nunjucks comments become HTML comments",
     "```\n{% raw %}{% note %}{% endraw %}\n```\n{# 注释 #}\n",
     "```\n{% raw %}{% note %}{% endraw %}\n```\n<!-- 注释 -->\n"),
    ("backtick code block options", "```js app.js mark:1 line_number:true\nlet a\n```\n",
     '```js {title="app.js" hl_lines=[1] linenos=true}\nlet a\n```\n'),
    ("codeblock without arguments", "{% codeblock %}\nx\n{% endcodeblock %}\n", "```\nx\n```\n"),
    ("math tags", "{% math %}\n\\sum_i x_i\n{% endmath %}\ninline {% katex %}y{% endkatex %}\n",
     "$$\n\\sum_i x_i\n$$\ninline $y$\n"),
    ("folding and label", "{% folding 点击展开 %}\nhidden\n{% endfolding %}\n{% label primary@重点 %}\n",
     '::: details 点击展开\nhidden\n:::\n<mark class="label primary">重点</mark>\n'),
    ("vimeo, gist, bilibili, video", "{% vimeo 42 %}\n\n{% gist abc123 %} {% video /v.mp4 %}\n",
     '<div class="embed"><iframe src="https://player.vimeo.com/video/42" title="Vimeo video" loading="lazy" '
     'frameborder="0" allow="fullscreen; picture-in-picture" allowfullscreen></iframe></div>\n\n'
     '[gist abc123](https://gist.github.com/abc123) \n\n<div class="embed"><video src="/v.mp4" controls '
     'preload="metadata"></video></div>\n'),
]


@pytest.mark.parametrize("kind, title, body, expected",
                         [("hugo", *case) for case in HUGO_CASES] + [("hexo", *case) for case in HEXO_CASES],
                         ids=[case[0] for case in HUGO_CASES + HEXO_CASES])
def test_conversion(tmp_path, kind, title, body, expected):
    converted = convert_post(tmp_path, kind, FRONT + body)
    assert converted.body == expected


def test_unknown_and_unclosed_tags_become_comments_with_a_warning_at_their_line(tmp_path):
    hugo = convert_post(tmp_path / "a", "hugo", FRONT + "one\n{{< gallery-x dir=\"a\" >}}\n{{< /orphan >}}\n")
    assert hugo.body == 'one\n<!-- {{< gallery-x dir="a" >}} -->\n<!-- {{< /orphan >}} -->\n'
    assert hugo.warnings == [
        "content/posts/p.md:6: warning: unknown Hugo shortcode '{{< gallery-x … >}}' kept as an HTML comment; replace it by hand",
        "content/posts/p.md:7: warning: Hugo shortcode '{{< /orphan >}}' closes nothing; kept as an HTML comment; remove it by hand",
    ]
    hexo = convert_post(tmp_path / "b", "hexo", FRONT + "{% note info %}\nnever closed\n{% post_link missing %}\n")
    assert hexo.body == "<!-- {% note info %} -->\nnever closed\n{% post_link missing %}\n"
    assert hexo.warnings == [
        "content/posts/p.md:6: warning: unknown Hexo tag '{% note … %}' kept as an HTML comment; replace it by hand",
        "content/posts/p.md:8: warning: post_link: no post 'missing' in the blog; left as text; fix the link by hand",
    ]


def test_disable_nunjucks_leaves_a_hexo_post_s_tags_alone(tmp_path):
    post = "---\ntitle: t\ndate: 2020-01-01\ndisableNunjucks: true\n---\n{% note %}\nx\n{% endnote %}\n"
    assert convert_post(tmp_path, "hexo", post).body == "{% note %}\nx\n{% endnote %}\n"


def test_asset_images_and_relative_images_resolve_beside_the_post(tmp_path):
    hexo = convert_post(tmp_path / "a", "hexo", FRONT + "{% asset_img fig.png 图一 %}\n\n![](p/fig.png)\n"
                                                        "![](img/side.png)\n{% asset_img nope.png %}\n",
                        files={"source/_posts/p/fig.png": b"png", "source/_posts/img/side.png": b"png"})
    assert hexo.body == '![图一](fig.png "图一")\n\n![](fig.png)\n![](img/side.png)\n![](nope.png)\n'
    assert hexo.warnings == ["content/posts/p.md:10: warning: asset_img: 'nope.png' is not in the post's asset "
                             "folder; add it there"]
    site = tmp_path / "a/site"
    assert (site / "content/posts/p/fig.png").is_file() and (site / "content/posts/p/img/side.png").is_file()


def test_links_to_old_urls_and_markdown_files_point_to_the_new_pages(tmp_path):
    files = {"source/_posts/other.md": "---\ntitle: Other\ndate: 2020-01-02\n---\nx\n"}
    hexo = convert_post(tmp_path, "hexo", FRONT + "[a](/2020/01/02/other/) [b](other.md#part) [c](/nowhere/)\n",
                        files=files)
    assert hexo.body == "[a](/posts/other/) [b](/posts/other/#part) [c](/nowhere/)\n"


@pytest.mark.parametrize("front, expected, warning", [
    ("---\ndate: 2019-5-1\n---\n", {"title": "p", "date": "2019-05-01 00:00:00"},
     "content/posts/p.md:2: warning: no title; used the file name 'p'; write one in"),
    ("---\ntitle: [broken\ndate: 2019-05-01\n---\n", {"title": "[broken", "date": "2019-05-01 00:00:00"},
     "content/posts/p.md:2: warning: front matter: its YAML does not parse"),
    ("---\ntitle: t\ndate: 2019-05-01\ntoc: sometimes\nlastmod: 2019-13-01\n---\n",
     {"title": "t", "date": "2019-05-01 00:00:00", "hugo_toc": "sometimes", "hugo_lastmod": "2019-13-01"},
     "content/posts/p.md:4: warning: toc: expected true or false; kept as 'hugo_toc'"),
    ("+++\ntitle = 't'\ndate = 2019-05-01T08:00:00Z\ncategories = []\ndraft = 'true'\n+++\n",
     {"title": "t", "date": "2019-05-01 08:00:00+00:00", "draft": True}, None),
])
def test_front_matter_forms(tmp_path, front, expected, warning):
    converted = convert_post(tmp_path, "hugo", front + "body\n")
    assert converted.front == expected
    if warning:
        assert any(line.startswith(warning) for line in converted.warnings), converted.warnings


def test_a_post_without_a_date_gets_its_file_time_and_a_warning(tmp_path):
    converted = convert_post(tmp_path, "hexo", "---\ntitle: t\n---\nbody\n")
    assert converted.front["date"][:4].isdigit()
    assert converted.warnings[0].startswith("content/posts/p.md:3: warning: no date; used the file's modification time ")


def test_a_blog_under_a_sub_path_keeps_working_under_the_new_site_s_path(tmp_path):
    from tests.importers.importing import HEXO_CONFIG
    files = {"_config.yml": HEXO_CONFIG.replace("old.example.com", "old.example.com/blog") + "root: /blog/\n",
             "source/images/a.png": b"png",
             "source/_posts/other.md": "---\ntitle: Other\ndate: 2020-01-02\n---\nx\n"}
    post = FRONT + ("![](/blog/images/a.png) [o](/blog/2020/01/02/other/)\n<img src=\"/images/a.png\">\n"
                    "{% img /images/a.png 100 %}\n")
    converted = convert_post(tmp_path, "hexo", post, files=files)
    # URLs lose the old prefix, in Markdown and raw HTML alike: the build adds the site's path once
    assert converted.body == ('![](/images/a.png) [o](/posts/other/)\n<img src="/images/a.png">\n'
                              '<img src="/images/a.png" alt="" width="100" loading="lazy">\n')
    assert (tmp_path / "site/site.yaml").read_text(encoding="utf-8").count("base_url: https://old.example.com/blog/")
    assert run_blog("build", "--site", str(tmp_path / "site")).code == 0
    page = (tmp_path / "site/public/posts/p/index.html").read_text(encoding="utf-8")
    assert page.count('src="/blog/images/a.png"') == 3 and "/blog/blog/" not in page


def test_hugo_pages_hugo_does_not_render_are_not_imported(tmp_path):
    files = {"content/home/index.md": "+++\nheadless = true\n+++\n",
             "content/home/about.md": "+++\nwidget = 'about'\n+++\nwidget text\n",
             "content/posts/hidden.md": "---\ntitle: h\ndate: 2020-01-01\n_build:\n  render: never\n---\nx\n"}
    converted = convert_post(tmp_path, "hugo", FRONT + "x\n", files=files)
    assert sorted(p.name for p in (tmp_path / "site/content").rglob("*.md")) == ["p.md"]
    assert "../hugo-src/content/home/index.md: warning: not imported: Hugo does not render it as a page " \
           "(headless, or build.render: never)" in converted.warnings


def test_an_impossible_date_is_kept_aside_and_the_file_time_used(tmp_path):
    converted = convert_post(tmp_path, "hugo", "---\ntitle: t\ndate: 2019-02-31\n---\nbody\n")
    assert converted.front["hugo_date"] == "2019-02-31" and converted.front["date"][:2] == "20"
    assert converted.warnings[0].startswith("content/posts/p.md:3: warning: no date; used the file's modification time")
    assert converted.warnings[1] == "content/posts/p.md:4: warning: date: '2019-02-31' is not a date; kept as 'hugo_date'"


def test_an_unknown_tag_never_reaches_a_listing_excerpt(tmp_path):
    write_site(tmp_path / "blog", {
        "config.toml": HUGO_CONFIG,
        "content/posts/p.md": FRONT + '策略梯度{{< quiz id="3" >}}直接优化策略。{{< /quiz >}}\n',
    })
    assert run_blog("import", "blog", "--site", "site", cwd=tmp_path).code == 0
    assert run_blog("build", "--site", tmp_path / "site").code == 0
    home = (tmp_path / "site/public/index.html").read_text(encoding="utf-8")
    assert '<p class="post-excerpt">策略梯度直接优化策略。</p>' in home
