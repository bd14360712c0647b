"""Jekyll's Liquid in posts to our Markdown.

Two passes. `expand_variables` runs first, on the text outside code: `{{ site.baseurl }}`,
`{{ site.url }}`, `{{ "/x" | relative_url }}` and the site's and page's own values become what
they printed, so `![a]({{ site.baseurl }}/assets/a.svg)` is an ordinary image the importer then
finds and checks. Then the tags go through JekyllFlavour like Hexo's: `{% link %}`,
`{% post_url %}`, `{% include image.html … %}` figures, `{% highlight %}`, `{% raw %}`,
`{% comment %}`. Control flow (`if`, `for`, `assign`, `capture`) has no equivalent in a post:
it is a warning, like any other tag or expression left over.
"""

from __future__ import annotations

import re
from typing import Any

from . import markup
from .hexo_tags import match_block_tag
from .rewrite import Call, Replacement, rewrite
from .scanner import Tag, scan

RAW_BODIED = frozenset({"raw", "highlight", "comment"})
_OUTPUT = re.compile(r"\{\{-?((?:[^}]|\}(?!\}))*?)-?\}\}")
_STRING = re.compile(r"""^(?:"([^"]*)"|'([^']*)')$""")
_PARAM = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
# Filters that leave a site-relative path as our build wants it (it adds the site's path itself).
_URL_FILTERS = re.compile(r"^(?:relative_url|absolute_url|prepend:\s*site\.(?:baseurl|url)|uri_escape|url_encode)$")
_SITE_URLS = ("site.baseurl", "site.url", "site.github.url")
_RAW_MARKER = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}")
_IMAGE_INCLUDE = re.compile(r"^[\w/.-]*(?:image|img|figure|fig|picture|photo)[\w.-]*\.(?:html|liquid|md)$", re.I)


class LiquidSyntax:
    opener = "{"

    def match(self, text: str, pos: int) -> Tag | None:
        if text.startswith("{{", pos):
            found = _OUTPUT.match(text, pos, min(len(text), pos + 1000))
            if not found or "\n\n" in found.group(0):
                return None
            return Tag("{{", found.group(1).strip(), pos, found.end(), found.group(0))
        return match_block_tag(text, pos, RAW_BODIED) if text.startswith("{%", pos) else None


def evaluate(expression: str, values: dict[str, Any]) -> str | None:
    """What a Liquid output printed, for the expressions a post can hold without a template: a
    string or a known variable, through URL filters; None when it cannot be known here."""
    head, *filters = [part.strip() for part in expression.split("|")]
    literal = _STRING.match(head)
    if literal:
        value = literal.group(1) if literal.group(1) is not None else literal.group(2)
    elif head in _SITE_URLS:
        value = ""  # the site's own address: our build writes links relative to base_url
    elif head in values:
        value = values[head]
    else:
        return None
    if any(not _URL_FILTERS.match(f) for f in filters):
        return None
    return str(value)


def expand_variables(body: str, values: dict[str, Any]) -> str:
    """The body with every Liquid output that can be known replaced by its text, outside code."""
    syntax = LiquidSyntax()
    out, position = [], 0
    for piece in scan(body, syntax):
        tag = piece.tag
        if piece.kind != "tag" or tag.name != "{{":
            continue
        value = evaluate(tag.args, values)
        if value is None:
            continue
        out += [body[position:piece.start], value]
        position = piece.end
    return "".join(out) + body[position:]


def parse_params(args: str) -> dict[str, str]:
    """`key="value" key2='v' key3=bare` of an include, by lower-case key."""
    return {m.group(1).lower(): next(v for v in m.groups()[1:] if v is not None) for m in _PARAM.finditer(args)}


class JekyllFlavour:
    syntax = LiquidSyntax()

    def closes(self, tag: Tag) -> str | None:
        return tag.name[3:] if tag.closing else None

    def unknown(self, tag: Tag) -> str:
        if tag.name == "{{":
            return f"Liquid output '{{{{ {tag.args} }}}}' cannot be known outside Jekyll; kept as an HTML comment; " \
                   f"write its value in by hand"
        shown = "{% " + tag.name + (" …" if tag.args else "") + " %}"
        if tag.closing:
            return f"Liquid tag '{shown}' closes nothing; kept as an HTML comment; remove it by hand"
        return f"Liquid tag '{shown}' has no equivalent; kept as an HTML comment; replace it by hand"

    def fix_code(self, kind: str, code: str) -> str:
        """Liquid runs before Markdown, so readers saw code without its `{% raw %}` markers."""
        return _RAW_MARKER.sub("", code)

    def convert(self, call: Call, context) -> Replacement | None:
        handler = _HANDLERS.get(call.tag.name.lower())
        if handler is None or call.tag.closing:
            return None
        return handler(call, call.tag.args, context)


# --- handlers: (call, args, context) -> Replacement | None ------------------------------------------

def _link(call: Call, args: str, context) -> Replacement | None:
    """`{% link _posts/2019-05-07-dqn.md %}`, `{% post_url 2019-05-07-dqn %}`: the page's new URL."""
    name = args.strip().strip("'\"")
    if not name:
        return None
    target = context.find_post(name)
    if target is None and call.tag.name == "link" and context.finds("/" + name.lstrip("/")):
        return Replacement([context.link_url("/" + name.lstrip("/"))])
    if target is None:
        call.note(f"{call.tag.name}: no post or page '{name}' in the blog; kept as an HTML comment; fix the link by hand")
        return None
    return Replacement([target[0]])


def _include(call: Call, args: str, context) -> Replacement | None:
    """`{% include image.html url="…" description="…" %}` and the like: a figure."""
    file, _, rest = args.partition(" ")
    if not _IMAGE_INCLUDE.match(file):
        return None
    params = parse_params(rest)
    src = next((params[k] for k in ("url", "src", "image", "file", "path", "img") if params.get(k)), "")
    if not src:
        return None
    src = expand_variables(src, {})
    caption = next((params[k] for k in ("caption", "description", "title") if params.get(k)), "")
    url = context.image_url(src, call)
    return markup.figure(url, params.get("alt", "") or caption, caption, standalone=call.standalone,
                         width=params.get("width", ""), height=params.get("height", ""))


def _highlight(call: Call, args: str, context) -> Replacement:
    words = args.split()
    lang = words[0] if words else ""
    marked = re.search(r"mark_lines=\"([^\"]*)\"", args)
    return markup.fence(call.body or "", lang, numbered=True if "linenos" in words[1:] else None,
                        highlight=markup.highlight_ranges(marked.group(1)) if marked else "")


def _raw(call: Call, args: str, context) -> Replacement:
    return Replacement([rewrite(call.body or "", None, context)])


def _comment(call: Call, args: str, context) -> Replacement:
    return Replacement([""])


def _gist(call: Call, args: str, context) -> Replacement | None:
    words = args.split()
    if not words:
        return None
    file = f" ({words[1]})" if len(words) > 1 else ""
    return Replacement([markup.link(f"gist {words[0]}{file}", f"https://gist.github.com/{words[0]}")])


def _youtube(call: Call, args: str, context) -> Replacement | None:
    video = args.strip().strip("'\"")
    return markup.embed(f"https://www.youtube.com/embed/{video}", title="YouTube video") if video else None


_HANDLERS = {"link": _link, "post_url": _link, "include": _include, "include_relative": _include,
             "highlight": _highlight, "raw": _raw, "comment": _comment, "gist": _gist, "youtube": _youtube}
