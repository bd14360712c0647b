"""`markdown: {math_markdown_escapes: true}`: Hexo/Jekyll escapes inside math read as meant."""
import re

from tests.support.cli import run_blog

POST = r"""---
title: 转义
date: 2026-01-11
---
自回归：$p(y\_t \mid y\_{\<t})$，策略 $\pi(a\|s)$，星号 $a\*b$。

范数 $\|x\|\_2$ 与集合 $\{x \mid x > 0\}$，文本 $\text{file\_name}$。
"""
ANNOTATION = re.compile(r"<annotation[^>]*>.*?</annotation>", re.S)


def _build(make_site, escapes: bool):
    settings = "markdown: {math_markdown_escapes: true}\n" if escapes else ""
    site = make_site({"site.yaml": f"title: T\nbase_url: https://example.org/\n{settings}",
                      "content/posts/a.md": POST}, name=f"site-{escapes}")
    run = run_blog("build", "--site", site)
    html = ANNOTATION.sub("", (site / "public/posts/a/index.html").read_text(encoding="utf-8"))
    return run, html


def test_escapes_read_as_the_author_meant_with_a_warning_where_ambiguous(make_site):
    run, html = _build(make_site, True)
    assert run.code == 0, run.stderr
    assert "<msub><mi>y</mi><mrow><mo" in html and ">&lt;</mo><mi>t</mi>" in html  # y_{<t}
    assert "<mi>a</mi><mo>|</mo><mi>s</mi>" in html.replace(' stretchy="false"', "").replace(
        ' lspace="0em" rspace="0em"', "")
    assert "<mo>∗</mo>" in html  # a*b
    assert "‖" not in html and "<mtext>file_name</mtext>" in html
    assert "<mo>{</mo>" in html.replace(' stretchy="false"', "")  # set braces stay braces
    assert run.diagnostics == [
        "content/posts/a.md:7:5: warning: math: '\\|' read as the Markdown escape of '|' "
        "(markdown.math_markdown_escapes); write '\\Vert' if the double bar '‖' was meant"]


def test_without_the_setting_tex_reads_them(make_site):
    run, html = _build(make_site, False)
    assert run.code == 0
    assert run.diagnostics == ["content/posts/a.md:5:22: warning: math: unknown command '\\<'"]
    assert "‖" in html and "<mi>_</mi>" in html and 'class="math-error"' in html
