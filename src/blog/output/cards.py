"""Link-preview cards (og:image): each post's title on a 1200×630 PNG in the theme's colours,
drawn at build time with Pillow. A card is a pure function of its Card value, so its key names
its bytes in the build cache and an unchanged card is never drawn twice."""

from __future__ import annotations

import hashlib
import io
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..diagnostics import Diagnostic, warning
from ..settings.urls import Urls
from ..site.model import Site
from .cardfont import CardFont, Charset

CARD_VERSION = "1"  # bump when the drawing changes
WIDTH, HEIGHT = 1200, 630
MARGIN = 80
BACKGROUND, FOREGROUND, MUTED, ACCENT = (15, 18, 22), (232, 234, 237), (154, 161, 171), (134, 168, 255)
TITLE_SIZES = (68, 60, 52, 46)  # the largest that fits in MAX_LINES wins
MAX_LINES = 4
MAX_TITLE_CHARS = 400  # more than four lines ever show; wrapping a 100,000-character title took minutes
# Closing punctuation stays on the line of what it closes (kinsoku).
_NO_LINE_START = set("，。、；：！？）》」』】〕〉”’,.;:!?)]}…·%")


@dataclass(frozen=True)
class Card:
    dest_path: str
    title: str
    brand: str  # the site's title
    tagline: str
    footer: str  # category and date
    src_path: str = ""  # the post's, for messages
    title_at: tuple[int | None, int | None] = (None, None)

    def key(self, font: CardFont) -> str:
        drawn = (CARD_VERSION, self.title, self.brand, self.tagline, self.footer, font.identity)
        return hashlib.blake2b(repr(drawn).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def plan_cards(site: Site, urls: Urls) -> dict[str, Card]:
    """A card for each post, unless its bundle brings its own og.png."""
    cards = {}
    for lsite in site.languages.values():
        tagline = lsite.language.tagline or site.config.tagline
        for post in lsite.posts:
            dest_path = urls.dest_path(urls.card(post.route))
            if post.og_image and dest_path not in {dest for _, dest in post.assets}:  # the author's own og.png wins
                date = lsite.strings.format_date(post.date, lsite.language.date_format or None) if post.date else ""
                footer = " · ".join([*(term.name for term in post.categories[:1]), *([date] if date else [])])
                cards[dest_path] = Card(dest_path, post.title, lsite.title, tagline, footer, post.src_path, post.title_at)
    return cards


def missing_glyphs(cards: Iterable[Card], font: CardFont, charset: Charset) -> list[Diagnostic]:
    """A warning for each card whose title has characters the font cannot draw."""
    problems = []
    for card in cards:
        missing = sorted({char for char in card.title if not charset.covers(char)})
        if missing:
            shown = ", ".join(f"'{char}' (U+{ord(char):04X})" for char in missing)
            problems.append(warning(card.src_path, *card.title_at,
                                    f"og:image: the card font {Path(font.path).name} has no glyph for {shown}; "
                                    f"the card shows a box there (set reader.og_image.font to a font that has it)"))
    return problems


def draw_card(card: Card, font: CardFont) -> bytes:
    """The card as a palette PNG: each piece of text is drawn as a coverage mask where it stands,
    and its coverage becomes palette indexes (shades of its ink) directly; no colour quantizing."""
    from PIL import Image, ImageDraw

    def face(size: int):
        return _face(font.path, font.index, size)

    card_image = Image.new("L", (WIDTH, HEIGHT))  # palette indexes; 0 is the background

    def ink(text: str, x: int, y: int, text_font, colour: tuple[int, int, int]) -> None:
        left, top, right, bottom = text_font.getbbox(text)
        if right <= left or bottom <= top:
            return
        coverage = Image.new("L", (right - left, bottom - top))
        ImageDraw.Draw(coverage).text((-left, -top), text, font=text_font, fill=255)
        card_image.paste(coverage.point(_INDEX_TABLES[INKS.index(colour)]), (x + left, y + top),
                         coverage.point(_INKED))

    card_image.paste(_INDEX_TABLES[INKS.index(ACCENT)][255], (0, 0, 16, HEIGHT))
    if card.tagline:
        ink(card.tagline.upper(), MARGIN, MARGIN - 10, face(24), ACCENT)
    size, lines = _fit_title(card.title, face)
    line_height = round(size * 1.32)
    top = (HEIGHT - line_height * len(lines)) // 2 - 10
    for number, line in enumerate(lines):
        ink(line, MARGIN, top + number * line_height, face(size), FOREGROUND)
    bottom = HEIGHT - MARGIN - 34
    ink(card.brand, MARGIN, bottom, face(34), FOREGROUND)
    if card.footer:
        small = face(26)
        ink(card.footer, WIDTH - MARGIN - round(small.getlength(card.footer)), bottom + 6, small, MUTED)
    card_image = card_image.convert("P")
    card_image.putpalette(_PALETTE)
    out = io.BytesIO()
    card_image.save(out, "PNG", compress_level=3)  # ~17 KB; the default level takes 4x as long for 12 KB
    return out.getvalue()


@lru_cache(maxsize=16)
def _face(path: str, index: int, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(path, size, index=index)


INKS = (FOREGROUND, MUTED, ACCENT)
LEVELS = 16  # shades of anti-aliasing per ink


def _index_table(ink: int) -> list[int]:
    """Coverage 0-255 of one ink -> palette index: 0 is the background, then LEVELS shades per ink."""
    return [0 if value < 8 else 1 + ink * LEVELS + min(LEVELS - 1, value * LEVELS // 256) for value in range(256)]


def _blend(ink: tuple[int, int, int], level: int) -> list[int]:
    share = (level + 1) / LEVELS
    return [round(back + (fore - back) * share) for back, fore in zip(BACKGROUND, ink)]


_INDEX_TABLES = [_index_table(ink) for ink in range(len(INKS))]
_INKED = [0 if value < 8 else 255 for value in range(256)]  # where a piece of text overwrites the card
_PALETTE = [*BACKGROUND, *(value for ink in INKS for level in range(LEVELS) for value in _blend(ink, level))]


def _fit_title(title: str, face) -> tuple[int, list[str]]:
    """The largest size whose wrapped lines fit; at the smallest, the last line ends in '…'."""
    title = title[:MAX_TITLE_CHARS]
    for size in TITLE_SIZES:
        lines = wrap(title, face(size).getlength, WIDTH - 2 * MARGIN)
        if len(lines) <= MAX_LINES:
            return size, lines
    measure = face(TITLE_SIZES[-1]).getlength
    lines = wrap(title, measure, WIDTH - 2 * MARGIN)[:MAX_LINES]
    last = lines[-1]
    while last and measure(last + "…") > WIDTH - 2 * MARGIN:
        last = last[:-1]
    return TITLE_SIZES[-1], [*lines[:-1], last.rstrip() + "…"]


def wrap(text: str, measure, width: float) -> list[str]:
    """Break `text` into lines no wider than `width`: between Chinese characters or Latin words,
    never before closing punctuation; a word wider than a line is cut."""
    lines: list[str] = []
    line = ""
    for unit in _units(text):
        candidate = line + unit
        if line and measure(candidate.rstrip()) > width:
            lines.append(line.rstrip())
            line = unit.lstrip()
        else:
            line = candidate
        while measure(line.rstrip()) > width and len(line) > 1:  # a single overlong word
            cut = len(line) - 1
            while cut > 1 and measure(line[:cut]) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _units(text: str) -> list[str]:
    """Unbreakable pieces: a Latin word with its trailing space, or one wide character, each with
    the closing punctuation that follows it."""
    units: list[str] = []
    for char in text:
        wide = unicodedata.east_asian_width(char) in ("W", "F")
        if units and (char in _NO_LINE_START or (not wide and not units[-1].endswith(" ") and not _is_wide(units[-1][-1]))):
            units[-1] += char
        else:
            units.append(char)
    return units


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")
