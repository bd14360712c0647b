"""Whatever a blog holds, an import never crashes and never touches code or math, and the imported
site builds without errors: random posts made of tag fragments, odd front matter and broken config."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from blog.pipeline.build import BuildOptions, build
from blog.commands.importers import import_blog

FRAGMENTS = [
    "{% note info 标题 %}", "{% endnote %}", "{% note %}", "{% codeblock a.py lang:python mark:1 %}", "{% endcodeblock %}",
    "{% raw %}", "{% endraw %}", "{% asset_img x.png 标题 %}", "{% img /a.png 10 %}", "{% post_link nope %}",
    "{% blockquote A, B http://x.y t %}", "{% endblockquote %}", "{% tabs t, 1 %}", "<!-- tab A -->", "<!-- endtab -->",
    "{% endtabs %}", "{% iframe %}", "{% youtube %}", "{% include_code x %}", "{% link %}", "{% unknown a b %}", "{%",
    "%}", "{{<", ">}}", "{{%", "%}}", '{{< figure src="a.png" caption="c" >}}', "{{< figure >}}", "{{% admonition %}}",
    "{{% /admonition %}}", '{{< notice warning "t" >}}', "{{< /notice >}}", '{{< highlight go "hl_lines=x" >}}',
    "{{< /highlight >}}", '{{< ref "x" >}}', "{{< tabs >}}", "{{< tab >}}", "{{< /tab >}}", "{{< /tabs >}}",
    "{{</* x */>}}", "{{< param >}}", "{{< gist >}}", "{{< math >}}", "{{< /math >}}", "$", "$$", "\\(", "\\)", "\\[",
    "\\]", "\\\\(", "\\\\)", "`", "```", "~~~", "\n", "\n\n", "    ", "- ", "> ", "<div>", "</div>", "<table>", "<td>",
    "<!--", "-->", "<pre>", "</pre>", "x^2", "\\_", "{#", "#}", '"', "'", '![a](b.png "t")', "![](/images/x.png)",
    "[l](../x.md)", '<img src="q.png">', "中文", "text", " ", "\t", "\\", ":::", "{", "}", "|", "a|b|", "\r\n",
    '{{< x a="unterminated', "{% x 'unterminated", '```python {title="x"}',
]
FRONT_LINES = [
    "title: t", "title:", "title: [a, b]", "title: {a: 1}", "date: 2019-13-45", "date: 2019/1/2 3:4", "date: [1]",
    "categories: [[a, [b, [c]]], null, {x: y}]", "tags: ''", "tags: [true, 1.5, null]", "draft: yes", "draft: maybe",
    "toc: {enable: x}", "lang: xx-YY", "lang: en", "aliases: [/a/, '../b', 'http://x/y/z', '/', '/tags/']",
    "aliases: /only/", "slug: tags", "slug: ''", "macros: 1", "summary: [1, 2]", "author: {name: A}", "lastmod: x",
    "published: false", "permalink: /x/y.html", "url: rel/url", "translationKey: k", "key: : bad", "- list",
    'title: "unterminated', "date: 2019-05-01T10:00:00.123+0800", "",
]
HEXO_CONFIGS = ["title: a\nurl: http://x.com\n", "permalink: :year/:nope/:title/\n", "{bad: yaml: x",
                "language: [en, zh-TW]\nper_page: 0\n", ""]
HUGO_CONFIGS = ["baseURL='http://h/'\n", "bad toml [", "[languages.fr]\nweight=1\n[languages.en]\n",
                "defaultContentLanguage='en'\n[permalinks]\nposts='/:year/:slug/:weird/'\n", ""]


def random_post(rng: random.Random) -> str:
    front = "\n".join(rng.choice(FRONT_LINES) for _ in range(rng.randint(0, 6)))
    body = "".join(rng.choice(FRAGMENTS) + rng.choice(["", " ", "\n"]) for _ in range(rng.randint(0, 60)))
    opener = rng.choice(["---\n", "+++\n", "", "{\n"])
    return opener + front + "\n" + {"---\n": "---\n", "+++\n": "+++\n", "": "---\n", "{\n": "}\n"}[opener] + body


def random_blog(root: Path, kind: str, rng: random.Random) -> Path:
    blog = root / kind
    folder = blog / ("source/_posts" if kind == "hexo" else "content/posts")
    (folder / "bundle").mkdir(parents=True)
    (blog / ("_config.yml" if kind == "hexo" else "config.toml")).write_text(
        rng.choice(HEXO_CONFIGS if kind == "hexo" else HUGO_CONFIGS), encoding="utf-8")
    (folder / "bundle" / ("x.png" if kind == "hexo" else "index.md")).write_text(random_post(rng), encoding="utf-8")
    for number in range(20):
        name = rng.choice(["p", "a.b", "_x", "x.en", "x.fr", "中文", "a b", "index", "2019-01-01-d"]) + str(number)
        (folder / f"{name}.md").write_bytes(random_post(rng).encode("utf-8", "surrogatepass"))
    return blog


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("kind", ["hexo", "hugo"])
def test_random_blogs_import_and_build_without_errors(tmp_path, kind, seed):
    blog = random_blog(tmp_path, kind, random.Random(seed))
    report = import_blog(kind, blog, tmp_path / "site", force=False)
    assert [str(d) for d in report.diagnostics if d.severity == "error"] == []
    result = build(tmp_path / "site", BuildOptions(drafts=True, jobs=1))
    assert [str(d) for d in result.diagnostics.errors] == []


PROTECTED = [
    "```\n{% note %} {{< figure src=\"x\" >}} $x$\n```\n", "~~~~\n{% raw %}\n~~~~\n", "`{% post_link a %}`",
    "``{{< ref \"a\" >}} ` x``", "$\\frac{{a}}{{b}} {% x %}$", "$${{< y >}} \\{ z \\}$$", "\\(a {# b #}\\)",
    "\\[ {{% c %}} \\]", "<!-- {% note %} {{< notice >}} -->", "<pre>{% codeblock %}</pre>",
    "\n\n    {% note info %} indented code\n\n",
]


@pytest.mark.parametrize("kind", ["hexo", "hugo"])
def test_code_and_math_come_through_untouched(tmp_path, kind):
    rng = random.Random(7)
    blog = tmp_path / kind
    folder = blog / ("source/_posts" if kind == "hexo" else "content/posts")
    folder.mkdir(parents=True)
    (blog / ("_config.yml" if kind == "hexo" else "config.toml")).write_text("", encoding="utf-8")
    posts = {}
    for number in range(30):
        pieces = [rng.choice(PROTECTED) for _ in range(6)]
        between = ["\n\n{% note %}\nx\n{% endnote %}\n\n", "\n\n{{< notice info >}}\ny\n{{< /notice >}}\n\n", " text "]
        posts[number] = pieces
        body = "".join(piece + rng.choice(between) for piece in pieces)
        (folder / f"p{number}.md").write_text(f"---\ntitle: p\ndate: 2020-01-01\n---\n{body}", encoding="utf-8")
    import_blog(kind, blog, tmp_path / "site", force=False)
    for number, pieces in posts.items():
        text = (tmp_path / "site/content/posts" / f"p{number}.md").read_text(encoding="utf-8")
        for piece in pieces:
            assert piece.strip("\n") in text, (number, piece)
