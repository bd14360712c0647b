"""kramdown's own syntax in a Jekyll post, mapped to ours or removed, outside code.

| kramdown | ours |
|---|---|
| `{: #id}` under a heading | `## Heading {#id}` |
| `{: .class}`, `{:.no_toc}`, `{: #id}` elsewhere | removed (the theme styles by element) |
| `{: width="50%"}` and other attributes | removed, with a warning |
| `* TOC` + `{:toc}` | removed: our pages have their own table of contents |
| `{::options … /}`, `{::comment}…{:/comment}` | removed |
| `{::nomarkdown}…{:/nomarkdown}` | its content, as raw HTML |
| `$$x$$` inside a paragraph (kramdown's inline math) | `$x$` |

Line structure is kept (a removed line becomes an empty one), so warnings keep their lines.
"""

from __future__ import annotations

import re

from .scanner import scan

_BLOCK_IAL = re.compile(r"^[ \t]*\{:(?!:)[ \t]*([^}\n]*)\}[ \t]*$")
_SPAN_IAL = re.compile(r"(?<=\S)\{:(?!:)[ \t]*([^}\n]*)\}")
_EXTENSION_LINE = re.compile(r"^[ \t]*\{::(options|toc)\b[^}\n]*/?\}[ \t]*$")
_EXTENSION_BLOCK = re.compile(r"\{::(comment|nomarkdown)\b[^}\n]*\}(.*?)\{:/(?:\1)?\}", re.DOTALL)
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+\S")
_TOC_ITEM = re.compile(r"^[ \t]*(?:[*+-]|1\.)[ \t]+TOC[ \t]*$")
_ID = re.compile(r"#([\w:.-]+)")
_ATTRIBUTE = re.compile(r"""[\w-]+=(?:"[^"]*"|'[^']*'|\S+)""")


def convert_kramdown(body: str) -> tuple[str, list[tuple[int, str]]]:
    """The body in our Markdown and warnings as (0-based line, message)."""
    warnings: list[tuple[int, str]] = []
    out, position = [], 0
    for piece in scan(body, None):
        if piece.kind not in ("text", "math"):
            continue
        out.append(body[position:piece.start])
        text = body[piece.start:piece.end]
        line = body.count("\n", 0, piece.start)
        out.append(_inline_math(body, piece.start, piece.end) if piece.kind == "math"
                   else _text(text, line, warnings))
        position = piece.end
    return "".join(out) + body[position:], warnings


def _inline_math(body: str, start: int, end: int) -> str:
    """kramdown reads `$$x$$` as display math only when it is a paragraph of its own."""
    text = body[start:end]
    if not (text.startswith("$$") and text.endswith("$$")):
        return text
    line_start = body.rfind("\n", 0, start) + 1
    line_end = body.find("\n", end)
    before, after = body[line_start:start], body[end:line_end if line_end != -1 else len(body)]
    if not before.strip() and not after.strip():
        return text
    return "$" + text[2:-2].strip() + "$"


def _text(text: str, first_line: int, warnings: list[tuple[int, str]]) -> str:
    text = _EXTENSION_BLOCK.sub(_extension, text)
    lines = text.split("\n")
    for index, line in enumerate(lines):
        above = lines[index - 1] if index else ""
        if _EXTENSION_LINE.match(line):
            lines[index] = ""
        elif (found := _BLOCK_IAL.match(line)) is not None:
            lines[index] = ""
            attributes = found.group(1)
            if attributes.strip() == "toc" and index and _TOC_ITEM.match(lines[index - 1]):
                lines[index - 1] = ""
                continue
            anchor = _ID.search(attributes)
            if anchor and _HEADING.match(above) and "{#" not in above:
                lines[index - 1] = above.rstrip() + f" {{#{anchor.group(1)}}}"
            _warn_attributes(attributes, first_line + index, warnings)
        elif "{:" in line:
            def drop(match: re.Match[str], number: int = first_line + index) -> str:
                _warn_attributes(match.group(1), number, warnings)
                return ""

            lines[index] = _SPAN_IAL.sub(drop, line)
    return "\n".join(lines)


def _extension(match: re.Match[str]) -> str:
    """A comment leaves its lines empty; nomarkdown leaves its content."""
    return match.group(2) if match.group(1) == "nomarkdown" else "\n" * match.group(0).count("\n")


def _warn_attributes(attributes: str, line: int, warnings: list[tuple[int, str]]) -> None:
    dropped = _ATTRIBUTE.findall(attributes)
    if dropped:
        warnings.append((line, f"kramdown attributes {' '.join(dropped)} dropped; write the element in HTML "
                               f"to keep them"))
