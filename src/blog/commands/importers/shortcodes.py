"""Hugo shortcodes (the built-in ones and the common theme ones) to our Markdown.

Parameters follow Hugo: positional or `name=value`, values bare, "quoted" (with `\\"`) or
`raw in backticks`, possibly over several lines. `{{</* x */>}}` is Hugo's way to show a
shortcode literally and becomes the literal text. Shortcodes whose body is raw (`highlight`,
`math`, `rawhtml`) are taken whole by the scanner.
"""

from __future__ import annotations

import re
from functools import cache
from html import unescape

from ...render.markdown.parser import ParserOptions, build_parser
from . import markup
from .rewrite import Call, Output, Replacement
from .scanner import Tag

RAW_BODIED = frozenset({"highlight", "math", "katex", "mathjax", "latex", "rawhtml", "raw", "html", "unsafe",
                        "mermaid", "plantuml", "chart", "diagram", "pseudocode"})
_NAME = re.compile(r"\s*(/)?\s*([\w.-][\w./-]*)")
_PARAM = re.compile(r'\s*(?:([\w-]+)\s*=\s*)?("((?:[^"\\]|\\.)*)"|`([^`]*)`|([^\s"`]+))', re.DOTALL)
_HTML_TAG = re.compile(r"<[^>]+>")


class HugoSyntax:
    opener = "{{"

    def match(self, text: str, pos: int) -> Tag | None:
        delimiter = text[pos + 2:pos + 3]
        if delimiter not in ("<", "%"):
            return None
        closer = ">}}" if delimiter == "<" else "%}}"
        start = pos + 3
        if text.startswith("/*", start) or text.startswith(" /*", start) or text.startswith("\t/*", start):
            end = text.find("*/" + closer, start, start + 4000)
            if end == -1:
                return None
            literal = "{{" + delimiter + text[text.index("/*", start) + 2:end].rstrip() + " " + closer
            return Tag("/*", literal, pos, end + 2 + len(closer), text[pos:end + 2 + len(closer)])
        name = _NAME.match(text, start)
        if not name:
            return None
        end = _params_end(text, name.end(), closer)
        if end is None:
            return None
        args = text[name.end():end].strip()
        tag_end = end + len(closer)
        closing, tag_name = bool(name.group(1)), name.group(2)
        percent = delimiter == "%"
        if tag_name.lower() in RAW_BODIED and not closing and not args.endswith("/"):
            close = re.compile(r"\{\{[<%]\s*/\s*" + re.escape(tag_name) + r"\s*[>%]\}\}").search(text, tag_end)
            if close is None:
                return None
            return Tag(tag_name, args, pos, close.end(), text[pos:tag_end], percent=percent,
                       body=(tag_end, close.start()))
        return Tag(tag_name, args, pos, tag_end, text[pos:tag_end], closing=closing, percent=percent)


_PARAMS_STOP = re.compile(r'"|`|>\}\}|%\}\}|\{\{|\n[ \t]*\n')


def _params_end(text: str, pos: int, closer: str) -> int | None:
    """Where the closing delimiter starts, skipping quoted parameter values; None at a blank line or
    at another `{{` (a shortcode holds no other one)."""
    limit = min(len(text), pos + 4000)
    while True:
        found = _PARAMS_STOP.search(text, pos, limit)
        if found is None:
            return None
        token = found.group()
        if token == closer:
            return found.start()
        if token == '"':
            end = re.compile(r'(?:[^"\\]|\\.)*"', re.DOTALL).match(text, found.end(), limit)
            if end is None:
                return None
            pos = end.end()
        elif token == "`":
            end = text.find("`", found.end(), limit)
            if end == -1:
                return None
            pos = end + 1
        elif token in (">}}", "%}}"):
            pos = found.end()
        else:
            return None


_BRACKET_CODE_MATH = re.compile(r"^(`+)\s*\\([(\[])((?:(?!\\[)\]]).)+)\\[)\]]\s*\1$", re.DOTALL)
_ESCAPED = re.compile(r"\{\{([<%])/\*\s*(.*?)\s*\*/([>%])\}\}", re.DOTALL)


def unescape_shortcodes(code: str) -> str:
    """Hugo reads `{{</* x */>}}` even in code, and shows `{{< x >}}`; so do we."""
    return _ESCAPED.sub(lambda m: f"{{{{{m.group(1)} {m.group(2)} {m.group(3)}}}}}", code)


def parse_params(args: str) -> tuple[list[str], dict[str, str]]:
    """Hugo's parameters: the positional ones in order, the named ones by lower-case name."""
    args = args.removesuffix("/").strip()
    positional: list[str] = []
    named: dict[str, str] = {}
    for found in _PARAM.finditer(args):
        name, _, quoted, raw, bare = found.groups()
        value = quoted.replace('\\"', '"') if quoted is not None else raw if raw is not None else bare
        if name:
            named[name.lower()] = value
        else:
            positional.append(value)
    return positional, named


class HugoFlavour:
    syntax = HugoSyntax()

    def closes(self, tag: Tag) -> str | None:
        return tag.name if tag.closing else None

    def unknown(self, tag: Tag) -> str:
        left, right = ("{{%", "%}}") if tag.percent else ("{{<", ">}}")
        shown = f"{left} {'/' if tag.closing else ''}{tag.name}{' …' if tag.args else ''} {right}"
        if tag.closing:
            return f"Hugo shortcode '{shown}' closes nothing; kept as an HTML comment; remove it by hand"
        return f"unknown Hugo shortcode '{shown}' kept as an HTML comment; replace it by hand"

    def fix_code(self, kind: str, code: str) -> str:
        bracketed = _BRACKET_CODE_MATH.match(code) if kind == "code" else None
        if bracketed:  # blogdown's `\(x\)`: math in backticks, written as `$x$` for math_in_code
            dollars = "$" if bracketed.group(2) == "(" else "$$"
            return f"{bracketed.group(1)}{dollars}{bracketed.group(3).strip()}{dollars}{bracketed.group(1)}"
        return unescape_shortcodes(code)

    def convert(self, call: Call, context) -> Replacement | None:
        if call.tag.name == "/*":
            return Replacement([call.tag.args])
        if call.tag.closing:
            return None
        name = call.tag.name.lower()
        handler = _HANDLERS.get(name)
        if handler is None and markup.admonition_kind(name) and name not in ("details", "expand", "quote"):
            handler = _named_box
        if handler is None:
            return None
        positional, named = parse_params(call.tag.args)
        return handler(call, positional, named, context)


def _first(positional: list[str], named: dict[str, str], *names: str, index: int = 0) -> str:
    for name in names:
        if named.get(name):
            return named[name]
    return positional[index] if len(positional) > index else ""


def _plain(text: str) -> str:
    """A caption as text: Hugo runs it through markdownify, we show it in a figcaption."""
    return unescape(_HTML_TAG.sub("", text)).replace("**", "").replace("__", "")


# --- handlers: (call, positional, named, context) -> Replacement | None --------------------------------

def _figure(call: Call, positional: list[str], named: dict[str, str], context) -> Replacement | None:
    src = _first(positional, named, "src", "image", "url")
    if not src:
        return None
    title, caption = _plain(named.get("title", "")), _plain(named.get("caption", ""))
    text = f"{title} — {caption}" if title and caption and title != caption else title or caption
    credit = _plain(named.get("attr", ""))
    if credit:  # the theme printed the attribution after the caption
        text = f"{text} ({credit})" if text else credit
    link = named.get("link", "")
    url = context.image_url(src, call)
    if link and link != src and text:
        call.note(f"figure: the link to '{link}' is dropped so the image keeps its caption; add it to the text by hand")
        link = ""
    if link == src:
        link = ""
    return markup.figure(url, _plain(named.get("alt", "")), text, standalone=call.standalone,
                         width=named.get("width", ""), height=named.get("height", ""),
                         link=context.link_url(link) if link else "")


def _admonition(call: Call, positional: list[str], named: dict[str, str], context) -> Replacement | None:
    """Paired, or self-closing (`{{< admonition tip "Title" />}}`) with its text in `content`."""
    inner = call.inner
    if inner is None:
        if not call.tag.text.rstrip("}").rstrip(">%").rstrip().endswith("/"):
            return None
        inner = Output(_first(positional, named, "content", "text", "body", index=2))
    kind = markup.admonition_kind(_first(positional, named, "type", "theme", "color", "context")) or "note"
    title = _first(positional, named, "title", index=1)
    return markup.admonition(kind, _plain(title), inner)


def _hint(call: Call, positional: list[str], named: dict[str, str], context) -> Replacement | None:
    """notice, hint, alert, callout: the first word is a kind when it names one (alert's may be an icon)."""
    if call.inner is None:
        return None
    word = _first(positional, named, "type", "theme", "color", "context")
    kind = markup.admonition_kind(word)
    title = _first(positional, named, "title", index=1) if kind else named.get("title", "")
    default = "warning" if call.tag.name.lower() == "alert" else "note"
    return markup.admonition(kind or default, _plain(title), call.inner)


def _named_box(call: Call, positional: list[str], named: dict[str, str], context) -> Replacement | None:
    if call.inner is None:
        return None
    title = _plain(_first(positional, named, "title"))
    return markup.admonition(markup.admonition_kind(call.tag.name), title, call.inner)


def _details(call: Call, positional: list[str], named: dict[str, str], context) -> Replacement | None:
    if call.inner is None:
        return None
    title = _first(positional, named, "summary", "title", "name", "header", "label", "tabname")
    return markup.details(_plain(title) or "Details", call.inner)


def _unwrap(call: Call, positional: list[str], named: dict[str, str], context) -> Replacement | None:
    return Replacement([call.inner], block=True) if call.inner is not None else Replacement([""])


def _button(call: Call, positional: list[str], named: dict[str, str], context) -> Replacement | None:
    """A theme's button is a link: `{{< button href="/x" >}}Text{{< /button >}}` or with `text=`."""
    url = _first(positional, named, "href", "link", "url", "relref")
    label = call.inner.text.strip() if call.inner is not None else _first(positional, named, "text", "name",
                                                                           "label", index=1)
    if not url:
        return None
    return Replacement([markup.link(_plain(label) or url, context.link_url(url))])


def _align(call: Call, positional: list[str], named: dict[str, str], context) -> Replacement | None:
    """right-align, left-align, center(-align): the Markdown inside, in an aligned block."""
    if call.inner is None:
        return None
    side = call.tag.name.lower().split("-")[0]
    return Replacement([f'<div style="text-align: {side}">\n', call.inner, "\n</div>"], block=True)


def _pseudocode(call: Call, positional: list[str], named: dict[str, str], context) -> Replacement:
    """The algorithmicx/algorithmic LaTeX goes unchanged into an `algorithm` block."""
    if not algorithm_blocks_drawn():
        call.note("pseudocode: this version of blog shows ```algorithm blocks as code; the LaTeX is kept "
                  "for when it draws them")
    return markup.fence(call.body or "", "algorithm")


@cache
def algorithm_blocks_drawn() -> bool:
    """Whether our Markdown draws an ```algorithm block, rather than showing its source as code."""
    probe = "```algorithm\n\\begin{algorithmic}\n\\State $x$\n\\end{algorithmic}\n```\n"
    return "\\begin{algorithmic}" not in build_parser(ParserOptions()).render(probe, {})


def _highlight(call: Call, positional: list[str], named: dict[str, str], context) -> Replacement:
    lang = _first(positional, named, "lang", "language")
    spec = _first(positional, named, "options", index=1)
    options = dict(re.findall(r"(\w+)\s*=\s*(\"[^\"]*\"|'[^']*'|\[[^\]]*\]|[^,]+)", spec))
    numbered = options.get("linenos", "").strip().lower()
    return markup.fence(call.body or "", lang, highlight=markup.highlight_ranges(options.get("hl_lines", "")),
                        numbered=True if numbered in ("table", "inline", "true") else None,
                        first_line=options.get("linenostart", "").strip() if numbered else "")


def _reference(call: Call, positional: list[str], named: dict[str, str], context) -> Replacement | None:
    path = _first(positional, named, "path")
    if not path:
        return None
    target = context.find_page(path)
    if target is None:
        call.note(f"{call.tag.name}: no page '{path}' in the blog; left as text; fix the link by hand")
        return Replacement([call.tag.text])
    return Replacement([target[0]])


def _youtube(call: Call, positional: list[str], named: dict[str, str], context) -> Replacement | None:
    video = _first(positional, named, "id")
    if not video:
        return None
    return markup.embed(f"https://www.youtube.com/embed/{video}", title=named.get("title", "YouTube video"))


def _vimeo(call: Call, positional: list[str], named: dict[str, str], context) -> Replacement | None:
    video = _first(positional, named, "id")
    if not video:
        return None
    return markup.embed(f"https://player.vimeo.com/video/{video}", title=named.get("title", "Vimeo video"))


def _bilibili(call: Call, positional: list[str], named: dict[str, str], context) -> Replacement | None:
    video = _first(positional, named, "id", "bvid", "aid")
    if not video:
        return None
    key = "bvid" if video.upper().startswith("BV") else "aid"
    return markup.embed(f"https://player.bilibili.com/player.html?{key}={video.removeprefix('av')}&autoplay=0",
                        title="bilibili video")


def _gist(call: Call, positional: list[str], named: dict[str, str], context) -> Replacement | None:
    user, gist = _first(positional, named, "user"), _first(positional, named, "id", index=1)
    if not user or not gist:
        return None
    file = _first(positional, named, "file", index=2)
    url = f"https://gist.github.com/{user}/{gist}" + (f"#file-{file.replace('.', '-')}" if file else "")
    return Replacement([markup.link(f"gist {user}/{gist}" + (f" ({file})" if file else ""), url)])


def _tweet(call: Call, positional: list[str], named: dict[str, str], context) -> Replacement | None:
    user, post = named.get("user", ""), _first(positional, named, "id")
    if not post:
        return None
    url = f"https://x.com/{user}/status/{post}" if user else f"https://x.com/i/status/{post}"
    return Replacement([markup.link(f"post {post}" + (f" by @{user}" if user else ""), url)])


def _instagram(call: Call, positional: list[str], named: dict[str, str], context) -> Replacement | None:
    post = _first(positional, named, "id")
    if not post:
        return None
    return Replacement([markup.link(f"Instagram post {post}", f"https://www.instagram.com/p/{post}/")])


def _param(call: Call, positional: list[str], named: dict[str, str], context) -> Replacement | None:
    name = _first(positional, named, "name")
    value = context.param(name) if name else None
    if value is None:
        call.note(f"param: no value for '{name}' in the page or the site's params; left as text; write it in by hand")
        return Replacement([call.tag.text])
    return Replacement([value])


def _math(call: Call, positional: list[str], named: dict[str, str], context) -> Replacement:
    tex = (call.body or "").strip()
    if re.match(r"^(\$\$|\\\[|\$)", tex):  # already delimited; the shortcode only hid it from Markdown
        return Replacement([tex], block=call.standalone)
    display = call.standalone or "\n" in tex or any(p.lower() in ("display", "block") for p in positional)
    return Replacement([f"$$\n{tex}\n$$"], block=True) if display else Replacement([f"${tex}$"])


def _diagram(call: Call, positional: list[str], named: dict[str, str], context) -> Replacement:
    call.note(f"'{{{{< {call.tag.name} >}}}}' diagrams are not drawn; the source is kept as a code block")
    return markup.fence(call.body or "", call.tag.name.lower())


def _raw_html(call: Call, positional: list[str], named: dict[str, str], context) -> Replacement:
    return Replacement([(call.body or "").strip("\n")], block=True)


def _page_path(call: Call, positional: list[str], named: dict[str, str], context) -> Replacement:
    """blogdown's postref: the page's own folder, where its rendered figures are; relative here."""
    return Replacement([""])


def _video(call: Call, positional: list[str], named: dict[str, str], context) -> Replacement | None:
    src = _first(positional, named, "src")
    return markup.video(context.link_url(src)) if src else None


_HANDLERS = {
    "figure": _figure, "fig": _figure, "img": _figure, "image": _figure, "admonition": _admonition,
    "notice": _hint, "hint": _hint, "alert": _hint, "callout": _hint, "box": _hint, "details": _details,
    "expand": _details, "spoiler": _details, "collapse": _details, "toggle": _details, "tab": _details,
    "tab-item": _details, "tabitem": _details, "button": _button, "btn": _button, "right-align": _align,
    "left-align": _align, "center-align": _align, "pseudocode": _pseudocode, "flex": _unwrap, "flex-item": _unwrap,
    "tabs": _unwrap, "tabpane": _unwrap, "columns": _unwrap, "column": _unwrap, "center": _unwrap,
    "gallery": _unwrap, "load-photoswipe": _unwrap, "highlight": _highlight, "ref": _reference,
    "relref": _reference, "youtube": _youtube, "vimeo": _vimeo, "bilibili": _bilibili, "gist": _gist,
    "tweet": _tweet, "x": _tweet, "twitter": _tweet, "instagram": _instagram, "param": _param,
    "math": _math, "katex": _math, "mathjax": _math, "latex": _math, "mermaid": _diagram,
    "plantuml": _diagram, "chart": _diagram, "diagram": _diagram, "rawhtml": _raw_html, "raw": _raw_html,
    "html": _raw_html, "unsafe": _raw_html, "video": _video, "blogdown/postref": _page_path,
}
