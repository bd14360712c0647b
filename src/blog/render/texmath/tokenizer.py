"""Split TeX source into tokens, the way TeX's eyes do.

A token is `(text, offset)`: a control sequence (`\\frac`, `\\,`), one character, or `" "`
for a run of whitespace. Comments vanish, and so do the spaces after a control word.
"""
import re

Token = tuple[str, int]

# Every character belongs to exactly one token, so offsets are running sums of lengths.
_TOKEN = re.compile(
    r"\\[A-Za-z@]+[ \t\r\n]*"  # control word, with the spaces TeX skips after it
    r"|\\.?"  # control symbol (\, \{ \\ …), or a backslash that ends the formula
    r"|%[^\n]*\n?[ \t]*"  # comment, with the line break and indentation after it
    r"|[ \t\r\n]+"  # whitespace
    r"|.",  # anything else
    re.S,
)


def tokenize(tex: str) -> list[Token]:
    tokens: list[Token] = []
    append = tokens.append
    offset = 0
    for text in _TOKEN.findall(tex):
        first = text[0]
        if first == "\\" and len(text) > 1:
            if text[1].isspace():
                append(("\\ ", offset))
            else:
                append((text.rstrip(" \t\r\n") if text[-1] in " \t\r\n" else text, offset))
        elif first in " \t\r\n":
            append((" ", offset))
        elif first != "%":
            append((text, offset))
        offset += len(text)
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
