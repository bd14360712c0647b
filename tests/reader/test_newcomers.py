"""What a newcomer meets first: usage of the command they typed, a "did you mean", a summary that adds up."""

import re

from tests.support.cli import run_blog
from tests.support.sites import write_site

POST = """\
---
title: {title}
date: 2026-01-0{day}
tags: [HDFS]
draft: {draft}
---

正文。
"""


def test_a_bad_flag_gets_the_usage_of_its_own_command():
    run = run_blog("build", "--bogus")
    assert run.code == 2
    assert run.stderr.startswith("usage: blog build [-h] [--site SITE]")
    assert run.stderr.rstrip().endswith("blog build: error: unrecognized arguments: --bogus")


def test_a_mistyped_command_gets_a_did_you_mean():
    run = run_blog("biuld", "--drafts")
    assert run.code == 2
    assert run.stderr.rstrip().endswith("blog: error: unknown command 'biuld'; did you mean 'build'?")
    nothing_close = run_blog("zzz")
    assert nothing_close.code == 2
    assert nothing_close.stderr.rstrip().endswith(
        "blog: error: unknown command 'zzz' (expected one of: build, serve, check, new, init, import)")


def test_the_summary_adds_up_and_counts_the_drafts_left_out(tmp_path):
    posts = {f"content/posts/p{i}.md": POST.format(title=f"P{i}", day=i, draft="true" if i > 2 else "false")
             for i in range(1, 5)}
    site = write_site(tmp_path / "site", posts)
    run = run_blog("build", cwd=site)
    assert run.code == 0, run.stderr
    first, drafts = run.stdout.splitlines()
    counts = re.match(r"built (\d+) pages \(zh \d+, en \d+\), (\d+) listing pages and (\d+) other files .*: (\d+) in all, "
                      r"plus \d+ static files, in [\d.]+ s -> public$", first)
    assert counts, first
    pages, listings, others, total = map(int, counts.groups())
    assert (pages, pages + listings + others) == (2, total)
    written = [p for p in (site / "public").rglob("*")
               if p.suffix in (".html", ".xml", ".txt") and p.parent.name != "fonts"]  # not the font's licence
    assert total == len(written)
    assert drafts == "  2 drafts were left out: `blog build --drafts` includes them, `blog serve` shows them"
    with_drafts = run_blog("build", "--drafts", "--no-cache", cwd=site)
    assert with_drafts.stdout.startswith("built 4 pages (zh 4, en 0)") and "left out" not in with_drafts.stdout
