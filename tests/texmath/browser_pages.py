"""Built pages in headless Chromium: requests to http://site.test/ are answered from a folder."""
from __future__ import annotations

import mimetypes
from pathlib import Path

from blog.output.mathfont import MATH_FONT_SOURCE, math_characters, subset_math_font

ORIGIN = "http://site.test"


def open_page(chromium, root: Path, url: str, width: int, scheme: str = "light"):
    """A new page showing `url` of the site built into `root`, its fonts loaded."""
    page = chromium.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)

    def answer(route):
        relative = route.request.url[len(ORIGIN):].split("?")[0].split("#")[0].lstrip("/")
        target = root / relative
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            route.fulfill(status=404, body="not found")
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=target.read_bytes(), content_type=kind)

    page.route(f"{ORIGIN}/**", answer)
    page.goto(ORIGIN + url)
    page.evaluate("document.fonts.ready")
    return page


BOX = """e => { const r = e.getBoundingClientRect();
  return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height}; }"""


def pixels(page, png: bytes, points: list[tuple[int, int]]) -> list[float]:
    """The luminance (0-255) at each (x, y) of a screenshot, decoded by the browser itself."""
    import base64

    return page.evaluate("""async ([data, points]) => {
        const bitmap = await createImageBitmap(await (await fetch('data:image/png;base64,' + data)).blob());
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height), context = canvas.getContext('2d');
        context.drawImage(bitmap, 0, 0);
        return points.map(([x, y]) => { const [r, g, b] = context.getImageData(x, y, 1, 1).data;
                                         return 0.2126 * r + 0.7152 * g + 0.0722 * b; });
    }""", [base64.b64encode(png).decode("ascii"), points])


def publish_math_font(root: Path, html: str) -> None:
    """The math font as a build publishes it under `root/fonts/`: cut to the glyphs `html` uses."""
    (root / "fonts").mkdir()
    font = subset_math_font(MATH_FONT_SOURCE.read_bytes(), math_characters([html]), None)
    (root / "fonts/STIXTwoMath-Regular.woff2").write_bytes(font.data)
