"""Heading ids as Hugo, Hexo and Jekyll make them (markdown.heading_ids), against what each generator
writes for the same headings, and as our build applies them."""

from __future__ import annotations

import pytest

from blog.render.markdown.anchors import SCHEMES
from tests.support.cli import run_blog
from tests.support.sites import write_site

HEADINGS = ["对与错，好与坏", "Why Scale?", "Q-learning 与 Sarsa", "Café au lait", "1. Intro_Part"]


@pytest.mark.parametrize(("scheme", "ids"), [
    ("hugo", ["对与错好与坏", "why-scale", "q-learning-与-sarsa", "café-au-lait", "1-intro_part"]),
    ("hugo-ascii", ["heading", "why-scale", "q-learning--sarsa", "cafe-au-lait", "1-intro_part"]),
    ("hugo-blackfriday", ["对与错-好与坏", "why-scale", "q-learning-与-sarsa", "café-au-lait", "1-intro-part"]),
    ("hexo", ["对与错，好与坏", "Why-Scale", "Q-learning-与-Sarsa", "Cafe-au-lait", "1-Intro-Part"]),
    ("jekyll", ["对与错好与坏", "why-scale", "q-learning-与-sarsa", "café-au-lait", "1-intro_part"]),
    ("kramdown", ["section", "why-scale", "q-learning--sarsa", "caf-au-lait", "intropart"]),
])
def test_each_scheme_gives_the_old_generators_ids(scheme, ids):
    assert [SCHEMES[scheme](text) for text in HEADINGS] == ids


def test_the_site_setting_gives_imported_headings_their_old_ids_made_unique(tmp_path):
    site = write_site(tmp_path, {
        "site.yaml": "title: T\nbase_url: https://example.org/\nmarkdown:\n  heading_ids: hexo\n",
        "content/posts/a.md": "---\ntitle: A\ndate: 2020-01-01\n---\n## Why PPO Works\n\n## Why PPO Works\n\n"
                              "## 小结 {#summary}\n",
    })
    assert run_blog("build", "--site", site).code == 0
    html = (site / "public/posts/a/index.html").read_text(encoding="utf-8")
    assert '<h2 id="Why-PPO-Works">' in html and '<h2 id="Why-PPO-Works-1">' in html and '<h2 id="summary">' in html
