"""The recursive-descent parser: tokens in, MathML Nodes out, TeX's grouping rules between.

Commands live in handler tables (commands, delimiters, text, environments, numbering); each
handler gets the parser and its token and reads its own arguments through the methods here.
"""
import unicodedata
from typing import NoReturn

from . import commands, decorations, delimiters, environments, numbering, text
from .alphabets import styled
from .errors import TexError
from .macros import DEFINERS, EXPANSION_LIMIT, Macro, TokenStream, body_source, read_definition
from .mathml import EMPTY, Node, escape, join_nodes, operator, row, space
from .symbols import (ASCII_GLYPHS, COMMAND_SYMBOLS, INTEGRALS, STRETCHY_BY_DEFAULT,
                      UPRIGHT_BY_DEFAULT, class_of_char)
from .styles import DISPLAY, SCRIPT, TEXT, script_style
from .tokenizer import Token, tokenize

MAX_DEPTH = 150

COMMANDS = {**commands.COMMANDS, **decorations.COMMANDS, **delimiters.COMMANDS,
            **text.COMMANDS, **environments.COMMANDS, **numbering.COMMANDS}
SWITCHES = commands.SWITCHES

# Tokens that end a list of atoms; the caller decides whether the one it met is welcome.
_ENDERS = frozenset({"}", "&", "\\\\", "\\cr", "\\end", "\\right", "\\middle"})
_SCRIPT_TOKENS = frozenset({"^", "_", "'", "\\limits", "\\nolimits", "\\displaylimits"})
_PRIMES = {1: "\u2032", 2: "\u2033", 3: "\u2034", 4: "\u2057"}
_DIGITS = frozenset("0123456789")
_BAD_CATEGORIES = frozenset({"Cc", "Cs", "Co", "Cn"})
_TIGHT_IN_SCRIPTS = frozenset({"bin", "rel", "punct"})
# Mid-row, MathML's dictionary spaces these like relations; in TeX | is a plain symbol.
# Relations that MathML Core's operator dictionary leaves without TeX's thick spaces.
_UNSPACED_BY_DICTIONARY = frozenset("\u2234\u2235")
_RELATION_SPACING = ' lspace="0.2778em" rspace="0.2778em"'
_SPACED_BY_DICTIONARY = frozenset("|‖/\\")
_NO_SPACING = ' lspace="0em" rspace="0em"'


class RowState:
    """What \\tag, \\label and \\notag said about the equation row being parsed."""

    __slots__ = ("tag", "star", "label", "notag")

    def __init__(self) -> None:
        self.tag: str | None = None  # the tag's MathML
        self.star = False
        self.label: str | None = None
        self.notag = False


class Parser:
    def __init__(self, tex: str, display: bool, macros: dict[str, Macro], expansion_limit: int = EXPANSION_LIMIT) -> None:
        self.display = display
        self.stream = TokenStream(tokenize(tex), macros, expansion_limit)
        self.style = DISPLAY if display else TEXT
        self.family: str | None = None  # font family set by \mathrm, \mathcal…
        self.bold = False
        self.depth = 0
        self.labels: list[str] = []
        self.unnumbered_labels: list[str] = []  # a \\label on an equation amsmath would not number
        self.refs: list[str] = []
        self.defines: dict[str, str] = {}
        self.row: RowState | None = RowState() if display else None
        self.cell_span: tuple[int, str] | None = None  # set by \multicolumn for its cell

    # --- the whole formula -------------------------------------------------------------

    def parse_formula(self) -> str:
        nodes = self.parse_list(None)
        tok = self.stream.peek()
        if tok is not None and tok[0] in ("&", "\\\\", "\\cr"):
            return environments.loose_rows(self, nodes)
        if tok is not None:
            self.unexpected(self.stream.next())
        body = join_nodes(nodes)
        if self.row is not None:
            return numbering.tagged_formula(self, self.row, body)
        return body

    # --- lists, groups and arguments ---------------------------------------------------

    def parse_list(self, closer: str | None) -> list[Node]:
        """Atoms up to the end, an ender token, or `closer`; the token that ended it stays."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise TexError("formula is nested too deeply", None)
        nodes: list[Node] = []
        stream = self.stream
        while True:
            tok = stream.next()
            if tok is None:
                break
            name = tok[0]
            if name == " ":
                continue
            if name in _ENDERS or name == closer:
                stream.push(tok)
                break
            switch = SWITCHES.get(name)
            if switch is not None:
                nodes = switch(self, tok, nodes, closer)
                break
            node = self.atom(tok, single=False)
            if node is not None:
                nodes.append(self.scripts(node))
        self.depth -= 1
        return nodes

    def parse_group(self, opening: Token) -> list[Node]:
        """The atoms of a braced group whose '{' was just read, through its '}'."""
        nodes = self.parse_list("}")
        tok = self.stream.next()
        if tok is None:
            self.fail("missing '}' to close '{'", opening)
        if tok[0] != "}":
            self.unexpected(tok)
        return nodes

    def arg_nodes(self, owner: Token) -> list[Node]:
        """A required math argument: a braced group or a single token."""
        tok = self.stream.next_nonspace()
        if tok is None or tok[0] in _ENDERS or tok[0] in ("^", "_"):
            self.fail(f"'{owner[0]}' is missing an argument", owner)
        if tok[0] == "{":
            return self.parse_group(tok)
        node = self.atom(tok, single=True)
        return [] if node is None else [node]

    def arg(self, owner: Token) -> Node:
        return row(self.arg_nodes(owner))

    def arg_in_style(self, owner: Token, style: int) -> Node:
        saved, self.style = self.style, style
        node = self.arg(owner)
        self.style = saved
        return node

    def optional_nodes(self) -> list[Node] | None:
        """A math `[...]` argument, or None when no '[' comes next."""
        tok = self.stream.peek_nonspace()
        if tok is None or tok[0] != "[":
            return None
        self.stream.next()
        nodes = self.parse_list("]")
        end = self.stream.next()
        if end is None or end[0] != "]":
            self.fail("missing ']' to close '['", tok)
        return nodes

    def raw_arg(self, owner: Token) -> str:
        """A required argument as plain text (names, colours, lengths), macros unexpanded."""
        tokens = self.stream.read_arg_raw()
        if tokens is None:
            self.fail(f"'{owner[0]}' is missing an argument", owner)
        return "".join(text for text, _ in tokens).strip()

    def star(self) -> bool:
        """Consume a '*' right after a command name (\\tag*, \\operatorname*)."""
        tok = self.stream.peek_raw()
        if tok is not None and tok[0] == "*":
            self.stream.next_raw()
            return True
        return False

    # --- atoms -------------------------------------------------------------------------

    def atom(self, tok: Token, single: bool) -> Node | None:
        name = tok[0]
        if name[0] == "\\" and len(name) > 1:
            return self.command(tok)
        if name == "{":
            return row(self.parse_group(tok))
        if name in ("^", "_", "'"):
            self.stream.push(tok)
            return EMPTY
        return self.character(tok, single)

    def command(self, tok: Token) -> Node | None:
        name = tok[0]
        handler = COMMANDS.get(name)
        if handler is not None:
            return handler(self, tok)
        symbol = COMMAND_SYMBOLS.get(name)
        if symbol is not None:
            return self.symbol(*symbol)
        if name in DEFINERS:
            command, macro = read_definition(self.stream, tok)
            self.stream.macros[command] = macro
            self.defines[command] = body_source(macro)
            return None
        if name in _SCRIPT_TOKENS:
            return None  # \limits with nothing before it: LaTeX complains, nothing to draw
        self.fail(f"unknown command '{name}'", tok)

    def character(self, tok: Token, single: bool) -> Node:
        char = tok[0]
        if char in _DIGITS:
            return self.number(char, single)
        if char >= "\u2e80" and _is_cjk(char):
            return self.cjk_text(char, single)
        if char.isalpha():
            if self.family == "rm" and not self.bold and char.isascii() and not single:
                return self.upright_word(char)
            return self.letter(char)
        if char == "~":
            return space(0.3333)
        if char in ("$", "#", "\\") or unicodedata.category(char) in _BAD_CATEGORIES:
            self.fail(_stray_character(char), tok)
        if char.isspace():
            return space(0.3333)
        return self.symbol(ASCII_GLYPHS.get(char, char), class_of_char(char))

    def symbol(self, char: str, cls: str) -> Node:
        if cls == "ord":
            if char.isalpha() or char in "∂∇":
                return self.letter(char)
            if char in STRETCHY_BY_DEFAULT:
                spacing = _NO_SPACING if char in _SPACED_BY_DICTIONARY else ""
                return operator(escape(char), "ord", ' stretchy="false"' + spacing)
            return Node(f"<mi>{escape(char)}</mi>")
        if cls == "op":
            return operator(char, "op", limits=None if char in INTEGRALS else "display")
        attrs = ' stretchy="false"' if char in STRETCHY_BY_DEFAULT else ""
        if char in _SPACED_BY_DICTIONARY:
            attrs += _NO_SPACING
        elif self.style >= SCRIPT and cls in _TIGHT_IN_SCRIPTS:
            attrs += _NO_SPACING  # TeX drops these spaces in sub- and superscripts
        elif char in _UNSPACED_BY_DICTIONARY:
            attrs += _RELATION_SPACING
        return operator(escape(char), cls, attrs)

    def letter(self, char: str) -> Node:
        family, bold = self.family, self.bold
        if family is not None or bold:
            styled_char = styled(char, family, bold)
            if styled_char is not None:
                return Node(f"<mi>{styled_char}</mi>")
        if family in ("rm", "sf", "tt") or char in UPRIGHT_BY_DEFAULT:
            return Node(f'<mi mathvariant="normal">{char}</mi>', word=char)
        return Node(f"<mi>{char}</mi>")

    def upright_word(self, first: str) -> Node:
        """Letters under \\mathrm run together into one upright <mi>, as Temml does."""
        letters = [first]
        stream = self.stream
        while True:
            tok = stream.peek()
            if tok is None or not (tok[0].isascii() and tok[0].isalpha()):
                break
            letters.append(stream.next()[0])
        word = "".join(letters)
        if len(word) == 1:
            return Node(f'<mi mathvariant="normal">{word}</mi>', word=word)
        return Node(f"<mi>{word}</mi>", word=word)

    def number(self, first: str, single: bool) -> Node:
        chars = [first]
        stream = self.stream
        while not single:
            tok = stream.peek()
            if tok is None:
                break
            if tok[0] in _DIGITS:
                chars.append(stream.next()[0])
            elif tok[0] == "." and _digit_follows(stream):
                chars.append(stream.next()[0])
            else:
                break
        digits = "".join(chars)
        if self.family is not None or self.bold:
            styled_digits = [styled(c, self.family, self.bold) or c for c in digits]
            return Node(f"<mn>{''.join(styled_digits)}</mn>", word=digits)
        return Node(f"<mn>{digits}</mn>", word=digits)

    def cjk_text(self, first: str, single: bool) -> Node:
        """Chinese typed straight into math reads as text, one run per <mtext>."""
        chars = [first]
        stream = self.stream
        while not single:
            tok = stream.peek()
            if tok is None or len(tok[0]) != 1 or not _is_cjk(tok[0]):
                break
            chars.append(stream.next()[0])
        return Node(f"<mtext>{''.join(chars)}</mtext>")

    # --- scripts -----------------------------------------------------------------------

    def scripts(self, base: Node) -> Node:
        stream = self.stream
        tok = stream.peek_nonspace()
        if tok is None or tok[0] not in _SCRIPT_TOKENS:
            return base
        sub = sup = None
        primes = 0
        limits = base.limits
        while True:
            tok = stream.next_nonspace()
            if tok is None:
                break
            name = tok[0]
            if name == "^":
                if sup is not None:
                    self.fail("double superscript", tok)
                sup = self.arg_in_style(tok, script_style(self.style))
            elif name == "_":
                if sub is not None:
                    self.fail("double subscript", tok)
                sub = self.arg_in_style(tok, script_style(self.style))
            elif name == "'":
                if sup is not None:
                    self.fail("double superscript (a prime after '^')", tok)
                primes += 1
            elif name in ("\\limits", "\\nolimits", "\\displaylimits"):
                limits = {"\\limits": "always", "\\nolimits": None}.get(name, "display")
            else:
                stream.push(tok)
                break
        if primes:
            mark = f"<mo>{_PRIMES.get(primes) or chr(0x2032) * primes}</mo>"
            sup = Node(mark if sup is None else f"<mrow>{mark}{sup.xml}</mrow>")
        return self.attach(base, sub, sup, limits)

    def attach(self, base: Node, sub: Node | None, sup: Node | None,
               limits: str | None) -> Node:
        """Scripts on `base`: under and over it when `limits` says so, else beside it."""
        limits = limits == "always" or (limits == "display" and self.style == DISPLAY)
        base_xml = base.xml
        if limits:
            if base.char is not None and base.cls == "op":
                base_xml = f'<mo movablelimits="false"{base.attrs}>{base.char}</mo>'
            tag = "munderover" if sub and sup else "munder" if sub else "mover"
        else:
            tag = "msubsup" if sub and sup else "msub" if sub else "msup"
        children = base_xml + (sub.xml if sub else "") + (sup.xml if sup else "")
        return Node(f"<{tag}>{children}</{tag}>", base.cls)

    # --- problems ----------------------------------------------------------------------

    def fail(self, message: str, tok: Token | None) -> NoReturn:
        raise TexError(message, None if tok is None else tok[1])

    def unexpected(self, tok: Token) -> NoReturn:
        """Report an ender token met where it cannot end anything."""
        name = tok[0]
        if name == "}":
            self.fail("unmatched '}'", tok)
        if name == "&":
            self.fail("misplaced '&' (only alignment environments such as aligned use it)", tok)
        if name in ("\\\\", "\\cr"):
            self.fail(f"misplaced '{name}' (line breaks need an environment such as aligned)",
                      tok)
        if name == "\\end":
            self.fail(f"'\\end{{{self.raw_arg(tok)}}}' has no matching '\\begin'", tok)
        if name == "\\right":
            following = self.stream.next_nonspace()
            self.fail(f"'\\right{following[0] if following else ''}' has no matching '\\left'",
                      tok)
        if name == "\\middle":
            self.fail("'\\middle' outside '\\left…\\right'", tok)
        self.fail(f"unexpected '{name}'", tok)


def _is_cjk(char: str) -> bool:
    """Chinese, Japanese and Korean letters and punctuation (，。（）)."""
    return char >= "\u2e80" and unicodedata.category(char) in ("Lo", "Po", "Ps", "Pe", "So")


def _digit_follows(stream: TokenStream) -> bool:
    dot = stream.next()
    following = stream.peek_raw()
    stream.push(dot)
    return following is not None and following[0] in _DIGITS


def _stray_character(char: str) -> str:
    if char == "$":
        return "unexpected '$' inside math"
    if char == "#":
        return "unexpected '#' (macro parameters only work inside definitions)"
    if char == "\\":
        return "lone backslash at the end of the formula"
    return f"unsupported character U+{ord(char):04X}"
