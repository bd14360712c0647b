"""ANSI escape codes to classes, and image sizes read from headers: small pure functions."""

import pytest

from blog.content.notebooks.ansi import ansi_to_html
from blog.content.notebooks.images import image_size


@pytest.mark.parametrize("text, html", [
    ("plain <b> & text", "plain &lt;b&gt; &amp; text"),
    ("\x1b[31mred\x1b[0m then plain", '<span class="ansi-red-fg">red</span> then plain'),
    ("\x1b[1;92;44mloud\x1b[22m quiet\x1b[39;49m none", '<span class="ansi-bright-green-fg ansi-blue-bg ansi-bold">loud</span>'
                                                       '<span class="ansi-bright-green-fg ansi-blue-bg"> quiet</span> none'),
    ("\x1b[38;5;208morange\x1b[m", "orange"),  # 256 colours have no class; their arguments are skipped
    ("\x1b[38;2;1;2;3m\x1b[4mrgb\x1b[24m", '<span class="ansi-underline">rgb</span>'),
    ("\x1b[2Kprogress\x1b[1A", "progress"),  # cursor movement is dropped
])
def test_ansi_to_html(text, html):
    assert ansi_to_html(text) == html


@pytest.mark.parametrize("data, mime, size", [
    (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640.5 480"><g/></svg>', "image/svg+xml", (640, 480)),
    (b'<?xml version="1.0"?>\n<svg width="300" height="150px"></svg>', "image/svg+xml", (300, 150)),
    (b'<svg width="100%" height="100%"></svg>', "image/svg+xml", None),  # relative: no size to state
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x02\x80\x00\x00\x01\xe0", "image/png", (640, 480)),
    (b"not an image", "image/png", None),
])
def test_image_size(data, mime, size):
    assert image_size(data, mime) == size
