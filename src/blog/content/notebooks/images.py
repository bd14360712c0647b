"""Pixel sizes of image outputs, read from their headers, so every <img> has width and height
(no layout shift while a page loads)."""

from __future__ import annotations

import re
import struct

_SVG_ROOT = re.compile(rb"<svg\b[^>]*>", re.DOTALL)
_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(px|pt)?\s*$")
_PX_PER_UNIT = {None: 1.0, "px": 1.0, "pt": 4 / 3}


def image_size(data: bytes, mime: str) -> tuple[int, int] | None:
    if mime == "image/png":
        return _png_size(data)
    if mime == "image/jpeg":
        return _jpeg_size(data)
    if mime == "image/svg+xml":
        return _svg_size(data)
    return None


def _png_size(data: bytes) -> tuple[int, int] | None:
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    position = 2
    while position + 9 < len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        length = struct.unpack(">H", data[position + 2:position + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):  # start of frame
            height, width = struct.unpack(">HH", data[position + 5:position + 9])
            return width, height
        position += 2 + length
    return None


def _svg_size(data: bytes) -> tuple[int, int] | None:
    root = _SVG_ROOT.search(data)
    if not root:
        return None
    tag = root.group(0).decode("utf-8", "replace")
    width, height = _attribute(tag, "width"), _attribute(tag, "height")
    if width and height:
        sizes = [_pixels(width), _pixels(height)]
        if None not in sizes:
            return sizes[0], sizes[1]
    box = _attribute(tag, "viewBox")
    numbers = box.replace(",", " ").split() if box else []
    if len(numbers) == 4:
        try:
            return round(float(numbers[2])), round(float(numbers[3]))
        except ValueError:
            return None
    return None


def _attribute(tag: str, name: str) -> str | None:
    found = re.search(rf'\s{name}\s*=\s*["\']([^"\']*)["\']', tag)
    return found.group(1) if found else None


def _pixels(length: str) -> int | None:
    found = _LENGTH.match(length)
    if not found:
        return None
    return round(float(found.group(1)) * _PX_PER_UNIT[found.group(2)])
