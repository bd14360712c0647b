from datetime import datetime, timedelta, timezone

from blog.content.frontmatter import parse_date, parse_front_matter, split_front_matter


def parse(text: str, *, require_date: bool = True):
    front, problems = parse_front_matter(split_front_matter(text), "content/posts/ppo.md", require_date=require_date)
    return front, [str(p) for p in sorted(problems, key=lambda p: p.sort_key())]


def test_split_keeps_the_body_line_for_positions():
    split = split_front_matter("---\ntitle: a\ndate: 2026-01-11\n---\n\nBody\n")
    assert split.body == "\nBody\n"
    assert split.body_line == 5
    assert split_front_matter("\ufeff---\r\ntitle: a\r\n---\r\nx").body == "x"


def test_all_documented_keys():
    front, problems = parse("""---
title: PPO 详解
date: 2026-01-11 10:30
lastmod: 2026-02-01
categories: Reinforcement Learning
tags: [PPO, 策略梯度]
slug: ppo
draft: true
summary: 短摘要
lang: en
translation_key: ppo-post
toc: false
math: true
macros: {"\\\\KL": "D_{KL}"}
description: d
author: me
sticky: 1
mathjax: true
---
body""")
    assert problems == []
    assert front.title == "PPO 详解"
    assert front.date == datetime(2026, 1, 11, 10, 30)
    assert front.updated == datetime(2026, 2, 1)
    assert front.categories == ("Reinforcement Learning",)
    assert front.tags == ("PPO", "策略梯度")
    assert (front.slug, front.draft, front.summary, front.lang) == ("ppo", True, "短摘要", "en")
    assert (front.translation_key, front.toc, front.math) == ("ppo-post", False, True)
    assert front.macros == {"\\KL": "D_{KL}"}
    assert front.extra == {"sticky": 1, "mathjax": True}  # unknown keys are kept for templates


def test_hexo_nested_categories_are_flattened():
    front, _ = parse("---\ntitle: t\ndate: 2026-01-01\ncategories: [[Deep Learning, NLP], Notes]\ntags:\n---\n")
    assert front.categories == ("Deep Learning", "NLP", "Notes")
    assert front.tags == ()


def test_date_forms():
    assert parse_date("2026-01-11") == datetime(2026, 1, 11)
    assert parse_date("2026-01-11 10:30:05") == datetime(2026, 1, 11, 10, 30, 5)
    assert parse_date("2026-01-11T10:30:00+08:00") == datetime(2026, 1, 11, 10, 30, tzinfo=timezone(timedelta(hours=8)))
    assert parse_date("2026-01-11T02:30:00Z").tzinfo == timezone.utc
    assert parse_date("2019/5/1 10:00:00") == datetime(2019, 5, 1, 10)
    assert parse_date("2026-13-01") is None
    assert parse_date("yesterday") is None


def test_bad_date_missing_title_and_wrong_types_are_reported_together():
    _, problems = parse("---\ndate: 2026-13-01\ndraft: yes please\ntags: {a: 1}\n---\n")
    assert problems == [
        "content/posts/ppo.md:2:1: error: missing required key 'title'",
        "content/posts/ppo.md:2:7: error: date: '2026-13-01' is not a date "
        "(expected YYYY-MM-DD, optionally with HH:MM[:SS] and a zone)",
        "content/posts/ppo.md:3:8: error: draft: expected true or false, got 'yes please'",
        "content/posts/ppo.md:4:7: error: tags: expected a name or a list of names, got a mapping",
    ]


def test_no_front_matter_and_bad_yaml():
    assert parse("Just text")[1] == [
        "content/posts/ppo.md:1:1: error: no front matter (expected a '---' block with at least a title and a date)"]
    assert parse("---\ntitle: [unclosed\ndate: 2026-01-01\n---\n")[1] == [
        "content/posts/ppo.md:3:5: error: invalid YAML: did not find expected ',' or ']' "
        "(while parsing a flow sequence that starts at line 2)"]


def test_pages_need_no_date():
    front, problems = parse("---\ntitle: About\n---\n", require_date=False)
    assert problems == [] and front.date is None
