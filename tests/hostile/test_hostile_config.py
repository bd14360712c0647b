"""Hostile settings: every wrong site.yaml value is one exact line, and no output folder choice
can replace or delete anything a build did not make."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.corpus import GOOD_POST, snapshot, tree
from tests.support.cli import run_main
from tests.support.sites import write_site

BASE = "title: T\nbase_url: https://example.org/\nsearch: {enabled: false}\n"  # the bad line is line 4

SETTINGS = [  # (id, site.yaml, the exact lines)
    ("languages-empty", BASE + "languages: {}\n",
     ["site.yaml:4:12: error: languages: expected a mapping of language codes with at least one language"]),
    ("languages-list", BASE + "languages: [zh, en]\n",
     ["site.yaml:4:12: error: languages: expected a mapping of language codes with at least one language"]),
    ("language-code-bad", BASE + "languages: {'zh!': {name: x}}\n",
     ["site.yaml:4:13: error: languages: 'zh!' is not a language code (expected e.g. zh, en, pt-br)"]),
    ("language-null", BASE + "languages: {zh: null, en: {name: E}}\n",
     ["site.yaml:4:17: error: missing required key 'languages.zh.name'"]),
    ("language-name-list", BASE + "languages: {zh: {name: [1]}}\n",
     ["site.yaml:4:24: error: languages.zh.name: expected text, got a list"]),
    ("default-language-unlisted", BASE + "default_language: fr\n",
     ["site.yaml:4:19: error: default_language: 'fr' is not one of languages (zh, en)"]),
    ("default-language-empty", BASE + "default_language: ''\n",
     ["site.yaml:4:19: error: default_language: '' is not one of languages (zh, en)"]),
    ("paginate-0", BASE + "paginate: 0\n", ["site.yaml:4:11: error: paginate: expected a number of at least 1, got 0"]),
    ("paginate-minus-1", BASE + "paginate: -1\n",
     ["site.yaml:4:11: error: paginate: expected a number of at least 1, got -1"]),
    ("paginate-ten", BASE + "paginate: ten\n", ["site.yaml:4:11: error: paginate: expected a whole number, got 'ten'"]),
    ("paginate-float", BASE + "paginate: 2.5\n", ["site.yaml:4:11: error: paginate: expected a whole number, got 2.5"]),
    ("base-url-ftp", "title: T\nsearch: {enabled: false}\nx: 1\nbase_url: ftp://example.org/\n",
     ["site.yaml:3:1: warning: unknown key 'x'",
      "site.yaml:4:11: error: base_url: 'ftp://example.org/' is not an absolute URL (expected e.g. https://example.org/)"]),
    ("base-url-javascript", "title: T\nsearch: {enabled: false}\n\nbase_url: 'javascript:alert(1)//'\n",
     ["site.yaml:4:11: error: base_url: 'javascript:alert(1)//' is not an absolute URL (expected e.g. https://example.org/)"]),
    ("base-url-no-host", "title: T\nsearch: {enabled: false}\n\nbase_url: 'https://'\n",
     ["site.yaml:4:11: error: base_url: 'https://' is not an absolute URL (expected e.g. https://example.org/)"]),
    ("base-url-markup", "title: T\nsearch: {enabled: false}\n\nbase_url: 'https://example.org/\"><script>/'\n",
     ["site.yaml:4:11: error: base_url: '\"' is not allowed in a URL (percent-encode it)"]),
    ("base-url-space", "title: T\nsearch: {enabled: false}\n\nbase_url: 'https://example.org/my blog/'\n",
     ["site.yaml:4:11: error: base_url: ' ' is not allowed in a URL (percent-encode it)"]),
    ("base-url-list", "title: T\nsearch: {enabled: false}\n\nbase_url: [https://example.org/]\n",
     ["site.yaml:4:11: error: base_url: expected text, got a list"]),
    ("base-url-missing", "title: T\n", ["site.yaml:1:1: error: missing required key 'base_url'"]),
    ("title-missing", "base_url: https://example.org/\n", ["site.yaml:1:1: error: missing required key 'title'"]),
    ("output-dir-list", BASE + "output_dir: [public]\n", ["site.yaml:4:13: error: output_dir: expected text, got a list"]),
    ("excerpt-length-0", BASE + "excerpt: {length: 0}\n",
     ["site.yaml:4:19: error: excerpt.length: expected a number of at least 1, got 0"]),
    ("feed-limit-0", BASE + "feed: {limit: 0}\n", ["site.yaml:4:15: error: feed.limit: expected a number of at least 1, got 0"]),
    ("file-kb-0", BASE + "limits: {file_kb: 0}\n",
     ["site.yaml:4:19: error: limits.file_kb: expected a number of at least 1, got 0"]),
    ("nesting-text", BASE + "limits: {nesting: deep}\n",
     ["site.yaml:4:19: error: limits.nesting: expected a whole number, got 'deep'"]),
    ("code-style-unknown", BASE + "code: {style_dark: midnight}\n",
     ["site.yaml:4:20: error: code.style_dark: unknown Pygments style 'midnight' "
      "(e.g. default, friendly, monokai, github-dark)"]),
    ("yaml-list", "- title\n- base_url\n", ["site.yaml:1:1: error: site.yaml: expected a mapping of settings"]),
    ("yaml-python-tag", BASE + "x: !!python/object/apply:os.system ['touch pwned']\n",
     ["site.yaml:4:4: error: invalid YAML: could not determine a constructor for the tag "
      "'tag:yaml.org,2002:python/object/apply:os.system'"]),
    ("yaml-not-utf-8", (BASE + "tagline: caf\xe9\n").encode("latin-1"),
     ["site.yaml: error: not UTF-8 text: invalid continuation byte"]),
    ("yaml-empty", "", ["site.yaml:1:1: error: missing required key 'base_url'",
                        "site.yaml:1:1: error: missing required key 'title'"]),
    ("many-at-once", BASE + "paginate: 0\ndefault_language: fr\ncolour: blue\n",
     ["site.yaml:4:11: error: paginate: expected a number of at least 1, got 0",
      "site.yaml:5:19: error: default_language: 'fr' is not one of languages (zh, en)",
      "site.yaml:6:1: warning: unknown key 'colour'"]),
]


@pytest.mark.parametrize("site_yaml, expected", [case[1:] for case in SETTINGS], ids=[case[0] for case in SETTINGS])
def test_a_wrong_setting_is_one_exact_line(tmp_path: Path, site_yaml: str | bytes, expected: list[str]):
    site = write_site(tmp_path / "site", {"site.yaml": site_yaml, "content/posts/good.md": GOOD_POST})
    before = tree(tmp_path)
    run = run_main("build", "--site", site)
    assert (run.code, run.diagnostics) == (1, expected)
    assert "Traceback" not in run.stderr
    assert tree(tmp_path) == before


def test_a_missing_site_yaml_is_one_line(tmp_path: Path):
    run = run_main("build", "--site", tmp_path / "nowhere")
    assert (run.code, run.stderr) == (1, f"site.yaml: error: no site.yaml in '{tmp_path / 'nowhere'}' (is --site right?)\n"
                                         "build failed: 1 error(s); the output folder was left as it was\n")


HOLDS_SITE = "it holds the site itself"

OUTPUTS = [  # (id, --output relative to the test folder, or site.yaml's output_dir, the reason)
    ("dot", "--output", "site/.", HOLDS_SITE),
    ("the-site", "--output", "site", HOLDS_SITE),
    ("parent-of-the-site", "--output", ".", HOLDS_SITE),
    ("content", "--output", "site/content", "it is inside the site's content/ folder"),
    ("inside-content", "--output", "site/content/posts/public", "it is inside the site's content/ folder"),
    ("static", "--output", "site/static", "it is inside the site's static/ folder"),
    ("templates", "--output", "site/templates", "it is inside the site's templates/ folder"),
    ("root", "--output", "/", "it is a filesystem root or the home folder"),
    ("home", "--output", "home", "it is a filesystem root or the home folder"),
    ("other-files", "--output", "documents", "it holds files that no build made (empty it or choose another folder)"),
    ("a-file", "--output", "notes.txt", "it is a file"),
    ("yaml-empty", "output_dir", "", HOLDS_SITE),
    ("yaml-dot-dot", "output_dir", "..", HOLDS_SITE),
    ("yaml-content", "output_dir", "content", "it is inside the site's content/ folder"),
    ("yaml-absolute-root", "output_dir", "/", "it is a filesystem root or the home folder"),
    ("yaml-other-files", "output_dir", "../documents", "it holds files that no build made (empty it or choose another folder)"),
]


@pytest.mark.parametrize("how, where, reason", [case[1:] for case in OUTPUTS], ids=[case[0] for case in OUTPUTS])
def test_no_output_folder_can_replace_what_a_build_did_not_make(tmp_path: Path, monkeypatch, how: str, where: str,
                                                                reason: str):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    write_site(tmp_path, {"home/.bashrc": "# mine\n", "documents/thesis.tex": "\\begin{document}\n",
                          "notes.txt": "mine\n"})
    site_yaml = BASE + (f"output_dir: '{where}'\n" if how == "output_dir" else "")
    site = write_site(tmp_path / "site", {"site.yaml": site_yaml, "content/posts/good.md": GOOD_POST,
                                          "static/logo.txt": "logo\n", "templates/.keep": ""})
    before = snapshot(tmp_path)
    run = run_main("build", "--site", site, *(["--output", where] if how == "--output" else []))
    output = (Path(where) if how == "--output" else site / where).resolve()
    shown = "--output" if how == "--output" else "site.yaml"
    assert (run.code, run.diagnostics) == (1, [f"{shown}: error: refusing to use '{output}' as the output folder: {reason}"])
    assert snapshot(tmp_path) == before


def test_an_empty_folder_and_a_folder_built_before_are_used(tmp_path: Path):
    site = write_site(tmp_path / "site", {"site.yaml": BASE, "content/posts/good.md": GOOD_POST})
    (tmp_path / "empty").mkdir()
    assert run_main("build", "--site", site, "--output", tmp_path / "empty").code == 0
    assert (tmp_path / "empty/.blog-output").is_file()
    (site / "content/posts/more.md").write_text(GOOD_POST.replace("Good", "More"), encoding="utf-8")
    assert run_main("build", "--site", site, "--output", tmp_path / "empty").code == 0
    assert (tmp_path / "empty/posts/more/index.html").is_file()
