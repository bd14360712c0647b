"""The link-preview stage of a build: the card font (and what it can draw) before the site is
made, then the card files to write, from the build cache when an earlier build drew them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..diagnostics import Diagnostic
from ..incremental.reuse import OutputFolder, unchanged_keys
from ..incremental.store import CacheStore
from ..output.cardfont import CardFont, find_card_font, font_charset
from ..output.cards import Card
from ..settings.config import SiteConfig
from .parallel import draw_cards


def choose_card_font(site_dir: Path, config: SiteConfig,
                     known_charset: tuple) -> tuple[SiteConfig, CardFont | None, tuple, list[Diagnostic]]:
    """The font for og:image cards and its (identity, charset); without a font, no cards (the
    returned settings say so, so no page points at a card)."""
    og_image = config.reader.og_image
    if not og_image.enabled:
        return config, None, (), []
    font, problems = find_card_font(site_dir, og_image.font)
    if font is None:
        return replace(config, reader=replace(config.reader, og_image=replace(og_image, enabled=False))), None, (), problems
    charset = known_charset if known_charset and known_charset[0] == font.identity else (font.identity, font_charset(font))
    return config, font, charset, problems


@dataclass(frozen=True)
class CardFiles:
    keys: dict[str, str]  # dest_path -> the card's key, recorded as its generated digest
    unchanged: list[str]  # dest_paths already in place
    files: dict[str, bytes]  # dest_path -> PNG to write
    drawn: dict[str, bytes]  # card key -> PNG drawn this time, for the cache


def card_files(cards: dict[str, Card], font: CardFont, workers: int, fork: bool, folder: OutputFolder,
               store: CacheStore | None) -> CardFiles:
    """The cards to write: those whose file is missing or out of date, from the cache or drawn."""
    keys = {dest_path: card.key(font) for dest_path, card in cards.items()}
    unchanged = list(unchanged_keys(keys, folder.previous, folder))
    kept = set(unchanged)
    needed = {dest_path: key for dest_path, key in keys.items() if dest_path not in kept}
    found = store.fetch_cards(needed.values()) if store else {}
    missing = [cards[dest_path] for dest_path, key in needed.items() if key not in found]
    drawn = {keys[card.dest_path]: data for card, data in zip(missing, draw_cards(missing, font, workers, fork))}
    found.update(drawn)
    return CardFiles(keys, unchanged, {dest_path: found[key] for dest_path, key in needed.items()}, drawn)
