"""Write the example lab's placeholder photos: a small SVG per member (initials on a colour).

Run from examples/lab: ``python3 _scripts/make_photos.py``. The files are committed; this
script only documents how they were made (no binary images in the repository).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parents[1]
COLOURS = ("#4c6ef5", "#12b886", "#f76707", "#ae3ec9", "#1098ad", "#e8590c", "#5c940d", "#d6336c")

TEMPLATE = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160" viewBox="0 0 160 160">'
    '<rect width="160" height="160" fill="{colour}"/>'
    '<circle cx="80" cy="62" r="28" fill="#fff" fill-opacity=".35"/>'
    '<path d="M30 150c6-32 30-46 50-46s44 14 50 46z" fill="#fff" fill-opacity=".35"/>'
    '<text x="80" y="92" font-family="sans-serif" font-size="40" font-weight="700" fill="#fff" '
    'text-anchor="middle">{initials}</text></svg>\n'
)


def main() -> None:
    people = yaml.safe_load((HERE / "people.yaml").read_text(encoding="utf-8"))["people"]
    for person in people:
        if not person.get("photo"):
            continue
        name = person["name"]
        initials = "".join(part[0] for part in (name.split()[0], name.split()[-1])).upper()
        colour = COLOURS[int(hashlib.sha256(name.encode()).hexdigest(), 16) % len(COLOURS)]
        (HERE / person["photo"]).write_text(TEMPLATE.format(colour=colour, initials=initials), encoding="utf-8")


if __name__ == "__main__":
    main()
