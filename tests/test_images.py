"""Images resized at build time (outputs/images.py): WebP with the original
format as fallback, at the displayed size and twice that, cached by content,
SVG passed through, heavy originals reported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import write_project

PEOPLE = """people:
  - name: Ada Lovelace
    photo: images/ada.jpg
    positions: [{role: phd, start: 2020}]
  - name: Alan Turing
    photo: images/alan.png
    positions: [{role: phd, start: 2021}]
  - name: Grace Hopper
    photo: images/grace.svg
    positions: [{role: phd, start: 2021}]
"""
BIB = """@article{a2020,
  title = {A paper}, author = {Lovelace, Ada}, journal = {J}, year = {2020},
  preview = {images/figure.png},
}
"""


def _project(root: Path) -> Path:
    from PIL import Image

    src = write_project(
        root,
        {
            "conf.py": 'extensions = ["sphinx_scholar"]\nscholar_people = "people.yaml"\n'
            'scholar_profile = "profile.yaml"\nscholar_bibfiles = ["refs.bib"]\nscholar_today = "2022-01-01"\n',
            "index.rst": "Home\n====\n\n.. profile-card::\n\n.. students::\n   :style: cards\n\n.. publications::\n   :style: barron\n\n"
            ".. publications::\n   :style: cards\n",
            "people.yaml": PEOPLE,
            "profile.yaml": "name: Ada Lovelace\nphoto: images/ada.jpg\n",
            "refs.bib": BIB,
            "images/grace.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
        },
    )
    # A noisy 2,400 x 1,600 photo compresses badly: well over 1 MB, as phones make them.
    Image.effect_noise((2400, 1600), 80).convert("RGB").save(src / "images" / "ada.jpg", quality=95)
    Image.new("RGBA", (600, 900), (10, 120, 200, 255)).save(src / "images" / "alan.png")
    Image.new("RGB", (1200, 800), (200, 120, 10)).save(src / "images" / "figure.png")
    return src


def _build(src: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-E", "-q", "-b", "html", str(src), str(out)], capture_output=True, text=True
    )


def test_images_resized_with_webp_and_fallback(tmp_path):
    from PIL import Image

    src = _project(tmp_path / "src")
    out = tmp_path / "out"
    run = _build(src, out)
    assert run.returncode == 0, run.stderr
    # The heavy original is reported, located, with its size; the others are not.
    heavy = [line for line in run.stderr.splitlines() if "[scholar.image]" in line]
    assert len(heavy) == 1 and "images/ada.jpg" in heavy[0] and "MB" in heavy[0], run.stderr
    assert heavy[0].startswith(str(src / "index.rst")), heavy[0]
    page = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")

    def picture(cls):
        img = page.select_one(f"img.{cls}")
        assert img is not None and img.parent.name == "picture", cls
        webp = img.parent.find("source", type="image/webp")
        return img, webp

    # Profile photo: a 160 px round photo, 1x and 2x, shorter side 160/320, JPEG fallback.
    img, webp = picture("scholar-profile-photo")
    assert img["loading"] == "eager"
    files = [entry.split()[0] for entry in img["srcset"].split(", ")]
    assert [entry.split()[1] for entry in img["srcset"].split(", ")] == ["1x", "2x"]
    sizes = [Image.open(out / f).size for f in files]
    assert sizes == [(240, 160), (480, 320)]  # 3:2 kept, never stretched
    assert all(f.endswith(".jpg") for f in files) and img["src"] == files[0]
    assert [Image.open(out / e.split()[0]).format for e in webp["srcset"].split(", ")] == ["WEBP", "WEBP"]
    # People's photos: 112 px (team cards); a PNG stays PNG as the fallback.
    alan = page.find("img", alt="Photo of Alan Turing")
    assert alan["src"].endswith(".png") and Image.open(out / alan["src"]).size == (112, 168)
    # SVG passes through untouched.
    grace = page.find("img", alt="Photo of Grace Hopper")
    assert grace.parent.name != "picture" and grace["src"].endswith("grace.svg")
    assert (out / grace["src"]).read_bytes() == (src / "images" / "grace.svg").read_bytes()
    # Thumbnails: width descriptors with sizes; barron and cards ask for their own widths.
    thumbs = page.select(".scholar-thumb img")
    assert len(thumbs) == 2
    for thumb in thumbs:
        assert thumb.parent.name == "picture" and thumb["sizes"] and thumb["srcset"].split(", ")[0].endswith("w")
    barron, card = ([int(e.split()[1][:-1]) for e in t["srcset"].split(", ")] for t in thumbs)
    assert barron == [160, 320, 640] and card == [240, 360, 480, 720]
    # The originals are not published.
    published = {p.name for p in (out / "_images").rglob("*") if p.is_file()}
    assert not published & {"ada.jpg", "alan.png", "figure.png"}, published
    total = sum(p.stat().st_size for p in (out / "_images").rglob("*") if p.is_file())
    assert total < 200_000, total


def test_resized_copies_are_cached_by_content(tmp_path):
    src = _project(tmp_path / "src")
    out = tmp_path / "out"
    assert _build(src, out).returncode == 0
    cache = out / ".doctrees" / "scholar-images"
    before = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert len([n for n in before if n.endswith(".webp")]) >= 8
    # A full rebuild (-E), with the published copies gone: nothing is resized again.
    import shutil

    shutil.rmtree(out / "_images")
    assert _build(src, out).returncode == 0
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == before
    assert (out / "_images" / "scholar").is_dir() and len(list((out / "_images" / "scholar").iterdir())) == len(
        [n for n in before if not n.endswith(".info")]
    )
    # Changed content: new copies under new names.
    from PIL import Image

    Image.new("RGBA", (600, 900), (200, 10, 10, 255)).save(src / "images" / "alan.png")
    assert _build(src, out).returncode == 0
    after = {p.name for p in cache.iterdir()}
    assert len(after - set(before)) > 0


def test_generated_pages_publish_resized_copies_not_originals(tmp_path):
    """Member pages and paper pages show resized photos and previews; the
    originals are copied only where a page names them (og:image, an SVG)."""
    src = _project(tmp_path / "src")
    with open(src / "conf.py", "a", encoding="utf-8") as conf:
        conf.write("scholar_member_pages = True\nscholar_paper_pages = True\n")
    out = tmp_path / "out"
    run = _build(src, out)
    assert run.returncode == 0, run.stderr
    ada = BeautifulSoup((out / "people" / "ada-lovelace.html").read_text(encoding="utf-8"), "html.parser")
    assert ada.select_one("img.scholar-member-photo").parent.name == "picture"
    paper = BeautifulSoup((out / "papers" / "a2020.html").read_text(encoding="utf-8"), "html.parser")
    assert paper.select_one(".scholar-thumb img").parent.name == "picture"
    grace = BeautifulSoup((out / "people" / "grace-hopper.html").read_text(encoding="utf-8"), "html.parser")
    svg = grace.select_one("img.scholar-member-photo")["src"]
    assert (out / "people" / svg).read_bytes() == (src / "images" / "grace.svg").read_bytes()
    published = {p.name for p in (out / "_images").rglob("*") if p.is_file()}
    assert not published & {"ada.jpg", "alan.png", "figure.png"}, published

    # With a base address, a paper page's og:image names its preview's original, which is published.
    with open(src / "conf.py", "a", encoding="utf-8") as conf:
        conf.write('html_baseurl = "https://lab.example.org/"\n')
    run = _build(src, out)
    assert run.returncode == 0, run.stderr
    paper = BeautifulSoup((out / "papers" / "a2020.html").read_text(encoding="utf-8"), "html.parser")
    assert paper.find("meta", property="og:image")["content"] == "https://lab.example.org/_images/figure.png"
    assert (out / "_images" / "figure.png").read_bytes() == (src / "images" / "figure.png").read_bytes()
