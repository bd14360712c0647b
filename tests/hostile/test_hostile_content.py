"""Hostile post bodies: every one builds in bounded time, says what it could not render at its
line, and keeps the text after it; files over limits.file_kb are refused at the line that crosses.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.hostile.corpus import QUIET_SITE_YAML, Case, assert_built, assert_failed_cleanly, build_batch, snapshot
from tests.support.cli import run_blog
from tests.support.sites import write_site

HEAD = "---\ntitle: T\ndate: 2026-01-01\n---\n"  # the body starts on line 5
AFTER = "\n\nThe end.\n"  # every accepted body ends with this paragraph, which must survive


def post(body: str) -> str:
    return HEAD + body + AFTER


def defs(*lines: str) -> str:
    return "$" + "".join(lines) + "$"


def at(name: str, where: str, message: str, severity: str = "warning") -> str:
    return f"content/posts/{name}.md:{where}: {severity}: {message}"


NESTED = "blocks nested more than 20 deep (limits.nesting); the deeper part of this block is left out"

ACCEPTED = [  # (case, a piece of the built page that must be there)
    (Case("unclosed-fence", HEAD + "```python\nx = 1\n", ()), '<span class="n">x</span>'),
    (Case("unclosed-display-math", post("$$\nx^2\n"), ()), "The end."),
    (Case("unclosed-inline-math", post("costs $5 and $x^2"), ()), "costs $5 and $x^2"),
    (Case("quotes-10000", post(">" * 10_000 + " deep"), (at("quotes-10000", "5", NESTED),)), "The end."),
    (Case("lists-10000", post("- " * 10_000 + "deep"), (at("lists-10000", "5", NESTED),)), "The end."),
    (Case("indented-lists-300", post("".join("  " * i + "- x\n" for i in range(300))),
          (at("indented-lists-300", "14", NESTED),)), "The end."),
    (Case("quotes-in-lists", post("".join("  " * i + "- > x\n" for i in range(40))),
          (at("quotes-in-lists", "14", NESTED),)), "The end."),
    (Case("emphasis-runs", post("*a **a " * 20_000), ()), "The end."),
    (Case("underscores", post("_" * 50_000 + "a" + "_" * 50_000), ()), "The end."),
    (Case("open-brackets", post("[" * 50_000 + "a](b)"), ()), "The end."),
    (Case("backticks", post("`" * 30_000 + "a" + "``" * 10_000), ()), "The end."),
    (Case("link-refs", post("".join(f"[l{i}]: /x{i}\n" for i in range(5000)) + "\n" + "[l1] " * 5000), ()), "The end."),
    (Case("html-entities", post("&#x110000; &#0; &#xD800; &nosuch; &amp" * 2000), ()), "The end."),
    (Case("braces-10000", post("$" + "{" * 10_000 + "x" + "}" * 10_000 + "$"),
          (at("braces-10000", "5:2", "math: formula is nested too deeply"),)), "The end."),
    (Case("newcommand-recursive", post(defs(r"\newcommand{\a}{\a\a} \a")),
          (at("newcommand-recursive", "5:24", "math: macro expansion too deep in '\\a' (is it recursive?)"),)),
     "The end."),
    (Case("def-exponential", post(defs(r"\def\a{xx}", *(rf"\def\{b}{{" + f"\\{a}" * 10 + "}" for a, b in
                                                     zip("abcde", "bcdef")), r"\f")),
          (at("def-exponential", "5:152", "math: macro expansion too deep in '\\a' (is it recursive?)"),)), "The end."),
    (Case("front-matter-macro-loop", "---\ntitle: T\ndate: 2026-01-01\nmacros: {'\\a': '\\b', '\\b': '\\a'}\n---\n$\\a$\n",
          (at("front-matter-macro-loop", "6:2", "math: macro expansion too deep in '\\a' (is it recursive?)"),)),
     'class="math-error"'),
    (Case("matrix-200", post("$$\\begin{pmatrix}" + "\\\\".join(["&".join(["x"] * 200)] * 200) + "\\end{pmatrix}$$"), ()),
     "<mtable"),
    (Case("raw-html-broken", post("<div><span>unclosed <b>\n\n</div></div></div><!-- never closed"), ()), "<div><span>unclosed"),
    (Case("long-line-1mb", post("a" * 900_000), ()), "The end."),
]

TOO_BIG = [
    Case("post-20mb", HEAD + ("Lorem ipsum dolor sit amet.\n" * 750_000),
         (at("post-20mb", "37452", "the file is 20508 KB, over limits.file_kb (1024 KB) from this line on; "
                                   "raise the limit in site.yaml if it is meant to be this big", "error"),)),
    Case("line-5mb", HEAD + "a" * 5_000_000 + "\n",
         (at("line-5mb", "5", "the file is 4883 KB, over limits.file_kb (1024 KB) from this line on; "
                              "raise the limit in site.yaml if it is meant to be this big", "error"),)),
    Case("footnotes-100000", HEAD + "".join(f"a[^{i}]\n" for i in range(100_000)) + "\n"
         + "".join(f"[^{i}]: n\n" for i in range(100_000)),
         (at("footnotes-100000", "105529", "the file is 2127 KB, over limits.file_kb (1024 KB) from this line on; "
                                          "raise the limit in site.yaml if it is meant to be this big", "error"),)),
]


@pytest.fixture(scope="module")
def accepted(tmp_path_factory):
    site = write_site(tmp_path_factory.mktemp("content-accepted"),
                      {"site.yaml": QUIET_SITE_YAML, **{f"content/posts/{case.name}.md": case.data for case, _ in ACCEPTED}})
    return site, run_blog("build", "--site", site)


@pytest.mark.parametrize("case, shown", ACCEPTED, ids=[case.name for case, _ in ACCEPTED])
def test_accepted(accepted, case: Case, shown: str):
    site, run = accepted
    assert_built(run)
    assert [line for line in run.diagnostics if line.startswith(f"content/posts/{case.name}.md:")] == list(case.expected)
    assert shown in (site / "public/posts" / case.name / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def too_big(tmp_path_factory):
    return build_batch(tmp_path_factory.mktemp("content-too-big"),
                       {f"content/posts/{case.name}.md": case.data for case in TOO_BIG})


def test_too_big_batch_fails_cleanly(too_big):
    assert_failed_cleanly(too_big)


@pytest.mark.parametrize("case", TOO_BIG, ids=[case.name for case in TOO_BIG])
def test_too_big(too_big, case: Case):
    assert too_big.lines_for(f"content/posts/{case.name}.md") == list(case.expected)


def test_a_raised_file_limit_builds_a_5mb_line(tmp_path):
    site = write_site(tmp_path, {"site.yaml": QUIET_SITE_YAML + "limits: {file_kb: 6000}\n",
                                 "content/posts/long.md": HEAD + "word " * 1_000_000 + AFTER})
    assert_built(run_blog("build", "--site", site))
    assert "The end." in (site / "public/posts/long/index.html").read_text(encoding="utf-8")


MARKUP = "</script><script>alert(1)</script>--><!-- \"q\" 'a'"


def test_markup_in_titles_categories_and_summaries_is_escaped_everywhere(tmp_path):
    """Listings, feeds, JSON-LD, og tags and the search index show the text, never run it."""
    site = write_site(tmp_path, {"content/posts/x.md": f"""\
        ---
        title: {json.dumps("X" + MARKUP)}
        date: 2026-01-01
        categories: [{json.dumps("C" + MARKUP)}]
        tags: [{json.dumps("T" + MARKUP)}]
        summary: {json.dumps("S" + MARKUP)}
        description: {json.dumps("D" + MARKUP)}
        author: {json.dumps("A" + MARKUP)}
        ---

        Body.
        """})
    assert_built(run_blog("build", "--site", site))
    files = snapshot(site / "public")
    for dest_path, data in files.items():
        assert b"<script>alert(1)" not in data, dest_path
        assert b"--><!--" not in data, dest_path
    page, feed = files["posts/x/index.html"].decode(), files["feed.xml"].decode()
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert json.loads(ld.group(1))["headline"] == "X" + MARKUP
    escaped = "X&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;--&gt;&lt;!-- &#34;q&#34; &#39;a&#39;"
    assert f'<meta property="og:title" content="{escaped}">' in page
    assert f"<title>{escaped}</title>" in feed
    assert "C&lt;/script&gt;&lt;script&gt;alert(1)" in files["categories/index.html"].decode()


def test_the_macro_expansion_limit_is_a_setting(tmp_path):
    formula = "$\\def\\x{y}" + "\\x" * 60 + "$"
    site = write_site(tmp_path, {"site.yaml": QUIET_SITE_YAML + "limits: {macro_expansions: 50}\n",
                                 "content/posts/many.md": post(formula)})
    run = run_blog("build", "--site", site)
    assert_built(run)
    assert run.diagnostics == [at("many", "5:111", "math: macro expansion too deep in '\\x' (is it recursive?)")]
    (site / "site.yaml").write_text(QUIET_SITE_YAML, encoding="utf-8")
    run = run_blog("build", "--site", site)
    assert_built(run)
    assert run.diagnostics == []
    assert "<mi>y</mi>" in (site / "public/posts/many/index.html").read_text(encoding="utf-8")
