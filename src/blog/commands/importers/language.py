"""The blog's default language: what its settings say, checked against what its posts are written in.

Settings are often missing (a Hugo blog without `defaultContentLanguage` is English to Hugo, whatever
its posts say) or wrong (a starter theme's `language: en` left in place). The text decides then: a
post is Chinese when Chinese characters are at least a fifth of its letters, because technical
Chinese is full of English terms, code and TeX, none of which is counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .plan import Document

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_NOT_PROSE = re.compile(r"^(`{3,}|~{3,}).*?^\1|`[^`\n]*`|\$\$.*?\$\$|\$[^$\n]*\$|<[^>\n]*>|\{[{%].*?[}%]\}",
                        re.DOTALL | re.MULTILINE)
CHINESE_SHARE = 0.2  # of the letters of a post's prose
CONTRADICTED = 2 / 3  # of the posts in the other language before the settings are overruled
ENOUGH_TO_OVERRULE = 3  # posts: one or two are too few to say the settings are wrong
NAMES = {"zh": "Chinese", "en": "English"}
# Folders that hold one language of a blog (Hugo's `content/cn/`, Jekyll's `en/_posts/`).
LANGUAGE_FOLDERS = {"cn": "zh", "zh": "zh", "zh-cn": "zh", "zh-hans": "zh", "zh-tw": "zh", "zh-hant": "zh",
                    "en": "en", "en-us": "en", "en-gb": "en"}


def text_language(text: str) -> str | None:
    """'zh' or 'en' for a post's text; None when it has no letters to judge by."""
    prose = _NOT_PROSE.sub(" ", text)
    han, latin = len(_HAN.findall(prose)), len(_LATIN.findall(prose))
    if han + latin == 0:
        return None
    return "zh" if han >= CHINESE_SHARE * (han + latin) else "en"


@dataclass(frozen=True)
class Evidence:
    chinese: int  # posts written in Chinese
    judged: int  # posts with text to judge by

    @property
    def language(self) -> str | None:
        if not self.judged:
            return None
        return "zh" if self.chinese * 2 >= self.judged else "en"

    def share_of(self, lang: str) -> float:
        count = self.chinese if lang == "zh" else self.judged - self.chinese
        return count / self.judged if self.judged else 0.0

    def describe(self, lang: str) -> str:
        count = self.chinese if lang == "zh" else self.judged - self.chinese
        return f"{count} of {self.judged} posts are written in {NAMES[lang]}"


def evidence(documents: list[Document]) -> Evidence:
    """What the posts in the default language (those that name no language of their own) are written in."""
    judged = [lang for doc in documents if doc.lang is None and (lang := text_language(doc.body))]
    return Evidence(sum(1 for lang in judged if lang == "zh"), len(judged))


def decide_language(declared: str | None, source: str, documents: list[Document]) -> tuple[str, str]:
    """The default language and a note on how it was chosen ('' when the settings and the posts agree).

    `declared` is our code for the blog's setting, `source` names that setting in messages."""
    found = evidence(documents)
    if declared is None:
        if found.judged:
            chosen = found.language
            return chosen, f"the blog sets no language and {found.describe(chosen)}; chose '{chosen}'"
        named = [doc.lang for doc in documents if doc.lang]  # every post names its language (folders, lang:)
        chosen = max(sorted(set(named)), key=named.count) if named else "en"
        return chosen, f"the blog sets no default language; chose '{chosen}', the language of most of its posts"
    other = {"zh": "en", "en": "zh"}.get(declared)
    if other is not None and found.judged >= ENOUGH_TO_OVERRULE and found.share_of(other) >= CONTRADICTED:
        return other, (f"the blog's {source} says '{declared}', but {found.describe(other)}; "
                       f"chose '{other}'")
    return declared, ""
