"""Downloads (.bib, CSL-JSON, RIS) and the Atom feed, parsed back."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import defusedxml.ElementTree as ET
import pytest
from conftest import ROOTS, soup_of, warnings_of
from pybtex.database import parse_string

BODY = """Papers
======

.. toctree::

   other

.. publications::
   :download: bib csl ris
   :filter: year >= 2015

.. publications::
   :keys: negrel2014thesis
   :download: bib
"""


@pytest.fixture
def site(tmp_path) -> Path:
    root = tmp_path / "src"
    shutil.copytree(ROOTS / "test-fields", root)
    (root / "index.rst").write_text(BODY)
    return root


def test_download_links_and_files_round_trip(site, build):
    app = build(site)
    assert warnings_of(app) == []
    page = soup_of(app)
    rows = page.select("p.scholar-downloads")
    assert len(rows) == 2
    links = {a.get_text(): a["href"] for a in rows[0].select("a")}
    assert links == {"BibTeX": "_scholar/index.bib", "CSL-JSON": "_scholar/index.json", "RIS": "_scholar/index.ris"}
    assert [a["href"] for a in rows[1].select("a")] == ["_scholar/index-2.bib"]
    out = Path(app.outdir)

    bib = parse_string((out / "_scholar/index.bib").read_text(), "bibtex")
    shown = [li["id"].removeprefix("pub-") for li in page.select(".scholar-publication-list")[0].select(".scholar-pub")]
    assert list(bib.entries) == shown
    luvizon = bib.entries["luvizon2018multitask"]
    assert luvizon.fields["title"] == "{2D/3D} Pose Estimation and Action Recognition using Multitask Deep Learning"
    assert [str(p) for p in luvizon.persons["author"]] == ["Luvizon, Diogo", "Picard, David", "Tabia, Hedi"]
    assert "preview" not in luvizon.fields and "abbr" not in luvizon.fields and "selected" not in luvizon.fields

    items = json.loads((out / "_scholar/index.json").read_text())
    assert [i["id"] for i in items] == shown
    item = next(i for i in items if i["id"] == "fellus2015gossip")
    assert item["type"] == "article-journal"
    assert item["author"][0] == {"family": "Fellus", "given": "J\u00e9r\u00f4me"}
    assert item["issued"] == {"date-parts": [[2015]]}
    assert item["container-title"] == "Neurocomputing"
    assert item["page"] == "262-271" and item["volume"] == "169"
    doi = next(i for i in items if i["id"] == "luvizon2018multitask")
    assert doi["DOI"] == "10.1109/CVPR.2018.00539" and doi["issued"] == {"date-parts": [[2018, 6]]}

    ris = (out / "_scholar/index.ris").read_text()
    records = [r for r in ris.strip().split("\n\n")]
    assert len(records) == len(shown)
    fellus = next(r for r in records if "ID  - fellus2015gossip" in r).splitlines()
    assert fellus[0] == "TY  - JOUR" and fellus[-1] == "ER  -"
    assert "AU  - Fellus, J\u00e9r\u00f4me" in fellus and "SP  - 262" in fellus and "EP  - 271" in fellus
    assert all(len(line) >= 5 and line[2:6] == "  - " for line in fellus if line != "ER  -")


def test_downloads_only_for_html(site, build):
    app = build(site, "text")
    assert not (Path(app.outdir) / "_scholar").exists()
    assert "Download this list" not in (Path(app.outdir) / "index.txt").read_text()


def test_bad_download_format_is_an_error_with_location(site, build):
    (site / "index.rst").write_text(BODY.replace(":download: bib csl ris", ":download: pdf"))
    app = build(site)
    warnings = warnings_of(app)
    assert any(
        "index.rst:8: WARNING: publications: invalid :download: option: expected some of bib, csl, ris" in w
        and "[scholar.option]" in w
        for w in warnings
    ), warnings
    # The list itself is still there.
    assert len(soup_of(app).select(".scholar-pub")) == 5 + 1


def test_atom_feed_lists_newest_entries_and_is_linked(site, build):
    app = build(
        site, confoverrides={"scholar_feed": True, "html_baseurl": "https://lab.example.org/", "scholar_feed_size": 3}
    )
    assert warnings_of(app) == []
    feed = ET.parse(Path(app.outdir) / "publications.atom").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    entries = feed.findall("a:entry", ns)
    assert [e.find("a:title", ns).text for e in entries] == [
        "A paper with many authors about emphasis, strength and \u03b1-divergences \u2014 really",
        "A child entry",
        "Proceedings of the Parent Conference",
    ]
    first = entries[0]
    assert first.find("a:link", ns).get("href") == "https://lab.example.org/index.html#pub-many2020authors"
    assert [a.find("a:name", ns).text for a in first.findall("a:author", ns)][-1] == "David Pi\u00e7ard"
    assert first.find("a:published", ns).text == "2020-01-01T00:00:00Z"
    head = soup_of(app, "other").select_one('link[rel=alternate][type="application/atom+xml"]')
    assert head["href"] == "https://lab.example.org/publications.atom"


def test_feed_without_base_url_warns(site, build):
    app = build(site, confoverrides={"scholar_feed": True})
    assert any("scholar_feed needs html_baseurl" in w and "[scholar.config]" in w for w in warnings_of(app))
    assert not (Path(app.outdir) / "publications.atom").exists()


def test_each_entry_links_its_own_bib_file(site, build):
    app = build(site)
    out = Path(app.outdir)
    page = soup_of(app)
    items = page.select(".scholar-pub")
    assert items
    for item in items:
        link = item.select_one("a.scholar-link-bib")
        assert link is not None and link.get_text() == "bib", item["id"]
        key = Path(link["href"]).stem
        assert item["id"] in {f"pub-{key}", f"pub-{key}-2"}
        data = parse_string((out / link["href"]).read_text(encoding="utf-8"), "bibtex")
        assert list(data.entries) == [key]
    luvizon = parse_string((out / "_scholar/entries/luvizon2018multitask.bib").read_text(), "bibtex")
    assert "abbr" not in luvizon.entries["luvizon2018multitask"].fields
    # Other builders have no such link, and no dangling separator.
    text_app = build(site, "text")
    text = (Path(text_app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert " bib" not in text and "/ \n" not in text and not text.rstrip().endswith("/")


def test_display_fields_kept_in_downloads_when_asked(site, build):
    with open(site / "conf.py", "a", encoding="utf-8") as handle:
        handle.write("\nscholar_download_display_fields = True\n")
    app = build(site)
    out = Path(app.outdir)
    for path in (out / "_scholar/index.bib", out / "_scholar/entries/luvizon2018multitask.bib"):
        entry = parse_string(path.read_text(encoding="utf-8"), "bibtex").entries["luvizon2018multitask"]
        assert entry.fields["abbr"] and entry.fields["preview"], path
    # The BibTeX shown on the page stays clean.
    assert all("abbr =" not in pre.get_text() for pre in soup_of(app).select("pre"))
