"""The header does not move: the same place and height on every page type and in both languages, at
phone and desktop widths; on a phone it is compact and its menu stays on one line."""

import pytest

from tests.reader.reader_pages import PAGE_TYPES, WIDTHS, example_site  # noqa: F401 - fixture

pytestmark = pytest.mark.browser

GEOMETRY = """() => {
  const box = s => document.querySelector(s).getBoundingClientRect();
  const links = [...document.querySelectorAll('.site-nav a')].map(a => a.getBoundingClientRect().top);
  return {header: Math.round(box('.site-header').height), title_left: box('.site-title').left,
          title_top: box('.site-title').top, tools_right: box('.header-tools').right, nav_top: box('.site-nav').top,
          menu_lines: new Set(links.map(Math.round)).size,
          page_overflows: document.documentElement.scrollWidth > innerWidth};
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_the_header_is_the_same_on_every_page_type(example_site, chromium, width):
    start, _ = example_site
    page = chromium.new_page(viewport={"width": width, "height": 900})
    seen = {}
    for name, url in PAGE_TYPES.items():
        page.goto(start + url)
        page.evaluate("document.fonts.ready")
        seen[name] = page.evaluate(GEOMETRY)
    page.close()
    home = seen["home"]
    assert home["menu_lines"] == 1 and not home["page_overflows"]
    for name, geometry in seen.items():
        assert geometry == home, f"{name} differs from home at {width} px: {geometry} != {home}"
    if width < 600:
        assert home["header"] <= 110, "a compact header on phones"
