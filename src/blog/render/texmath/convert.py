"""`to_mathml`: one TeX formula to one MathML element, or a visible, explained fallback."""
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from . import numbering
from .errors import TexError
from .macros import BUILTINS, EXPANSION_LIMIT, compile_macro
from .mathml import escape, escape_attr
from .parser import Parser

_NO_MACROS: Mapping[str, str] = MappingProxyType({})
# `$\eqref{eq:ppo}$` on its own becomes a plain HTML link to the equation.
_PLACEHOLDER = re.compile("[\ue000-\ue009]")
_ONLY_A_REFERENCE = re.compile(r"\s*\\(eqref|ref)\s*\{([^{}\\]*)\}\s*")


@dataclass(frozen=True)
class MathProblem:
    message: str  # lower-case, quotes the bad thing, says what was expected
    offset: int | None  # character offset into the TeX source, when known


@dataclass(frozen=True)
class MathOutput:
    html: str  # one <math> element, a reference link, or the visible fallback
    problems: tuple[MathProblem, ...] = ()
    defines: Mapping[str, str] = field(default_factory=lambda: _NO_MACROS)
    labels: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()


def to_mathml(tex: str, *, display: bool, macros: Mapping[str, str] = _NO_MACROS,
              expansion_limit: int = EXPANSION_LIMIT) -> MathOutput:
    """Convert one formula; never raises. `macros` maps "\\name" to a body using #1…#9;
    `expansion_limit` bounds the macro expansions (limits.macro_expansions)."""
    reference = _ONLY_A_REFERENCE.fullmatch(tex)
    if reference is not None:
        return _reference_link(reference.group(1), reference.group(2).strip())
    table = dict(BUILTINS)
    parser = None
    try:
        for name, body in macros.items():
            table[name] = compile_macro(body)
        parser = Parser(tex, display, table, expansion_limit)
        if _PLACEHOLDER.search(tex):
            raise TexError("unsupported private-use character in formula", None)
        body = parser.parse_formula()
    except TexError as error:
        problem = MathProblem(error.message, error.offset)
    except RecursionError:
        problem = MathProblem("formula is nested too deeply", None)
    except Exception as error:  # a converter bug must not take the build down with it
        problem = MathProblem(f"internal error while converting formula ({error!r})", None)
    else:
        block = ' display="block"' if display else ""
        html = (f"<math{block}><semantics><mrow>{body}</mrow>"
                f'<annotation encoding="application/x-tex">{escape(tex)}</annotation>'
                "</semantics></math>")
        unnumbered = tuple(MathProblem(
            f"'\\label{{{label}}}' names an equation without a number (number it with "
            "'\\tag{…}' or the 'equation' environment)", None) for label in parser.unnumbered_labels)
        return MathOutput(html, unnumbered, MappingProxyType(parser.defines), tuple(parser.labels),
                          tuple(parser.refs))
    return MathOutput(
        fallback(tex, problem.message, display), (problem,),
        MappingProxyType(parser.defines) if parser else _NO_MACROS,
        tuple(parser.labels) if parser else (), tuple(parser.refs) if parser else ())


_ANNOTATION = re.compile(r"<annotation[^>]*>.*?</annotation>", re.S)
_MARKUP = re.compile(r"<[^>]*>|[\u2061-\u2064]")


def to_text(tex: str, *, macros: Mapping[str, str] = _NO_MACROS) -> str:
    """A formula as plain letters ('\\epsilon' -> 'ϵ'), for what shows only text: a page's
    <title>, a feed, a table of contents' slug-free title. The source when it does not convert."""
    out = to_mathml(tex, display=False, macros=macros)
    if not out.html.startswith("<math"):
        return tex
    return html.unescape(_MARKUP.sub("", _ANNOTATION.sub("", out.html)))


def fallback(tex: str, message: str, display: bool) -> str:
    """The formula's source, boxed and titled with what went wrong. A span even for display math
    (styled as a block), since display math may stand inside a paragraph."""
    kind = "math-error display" if display else "math-error"
    return f'<span class="{kind}" title="{escape_attr(message)}"><code>{escape(tex)}</code></span>'


def _reference_link(command: str, label: str) -> MathOutput:
    href = escape_attr(numbering.anchor_id(label))
    text = numbering.reference("\\" + command, label)
    return MathOutput(f'<a class="eqref" href="#{href}">{text}</a>', refs=(label,))
