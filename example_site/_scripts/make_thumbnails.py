"""Make the example site's paper thumbnails: abstract SVG figures, one per key.

Run from the repository root: ``python3 example_site/_scripts/make_thumbnails.py``.
Standard library only; the output is committed, so building the site does not
need this script. Each figure is drawn from a hash of the entry's key, so it
is stable across runs and different for every paper.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

SITE = Path(__file__).resolve().parent.parent
PALETTES = [
    ("#1d3557", "#457b9d", "#a8dadc", "#f1faee"),
    ("#264653", "#2a9d8f", "#e9c46a", "#f4a261"),
    ("#3d405b", "#81b29a", "#f2cc8f", "#e07a5f"),
    ("#22223b", "#4a4e69", "#9a8c98", "#f2e9e4"),
    ("#003049", "#d62828", "#f77f00", "#fcbf49"),
    ("#2b2d42", "#8d99ae", "#edf2f4", "#ef233c"),
]


def figure(key: str, label: str, variant: int = 0) -> str:
    seed = hashlib.sha256(f"{key}:{variant}".encode()).digest()
    dark, mid, light, accent = PALETTES[seed[0] % len(PALETTES)]
    shapes = []
    for i in range(7):
        a, b, c, d = seed[1 + 4 * i : 5 + 4 * i]
        x, y, r = 20 + a % 280, 20 + b % 200, 12 + c % 55
        fill = (mid, light, accent)[d % 3]
        if variant:
            shapes.append(f'<rect x="{x - r // 2}" y="{y - r // 2}" width="{r}" height="{r}" rx="6" fill="{fill}" opacity="0.8"/>')
        else:
            shapes.append(f'<circle cx="{x}" cy="{y}" r="{r}" fill="{fill}" opacity="0.75"/>')
    points = " ".join(f"{20 + 40 * i},{60 + seed[i] % 140}" for i in range(8))
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240" viewBox="0 0 320 240">'
        f'<rect width="320" height="240" fill="{dark}"/>{"".join(shapes)}'
        f'<polyline points="{points}" fill="none" stroke="{light}" stroke-width="3" stroke-linejoin="round"/>'
        f'<text x="16" y="224" font-family="sans-serif" font-size="22" font-weight="700" fill="{light}">{label}</text>'
        "</svg>\n"
    )


def main() -> None:
    bib = (SITE / "publications.bib").read_text(encoding="utf-8")
    out = SITE / "images"
    out.mkdir(exist_ok=True)
    for entry in re.finditer(r"^@(?!string)\w+\{([^,\s]+),(.*?)\n\}", bib, re.S | re.M):
        key, body = entry.group(1), entry.group(2)
        abbr = re.search(r"abbr\s*=\s*\{([^}]*)\}", body)
        label = (abbr.group(1) if abbr else key[:8]).replace("&", "&amp;")
        (out / f"{key}.svg").write_text(figure(key, label), encoding="utf-8")
        if re.search(r"preview_hover\s*=", body):
            (out / f"{key}-hover.svg").write_text(figure(key, label, 1), encoding="utf-8")


if __name__ == "__main__":
    main()
