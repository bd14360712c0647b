"""Math in titles and headings: MathML where HTML goes, plain letters where only text goes."""
import re

from tests.support.cli import run_blog

POST = r"""---
title: $\epsilon$-Greedy 策略
date: 2026-01-11
---
正文。

## $\epsilon$-Greedy 与 $Q$ 值

## 衰减的 $\epsilon_t$
"""


def test_math_in_titles_and_headings_is_never_raw_tex(make_site):
    site = make_site({"content/posts/greedy.md": POST})
    run = run_blog("build", "--site", site)
    assert run.code == 0, run.stderr
    page = (site / "public/posts/greedy/index.html").read_text(encoding="utf-8")
    assert "<title>ϵ-Greedy 策略 · Test Site</title>" in page
    heading = re.search(r'<h1 class="post-title">(.*?)</h1>', page, re.S).group(1)
    assert heading.startswith("<math><semantics><mrow><mi>ϵ</mi>") and heading.endswith("-Greedy 策略")
    toc = re.search(r'<details class="toc".*?</details>', page, re.S).group(0)
    assert toc.count("<math>") == 3 and "$" not in toc and "\\epsilon" not in toc.replace(
        '<annotation encoding="application/x-tex">\\epsilon', "")
    assert 'href="#epsilon-greedy-与-q-值"' in toc  # ids are what they were
    assert "css/math.css" in page
    listing = (site / "public/index.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 class="post-item-title"><a href="/posts/greedy/"><math>', listing)
    feed = (site / "public/feed.xml").read_text(encoding="utf-8")
    assert "<title>ϵ-Greedy 策略</title>" in feed and "$" not in feed.split("<entry>")[1].split("</title>")[0]
