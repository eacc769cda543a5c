#!/usr/bin/env python3
"""Draws the app icon: www/icons/icon.svg, icon-192.png and icon-512.png, from one geometry.

The mark is three source "lines of text" of different lengths on the accent blue of style.css,
crossed by one highlighted column: the same claim found in every source. The PNGs are rasterised
here with a small supersampling renderer and written with zlib, so no image library or network
is needed; the outputs are committed, and this script is rerun only when the design changes.
"""

import os
import struct
import zlib

# Colours from www/style.css: --accent (light theme), white text, the focused-sentence yellow.
BG = (0x1F, 0x56, 0xB0)
LINE = (0xFF, 0xFF, 0xFF)
MARK = (0xFF, 0xCE, 0x28)

# Geometry in a 512-unit square: (x, y, width, height, corner radius, colour, opacity).
# The highlight column is drawn first so the lines sit on it, as a marker pen sits under text.
SHAPES = [
    (0, 0, 512, 512, 112, BG, 1.0),
    (268, 108, 84, 296, 20, MARK, 1.0),
    (104, 144, 304, 48, 24, LINE, 1.0),
    (104, 232, 248, 48, 24, LINE, 1.0),
    (104, 320, 280, 48, 24, LINE, 1.0),
]


def inside(px, py, shape):
    """Whether the point lies inside the rounded rectangle."""
    x, y, w, h, r, _, _ = shape
    if px < x or px > x + w or py < y or py > y + h:
        return False
    # Only the four corner squares need the circle test.
    cx = min(max(px, x + r), x + w - r)
    cy = min(max(py, y + r), y + h - r)
    return (px - cx) ** 2 + (py - cy) ** 2 <= r * r


def render(size, samples=4):
    """RGBA rows of the icon at `size` pixels, each pixel averaged over samples x samples points."""
    scale = 512 / size
    rows = []
    for j in range(size):
        row = bytearray()
        for i in range(size):
            acc = [0.0, 0.0, 0.0, 0.0]
            for sj in range(samples):
                for si in range(samples):
                    px = (i + (si + 0.5) / samples) * scale
                    py = (j + (sj + 0.5) / samples) * scale
                    # Paint shapes in order over a transparent pixel (premultiplied "over").
                    r = g = b = a = 0.0
                    for shape in SHAPES:
                        if inside(px, py, shape):
                            op = shape[6]
                            col = shape[5]
                            r = col[0] * op + r * (1 - op)
                            g = col[1] * op + g * (1 - op)
                            b = col[2] * op + b * (1 - op)
                            a = op + a * (1 - op)
                    acc[0] += r
                    acc[1] += g
                    acc[2] += b
                    acc[3] += a
            n = samples * samples
            alpha = acc[3] / n
            if alpha > 0:
                pixel = [round(acc[k] / n / alpha) for k in range(3)] + [round(alpha * 255)]
            else:
                pixel = [0, 0, 0, 0]
            row.extend(pixel)
        rows.append(bytes(row))
    return rows


def png(size):
    """A complete PNG file (8-bit RGBA, no interlace) of the icon at `size` pixels."""
    raw = b"".join(b"\x00" + row for row in render(size))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def svg():
    """The same shapes as an SVG document."""
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">']
    for x, y, w, h, r, col, op in SHAPES:
        fill = "#%02x%02x%02x" % col
        parts.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{r}" fill="{fill}"/>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "www", "icons")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "icon.svg"), "w", encoding="utf-8") as f:
        f.write(svg())
    for size in (192, 512):
        with open(os.path.join(out, f"icon-{size}.png"), "wb") as f:
            f.write(png(size))


if __name__ == "__main__":
    main()
