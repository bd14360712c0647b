"""Unicode Mathematical Alphanumeric Symbols: what \\mathbf, \\mathcal, \\mathbb… make of letters.

MathML Core ignores `mathvariant` (except "normal" on <mi>), so a styled letter has to be the
styled code point itself: \\mathbf{W} is U+1D416 𝐖, \\mathbb{R} is the older U+211D ℝ that
fills the hole the block leaves for it.
"""

# First code point of A…Z a…z in each Latin alphabet.
_LATIN = {
    "bold": 0x1D400, "italic": 0x1D434, "bold-italic": 0x1D468, "script": 0x1D49C,
    "bold-script": 0x1D4D0, "fraktur": 0x1D504, "double-struck": 0x1D538,
    "bold-fraktur": 0x1D56C, "sans-serif": 0x1D5A0, "bold-sans-serif": 0x1D5D4,
    "sans-serif-italic": 0x1D608, "sans-serif-bold-italic": 0x1D63C, "monospace": 0x1D670,
}
# The block reserves these code points because the letters were encoded earlier.
_HOLES = {
    "italic": {"h": "ℎ"},
    "script": {"B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ",
               "R": "ℛ", "e": "ℯ", "g": "ℊ", "o": "ℴ"},
    "fraktur": {"C": "ℭ", "H": "ℌ", "I": "ℑ", "R": "ℜ", "Z": "ℨ"},
    "double-struck": {"C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"},
}
# Greek alphabets run through this order, capitals first.
_GREEK_ORDER = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡϴΣΤΥΦΧΨΩ∇αβγδεζηθικλμνξοπρςστυφχψω∂ϵϑϰϕϱϖ"
_GREEK = {"bold": 0x1D6A8, "italic": 0x1D6E2, "bold-italic": 0x1D71C,
          "bold-sans-serif": 0x1D756, "sans-serif-bold-italic": 0x1D790}
_DIGITS = {"bold": 0x1D7CE, "double-struck": 0x1D7D8, "sans-serif": 0x1D7E2,
           "bold-sans-serif": 0x1D7EC, "monospace": 0x1D7F6}
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _build() -> dict[str, dict[str, str]]:
    tables: dict[str, dict[str, str]] = {}
    for variant, start in _LATIN.items():
        table = tables.setdefault(variant, {})
        for i, letter in enumerate(_LETTERS):
            table[letter] = _HOLES.get(variant, {}).get(letter) or chr(start + i)
    for variant, start in _GREEK.items():
        table = tables.setdefault(variant, {})
        for i, letter in enumerate(_GREEK_ORDER):
            table[letter] = chr(start + i)
    for variant, start in _DIGITS.items():
        table = tables.setdefault(variant, {})
        for i in range(10):
            table[str(i)] = chr(start + i)
    return tables


_TABLES = _build()

# (family, bold) -> alphabet for letters and lowercase Greek. Family None is TeX's default
# math italic, "rm" upright; \boldsymbol keeps the family and sets bold.
_VARIANTS = {
    (None, True): "bold-italic", ("rm", True): "bold", ("it", False): "italic",
    ("it", True): "bold-italic", ("cal", False): "script", ("cal", True): "bold-script",
    ("frak", False): "fraktur", ("frak", True): "bold-fraktur",
    ("bb", False): "double-struck", ("bb", True): "double-struck",
    ("sf", False): "sans-serif", ("sf", True): "bold-sans-serif",
    ("sfit", False): "sans-serif-italic", ("sfit", True): "sans-serif-bold-italic",
    ("tt", False): "monospace", ("tt", True): "monospace",
}
# Capital Greek and digits stay upright under \boldsymbol, as in LaTeX.
_UPRIGHT_VARIANTS = {"bold-italic": "bold", "sans-serif-bold-italic": "bold-sans-serif"}


def styled(char: str, family: str | None, bold: bool) -> str | None:
    """The styled code point for `char` in this font, or None when the font has no such letter."""
    variant = _VARIANTS.get((family, bold))
    if variant is None:
        return None
    if char.isdigit() or "Α" <= char <= "Ω" or char == "∇":
        variant = _UPRIGHT_VARIANTS.get(variant, variant)
    return _TABLES[variant].get(char)
