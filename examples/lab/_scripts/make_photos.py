"""Write the example lab's placeholder photos: a small SVG per member (a head-and-shoulders
silhouette on a colour, framed like a portrait; no initials, which are what the ``people``
directive itself shows for a member without a photo).

Run from examples/lab: ``python3 _scripts/make_photos.py``. The files are committed; this
script only documents how they were made (no binary images in the repository).
"""

from __future__ import annotations

import hashlib
from html import escape
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parents[1]
COLOURS = ("#4c6ef5", "#12b886", "#f76707", "#ae3ec9", "#1098ad", "#e8590c", "#5c940d", "#d6336c")

TEMPLATE = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160" viewBox="0 0 160 160">'
    "<title>{name}</title>"
    '<rect width="160" height="160" fill="{colour}"/>'
    '<circle cx="80" cy="66" r="30" fill="#fff" fill-opacity=".55"/>'
    '<path d="M22 160c4-38 30-56 58-56s54 18 58 56z" fill="#fff" fill-opacity=".55"/></svg>\n'
)


def main() -> None:
    people = yaml.safe_load((HERE / "people.yaml").read_text(encoding="utf-8"))["people"]
    for person in people:
        if not person.get("photo"):
            continue
        name = person["name"]
        colour = COLOURS[int(hashlib.sha256(name.encode()).hexdigest(), 16) % len(COLOURS)]
        (HERE / person["photo"]).write_text(TEMPLATE.format(colour=colour, name=escape(name)), encoding="utf-8")


if __name__ == "__main__":
    main()
