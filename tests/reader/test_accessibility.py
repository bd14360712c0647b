"""axe-core finds nothing on any page type, at phone and desktop widths, in light and dark."""

import pytest

from tests.reader.reader_pages import PAGE_TYPES, SCHEMES, WIDTHS, example_site  # noqa: F401 - fixture
from tests.support.paths import REPO

pytestmark = pytest.mark.browser

AXE = (REPO / "node_modules/axe-core/axe.min.js").read_text(encoding="utf-8")
# Posts lay out off-screen blocks lazily (content-visibility); axe must see the colours of all of them.
EVERY_BLOCK_DRAWN = ".post-content > * { content-visibility: visible !important; }"
# Every rule in light; in dark only what the colours decide (the markup is the same).
OPTIONS = {"light": {"resultTypes": ["violations"]},
           "dark": {"resultTypes": ["violations"], "runOnly": ["color-contrast", "link-in-text-block"]}}


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n    "
                     + "\n    ".join(f"{node['target']}: {node['failureSummary'].splitlines()[-1].strip()}"
                                     for node in v["nodes"][:6])
                     for v in violations)


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_violations(example_site, chromium, width):
    start, _ = example_site
    page = chromium.new_page(viewport={"width": width, "height": 844 if width < 600 else 900})
    found, backgrounds = {}, set()
    for name, url in PAGE_TYPES.items():
        page.goto(start + url, wait_until="load")
        page.evaluate("document.fonts.ready")
        page.add_style_tag(content=EVERY_BLOCK_DRAWN)
        page.add_script_tag(content=AXE)
        for scheme in SCHEMES:  # the same page, seen with the OS in light then in dark mode
            page.emulate_media(color_scheme=scheme)
            backgrounds.add((scheme, page.evaluate("getComputedStyle(document.body).backgroundColor")))
            result = page.evaluate("options => axe.run(document, options)", OPTIONS[scheme])
            if result["violations"]:
                found[f"{name} ({url}), {scheme}"] = describe(result["violations"])
    page.close()
    assert backgrounds == {("light", "rgb(253, 253, 252)"), ("dark", "rgb(15, 18, 22)")}  # both schemes were seen
    assert not found, "\n\n".join(f"== {where} at {width} px:\n{text}" for where, text in found.items())
