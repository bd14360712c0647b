"""The font for link-preview cards: site.yaml's `reader.og_image.font`, else a sans-serif with
Chinese glyphs that fontconfig knows (Noto Sans CJK on Debian, from the fonts-noto-cjk package),
else any font fontconfig lists; and which characters it can draw (fontconfig's charset)."""

from __future__ import annotations

import bisect
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, error, warning


@dataclass(frozen=True)
class CardFont:
    path: str  # absolute
    index: int  # the face inside a .ttc collection
    identity: tuple  # changes when the file does: part of every card's cache key


@dataclass(frozen=True)
class Charset:
    """The code points a font has glyphs for, as sorted inclusive ranges."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def covers(self, char: str) -> bool:
        point = ord(char)
        at = bisect.bisect_right(self.starts, point) - 1
        return char.isspace() or (at >= 0 and point <= self.ends[at])


def font_charset(font: CardFont) -> Charset | None:
    """None when fontconfig cannot tell (then no glyph is reported missing)."""
    listed = _run(["fc-query", "-i", str(font.index), "-f", "%{charset}", font.path])
    if listed is None:
        return None
    ranges = sorted((int(first, 16), int(last or first, 16))
                    for first, _, last in (item.partition("-") for item in listed.split()))
    return Charset(tuple(start for start, _ in ranges), tuple(end for _, end in ranges))


def find_card_font(site_dir: Path, configured: str) -> tuple[CardFont | None, list[Diagnostic]]:
    if configured:  # load_config made sure the file is there
        path = str((site_dir / configured).resolve())
        from PIL import ImageFont

        try:
            ImageFont.truetype(path, 12)
        except OSError as exc:
            return None, [error("site.yaml", None, None, f"reader.og_image.font: '{configured}' is not a font "
                                                         f"that can be drawn with ({exc})")]
        return _font(path, 0), []
    found = _fontconfig(":lang=zh") or _fontconfig(":lang=en")
    if found is None:
        return None, [warning("site.yaml", None, None,
                              "reader.og_image: no font found for the link-preview cards, so none are made "
                              "(install fonts-noto-cjk, or set reader.og_image.font)")]
    return _font(*found), []


def _font(path: str, index: int) -> CardFont:
    info = os.stat(path)
    return CardFont(path, index, (path, index, info.st_size, info.st_mtime_ns))


def _fontconfig(pattern: str) -> tuple[str, int] | None:
    """The best face fontconfig lists for `pattern`: Simplified Chinese, sans-serif, bold."""
    listed = _run(["fc-list", pattern, "-f", r"%{file}\t%{index}\t%{family[0]}\t%{style[0]}\n"])
    faces = []
    for line in (listed or "").splitlines():
        parts = line.split("\t")
        if len(parts) == 4 and parts[0].lower().endswith((".ttf", ".otf", ".ttc")):
            file, index, family, style = parts
            rank = (" SC" not in family, "Serif" in family or "Mono" in family, "Bold" not in style,
                    "Italic" in style or "Oblique" in style, family, file, index)
            faces.append((rank, file, int(index or 0)))
    return min(faces)[1:] if faces else None


def _run(command: list[str]) -> str | None:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None  # fontconfig is not installed
