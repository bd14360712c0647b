"""The command line as users meet it: exit codes, error lines, summaries, untouched output on failure."""

from pathlib import Path

from tests.support.cli import run_blog
from tests.support.sites import write_site

POST = """\
---
title: {title}
date: 2026-01-0{day}
categories: [Big Data]
tags: [HDFS]
---

## 概述

正文 {title}。
"""


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def small_site(root: Path) -> Path:
    return write_site(root, {f"content/posts/p{i}.md": POST.format(title=f"P{i}", day=i) for i in range(1, 4)})


def test_version_and_usage_errors_exit_2():
    assert run_blog("--version").stdout.strip().startswith("blog ")
    for args in (["frobnicate"], ["build", "--jobs", "zero"], ["build", "--base-url", "host/sub"], []):
        run = run_blog(*args)
        assert run.code == 2, args
        assert "usage: blog" in run.stderr and "Traceback" not in run.stderr


def test_base_url_option_is_checked_like_site_yaml():
    for value, problem in (("host/sub", "'host/sub' is not an absolute URL (expected e.g. https://example.org/)"),
                           ('https://host/"sub/', "'\"' is not allowed in a URL (percent-encode it)")):
        run = run_blog("build", "--base-url", value)
        assert run.code == 2 and f"argument --base-url: {problem}" in run.stderr, run.stderr


def test_build_prints_a_summary_and_exits_0(tmp_path):
    site = small_site(tmp_path / "site")
    run = run_blog("build", cwd=site)
    assert run.code == 0, run.stderr
    assert run.stdout.startswith("built 3 pages (zh 3, en 0), 4 listing pages")
    assert run.stdout.rstrip().endswith("-> public")
    assert (site / "public" / "posts" / "p1" / "index.html").is_file()


def test_a_failed_build_leaves_the_previous_output_byte_for_byte(tmp_path):
    site = small_site(tmp_path / "site")
    assert run_blog("build", "--site", site).code == 0
    before = snapshot(site / "public")
    (site / "content/posts/p2.md").write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    (site / "content/posts/p4.md").write_text(POST.format(title="new", day=4), encoding="utf-8")
    run = run_blog("build", "--site", site)
    assert run.code == 1
    assert run.diagnostics == [
        "content/posts/p2.md:3:1: error: invalid YAML: did not find expected ',' or ']' "
        "(while parsing a flow sequence that starts at line 2)"]
    assert "the output folder was left as it was" in run.stderr
    assert snapshot(site / "public") == before
    assert sorted(p.name for p in site.iterdir()) == [".blog-cache", "content", "public", "site.yaml"]


def test_an_output_folder_holding_the_site_is_refused(tmp_path):
    site = small_site(tmp_path / "site")
    run = run_blog("build", "--site", site, "--output", tmp_path)
    assert run.code == 1
    assert run.diagnostics == [f"--output: error: refusing to use '{tmp_path}' as the output folder: it holds the site itself"]
    assert (site / "content/posts/p1.md").exists()


def test_strict_fails_on_warnings_and_writes_nothing(tmp_path):
    site = small_site(tmp_path / "site")
    (site / "site.yaml").write_text("title: T\nbase_url: https://e.org/\ncolour: blue\n", encoding="utf-8")
    assert run_blog("build", "--site", site).code == 0
    run = run_blog("build", "--site", site, "--strict", "--output", tmp_path / "strict-out")
    assert run.code == 1
    assert run.diagnostics == ["site.yaml:3:1: warning: unknown key 'colour'"]
    assert "build failed: 1 warning(s) with --strict" in run.stderr
    assert not (tmp_path / "strict-out").exists()


def test_new_scaffolds_a_draft_that_builds_with_drafts(tmp_path):
    site = small_site(tmp_path / "site")
    run = run_blog("new", "--site", site, "--category", "Large Model", "投机解码 Speculative Decoding")
    assert run.code == 0
    created = site / "content/posts/投机解码-speculative-decoding.md"
    assert run.stdout.strip() == f"created {created}"
    text = created.read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "投机解码 Speculative Decoding"\ndate: ')
    assert 'categories: ["Large Model"]\ntags: []\ndraft: true\n---\n' in text
    assert run_blog("new", "--site", site, "--lang", "en", "Medusa Heads").code == 0
    assert (site / "content/posts/medusa-heads.en.md").exists()
    again = run_blog("new", "--site", site, "--lang", "en", "Medusa Heads")
    assert again.code == 1 and again.diagnostics == ["content/posts/medusa-heads.en.md: error: already exists; choose another title"]
    assert run_blog("new", "--site", site, "--lang", "fr", "x").diagnostics == [
        "site.yaml: error: --lang: 'fr' is not one of languages (zh, en)"]
    out = tmp_path / "out"
    assert run_blog("build", "--site", site, "--drafts", "--output", out).code == 0
    draft_page = (out / "posts/投机解码-speculative-decoding/index.html").read_text(encoding="utf-8")
    assert 'class="badge draft"' in draft_page
    run_blog("build", "--site", site, "--output", out)
    assert not (out / "posts/投机解码-speculative-decoding").exists()


def test_init_makes_a_site_that_builds_as_it_is(tmp_path):
    site = tmp_path / "blog"
    run = run_blog("init", site)
    assert run.code == 0 and "created a new site" in run.stdout
    assert (site / ".gitignore").read_text() == "/public/\n.blog-cache/\n"
    built = run_blog("build", "--site", site, "--strict")
    assert built.code == 0, built.stderr
    post = (site / "public" / "posts" / "hello-world" / "index.html").read_text(encoding="utf-8")
    assert "<math" in post and 'hreflang="en"' in post
    assert (site / "public" / "en" / "posts" / "hello-world" / "index.html").is_file()
    again = run_blog("init", site)
    assert again.code == 1 and again.diagnostics == [f"{site}: error: is not empty; blog init only creates new sites"]
