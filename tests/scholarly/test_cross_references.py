"""Numbered objects and cross-references across posts and languages, built from the command line."""

import re
from pathlib import Path

import pytest

from tests.scholarly.reference_posts import GRPO, GRPO_EN, PPO_EN, PPO_ZH, SITE
from tests.support.cli import run_blog


def xrefs(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="xref" href="([^"]*)"[^>]*>([^<]*)</a>', html)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from tests.support.sites import write_site

    root = tmp_path_factory.mktemp("xref")
    site = write_site(root / "site", {"site.yaml": SITE, "content/posts/ppo.md": PPO_ZH,
                                      "content/posts/ppo.en.md": PPO_EN, "content/posts/grpo.md": GRPO,
                                      "content/posts/grpo.en.md": GRPO_EN})
    run = run_blog("build", "--site", site, "--output", root / "out")
    assert run.code == 0, run.stderr
    return root / "out"


def test_references_in_one_post_are_localised_links(built):
    html = (built / "posts/ppo/index.html").read_text(encoding="utf-8")
    assert xrefs(html) == [("#eq-eq-ratio", "式 (1)"), ("#eq-eq-clip", "式 (2)"), ("#thm-pg", "定理 1"),
                           ("#fig-arch", "图 1"), ("#tbl-clip", "表 1"), ("#alg-ppo", "算法 1")]
    assert '定理 1</a>、另见 <a class="xref" href="#fig-arch">图 1</a>' in html
    for anchor in ("eq-eq-ratio", "eq-eq-clip", "thm-pg", "fig-arch", "tbl-clip", "alg-ppo"):
        assert f'id="{anchor}"' in html
    assert "定理 1</span><span class=\"theorem-note\">（策略梯度定理）" in html
    assert "<script" not in re.sub(r'<script src="[^"]*/js/reader\.js"[^>]*></script>', "", html.split("</header>", 1)[1])  # the theme's own


def test_references_across_posts_point_at_the_readers_language(built):
    zh = (built / "posts/grpo/index.html").read_text(encoding="utf-8")
    en = (built / "en/posts/grpo/index.html").read_text(encoding="utf-8")
    # the Chinese reader goes to the Chinese post, where eq:clip is equation 2
    assert xrefs(zh) == [("/posts/ppo/#eq-eq-clip", "式 (2)"), ("/posts/ppo/#thm-pg", "定理 1"),
                         ("/posts/ppo/#eq-eq-clip", "式 (2)")]
    # the English post has eq-clip (as its equation 1) but no theorem: that one stays in Chinese
    assert xrefs(en) == [("/en/posts/ppo/#eq-eq-clip", "Eq. (1)"), ("/posts/ppo/#thm-pg", "Theorem 1")]


def test_an_at_word_that_is_no_label_stays_text_without_a_bibliography(built):
    html = (built / "posts/grpo/index.html").read_text(encoding="utf-8")
    assert "<p>没有参考文献的站点上，@someone 和 mail@example.org 仍是原文。</p>" in html


def test_a_reference_in_a_heading_reads_as_text_in_the_contents(built):
    html = (built / "posts/grpo/index.html").read_text(encoding="utf-8")
    assert '<li class="toc-level-2"><a href="#与-的关系">与 式 (2) 的关系</a></li>' in html
    assert '<h2 id="与-的关系">与 <a class="xref" href="/posts/ppo/#eq-eq-clip"' in html


def test_excerpts_and_feeds_show_references_as_text(built):
    listing = (built / "index.html").read_text(encoding="utf-8")
    post = (built / "posts/grpo/index.html").read_text(encoding="utf-8")
    feed = (built / "feed.xml").read_text(encoding="utf-8")
    assert "GRPO 沿用 PPO 的 式 (2) 与 定理 1。 没有参考文献的站点上" in listing
    assert '<meta name="description" content="GRPO 沿用 PPO 的 式 (2) 与 定理 1。 没有参考文献的站点上' in post
    assert "式 (2)&lt;/a&gt;" in feed  # the full content, its links made absolute
    assert not any("\ue010" in text for text in (listing, post, feed))


def test_dangling_references_and_duplicate_labels_are_errors_with_lines(make_site, tmp_path):
    site = make_site({"site.yaml": SITE, "content/posts/ppo.md": PPO_ZH, "content/posts/bad.md": (
        "---\ntitle: Bad\ndate: 2026-01-04\n---\n"
        "See @eq-ratoi and @ppo:eq-cilp and @nopost:eq-clip.\n\n"
        "::: lemma {#lem-a}\nA.\n:::\n\n::: lemma {#lem-a}\nB.\n:::\n")})
    run = run_blog("build", "--site", site, "--output", tmp_path / "out")
    assert run.code == 1
    assert run.diagnostics == [
        "content/posts/bad.md:5:5: error: reference: no label 'eq-ratoi' in this post",
        "content/posts/bad.md:5:19: error: reference: no label 'eq-cilp' in post 'ppo' (did you mean 'eq-clip'?)",
        "content/posts/bad.md:5:36: error: reference: no post named 'nopost' (for 'nopost:eq-clip')",
        "content/posts/bad.md:11:1: error: label 'lem-a' is defined twice (first at content/posts/bad.md:7:1)",
    ]
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "out").exists()


def test_numbers_follow_an_inserted_equation_in_incremental_builds(make_site, tmp_path):
    site = make_site({"site.yaml": SITE, "content/posts/ppo.md": PPO_ZH, "content/posts/grpo.md": GRPO})
    out = tmp_path / "out"
    assert run_blog("build", "--site", site, "--output", out).code == 0
    assert xrefs((out / "posts/grpo/index.html").read_text(encoding="utf-8"))[0][1] == "式 (2)"
    ppo = site / "content/posts/ppo.md"
    ppo.write_text(ppo.read_text(encoding="utf-8").replace("::: theorem", "$$ a = b $$ {#eq:new}\n\n::: theorem")
                   .replace("$$ r_t", "$$ c = d $$ {#eq-first}\n\n$$ r_t"), encoding="utf-8")
    run = run_blog("build", "--site", site, "--output", out)  # incremental: the cache of the first build
    assert run.code == 0, run.stderr
    assert "from the cache" in run.stdout
    assert xrefs((out / "posts/grpo/index.html").read_text(encoding="utf-8"))[0][1] == "式 (3)"
    assert xrefs((out / "posts/ppo/index.html").read_text(encoding="utf-8"))[:2] == [
        ("#eq-eq-ratio", "式 (2)"), ("#eq-eq-clip", "式 (3)")]
