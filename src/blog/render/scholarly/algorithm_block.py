"""```` ```algorithm {#alg-ppo} ```` fences: numbered, captioned pseudocode rendered at build time.

The fence's lines become tokens before inline parsing, so each line's text (and the caption) is
parsed as Markdown with its math converted like all other math of the post.
"""

from __future__ import annotations

from html import escape

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ...diagnostics import warning
from .algorithms import read_algorithm
from .attributes import split_attributes
from .collect import PostCollector


def algorithms_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("block", "algorithms", _expand)
    renders = {
        "algorithm_open": lambda t: f'<figure class="algorithm"{_id(t)}>\n',
        "algorithm_close": lambda t: "</div>\n</figure>\n",
        "algorithm_caption_open": lambda t: f'<figcaption><span class="object-name">{escape(t.meta["head"])}</span> ',
        "algorithm_caption_close": lambda t: '</figcaption>\n<div class="algorithm-body">\n',
        "algorithm_line_open": _line_open,
        "algorithm_line_close": lambda t: "</span></div>\n",
        "algorithm_comment_open": lambda t: '</span><span class="algorithm-comment">',
    }
    for name, render in renders.items():
        md.add_render_rule(name, lambda self, tokens, idx, options, env, render=render: render(tokens[idx]))


def _id(token: Token) -> str:
    return f' id="{escape(token.meta["label"])}"' if token.meta["label"] else ""


def _line_open(token: Token) -> str:
    number = token.meta["number"]
    shown = f'<span class="algorithm-number" aria-hidden="true">{number}:</span>' if number else ""
    return f'<div class="algorithm-line" style="--indent: {token.meta["indent"]}">{shown}<span class="algorithm-text">'


def _expand(state: StateCore) -> None:
    collector: PostCollector | None = state.env.get("objects")
    if collector is None or "algorithm" not in state.src:
        return
    index = 0
    while index < len(state.tokens):
        token = state.tokens[index]
        if token.type == "fence" and token.info.split("{")[0].strip() == "algorithm":
            replacement = _tokens(token, collector)
            state.tokens[index:index + 1] = replacement
            index += len(replacement)
        else:
            index += 1


def _tokens(fence: Token, collector: PostCollector) -> list[Token]:
    algorithm = read_algorithm(fence.content)
    _, label, options = split_attributes(fence.info)
    label = label or algorithm.label
    first = fence.map[0] + 1  # the fence's first content line
    for command, line, col in algorithm.unknown:
        collector.diagnostics.append(warning(collector.src_path, collector.body_line + first + line, col + 1,
                                             f"algorithm: unknown command '{command}' (shown as written)"))
    number = collector.number("algorithm")
    if label:
        collector.define(label, "algorithm", number, label, fence.map[0], 1)
    numbers = options.get("line-numbers", str(algorithm.line_numbers).lower()) == "true"
    opening = Token("algorithm_open", "figure", 1, meta={"label": label})
    caption = Token("algorithm_caption_open", "figcaption", 1,
                    meta={"head": f"{collector.name('algorithm')} {number}"})
    tokens = [opening, caption, _inline(algorithm.caption, fence.map[0]), Token("algorithm_caption_close", "", -1)]
    counter = 0
    for line in algorithm.lines:
        counter += line.numbered
        shown = counter if numbers and line.numbered else None
        tokens.append(Token("algorithm_line_open", "div", 1, meta={"indent": line.indent, "number": shown}))
        tokens.append(_inline(line.text, first + line.source_line))
        if line.comment:
            tokens.append(Token("algorithm_comment_open", "span", 1))
            tokens.append(_inline(f"▷ {line.comment}", first + line.source_line))
        tokens.append(Token("algorithm_line_close", "div", -1))
    tokens.append(Token("algorithm_close", "figure", -1))
    return tokens


def _inline(text: str, line: int) -> Token:
    return Token("inline", "", 0, content=" ".join(text.split()), map=[line, line + 1], children=[])
