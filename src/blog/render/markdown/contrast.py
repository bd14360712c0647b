"""Colours made readable: WCAG contrast ratios, and a colour nudged until it reaches one.

Pygments' styles were not drawn for our code backgrounds; a comment colour that passes on white
may fail on the theme's grey, so highlight.css is adjusted rather than trusted.
"""

from __future__ import annotations

import re

AA_TEXT = 4.5  # WCAG 2 AA for body-size text
_HEX = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")


def _rgb(color: str) -> tuple[int, int, int]:
    digits = color.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _luminance(rgb: tuple[int, ...]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = map(channel, rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((_luminance(_rgb(foreground)), _luminance(_rgb(background))), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable(color: str, backgrounds: tuple[str, ...], ratio: float = AA_TEXT) -> str:
    """`color`, or the nearest colour toward black (light backgrounds) or white (dark ones) that
    reaches `ratio` on every background; the hue is kept as far as the ratio allows."""
    if all(contrast(color, bg) >= ratio for bg in backgrounds):
        return color
    dark_backgrounds = _luminance(_rgb(backgrounds[0])) < 0.18
    target = 255 if dark_backgrounds else 0
    rgb = _rgb(color)
    for step in range(1, 101):
        mixed = tuple(round(c + (target - c) * step / 100) for c in rgb)
        candidate = "#%02x%02x%02x" % mixed
        if all(contrast(candidate, bg) >= ratio for bg in backgrounds):
            return candidate
    return "#ffffff" if dark_backgrounds else "#000000"


def readable_css(css: str, backgrounds: tuple[str, ...]) -> str:
    """Every `color:` in `css` made readable on `backgrounds` (background colours are left alone)."""
    def fix(match: re.Match[str]) -> str:
        return match.group(1) + readable(match.group(2), backgrounds)

    return re.sub(r"((?<![-\w])color:\s*)(#[0-9a-fA-F]{3,6})\b", fix, css)
