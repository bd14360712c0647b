"""og:image cards: drawn at build time with the title (Chinese included), cached across builds,
a warning for each character the font cannot draw."""

import io
from pathlib import Path

import pytest
from PIL import Image

import blog.pipeline.parallel
from blog.pipeline.build import BuildOptions, build
from blog.output.cards import HEIGHT, WIDTH
from tests.features.sites import build_tiny, post

CARDS = "og_image: {enabled: true}"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # fonts-dejavu-core, which fontconfig needs
POSTS = {
    "content/posts/trpo.md": post("TRPO：用信赖域约束策略更新", "2026-01-01", categories="[强化学习]"),
    "content/posts/trpo.en.md": post("TRPO: Trust Region Policy Optimization", "2026-01-01"),
}


def card(root: Path, dest_path: str) -> Image.Image:
    return Image.open(io.BytesIO((root / "public" / dest_path).read_bytes()))


def test_each_post_gets_a_card_with_its_title_and_the_meta_tags_point_at_it(tmp_path):
    result = build_tiny(tmp_path / "site", POSTS, CARDS)
    assert result.ok and not result.diagnostics.warnings
    image = card(tmp_path / "site", "posts/trpo/og.png")
    assert image.format == "PNG" and image.size == (WIDTH, HEIGHT)
    title_band = image.convert("L").crop((0, HEIGHT // 4, WIDTH, HEIGHT * 3 // 4))
    bright = sum(count for count, level in title_band.getcolors(WIDTH * HEIGHT) if level > 200)
    assert bright > 16000  # solid strokes: ~24,000 here, ~9,000 for the same title as empty boxes (outlines)
    html = (tmp_path / "site/public/posts/trpo/index.html").read_text(encoding="utf-8")
    assert '<meta property="og:image" content="https://e.org/posts/trpo/og.png">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert (tmp_path / "site/public/en/posts/trpo/og.png").is_file()


def test_cards_come_from_the_build_cache_instead_of_being_drawn_again(tmp_path, monkeypatch):
    site = tmp_path / "site"
    build_tiny(site, POSTS, CARDS)
    first = build(site, BuildOptions(output_dir=site / "one", jobs=1))
    assert first.ok

    def no_drawing(*args, **kwargs):
        raise AssertionError("a card was drawn again")

    monkeypatch.setattr(blog.pipeline.parallel, "draw_card", no_drawing)
    second = build(site, BuildOptions(output_dir=site / "two", jobs=1))  # a fresh output folder, like CI's
    assert second.ok
    assert (site / "two/posts/trpo/og.png").read_bytes() == (site / "one/posts/trpo/og.png").read_bytes()
    (site / "content/posts/trpo.md").write_text(post("TRPO 改了标题", "2026-01-01"), encoding="utf-8")
    with pytest.raises(AssertionError, match="drawn again"):
        build(site, BuildOptions(output_dir=site / "two", jobs=1))  # a new title needs a new card


def test_cards_are_the_same_bytes_on_every_build(tmp_path):
    build_tiny(tmp_path / "one", POSTS, CARDS)
    build_tiny(tmp_path / "two", POSTS, CARDS)
    assert (tmp_path / "one/public/posts/trpo/og.png").read_bytes() == \
        (tmp_path / "two/public/posts/trpo/og.png").read_bytes()


def test_a_character_the_font_cannot_draw_is_a_warning_at_the_title(tmp_path):
    assert DEJAVU.is_file()
    site = tmp_path / "site"
    (site / "fonts").mkdir(parents=True)
    (site / "fonts/DejaVuSans.ttf").write_bytes(DEJAVU.read_bytes())
    result = build_tiny(site, {"content/posts/a.md": post("Latin and 中文", "2026-01-01")},
                        "og_image: {font: fonts/DejaVuSans.ttf}")
    assert result.ok
    assert [str(d) for d in result.diagnostics] == [
        "content/posts/a.md:2:8: warning: og:image: the card font DejaVuSans.ttf has no glyph for '中' (U+4E2D), "
        "'文' (U+6587); the card shows a box there (set reader.og_image.font to a font that has it)"]
    assert card(site, "posts/a/og.png").size == (WIDTH, HEIGHT)


def test_cards_off_means_no_image_and_no_meta(tmp_path):
    build_tiny(tmp_path / "site", POSTS)  # the sites of these tests turn cards off unless asked
    assert not (tmp_path / "site/public/posts/trpo/og.png").exists()
    html = (tmp_path / "site/public/posts/trpo/index.html").read_text(encoding="utf-8")
    assert "og:image" not in html and '<meta name="twitter:card" content="summary">' in html


def test_a_bundle_with_its_own_og_png_keeps_it(tmp_path, monkeypatch):
    monkeypatch.setattr(blog.pipeline.parallel, "draw_card", lambda *args, **kwargs: pytest.fail("a card was drawn"))
    own = (Path(__file__).parents[2] / "static/fonts/STIXTwoMath-OFL.txt").read_bytes()  # any bytes will do
    result = build_tiny(tmp_path / "site", {"content/posts/ppo/index.md": post("PPO", "2026-01-01"),
                                            "content/posts/ppo/og.png": own}, CARDS)
    assert result.ok
    assert (tmp_path / "site/public/posts/ppo/og.png").read_bytes() == own
    assert '<meta property="og:image" content="https://e.org/posts/ppo/og.png">' in \
        (tmp_path / "site/public/posts/ppo/index.html").read_text(encoding="utf-8")


def test_titles_wrap_between_chinese_characters_and_latin_words_never_before_closing_punctuation():
    from blog.output.cards import wrap

    def width(text: str) -> int:  # a wide character is two units, others one
        return sum(2 if "\u4e00" <= char <= "\u9fff" or char in "，。：" else 1 for char in text)

    assert wrap("PPO 与 GRPO：有没有 Critic 的两种", width, 14) == ["PPO 与 GRPO：", "有没有 Critic", "的两种"]
    assert wrap("强化学习，时序差分。", width, 8) == ["强化学", "习，时序", "差分。"]  # "，" does not start a line
    assert wrap("Generalized Advantage Estimation", width, 12) == ["Generalized", "Advantage", "Estimation"]
    assert wrap("Supercalifragilistic", width, 8) == ["Supercal", "ifragili", "stic"]  # too long for a line: cut
