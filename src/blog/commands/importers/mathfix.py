"""Undo what a blog's Markdown engine forced authors to write around their formulas.

Hexo's marked and Hugo's Goldmark (without the passthrough extension) treat math as ordinary
text, so MathJax saw the formula only after Markdown had eaten one level of backslashes and
turned `_…_` into emphasis. Authors compensated: `\\\\(…\\\\)` for `\\(…\\)`, `\\\\\\\\` for a
line break, `\\\\{` for a brace, `\\_` for a subscript, `$ x $` with spaces, or a `<div>` around
display math to hide it from Markdown. Our renderer reads math raw, so each of those is turned
back into the TeX that MathJax actually received.
"""

from __future__ import annotations

import re

_ASCII_PUNCTUATION = re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_MARKDOWN_ESCAPE = re.compile(rf"\\([{_ASCII_PUNCTUATION}])")
# A backslash escaped for Markdown in front of TeX punctuation: only ever written for an engine that eats one.
_DOUBLED = re.compile(r"\\\\(?:\\\\|[{},;:!|#%&_])")
# `\_` and `\*` in math were written so Markdown would not make emphasis; in `\text{…}` they are TeX's own.
_EMPHASIS_ESCAPE = re.compile(r"\\([_*])")
_TEXT_ARGUMENT = re.compile(r"\\(?:text\w*|mbox|mathrm|operatorname|texttt)\s*\{[^{}]*\}")


def unescape_markdown(tex: str) -> str:
    """What Markdown makes of backslash escapes: `\\\\X` becomes X for ASCII punctuation X."""
    return _MARKDOWN_ESCAPE.sub(r"\1", tex)


def restore_tex(tex: str) -> str:
    """The TeX MathJax saw, for a `$`-delimited formula written for a Markdown engine."""
    if _DOUBLED.search(tex):
        return unescape_markdown(tex)
    if "\\_" not in tex and "\\*" not in tex:
        return tex
    kept = [(m.start(), m.end()) for m in _TEXT_ARGUMENT.finditer(tex)]

    def replace(match: re.Match[str]) -> str:
        inside_text = any(start <= match.start() < end for start, end in kept)
        return match.group(0) if inside_text else match.group(1)

    return _EMPHASIS_ESCAPE.sub(replace, tex)


def fixed_formula(text: str, meta: dict) -> str:
    """One scanned formula, delimiters included, as our renderer should read it."""
    if "wrap" in meta:  # drop the <div> around it, keeping the lines it spanned
        head, tail = meta["wrap"]
        inner = fixed_formula(text[head:len(text) - tail], {k: v for k, v in meta.items() if k != "wrap"})
        return "\n" * text[:head].count("\n") + inner + "\n" * text[len(text) - tail:].count("\n")
    if meta.get("bare"):  # \begin{align}…\end{align} with no dollars: MathJax found it anyway
        return "$$" + restore_tex(text) + "$$"
    opener, closer = meta["opener"], meta["closer"]
    inner = text[len(opener):len(text) - len(closer)]
    if opener in ("\\\\(", "\\\\["):  # `\\(` only works on an engine that eats a backslash
        return opener[1:] + unescape_markdown(inner) + closer[1:]
    if opener in ("\\(", "\\["):
        return text
    inner = restore_tex(inner)
    if meta.get("loose"):
        inner = inner.strip()
    return opener + inner + closer
