"""Which character and which TeX atom class each symbol command and typed character has.

Characters come from latex2mathml's command table (built from unimathsymbols.txt); the atom
class (ord, bin, rel, op, open, close, punct) comes from the TeX-class column of the same
file. A short list fixes the entries where LaTeX readers expect another character or class
than unicode-math chose (`\\sim` is ∼, not ~; `\\cdot` is ⋅, not ·).
"""
import unicodedata

from latex2mathml.symbols_parser import SYMBOLS, SYMBOLS_FILE

_CLASS_BY_TEX_CLASS = {
    "mathord": "ord", "mathalpha": "ord", "mathfence": "ord", "mathbin": "bin",
    "mathrel": "rel", "mathop": "op", "mathopen": "open", "mathclose": "close",
    "mathpunct": "punct",
}
# Accent-like characters are only meaningful through the accent commands.
_NOT_SYMBOLS = frozenset({"mathaccent", "mathover", "mathunder", "mathbotaccent",
                          "mathaccentwide", "mathbotaccentwide", "mathradical"})


def _read_classes() -> tuple[dict[str, str], frozenset[str]]:
    classes: dict[str, str] = {}
    accents: set[str] = set()
    with open(SYMBOLS_FILE, encoding="utf-8") as table:
        for line in table:
            if line.startswith("#"):
                continue
            columns = line.split("^")
            char = chr(int(columns[0], 16))
            tex_class = columns[5]
            if tex_class in _NOT_SYMBOLS:
                accents.add(char)
            elif tex_class in _CLASS_BY_TEX_CLASS and char not in classes:
                classes[char] = _CLASS_BY_TEX_CLASS[tex_class]
    return classes, frozenset(accents)


_CHAR_CLASS, _ACCENT_CHARS = _read_classes()

# TeX's own math codes for ASCII, which differ from unicode-math in places ('.' is ord, '!' close).
_CHAR_CLASS.update({
    "+": "bin", "-": "bin", "*": "bin", "/": "ord", "=": "rel", "<": "rel", ">": "rel",
    ":": "rel", "!": "close", "?": "close", ",": "punct", ";": "punct", ".": "ord",
    "(": "open", ")": "close", "[": "open", "]": "close", "|": "ord", '"': "ord",
    "@": "ord", "`": "ord", "\u2212": "bin", "\u2217": "bin",
})

# Characters typed in TeX that print as another one: the hyphen is a minus sign in math.
ASCII_GLYPHS = {"-": "\u2212", "*": "\u2217"}

_OVERRIDES = {
    "\\sim": ("\u223c", "rel"), "\\setminus": ("\u2216", "bin"),
    "\\smallsetminus": ("\u2216", "bin"), "\\cdot": ("\u22c5", "bin"),
    "\\bullet": ("\u2219", "bin"), "\\ast": ("\u2217", "bin"), "\\mid": ("\u2223", "rel"),
    "\\vert": ("|", "ord"), "\\lvert": ("|", "open"), "\\rvert": ("|", "close"),
    "\\Vert": ("\u2016", "ord"), "\\|": ("\u2016", "ord"), "\\lVert": ("\u2016", "open"),
    "\\rVert": ("\u2016", "close"), "\\colon": (":", "punct"), "\\{": ("{", "open"),
    "\\}": ("}", "close"), "\\lbrace": ("{", "open"), "\\rbrace": ("}", "close"),
    "\\langle": ("\u27e8", "open"), "\\rangle": ("\u27e9", "close"),
    "\\lbrack": ("[", "open"), "\\rbrack": ("]", "close"), "\\ldots": ("\u2026", "ord"),
    "\\dots": ("\u2026", "ord"), "\\cdots": ("\u22ef", "ord"), "\\vdots": ("\u22ee", "ord"),
    "\\ddots": ("\u22f1", "ord"), "\\iddots": ("\u22f0", "ord"),
    "\\emptyset": ("\u2205", "ord"), "\\varnothing": ("\u2205", "ord"),
    "\\perp": ("\u22a5", "rel"), "\\top": ("\u22a4", "ord"), "\\bot": ("\u22a5", "ord"),
    "\\neg": ("\u00ac", "ord"), "\\lnot": ("\u00ac", "ord"), "\\prime": ("\u2032", "ord"),
    "\\%": ("%", "ord"), "\\#": ("#", "ord"), "\\&": ("&", "ord"), "\\$": ("$", "ord"),
    "\\_": ("_", "ord"), "\\S": ("\u00a7", "ord"), "\\P": ("\u00b6", "ord"),
    "\\dag": ("\u2020", "ord"), "\\ddag": ("\u2021", "ord"), "\\dagger": ("\u2020", "bin"),
    "\\ddagger": ("\u2021", "bin"), "\\square": ("\u25a1", "ord"), "\\Box": ("\u25a1", "ord"),
    "\\blacksquare": ("\u25a0", "ord"), "\\qed": ("\u220e", "ord"),
    "\\QED": ("\u220e", "ord"), "\\Diamond": ("\u25ca", "ord"), "\\lt": ("<", "rel"),
    "\\gt": (">", "rel"), "\\ldotp": (".", "punct"), "\\cdotp": ("\u22c5", "punct"),
    "\\backslash": ("\\", "ord"), "\\parallel": ("\u2225", "rel"),
    "\\copyright": ("\u00a9", "ord"), "\\circledR": ("\u00ae", "ord"),
    "\\degree": ("\u00b0", "ord"), "\\textdegree": ("\u00b0", "ord"), "\\hslash": ("\u210f", "ord"),
    "\\vcentcolon": ("\u2236", "rel"), "\\dblcolon": ("\u2237", "rel"),
    "\\surd": ("\u221a", "ord"), "\\intercal": ("\u22ba", "bin"),
    "\\varkappa": ("\u03f0", "ord"), "\\And": ("&", "bin"), "\\to": ("\u2192", "rel"),
    "\\gets": ("\u2190", "rel"), "\\owns": ("\u220b", "rel"),
    "\\because": ("\u2235", "rel"), "\\therefore": ("\u2234", "rel"),  # relations in amssymb
}
# Capital Greek letters that look Latin: KaTeX and MathJax accept \Alpha…\Chi.
_OVERRIDES.update({f"\\{name}": (char, "ord") for name, char in (
    ("Alpha", "Α"), ("Beta", "Β"), ("Epsilon", "Ε"), ("Zeta", "Ζ"), ("Eta", "Η"),
    ("Iota", "Ι"), ("Kappa", "Κ"), ("Mu", "Μ"), ("Nu", "Ν"), ("Omicron", "Ο"),
    ("Rho", "Ρ"), ("Tau", "Τ"), ("Chi", "Χ"))})


def _command_symbols() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for name, code in SYMBOLS.items():
        if not name.startswith("\\") or "-" in code:
            continue
        char = chr(int(code, 16))
        if char in _ACCENT_CHARS:
            continue
        table[name] = (char, _CHAR_CLASS.get(char, "ord"))
    table.update(_OVERRIDES)
    return table


COMMAND_SYMBOLS = _command_symbols()

INTEGRALS = frozenset("∫∬∭∮∯∰∱∲∳⨋⨌⨍⨎⨏⨐⨑⨒⨓⨔⨕⨖⨗⨘⨙⨚⨛⨜")

# MathML Core's operator dictionary makes these stretch to the height of their row; in TeX
# only \left, \middle, \right and \big… do that, so every other use says stretchy="false".
STRETCHY_BY_DEFAULT = frozenset("()[]{}|‖⟨⟩⌈⌉⌊⌋⟦⟧⟪⟫⟮⟯⦃⦄⎰⎱∣∥/\\↑↓↕⇑⇓⇕")

# Letters TeX sets upright by default although MathML Core would slant a lone one.
UPRIGHT_BY_DEFAULT = frozenset("ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩϴ∇")


def class_of_char(char: str) -> str:
    """The TeX atom class of a character typed directly into the formula."""
    cls = _CHAR_CLASS.get(char)
    if cls is not None:
        return cls
    category = unicodedata.category(char)
    if category[0] in "LN":
        return "ord"
    if category == "Ps":
        return "open"
    if category == "Pe":
        return "close"
    if category == "Sm":
        return "rel"
    return "ord"
