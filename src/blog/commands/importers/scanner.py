"""Split a post body into what a converter may rewrite and what it must never touch.

Never touched: fenced and indented code, inline code, math (`$…$`, `$$…$$`, `\\(…\\)`, `\\[…\\]`,
and the doubly escaped `\\\\(…\\\\)` that Hexo and Hugo authors write for MathJax), HTML comments
and `<pre>`, `<code>`, `<script>`, `<style>` elements. Between them a flavour's tags are found
(`{% … %}` or `{{< … >}}`); a tag whose body is raw (a code block, `{% raw %}`) is taken whole, so
nothing inside it is mistaken for math or for another tag. One left-to-right pass: whatever
starts first wins, as in the renderers the blogs were written for.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from ...render.markdown.math import escaped

_FENCE = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(`{3,}|~{3,})([^\n]*)")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_BLANK_LINE = re.compile(r"\n[ \t]*(?:\n|$)")
_RAW_ELEMENT = re.compile(r"<(pre|code|script|style|textarea)(?=[\s>])", re.IGNORECASE)
_MAY_START = re.compile(r"[\n`$\\<{]")  # a line, code, math, HTML or a tag can start only here
_TEXISH = re.compile(r"[\\^_{]")
# Environments MathJax typesets where they stand in the text, without dollars around them.
_BARE_ENVIRONMENT = re.compile(r"\\begin\{((?:equation|align|alignat|flalign|gather|multline|eqnarray|displaymath)"
                               r"\*?)\}")
_MATH_WRAPPER = re.compile(r"<(div|p|span)(?:\s[^<>]*)?>\s*(?=\$|\\\\?[\[(])", re.IGNORECASE)
# CommonMark's HTML blocks that start with a block-level tag; they last until a blank line.
_HTML_BLOCK = re.compile(r" {0,3}</?(?:address|article|aside|blockquote|center|details|dialog|dd|div|dl|dt|"
                         r"figcaption|figure|footer|form|h[1-6]|header|hr|li|main|nav|ol|p|section|summary|table|"
                         r"tbody|td|tfoot|th|thead|tr|ul)(?:[\s/>]|$)", re.IGNORECASE)


@dataclass(frozen=True)
class Tag:
    name: str  # "note", "endnote", "/admonition" as written, without delimiters
    args: str  # the raw text after the name
    start: int
    end: int  # after the closing delimiter (and after the closing tag for a raw body)
    text: str  # the opening tag as written
    closing: bool = False
    percent: bool = False  # Hugo `{{% … %}}` (its inner text is Markdown)
    body: tuple[int, int] | None = None  # a raw body's span, for tags taken whole


@dataclass(frozen=True)
class Piece:
    kind: str  # text, fence, indented, code, math, comment, element, tag
    start: int
    end: int
    tag: Tag | None = None
    meta: dict = field(default_factory=dict, compare=False)  # math: opener, closer, loose


class TagSyntax(Protocol):
    opener: str

    def match(self, text: str, pos: int) -> Tag | None: ...


def scan(text: str, syntax: TagSyntax | None) -> list[Piece]:
    return _Scanner(text, syntax).run()


class _Scanner:
    def __init__(self, text: str, syntax: TagSyntax | None) -> None:
        self.text, self.syntax = text, syntax
        self.pieces: list[Piece] = []
        self.text_start = 0
        self.prev_blank = True
        self.in_list = False
        self.html_block: int | None = None  # the start of the raw HTML block we are in

    # --- positions found once, so a long paragraph full of prices stays linear ----------------------
    @cached_property
    def lowered(self) -> str:
        return self.text.lower()

    @cached_property
    def blank_lines(self) -> list[int]:
        return [m.start() for m in _BLANK_LINE.finditer(self.text)]

    def paragraph_end(self, pos: int) -> int:
        index = bisect_left(self.blank_lines, pos)
        return self.blank_lines[index] if index < len(self.blank_lines) else len(self.text)

    @cached_property
    def _occurrences(self) -> dict[str, list[int]]:
        return {}

    def next_at(self, token: str, start: int, limit: int, keep=None) -> int:
        """The first occurrence of `token` in [start, limit) that `keep(pos)` accepts, or -1."""
        key = token if keep is None else f"{token}\0{keep.__name__}"
        positions = self._occurrences.get(key)
        if positions is None:
            found = (m.start() for m in re.finditer(f"(?={re.escape(token)})", self.text))
            positions = self._occurrences[key] = [p for p in found if keep is None or keep(p)]
        index = bisect_left(positions, start)
        return positions[index] if index < len(positions) and positions[index] < limit else -1

    def _strict_closer(self, pos: int) -> bool:
        """A `$` that may close `$x$`: not escaped, not part of `$$`, after a non-space, before no digit."""
        text = self.text
        return (not escaped(text, pos) and not text.startswith("$$", pos) and text[pos - 1:pos] != "$"
                and not text[pos - 1:pos].isspace() and not text[pos + 1:pos + 2].isdigit())

    def _single(self, pos: int) -> bool:
        text = self.text
        return not escaped(text, pos) and not text.startswith("$$", pos) and text[pos - 1:pos] != "$"

    def _unescaped(self, pos: int) -> bool:
        return not escaped(self.text, pos)

    def run(self) -> list[Piece]:
        text, pos = self.text, 0
        while pos < len(text):
            if pos == 0 or text[pos - 1] == "\n":
                taken = self._line_start(pos)
                if taken is not None:
                    pos = taken
                    continue
            found = _MAY_START.search(text, pos)  # plain text between changes nothing
            if found is None:
                break
            pos = found.start()
            pos = pos + 1 if text[pos] == "\n" else self._inline(pos)
        self._flush(len(text))
        return self.pieces

    # --- pieces -----------------------------------------------------------------------------------
    def _flush(self, until: int) -> None:
        if until > self.text_start:
            self.pieces.append(Piece("text", self.text_start, until))
        self.text_start = until

    def _take(self, kind: str, start: int, end: int, tag: Tag | None = None, **meta) -> int:
        self._flush(start)
        self.pieces.append(Piece(kind, start, end, tag, meta))
        self.text_start = end
        return end

    # --- block level --------------------------------------------------------------------------------
    def _line_start(self, pos: int) -> int | None:
        text = self.text
        line_end = _line_end(text, pos)
        line = text[pos:line_end]
        blank = not line.strip()
        if _LIST_ITEM.match(line):
            self.in_list = True
        elif not blank and not line[:1].isspace() and self.prev_blank:
            self.in_list = False
        was_blank, self.prev_blank = self.prev_blank, blank
        if blank:
            self.html_block = None
        elif self.html_block is None and _HTML_BLOCK.match(line):
            self.html_block = pos
        fence = _FENCE.match(line)
        if fence and not (fence.group(1)[0] == "`" and "`" in fence.group(2)):
            return self._take("fence", pos, _fence_end(text, line_end, fence.group(1)))
        if not blank and was_blank and not self.in_list and _indent(line) >= 4:
            self.prev_blank = True  # a following indented line continues the block
            return self._take("indented", pos, line_end)
        return None

    # --- inline level -------------------------------------------------------------------------------
    def _inline(self, pos: int) -> int:
        text, char = self.text, self.text[pos]
        if char == "`":
            return self._code_span(pos)
        if char == "$" and not escaped(text, pos):
            return self._dollars(pos)
        if char == "\\":
            return self._backslash(pos)
        if char == "<":
            return self._angle(pos)
        if self.syntax and text.startswith(self.syntax.opener, pos):
            tag = self.syntax.match(text, pos)
            if tag is not None:
                return self._take("tag", tag.start, tag.end, tag)
        return pos + 1

    def _code_span(self, pos: int) -> int:
        text = self.text
        run = _run_length(text, pos, "`")
        limit = self.paragraph_end(pos)
        search = pos + run
        while True:
            found = text.find("`" * run, search, limit)
            if found == -1:
                return pos + run
            if _run_length(text, found, "`") == run:
                return self._take("code", pos, found + run)
            search = found + _run_length(text, found, "`")

    def _dollars(self, pos: int) -> int:
        found = self._math_at(pos)
        if found is None:
            return pos + (2 if self.text.startswith("$$", pos) else 1)
        return self._math(pos, *found)

    def _backslash(self, pos: int) -> int:
        found = self._math_at(pos)
        if found is not None:
            return self._math(pos, *found)
        # an escaped character is never the start of anything; a line-end backslash is a hard break
        return pos + 1 if self.text[pos + 1:pos + 2] in ("", "\n") else pos + 2

    def _math(self, pos: int, end: int, meta: dict) -> int:
        if self.html_block is not None:  # our renderer leaves raw HTML alone, formulas included
            meta["html_block"] = self.html_block
        return self._take("math", pos, end, **meta)

    def _math_at(self, pos: int) -> tuple[int, dict] | None:
        """Where a formula starting at `pos` ends, and how it is delimited; None if none starts here."""
        text = self.text
        if text.startswith("$", pos):
            return self._double_dollar(pos) if text.startswith("$$", pos) else self._single_dollar(pos)
        if escaped(text, pos):
            return None
        environment = _BARE_ENVIRONMENT.match(text, pos)
        if environment:
            closer = f"\\end{{{environment.group(1)}}}"
            close = self.next_at(closer, environment.end(), len(text))
            return (close + len(closer), {"opener": "", "closer": "", "bare": True}) if close != -1 else None
        for opener, closer in (("\\\\(", "\\\\)"), ("\\\\[", "\\\\]"), ("\\(", "\\)"), ("\\[", "\\]")):
            if text.startswith(opener, pos):
                limit = len(text) if opener.endswith("[") else self.paragraph_end(pos)
                close = self.next_at(closer, pos + len(opener), limit)
                if close > pos + len(opener):
                    return close + len(closer), {"opener": opener, "closer": closer}
        return None

    def _double_dollar(self, pos: int) -> tuple[int, dict] | None:
        text = self.text
        alone = not text[_line_start(text, pos):pos].strip()
        limit = len(text) if alone else self.paragraph_end(pos)
        close = self.next_at("$$", pos + 2, limit, self._unescaped)
        if close == -1 or close == pos + 2:
            return None
        return close + 2, {"opener": "$$", "closer": "$$", "loose": text[pos + 2] in " \t" and not alone}

    def _single_dollar(self, pos: int) -> tuple[int, dict] | None:
        """Pandoc's rule (no space inside, no digit after), or `$ x $` when the inside is clearly TeX."""
        text = self.text
        limit = self.paragraph_end(pos)
        if text[pos + 1:pos + 2] not in (" ", "\t"):
            close = self.next_at("$", pos + 2, limit, self._strict_closer)
            return (close + 1, {"opener": "$", "closer": "$", "loose": False}) if close != -1 else None
        if pos > 0 and text[pos - 1].isalnum():
            return None
        close = self.next_at("$", pos + 1, limit, self._single)
        inside = text[pos + 1:close]
        if close == -1 or not inside.strip() or not _TEXISH.search(inside) or text[close + 1:close + 2].isdigit():
            return None
        return close + 1, {"opener": "$", "closer": "$", "loose": True}

    def _angle(self, pos: int) -> int:
        text = self.text
        if text.startswith("<!--", pos):
            close = self.next_at("-->", pos + 4, len(text))
            return self._take("comment", pos, close + 3) if close != -1 else pos + 1
        wrapper = _MATH_WRAPPER.match(text, pos)
        found = self._math_at(wrapper.end()) if wrapper else None
        if found is not None:  # <div>$$…$$</div>: the div only hid the formula from Markdown
            end, meta = found
            closing = re.compile(rf"\s*</{wrapper.group(1)}\s*>", re.IGNORECASE).match(text, end)
            if closing:
                self.html_block = None
                meta["wrap"] = (wrapper.end() - pos, closing.end() - end)
                return self._take("math", pos, closing.end(), **meta)
        element = _RAW_ELEMENT.match(text, pos)
        if element:
            close = self.lowered.find(f"</{element.group(1).lower()}>", element.end())
            if close != -1:
                return self._take("element", pos, close + len(element.group(1)) + 3)
        return pos + 1


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end == -1 else end


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _fence_end(text: str, line_end: int, marker: str) -> int:
    """End of the closing fence line; an unclosed fence runs to the end, as in CommonMark."""
    closing = re.compile(rf"^[ \t]*(?:>[ \t]?)*[ \t]*{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$", re.MULTILINE)
    found = closing.search(text, min(line_end + 1, len(text)))
    return found.end() if found and line_end < len(text) else len(text)


def _indent(line: str) -> int:
    width = 0
    for char in line:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _run_length(text: str, pos: int, char: str) -> int:
    end = pos
    while end < len(text) and text[end] == char:
        end += 1
    return end - pos
