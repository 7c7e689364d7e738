"""profile-card, students, teaching, cv and talks from YAML, from RST and MyST."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOTS, soup_of, warnings_of

from sphinx_scholar.loaders.yaml_files import load_data_file

PEOPLE = ROOTS / "test-people"
SEED_CURRENT = [
    "Simon Lepage, 2022-2025, Flexible representation learning, with Jérémie Mary at Criteo",
    "Nicolas Dufour, 2021-2025, Image and video editing using generative models, with Vicky Kalogeiton at École Polytechnique",
    "Yue Zhu, 2020-2024, Interactive 3D estimation of human posture in the working environment using deep neural networks",
    "Natacha Luka, 2019-2024, Cross-modal Representation Learning, with Romain Negrel at ESIEE",
]


@pytest.fixture
def site(tmp_path) -> Path:
    root = tmp_path / "src"
    shutil.copytree(PEOPLE, root)
    return root


def lines(page, selector=".scholar-person-line"):
    return [re.sub(r"\s+", " ", p.get_text()).strip() for p in page.select(selector)]


def test_students_reproduce_the_seed_lists(site, build):
    app = build(site)
    assert warnings_of(app) == []
    page = soup_of(app)
    assert [h.get_text() for h in page.select(".scholar-students .scholar-group-heading")] == ["Current", "Alumni"]
    current, alumni = page.select(".scholar-students ul.scholar-people")
    assert lines(current) == SEED_CURRENT
    # Every line as the seed page writes it, in its order.
    seed = (Path(__file__).parent / "data" / "seed_page.txt").read_text(encoding="utf-8")
    block = seed.split("Alumni", 1)[1].split("Recent publications", 1)[0]
    expected = [line.strip().lstrip("•").strip() for line in block.splitlines() if line.strip().startswith("•")]
    assert len(expected) == 8
    assert lines(alumni) == expected


def test_status_follows_the_dates(site, build):
    (site / "conf.py").write_text((site / "conf.py").read_text().replace("2024-01-15", "2026-06-01"))
    page = soup_of(build(site))
    # In mid-2026 everybody of the seed has finished.
    assert [h.get_text() for h in page.select(".scholar-students .scholar-group-heading")] == ["Alumni"]
    alumni = lines(page)
    assert alumni[:2] == [SEED_CURRENT[1], SEED_CURRENT[0]]  # ended 2025: by name
    assert len(alumni) == 12


def test_students_options_and_cards(site, build):
    (site / "index.rst").write_text(
        "Home\n====\n\n.. toctree::\n\n   teaching\n   cv\n\n"
        ".. students::\n   :status: alumni\n   :group-by: none\n   :style: cards\n"
    )
    page = soup_of(build(site))
    cards = page.select(".scholar-people-cards .sd-card")
    assert len(cards) == 8
    assert cards[0].select_one(".sd-card-title").get_text() == "Grégoire Petit"
    assert cards[0].select_one(".scholar-person-role").get_text() == "PhD student, 2020-2023"
    assert page.select(".scholar-group-heading") == []


def test_co_authors_linked_and_students_marked_in_publications(site, build):
    people = site / "people.yaml"
    text = people.read_text(encoding="utf-8")
    text = text.replace("  - name: Yue Zhu\n", "  - name: Yue Zhu\n    page: teaching\n")
    text = text.replace(
        "  - name: Diogo Luvizon\n", "  - name: Diogo Luvizon\n    url: https://dluvizon.example.org/\n"
    )
    people.write_text(text, encoding="utf-8")
    page = soup_of(build(site))
    h3wb = page.select_one("#pub-zhu2023h3wb .scholar-authors")
    student = h3wb.select_one(".scholar-student")
    assert student.get_text() == "Yue Zhu"
    # A person with a page links to it; one with a url links there; others are text.
    assert [(a.get_text(), a["href"]) for a in h3wb.select("a")] == [("Yue Zhu", "teaching.html")]
    assert "Nermin Samet" in h3wb.get_text() and h3wb.select_one(".scholar-me").get_text() == "David Picard"
    # An alias ("Diogo C Luvizon") matches too.
    luvizon = page.select_one("#pub-luvizon2020 .scholar-student")
    assert luvizon.get_text() == "Diogo C Luvizon"
    assert [(a.get_text(), a["href"]) for a in luvizon.select("a")] == [
        ("Diogo C Luvizon", "https://dluvizon.example.org/")
    ]
    # Students listed with a page or url link there too.
    assert page.select_one(".scholar-students a[href='teaching.html']").get_text() == "Yue Zhu"


def test_students_role_takes_several_roles(site, build):
    people = site / "people.yaml"
    people.write_text(
        people.read_text(encoding="utf-8")
        + (
            "  - name: Pat Postdoc\n    positions: [{role: postdoc, start: 2023}]\n"
            "  - name: Ian Intern\n    positions: [{role: intern, start: 2023}]\n"
        ),
        encoding="utf-8",
    )
    (site / "index.rst").write_text(
        "Home\n====\n\n.. toctree::\n\n   teaching\n   cv\n\n"
        ".. students::\n   :role: postdoc intern\n   :group-by: role\n"
    )
    page = soup_of(build(site))
    # Groups in the roles' order (postdocs before interns).
    assert [h.get_text() for h in page.select(".scholar-group-heading")] == ["Postdocs", "Interns"]
    assert [line.split(",")[0] for line in lines(page)] == ["Pat Postdoc", "Ian Intern"]


def test_profile_card(site, build):
    app = build(site)
    page = soup_of(app)
    card = page.select_one(".scholar-profile")
    assert card.select_one(".scholar-profile-name").get_text() == "David Picard"
    assert [line.get_text() for line in card.select(".scholar-profile-address .line")] == [
        "6-8, Av Blaise Pascal - Cité Descartes",
        "Champs-sur-Marne",
        "77455 Marne-la-Vallée cedex 2",
    ]
    photo = card.select_one("img.scholar-profile-photo")
    assert photo["alt"] == "Portrait of David Picard (drawing)" and (Path(app.outdir) / photo["src"]).is_file()
    raw = (Path(app.outdir) / "index.html").read_text()
    assert "david.picard@enpc.fr" not in raw and "mailto:" not in raw  # nothing for harvesters
    assert card.select_one(".scholar-email").get_text() == "david.picard [at] enpc [dot] fr"
    assert [a.get_text() for a in card.select(".scholar-profile-links a")] == [
        "GitHub",
        "Google Scholar",
        "Resume",
        "Teaching",
    ]
    assert card.select_one(".scholar-profile-links a[href='cv.html']") is not None
    assert len(card.select("svg.scholar-icon")) == 5
    metrics = {m["class"][1]: m.select_one("strong").get_text() for m in card.select(".scholar-metric")}
    assert metrics == {
        "scholar-metric-h-index": "3",
        "scholar-metric-i10-index": "3",
        "scholar-metric-papers": "4",
        "scholar-metric-citations": "355",
    }
    import json

    person = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert person["@type"] == "Person" and person["name"] == "David Picard"


def test_teaching_cv_and_talks(site, build):
    app = build(site)
    teaching = soup_of(app, "teaching")
    assert [h.get_text() for h in teaching.select(".scholar-group-heading")] == [
        "École des Ponts ParisTech",
        "Master MVA, ENS Paris-Saclay",
    ]
    assert (
        lines(teaching, ".scholar-course")[0]
        == "Deep Learning for Computer Vision (DLCV), Master 2, lecturer, 2021, 2022, 2023, 24 h"
    )
    cv = soup_of(app, "cv")
    header = cv.select_one(".scholar-cv-header")
    assert [re.sub(r"\s+", " ", p.get_text()).strip() for p in header.select("p")] == [
        "David Picard",
        "Researcher in machine learning for computer vision",
        "Champs-sur-Marne, France \u00b7 david.picard [at] enpc [dot] fr \u00b7 example.org \u00b7 davidpicard",
    ]
    assert "https://example.org/" in [a["href"] for a in header.select("a")]
    assert "@" not in str(header)  # the address is assembled by the script
    # :sections: Skills, Position: those two, in that order, each entry whole.
    assert [h.get_text() for h in cv.select(".scholar-cv-section")] == ["Skills", "Position"]
    entries = [(li["class"][1], lines(li, ".scholar-cv-entry-head")[0]) for li in cv.select("li.scholar-cv-entry")]
    assert entries == [
        ("scholar-cv-onelineentry", "Research: machine learning, computer vision, generative models, kernel methods"),
        (
            "scholar-cv-experienceentry",
            "IMAGINE/LIGM, \u00c9cole des Ponts ParisTech, Researcher \u2014 Champs-sur-Marne, Sept 2020 \u2013 present",
        ),
    ]
    assert lines(cv, ".scholar-cv-highlights p") == [
        "Supervision of PhD students in generative models and human pose estimation"
    ]
    assert "12 PhD students" not in cv.get_text()  # the Supervision section is not asked for
    assert lines(cv, ".scholar-talk") == [
        "Generative models as unsupervised learning tools, Workshop on generative models, Paris, Jun 2023"
    ]  # Babel, in the site's language


def test_from_myst(site, build):
    (site / "conf.py").write_text((site / "conf.py").read_text() + '\nextensions = ["myst_parser", "sphinx_scholar"]\n')
    (site / "index.rst").unlink()
    (site / "index.md").write_text(
        "# Home\n\n```{toctree}\nteaching\ncv\n```\n\n```{profile-card}\n```\n\n```{students}\n:status: current\n```\n"
    )
    app = build(site)
    assert warnings_of(app) == []
    page = soup_of(app)
    assert lines(page) == SEED_CURRENT
    assert page.select_one(".scholar-profile-name").get_text() == "David Picard"


def test_bad_yaml_is_located_and_good_records_stay(site, build):
    (site / "people.yaml").write_text(
        "people:\n"
        "  - name: Good One\n    positions: [{role: phd, start: 2022, end: 2026}]\n"
        "  - name: Bad Date\n    positions: [{role: phd, start: someday}]\n"
        "  - name: Typo\n    positions: [{role: phd, start: 2021}]\n    co_supervisor: x\n"
        "  - name: !!python/object/apply:os.system [echo hi]\n    positions: [{role: phd}]\n"
    )
    app = build(site)
    warnings = warnings_of(app)
    people = str(site / "people.yaml")
    assert any(
        f"{people}:5: WARNING: people: people[1].positions[0].start: 'someday' is not valid" in w
        and "[scholar.yaml-schema]" in w
        for w in warnings
    )
    assert any(
        f"{people}:8: WARNING: people: unknown key `co_supervisor`" in w and "[scholar.yaml-unknown-key]" in w
        for w in warnings
    )
    assert any(
        f"{people}:9: WARNING: tag tag:yaml.org,2002:python/object/apply:os.system refused" in w
        and "[scholar.yaml-unsafe]" in w
        for w in warnings
    )
    names = [line.split(",")[0] for line in lines(soup_of(app))]
    assert names == ["Good One", "Typo"]


@pytest.mark.parametrize(
    ("text", "subtype", "line"),
    [
        ("people: [\n  - x\n", "yaml-syntax", 2),
        ("", "yaml-syntax", 1),
        ("- just\n- a list\n", "yaml-schema", 1),
        (
            "a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
            "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\npeople: *f\n",
            "yaml-syntax",
            1,
        ),
    ],
)
def test_broken_yaml_files(tmp_path, text, subtype, line):
    path = tmp_path / "people.yaml"
    path.write_text(text)
    data = load_data_file(path, "people")
    assert data.records == ()
    assert [(p.subtype, p.line) for p in data.problems] == [(subtype, line)]


def test_missing_file_and_photo(site, build):
    (site / "profile.yaml").write_text((site / "profile.yaml").read_text().replace("img/profile.svg", "img/nope.png"))
    (site / "teaching.rst").write_text("Teaching\n========\n\n.. teaching:: missing.yaml\n")
    app = build(site)
    warnings = warnings_of(app)
    assert any("profile photo img/nope.png not found [scholar.file]" in w for w in warnings)
    assert any(
        re.search(r"teaching\.rst:4: WARNING: teaching: cannot read .*missing\.yaml.*\[scholar\.file\]", w)
        for w in warnings
    )
    assert soup_of(app).select_one(".scholar-profile-name").get_text() == "David Picard"


@pytest.mark.parametrize("builder", ["latex", "text", "singlehtml"])
def test_other_builders(site, build, builder):
    app = build(site, builder)
    out = Path(app.outdir)
    text = " ".join(p.read_text(errors="replace") for p in out.rglob("*") if p.suffix in {".tex", ".txt", ".html"})
    assert "Simon Lepage" in text and "Flexible representation learning" in text
    assert "david.picard" in text and "enpc" in text and "@enpc" not in text


def test_profile_metrics_follow_an_edit_of_the_bib_file(tmp_path, build):
    from conftest import write_project

    bib = "@article{a, title={A}, author={Doe, Jane}, year=2020, citations={5}}\n"
    site = write_project(
        tmp_path / "src",
        {
            "conf.py": 'extensions = ["sphinx_scholar"]\nscholar_bibfiles = ["refs.bib"]\n'
            'scholar_profile = "profile.yaml"\n',
            "profile.yaml": "name: Jane Doe\n",
            "refs.bib": bib,
            "index.rst": "Home\n====\n\n.. profile-card::\n   :metrics:\n",
        },
    )

    def papers(app) -> str:
        return soup_of(app).select_one(".scholar-metric-papers strong").get_text()

    assert papers(build(site, freshenv=True)) == "1"
    (site / "refs.bib").write_text(bib + "@article{b, title={B}, author={Doe, Jane}, year=2021}\n", encoding="utf-8")
    assert papers(build(site)) == "2"  # re-read without -E


def test_profile_metrics_count_a_key_in_two_files_once(tmp_path, build):
    """The profile card counts what the lists show: the first entry of each key
    (the same rule as ``group-card`` and ``publications``)."""
    from conftest import write_project

    entry = "@article{a, title={A}, author={Doe, Jane}, year=2020, citations={5}}\n"
    site = write_project(
        tmp_path / "src",
        {
            "conf.py": 'extensions = ["sphinx_scholar"]\nscholar_bibfiles = ["one.bib", "two.bib"]\n'
            'scholar_profile = "profile.yaml"\n',
            "profile.yaml": "name: Jane Doe\n",
            "one.bib": entry,
            "two.bib": entry + "@article{b, title={B}, author={Doe, Jane}, year=2021, citations={1}}\n",
            "index.rst": "Home\n====\n\n.. profile-card::\n   :metrics:\n",
        },
    )
    soup = soup_of(build(site, freshenv=True))
    assert soup.select_one(".scholar-metric-papers strong").get_text() == "2"
    assert soup.select_one(".scholar-metric-citations strong").get_text() == "6"


@pytest.mark.parametrize(
    ("kind", "text", "line", "where"),
    [
        (
            "people",
            "people:\n  - name: Ada\n    positions: [{role: phd, start: 2020}]\n    links:\n"
            "      github: ada\n      website: 'javascript:alert(1)'\n",
            6,
            "people[0].links.website",
        ),
        ("profile", "name: Ada\nlinks:\n  website: ' java\\tscript:x'\n", 3, "links.website"),
        ("news", "news:\n  - date: 2024-01-01\n    text: Hi\n    link: data:text/html,x\n", 4, "news[0].link"),
        (
            "projects",
            "projects:\n  - title: P\n    links: {code: https://ok.example}\n"
            "  - title: Q\n    links:\n      code: vbscript:x\n",
            6,
            "projects[1].links.code",
        ),
    ],
)
def test_unsafe_addresses_in_data_are_located_and_the_record_kept(tmp_path, kind, text, line, where):
    """A hostile address in a data file is reported where it is (subtype
    ``url``, as in a .bib), and the record is still shown (without the link)."""
    path = tmp_path / f"{kind}.yaml"
    path.write_text(text, encoding="utf-8")
    data = load_data_file(path, kind)
    refused = [p for p in data.problems if p.subtype == "url"]
    assert [(p.line, where in p.message) for p in refused] == [(line, True)], data.problems
    assert len(data.records) == (2 if kind == "projects" else 1)
    safe = "people:\n  - name: Ada\n    positions: [{role: phd, start: 2020}]\n    links: {github: ada, website: /me.html}\n"
    path.write_text(safe, encoding="utf-8")
    assert [p for p in load_data_file(path, "people").problems if p.subtype == "url"] == []
