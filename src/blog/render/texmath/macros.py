"""Macros and the token stream that expands them.

Site-level macros arrive as source strings (`"\\KL": "D_{\\mathrm{KL}}(#1\\|#2)"`), a
formula may add its own with `\\newcommand`, `\\def` or `\\DeclareMathOperator`, and a few
commands every ML blog uses but LaTeX lacks (`\\argmax`) are built in the same way.
"""
from functools import lru_cache

from .errors import TexError
from .tokenizer import Token, tokenize, tokens_to_source

# Bounds that turn a runaway recursive macro into a reported problem instead of a hang.
EXPANSION_LIMIT = 20_000
TOKEN_LIMIT = 100_000

BUILTIN_MACROS = {
    "\\argmax": "\\operatorname*{arg\\,max}",
    "\\argmin": "\\operatorname*{arg\\,min}",
    "\\implies": "\\;\\Longrightarrow\\;",
    "\\impliedby": "\\;\\Longleftarrow\\;",
    "\\iff": "\\;\\Longleftrightarrow\\;",
    "\\bmod": "\\mathbin{\\mathrm{mod}}",
    "\\pmod": "\\quad(\\mathrm{mod}\\,\\,#1)",
    "\\mod": "\\quad\\mathrm{mod}\\,\\,#1",
    "\\pod": "\\quad(#1)",
    "\\stackrel": "\\mathrel{\\overset{#1}{#2}}",
    "\\mathstrut": "\\vphantom{(}",
    "\\bold": "\\mathbf",
    "\\Bbb": "\\mathbb",
    "\\mathbbm": "\\mathbb",
    "\\mathds": "\\mathbb",
    "\\bm": "\\boldsymbol",
    "\\pmb": "\\boldsymbol",
    "\\thinspace": "\\,",
    "\\medspace": "\\:",
    "\\thickspace": "\\;",
    "\\negthinspace": "\\!",
    "\\negmedspace": "\\mskip-4mu",
    "\\negthickspace": "\\mskip-5mu",
    "\\enspace": "\\kern0.5em",
    "\\nobreakspace": "~",
    "\\dotsc": "\\ldots",
    "\\dotso": "\\ldots",
    "\\dotsb": "\\cdots",
    "\\dotsm": "\\cdots",
    "\\dotsi": "\\cdots",
    "\\idotsint": "\\int\\cdots\\int",
    "\\nicefrac": "{}^{#1}\\!/\\!{}_{#2}",
    "\\sfrac": "\\nicefrac",
    "\\varliminf": "\\mathop{\\underline{\\mathrm{lim}}}",
    "\\varlimsup": "\\mathop{\\overline{\\mathrm{lim}}}",
    "\\restriction": "\\upharpoonright",
    "\\Set": "\\left\\{#1\\right\\}",
    "\\norm": "\\left\\|#1\\right\\|",
    "\\abs": "\\left|#1\\right|",
    "\\bra": "\\left\\langle#1\\right|",
    "\\ket": "\\left|#1\\right\\rangle",
    "\\braket": "\\left\\langle#1\\right\\rangle",
}


class Macro:
    """A macro body whose items are tokens, or an int n standing for argument #n."""

    __slots__ = ("nargs", "body", "default")

    def __init__(self, nargs: int, body: list, default: list[Token] | None = None) -> None:
        self.nargs = nargs
        self.body = body
        self.default = default  # tokens of an optional first argument's default


def _compile_body(tokens: list[Token]) -> tuple[list, int]:
    body: list = []
    nargs = 0
    i = 0
    while i < len(tokens):
        text = tokens[i][0]
        following = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        if text == "#" and following in ("1", "2", "3", "4", "5", "6", "7", "8", "9"):
            body.append(int(following))
            nargs = max(nargs, int(following))
            i += 2
            continue
        if text == "#" and following == "#":
            i += 1
        body.append(tokens[i])
        i += 1
    return body, nargs


@lru_cache(maxsize=4096)
def compile_macro(source: str) -> Macro:
    """A site-level macro; its arity is the highest #n in the body."""
    body, nargs = _compile_body(tokenize(source))
    return Macro(nargs, body)


BUILTINS = {name: compile_macro(body) for name, body in BUILTIN_MACROS.items()}


def body_source(macro: Macro) -> str:
    tokens = [(f"#{item}", 0) if isinstance(item, int) else item for item in macro.body]
    return tokens_to_source(tokens)


class TokenStream:
    """Tokens still to read, kept reversed so that reading and pushing back are O(1)."""

    __slots__ = ("_stack", "macros", "_budget")

    def __init__(self, tokens: list[Token], macros: dict[str, Macro], expansion_limit: int = EXPANSION_LIMIT) -> None:
        self._stack = tokens[::-1]
        self.macros = macros
        self._budget = expansion_limit  # limits.macro_expansions

    def next(self) -> Token | None:
        """The next token after expanding macros, or None at the end."""
        stack = self._stack
        macros = self.macros
        while stack:
            tok = stack.pop()
            macro = macros.get(tok[0])
            if macro is None:
                return tok
            self._expand(macro, tok)
        return None

    def next_raw(self) -> Token | None:
        return self._stack.pop() if self._stack else None

    def push(self, tok: Token) -> None:
        self._stack.append(tok)

    def peek(self) -> Token | None:
        tok = self.next()
        if tok is not None:
            self._stack.append(tok)
        return tok

    def next_nonspace(self) -> Token | None:
        tok = self.next()
        while tok is not None and tok[0] == " ":
            tok = self.next()
        return tok

    def peek_nonspace(self) -> Token | None:
        tok = self.next_nonspace()
        if tok is not None:
            self._stack.append(tok)
        return tok

    def peek_raw(self) -> Token | None:
        return self._stack[-1] if self._stack else None

    def skip_raw_spaces(self) -> None:
        stack = self._stack
        while stack and stack[-1][0] == " ":
            stack.pop()

    def read_group_raw(self, opening: Token) -> list[Token]:
        """The tokens up to the '}' that matches the already consumed `opening` '{'."""
        depth = 1
        tokens: list[Token] = []
        while True:
            tok = self.next_raw()
            if tok is None:
                raise TexError("missing '}' to close '{'", opening[1])
            if tok[0] == "{":
                depth += 1
            elif tok[0] == "}":
                depth -= 1
                if depth == 0:
                    return tokens
            tokens.append(tok)

    def read_arg_raw(self) -> list[Token] | None:
        """One undelimited argument, unexpanded: a braced group's inside, or a single token."""
        self.skip_raw_spaces()
        tok = self.next_raw()
        if tok is None:
            return None
        if tok[0] == "}":
            self.push(tok)
            return None
        if tok[0] == "{":
            return self.read_group_raw(tok)
        return [tok]

    def read_optional_raw(self) -> list[Token] | None:
        """A `[...]` argument (braces may hide a ']'), or None when no '[' comes next."""
        self.skip_raw_spaces()
        opening = self.peek_raw()
        if opening is None or opening[0] != "[":
            return None
        self.next_raw()
        depth = 0
        tokens: list[Token] = []
        while True:
            tok = self.next_raw()
            if tok is None:
                raise TexError("missing ']' to close '['", opening[1])
            text = tok[0]
            if text == "{":
                depth += 1
            elif text == "}":
                depth -= 1
            elif text == "]" and depth == 0:
                return tokens
            tokens.append(tok)

    def _expand(self, macro: Macro, tok: Token) -> None:
        self._budget -= 1
        if self._budget < 0:
            raise TexError(f"macro expansion too deep in '{tok[0]}' (is it recursive?)", tok[1])
        pos = tok[1]
        args: list[list[Token]] = []
        for index in range(macro.nargs):
            if index == 0 and macro.default is not None:
                arg = self.read_optional_raw()
                args.append([(text, pos) for text, _ in macro.default] if arg is None else arg)
                continue
            arg = self.read_arg_raw()
            if arg is None:
                raise TexError(f"'{tok[0]}' is missing argument #{index + 1}", pos)
            args.append(arg)
        expansion: list[Token] = []
        for item in macro.body:
            if item.__class__ is int:
                expansion.extend(args[item - 1])
            else:
                expansion.append((item[0], pos))
        if len(self._stack) + len(expansion) > TOKEN_LIMIT:
            raise TexError(f"macro expansion too large in '{tok[0]}'", pos)
        expansion.reverse()
        self._stack.extend(expansion)


DEFINERS = frozenset({
    "\\newcommand", "\\renewcommand", "\\providecommand", "\\def", "\\gdef", "\\edef",
    "\\xdef", "\\let", "\\DeclareMathOperator",
})


def read_definition(stream: TokenStream, tok: Token) -> tuple[str, Macro]:
    """Read the definition that `tok` (one of DEFINERS) starts: the command name and its macro."""
    command = tok[0]
    starred = stream.peek_raw() is not None and stream.peek_raw()[0] == "*"
    if starred:
        stream.next_raw()
    if command in ("\\newcommand", "\\renewcommand", "\\providecommand"):
        name = _read_name(stream, tok, braced_ok=True)
        count = stream.read_optional_raw()
        nargs = _arg_count(count, tok) if count is not None else 0
        default = stream.read_optional_raw() if nargs else None
        body = stream.read_arg_raw()
        if body is None:
            raise TexError(f"'{command}{{{name}}}' is missing its definition", tok[1])
        compiled, used = _compile_body(body)
        if used > nargs:
            raise TexError(f"'{name}' uses #{used} but declares {nargs} arguments", tok[1])
        return name, Macro(nargs, compiled, default)
    if command == "\\DeclareMathOperator":
        name = _read_name(stream, tok, braced_ok=True)
        body = stream.read_arg_raw()
        if body is None:
            raise TexError(f"'{command}{{{name}}}' is missing the operator's name", tok[1])
        head = [("\\operatorname", tok[1])] + ([("*", tok[1])] if starred else [])
        return name, Macro(0, head + [("{", tok[1])] + body + [("}", tok[1])])
    if command == "\\let":
        name = _read_name(stream, tok, braced_ok=False)
        stream.skip_raw_spaces()
        if stream.peek_raw() is not None and stream.peek_raw()[0] == "=":
            stream.next_raw()
            stream.skip_raw_spaces()
        target = stream.next_raw()
        if target is None:
            raise TexError(f"'\\let{name}' is missing its target", tok[1])
        return name, stream.macros.get(target[0]) or Macro(0, [target])
    name = _read_name(stream, tok, braced_ok=False)
    nargs = 0
    while True:
        param = stream.next_raw()
        if param is None:
            raise TexError(f"'{command}{name}' is missing its definition", tok[1])
        if param[0] == "{":
            break
        digit = stream.next_raw()
        if param[0] != "#" or digit is None or digit[0] != str(nargs + 1):
            raise TexError(f"unsupported parameter text in '{command}{name}' (expected #1#2…)",
                           param[1])
        nargs += 1
    compiled, _ = _compile_body(stream.read_group_raw(param))
    return name, Macro(nargs, compiled)


def _read_name(stream: TokenStream, tok: Token, *, braced_ok: bool) -> str:
    stream.skip_raw_spaces()
    tokens = stream.read_arg_raw() if braced_ok else [stream.next_raw()]
    if not tokens or tokens[0] is None or len(tokens) != 1 or not tokens[0][0].startswith("\\"):
        raise TexError(f"'{tok[0]}' expects a command name such as '\\foo'", tok[1])
    return tokens[0][0]


def _arg_count(tokens: list[Token], tok: Token) -> int:
    text = "".join(text for text, _ in tokens).strip()
    if len(text) != 1 or not text.isdigit():
        raise TexError(f"'{tok[0]}' expects an argument count from 0 to 9, not '{text}'", tok[1])
    return int(text)

