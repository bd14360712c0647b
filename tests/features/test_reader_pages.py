"""The reader features in the built HTML: each one there by default, each one gone when site.yaml
turns it off, comments only when giscus is configured, and little JavaScript."""

import gzip
import re

from tests.features.sites import build_tiny, post

BODY = "## 第一节\n\n正文。\n\n## 第二节\n\n```python\nprint(1)\n```\n"
POSTS = {"content/posts/a.md": post("A", "2026-01-01", tags="[t]", extra="series: S\n", body=BODY),
         "content/posts/b.md": post("B", "2026-01-02", tags="[t]", extra="series: S\n", body=BODY)}
EVERYTHING_OFF = ("reading_time: false, copy_code: false, code_language: false, back_to_top: false, "
                  "toc_follow: false, series: false, related: 0, og_image: {enabled: false}")
GISCUS = ("giscus: {repo: someone/blog, repo_id: R_1, category: Comments, category_id: DIC_2}, "
          "og_image: {enabled: false}")


def page(root, dest_path="posts/a/index.html") -> str:
    return (root / "public" / dest_path).read_text(encoding="utf-8")


def test_every_feature_is_there_by_default(tmp_path):
    build_tiny(tmp_path / "site", POSTS)
    html = page(tmp_path / "site")
    assert '<p class="reading-time">阅读约 1 分钟</p>' in html
    assert '<div class="post-content code-labels">' in html and 'data-lang="Python"' in html
    assert '<details class="toc" data-follow>' in html
    assert 'class="back-to-top"' in html and 'series-box' in html and 'related-title' in html
    assert re.search(r'<script src="/js/reader.js" defer data-copy="复制" data-copied="已复制"></script>', html)
    assert "giscus" not in html  # no comments, and no third-party script, until configured


def test_each_feature_can_be_turned_off(tmp_path):
    build_tiny(tmp_path / "site", POSTS, EVERYTHING_OFF)
    html = page(tmp_path / "site")
    for gone in ("reading-time", "code-labels", "data-follow", "back-to-top", "series-box", "related-title",
                 "reader.js", "og:image"):
        assert gone not in html, gone
    assert '<details class="toc">' in html  # the table of contents itself is the post's (front matter `toc`)


def test_giscus_comments_when_configured_in_the_readers_language(tmp_path):
    build_tiny(tmp_path / "site", {**POSTS, "content/posts/a.en.md": post("A en", "2026-01-01")}, GISCUS)
    html = page(tmp_path / "site")
    assert '<h2 id="comments-title">评论</h2>' in html
    script = re.search(r'<script src="https://giscus.app/client.js"[^>]*>', html).group(0)
    for attribute in ('data-repo="someone/blog"', 'data-repo-id="R_1"', 'data-category="Comments"',
                      'data-category-id="DIC_2"', 'data-mapping="pathname"', 'data-lang="zh-CN"', "async"):
        assert attribute in script
    assert 'data-lang="en"' in page(tmp_path / "site", "en/posts/a/index.html")


def test_a_post_loads_under_5_kb_of_javascript_compressed(tmp_path):
    build_tiny(tmp_path / "site", POSTS)
    html = page(tmp_path / "site")
    inline = "".join(re.findall(r"<script>(.*?)</script>", html, re.S))
    handlers = "".join(re.findall(r' on\w+="([^"]*)"', html))
    files = b"".join((tmp_path / "site/public" / src.lstrip("/")).read_bytes()
                     for src in re.findall(r'<script src="([^"]+)"', html))
    assert files  # reader.js is among them
    total = len(gzip.compress(inline.encode() + handlers.encode() + files, 9))
    assert total < 5 * 1024, total
