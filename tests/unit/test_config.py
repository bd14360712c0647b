from pathlib import Path

import pytest

from blog.settings.config import load_config
from blog.diagnostics import BlogError


def config_of(tmp_path: Path, text: str):
    (tmp_path / "site.yaml").write_text(text, encoding="utf-8")
    return load_config(tmp_path)


def errors_of(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(BlogError) as caught:
        config_of(tmp_path, text)
    return [str(d) for d in caught.value.diagnostics]


def test_two_keys_make_a_complete_site_with_the_documented_defaults(tmp_path):
    config, warnings = config_of(tmp_path, "title: Transmission\nbase_url: https://example.org/\n")
    assert warnings == []
    assert config.default_language == "zh"
    assert list(config.languages) == ["zh", "en"]
    assert config.languages["zh"].name == "中文" and config.languages["en"].name == "English"
    assert (config.paginate, config.output_dir, config.excerpt.length) == (10, "public", 350)


def test_fuller_example_from_the_design(tmp_path):
    config, _ = config_of(tmp_path, """\
title: Transmission
tagline: INCOMING TRANSMISSION
base_url: https://example.org/blog
default_language: zh
languages:
  zh: {name: 中文, title: 传输, date_format: "%Y-%m-%d"}
  en: {name: English, title: Transmission, date_format: "%b %d, %Y"}
paginate: 10
math: {macros: {"\\\\R": "\\\\mathbb{R}", "\\\\E": "\\\\mathbb{E}"}}
""")
    assert config.base_url == "https://example.org/blog/"  # normalised with a trailing slash
    assert config.languages["en"].title == "Transmission"
    assert config.math.macros == {"\\R": "\\mathbb{R}", "\\E": "\\mathbb{E}"}
    assert config.language_codes == ("zh", "en")


def test_unknown_keys_are_warnings_with_their_line_and_a_suggestion(tmp_path):
    _, warnings = config_of(tmp_path, "title: T\nbase_url: https://e.org/\npaginte: 5\nexcerpt: {lenght: 9}\n")
    assert [str(w) for w in warnings] == [
        "site.yaml:3:1: warning: unknown key 'paginte' (did you mean 'paginate'?)",
        "site.yaml:4:11: warning: unknown key 'excerpt.lenght' (did you mean 'length'?)",
    ]


def test_every_wrong_type_is_an_error_with_its_line_all_at_once(tmp_path):
    assert errors_of(tmp_path, "title: T\nbase_url: https://e.org/\npaginate: ten\nmarkdown:\n  html: maybe\n") == [
        "site.yaml:3:11: error: paginate: expected a whole number, got 'ten'",
        "site.yaml:5:9: error: markdown.html: expected true or false, got 'maybe'",
    ]


def test_missing_title_and_bad_base_url(tmp_path):
    assert errors_of(tmp_path, "base_url: https://example.org/\n") == [
        "site.yaml:1:1: error: missing required key 'title'",
    ]
    assert errors_of(tmp_path, "title: T\nbase_url: example.org\n") == [
        "site.yaml:2:11: error: base_url: 'example.org' is not an absolute URL (expected e.g. https://example.org/)",
    ]


def test_default_language_must_be_listed(tmp_path):
    assert errors_of(tmp_path, "title: T\nbase_url: https://e.org/\ndefault_language: fr\n") == [
        "site.yaml:3:19: error: default_language: 'fr' is not one of languages (zh, en)",
    ]


def test_invalid_yaml_points_at_the_problem(tmp_path):
    assert errors_of(tmp_path, "title: T\nbase_url: [https://e.org/\n") == [
        "site.yaml:3:1: error: invalid YAML: did not find expected ',' or ']' "
        "(while parsing a flow sequence that starts at line 2)",
    ]


def test_yaml_is_safe_loaded(tmp_path):
    errors = errors_of(tmp_path, "title: !!python/object/apply:os.system ['touch pwned']\nbase_url: https://e.org/\n")
    assert errors[0].startswith("site.yaml:1:8: error: invalid YAML: could not determine a constructor")
    assert not (tmp_path / "pwned").exists()


def test_missing_site_yaml(tmp_path):
    with pytest.raises(BlogError) as caught:
        load_config(tmp_path)
    assert str(caught.value.diagnostics[0]).startswith("site.yaml: error: no site.yaml in")


def test_allowed_values_are_reported_with_the_other_wrong_values(tmp_path):
    assert errors_of(tmp_path, "title: T\nbase_url: https://e.org/\npaginate: 0\nmarkdown: {heading_ids: goldmark}\n"
                               "code: {style_dark: midnight}\nfeed: {aliases: [/atom.xml, index.xml]}\n") == [
        "site.yaml:3:11: error: paginate: expected a number of at least 1, got 0",
        "site.yaml:4:25: error: markdown.heading_ids: 'goldmark' is not a scheme "
        "(expected one of blog, hugo, hugo-ascii, hugo-blackfriday, hexo, jekyll, kramdown)",
        "site.yaml:5:20: error: code.style_dark: unknown Pygments style 'midnight' "
        "(e.g. default, friendly, monokai, github-dark)",
        "site.yaml:6:29: error: feed.aliases: 'index.xml' is not a file's address (expected e.g. /atom.xml)",
    ]
