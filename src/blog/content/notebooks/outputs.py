"""One code cell output -> what the page shows: HTML, or Markdown for our pipeline, plus files.

Rich outputs are chosen by MIME priority. Images become files beside the page (never base64
in the HTML), with their pixel size; `text/latex` and `text/markdown` go through the post's
Markdown and math; stream text and tracebacks keep their ANSI colours as classes.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from typing import Any

from .ansi import ansi_to_html
from .images import image_size

IMAGE_TYPES = {"image/svg+xml": "svg", "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif"}
_PRIORITY = (*IMAGE_TYPES, "text/html", "text/latex", "text/markdown", "text/plain")
_PANDAS_STYLE = re.compile(r"<style\s+scoped\s*>.*?</style>\s*", re.DOTALL | re.IGNORECASE)
_TABLE_BORDER = re.compile(r'(<table\b[^>]*?)\s+border="1"', re.IGNORECASE)
_MATH_DELIMITERS = re.compile(r"^\s*(?:\$|\\\[|\\\()")
_DATA_IMAGE = re.compile(r"""\bsrc=(["'])data:(image/(?:svg\+xml|png|jpeg|gif));base64,([A-Za-z0-9+/=\s]+)\1""")


@dataclass
class Shown:
    """What one output becomes: raw `html`, or `markdown` wrapped in `wrapper` classes."""

    html: str = ""
    markdown: str | None = None
    wrapper: str = ""
    files: list[tuple[str, bytes]] = field(default_factory=list)


class OutputError(ValueError):
    """An output that cannot be shown (bad base64 in an image, say): reported at its cell."""


def show_output(output: dict[str, Any], cell: int, number: int, *, html_allowed: bool) -> Shown | None:
    kind = output.get("output_type")
    if kind == "stream":
        name = "stderr" if output.get("name") == "stderr" else "stdout"
        return Shown(f'<pre class="nb-stream nb-{name}">{ansi_to_html(_text(output.get("text")))}</pre>')
    if kind == "error":
        traceback = "\n".join(output.get("traceback") or [f"{output.get('ename')}: {output.get('evalue')}"])
        return Shown(f'<pre class="nb-error">{ansi_to_html(traceback)}</pre>')
    if kind not in ("display_data", "execute_result"):
        return None
    data, metadata = output.get("data") or {}, output.get("metadata") or {}
    for mime in _PRIORITY:
        if mime not in data or (mime == "text/html" and not html_allowed):
            continue
        value = _text(data[mime])
        if mime in IMAGE_TYPES:
            return _image(mime, value, metadata.get(mime) or {}, cell, number)
        if mime == "text/html":
            return _html(value, cell, number)
        if mime == "text/latex":
            tex = value.strip()
            return Shown(markdown=tex if _MATH_DELIMITERS.match(tex) else f"$$\n{tex}\n$$", wrapper="nb-latex")
        if mime == "text/markdown":
            return Shown(markdown=value, wrapper="nb-markdown")
        return Shown(f'<pre class="nb-text">{ansi_to_html(value)}</pre>')
    return None


def merge_streams(outputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Consecutive writes to one stream are one block, as Jupyter shows them."""
    merged: list[dict[str, Any]] = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if previous and output.get("output_type") == previous.get("output_type") == "stream" \
                and output.get("name") == previous.get("name"):
            merged[-1] = {**previous, "text": _text(previous.get("text")) + _text(output.get("text"))}
        else:
            merged.append(output)
    return merged


def _image(mime: str, value: str, metadata: dict[str, Any], cell: int, number: int) -> Shown:
    if mime == "image/svg+xml":
        data = value.encode("utf-8")
    else:
        try:
            data = base64.b64decode(value, validate=False)
        except (binascii.Error, ValueError) as exc:
            raise OutputError(f"output {number}: {mime} is not valid base64 ({exc})") from None
    name = f"cell-{cell}-{number}.{IMAGE_TYPES[mime]}"
    size = _declared_size(metadata) or image_size(data, mime)
    dimensions = f' width="{size[0]}" height="{size[1]}"' if size else ""
    html = (f'<figure class="nb-image"><img src="{name}"{dimensions} loading="lazy" '
            f'alt="\ue101image_alt:{cell}\ue101"></figure>')
    return Shown(html, files=[(name, data)])


def _declared_size(metadata: dict[str, Any]) -> tuple[int, int] | None:
    """IPython's Image(width=…) and retina figures state the size to show."""
    width, height = metadata.get("width"), metadata.get("height")
    if isinstance(width, (int, float)) and isinstance(height, (int, float)):
        return round(width), round(height)
    return None


def _html(value: str, cell: int, number: int) -> Shown:
    files: list[tuple[str, bytes]] = []

    def to_file(found: re.Match) -> str:
        """An image inlined as base64 becomes a file beside the page, as image outputs do."""
        quote, mime, data = found.groups()
        name = f"cell-{cell}-{number}-{len(files) + 1}.{IMAGE_TYPES[mime]}"
        try:
            files.append((name, base64.b64decode("".join(data.split()))))
        except (binascii.Error, ValueError) as exc:
            raise OutputError(f"output {number}: an inline {mime} is not valid base64 ({exc})") from None
        return f"src={quote}{name}{quote}"

    value = _DATA_IMAGE.sub(to_file, value).strip()
    if 'class="dataframe"' in value:  # pandas: our table style instead of its scoped one
        table = _TABLE_BORDER.sub(r"\1", _PANDAS_STYLE.sub("", value))
        return Shown(f'<div class="nb-html nb-dataframe table-wrap">{table}</div>', files=files)
    return Shown(f'<div class="nb-html">{value}</div>', files=files)


def _text(value: Any) -> str:
    """nbformat allows a string or a list of lines."""
    if isinstance(value, list):
        return "".join(str(item) for item in value)
    return "" if value is None else str(value)
