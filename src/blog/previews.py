"""The link-preview stage of a build: the card font (and what it can draw) before the site is
made, then the card files to write, from the build cache when an earlier build drew them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable

from .cache import BuildCache, BuildState
from .cardfont import CardFont, find_card_font, font_charset
from .cards import Card
from .config import SiteConfig
from .diagnostics import Diagnostics
from .parallel import draw_cards


def choose_card_font(site_dir: Path, config: SiteConfig, state: BuildState, current: BuildState,
                     diagnostics: Diagnostics) -> tuple[SiteConfig, CardFont | None]:
    """The font for og:image cards, its charset noted in `current`; without a font, no cards
    (the returned settings say so, so no page points at a card)."""
    og_image = config.reader.og_image
    if not og_image.enabled:
        return config, None
    font, problems = find_card_font(site_dir, og_image.font)
    diagnostics.extend(problems)
    if font is None:
        return replace(config, reader=replace(config.reader, og_image=replace(og_image, enabled=False))), None
    known = state.card_charset
    current.card_charset = known if known and known[0] == font.identity else (font.identity, font_charset(font))
    return config, font


def card_files(cards: dict[str, Card], font: CardFont, workers: int, state: BuildState, current: BuildState,
               intact: Callable[[str], bool], unchanged: set[str], cache: BuildCache | None) -> dict[str, bytes]:
    """The cards to write: those whose file is missing or out of date. Up-to-date ones join
    `unchanged`; each card's key is recorded as its generated digest."""
    keys = {dest_path: card.key(font) for dest_path, card in cards.items()}
    current.generated.update(keys)
    needed = {}
    for dest_path, key in keys.items():
        if state.generated.get(dest_path) == key and intact(dest_path):
            unchanged.add(dest_path)
        else:
            needed[dest_path] = key
    found = cache.fetch_cards(needed.values()) if cache else {}
    missing = [cards[dest_path] for dest_path, key in needed.items() if key not in found]
    for card, data in zip(missing, draw_cards(missing, font, workers)):
        found[keys[card.dest_path]] = current.fresh_cards[keys[card.dest_path]] = data
    return {dest_path: found[key] for dest_path, key in needed.items()}
