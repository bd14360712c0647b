"""Code blocks through Pygments with CSS classes; an unknown language is escaped plain text.

Fence info after the language takes Hugo-style options, e.g.
```` ```python {linenos=true hl_lines=[2,"4-5"] title="train.py"} ```` or the short ```` ```python {2,4-5} ````.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from markdown_it import MarkdownIt
from markdown_it.common.utils import unescapeAll

from .contrast import readable_css

_OPTION = re.compile(r"""(\w+)\s*=\s*("[^"]*"|'[^']*'|\[[^\]]*\]|\S+)""")
_RANGE = re.compile(r"(\d+)(?:-(\d+))?")
PLAIN_LANGUAGES = {"", "text", "txt", "plain", "plaintext", "output", "console-output"}


def code_plugin(md: MarkdownIt, *, line_numbers: bool = False) -> None:
    """Render fenced code ourselves: a titled block is a <figure>, which the `highlight` hook cannot return."""

    def render_fence(self, tokens, idx, options, env) -> str:
        info = unescapeAll(tokens[idx].info).strip()
        lang, _, attrs = info.partition(" ")
        html, _ = highlight_code(tokens[idx].content, lang, parse_fence_options(attrs, line_numbers=line_numbers))
        return html

    md.add_render_rule("fence", render_fence)


@dataclass(frozen=True)
class FenceOptions:
    line_numbers: bool
    highlighted: frozenset[int]
    title: str | None


def parse_fence_options(attrs: str, *, line_numbers: bool) -> FenceOptions:
    """Read `{…}` after the language; unknown options are ignored like Hugo does."""
    body = attrs.strip().removeprefix("{").removesuffix("}")
    options = {key.lower(): value.strip("\"'") for key, value in _OPTION.findall(body)}
    ranges = options.get("hl_lines", "")
    if not options and body.strip():
        ranges = body  # the short form: {2,4-5}
    highlighted: set[int] = set()
    for start, end in _RANGE.findall(ranges):
        highlighted.update(range(int(start), int(end or start) + 1))
    numbered = options.get("linenos", str(line_numbers)).lower() in ("true", "table", "inline", "1", "yes")
    return FenceOptions(numbered, frozenset(highlighted), options.get("title"))


@lru_cache(maxsize=256)
def _lexer(lang: str):
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(lang, stripnl=False, ensurenl=True)
    except ClassNotFound:
        return None


@lru_cache(maxsize=1)
def _formatter():
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(nowrap=True)


@lru_cache(maxsize=4096)
def highlight_code(code: str, lang: str, options: FenceOptions) -> tuple[str, bool]:
    """HTML for one code block, and whether the language was known; identical blocks are highlighted once."""
    lang = lang.lower()
    lexer = None if lang in PLAIN_LANGUAGES else _lexer(lang)
    if lexer is None:
        body = escape(code, quote=False)
    else:
        from pygments import highlight

        body = highlight(code, lexer, _formatter())
    if options.line_numbers or options.highlighted:
        body = _wrap_lines(body, options)
    classes = "highlight" + (" numbered" if options.line_numbers else "")
    code_class = f' class="language-{escape(lang)}"' if lang else ""
    # Focusable, so a keyboard can scroll a block wider than the page.
    label = f' data-lang="{escape(lexer.name if lexer else lang)}"' if lang not in PLAIN_LANGUAGES else ""
    block = f'<pre class="{classes}"{label} tabindex="0"><code{code_class}>{body}</code></pre>'
    if options.title:
        block = f'<figure class="code-block"><figcaption>{escape(options.title)}</figcaption>{block}</figure>'
    return block + "\n", lexer is not None or lang in PLAIN_LANGUAGES


def _wrap_lines(body: str, options: FenceOptions) -> str:
    # Pygments closes every span at a line end, so wrapping whole lines keeps the HTML balanced.
    lines = body.removesuffix("\n").split("\n")
    return "".join(
        f'<span class="line{" hl" if number in options.highlighted else ""}">{line}\n</span>'
        for number, line in enumerate(lines, start=1)
    )


# The theme's code backgrounds (main.css: --surface, and --hl for highlighted lines) per scheme.
LIGHT_CODE_BACKGROUNDS = ("#f4f5f7", "#fff4c2")
DARK_CODE_BACKGROUNDS = ("#161a20", "#2c2a1a")


def highlight_css(light_style: str, dark_style: str) -> str:
    """Pygments CSS for both colour schemes: dark by media query or `data-theme="dark"`; every token
    colour made readable (WCAG AA) on the theme's code backgrounds."""
    from pygments.formatters import HtmlFormatter

    def style(name: str, scope: str, backgrounds: tuple[str, ...]) -> str:
        return readable_css(HtmlFormatter(style=name).get_style_defs(scope), backgrounds)

    light = style(light_style, ".highlight", LIGHT_CODE_BACKGROUNDS)
    dark = style(dark_style, '[data-theme="dark"] .highlight', DARK_CODE_BACKGROUNDS)
    dark_auto = style(dark_style, ':root:not([data-theme="light"]) .highlight', DARK_CODE_BACKGROUNDS)
    return (f"/* light: {light_style} */\n{light}\n/* dark: {dark_style} */\n{dark}\n"
            f"@media (prefers-color-scheme: dark) {{\n{dark_auto}\n}}\n")
