"""Property-based fuzzing of a whole post: front matter, Markdown and math, as the build reads
and renders it. Whatever the bytes, nothing raises, and every diagnostic names the file and a
line inside it.

`make test` runs a bounded, reproducible number of examples; `make fuzz` runs many more
(BLOG_FUZZ=long) with a per-example deadline that turns a hang into a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blog.render.markdown.jobs import language_job, make_render_job
from blog.settings.config import LanguageConfig, SiteConfig
from blog.content.sources import SourceFile, parse_source
from blog.settings.i18n import load_strings
from blog.render.markdown.render import render
from blog.settings.urls import Urls

settings.register_profile("bounded", max_examples=120, deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=20_000, deadline=10_000, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("BLOG_FUZZ", "bounded"))

CONFIG = SiteConfig(title="T", base_url="https://example.org/",
                    languages={"zh": LanguageConfig("zh", "中文"), "en": LanguageConfig("en", "English")})
FILE = SourceFile("content/posts/fuzz.md", "post", "fuzz", None)

KEYS = ["title", "date", "updated", "lastmod", "categories", "tags", "slug", "draft", "summary", "lang",
        "translation_key", "toc", "math", "macros", "description", "author", "aliases", "extra"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**30), st.floats(allow_nan=True),
                    st.text(max_size=30), st.sampled_from(["2026-01-11", "2026-02-30", "0000-01-01", "2026/5/1",
                                                           "2026-01-11 10:30", "2026-01-11T10:30:00+08:00", "zh",
                                                           "en", "fr", "\\R", "$x$", "</script>", "-->"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                      max_leaves=12)
YAML_PIECES = ["title: T\n", "date: 2026-01-11\n", "- a\n", "  ", "\t", ": ", "key", "&a ", "*a", "!!python/object ",
               "!!binary ", "!tag ", "[", "]", "{", "}", "'", '"', "|\n", ">\n", "? ", "<<: ", "---\n", "...\n",
               "#", "\x00", "\r", "\ufeff", "é", "中文", "\n"]
MARKDOWN_PIECES = [
    "\n", "\n\n", "# ", "## h {#id}", "> ", "- ", "1. ", "  ", "    ", "```", "```python\n", "```math\n", "~~~",
    "$", "$$", "\\(", "\\)", "\\[", "\\]", "x^2", "\\frac{a}{b}", "{", "}", "\\newcommand{\\a}{\\a\\a}", "\\a",
    "\\def\\b{\\b}", "\\b", "\\begin{pmatrix}", "\\end{pmatrix}", "&", "\\\\", "\\label{e}", "\\eqref{e}",
    "\\tag{1}", "$5 and $10", "*", "**", "_", "__", "`", "[", "]", "(", ")", "[^1]", "[^1]: note", "![i](x.png)",
    "<div>", "</div>", "<script>", "</script>", "<!--", "-->", "<!--more-->", "::: note", ":::", "| a | b |",
    "|---|---|", "- [ ] ", "Term\n: def", "&amp;", "&#0;", "&#x110000;", "中文", "😀", "\u200d", "\x00", "\r\n",
    "\r", "\t", "\\", "https://example.org/", "<https://x.org>", "{{", "}}",
]


def pieces(alphabet: list[str], most: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(alphabet) | st.text(max_size=6), max_size=most).map("".join)


FRONT = st.one_of(
    st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=8).map(
        lambda data: yaml.safe_dump({"title": "T", "date": "2026-01-11", **data}, allow_unicode=True)),
    pieces(YAML_PIECES, 30),
)
POST = st.tuples(st.sampled_from(["---\n", "---\r\n", "\ufeff---\n", "", "--- \n"]), FRONT,
                 st.sampled_from(["---\n", "...\n", "---", ""]), pieces(MARKDOWN_PIECES, 60))
ENCODED = st.one_of(POST.map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass")),
                    POST.map(lambda parts: "".join(parts).encode("utf-16")), st.binary(max_size=200))


def assert_placed(diagnostics, raw: bytes) -> None:
    lines = raw.count(b"\n") + raw.count(b"\r") + 1  # CR, LF and CRLF each end a line at most once
    for diagnostic in diagnostics:
        assert diagnostic.src_path == FILE.src_path, diagnostic
        assert isinstance(diagnostic.line, int) and 1 <= diagnostic.line <= lines, (diagnostic, lines)
        assert "\n" not in diagnostic.message and "Traceback" not in diagnostic.message, diagnostic


SHARED = {lang: language_job(CONFIG, load_strings(Path(os.devnull), lang)[0], Urls(CONFIG).base_path) for lang in CONFIG.languages}


@given(ENCODED)
def test_any_post_is_read_and_rendered_with_placed_diagnostics(raw: bytes):
    source, problems = parse_source(FILE, raw, CONFIG)
    assert_placed(problems, raw)
    if source is None:
        assert any(problem.severity == "error" for problem in problems)
        return
    rendered = render(make_render_job(SHARED[source.lang], CONFIG, source))
    assert_placed(rendered.diagnostics, raw)
    assert isinstance(rendered.html, str) and isinstance(rendered.excerpt, str)
