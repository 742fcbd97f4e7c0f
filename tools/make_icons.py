"""Draws the extension's toolbar icons (a shield with a check mark) as PNGs, with no dependencies beyond Python's
standard library, so the icons can be regenerated anywhere: python3 tools/make_icons.py"""
import math, struct, zlib, pathlib

def shield_alpha(x, y):
    # Shield outline in unit coordinates: flat top, sides curving to a point at the bottom.
    if y < 0.08 or y > 0.95:
        return False
    half = 0.40 if y < 0.55 else 0.40 * math.sqrt(max(0.0, 1 - ((y - 0.55) / 0.40) ** 2))
    return abs(x - 0.5) <= half

def on_check(x, y, w):
    # Two strokes of the check mark, as distance to segments.
    def seg(px, py, ax, ay, bx, by):
        dx, dy = bx - ax, by - ay
        t = max(0, min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
        return math.hypot(px - ax - t * dx, py - ay - t * dy)
    return min(seg(x, y, 0.30, 0.47, 0.45, 0.64), seg(x, y, 0.45, 0.64, 0.72, 0.33)) < w

def render(size):
    rows = []
    ss = 4  # supersampling for smooth edges
    for j in range(size):
        row = bytearray([0])
        for i in range(size):
            cov = chk = 0
            for sj in range(ss):
                for si in range(ss):
                    x, y = (i + (si + 0.5) / ss) / size, (j + (sj + 0.5) / ss) / size
                    if shield_alpha(x, y):
                        cov += 1
                        if on_check(x, y, 0.07):
                            chk += 1
            n = ss * ss
            a = cov / n
            if cov == 0:
                row += bytes([0, 0, 0, 0])
                continue
            c = chk / cov
            blue = (0x15, 0x5e, 0xa8)
            r, g, b = (round(blue[k] * (1 - c) + 255 * c) for k in range(3))
            row += bytes([r, g, b, round(a * 255)])
        rows.append(bytes(row))
    raw = b"".join(rows)
    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)) + \
        chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")

out = pathlib.Path(__file__).resolve().parent.parent / "extension" / "icons"
out.mkdir(parents=True, exist_ok=True)
for s in (16, 32, 48, 128):
    (out / f"icon{s}.png").write_bytes(render(s))
print("icons written to", out)
