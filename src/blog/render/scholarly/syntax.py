"""Markdown for numbered objects, cross-references and citations (Quarto's and Pandoc's syntax).

- `$$ … $$ {#eq-bellman}`: the label goes into the formula as `\\label`, inside an `equation`
  environment unless the formula has a numbered one of its own, so the math pass numbers it (a bare
  `\\label` numbers nothing, as in amsmath);
- `![caption](img.png){#fig-arch}`: a numbered figure captioned by the image's text;
- a table followed by `: caption {#tbl-results}`: a numbered table with that caption;
- `@eq-bellman`, `@ppo:eq-clip`, `[@eq-a; @eq-b]`: references; any other `@key`, `[@key, p. 12]`:
  citations. Both become marks (objects.py) that resolve.py writes out once the site is known.
"""

from __future__ import annotations

import re
from html import escape

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from .attributes import split_attributes
from .collect import PostCollector
from .objects import Mark, Target, canonical, label_kind

# Pandoc's citation keys: internal punctuation only when a word character follows.
_KEY = r"\w(?:\w|[:.#$%&+?<>~/-](?=\w))*"
_NARRATIVE = re.compile(f"@({_KEY})")
_BRACKETED = re.compile(r"\[([^\[\]\n]*@[^\[\]]*)\](?![({]|\[(?!\^))")  # not a link; a footnote may follow
_ITEM = re.compile(f"\\s*(?:([^@;]*?)\\s+)?-?@({_KEY})\\s*(?:,\\s*(.*?))?\\s*$", re.DOTALL)
_EQUATION_LABEL = re.compile(r"^\s*\{#(eq[-:][^\s{}]+)\}\s*$")
_NUMBERED_ENVIRONMENT = re.compile(r"\\begin\{(?:equation|align|alignat|flalign|gather|multline)\}")
_CAPTION = re.compile(r"^:\s+(.*?)\s*(\{#tbl-[^\s{}]+\})\s*$", re.DOTALL)


def objects_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("normalize", "equation_labels", _label_equations)
    md.core.ruler.after("block", "numbered_equations", _number_labelled)
    md.inline.ruler.before("link", "scholarly_marks", _marks)
    md.core.ruler.after("inline", "scholarly_objects", _objects)
    _wrap_render(md, "paragraph_open", _figure_open)
    _wrap_render(md, "paragraph_close", _figure_close)
    md.add_render_rule("table_caption_open", lambda self, tokens, idx, options, env: tokens[idx].meta["html"])
    md.add_render_rule("table_caption_close", lambda self, tokens, idx, options, env: "</caption>\n")


# --- source: `$$ … $$ {#eq-x}` ---------------------------------------------------------------

_LABELLED_CLOSE = re.compile(r"^(.*)\$\$[ \t]*\{#(eq[-:][^\s{}]+)\}[ \t]*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


def _label_equations(state: StateCore) -> None:
    """Move a label behind a formula's closing `$$` into the formula, as `\\label{eq-x} $$`, so
    the closing line still ends the block; lines stay where they were."""
    if "{#eq" not in state.src:
        return
    lines = state.src.split("\n")
    fence = None
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if opening:
            fence = None if fence == opening.group(1) else fence or opening.group(1)
        found = _LABELLED_CLOSE.match(line) if fence is None else None
        if found:
            lines[number] = f"{found.group(1)}\\label{{{found.group(2)}}} $$"
            state.env.setdefault("numbered_labels", set()).add(found.group(2))
    state.src = "\n".join(lines)


def _number_labelled(state: StateCore) -> None:
    """A formula labelled with `{#eq-x}` is numbered, as in Quarto."""
    labels = state.env.get("numbered_labels")
    if not labels:
        return
    for token in state.tokens:
        if token.type == "math_block" and any(f"\\label{{{label}}}" in token.content for label in labels):
            token.content = numbered(token.content)


def numbered(tex: str) -> str:
    return tex if _NUMBERED_ENVIRONMENT.search(tex) else f"\\begin{{equation}}{tex}\\end{{equation}}"


# --- inline: references and citations ---------------------------------------------------------

def _marks(state: StateInline, silent: bool) -> bool:
    pos, src = state.pos, state.src
    if src[pos] == "[":
        found = _BRACKETED.match(src, pos)
        items = [_ITEM.match(part) for part in found.group(1).split(";")] if found else []
        if not items or not all(items):
            return False
        targets = [(item.group(2), item.group(3) or "", item.group(1) or "", pos + 1) for item in items]
        end, bracketed = found.end(), True
    elif src[pos] == "@" and (pos == 0 or not (src[pos - 1].isalnum() or src[pos - 1] in "_.")):
        found = _NARRATIVE.match(src, pos)
        if found is None:
            return False
        targets, end, bracketed = [(found.group(1), "", "", pos)], found.end(), False
    else:
        return False
    if not silent:
        token = state.push("objects_mark", "", 0)  # not "text": text tokens are merged with their neighbours
        token.meta["mark"] = (tuple(targets), bracketed, src[pos:end])
    state.pos = end
    return True


def _split_key(key: str) -> tuple[str, str]:
    """(post NAME or "", label) for a reference; ("", key) for a citation."""
    post, colon, label = key.partition(":")
    if colon and label_kind(label):
        return post, canonical(label)
    if label_kind(key):
        return "", canonical(key)
    return "", key


# --- core: labels, marks' positions -------------------------------------------------------------

def _objects(state: StateCore) -> None:
    collector: PostCollector | None = state.env.get("objects")
    if collector is None or ("@" not in state.src and "{#" not in state.src):
        return  # no mark and no label: most posts of most sites
    lines = state.src.split("\n")
    tokens = state.tokens
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "inline" and token.map is not None:
            _place_marks(token, lines, collector)
            if tokens[index - 1].type == "paragraph_open":
                index -= _label_paragraph(tokens, index, collector)
        elif token.type == "table_open":
            _caption_table(tokens, index, collector)
        index += 1


def _place_marks(token: Token, lines: list[str], collector: PostCollector) -> None:
    for child in token.children or ():
        if child.type != "objects_mark":
            continue
        items, bracketed, source = child.meta.pop("mark")
        targets = []
        for key, locator, prefix, at in items:
            line = token.map[0] + token.content.count("\n", 0, at)
            written = lines[line] if line < len(lines) else ""
            start = written.find(source.split("\n")[0]) if source.startswith("[") else 0
            column = written.find("@" + key, max(start, 0))
            post, name = _split_key(key)
            targets.append(Target(post, name, locator.strip(), collector.body_line + line, max(column, 0) + 1,
                                  " ".join(prefix.split())))
        child.type, child.content = "text", collector.mark(Mark(tuple(targets), bracketed, source))


def _label_paragraph(tokens: list[Token], index: int, collector: PostCollector) -> int:
    """Label a formula (a label on the line after it) or a figure by the attribute block after it;
    return how many tokens went."""
    inline = tokens[index]
    children = [c for c in inline.children or () if not (c.type in ("softbreak", "text") and not c.content.strip())]
    if not children or children[-1].type != "text":
        return 0
    last = children[-1]
    equation = _EQUATION_LABEL.match(last.content)
    if equation and len(children) == 1 and index >= 2 and tokens[index - 2].type == "math_block":
        tokens[index - 2].content = numbered(f"{tokens[index - 2].content} \\label{{{equation.group(1)}}}")
        del tokens[index - 1:index + 2]  # the paragraph that held only the label
        return 2
    before, label, _ = split_attributes(last.content)
    if len(children) == 2 and children[0].type == "image" and label_kind(label) == "figure" and not before.strip():
        number = collector.number("figure")
        collector.define(label, "figure", number, label, inline.map[0], 1)
        inline.children = [c for c in inline.children if c is not last]
        caption = escape(children[0].content)
        tokens[index - 1].meta["numbered_figure"] = label
        tokens[index + 1].meta["numbered_figure"] = (f'<figcaption><span class="object-name">'
                                                     f"{escape(collector.name('figure'))} {number}</span> "
                                                     f"{caption}</figcaption></figure>\n")
    return 0


def _caption_table(tokens: list[Token], index: int, collector: PostCollector) -> None:
    """A caption line right under a table: its last row (no blank line) or the next paragraph."""
    close = next(at for at in range(index, len(tokens)) if tokens[at].type == "table_close")
    row_start = max(at for at in range(index, close) if tokens[at].type == "tr_open")
    cells = [token for token in tokens[row_start:close] if token.type == "inline"]
    caption = _CAPTION.match(cells[0].content) if cells and all(not c.content for c in cells[1:]) else None
    if caption and tokens[row_start - 1].type in ("tr_close", "tbody_open"):
        inline, remove = cells[0], (row_start, close - 1)  # the row, up to tbody_close
        if tokens[row_start - 1].type == "tbody_open":
            remove = (row_start - 1, close)  # the only row: the tbody goes too
    elif close + 2 < len(tokens) and tokens[close + 1].type == "paragraph_open" \
            and _CAPTION.match(tokens[close + 2].content):
        inline, remove = tokens[close + 2], (close + 1, close + 4)
        caption = _CAPTION.match(inline.content)
    else:
        return
    _, label, _ = split_attributes(caption.group(2))
    number = collector.number("table")
    collector.define(label, "table", number, label, tokens[index].map[0], 1)
    _trim_caption(inline)
    del tokens[remove[0]:remove[1]]
    tokens[index].attrSet("id", label)
    opening = Token("table_caption_open", "caption", 1)
    opening.meta["html"] = (f'<caption><span class="object-name">{escape(collector.name("table"))} '
                            f"{number}</span> ")
    inline.map = None  # its lines are gone from the table; math positions fall back to the table's
    tokens[index + 1:index + 1] = [opening, inline, Token("table_caption_close", "caption", -1)]


def _trim_caption(inline: Token) -> None:
    """Drop the leading `: ` and the trailing attribute block from the caption's inline tokens."""
    children = inline.children or []
    if children and children[0].type == "text":
        children[0].content = children[0].content.lstrip(":").lstrip()
    if children and children[-1].type == "text":
        children[-1].content = split_attributes(children[-1].content)[0]
    inline.content = _CAPTION.match(inline.content).group(1)


# --- rendering ------------------------------------------------------------------------------

def _wrap_render(md: MarkdownIt, name: str, rule) -> None:
    previous = md.renderer.rules.get(name)

    def render(self, tokens, idx, options, env) -> str:
        html = rule(tokens[idx])
        if html is not None:
            return html
        return previous(tokens, idx, options, env) if previous else self.renderToken(tokens, idx, options, env)

    md.add_render_rule(name, render)


def _figure_open(token: Token) -> str | None:
    label = token.meta.get("numbered_figure")
    return f'<figure class="numbered" id="{escape(label)}">' if label else None


def _figure_close(token: Token) -> str | None:
    return token.meta.get("numbered_figure")
