"""Exporters and YAML records, below the build level: exact outputs.

Downloads and feeds are read by other programs (reference managers, feed
readers), so their text is pinned whole; the YAML records are pinned field
by field, defaults included.
"""

from __future__ import annotations

import datetime as dt
import json
from datetime import datetime, timezone

import pytest

from sphinx_scholar.formats.exporters import (
    EXPORT_FORMATS,
    csl_item,
    entry_bibtex,
    to_atom,
    to_bibtex,
    to_csl_json,
    to_ris,
)
from sphinx_scholar.loaders.bibtex import parse_bibliography
from sphinx_scholar.records.people import (
    Course,
    CVEntry,
    Person,
    PersonRef,
    Position,
    Profile,
    Talk,
    _end_of,
    parse_date,
)
from sphinx_scholar.records.publication import Author

SOURCE = r"""@article{full2015,
  title = {Gossip {PCA} \& more},
  author = {Fellus, J{\'e}r{\^o}me and de la Fontaine, Jean and Smith, Jr., John and Plato and others},
  editor = {Ed, Ita},
  journal = {Neurocomputing},
  volume = {169}, number = {2}, publisher = {Elsevier},
  pages = {262--271},
  year = {2015}, month = jul, day = {3},
  doi = {doi:10.1016/j.x.2014},
  keywords = {LG, theory},
  abstract = {We study
  gossip.},
  code = {https://c.org},
  selected = {true},
}

@phdthesis{bare2014, title = {Thesis}, author = {Negrel, Romain}, school = {Univ}, year = 2014, pages = {7}}

@misc{none, title = {Undated}, arxiv = {2101.00001}}
"""


@pytest.fixture(scope="module")
def pubs():
    found, _ = parse_bibliography(SOURCE, "x.bib")
    return found


def test_csl_json(pubs):
    assert json.loads(to_csl_json(pubs)) == [
        {
            "id": "full2015",
            "type": "article-journal",
            "title": "Gossip PCA & more",
            "author": [
                {"family": "Fellus", "given": "Jérôme"},
                {"family": "Fontaine", "given": "Jean", "non-dropping-particle": "de la"},
                {"family": "Smith", "given": "John", "suffix": "Jr."},
                {"literal": "Plato"},
            ],
            "editor": [{"family": "Ed", "given": "Ita"}],
            "issued": {"date-parts": [[2015, 7, 3]]},
            "container-title": "Neurocomputing",
            "volume": "169",
            "issue": "2",
            "publisher": "Elsevier",
            "abstract": "We study gossip.",
            "page": "262-271",
            "DOI": "10.1016/j.x.2014",
            "URL": "https://doi.org/10.1016/j.x.2014",
            "keyword": "LG, theory",
        },
        {
            "id": "bare2014",
            "type": "thesis",
            "title": "Thesis",
            "author": [{"family": "Negrel", "given": "Romain"}],
            "issued": {"date-parts": [[2014]]},
            "container-title": "PhD thesis, Univ",
            "page": "7",
        },
        {"id": "none", "type": "article", "title": "Undated", "URL": "https://arxiv.org/abs/2101.00001"},
    ]
    assert to_csl_json(pubs).endswith("]\n") and '"title": "Gossip PCA & more"' in to_csl_json(pubs)
    assert to_csl_json([]) == "[]\n"
    assert csl_item(pubs[2]) == json.loads(to_csl_json(pubs))[2]


def test_ris(pubs):
    assert to_ris(pubs) == (
        "TY  - JOUR\nID  - full2015\nTI  - Gossip PCA & more\n"
        "AU  - Fellus, Jérôme\nAU  - de la Fontaine, Jean\nAU  - Smith, John, Jr.\nAU  - Plato\nED  - Ed, Ita\n"
        "T2  - Neurocomputing\nPY  - 2015\nDA  - 2015/07/03\nVL  - 169\nIS  - 2\nPB  - Elsevier\nAB  - We study gossip.\n"
        "SP  - 262\nEP  - 271\nDO  - 10.1016/j.x.2014\nUR  - https://doi.org/10.1016/j.x.2014\nKW  - LG\nKW  - theory\nER  -"
        "\n\n"
        "TY  - THES\nID  - bare2014\nTI  - Thesis\nAU  - Negrel, Romain\nT2  - PhD thesis, Univ\nPY  - 2014\nDA  - 2014\n"
        "SP  - 7\nER  -"
        "\n\n"
        "TY  - GEN\nID  - none\nTI  - Undated\nUR  - https://arxiv.org/abs/2101.00001\nER  -\n"
    )


def test_bibtex(pubs):
    assert to_bibtex(pubs[1:2]) == (
        "@phdthesis{bare2014,\n  author = {Negrel, Romain},\n  title = {Thesis},\n  school = {Univ},\n"
        "  year = {2014},\n  pages = {7},\n}\n"
    )
    full = to_bibtex(pubs[:1])
    assert "code =" not in full and "selected =" not in full
    assert entry_bibtex(pubs[0]) == pubs[0].bibtex
    kept = entry_bibtex(pubs[0], display_fields=True)
    assert kept == pubs[0].bibtex[:-1] + "  code = {https://c.org},\n  selected = {true},\n}"
    assert entry_bibtex(pubs[1], display_fields=True) == pubs[1].bibtex
    assert to_bibtex(pubs, display_fields=True).count("@") == 3 and to_bibtex(pubs).endswith("}\n")
    assert to_bibtex(pubs).split("\n\n")[1].startswith("@phdthesis{bare2014,")
    assert EXPORT_FORMATS == {"bib": "bib", "csl": "json", "ris": "ris"}


def test_atom(pubs):
    feed = to_atom(
        pubs[:2],
        title="Lab & co",
        feed_url="https://l.org/f.atom",
        site_url="https://l.org/",
        entry_url=lambda p: f"https://l.org/p/{p.key}?a=1&b=2",
        updated=datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
    )
    assert (
        feed
        == "\n".join(
            [
                '<?xml version="1.0" encoding="utf-8"?>',
                '<feed xmlns="http://www.w3.org/2005/Atom">',
                "  <title>Lab &amp; co</title>",
                "  <id>https://l.org/f.atom</id>",
                '  <link rel="self" href="https://l.org/f.atom"/>',
                '  <link rel="alternate" type="text/html" href="https://l.org/"/>',
                "  <updated>2024-01-02T03:04:05Z</updated>",
                "  <generator>sphinx-scholar</generator>",
                "  <entry>",
                "    <title>Gossip PCA &amp; more</title>",
                "    <id>https://l.org/p/full2015?a=1&amp;b=2</id>",
                '    <link rel="alternate" type="text/html" href="https://l.org/p/full2015?a=1&amp;b=2"/>',
                "    <published>2015-07-03T00:00:00Z</published>",
                "    <updated>2015-07-03T00:00:00Z</updated>",
                "    <author><name>Jérôme Fellus</name></author>",
                "    <author><name>Jean de la Fontaine</name></author>",
                "    <author><name>John Smith, Jr.</name></author>",
                "    <author><name>Plato</name></author>",
                '    <category term="Neurocomputing"/>',
                "    <summary>We study gossip.</summary>",
                "  </entry>",
                "  <entry>",
                "    <title>Thesis</title>",
                "    <id>https://l.org/p/bare2014?a=1&amp;b=2</id>",
                '    <link rel="alternate" type="text/html" href="https://l.org/p/bare2014?a=1&amp;b=2"/>',
                "    <published>2014-01-01T00:00:00Z</published>",
                "    <updated>2014-01-01T00:00:00Z</updated>",
                "    <author><name>Romain Negrel</name></author>",
                '    <category term="PhD thesis, Univ"/>',
                "  </entry>",
                "</feed>",
            ]
        )
        + "\n"
    )


def test_atom_dates_without_a_year_and_from_source_date_epoch(pubs, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    feed = to_atom(pubs[2:], title="t", feed_url="f", site_url="s", entry_url=lambda p: "u")
    assert "  <updated>1970-01-02T00:00:00Z</updated>" in feed
    assert "    <published>1970-01-01T00:00:00Z</published>" in feed
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    now = to_atom([], title="t", feed_url="f", site_url="s", entry_url=lambda p: "u")
    assert f"<updated>{datetime.now(timezone.utc):%Y-}" in now


# --- YAML records ------------------------------------------------------------------


def test_person_from_a_full_record():
    person = Person.from_dict(
        {
            "name": "Ada",
            "aliases": ["A. L."],
            "photo": "img/ada.png",
            "url": "https://ada.org",
            "page": "people/ada",
            "links": {"GitHub": "https://github.com/ada"},
            "now": {"title": "CTO", "organization": "Acme", "url": "https://acme.org"},
            "positions": [
                {
                    "role": "phd",
                    "start": 2019,
                    "end": "2022-06",
                    "supervisors": [{"name": "B"}],
                    "co_supervisors": [{"name": "C", "affiliation": "X", "url": "https://c.org"}],
                    "thesis": {"title": "T", "url": "https://t.org", "key": "ada2022"},
                }
            ],
        },
        line=7,
    )
    assert person == Person(
        name="Ada",
        aliases=("A. L.",),
        photo="img/ada.png",
        url="https://ada.org",
        page="people/ada",
        links=(("GitHub", "https://github.com/ada"),),
        now_title="CTO",
        now_organization="Acme",
        now_url="https://acme.org",
        line=7,
        positions=(
            Position(
                role="phd",
                start="2019",
                end="2022-06",
                supervisors=(PersonRef("B"),),
                co_supervisors=(PersonRef("C", "X", "https://c.org"),),
                thesis_title="T",
                thesis_url="https://t.org",
                thesis_key="ada2022",
            ),
        ),
    )
    assert person.is_student and person.latest.end == "2022-06"
    assert person.positions[0].years == "2019-2022"
    assert person.is_current(dt.date(2022, 6, 30)) and not person.is_current(dt.date(2022, 7, 1))


def test_person_from_a_minimal_record():
    person = Person.from_dict({"name": "Bo", "positions": [{"role": "Postdoc"}, {"role": "engineer", "start": None}]})
    assert person == Person(name="Bo", positions=(Position("Postdoc"), Position("engineer")))
    assert not person.is_student and person.line is None
    assert person.positions[0].years == "" and person.is_current(dt.date(2000, 1, 1))
    assert Position("phd", start="2030").is_current(dt.date(2024, 1, 1)) is False
    assert Position("phd", start="2020", end="present").is_current(dt.date(2024, 1, 1)) is True
    assert Position("phd", start="2020", end="2020").years == "2020"
    assert Position("phd", end="2021").years == "2021"
    two = Person.from_dict(
        {"name": "C", "positions": [{"role": "master", "start": "2018-09"}, {"role": "phd", "start": 2020}]}
    )
    assert two.latest.role == "phd" and two.is_student


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        (2024, dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2024-12", dt.date(2024, 12, 1), dt.date(2024, 12, 31)),
        ("2024-03-15", dt.date(2024, 3, 15), dt.date(2024, 3, 15)),
        ("2024-13-40", dt.date(2024, 1, 1), dt.date(2024, 1, 1)),
        ("present", None, None),
        (None, None, None),
        ("", None, None),
    ],
)
def test_dates(value, start, end):
    assert parse_date(value) == start
    assert _end_of(value) == end


def test_profile_course_talk_and_cv_records():
    profile = Profile.from_dict(
        {
            "name": "Ada",
            "photo": "p.png",
            "photo_alt": "Ada",
            "position": "Prof",
            "affiliation": "Uni",
            "address": ["1 Road", "Town"],
            "email": "a@b.org",
            "links": {"github": "https://g"},
            "pages": {"CV": "cv"},
            "bio": "Hi.",
            "interests": ["ML"],
            "metrics": {"h-index": 3},
        }
    )
    assert profile == Profile(
        "Ada",
        "p.png",
        "Ada",
        "Prof",
        ("Uni",),
        ("1 Road", "Town"),
        "a@b.org",
        (("github", "https://g"),),
        (("CV", "cv"),),
        "Hi.",
        ("ML",),
        (("h-index", 3),),
    )
    assert Profile.from_dict({"name": "Bo"}) == Profile("Bo")
    course = Course.from_dict(
        {
            "title": "ML",
            "code": "M1",
            "institution": "U",
            "level": "L3",
            "role": "TA",
            "terms": [2021, "2022-2023"],
            "hours": 12.5,
            "links": {"slides": "https://s"},
        }
    )
    assert course == Course("ML", "M1", "U", "L3", "TA", ("2021", "2022-2023"), 12.5, (("slides", "https://s"),))
    assert course.latest_year == 2023 and Course.from_dict({"title": "X"}) == Course("X")
    assert Course("X").latest_year == 0
    talk = Talk.from_dict(
        {"title": "T", "event": "E", "location": "L", "date": 2023, "slides": "https://s", "url": "https://u"}
    )
    assert talk == Talk("T", "E", "L", "2023", (("slides", "https://s"), ("url", "https://u")))
    assert Talk.from_dict({"title": "T", "date": None}) == Talk("T")
    assert CVEntry.from_value("Text") == CVEntry("TextEntry", (("text", "Text"),))
    for keys, kind in [
        ({"institution": 1, "area": 1}, "EducationEntry"),
        ({"company": 1, "position": 1}, "ExperienceEntry"),
        ({"title": 1, "authors": 1}, "PublicationEntry"),
        ({"name": 1}, "NormalEntry"),
        ({"label": 1, "details": 1}, "OneLineEntry"),
        ({"bullet": 1}, "BulletEntry"),
        ({"number": 1}, "NumberedEntry"),
        ({"reversed_number": 1}, "ReversedNumberedEntry"),
        ({"date": 1}, "NormalEntry"),
    ]:
        assert CVEntry.from_value(keys).type == kind, keys
    entry = CVEntry.from_value({"name": "N", "date": 2020})
    assert (entry.get("name"), entry.get("date"), entry.get("missing"), entry.get("missing", 0)) == ("N", 2020, "", 0)


def test_author_names():
    assert Author("Jean", "de la", "Fontaine", "Jr").full_name == "Jean de la Fontaine, Jr"
    assert Author(last="Plato").full_name == "Plato" and Author(first="Cher").short_name == "Cher"
    assert Author("J", "van", "Beethoven").short_name == "van Beethoven"
    assert Author(others=True).full_name == "et al."


@pytest.mark.parametrize(
    ("authors", "label"),
    [
        ("Zhu, Yue", "Zhu, 2020"),
        ("Zhu, Yue and Mary, J.", "Zhu and Mary, 2020"),
        ("Zhu, Yue and others", "Zhu et al., 2020"),
        ("Zhu, Yue and Mary, J. and Roe, A.", "Zhu et al., 2020"),
        ("", "A title that is longer than forty charac, 2020"),
    ],
)
def test_short_labels(authors, label):
    field = f"author={{{authors}}}," if authors else ""
    pub = parse_bibliography(
        f"@misc{{k, {field} title={{A title that is longer than forty characters}}, year=2020}}", "x.bib"
    )[0][0]
    assert pub.short_label == label
    editors = parse_bibliography("@book{k, editor={Ed, Ita}, title={T}}", "x.bib")[0][0]
    assert editors.short_label == "Ed"
    assert pub.has("title") and not pub.has("journal") and not pub.selected
