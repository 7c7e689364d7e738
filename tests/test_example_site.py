"""The example site reproduces the seed page's publications, with no warning."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import sphinx_build

ROOT = Path(__file__).resolve().parent.parent
SEED = Path(__file__).parent / "data" / "seed_page.txt"  # the page the example site reproduces


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("example") / "html"
    result = sphinx_build(ROOT / "example_site", out)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return out


def page(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def seed_titles() -> list[str]:
    text = SEED.read_text(encoding="utf-8").replace("\xa0", " ")
    blocks = text.split("Full list: scholar / dblp / hal", 1)[1].split("Design and source code", 1)[0]
    return [b.strip().splitlines()[0] for b in blocks.split("project image") if b.strip()]


def test_home_page_lists_every_seed_publication_in_barron_style(site):
    home = page(site, "index")
    bib = (ROOT / "example_site" / "publications.bib").read_text(encoding="utf-8")
    entries = len(re.findall(r"^@(?!string)\w+\{", bib, re.M))
    titles = [t.get_text(" ", strip=True) for t in home.select(".scholar-style-barron .scholar-title")]
    assert len(home.select("li.scholar-pub")) == entries == len(seed_titles()) == 22
    expected = [re.sub(r"\s+", " ", t) for t in seed_titles()]
    assert titles == expected  # same papers, same order as the seed
    for item in home.select("li.scholar-pub"):
        assert item.select_one(".scholar-me").get_text() == "David Picard"
        img = item.select_one("img.scholar-thumb-main")
        assert img["alt"] and img["loading"] == "lazy" and (img["width"], img["height"]) == ("320", "240")
        assert (site / img["src"]).is_file()
        for node in item.select(".scholar-title, .scholar-authors, .scholar-venue"):
            assert not re.search(r"[\\{}]", node.get_text())
    first = home.select_one("li.scholar-pub")
    assert first.select_one(".scholar-authors").get_text() == "Yue Zhu, Nermin Samet, David Picard"
    assert first.select_one(".scholar-venue").get_text() == "ICCV, 2023"
    assert [a.get_text() for a in first.select(".scholar-links a")] == ["arxiv", "code"]
    assert first.select_one("p.scholar-abstract").get_text().startswith("3D human whole-body pose estimation")
    # Accents written in LaTeX come out as text.
    assert "J\u00e9r\u00e9mie Mary" in home.get_text()


def test_full_list_grouped_by_year_with_filter_and_downloads(site):
    full = page(site, "publications")
    assert [h.get_text() for h in full.select(".scholar-group-heading")] == [
        "2023",
        "2022",
        "2021",
        "2020",
        "2019",
        "2018",
    ]
    assert full.select_one(".scholar-filter") is not None
    assert [a.get_text() for a in full.select(".scholar-downloads a")] == ["BibTeX", "CSL-JSON", "RIS"]
    assert (site / "_scholar" / "publications.bib").is_file()
