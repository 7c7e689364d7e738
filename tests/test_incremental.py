"""Incremental and parallel builds: exactly the right pages change."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOTS, soup_of, warnings_of, write_project

PAGES = {
    "conf.py": (ROOTS / "test-fields" / "conf.py").read_text(),
    "refs.bib": (ROOTS / "test-fields" / "refs.bib").read_text(),
    "index.rst": "Home\n====\n\n.. toctree::\n\n   recent\n   gossip\n   cites\n   other\n",
    "recent.rst": "Recent\n======\n\n.. publications::\n   :filter: year >= 2019\n",
    "gossip.rst": "Gossip\n======\n\n.. publications::\n   :keys: fellus2015gossip\n",
    "cites.rst": "Cites\n=====\n\nSee :pub:`fellus2015gossip`.\n",
    "other.rst": "Other\n=====\n\nNo publications.\n",
}


def read_docs(app) -> set[str]:
    """Documents the build read, from its status output."""
    status = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    return set(re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", status))


@pytest.fixture
def site(tmp_path):
    root = write_project(tmp_path / "site", PAGES)
    shutil.copytree(ROOTS / "test-fields" / "img", root / "img")
    return root


def test_no_change_rebuild_reads_nothing(site, build):
    first = build(site)
    assert read_docs(first) == {"index", "recent", "gossip", "cites", "other"}
    again = build(site)
    assert read_docs(again) == set()
    assert warnings_of(again) == []


def test_editing_an_entry_rereads_only_pages_that_show_or_cite_it(site, build):
    build(site)
    written = {name: (Path(site) / "_build/html" / f"{name}.html").stat().st_mtime_ns for name in ("recent", "other")}
    bib = site / "refs.bib"
    bib.write_text(bib.read_text().replace("Asynchronous gossip principal", "Decentralised gossip principal"))
    app = build(site)
    assert read_docs(app) == {"gossip", "cites"}
    assert (
        "Decentralised gossip principal components analysis"
        in soup_of(app, "gossip").select_one(".scholar-title").get_text()
    )
    for name, mtime in written.items():
        assert (Path(app.outdir) / f"{name}.html").stat().st_mtime_ns == mtime, f"{name} was rewritten"


def test_a_new_entry_appears_where_the_filter_selects_it(site, build):
    build(site)
    bib = site / "refs.bib"
    bib.write_text(
        bib.read_text() + "\n@article{new2024, title={Brand new}, author={Picard, David}, journal={J}, year=2024}\n"
    )
    app = build(site)
    assert read_docs(app) == {"recent"}
    assert [li["id"] for li in soup_of(app, "recent").select(".scholar-pub")][0] == "pub-new2024"


def test_removing_a_listed_entry_updates_its_pages(site, build):
    build(site)
    bib = site / "refs.bib"
    text = bib.read_text()
    start = text.index("@article{fellus2015gossip")
    end = text.index("@misc{many2020authors")
    bib.write_text(text[:start] + text[end:])
    app = build(site)
    assert read_docs(app) == {"gossip", "cites"}
    assert soup_of(app, "gossip").select(".scholar-pub") == []
    assert any("[scholar.key]" in w for w in warnings_of(app))


def test_touching_an_unrelated_page_leaves_publication_pages_alone(site, build):
    build(site)
    recent = Path(site) / "_build/html/recent.html"
    before = recent.stat().st_mtime_ns
    (site / "other.rst").write_text(PAGES["other.rst"] + "\nMore text.\n")
    app = build(site)
    assert read_docs(app) == {"other"}
    assert recent.stat().st_mtime_ns == before


def test_citing_page_is_rewritten_when_its_target_moves(site, build):
    build(site)
    (site / "gossip.rst").write_text("Gossip\n======\n\nNothing listed here any more.\n")
    (site / "other.rst").write_text("Other\n=====\n\n.. publications::\n   :keys: fellus2015gossip\n")
    app = build(site)
    link = soup_of(app, "cites").select_one("a.reference.internal[href*='pub-fellus2015gossip']")
    assert link["href"] == "other.html#pub-fellus2015gossip"


def test_parallel_build_gives_the_same_pages(tmp_path, build):
    pages = dict(PAGES)
    for n in range(8):  # Sphinx reads in parallel only with more than 5 documents.
        pages[f"extra{n}.rst"] = (
            f"Extra {n}\n========\n\n.. publications::\n   :filter: year >= {2013 + n}\n   :bibtex:\n"
        )
    pages["index.rst"] = PAGES["index.rst"] + "".join(f"   extra{n}\n" for n in range(8))
    serial = write_project(tmp_path / "serial", pages)
    parallel = write_project(tmp_path / "parallel", pages)
    for root in (serial, parallel):
        shutil.copytree(ROOTS / "test-fields" / "img", root / "img")
    one = build(serial)
    two = build(parallel, parallel=2)
    assert warnings_of(one) == warnings_of(two) == []
    for name in ["recent", "gossip", "cites", *(f"extra{n}" for n in range(8))]:
        a = soup_of(one, name).select_one("div.body, div[role=main]") or soup_of(one, name)
        b = soup_of(two, name).select_one("div.body, div[role=main]") or soup_of(two, name)
        assert str(a) == str(b), name
    assert len(soup_of(two, "extra0").select(".scholar-pub")) == 6
    # The parallel reader reports chunks of documents ("cites .. extra4").
    assert re.search(r"reading sources\.\.\. .*\[\s*\d+%\] \S*\w+ \.\. \w+", two.status.getvalue())


def test_a_bib_file_is_parsed_once_per_build_and_cached_by_content(site, build, monkeypatch):
    from sphinx_scholar.loaders import bibtex

    calls: list[int] = []
    real = bibtex.parse_bibliography

    def counting(text, path):
        calls.append(len(text))
        return real(text, path)

    monkeypatch.setattr(bibtex, "parse_bibliography", counting)
    bibtex.forget_parsed()
    build(site)  # three pages use the file
    assert len(calls) == 1
    # A new process (empty memory) with an unchanged file: the disk cache answers.
    bibtex.forget_parsed()
    calls.clear()
    (site / "refs.bib").touch()
    (site / "recent.rst").write_text(PAGES["recent.rst"] + "\nEdited.\n")
    app = build(site)
    assert read_docs(app) == {"recent"}
    assert calls == []
    # Edits replace the cache files: one parsed file and one block cache per
    # .bib, however many versions it went through (and the files' digests).
    for n in range(3):
        with open(site / "refs.bib", "a", encoding="utf-8") as handle:
            handle.write(f"\n@misc{{extra{n}, title = {{Extra {n}}}, year = 2001}}\n")
        bibtex.forget_parsed()
        build(site)
    cache = Path(app.doctreedir) / "sphinx-scholar"
    assert sorted(name.split("-")[0] for name in os.listdir(cache)) == ["bib", "blocks", "digests.json"]


def test_edits_of_authors_venue_links_and_people_reach_the_page(site, build):
    """Each edit re-reads the pages that show the entry, and they show the edit."""
    (site / "people.yaml").write_text(
        "people:\n  - name: Philippe-Henri Gosselin\n    url: https://phg.example.org/\n    positions: [{role: postdoc, start: 2012}]\n",
        encoding="utf-8",
    )
    with open(site / "conf.py", "a", encoding="utf-8") as handle:
        handle.write('\nscholar_people = "people.yaml"\nscholar_today = "2024-01-01"\n')
    build(site)
    bib = site / "refs.bib"

    def edit(old: str, new: str):
        text = bib.read_text(encoding="utf-8")
        assert old in text
        bib.write_text(text.replace(old, new, 1), encoding="utf-8")
        app = build(site)
        assert warnings_of(app) == []
        assert read_docs(app) == {"gossip", "cites"}
        return soup_of(app, "gossip").select_one("#pub-fellus2015gossip")

    item = edit("Fellus, J{\\'e}r{\\^o}me", "Fellus, Jerome-Marie")
    assert item.select_one(".scholar-authors").get_text().startswith("Jerome-Marie Fellus, D. Picard")
    item = edit("Picard, D. and Gosselin", "Picard, D. and Roe, Ann and Gosselin")
    assert (
        item.select_one(".scholar-authors").get_text()
        == "Jerome-Marie Fellus, D. Picard, Ann Roe, Philippe-Henri Gosselin"
    )
    item = edit("journal = {Neurocomputing}", "journal = {Neural Computing}")
    assert item.select_one(".scholar-venue").get_text() == "Neural Computing, 2015"
    item = edit("  keywords = {LG},", "  keywords = {LG},\n  code = {https://github.com/x/gossip},")
    assert [(a.get_text(), a["href"]) for a in item.select(".scholar-links a")] == [
        ("code", "https://github.com/x/gossip")
    ]
    item = edit("https://github.com/x/gossip", "https://gitlab.com/x/gossip")
    assert [a["href"] for a in item.select(".scholar-links a")] == ["https://gitlab.com/x/gossip"]
    assert [a["href"] for a in item.select(".scholar-authors a")] == ["https://phg.example.org/"]

    # The people file links co-authors: editing it re-reads every page with a list.
    people = site / "people.yaml"
    people.write_text(
        people.read_text(encoding="utf-8").replace("https://phg.example.org/", "https://phg.example.com/"),
        encoding="utf-8",
    )
    app = build(site)
    assert read_docs(app) == {"recent", "gossip"}
    link = soup_of(app, "gossip").select_one("#pub-fellus2015gossip .scholar-authors a")
    assert link["href"] == "https://phg.example.com/"
