"""The one validator of YAML documents, checked directly: what site.yaml, front matter and
i18n files share (positions, unknown keys, required keys, every problem at once)."""

from dataclasses import dataclass

from blog.settings.validation import Field, ListOf, MappingOf, Place, Section, WholeNumber, flag, load_record, text
from blog.settings.yamlsrc import load_yaml


def check(section: Section, yaml_text: str) -> tuple[dict, bool, list[str]]:
    doc, problems = load_yaml(yaml_text, "a.yaml")
    values, complete = section.check(doc.data, Place(doc, problems))
    return values, complete, [str(p) for p in problems]


def test_every_problem_is_reported_at_its_value_with_its_key():
    section = Section({"name": Field(text, required=True), "draft": Field(flag), "parts": Field(ListOf(WholeNumber(1)))})
    values, complete, problems = check(section, "draft: maybe\nparts: [1, 0, x]\nnmae: n\n")
    assert (values, complete) == ({}, False)
    assert problems == [
        "a.yaml:3:1: warning: unknown key 'nmae' (did you mean 'name'?)",
        "a.yaml:1:1: error: missing required key 'name'",
        "a.yaml:1:8: error: draft: expected true or false, got 'maybe'",
        "a.yaml:2:12: error: parts.1: expected a number of at least 1, got 0",
        "a.yaml:2:15: error: parts.2: expected a whole number, got 'x'",
    ]


def test_every_bad_value_of_a_mapping_is_reported():
    _, _, problems = check(Section({"macros": Field(MappingOf(text))}), "macros: {a: [1], b: ok, c: {d: 1}}\n")
    assert problems == ["a.yaml:1:13: error: macros.a: expected text, got a list",
                        "a.yaml:1:28: error: macros.c: expected text, got a mapping"]


def test_an_empty_value_can_count_as_absent_and_unknown_keys_can_pass():
    section = Section({"title": Field(text, required=True), "slug": Field(text)}, unknown=None, null_is_absent=True)
    assert check(section, "title:\nslug:\nsticky: 1\n") == ({}, False, ["a.yaml:1:1: error: missing required key 'title'"])


def test_a_fallback_key_is_read_when_the_field_gives_no_value():
    section = Section({"updated": Field(text, fallback="lastmod")})
    assert check(section, "lastmod: b\n") == ({"updated": "b"}, True, [])
    assert check(section, "updated: a\nlastmod: [b]\n") == ({"updated": "a"}, True, [])
    assert check(section, "updated: [a]\nlastmod: b\n") == ({"updated": "b"}, False,
                                                             ["a.yaml:1:10: error: updated: expected text, got a list"])


@dataclass(frozen=True)
class Inner:
    size: int = 3


@dataclass(frozen=True)
class Outer:
    code: str  # preset by the caller
    title: str
    inner: Inner = Inner()
    tags: tuple[str, ...] = ()


def test_a_dataclass_declares_its_fields_and_defaults():
    doc, problems = load_yaml("title: T\ninner: {size: 5}\n", "a.yaml")
    assert load_record(Outer, doc.data, Place(doc, problems), code="x") == Outer("x", "T", Inner(5))
    doc, problems = load_yaml("inner: {size: big}\ncode: y\n", "a.yaml")
    assert load_record(Outer, doc.data, Place(doc, problems), code="x") is None
    assert [str(p) for p in problems] == ["a.yaml:2:1: warning: unknown key 'code'",
                                          "a.yaml:1:1: error: missing required key 'title'",
                                          "a.yaml:1:15: error: inner.size: expected a whole number, got 'big'"]
