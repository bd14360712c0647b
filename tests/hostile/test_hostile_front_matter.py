"""Hostile front matter: every file gets its own exact lines, and the build fails without harm.

Rejected cases share one site (diagnostics are per file); accepted ones share another, which
must build and show each title.
"""

from __future__ import annotations

import html

import pytest

from tests.hostile.corpus import QUIET_SITE_YAML, Case, assert_built, assert_failed_cleanly, build_batch
from tests.support.cli import run_blog
from tests.support.sites import write_site

DATE = "date: 2026-01-01\n"


def front(yaml: str) -> str:
    return f"---\n{yaml}---\n\nBody.\n"


def laughs(levels: int) -> str:
    """A "billion laughs": each level is a list of nine aliases of the level before."""
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels + 1):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def at(name: str, where: str, message: str, severity: str = "error") -> str:
    return f"content/posts/{name}.md:{where}: {severity}: {message}"


NOT_A_DATE = "is not a date (expected YYYY-MM-DD, optionally with HH:MM[:SS] and a zone)"

REJECTED = [
    Case("broken-flow", front("title: [unclosed\n" + DATE),
         (at("broken-flow", "3:5", "invalid YAML: did not find expected ',' or ']' "
                                   "(while parsing a flow sequence that starts at line 2)"),)),
    Case("tab-indent", front("title: T\n" + DATE + "tags:\n\t- a\n"),
         (at("tab-indent", "5:1", "invalid YAML: found a tab, and YAML does not allow tabs for indentation (use spaces)"),)),
    Case("python-object", front("title: !!python/object/apply:os.system ['touch pwned']\n" + DATE),
         (at("python-object", "2:8", "invalid YAML: could not determine a constructor for the tag "
                                     "'tag:yaml.org,2002:python/object/apply:os.system'"),)),
    Case("python-name", front("title: !!python/name:os.system ''\n" + DATE),
         (at("python-name", "2:8", "invalid YAML: could not determine a constructor for the tag "
                                   "'tag:yaml.org,2002:python/name:os.system'"),)),
    Case("local-tag", front("title: !vault secret\n" + DATE),
         (at("local-tag", "2:8", "invalid YAML: could not determine a constructor for the tag '!vault'"),)),
    Case("binary-title", front("title: !!binary aGk=\n" + DATE),
         (at("binary-title", "2:8", "title: expected text, got b'hi'"),)),
    Case("set-tags", front("title: T\n" + DATE + "tags: !!set {a, b}\n"),
         (at("set-tags", "4:7", "tags: expected a name or a list of names, got a set"),)),
    Case("undefined-alias", front("title: *nowhere\n" + DATE),
         (at("undefined-alias", "2:8", "invalid YAML: found undefined alias"),)),
    Case("unhashable-key", front("title: T\n" + DATE + "? [a, b]\n: 1\n"),
         (at("unhashable-key", "4:3", "invalid YAML: found unhashable key "
                                      "(while constructing a mapping that starts at line 2)"),)),
    Case("bad-merge", front("title: T\n" + DATE + "<<: 5\n"),
         (at("bad-merge", "4:5", "invalid YAML: expected a mapping or list of mappings for merging, but found "
                                 "scalar (while constructing a mapping that starts at line 2)"),)),
    Case("deep-flow", front("title: T\n" + DATE + "x: " + "[" * 5000 + "]" * 5000 + "\n"),
         (at("deep-flow", "4:1003", "invalid YAML: exceeded maximum nesting depth"),)),
    Case("latin-1", "---\ntitle: Caf\xe9\ndate: 2026-01-01\n---\n".encode("latin-1"),
         (at("latin-1", "2", "not UTF-8 text (invalid continuation byte)"),)),
    Case("utf-16-le", "---\ntitle: T\ndate: 2026-01-01\n---\n".encode("utf-16"),
         (at("utf-16-le", "1", "not UTF-8 text (invalid start byte)"),)),
    Case("utf-16-be", "\ufeff---\ntitle: T\ndate: 2026-01-01\n---\n".encode("utf-16-be"),
         (at("utf-16-be", "1", "not UTF-8 text (invalid start byte)"),)),
    Case("nul-in-yaml", b"---\ntitle: a\x00b\ndate: 2026-01-01\n---\n",
         (at("nul-in-yaml", "2:9", "invalid YAML: character U+0000 is not allowed (control characters are not allowed)"),)),
    Case("nel-in-title", front("title: 'a\x85b\u2028c'\ndate: soon\n"),
         (at("nel-in-title", "3:7", f"date: 'soon' {NOT_A_DATE}"),)),
    Case("no-closing-fence", "---\ntitle: T\ndate: 2026-01-01\n\nBody.\n",
         (at("no-closing-fence", "1:1", "no front matter (expected a '---' block with at least a title and a date)"),)),
    Case("empty-file", b"",
         (at("empty-file", "1:1", "no front matter (expected a '---' block with at least a title and a date)"),)),
    Case("empty-block", "---\n---\nBody.\n",
         (at("empty-block", "2:1", "missing required key 'date'"), at("empty-block", "2:1", "missing required key 'title'"))),
    Case("blank-block", "---\n\n---\nBody.\n",
         (at("blank-block", "2:1", "missing required key 'date'"), at("blank-block", "2:1", "missing required key 'title'"))),
    Case("list-block", front("- title\n- date\n"),
         (at("list-block", "2:1", "front matter: expected 'key: value' lines"),)),
    Case("scalar-block", front("just words\n"),
         (at("scalar-block", "2:1", "front matter: expected 'key: value' lines"),)),
    Case("feb-30", front("title: T\ndate: 2026-02-30\n"), (at("feb-30", "3:7", f"date: '2026-02-30' {NOT_A_DATE}"),)),
    Case("year-0", front("title: T\ndate: 0000-01-01\n"), (at("year-0", "3:7", f"date: '0000-01-01' {NOT_A_DATE}"),)),
    Case("year-99999", front("title: T\ndate: 99999-01-01\n"),
         (at("year-99999", "3:7", f"date: '99999-01-01' {NOT_A_DATE}"),)),
    Case("hour-25", front("title: T\ndate: 2026-01-01 25:00\n"),
         (at("hour-25", "3:7", f"date: '2026-01-01 25:00' {NOT_A_DATE}"),)),
    Case("huge-number-date", front("title: T\ndate: " + "9" * 5000 + "\n"),
         (at("huge-number-date", "3:7", "invalid YAML: a number of 5000 digits is too long (at most 4000)"),)),
    Case("date-list", front("title: T\ndate: [2026, 1, 1]\n"), (at("date-list", "3:7", f"date: a list {NOT_A_DATE}"),)),
    Case("updated-bad", front("title: T\n" + DATE + "updated: yesterday\n"),
         (at("updated-bad", "4:10", f"updated: 'yesterday' {NOT_A_DATE}"),)),
    Case("lastmod-bad", front("title: T\n" + DATE + "lastmod: 2026-13-13\n"),
         (at("lastmod-bad", "4:10", f"lastmod: '2026-13-13' {NOT_A_DATE}"),)),
    Case("title-list", front("title: [a, b]\n" + DATE), (at("title-list", "2:8", "title: expected text, got a list"),)),
    Case("title-map", front("title: {a: b}\n" + DATE), (at("title-map", "2:8", "title: expected text, got a mapping"),)),
    Case("title-bool", front("title: true\n" + DATE), (at("title-bool", "2:8", "title: expected text, got True"),)),
    Case("title-empty", front("title: ''\n" + DATE), (at("title-empty", "2:8", "title: must not be empty"),)),
    Case("title-null", front("title:\n" + DATE), (at("title-null", "2:1", "missing required key 'title'"),)),
    Case("draft-word", front("title: T\n" + DATE + "draft: maybe\n"),
         (at("draft-word", "4:8", "draft: expected true or false, got 'maybe'"),)),
    Case("draft-number", front("title: T\n" + DATE + "draft: 1\n"),
         (at("draft-number", "4:8", "draft: expected true or false, got 1"),)),
    Case("toc-text", front("title: T\n" + DATE + "toc: 'yes'\n"),
         (at("toc-text", "4:6", "toc: expected true or false, got 'yes'"),)),
    Case("math-list", front("title: T\n" + DATE + "math: []\n"),
         (at("math-list", "4:7", "math: expected true or false, got a list"),)),
    Case("categories-map", front("title: T\n" + DATE + "categories: {a: b}\n"),
         (at("categories-map", "4:13", "categories: expected a name or a list of names, got a mapping"),)),
    Case("tags-nested-map", front("title: T\n" + DATE + "tags: [a, {b: c}]\n"),
         (at("tags-nested-map", "4:7", "tags: expected a name or a list of names, got a list"),)),
    Case("slug-list", front("title: T\n" + DATE + "slug: [a]\n"), (at("slug-list", "4:7", "slug: expected text, got a list"),)),
    Case("summary-map", front("title: T\n" + DATE + "summary: {a: 1}\n"),
         (at("summary-map", "4:10", "summary: expected text, got a mapping"),)),
    Case("description-list", front("title: T\n" + DATE + "description: [a]\n"),
         (at("description-list", "4:14", "description: expected text, got a list"),)),
    Case("author-bool", front("title: T\n" + DATE + "author: no\n"),
         (at("author-bool", "4:9", "author: expected text, got False"),)),
    Case("lang-unknown", front("title: T\n" + DATE + "lang: fr\n"),
         (at("lang-unknown", "4:7", "lang: 'fr' is not one of languages (zh, en)"),)),
    Case("lang-list", front("title: T\n" + DATE + "lang: [en]\n"), (at("lang-list", "4:7", "lang: expected text, got a list"),)),
    Case("translation-key-map", front("title: T\n" + DATE + "translation_key: {a: 1}\n"),
         (at("translation-key-map", "4:18", "translation_key: expected text, got a mapping"),)),
    Case("macros-list", front("title: T\n" + DATE + "macros: ['\\R']\n"),
         (at("macros-list", "4:9", "macros: expected a mapping of TeX commands to their definitions, got a list"),)),
    Case("aliases-map", front("title: T\n" + DATE + "aliases: {a: 1}\n"),
         (at("aliases-map", "4:10", "aliases: expected a name or a list of names, got a mapping"),)),
]

ACCEPTED = [  # (case, the title the page shows); expected holds the file's warnings
    (Case("crlf", b"---\r\ntitle: CRLF\r\ndate: 2026-01-01\r\n---\r\n\r\nBody.\r\n", ()), "CRLF"),
    (Case("lone-cr", b"---\rtitle: Lone CR\rdate: 2026-01-01\r---\r\rBody.\r", ()), "Lone CR"),
    (Case("utf-8-bom", "\ufeff---\ntitle: BOM\ndate: 2026-01-01\n---\nBody.\n", ()), "BOM"),
    (Case("billion-laughs", front("title: Laughs\n" + DATE + laughs(9)), ()), "Laughs"),
    (Case("duplicate-key", front("title: First\ntitle: Second\n" + DATE),
          (at("duplicate-key", "3:1", "duplicate key 'title' (the last one wins)", "warning"),)), "Second"),
    (Case("dots-closer", "---\ntitle: Dots\ndate: 2026-01-01\n...\nBody.\n", ()), "Dots"),
    (Case("number-title", front("title: 2026\n" + DATE), ()), "2026"),
    (Case("huge-scalar", front("title: " + "长" * 100_000 + "\n" + DATE), ()), "长" * 100_000),
    (Case("nul-in-body", b"---\ntitle: NUL body\ndate: 2026-01-01\n---\na\x00b\n", ()), "NUL body"),
    (Case("markup-title", front("title: \"</title><script>alert(1)</script>\"\n" + DATE), ()),
     "</title><script>alert(1)</script>"),
]


@pytest.fixture(scope="module")
def rejected(tmp_path_factory):
    root = tmp_path_factory.mktemp("front-matter-rejected")
    return build_batch(root, {f"content/posts/{case.name}.md": case.data for case in REJECTED})


@pytest.fixture(scope="module")
def accepted(tmp_path_factory):
    site = write_site(tmp_path_factory.mktemp("front-matter-accepted"),
                      {"site.yaml": QUIET_SITE_YAML, **{f"content/posts/{case.name}.md": case.data for case, _ in ACCEPTED}})
    return site, run_blog("build", "--site", site)


def test_rejected_batch_fails_cleanly(rejected):
    assert_failed_cleanly(rejected)
    assert len(rejected.run.diagnostics) == sum(len(case.expected) for case in REJECTED)


@pytest.mark.parametrize("case", REJECTED, ids=[case.name for case in REJECTED])
def test_rejected(rejected, case: Case):
    assert rejected.lines_for(f"content/posts/{case.name}.md") == list(case.expected)


@pytest.mark.parametrize("case, title", ACCEPTED, ids=[case.name for case, _ in ACCEPTED])
def test_accepted(accepted, case: Case, title: str):
    site, run = accepted
    assert_built(run)
    assert [line for line in run.diagnostics if line.startswith(f"content/posts/{case.name}.md:")] == list(case.expected)
    page = (site / "public/posts" / case.name / "index.html").read_text(encoding="utf-8")
    assert f"<h1>{html.escape(title, quote=False)}</h1>" in page or f">{html.escape(title, quote=False)}</h1>" in page
    assert "<script>alert(1)" not in page
