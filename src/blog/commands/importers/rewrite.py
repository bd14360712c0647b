"""Rewrite a scanned body: pair opening and closing tags, convert each through a flavour (Hexo
tags or Hugo shortcodes), copy code and comments verbatim, and record every warning at the line
it lands on in the converted text.

A converter returns a Replacement. An inline one takes the tag's place; a block one (admonition,
fenced code, figure) is moved onto lines of its own, indented like the line it stood on (so a
note inside a list item stays in the item), and a figure also gets blank lines around it so it
is a paragraph of its own. Line structure is otherwise kept, so messages match the source closely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Protocol

from .htmlcells import open_math_cells
from .scanner import Piece, Tag, TagSyntax, scan


class Output:
    """Converted text being written, with warnings kept as (line, message), lines counted from 0."""

    def __init__(self, text: str = "") -> None:
        self.chunks: list[str] = []
        self.lines = 0
        self.warnings: list[tuple[int, str]] = []
        if text:
            self.write(text)

    def write(self, text: str) -> None:
        if text:
            self.chunks.append(text)
            self.lines += text.count("\n")

    def _last_lines(self, count: int) -> list[str]:
        """The last `count` lines of the text so far (the unfinished one last), read from the end."""
        parts: list[str] = []
        newlines = 0
        for chunk in reversed(self.chunks):
            parts.append(chunk)
            newlines += chunk.count("\n")
            if newlines >= count:
                break
        return "".join(reversed(parts)).split("\n")[-count:]

    @property
    def tail(self) -> str:
        """The current, unfinished line."""
        return self._last_lines(1)[0]

    @property
    def previous(self) -> str | None:
        """The last finished line; None before the first one."""
        return self._last_lines(2)[0] if self.lines else None

    def warn(self, message: str) -> None:
        self.warnings.append((self.lines, message))

    def append(self, other: Output) -> None:
        self.warnings += [(self.lines + line, message) for line, message in other.warnings]
        self.write(other.text)

    @property
    def text(self) -> str:
        if len(self.chunks) > 1:
            self.chunks = ["".join(self.chunks)]
        return self.chunks[0] if self.chunks else ""

    def map_lines(self, change: Callable[[int, str], str]) -> Output:
        """The same text with each line changed by `change(index, line)`; line count and warnings kept."""
        mapped = Output("\n".join(change(index, line) for index, line in enumerate(self.text.split("\n"))))
        mapped.warnings = list(self.warnings)
        return mapped


def indented(block: Output, prefix: str) -> Output:
    """Prefix every line but the first (which follows text already written at that indentation)."""
    if not prefix:
        return block
    return block.map_lines(lambda index, line: line if index == 0 or not line else prefix + line)


def dedented(block: Output) -> Output:
    """Remove the indentation common to all non-blank lines (Hexo strips it from tag bodies)."""
    lines = [line for line in block.text.split("\n") if line.strip()]
    width = min((len(line) - len(line.lstrip(" \t")) for line in lines), default=0)
    return block.map_lines(lambda _, line: line[width:]) if width else block


@dataclass
class Replacement:
    parts: list[str | Output] = field(default_factory=list)
    block: bool = False  # stands on its own lines
    paragraph: bool = False  # also separated by blank lines (a figure must be alone in its paragraph)


@dataclass
class Call:
    """One tag as a converter sees it."""

    tag: Tag
    body: str | None  # a raw body ({% codeblock %}, {{< highlight >}}), as written
    inner: Output | None  # a Markdown body, already converted
    standalone: bool  # nothing else on the tag's lines
    notes: list[str] = field(default_factory=list)  # warnings, placed at the replacement's line

    def note(self, message: str) -> None:
        self.notes.append(message)


class Flavour(Protocol):
    syntax: TagSyntax

    def closes(self, tag: Tag) -> str | None:
        """The name of the tag this one closes ('endnote' -> 'note'), or None."""

    def convert(self, call: Call, context) -> Replacement | None:
        """Our equivalent, or None to leave the tag as text with a warning."""

    def unknown(self, tag: Tag) -> str:
        """The warning for a tag left as text."""

    def fix_code(self, kind: str, code: str) -> str:
        """A code piece (`fence`, `code`, `indented`) as the old blog showed it; never converted."""


class TextRewriter(Protocol):
    def write_text(self, out: Output, text: str) -> None: ...

    def fix_math(self, out: Output, text: str, meta: dict) -> None: ...


@dataclass
class _Node:
    piece: Piece
    children: list[_Node] | None = None
    close: Piece | None = None


def rewrite(source: str, flavour: Flavour | None, context: TextRewriter) -> Output:
    out = Output()
    syntax = flavour.syntax if flavour else None
    pieces = scan(source, syntax)
    opened = open_math_cells(source, pieces)
    if opened is not None:
        source, pieces = opened, scan(opened, syntax)
    nodes = _pair(pieces, flavour)
    _emit(nodes, source, flavour, context, out)
    return out


MAX_NESTING = 32  # deeper tags stay flat: no blog nests notes that deep, and recursion must stay bounded


def _pair(pieces: list[Piece], flavour: Flavour | None) -> list[_Node]:
    """Nest each opening tag with the children up to its closing tag; unclosed ones stay flat."""
    stack: list[tuple[_Node | None, list[_Node]]] = [(None, [])]
    paired = _closed_openings(pieces, flavour)
    for index, piece in enumerate(pieces):
        tag = piece.tag
        closes = flavour.closes(tag) if tag is not None and flavour else None
        if closes is not None:
            depth = next((i for i in range(len(stack) - 1, 0, -1) if stack[i][0].piece.tag.name == closes), None)
            if depth is None:
                stack[-1][1].append(_Node(piece))
                continue
            while len(stack) - 1 > depth:
                _flatten(stack)
            opener, children = stack.pop()
            opener.children, opener.close = children, piece
            stack[-1][1].append(opener)
        elif index in paired and len(stack) <= MAX_NESTING:
            stack.append((_Node(piece), []))
        else:
            stack[-1][1].append(_Node(piece))
    while len(stack) > 1:
        _flatten(stack)
    return stack[0][1]


def _closed_openings(pieces: list[Piece], flavour: Flavour | None) -> set[int]:
    """Indexes of the opening tags that a later closing tag of the same name closes."""
    open_by_name: dict[str, list[int]] = {}
    closed: set[int] = set()
    for index, piece in enumerate(pieces):
        tag = piece.tag
        if tag is None or flavour is None or tag.body is not None or tag.text.endswith("/>}}"):
            continue
        name = flavour.closes(tag)
        if name is None:
            open_by_name.setdefault(tag.name, []).append(index)
        elif open_by_name.get(name):
            closed.add(open_by_name[name].pop())
    return closed


def _flatten(stack: list[tuple[_Node | None, list[_Node]]]) -> None:
    opener, children = stack.pop()
    stack[-1][1].append(opener)
    stack[-1][1].extend(children)


def _emit(nodes: list[_Node], source: str, flavour: Flavour | None, context: TextRewriter, out: Output) -> None:
    for node in nodes:
        piece = node.piece
        text = source[piece.start:piece.end]
        if piece.kind == "text":
            context.write_text(out, text)
        elif piece.kind == "math":
            context.fix_math(out, text, piece.meta)
        elif piece.kind in ("fence", "code", "indented") and flavour is not None:
            out.write(flavour.fix_code(piece.kind, text))
        elif piece.kind != "tag":
            out.write(text)
        else:
            _emit_tag(node, source, flavour, context, out)


def _emit_tag(node: _Node, source: str, flavour: Flavour, context: TextRewriter, out: Output) -> None:
    tag = node.piece.tag
    inner = None
    if node.children is not None:
        inner = Output()
        _emit(node.children, source, flavour, context, inner)
    end = node.close.end if node.close is not None else node.piece.end
    standalone = not source[_line_start(source, tag.start):tag.start].strip() and not _rest_of_line(source, end).strip()
    call = Call(tag, source[tag.body[0]:tag.body[1]] if tag.body else None, inner, standalone)
    replacement = flavour.convert(call, context)
    if replacement is None:
        call.notes.insert(0, flavour.unknown(tag))
        replacement = Replacement([hidden(source[tag.start:tag.end])])
        if inner is not None:
            replacement.parts += [inner, hidden(source[node.close.start:node.close.end])]
    if replacement.block:
        _place_block(replacement, call.notes, source, tag.start, end, inner is None and tag.body is None, out)
        return
    for note in call.notes:
        out.warn(note)
    for part in replacement.parts:
        out.append(part) if isinstance(part, Output) else out.write(part)


def hidden(tag_text: str) -> str:
    """A tag nothing here can convert, as an HTML comment: still in the file for its author to
    replace, never shown raw to readers, in pages and listing excerpts alike."""
    return "<!-- " + tag_text.replace("--", "- -") + " -->"


_LEADING_SPACE = re.compile(r"[ \t]*")


def _line_start(source: str, pos: int) -> int:
    return source.rfind("\n", 0, pos) + 1


def _rest_of_line(source: str, pos: int) -> str:
    end = source.find("\n", pos)
    return source[pos:end if end != -1 else len(source)]


def _place_block(replacement: Replacement, notes: list[str], source: str, start: int, end: int, pad: bool,
                 out: Output) -> None:
    if out.tail.strip():
        indent = _LEADING_SPACE.match(out.tail).group()
        out.write("\n" + indent)
    else:
        indent = out.tail
    if replacement.paragraph and out.previous is not None and out.previous.strip():
        out.write("\n" + indent)
    for note in notes:
        out.warn(note)
    block = Output()
    for part in replacement.parts:
        block.append(part) if isinstance(part, Output) else block.write(part)
    out.append(indented(block, indent))
    rest = _rest_of_line(source, end)
    if rest.strip():
        out.write("\n" + ("\n" if replacement.paragraph else "") + indent)
        return
    next_line_start = end + len(rest) + 1
    if replacement.paragraph and next_line_start < len(source) and _rest_of_line(source, next_line_start).strip():
        out.write("\n")
    if pad:  # a tag written over several lines keeps its lines
        out.write("\n" * max(source.count("\n", start, end) - block.lines, 0))
