"""Every token colour of the generated highlight.css is readable (WCAG AA) on the theme's code backgrounds."""

import re

import pytest

from blog.render.markdown.contrast import contrast, readable
from blog.render.markdown.highlight import DARK_CODE_BACKGROUNDS, LIGHT_CODE_BACKGROUNDS, highlight_css


@pytest.mark.parametrize("light, dark", [("default", "monokai"), ("friendly", "github-dark"), ("emacs", "native")])
def test_every_token_colour_reaches_4_5_to_1(light, dark):
    css = highlight_css(light, dark)
    light_part, dark_part = css.split(f"/* dark: {dark} */")
    for part, backgrounds in ((light_part, LIGHT_CODE_BACKGROUNDS), (dark_part, DARK_CODE_BACKGROUNDS)):
        colours = re.findall(r"(?<![-\w])color: (#[0-9a-fA-F]{3,6})\b", part)
        assert len(colours) > 20
        for colour in colours:
            assert min(contrast(colour, bg) for bg in backgrounds) >= 4.5, (colour, backgrounds)


def test_a_readable_colour_is_kept_and_a_faint_one_darkened_in_its_hue():
    assert readable("#1b1f24", ("#f4f5f7",)) == "#1b1f24"
    assert 4.4 < contrast("#3d7b7b", "#f4f5f7") < 4.5  # Pygments' default comment colour
    darker = readable("#3d7b7b", ("#f4f5f7",))
    assert contrast(darker, "#f4f5f7") >= 4.5 and darker == "#3c7a7a"  # one step darker, the same teal
    assert contrast(readable("#75715e", ("#161a20",)), "#161a20") >= 4.5  # monokai's comments, lightened
