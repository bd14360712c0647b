"""axe-core finds nothing on any page type, at phone and desktop widths, in light and dark."""

import pytest

from conftest import REPO
from reader_pages import PAGE_TYPES, SCHEMES, WIDTHS, example_site, pages  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

AXE = (REPO / "node_modules/axe-core/axe.min.js").read_text(encoding="utf-8")
# Posts lay out off-screen blocks lazily (content-visibility); axe must see the colours of all of them.
EVERY_BLOCK_DRAWN = ".post-content > * { content-visibility: visible !important; }"
# Every rule in light; in dark only what the colours decide (the markup is the same), which halves the time.
OPTIONS = {"light": {"resultTypes": ["violations"]},
           "dark": {"resultTypes": ["violations"], "runOnly": ["color-contrast", "link-in-text-block"]}}


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n    "
                     + "\n    ".join(f"{node['target']}: {node['failureSummary'].splitlines()[-1].strip()}"
                                     for node in v["nodes"][:6])
                     for v in violations)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_violations(example_site, pages, width, scheme):
    start, _ = example_site
    page = pages[width, scheme]
    found = {}
    for name, url in PAGE_TYPES.items():
        page.goto(start + url, wait_until="load")
        page.evaluate("document.fonts.ready")
        page.add_style_tag(content=EVERY_BLOCK_DRAWN)
        if not page.evaluate("typeof axe !== 'undefined'"):
            page.add_script_tag(content=AXE)
        result = page.evaluate("options => axe.run(document, options)", OPTIONS[scheme])
        if result["violations"]:
            found[name] = describe(result["violations"])
    assert not found, "\n\n".join(f"== {name} ({url}) at {width} px, {scheme}:\n{text}"
                                  for name, text in found.items() for url in [PAGE_TYPES[name]])
