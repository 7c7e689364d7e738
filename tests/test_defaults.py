"""Defaults on real lists: long author lists cut with the owner kept, the
:search: box's facets chosen and its keyword chips capped, barron's abstract
collapsed under the TL;DR, and a quiet feed in a local build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOTS, soup_of, warnings_of

FIELDS = ROOTS / "test-fields"

AUTHORS = " and ".join(f"Author{i}, A." for i in range(40))
BIB = f"""@article{{long2024,
  title = {{Forty authors, the owner 31st}}, journal = {{J}}, year = {{2024}},
  author = {{{AUTHORS.replace("Author30, A.", "Picard, David")}}},
  keywords = {{{", ".join(f"kw{i}" for i in range(20))}}},
}}
@article{{last2023,
  title = {{Owner last}}, journal = {{Other J}}, year = {{2023}}, abbr = {{OJ}},
  author = {{{" and ".join(f"Writer{i}, B." for i in range(14))} and Picard, David}},
  keywords = {{kw0}},
}}
"""


@pytest.fixture
def site(tmp_path):
    def make(body: str, conf: str = "") -> Path:
        root = tmp_path / f"src{len(list(tmp_path.iterdir()))}"
        shutil.copytree(FIELDS, root)
        (root / "refs.bib").write_text(BIB, encoding="utf-8")
        (root / "index.rst").write_text("Title\n=====\n\n.. toctree::\n\n   other\n\n" + body, encoding="utf-8")
        if conf:
            with open(root / "conf.py", "a", encoding="utf-8") as handle:
                handle.write("\n" + conf + "\n")
        return root

    return make


def test_default_max_authors_keeps_the_owner(site, build):
    page = soup_of(build(site(".. publications::\n")))
    long = page.select_one("#pub-long2024 .scholar-authors").get_text()
    assert long.startswith("A. Author0, A. Author1") and "A. Author9, \u2026, David Picard, et al." in long, long
    assert "Author10" not in long
    # The owner is the last author: "…, Owner", no "et al." after them.
    last = page.select_one("#pub-last2023 .scholar-authors").get_text()
    assert last.endswith("B. Writer9, \u2026, David Picard"), last
    # Site-wide, and 0 shows everyone.
    page = soup_of(build(site(".. publications::\n", "scholar_max_authors = 0")))
    assert "A. Author39" in page.select_one("#pub-long2024 .scholar-authors").get_text()
    page = soup_of(build(site(".. publications::\n   :max-authors: 2\n")))
    assert (
        page.select_one("#pub-long2024 .scholar-authors").get_text()
        == "A. Author0, A. Author1, \u2026, David Picard, et al."
    )


def _chips(page) -> dict[str, list[str]]:
    groups = {}
    for chip in page.select(".scholar-chip"):
        groups.setdefault(chip["data-facet"], []).append(chip["data-value"])
    return groups


def test_facets_option_and_keyword_cap(site, build):
    page = soup_of(build(site(".. publications::\n   :search:\n")))
    chips = _chips(page)
    assert set(chips) == {"year", "keyword"}  # one type only: no type chips
    assert len(chips["keyword"]) == 12 and chips["keyword"][0] == "kw0"  # the most frequent first, capped
    # Every keyword is on its entry, for the text box to find.
    assert "scholar-f-keyword-kw19" in page.select_one("#pub-long2024")["class"]
    page = soup_of(build(site(".. publications::\n   :search:\n   :facets: venue year\n")))
    chips = _chips(page)
    assert set(chips) == {"venue", "year"} and chips["venue"] == ["j", "oj"]
    page = soup_of(build(site(".. publications::\n   :search:\n   :facets: none\n")))
    assert page.select(".scholar-chip") == [] and page.select_one(".scholar-filter-text") is not None
    app = build(site(".. publications::\n   :search:\n   :facets: years\n"))
    assert any("invalid :facets:" in w and "[scholar.option]" in w for w in warnings_of(app))
    assert set(_chips(soup_of(app))) == {"year", "keyword"}
    page = soup_of(
        build(site(".. publications::\n   :search:\n", "scholar_max_keywords = 3\nscholar_facets = ['keywords']"))
    )
    assert list(_chips(page)) == ["keyword"] and len(_chips(page)["keyword"]) == 3


def test_barron_shows_tldr_and_collapses_the_abstract(build, tmp_path):
    root = tmp_path / "src"
    shutil.copytree(FIELDS, root)
    (root / "index.rst").write_text(
        "T\n=\n\n.. toctree::\n\n   other\n\n.. publications::\n   :style: barron\n", encoding="utf-8"
    )
    page = soup_of(build(root))
    entry = page.select_one("#pub-luvizon2018multitask")
    assert entry.select_one(".scholar-tldr").get_text() == "One network for pose and action."
    box = entry.select_one("details.scholar-abstract-box")
    assert box is not None and not box.has_attr("open")
    assert "closely related" in box.get_text()


def test_feed_quiet_when_conf_sets_an_empty_base_url(build, tmp_path):
    root = tmp_path / "src"
    shutil.copytree(FIELDS, root)
    with open(root / "conf.py", "a", encoding="utf-8") as handle:
        handle.write('\nscholar_feed = True\nhtml_baseurl = ""\n')
    app = build(root)
    assert not [w for w in warnings_of(app) if "scholar_feed" in w]
    assert not (Path(app.outdir) / "publications.atom").exists()
