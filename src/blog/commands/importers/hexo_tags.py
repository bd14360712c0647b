"""Hexo tag plugins (core and NexT, with the common Butterfly/Fluid variants) to our Markdown.

Arguments are split as Hexo's Nunjucks lexer does: on whitespace, a quoted string being one
argument without its quotes. Tags whose body is raw (`{% codeblock %}`, `{% raw %}`) are taken
whole by the scanner, so nothing inside them is converted.
"""

from __future__ import annotations

import posixpath
import re

from . import markup
from .rewrite import Call, Replacement, rewrite
from .scanner import Tag

RAW_BODIED = frozenset({"raw", "verbatim", "codeblock", "code", "mermaid", "katex", "math", "latex", "wavedrom"})
_TAG = re.compile(r"\{%-?[ \t]*([A-Za-z_][\w-]*)((?:[^%]|%(?!\}))*?)-?%\}")
_ARG = re.compile(r""""([^"]*)"|'([^']*)'|(\S)""")
_URL = re.compile(r"^(?:[A-Za-z][\w+.-]*:|//|/|www\.)")
_SIZE = re.compile(r"^\d+(?:px|%|em|rem|vw|vh)?$")
_OPTION = re.compile(r"^(lang|line_number|line_threshold|first_line|mark|wrap|highlight|language_attr):(.*)$")
_FENCE_INFO = re.compile(r"^([ \t>]*)(`{3,}|~{3,})[ \t]*([^\s{]+)[ \t]+([^{\n][^\n]*)$", re.MULTILINE)
_TAB = re.compile(r"<!--\s*tab\b(.*?)-->")
_END_TAB = re.compile(r"<!--\s*endtab\s*-->")
_ICON_PREFIXES = ("fa ", "fa-", "fas ", "far ", "fab ")  # Butterfly's `{% note 'fas fa-bullhorn' %}`
_NOTE_STYLES = {"no-icon", "flat", "simple", "modern", "disabled", "icon", "outline"}


class HexoSyntax:
    opener = "{%"

    def match(self, text: str, pos: int) -> Tag | None:
        return match_block_tag(text, pos, RAW_BODIED)


def match_block_tag(text: str, pos: int, raw_bodied: frozenset[str]) -> Tag | None:
    """A `{% name args %}` tag of Nunjucks or Liquid at `pos`; one in `raw_bodied` with its body up
    to `{% endname %}`, taken whole."""
    close = text.find("%}", pos + 2, pos + 4000)
    if close == -1 or text.find("{%", pos + 2, close) != -1:  # a tag holds no other tag
        return None
    found = _TAG.match(text, pos, close + 2)
    if not found or re.search(r"\n[ \t]*\n", found.group(0)):
        return None
    name, args = found.group(1), found.group(2).strip()
    if name in raw_bodied:
        close = re.compile(rf"\{{%-?\s*end{name}\s*-?%\}}").search(text, found.end())
        if close is None:
            return None
        return Tag(name, args, pos, close.end(), found.group(0), body=(found.end(), close.start()))
    return Tag(name, args, pos, found.end(), found.group(0), closing=name.startswith("end") and len(name) > 3)


def split_args(text: str) -> list[str]:
    """Hexo's arguments: whitespace-separated, quotes group and are dropped."""
    args, current, started = [], [], False
    for match in _ARG.finditer(text):
        if match.group(3) is not None and match.group(3).isspace():
            continue
        start = match.start()
        if started and start > 0 and text[start - 1].isspace():
            args.append("".join(current))
            current = []
        current.append(match.group(1) if match.group(1) is not None else
                       match.group(2) if match.group(2) is not None else match.group(3))
        started = True
    if started:
        args.append("".join(current))
    return args


class HexoFlavour:
    syntax = HexoSyntax()

    def closes(self, tag: Tag) -> str | None:
        return tag.name[3:] if tag.closing else None

    def unknown(self, tag: Tag) -> str:
        shown = "{% " + tag.name + (" …" if tag.args else "") + " %}"
        if tag.closing:
            return f"Hexo tag '{shown}' closes nothing; kept as an HTML comment; remove it by hand"
        return f"unknown Hexo tag '{shown}' kept as an HTML comment; replace it by hand"

    def fix_code(self, kind: str, code: str) -> str:
        """Hexo's ```lang Title [url] [options] becomes ```lang {title="Title" …}."""
        if kind != "fence":
            return code
        first_line, newline, rest = code.partition("\n")
        found = _FENCE_INFO.match(first_line)
        if not found:
            return code
        prefix, marker, lang, extra = found.groups()
        options, caption = _code_options(split_args(extra))
        options.pop("lang", None)
        return prefix + marker + markup.fence_info(lang, title=_caption_title(caption), **options) + newline + rest

    def convert(self, call: Call, context) -> Replacement | None:
        handler = _HANDLERS.get(call.tag.name.lower())
        if handler is None or call.tag.closing:
            return None
        return handler(call, split_args(call.tag.args), context)


# --- handlers: (call, args, context) -> Replacement | None ------------------------------------------

def _note(call: Call, args: list[str], context) -> Replacement | None:
    if call.inner is None:
        return None
    words = [a for a in args if a.lower() not in _NOTE_STYLES and not a.startswith(_ICON_PREFIXES)]
    kind = markup.admonition_kind(words[0]) if words else "note"
    title_words = words[1:] if kind and words else words
    return markup.admonition(kind or "note", " ".join(title_words), call.inner)


def _fold(call: Call, args: list[str], context) -> Replacement | None:
    if call.inner is None:
        return None
    title = " ".join(args)
    if "@" in title:  # Fluid: {% fold info @Title %}
        title = title.split("@", 1)[1]
    elif args and markup.admonition_kind(args[0]) and len(args) > 1:
        title = " ".join(args[1:])
    return markup.details(title.strip() or "Details", call.inner)


def _blockquote(call: Call, args: list[str], context) -> Replacement | None:
    if call.inner is None:
        return None
    return markup.quote(call.inner, _citation(" ".join(args)) if call.tag.name == "blockquote" else "")


def _citation(text: str) -> str:
    """Hexo's `author[, source] [link] [link title]` as one attribution line."""
    found = re.match(r"(\S.*?)\s+(https?://\S+)(?:\s+(.+))?$", text)
    if found:
        author, url, title = found.groups()
        return f"**{author}** " + markup.link(title or re.sub(r"^https?://|/$", "", url), url)
    author, _, source = text.partition(",")
    return f"**{author.strip()}**" + (f", *{source.strip()}*" if source.strip() else "") if author.strip() else ""


def _codeblock(call: Call, args: list[str], context) -> Replacement:
    options, caption = _code_options(args)
    lang = options.pop("lang", "")
    replacement = markup.fence(_strip_indent(call.body or ""), lang, title=_caption_title(caption), **options)
    url = re.search(r"https?://\S+", caption)
    if url:  # the source link that Hexo put in the caption goes on the fence's last line
        label = caption[url.end():].strip() or "link"
        replacement.parts[0] += "\n" + markup.link(label, url.group(0))
    return replacement


def _code_options(args: list[str]) -> tuple[dict, str]:
    options: dict = {}
    rest = []
    for arg in args:
        found = _OPTION.match(arg)
        if not found:
            rest.append(arg)
            continue
        key, value = found.groups()
        if key == "lang":
            options["lang"] = value
        elif key == "mark":
            options["highlight"] = markup.highlight_ranges(value)
        elif key == "line_number" and value in ("true", "false"):
            options["numbered"] = value == "true"
        elif key == "first_line" and value.isdigit():
            options["first_line"] = value
    return options, " ".join(rest)


def _caption_title(caption: str) -> str:
    return re.split(r"\s+https?://", caption, maxsplit=1)[0].strip()


def _strip_indent(body: str) -> str:
    lines = body.split("\n")
    width = min((len(line) - len(line.lstrip(" \t")) for line in lines if line.strip()), default=0)
    return "\n".join(line[width:] for line in lines)


def _raw(call: Call, args: list[str], context) -> Replacement:
    return Replacement([rewrite(call.body or "", None, context)])


def _math(call: Call, args: list[str], context) -> Replacement:
    tex = (call.body or "").strip()
    if call.standalone or "\n" in tex or "displayMode\": true" in call.tag.args.replace("'", '"'):
        return Replacement([f"$$\n{tex}\n$$"], block=True)
    return Replacement([f"${tex}$"])


def _diagram(call: Call, args: list[str], context) -> Replacement:
    call.note(f"'{{% {call.tag.name} %}}' diagrams are not drawn; the source is kept as a code block")
    return markup.fence(_strip_indent(call.body or ""), call.tag.name)


def _asset_img(call: Call, args: list[str], context) -> Replacement:
    index = next((i for i, arg in enumerate(args) if context.asset_exists(arg)), None)
    if index is None:
        index = next((i for i, arg in enumerate(args) if "." in arg or "/" in arg), 0)
        if args:
            call.note(f"asset_img: '{args[index]}' is not in the post's asset folder; add it there")
    if not args:
        return Replacement([""])
    classes, rest = args[:index], args[index + 1:]
    # the post's assets are published beside it, so their names are their URLs
    return _image(call, args[index], classes, rest, context)


def _img(call: Call, args: list[str], context) -> Replacement | None:
    index = next((i for i, arg in enumerate(args) if _URL.match(arg) or markup.looks_like_image(arg)), None)
    if index is None:
        return None
    return _image(call, context.image_url(args[index], call), args[:index], args[index + 1:], context)


def _image(call: Call, src: str, classes: list[str], rest: list[str], context) -> Replacement:
    width = height = ""
    if rest and _SIZE.match(rest[0]):
        width = rest.pop(0)
        if rest and _SIZE.match(rest[0]):
            height = rest.pop(0)
    title, alt = _title_and_alt(" ".join(rest))
    if classes and not title:
        return Replacement([markup.html_image(src, alt, width=width, height=height,
                                              css_class=" ".join(classes))])
    return markup.figure(src, alt, title, standalone=call.standalone, width=width, height=height)


def _title_and_alt(meta: str) -> tuple[str, str]:
    quoted = re.findall(r'"([^"]*)"', meta)
    if quoted:
        return quoted[0], quoted[1] if len(quoted) > 1 else quoted[0]
    return meta.strip(), meta.strip()


def _asset_path(call: Call, args: list[str], context) -> Replacement:
    if args and not context.asset_exists(args[0]):
        call.note(f"{call.tag.name}: '{args[0]}' is not in the post's asset folder; add it there")
    url = args[0] if args else ""
    if call.tag.name == "asset_path":
        return Replacement([url])
    return Replacement([markup.link(" ".join(args[1:]) or posixpath.basename(url), url)])


def _post_link(call: Call, args: list[str], context) -> Replacement | None:
    if not args:
        return None
    if args[-1] in ("true", "false") and len(args) > 1:
        args = args[:-1]
    target = context.find_post(args[0])
    if target is None:
        call.note(f"{call.tag.name}: no post '{args[0]}' in the blog; left as text; fix the link by hand")
        return Replacement([call.tag.text])
    url, title = target
    if call.tag.name == "post_path":
        return Replacement([url])
    return Replacement([markup.link(" ".join(args[1:]) or title, url)])


def _link(call: Call, args: list[str], context) -> Replacement | None:
    index = next((i for i, arg in enumerate(args) if _URL.match(arg)), None)
    if index is None:
        return None
    rest = [a for a in args[index + 1:] if a not in ("true", "false")]
    return Replacement([markup.link(" ".join(args[:index]) or args[index], args[index], " ".join(rest))])


def _iframe(call: Call, args: list[str], context) -> Replacement | None:
    if not args:
        return None
    sizes = [a for a in args[1:3] if _SIZE.match(a)]
    return markup.embed(args[0], width=sizes[0] if sizes else "",
                        height=sizes[1] if len(sizes) > 1 else "")


def _youtube(call: Call, args: list[str], context) -> Replacement | None:
    if not args:
        return None
    host = "www.youtube-nocookie.com" if "false" in args[1:] else "www.youtube.com"
    path = f"videoseries?list={args[0]}" if "playlist" in args[1:] else args[0]
    return markup.embed(f"https://{host}/embed/{path}", title="YouTube video")


def _vimeo(call: Call, args: list[str], context) -> Replacement | None:
    return markup.embed(f"https://player.vimeo.com/video/{args[0]}", title="Vimeo video") if args else None


def _bilibili(call: Call, args: list[str], context) -> Replacement | None:
    if not args:
        return None
    key = "bvid" if args[0].upper().startswith("BV") else "aid"
    return markup.embed(f"https://player.bilibili.com/player.html?{key}={args[0].removeprefix('av')}&autoplay=0",
                        title="bilibili video")


def _gist(call: Call, args: list[str], context) -> Replacement | None:
    if not args:
        return None
    url = f"https://gist.github.com/{args[0]}" + (f"#file-{args[1].replace('.', '-')}" if len(args) > 1 else "")
    return Replacement([markup.link(f"gist {args[0]}" + (f" ({args[1]})" if len(args) > 1 else ""), url)])


def _jsfiddle(call: Call, args: list[str], context) -> Replacement | None:
    return Replacement([markup.link(f"JSFiddle {args[0]}", f"https://jsfiddle.net/{args[0]}/")]) if args else None


def _include_code(call: Call, args: list[str], context) -> Replacement | None:
    options = {key: value for key, value in (a.split(":", 1) for a in args if re.match(r"^(lang|from|to):", a))}
    rest = [a for a in args if not re.match(r"^(lang|from|to):", a)]
    if not rest:
        return None
    path = rest[-1]
    code = context.read_code(path)
    if code is None:
        call.note(f"include_code: '{path}' is not in the blog's code folder; left as text; paste the code by hand")
        return Replacement([call.tag.text])
    lines = code.split("\n")
    first = int(options["from"]) if options.get("from", "").isdigit() else 1
    last = int(options["to"]) if options.get("to", "").isdigit() else len(lines)
    title = " ".join(rest[:-1]) or posixpath.basename(path)
    return markup.fence("\n".join(lines[first - 1:last]).rstrip("\n"), options.get("lang", ""), title=title)


def _label(call: Call, args: list[str], context) -> Replacement:
    text = " ".join(args)
    kind, _, label = text.rpartition("@")
    return Replacement([f'<mark class="label {kind.strip() or "default"}">{label.strip()}</mark>'])


def _button(call: Call, args: list[str], context) -> Replacement | None:
    parts = [p.strip() for p in " ".join(args).split(",")]
    if not parts or not parts[0]:
        return None
    return Replacement([markup.link(parts[1] if len(parts) > 1 and parts[1] else parts[0], parts[0],
                                    parts[4] if len(parts) > 4 else "")])


def _tabs(call: Call, args: list[str], context) -> Replacement | None:
    """NexT tabs: each `<!-- tab Caption@icon -->` … `<!-- endtab -->` pane becomes a titled details block."""
    if call.inner is None:
        return None
    name = " ".join(args).split(",")[0].strip() or "Tab"
    body = call.inner
    longest = max((len(run) for run in re.findall(r"^[ \t]*(:{3,})", body.text, re.MULTILINE)), default=2)
    marker = ":" * max(3, longest + 1)
    count = 0

    def caption(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        text = match.group(1).split("@")[0].strip()
        return f"{marker} details {text or f'{name} {count}'}"

    panes = body.map_lines(lambda _, line: _END_TAB.sub(marker, _TAB.sub(caption, line)))
    return Replacement([panes], block=True)


def _unwrap(call: Call, args: list[str], context) -> Replacement | None:
    return Replacement([call.inner], block=True) if call.inner is not None else None


def _video(call: Call, args: list[str], context) -> Replacement | None:
    return markup.video(args[0]) if args else None


def _pdf(call: Call, args: list[str], context) -> Replacement | None:
    if not args:
        return None
    return markup.embed(args[0], title="PDF", height=args[1] if len(args) > 1 else "")


def _caniuse(call: Call, args: list[str], context) -> Replacement | None:
    feature = " ".join(args).split("@")[0].strip()
    return Replacement([markup.link(f"Can I use: {feature}", f"https://caniuse.com/{feature}")]) if feature else None


_HANDLERS = {
    "note": _note, "subnote": _note, "alert": _note, "tip": _note, "fold": _fold, "folding": _fold,
    "hidetoggle": _fold, "details": _fold, "blockquote": _blockquote, "quote": _blockquote,
    "pullquote": _blockquote, "centerquote": _blockquote, "cq": _blockquote, "codeblock": _codeblock,
    "code": _codeblock, "raw": _raw, "verbatim": _raw, "math": _math, "katex": _math, "latex": _math,
    "mermaid": _diagram, "wavedrom": _diagram, "asset_img": _asset_img, "asset_image": _asset_img,
    "img": _img, "image": _img, "asset_path": _asset_path, "asset_link": _asset_path, "post_link": _post_link,
    "post_path": _post_link, "link": _link, "iframe": _iframe, "youtube": _youtube, "vimeo": _vimeo,
    "bilibili": _bilibili, "gist": _gist, "jsfiddle": _jsfiddle, "include_code": _include_code,
    "label": _label, "button": _button, "btn": _button, "tabs": _tabs, "subtabs": _tabs, "subsubtabs": _tabs,
    "grouppicture": _unwrap, "gp": _unwrap, "center": _unwrap, "video": _video, "pdf": _pdf,
    "caniuse": _caniuse, "can": _caniuse,
}
