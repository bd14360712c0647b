"""The text after a citation's key, split as Pandoc does: a locator, then the author's words."""

import pytest

from blog.site.scholarly.locators import CitedPart, split_locator


@pytest.mark.parametrize("text, expected", [
    ("", CitedPart("", "", "")),
    ("p. 12", CitedPart("page", "12", "")),
    ("12", CitedPart("page", "12", "")),
    ("p. 12, and passim", CitedPart("page", "12", ", and passim")),
    ("pp. 33-35, 38-39 and passim", CitedPart("page", "33-35, 38-39", " and passim")),
    ("ch. 3 for details", CitedPart("chapter", "3", " for details")),
    ("chap. 13", CitedPart("chapter", "13", "")),
    ("sec. 13.5，含伪代码", CitedPart("section", "13.5", "，含伪代码")),
    ("sec. 3.2.", CitedPart("section", "3.2", ".")),
    ("p. iv, and", CitedPart("page", "iv", ", and")),
    ("pp. {ii, A}, with a note", CitedPart("page", "ii, A", ", with a note")),
    ("for details", CitedPart("", "", ", for details")),
    ("did you", CitedPart("", "", ", did you")),  # roman letters, but no label: words
    ("page one", CitedPart("", "", ", page one")),
    ("p.\n 12", CitedPart("page", "12", "")),
])
def test_split_locator(text, expected):
    assert split_locator(text) == expected
