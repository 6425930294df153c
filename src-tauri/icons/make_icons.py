#!/usr/bin/env python3
"""Draws Muster's app icon (a white "M" on a rounded blue square) and writes every size
Tauri's bundler wants: PNGs, icon.ico (PNG entries) and icon.icns, with the standard
library only, so the icons can be made again on any machine: python3 make_icons.py
"""
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
BLUE = (37, 99, 235)


def pixel(x, y, n):
    """RGBA of one pixel of an n×n icon, from shapes defined on a unit square."""
    u, v = (x + 0.5) / n, (y + 0.5) / n
    r = 0.2  # corner radius of the square
    cx = min(max(u, r), 1 - r)
    cy = min(max(v, r), 1 - r)
    if (u - cx) ** 2 + (v - cy) ** 2 > r * r:
        return (0, 0, 0, 0)
    # The "M": two uprights and two diagonals meeting in the middle.
    w = 0.09
    inside = 0.22 <= v <= 0.78 and (
        0.22 <= u <= 0.22 + w
        or 0.78 - w <= u <= 0.78
        or (u <= 0.5 and abs((v - 0.22) - (u - 0.22) * 1.3) <= w * 0.8 and v <= 0.6)
        or (u >= 0.5 and abs((v - 0.22) - (0.78 - u) * 1.3) <= w * 0.8 and v <= 0.6)
    )
    return (255, 255, 255, 255) if inside else BLUE + (255,)


def png(n):
    rows = b"".join(
        b"\x00" + bytes(c for x in range(n) for c in pixel(x, y, n)) for y in range(n)
    )

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", n, n, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def ico(images):
    """An .ico whose entries are PNGs (read by Windows Vista and later)."""
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for n, data in images:
        size = 0 if n >= 256 else n
        out += struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(data for _, data in images)


def icns(images):
    body = b"".join(kind + struct.pack(">I", 8 + len(data)) + data for kind, data in images)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def main():
    sizes = {n: png(n) for n in (16, 32, 64, 128, 256, 512)}
    write("32x32.png", sizes[32])
    write("128x128.png", sizes[128])
    write("128x128@2x.png", sizes[256])
    write("icon.png", sizes[512])
    write("icon.ico", ico([(n, sizes[n]) for n in (16, 32, 64, 256)]))
    write("icon.icns", icns([(b"ic07", sizes[128]), (b"ic08", sizes[256]), (b"ic09", sizes[512])]))


if __name__ == "__main__":
    main()
