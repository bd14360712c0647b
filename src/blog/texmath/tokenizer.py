"""Split TeX source into tokens, the way TeX's eyes do.

A token is `(text, offset)`: a control sequence (`\\frac`, `\\,`), one character, or `" "`
for a run of whitespace. Comments vanish, and so do the spaces after a control word.
"""
import re

Token = tuple[str, int]

_TOKEN = re.compile(
    r"(\\[A-Za-z@]+)[ \t\r\n]*"  # 1 control word; TeX skips the spaces after it
    r"|(\\.)"  # 2 control symbol: \, \{ \\ …
    r"|(\\)$"  # 3 a backslash that ends the formula
    r"|(%[^\n]*\n?[ \t]*)"  # 4 comment, with the line break and indentation after it
    r"|([ \t\r\n]+)"  # 5 whitespace
    r"|(.)",  # 6 anything else
    re.S,
)


def tokenize(tex: str) -> list[Token]:
    tokens: list[Token] = []
    append = tokens.append
    for match in _TOKEN.finditer(tex):
        kind = match.lastindex
        if kind == 6:
            append((match.group(6), match.start()))
        elif kind == 1:
            append((match.group(1), match.start()))
        elif kind == 5:
            append((" ", match.start()))
        elif kind == 2:
            text = match.group(2)
            append(("\\ " if text[1].isspace() else text, match.start()))
        elif kind == 3:
            append(("\\", match.start()))
    return tokens


def is_control_word(text: str) -> bool:
    return len(text) > 1 and text[0] == "\\" and (text[1].isalpha() or text[1] == "@")


def tokens_to_source(tokens: list[Token]) -> str:
    """Write tokens back as TeX, with a space only where one is needed after a control word."""
    parts = []
    after_word = False
    for text, _ in tokens:
        if after_word and (text[0].isalpha() or text[0] == "@"):
            parts.append(" ")
        parts.append(text)
        after_word = is_control_word(text)
    return "".join(parts)
