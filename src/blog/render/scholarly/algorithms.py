"""Pseudocode in LaTeX's algorithmicx/algpseudocode syntax (and the older algorithmic spellings
that pseudocode.js accepts: `\\STATE`, `\\IF`…) read into lines: indentation, keywords and text.

Keywords become Markdown bold, so a line's text is Markdown with its math left as `$…$` for the
math pass. A command this reader does not know is a warning and stays visible as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# command -> (keyword before the argument, keyword after it, how the indentation changes:
# "open" indents the lines after it, "middle" is at the level of its opening line, "close" ends it)
_BLOCKS = {
    "if": ("if", "then", "open"), "elsif": ("else if", "then", "middle"), "else": ("else", "", "middle"),
    "endif": ("end if", "", "close"), "for": ("for", "do", "open"), "forall": ("for all", "do", "open"),
    "endfor": ("end for", "", "close"), "while": ("while", "do", "open"), "endwhile": ("end while", "", "close"),
    "repeat": ("repeat", "", "open"), "until": ("until", "", "close"), "loop": ("loop", "", "open"),
    "endloop": ("end loop", "", "close"), "function": ("function", "", "open"),
    "endfunction": ("end function", "", "close"), "procedure": ("procedure", "", "open"),
    "endprocedure": ("end procedure", "", "close"),
}
_NO_ARGUMENT = {"else", "endif", "endfor", "endwhile", "repeat", "loop", "endloop", "endfunction", "endprocedure"}
_HEADS = {"require": "Require:", "ensure": "Ensure:", "input": "Input:", "output": "Output:"}
_STATEMENTS = {"state", "statex", "print", "return", "break", "continue"}
_STATEMENT_WORDS = {"print": "**print** ", "return": "**return** ", "break": "**break**", "continue": "**continue**"}
_INLINE_WORDS = {"and": "and", "or": "or", "not": "not", "xor": "xor", "true": "true", "false": "false",
                 "to": "to"}
_TEXT_STYLES = {"textbf": "**", "textit": "*", "emph": "*", "texttt": "`", "text": "", "textrm": "", "textsf": ""}
_COMMAND = re.compile(r"\\([A-Za-z]+)\*?")


@dataclass
class Line:
    indent: int
    text: str  # Markdown
    comment: str = ""  # Markdown
    numbered: bool = True
    source_line: int = 0  # in the block, from 0


@dataclass
class Algorithm:
    lines: list[Line] = field(default_factory=list)
    caption: str = ""
    label: str = ""
    line_numbers: bool = False
    unknown: list[tuple[str, int, int]] = field(default_factory=list)  # (command, line, col) in the block


def read_algorithm(source: str) -> Algorithm:
    reader = _Reader(source)
    reader.read()
    return reader.algorithm


class _Reader:
    def __init__(self, source: str) -> None:
        self.src = source
        self.pos = 0
        self.algorithm = Algorithm()
        self.indent = 0
        self.line: Line | None = None

    def read(self) -> None:
        text: list[str] = []
        while self.pos < len(self.src):
            char = self.src[self.pos]
            if char == "$" or self.src.startswith("\\(", self.pos):
                text.append(self._math())
                continue
            command = _COMMAND.match(self.src, self.pos) if char == "\\" else None
            if command is None:
                text.append(char if char != "\n" else " ")
                self.pos += 1
                continue
            self.pos = command.end()
            self._flush(text)
            self._command(command.group(1), command.start())
        self._flush(text)

    def _command(self, name: str, at: int) -> None:
        key = name.lower()
        if key in ("begin", "end"):
            environment = self._argument()
            if key == "begin" and environment == "algorithmic":
                option = self._option()
                self.algorithm.line_numbers = bool(option and option.strip() not in ("0", ""))
        elif key == "caption":
            self.algorithm.caption = self._markdown(self._argument())
        elif key == "label":
            self.algorithm.label = self._argument().strip()
        elif key in _BLOCKS:
            self._block(key)
        elif key in _HEADS:
            self._start(f"**{_HEADS[key]}** ", numbered=False, level=0)
        elif key == "return" and self.line is not None and not self.line.text.strip():
            self.line.text += "**return** "
        elif key in _STATEMENTS:
            self._start(_STATEMENT_WORDS.get(key, ""), numbered=key != "statex")
        elif key == "comment":
            if self.line is None:
                self._start("")
            self.line.comment = self._markdown(self._argument())
        elif key == "call":
            name, arguments = self._argument(), self._argument()
            self._append(f"{self._markdown(name)}({self._markdown(arguments)})")
        elif key in _INLINE_WORDS:
            self._append(f" **{_INLINE_WORDS[key]}** ")
        elif name in _TEXT_STYLES:
            mark = _TEXT_STYLES[name]
            self._append(f"{mark}{self._markdown(self._argument())}{mark}")
        else:
            line = self.src.count("\n", 0, at)
            self.algorithm.unknown.append((f"\\{name}", line, at - (self.src.rfind("\n", 0, at) + 1)))
            self._append(f"\\\\{name}")

    def _block(self, key: str) -> None:
        before, after, change = _BLOCKS[key]
        if change != "open":
            self.indent = max(self.indent - 1, 0)
        if key in ("function", "procedure"):
            name, arguments = self._argument(), self._argument()
            text = f"**{before}** {name}({self._markdown(arguments)})"
        elif key in _NO_ARGUMENT:
            text = f"**{before}**"
        else:
            text = f"**{before}** {self._markdown(self._argument())}" + (f" **{after}**" if after else "")
        self._start(text)
        if change != "close":
            self.indent += 1
        self.line = None  # what follows an opening keyword is not part of its line

    def _start(self, text: str, *, numbered: bool = True, level: int | None = None) -> None:
        self.line = Line(self.indent if level is None else level, text, numbered=numbered,
                         source_line=self.src.count("\n", 0, self.pos))
        self.algorithm.lines.append(self.line)

    def _append(self, text: str) -> None:
        if self.line is None:
            self._start("")
        self.line.text += text

    def _flush(self, text: list[str]) -> None:
        words = "".join(text)
        text.clear()
        if words.strip():
            self._append(words)

    def _markdown(self, latex: str) -> str:
        """An argument's own commands (`\\textbf`, `\\Call`, `\\TRUE`) read the same way."""
        inner = _Reader(latex)
        inner.read()
        self.algorithm.unknown.extend(inner.algorithm.unknown)
        return " ".join(line.text.strip() for line in inner.algorithm.lines)

    def _math(self) -> str:
        opener = "$$" if self.src.startswith("$$", self.pos) else "$" if self.src[self.pos] == "$" else "\\("
        closer = {"$$": "$$", "$": "$", "\\(": "\\)"}[opener]
        end = self.src.find(closer, self.pos + len(opener))
        end = len(self.src) if end == -1 else end + len(closer)
        math = self.src[self.pos:end]
        self.pos = end
        return "$" + math[len(opener):len(math) - len(closer)].replace("\n", " ") + "$"

    def _argument(self) -> str:
        while self.pos < len(self.src) and self.src[self.pos] in " \t":
            self.pos += 1
        if self.pos >= len(self.src) or self.src[self.pos] != "{":
            return ""
        depth, start = 0, self.pos
        while self.pos < len(self.src):
            char = self.src[self.pos]
            if char == "\\":
                self.pos += 2
                continue
            depth += 1 if char == "{" else -1 if char == "}" else 0
            self.pos += 1
            if depth == 0:
                break
        return self.src[start + 1:self.pos - 1]

    def _option(self) -> str | None:
        found = re.match(r"\s*\[([^\]]*)\]", self.src[self.pos:])
        if found is None:
            return None
        self.pos += found.end()
        return found.group(1)
