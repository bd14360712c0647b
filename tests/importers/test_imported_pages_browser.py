"""What a reader sees of the converted theme shortcodes (a tip box, tabs as collapsible sections,
columns one after the other, a right-aligned signature, a button as a link) in headless Chromium,
at phone and desktop widths, light and dark: nothing overflows and the alignment holds."""

from __future__ import annotations

import pytest

from tests.importers.importing import import_and_build
from tests.support.webserver import static_host

VIEWPORTS = [(390, "light"), (390, "dark"), (1280, "light"), (1280, "dark")]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    imported, build = import_and_build("hugo", tmp_path_factory.mktemp("hugo-browser"))
    assert build.code == 0, build.stderr
    with static_host(imported.site / "public") as url:
        yield url, tmp_path_factory.mktemp("screenshots")


@pytest.mark.browser
@pytest.mark.parametrize(("width", "scheme"), VIEWPORTS)
def test_converted_shortcodes_read_well(chromium, site, width, scheme):
    url, shots = site
    page = chromium.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page.goto(url + "posts/ppo-clip/")
    page.screenshot(path=str(shots / f"ppo-clip-{width}-{scheme}.png"), full_page=True)
    layout = page.evaluate("""() => {
        const box = e => e.getBoundingClientRect();
        const signature = [...document.querySelectorAll('main div')].find(d => d.style.textAlign === 'right');
        const words = document.createRange();
        words.selectNodeContents(signature.querySelector('p').firstChild);  // the text itself, not its block
        const tip = document.querySelector('.admonition.tip');
        return {
            overflow: document.documentElement.scrollWidth - window.innerWidth,
            signature: [box(signature).left, box(signature).right, words.getBoundingClientRect().left,
                        words.getBoundingClientRect().right],
            tip: tip ? [getComputedStyle(tip).display, box(tip).height, tip.textContent.trim()] : null,
            tabs: [...document.querySelectorAll('details.admonition > summary')].map(s => s.textContent.trim()),
            button: document.querySelector('a[href="https://arxiv.org/abs/1707.06347"]').textContent,
            columns: [...document.querySelectorAll('main strong')].map(s => s.textContent),
        };
    }""")
    page.close()
    assert layout["overflow"] <= 0
    div_left, div_right, text_left, text_right = layout["signature"]
    assert abs(text_right - div_right) <= 2 and text_left > div_left + (div_right - div_left) / 2
    assert layout["tip"][0] == "block" and layout["tip"][1] > 20 and layout["tip"][2] == "一句话"
    assert layout["tabs"] == ["PyTorch", "JAX"]
    assert layout["button"] == "阅读原论文"
    assert layout["columns"][:2] == ["TRPO", "PPO"]
