"""Our Markdown for what tags and shortcodes meant: figures, admonitions, code fences, quotes,
collapsible sections and embeds. Shared by the Hexo and Hugo converters, so both produce the
same constructs (documented in docs/importing.md)."""

from __future__ import annotations

import re
from html import escape

from .rewrite import Output, Replacement, dedented

ADMONITION_KINDS = ("note", "tip", "info", "success", "question", "warning", "caution", "danger",
                    "failure", "bug", "example", "quote", "important", "abstract", "details")
# Names themes give their boxes, mapped onto ours (NexT, Butterfly, Fluid, LoveIt, hugo-book, docsy …).
KIND_SYNONYMS = {
    "default": "note", "primary": "note", "secondary": "note", "light": "note", "dark": "note", "blue": "info",
    "notice": "note", "todo": "note", "hint": "tip", "green": "success", "check": "success", "done": "success",
    "help": "question", "faq": "question", "orange": "warning", "yellow": "warning", "attention": "warning",
    "alert": "warning", "red": "danger", "error": "danger", "fail": "failure", "missing": "failure",
    "pink": "note", "purple": "note", "summary": "abstract", "tldr": "abstract", "cite": "quote",
    "important": "important", "caution": "caution", "expand": "details", "collapse": "details",
}
_COLON_RUN = re.compile(r"^[ \t>]*(:{3,})", re.MULTILINE)
_IMAGE_SUFFIX = re.compile(r"\.(png|jpe?g|gif|svg|webp|avif|bmp|ico|tiff?)$", re.IGNORECASE)


def admonition_kind(word: str) -> str | None:
    word = word.strip().lower()
    return word if word in ADMONITION_KINDS else KIND_SYNONYMS.get(word)


def _body(inner: Output | None) -> Output:
    """A tag's body on lines of its own: the first newline after the opening tag and the last one
    before the closing tag are the fence lines' own."""
    body = dedented(inner) if inner is not None else Output()
    text = body.text
    lead = "" if text.startswith("\n") else "\n"
    trail = "" if text.rstrip(" \t").endswith("\n") else "\n"
    result = Output(lead)
    result.append(body.map_lines(lambda index, line: line if index < body.lines else line.rstrip(" \t")))
    result.write(trail)
    return result


def admonition(kind: str, title: str, inner: Output | None) -> Replacement:
    """`::: kind Title` … `:::`; the outer fence is longer than any fence nested inside it."""
    body = _body(inner)
    longest = max((len(run) for run in _COLON_RUN.findall(body.text)), default=2)
    marker = ":" * max(3, longest + 1)
    title = " ".join(title.split())
    return Replacement([f"{marker} {kind}" + (f" {title}" if title else ""), body, marker], block=True)


def fence(code: str, lang: str = "", **options) -> Replacement:
    """Fenced code with our options; the fence is longer than any backtick run in the code."""
    code = code.removeprefix("\n")
    code = code[:-1] if code.endswith("\n") else code
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    marker = "`" * max(3, longest + 1)
    return Replacement([f"{marker}{fence_info(lang, **options)}\n{code}\n{marker}"], block=True)


def fence_info(lang: str, *, title: str = "", highlight: str = "", numbered: bool | None = None,
               first_line: str = "") -> str:
    """The info string after the fence: `python {title="train.py" hl_lines=[2,"4-5"] linenos=true}`."""
    options = []
    if title:
        options.append(f'title="{_attribute_text(title)}"')
    if highlight:
        options.append(f"hl_lines=[{highlight}]")
    if numbered is not None:
        options.append(f"linenos={'true' if numbered else 'false'}")
    if first_line:
        options.append(f"linenostart={first_line}")
    if not options:
        return lang
    return (lang or "text") + " {" + " ".join(options) + "}"


def highlight_ranges(spec: str) -> str:
    """'1,4-7 10' (Hexo's mark, Hugo's hl_lines) as our hl_lines list: 1,"4-7",10."""
    items = []
    for part in re.split(r"[,\s]+", spec.strip().strip("\"'[]")):
        if re.fullmatch(r"\d+", part):
            items.append(part)
        elif re.fullmatch(r"\d+-\d+", part):
            items.append(f'"{part}"')
    return ",".join(items)


def quote(inner: Output | None, footer: str = "") -> Replacement:
    """A blockquote over the tag's lines: the opening tag's line stays blank, the closing tag's
    line carries the attribution."""
    body = _body(inner)
    last = body.lines

    def quoted(index: int, line: str) -> str:
        if index == 0:
            return ""
        if index == last:
            return f"> — {footer}" if footer else ""
        return "> " + line if line.strip() else ">"

    return Replacement([body.map_lines(quoted)], block=True)


def details(title: str, inner: Output | None) -> Replacement:
    return admonition("details", title, inner)


def image(src: str, alt: str = "", title: str = "") -> str:
    title_part = f' "{_title_text(title)}"' if title else ""
    return f"![{_alt_text(alt)}]({_destination(src)}{title_part})"


def figure(src: str, alt: str, caption: str, *, standalone: bool, width: str = "", height: str = "",
           link: str = "") -> Replacement:
    """Our figure is an image with a title alone in its paragraph; sized images stay HTML."""
    caption = " ".join(caption.split())
    if (width or height) and not caption:
        html = html_image(src, alt, width=width, height=height)
        return Replacement([f'<a href="{escape(link)}">{html}</a>' if link else html])
    markdown = image(src, alt or caption, caption)
    if link and not caption:
        markdown = f"[{markdown}]({_destination(link)})"
    if caption and standalone:
        return Replacement([markdown], block=True, paragraph=True)
    return Replacement([markdown])


def html_image(src: str, alt: str = "", *, title: str = "", width: str = "", height: str = "",
               css_class: str = "") -> str:
    attributes = [("src", src), ("alt", alt), ("title", title), ("width", width), ("height", height),
                  ("class", css_class)]
    shown = " ".join(f'{name}="{escape(value)}"' for name, value in attributes if value or name == "alt")
    return f'<img {shown} loading="lazy">'


def embed(src: str, *, title: str = "", width: str = "", height: str = "") -> Replacement:
    """An iframe (video, map, slides) in a block of its own, as the original theme rendered it."""
    size = "".join(f' {name}="{escape(value)}"' for name, value in (("width", width), ("height", height)) if value)
    label = f' title="{escape(title)}"' if title else ""
    html = (f'<div class="embed"><iframe src="{escape(src)}"{label}{size} loading="lazy" frameborder="0" '
            f'allow="fullscreen; picture-in-picture" allowfullscreen></iframe></div>')
    return Replacement([html], block=True, paragraph=True)


def video(src: str) -> Replacement:
    return Replacement([f'<div class="embed"><video src="{escape(src)}" controls preload="metadata"></video></div>'],
                       block=True, paragraph=True)


def link(text: str, url: str, title: str = "") -> str:
    title_part = f' "{_title_text(title)}"' if title else ""
    return f"[{_alt_text(text) or url}]({_destination(url)}{title_part})"


def looks_like_image(name: str) -> bool:
    return bool(_IMAGE_SUFFIX.search(name.split("?")[0]))


def _destination(url: str) -> str:
    """A link destination; one with spaces or parentheses goes in angle brackets."""
    if re.search(r"[\s()<>]", url):
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url


def _alt_text(text: str) -> str:
    return re.sub(r"([\[\]])", r"\\\1", " ".join(text.split()))


def _title_text(text: str) -> str:
    return " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"')


def _attribute_text(text: str) -> str:
    return " ".join(text.split()).replace('"', "'")
