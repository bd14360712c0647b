"""TeX's four math styles, and how fractions and scripts step down through them."""

DISPLAY, TEXT, SCRIPT, SCRIPTSCRIPT = 0, 1, 2, 3


def fraction_style(style: int) -> int:
    """The style of a fraction's numerator and denominator."""
    return TEXT if style == DISPLAY else SCRIPT if style == TEXT else SCRIPTSCRIPT


def script_style(style: int) -> int:
    return SCRIPT if style <= TEXT else SCRIPTSCRIPT


# The MathML attributes that put a subtree into each style.
STYLE_ATTRS = {
    DISPLAY: ' displaystyle="true" scriptlevel="0"',
    TEXT: ' displaystyle="false" scriptlevel="0"',
    SCRIPT: ' displaystyle="false" scriptlevel="1"',
    SCRIPTSCRIPT: ' displaystyle="false" scriptlevel="2"',
}
