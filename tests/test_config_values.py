"""Configuration values, each set away from its default, in one build.

Every value of ``CONFIG_VALUES`` must be exercised by some test: the last
test here fails when a new value comes without one.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, build_project, soup_of, warnings_of, write_project

from sphinx_scholar.config import CONFIG_VALUES

CONF = """
scholar_sort = "oldest"
scholar_group_by = "year"
scholar_bibtex = True
scholar_thumbnails = False
scholar_search = True
scholar_download = ["ris"]
scholar_feed = True
scholar_feed_title = "Our papers"
scholar_feed_size = 2
html_baseurl = "https://lab.example.org/"
scholar_preview_dir = "previews"
"""


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    root = tmp_path_factory.mktemp("config") / "src"
    shutil.copytree(ROOTS / "test-fields", root)
    # Previews are looked up in scholar_preview_dir, not next to the .bib file.
    (root / "previews" / "img").mkdir(parents=True)
    for name in ("thumb.svg", "hover.svg"):
        shutil.move(root / "img" / name, root / "previews" / "img" / name)
    (root / "index.rst").write_text(
        "Home\n====\n\n.. toctree::\n\n   other\n\n.. publications::\n\nThumbs\n------\n\n"
        ".. publications::\n   :keys: luvizon2018multitask\n   :style: barron\n   :thumbnails: yes\n   :bibtex: no\n   :download: none\n"
        "   :search: no\n",
        encoding="utf-8",
    )
    with open(root / "conf.py", "a", encoding="utf-8") as handle:
        handle.write(CONF)
    built = build_project(root)
    assert warnings_of(built) == []
    return built


def test_list_defaults_come_from_the_config(app):
    page = soup_of(app)
    first, second = page.select(".scholar-publication-list")
    # scholar_group_by = "year", scholar_sort = "oldest"
    assert [h.get_text() for h in first.select(".scholar-group-heading")] == ["2014", "2015", "2018", "2019", "2020"]
    assert [li["id"] for li in first.select(".scholar-pub")][:2] == ["pub-negrel2014thesis", "pub-fellus2015gossip"]
    # scholar_bibtex = True: every entry of the first list has its box; the option turns it off.
    assert len(first.select(".scholar-bibtex-box")) == len(first.select(".scholar-pub")) == 6
    assert second.select(".scholar-bibtex-box") == []
    # scholar_thumbnails = False; :thumbnails: yes brings them back, from scholar_preview_dir.
    assert first.select("img") == []
    assert [Path(img["src"]).name for img in second.select("img")] == ["thumb.svg", "hover.svg"]
    assert all((Path(app.outdir) / img["src"]).is_file() for img in second.select("img"))
    # scholar_search = True: a filter box on the first list only.
    assert len(first.select(".scholar-filter")) == 1 and second.select(".scholar-filter") == []
    # scholar_download = ["ris"]: a RIS file under the first list, no bib links; :download: none.
    assert [a.get_text() for a in first.select("p.scholar-downloads a")] == ["RIS"]
    assert first.select(".scholar-link-bib") == [] and second.select("p.scholar-downloads") == []


def test_feed_title_and_size(app):
    feed = (Path(app.outdir) / "publications.atom").read_text(encoding="utf-8")
    assert "<title>Our papers</title>" in feed
    assert feed.count("<entry>") == 2
    link = soup_of(app).select_one('link[type="application/atom+xml"]')
    assert link["title"] == "Our papers" and link["href"].endswith("publications.atom")


# -- the lab values: team groups, member and project pages, the news feed --------------------

LAB_CONF = """
extensions = ["sphinx_scholar"]
project = "Lab"
html_baseurl = "https://lab.example.org/"
scholar_bibfiles = ["refs.bib"]
scholar_people = "people.yaml"
scholar_news = "news.yaml"
scholar_projects = "projects.yaml"
scholar_member_pages = True
scholar_project_pages = True
scholar_today = "2026-03-01"
exclude_patterns = ["_build"]
scholar_member_dir = "team/members"
scholar_project_dir = "work"
scholar_news_feed = True
scholar_roles = {
    "staff": {"label": "Research staff", "singular": "Research scientist"},
    "phd": {"label": "Doctoral candidates", "singular": "Doctoral candidate"},
    "alumni": "Former members",
}
scholar_role_order = ["staff", "phd", "pi", "alumni"]
"""
LAB_FILES = {
    "people.yaml": (
        "people:\n"
        "  - {name: Paula Pi, positions: [{role: pi, start: 2015}]}\n"
        "  - {name: Ada Student, slug: ada, positions: [{role: phd, start: 2023}]}\n"
        "  - {name: Sam Staff, positions: [{role: staff, start: 2020}]}\n"
        "  - {name: Ann Alumna, positions: [{role: phd, start: 2018, end: 2022}]}\n"
    ),
    "news.yaml": (
        "news:\n"
        "  - {date: 2025-01-01, text: 'First **news**'}\n"
        "  - {date: 2025-06-01, text: Second news, link: 'https://example.org/second'}\n"
    ),
    "projects.yaml": "projects:\n  - {id: p1, title: Project One, people: [Paula Pi], keys: [s2024]}\n",
    "refs.bib": "@article{s2024, title={Ada's Paper}, author={Student, Ada and Pi, Paula}, year={2024}, journal={J}}\n",
    "index.rst": "Lab\n===\n\n.. toctree::\n\n   team\n   projects\n   news\n",
    "team.rst": "Team\n====\n\n.. people::\n",
    "projects.rst": "Projects\n========\n\n.. projects::\n",
    "news.rst": "News\n====\n\n.. news::\n",
}


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab-config") / "src"
    write_project(root, {"conf.py": LAB_CONF, **LAB_FILES})
    built = build_project(root)
    assert warnings_of(built) == []
    return built


def test_role_order_sets_the_order_of_the_team_groups(lab):
    # scholar_role_order = ["staff", "phd", "pi", "alumni"]; by default pi comes first and staff last.
    team = soup_of(lab, "team")
    groups = [h.get_text() for h in team.select(".scholar-group-heading")]
    assert groups == ["Research staff", "Doctoral candidates", "Principal investigators", "Former members"]
    assert [n.get_text() for n in team.select(".scholar-person-name")] == [
        "Sam Staff",
        "Ada Student",
        "Paula Pi",
        "Ann Alumna",
    ]


def test_roles_add_and_relabel_roles(lab):
    # scholar_roles: "staff" is added (undeclared it would read "Staff"), "phd" relabelled,
    # "alumni" relabelled by a plain string; cards show the singular.
    team = soup_of(lab, "team")
    roles = {
        card.select_one(".scholar-person-name").get_text(): card.select_one(".scholar-person-role").get_text()
        for card in team.select(".scholar-person-card")
    }
    assert roles["Sam Staff"].startswith("Research scientist, 2020")
    assert roles["Ada Student"].startswith("Doctoral candidate, 2023")
    assert roles["Paula Pi"].startswith("Principal investigator, 2015")
    member = BeautifulSoup((Path(lab.outdir) / "team/members/ada.html").read_text(encoding="utf-8"), "html.parser")
    assert member.select_one(".scholar-member-position").get_text() == "Doctoral candidate, 2023\u2013present"


def test_member_dir_places_the_member_pages_and_the_links_to_them(lab):
    out = Path(lab.outdir)
    # scholar_member_dir = "team/members": the pages are there, none in the default people/.
    assert sorted(p.name for p in (out / "team" / "members").glob("*.html")) == [
        "ada.html",
        "ann-alumna.html",
        "paula-pi.html",
        "sam-staff.html",
    ]
    assert not (out / "people").exists()
    team = soup_of(lab, "team")
    links = {n.get_text(): n.parent["href"] for n in team.select(".scholar-person-name")}
    assert links == {
        "Sam Staff": "team/members/sam-staff.html",
        "Ada Student": "team/members/ada.html",
        "Paula Pi": "team/members/paula-pi.html",
        "Ann Alumna": "team/members/ann-alumna.html",
    }
    ada = BeautifulSoup((out / "team/members/ada.html").read_text(encoding="utf-8"), "html.parser")
    assert ada.select_one(".scholar-member-name").get_text() == "Ada Student"


def test_project_dir_places_the_project_pages_and_the_links_to_them(lab):
    out = Path(lab.outdir)
    # scholar_project_dir = "work": the page is work/p1.html, none in the default projects/.
    assert [p.name for p in (out / "work").glob("*.html")] == ["p1.html"]
    assert not (out / "projects").is_dir()
    card = soup_of(lab, "projects").select_one(".scholar-project-card")
    assert card.select_one(".scholar-project-title").parent["href"] == "work/p1.html"
    page = BeautifulSoup((out / "work" / "p1.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one(".scholar-project-page .scholar-title").get_text() == "Ada's Paper"
    # Links from the project page reach the member pages under the other folder.
    assert page.select_one(".scholar-project-page .scholar-people a")["href"] == "../team/members/paula-pi.html"


def test_news_feed_writes_the_news_as_atom_linked_from_the_pages(lab):
    from defusedxml import ElementTree

    out = Path(lab.outdir)
    feed = ElementTree.fromstring((out / "news.atom").read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = [(e.find("a:title", ns).text, e.find("a:link", ns).get("href")) for e in feed.findall("a:entry", ns)]
    assert entries == [
        ("Second news", "https://example.org/second"),
        ("First news", "https://lab.example.org/news.html#news-2025-01-01"),
    ]
    link = soup_of(lab).select_one('link[type="application/atom+xml"]')
    assert link["href"] == "https://lab.example.org/news.atom"


def test_no_news_feed_by_default(tmp_path):
    # The same news and html_baseurl without scholar_news_feed: no feed, no link to one.
    conf = 'extensions = ["sphinx_scholar"]\nhtml_baseurl = "https://lab.example.org/"\nscholar_news = "news.yaml"\n'
    files = {"conf.py": conf, "news.yaml": LAB_FILES["news.yaml"], "index.rst": LAB_FILES["news.rst"]}
    built = build_project(write_project(tmp_path / "src", files))
    assert warnings_of(built) == []
    assert len(soup_of(built).select(".scholar-news-item")) == 2
    assert not (Path(built.outdir) / "news.atom").exists()
    assert soup_of(built).select('link[type="application/atom+xml"]') == []


#: Values without a test of their own yet (e.g. merged from a branch), listed so that the test
#: below still fails on any new untested value. Remove a name when its test lands.
AWAITING_TESTS: list[str] = []


def test_every_config_value_has_a_test():
    tests = Path(__file__).parent
    text = "\n".join(p.read_text(encoding="utf-8") for p in tests.glob("test_*.py") if p.name not in {"test_docs.py"})
    text += "\n".join(p.read_text(encoding="utf-8") for p in (tests / "roots").glob("*/conf.py"))
    # The list below names what is awaited; it is not a test of those names.
    text = re.sub(r"^AWAITING_TESTS: list\[str\] = \[.*?\]$", "", text, flags=re.M | re.S)
    # (no leading \b: a name may follow "\n" inside a string of conf.py lines)
    untested = [name for name, *_ in CONFIG_VALUES if not re.search(rf"{name}\b", text)]
    assert untested == AWAITING_TESTS
