"""Fast tests of the renderers, written to kill mutmut's surviving mutants (CONTRIBUTING.md,
"Mutation testing"): records in, docutils nodes out, no Sphinx build.

They call the public entry points of ``render/`` and assert what a reader sees (the text of each
line, in order, links and their targets, the classes the theme styles), plus a doctree snapshot
per renderer in ``tests/snapshots/render-*.xml`` (``SNAPSHOT_UPDATE=1`` rewrites them: review the
difference before committing). Nothing here names a private function, so the tests survive the
renderers being split or renamed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from docutils import nodes
from sphinx import addnodes

from sphinx_scholar.loaders.bibtex import parse_bibliography
from sphinx_scholar.nodes.elements import copy_button
from sphinx_scholar.records.labels import Labels
from sphinx_scholar.records.people import CVLocale, Person, RoleRegistry, cv_section
from sphinx_scholar.render.cv import render_cv_entries, render_cv_header, social_url
from sphinx_scholar.render.people import icon_links, render_people
from sphinx_scholar.render.publications import LocalFile, PersonLink, PublicationRenderer, RenderOptions
from sphinx_scholar.selection.names import NameMatcher

SNAPSHOTS = Path(__file__).parent / "snapshots"
TODAY = dt.date(2026, 3, 1)


def assert_snapshot(name: str, out: list[nodes.Node]) -> None:
    text = "\n".join(node.pformat("  ") for node in out).replace('="True"', '="1"').replace('="False"', '="0"')
    path = SNAPSHOTS / f"render-{name}.xml"
    if os.environ.get("SNAPSHOT_UPDATE") or not path.exists():
        existed = path.exists() and path.read_text(encoding="utf-8") == text
        path.write_text(text, encoding="utf-8")
        if not existed and not os.environ.get("SNAPSHOT_UPDATE"):
            pytest.fail(f"snapshot {path.name} was missing and is now written: review and commit it")
        return
    assert text == path.read_text(encoding="utf-8"), f"{name}: doctree differs from tests/snapshots/{path.name}"


def text(node: nodes.Node) -> str:
    return re.sub(r"\s+", " ", node.astext()).strip()


def with_class(out, cls: str) -> list[nodes.Element]:
    found = []
    for node in out:
        found.extend(n for n in node.findall(nodes.Element) if cls in n.get("classes", []))
    return found


def links(out) -> list[tuple[str, str]]:
    return [(text(r), r["refuri"]) for node in out for r in node.findall(nodes.reference)]


# -- people -----------------------------------------------------------------------------------


def person(name: str, *positions: dict, **extra) -> Person:
    return Person.from_dict({"name": name, "positions": list(positions), **extra})


TEAM = [
    person(
        "Paula Pi",
        {"role": "pi", "start": 2015},
        links={"orcid": "0000-0002-1825-0097", "bad": "javascript:x", "website": "https://pi.example.org"},
        email="paula@example.org",
    ),
    person(
        "Ann Alumna",
        {
            "role": "phd",
            "start": 2018,
            "end": 2022,
            "thesis": {"title": "On things", "url": "https://thesis.example.org"},
            "co_supervisors": [
                {"name": "Jo Co", "affiliation": "Criteo", "url": "https://jo.example.org"},
                {"name": "Al Bo", "affiliation": "Criteo"},
                {"name": "Cy Di", "affiliation": "Inria"},
            ],
        },
        now={"title": "Professor", "organization": "MIT", "url": "https://mit.edu"},
    ),
    person("Zed Student", {"role": "phd", "start": "2021-09"}, {"role": "master", "start": 2020, "end": 2021}),
    person("Ada Student", {"role": "phd", "start": "2021-01"}),
    person(
        "Ian Intern",
        {"role": "intern", "start": 2019, "end": 2019, "co_supervisors": [{"name": "Ed No"}]},
        now={"organization": "Google"},
    ),
    person("Tom Former", {"role": "postdoc", "start": 2016, "end": "2020-06"}, now={"title": "Engineer"}),
    person("Sam Staff", {"role": "staff", "start": 2020}),
]


def people(**options) -> list[nodes.Node]:
    options.setdefault("name_node", lambda p: nodes.inline(p.name, p.name, classes=["scholar-person-name"]))
    return render_people(TEAM, today=TODAY, **options)


def groups(out) -> list[tuple[str, list[str]]]:
    """(heading, [each person's line or card, as text]) in order."""
    result: list[tuple[str, list[str]]] = []
    for node in out:
        if isinstance(node, nodes.rubric):
            result.append((text(node), []))
            continue
        if not result:
            result.append(("", []))
        lines = with_class([node], "scholar-person-line") or with_class([node], "sd-card-body")
        result[-1][1].extend(text(line) for line in lines)
    return result


def test_people_list_lines_by_status_newest_first():
    assert groups(people()) == [
        (
            "Current",
            [
                "Zed Student, 2021–present",
                "Ada Student, 2021–present",
                "Sam Staff, 2020–present",
                "Paula Pi, 2015–present",
            ],
        ),
        (
            "Alumni",
            [
                "Ann Alumna, 2018-2022, On things, with Jo Co and Al Bo at Criteo and Cy Di at Inria, now Professor at MIT",
                "Tom Former, 2016-2020, now Engineer",
                "Ian Intern, 2019 (with Ed No), now at Google",
            ],
        ),
    ]


def test_people_grouped_by_role_sorted_by_start():
    out = people(group_by="role", sort="start")
    assert [(h, [line.split(",")[0] for line in lines]) for h, lines in groups(out)] == [
        ("Principal investigators", ["Paula Pi"]),
        ("PhD students", ["Ada Student", "Zed Student"]),
        ("Staff", ["Sam Staff"]),
        ("Alumni", ["Ann Alumna", "Tom Former", "Ian Intern"]),
    ]
    assert [n["classes"] for n in out if isinstance(n, nodes.rubric)] == [
        ["scholar-group-heading", "scholar-group-pi"],
        ["scholar-group-heading", "scholar-group-phd"],
        ["scholar-group-heading", "scholar-group-staff"],
        ["scholar-group-heading", "scholar-group-alumni"],
    ]
    items = [n for node in out for n in node.findall(nodes.list_item)]
    assert [n["classes"] for n in items][:2] == [["scholar-person", "scholar-current"]] * 2
    assert items[-1]["classes"] == ["scholar-person", "scholar-alumni"]


def test_people_sorted_by_family_name_without_groups():
    out = people(group_by="none", sort="name")
    assert [n for n in out if isinstance(n, nodes.rubric)] == []
    assert [line.split(",")[0] for _, lines in groups(out) for line in lines] == [
        "Ann Alumna",
        "Tom Former",
        "Ian Intern",
        "Paula Pi",
        "Sam Staff",
        "Ada Student",
        "Zed Student",
    ]


def test_people_status_role_filters_and_the_position_shown():
    # status="alumni" groups the former members by the role they had, in the registry's order.
    assert [
        (h, [line.split(",")[0] for line in lines]) for h, lines in groups(people(status="alumni", group_by="role"))
    ] == [
        ("Postdocs", ["Tom Former"]),
        ("PhD students", ["Ann Alumna"]),
        ("Interns", ["Ian Intern"]),
    ]
    assert [h for h, _ in groups(people(status="current"))] == ["Current"]
    # :role: picks people by any of their positions, and shows the matching one.
    assert groups(people(role="master")) == [("Alumni", ["Zed Student, 2020-2021"])]
    assert groups(people(role=["MASTER", "pi"])) == [
        ("Current", ["Paula Pi, 2015–present"]),
        ("Alumni", ["Zed Student, 2020-2021"]),
    ]
    empty = people(role="nobody")
    assert len(empty) == 1 and empty[0]["classes"] == ["scholar-empty"] and text(empty[0]) == "Nobody yet."


def test_people_limit_cuts_across_groups_and_adds_the_more_link():
    more = nodes.reference("", "See all", refuri="team.html")
    out = people(limit=5, more=more)
    assert [(h, len(lines)) for h, lines in groups(out)] == [("Current", 4), ("Alumni", 1)]
    assert out[-1]["classes"] == ["scholar-see-all"] and out[-1][0] is more
    out = people(limit=4, more=more)
    assert [(h, len(lines)) for h, lines in groups(out)] == [("Current", 4)]
    assert out[-1]["classes"] == ["scholar-see-all"]
    # Nobody left out: no link.
    out = people(limit=7, more=more)
    assert out[-1]["classes"] != ["scholar-see-all"] and sum(len(lines) for _, lines in groups(out)) == 7
    out = people(limit=2)
    assert [(h, len(lines)) for h, lines in groups(out)] == [("Current", 2)]


def test_people_cards():
    registry = RoleRegistry({"staff": {"label": "Research staff", "singular": "Research scientist"}})
    out = people(style="cards", group_by="role", sort="start", registry=registry)
    cards = with_class(out, "scholar-person-card")
    assert [text(c) for c in cards] == [
        "PP Paula Pi Principal investigator, 2015–present ORCID of Paula PiWebsite of Paula Pi",
        "AS Ada Student PhD student, 2021–present",
        "ZS Zed Student PhD student, 2021–present",
        "SS Sam Staff Research scientist, 2020–present",
        "AA Ann Alumna PhD student, 2018-2022 On things with Jo Co and Al Bo at Criteo and Cy Di at Inria "
        "now Professor at MIT",
        "TF Tom Former Postdoc, 2016-2020 now Engineer",
        "II Ian Intern Intern, 2019 with Ed No now at Google",
    ]
    # Only safe links, each with an accessible name; the unsafe one is dropped.
    assert links(cards[:1]) == [
        ("ORCID of Paula Pi", "https://orcid.org/0000-0002-1825-0097"),
        ("Website of Paula Pi", "https://pi.example.org"),
    ]
    assert [r["reftitle"] for r in cards[0].findall(nodes.reference)] == ["ORCID of Paula Pi", "Website of Paula Pi"]
    assert [y.astext() for y in with_class(out, "scholar-years")][:2] == ["2015–present", "2021–present"]
    assert links(cards[4:5]) == [
        ("On things", "https://thesis.example.org"),
        ("Jo Co", "https://jo.example.org"),
        ("Professor at MIT", "https://mit.edu"),
    ]
    assert with_class(people(style="cards", links=False), "scholar-icon-links") == []
    photo = people(style="cards", photo_node=lambda p: nodes.image(uri=f"{p.name}.png"))
    assert [i["uri"] for n in photo for i in n.findall(nodes.image)][:1] == ["Zed Student.png"]
    assert with_class(photo, "scholar-person-initials") == []
    assert_snapshot("people-cards", out)


# -- CV -----------------------------------------------------------------------------------------

CV_HEADER = {
    "name": "Ada Lovelace",
    "headline": "Maths *and* engines #underline[here]",
    "location": "London",
    "email": ["ada@example.org", "not-an-address"],
    "phone": ["+44 (0) 20 1234", "none"],
    "website": ["https://www.ada.org/", "javascript:x", "/local"],
    "social_networks": [
        {"network": "GitHub", "username": "ada"},
        {"network": "Google Scholar", "username": "XYZ"},
        {"network": "Mastodon", "username": "@ada@mastodon.social"},
        {"network": "Mastodon", "username": "bad"},
        {"network": "orcid", "username": " 0000-0001 "},
        {"network": "Myspace", "username": "ada"},
        {"network": "X", "username": ""},
    ],
    "custom_connections": [
        {"placeholder": "Blog", "url": "https://blog.example.org"},
        {"placeholder": "Unsafe", "url": "javascript:x"},
        {"placeholder": "", "url": ""},
    ],
}


def test_cv_header_connections_as_rendercv_links_them():
    header = render_cv_header(CV_HEADER)
    assert header["classes"] == ["scholar-cv-header"]
    assert [(text(p), p["classes"]) for p in header.children] == [
        ("Ada Lovelace", ["scholar-cv-name"]),
        ("Maths and engines here", ["scholar-cv-headline"]),  # Markdown read, Typst markup reduced to its text
        (
            "London · · not-an-address · +44 (0) 20 1234 · ada.org · ada · Google Scholar · @ada@mastodon.social · "
            "Mastodon: bad · 0000-0001 · Myspace: ada · Blog · Unsafe",
            ["scholar-cv-contact"],
        ),
    ]
    assert [(text(r), r["refuri"], r.get("reftitle")) for r in header.findall(nodes.reference)] == [
        ("+44 (0) 20 1234", "tel:+440201234", None),
        ("ada.org", "https://www.ada.org/", None),
        ("ada", "https://github.com/ada", "GitHub"),
        ("Google Scholar", "https://scholar.google.com/citations?user=XYZ", "Google Scholar"),
        ("@ada@mastodon.social", "https://mastodon.social/@ada", "Mastodon"),
        ("0000-0001", "https://orcid.org/0000-0001", "orcid"),
        ("Blog", "https://blog.example.org", None),
    ]
    # The address is never in the page as text (a script builds the mailto link).
    assert "ada@example.org" not in header.pformat()
    assert_snapshot("cv-header", [header])
    assert [text(p) for p in render_cv_header({}).children] == []
    assert [text(p) for p in render_cv_header({"name": "Ada", "email": "", "phone": None}).children] == ["Ada"]


def test_social_url_of_each_network():
    assert social_url("GitHub", " ada ") == "https://github.com/ada"
    assert social_url("github", "ada") == "https://github.com/ada"  # the network's name in any case
    assert social_url("YouTube", "ada") == "https://youtube.com/@ada"
    assert social_url("Mastodon", "@ada@mastodon.social") == "https://mastodon.social/@ada"
    assert social_url("Mastodon", "ada@mastodon.social") == ""
    assert social_url("Mastodon", "@@mastodon.social") == ""
    assert social_url("Mastodon", "@ada@") == ""
    assert social_url("Myspace", "ada") == "" and social_url("GitHub", " ") == ""


def cv_section_of(values, locale=None):
    return render_cv_entries(cv_section(values), locale)


CV_SECTIONS = {
    "education": [
        {
            "institution": "Cambridge",
            "degree": "PhD",
            "area": "Maths",
            "start_date": "2005-09",
            "end_date": "2008-12",
            "location": "UK",
            "highlights": ["GPA 4 - top - first", "  "],
        },
        {"institution": "Oxford", "area": "Physics", "date": "2004"},
        {"institution": "Paris", "degree": "MSc", "start_date": 2003, "end_date": "present"},
    ],
    "experience": [
        {"company": "ACME", "position": "Dev", "start_date": "2020-01", "summary": "Built *things*."},
        {"company": "Foo", "start_date": "2019"},
    ],
    "publications": [
        {
            "title": "A paper",
            "authors": ["Ada", "*Bob*", " "],
            "doi": "https://doi.org/10.1/x",
            "url": "https://ex.org/p/",
            "journal": "J. *Math*",
            "date": "2020-05",
        },
        {"title": "B paper", "doi": "doi: 10.2/y", "journal": "Conf"},
        {"title": "C paper", "journal": "Only", "url": "javascript:x"},
        {"title": "D paper", "url": "https://d.org"},
    ],
    "oneline": [{"label": "Languages", "details": "French, *English*"}],
    "normal": [{"name": "Normal", "location": "Here", "date": "2021-03"}],
    "text": ["Just text", "More **text**"],
    "bullets": [{"bullet": "A bullet"}, {"bullet": "B bullet"}],
    "numbered": [{"number": "First"}, {"number": "Second"}],
    "reversed": [{"reversed_number": "Newest"}, {"reversed_number": "Middle"}, {"reversed_number": "Oldest"}],
}


def items(node: nodes.Element) -> list[str]:
    return [text(item) for item in node.children]


def test_cv_sections_of_every_entry_type():
    out = {name: cv_section_of(values) for name, values in CV_SECTIONS.items()}
    assert items(out["education"]) == [
        "Cambridge, PhD in Maths — UK, Sept 2005 – Dec 2008 GPA 4 top first",
        "Oxford, Physics — 2004",
        "Paris, MSc — 2003 – present",
    ]
    # " - " in a highlight starts sub-bullets; a blank highlight is dropped.
    highlights = with_class([out["education"]], "scholar-cv-highlights")
    assert [items(h) for h in highlights] == [["GPA 4 top first"], ["top", "first"]]
    assert items(out["experience"]) == ["ACME, Dev — Jan 2020 – present Built things.", "Foo — 2019 – present"]
    assert [text(s) for s in with_class([out["experience"]], "scholar-cv-summary")] == ["Built things."]
    assert items(out["publications"]) == [
        "A paper — May 2020 Ada, Bob ex.org/p · https://doi.org/10.1/x (J. Math)",
        "B paper doi: 10.2/y (Conf)",
        "C paper Only",
        "D paper d.org",
    ]
    assert links([out["publications"]]) == [
        ("ex.org/p", "https://ex.org/p/"),
        ("https://doi.org/10.1/x", "https://doi.org/10.1/x"),
        ("doi: 10.2/y", "https://doi.org/10.2/y"),
        ("d.org", "https://d.org"),
    ]
    assert [text(a) for a in with_class([out["publications"]], "scholar-cv-authors")] == ["Ada, Bob"]
    assert items(out["oneline"]) == ["Languages: French, English"]
    assert items(out["normal"]) == ["Normal — Here, Mar 2021"]
    assert [text(w) for w in with_class([out["normal"]], "scholar-cv-when")] == ["— Here, Mar 2021"]
    assert (out["text"]["classes"], items(out["text"])) == (["scholar-cv-text"], ["Just text", "More text"])
    assert (out["bullets"]["classes"], items(out["bullets"])) == (["scholar-cv-bullets"], ["A bullet", "B bullet"])
    assert isinstance(out["numbered"], nodes.enumerated_list) and items(out["numbered"]) == ["First", "Second"]
    # Counted down, as RenderCV does.
    assert items(out["reversed"]) == ["3. Newest", "2. Middle", "1. Oldest"]
    assert out["reversed"]["classes"] == ["scholar-cv-numbered", "scholar-cv-reversed"]
    assert [
        item["classes"]
        for name in ("education", "experience", "publications", "oneline", "normal")
        for item in out[name].children[:1]
    ] == [
        ["scholar-cv-entry", f"scholar-cv-{kind}entry"]
        for kind in ("education", "experience", "publication", "oneline", "normal")
    ]
    assert_snapshot("cv-sections", list(out.values()))


def test_cv_locale_of_the_file():
    locale = CVLocale.from_file(
        {
            "locale": {
                "language": "french",
                "month_abbreviations": ["janv", "févr", "mars", "avr", "mai", "juin"]
                + ["juil", "août", "sept", "oct", "nov", "déc"],
                "present": "aujourd'hui",
                "to": "à",
            }
        }
    )
    assert items(cv_section_of(CV_SECTIONS["education"], locale)) == [
        "Cambridge, PhD, Maths — UK, sept 2005 à déc 2008 GPA 4 top first",
        "Oxford, Physics — 2004",
        "Paris, MSc — 2003 à aujourd'hui",
    ]
    english = CVLocale.from_file({"locale": {"phrases": {"degree_with_area": "AREA (DEGREE)"}}})
    assert items(cv_section_of(CV_SECTIONS["education"][:1], english))[0].startswith("Cambridge, Maths (PhD) —")


# -- publications -------------------------------------------------------------------------------

BIB = r"""
@inproceedings{full,
  title = {Learning $\alpha$ and {$\frac{a}{b}$} Things},
  author = {Doe, Jane and Roe, Richard and Me, Myself and Stu, Dent and Poe, Edgar and others},
  booktitle = {Proc. of \emph{CVPR}},
  year = {2021}, month = {jul}, day = {20},
  note = {Oral, see [site](https://x.org)},
  abbr = {CVPR}, award = {true}, citations = {12},
  keywords = {vision, learning, extra},
  organization = {ACME Labs},
  tldr = {Short \textbf{version}.},
  annotation = {* Equal contribution<br>† Corresponding author},
  additional_info = {Also *here*.},
  abstract = {First paragraph.

Second with $x_1$.},
  url = {https://paper.example.org/full},
  code = {https://github.com/x/y},
  pdf = {papers/full.pdf},
  slides = {missing.pdf},
  preview = {img/full.png}, preview_hover = {img/hover.png},
  selected = {true}, highlight = {yes},
}
@article{short,
  title = {Why?},
  author = {Solo, Han},
  journal = {J. Stuff},
  year = {2019},
  abstract = {Only one.},
}
@misc{bare, title = {Bare}, year = {2018}}
"""
FILES = {
    "papers/full.pdf": LocalFile("_files/full.pdf"),
    "img/full.png": LocalFile("img/full.png", 40, 30),
    "img/hover.png": LocalFile("img/hover.png"),
}


@pytest.fixture(scope="module")
def pubs():
    found, problems = parse_bibliography(BIB, "refs.bib")
    assert problems == []
    return found


def renderer(**options) -> PublicationRenderer:
    people = NameMatcher()
    people.add("Richard Roe", PersonLink(docname="people/roe", student=True))
    people.add("Edgar Poe", PersonLink(url="https://poe.example.org"))
    people.add("Jane Doe", PersonLink())
    return PublicationRenderer(
        RenderOptions(**options),
        me=NameMatcher([("Myself Me", True)]),
        people=people,
        resolve_file=lambda pub, kind, path: FILES.get(path),
        make_id=lambda pub: f"pub-{pub.key}",
        counts={"short": 3},
    )


EVERYTHING = {"bibtex": True, "citations": True, "entry_bib": True, "max_authors": 2}


def test_publication_list_lines(pubs):
    out = renderer(**EVERYTHING).render([("2021", pubs[:1]), ("", pubs[1:])], ["y2021"])
    assert [type(n).__name__ for n in out] == ["rubric", "bullet_list", "bullet_list"]
    assert (out[0].astext(), out[0]["ids"], out[0]["classes"]) == ("2021", ["y2021"], ["scholar-group-heading"])
    lines = [text(p) for p in with_class(out, "scholar-citation")]
    assert lines == [
        "CVPRAwardCited by 12 Jane Doe, Richard Roe, Myself Me, et al. Learning α and \\frac{a}{b} Things. "
        "Proc. of CVPR, 2021. Oral, see site. pdf / url / code / bib",
        "Cited by 3 Han Solo. Why? J. Stuff, 2019. bib",  # the sidecar's count; no "." after "?"
        "Bare. 2018. bib",
    ]
    items = [n for n in out[1].children + out[2].children]
    assert [(i["ids"], i["classes"], i["scholar-key"]) for i in items] == [
        (["pub-full"], ["scholar-pub", "scholar-highlight"], "full"),
        (["pub-short"], ["scholar-pub"], "short"),
        (["pub-bare"], ["scholar-pub"], "bare"),
    ]
    full = renderer(**EVERYTHING).render_list(pubs[:1])
    assert full["classes"] == ["scholar-publications", "scholar-style-list"]
    assert full[0]["classes"] == ["scholar-pub", "scholar-highlight"]
    # Co-authors: a member page (a doc reference), a link, a plain match; the owner in bold.
    assert [n["classes"] for n in with_class([full], "scholar-coauthor")] == [
        ["scholar-coauthor"],
        ["scholar-coauthor", "scholar-student"],
    ]
    xref = next(full.findall(addnodes.pending_xref))
    assert (xref["refdomain"], xref["reftype"], xref["reftarget"]) == ("std", "doc", "/people/roe")
    assert [text(n) for n in with_class([full], "scholar-me")] == ["Myself Me"]
    # Links: a local file that exists (download), a missing one dropped, the entry's .bib.
    assert [(text(r), r["classes"]) for r in with_class([full], "scholar-link")] == [
        ("pdf", ["scholar-link", "scholar-link-pdf"]),
        ("url", ["scholar-link", "scholar-link-url"]),
        ("code", ["scholar-link", "scholar-link-code"]),
        ("bib", ["scholar-link", "scholar-link-bib"]),
    ]
    assert next(full.findall(addnodes.download_reference))["reftarget"] == "_files/full.pdf"
    assert [text(p) for p in with_class([full], "scholar-tldr")] == ["Short version."]
    assert [text(p) for p in with_class([full], "scholar-annotation")] == ["* Equal contribution† Corresponding author"]
    assert [text(m) for m in with_class([full], "scholar-mark")] == ["*", "†"]
    assert [text(p) for p in with_class([full], "scholar-additional")] == ["Also here."]
    assert [text(p) for p in with_class([full], "scholar-abstract-box")] == [
        "abstract First paragraph. Second with x₁."
    ]
    box = with_class([full], "scholar-bibtex-box")[0]
    block = next(box.findall(nodes.literal_block))
    assert (block["ids"], block["language"], block.astext().splitlines()[0]) == (
        ["pub-full-bibtex"],
        "bibtex",
        "@inproceedings{full,",
    )
    assert_snapshot("publications-list", out)


def test_publication_styles(pubs):
    for style in ("barron", "profile", "cards"):
        out = renderer(style=style, **EVERYTHING).render([("2021", pubs[:1]), ("", pubs[1:])], ["y2021"])
        assert_snapshot(f"publications-{style}", out)
    barron = renderer(style="barron").render_list(pubs)
    assert [i["classes"] for i in barron.findall(nodes.container) if "scholar-barron" in i["classes"]] == [
        ["scholar-barron"],
        ["scholar-barron", "scholar-no-thumb"],
        ["scholar-barron", "scholar-no-thumb"],
    ]
    images = list(barron.findall(nodes.image))
    assert [(i["uri"], i["classes"], i.get("width"), i["alt"]) for i in images] == [
        (
            "img/full.png",
            ["scholar-thumb-main", "no-scaled-link"],
            "40",
            "Figure from Learning α and a/b Things",
        ),
        (
            "img/hover.png",
            ["scholar-thumb-hover", "no-scaled-link"],
            None,
            "Figure from Learning α and a/b Things",
        ),
    ]
    assert with_class([barron], "scholar-thumb")[0]["classes"] == ["scholar-thumb", "scholar-thumb-swap"]
    assert [text(p) for p in with_class([barron], "scholar-byline")][:2] == [
        "Jane Doe, Richard Roe, Myself Me, Dent Stu, Edgar Poe, et al.",
        "Han Solo",
    ]
    assert links(with_class([barron], "scholar-byline")) == [("Edgar Poe", "https://poe.example.org")]
    assert [text(p) for p in with_class([barron], "scholar-where")] == [
        "Proc. of CVPR, 2021. Oral, see site",
        "J. Stuff, 2019",
        "2018",
    ]
    profile = renderer(style="profile").render_list(pubs)
    assert [text(p) for p in with_class([profile], "scholar-meta")] == [
        "vision learning Jul 20, 2021 Code",
        "2019",
        "2018",
    ]
    # Three authors by default, then "et al."; the organisation as a badge.
    assert [text(p) for p in with_class([profile], "scholar-byline")][0] == (
        "Jane Doe, Richard Roe, Myself Me, et al. ACME Labs"
    )
    # The abstract is shown (clamped) on profile cards when the option keeps its default.
    assert [(text(a), a["classes"]) for a in with_class([profile], "scholar-clamp")] == [
        ("First paragraph. Second with x₁.", ["scholar-abstract", "scholar-clamp"]),
        ("Only one.", ["scholar-abstract", "scholar-clamp"]),
    ]
    cards = renderer(style="cards").render_list(pubs)
    assert cards["classes"] == [
        "sd-container-fluid",
        "sd-sphinx-override",
        "scholar-publications",
        "scholar-style-cards",
    ]
    columns = [c for c in cards.findall(nodes.container) if "scholar-pub" in c["classes"]]
    assert [(c["ids"], c["scholar-key"]) for c in columns] == [
        (["pub-full"], "full"),
        (["pub-short"], "short"),
        (["pub-bare"], "bare"),
    ]
    assert [text(f) for f in with_class([cards], "sd-card-footer")] == ["pdf / url / code"]
    assert with_class([cards], "scholar-thumb")[0]["classes"][-1] == "sd-card-img-top"


def test_publication_options(pubs):
    full, short, bare = pubs
    # The owner stays visible after an ellipsis when the limit cuts before them.
    one = renderer(max_authors=1).authors(full)
    assert text(one) == "Jane Doe, …, Myself Me, et al."
    assert text(renderer(max_authors=3).authors(full)) == "Jane Doe, Richard Roe, Myself Me, et al."
    assert (
        text(renderer(max_authors=5).authors(full)) == "Jane Doe, Richard Roe, Myself Me, Dent Stu, Edgar Poe, et al."
    )
    assert text(renderer().authors(short)) == "Han Solo" and text(renderer().authors(bare)) == ""
    numbered = renderer(numbered=True).render_list(pubs)
    assert isinstance(numbered, nodes.enumerated_list)
    assert (numbered["prefix"], numbered["suffix"], numbered["enumtype"]) == ("[", "]", "arabic")
    # Titles link to the paper pages, resolved when the page is written.
    title = renderer(paper_links=True).title(short)
    assert isinstance(title, addnodes.pending_xref)
    assert (title["refdomain"], title["reftype"], title["reftarget"]) == ("scholar", "paper", "short")
    assert (
        isinstance(renderer().title(full), nodes.reference)
        and renderer().title(full)["refuri"] == "https://paper.example.org/full"
    )
    assert not isinstance(renderer().title(full, link=False), nodes.reference)
    # math="render" keeps the math as math nodes.
    assert [m.astext() for m in renderer(math="render").title(full).findall(nodes.math)] == ["\\alpha", "\\frac{a}{b}"]
    assert [m.astext() for m in renderer().title(full).findall(nodes.math)] == ["\\frac{a}{b}"]
    # Abstract modes.
    assert renderer(abstract="hidden").abstract(full) is None
    shown = renderer(abstract="shown").abstract(full)
    assert shown["classes"] == ["scholar-abstract"] and text(shown) == "First paragraph. Second with x₁."
    assert text(renderer(abstract="shown").abstract(short)) == "Only one."
    assert renderer().abstract(bare) is None
    # Off switches.
    plain = renderer(links=False, thumbnails=False, bibtex=False, style="barron").render_list(pubs)
    assert with_class([plain], "scholar-links") == [] and list(plain.findall(nodes.image)) == []
    assert with_class([plain], "scholar-bibtex-box") == []
    assert renderer(entry_bib=True).links(bare) is not None and renderer().links(bare) is None
    # Citations only when asked; the sidecar's count wins over the field.
    assert [text(b) for b in renderer().badges(full)] == ["CVPR", "Award"]
    assert [text(b) for b in renderer(citations=True).badges(short)] == ["Cited by 3"]
    # Without an id maker, no ids and no copy button.
    plain_ids = PublicationRenderer(RenderOptions(bibtex=True), me=NameMatcher()).render_list([short])
    assert plain_ids[0]["ids"] == [] and list(plain_ids.findall(copy_button)) == []


FRENCH = Labels(
    language="fr",
    overrides={
        "with %(people)s": "avec %(people)s",
        "%(first)s and %(last)s": "%(first)s et %(last)s",
        "present": "présent",
        "now": "maintenant",
        "%(title)s at %(organization)s": "%(title)s chez %(organization)s",
        "at %(organization)s": "chez %(organization)s",
        "%(names)s at %(affiliation)s": "%(names)s (%(affiliation)s)",
        "%(link)s of %(name)s": "%(link)s de %(name)s",
        "Email": "Courriel",
        "Nobody yet.": "Personne.",
        "Current": "Membres",
        "PhD student": "Doctorant·e",
    },
)


def test_people_lines_in_another_language_keep_links_and_classes():
    out = people(labels=FRENCH)
    assert groups(out) == [
        (
            "Membres",
            [
                "Zed Student, 2021–présent",
                "Ada Student, 2021–présent",
                "Sam Staff, 2020–présent",
                "Paula Pi, 2015–présent",
            ],
        ),
        (
            "Alumni",
            [
                "Ann Alumna, 2018-2022, On things, avec Jo Co et Al Bo (Criteo) et Cy Di (Inria), "
                "maintenant Professor chez MIT",
                "Tom Former, 2016-2020, maintenant Engineer",
                "Ian Intern, 2019 (avec Ed No), maintenant chez Google",
            ],
        ),
    ]
    ann = with_class(out, "scholar-person-line")[4]
    assert [(type(n).__name__, n.get("classes"), text(n)) for n in ann.children if isinstance(n, nodes.Element)] == [
        ("inline", ["scholar-person-name"], "Ann Alumna"),
        ("reference", ["scholar-thesis"], "On things"),
        ("reference", [], "Jo Co"),
        ("reference", ["scholar-now"], "Professor chez MIT"),
    ]
    ian = with_class(out, "scholar-person-line")[6]
    assert [(n.get("classes"), text(n)) for n in ian.children if isinstance(n, nodes.Element)][1:] == [
        (["scholar-now"], "chez Google")
    ]
    # A link that is not safe is text, in a span when it has classes.
    unsafe = Person.from_dict(
        {
            "name": "Ul Unsafe",
            "positions": [{"role": "phd", "start": 2010, "end": 2012, "thesis": {"title": "T", "url": "javascript:x"}}],
            "now": {"title": "Boss", "url": "javascript:y"},
        }
    )
    line = with_class(
        render_people([unsafe], today=TODAY, name_node=lambda p: nodes.Text(p.name)), "scholar-person-line"
    )[0]
    assert [(type(n).__name__, n["classes"], n.rawsource) for n in line.children if isinstance(n, nodes.Element)] == [
        ("inline", ["scholar-thesis"], "T"),
        ("inline", ["scholar-now"], "Boss"),
    ]
    assert text(line) == "Ul Unsafe, 2010-2012, T, now Boss"
    assert text(people(role="nobody", labels=FRENCH)[0]) == "Personne."


def test_people_cards_in_another_language():
    cards = with_class(people(style="cards", group_by="role", labels=FRENCH), "scholar-person-card")
    assert text(cards[1]) == "ZS Zed Student Doctorant·e, 2021–présent"
    assert text(cards[0]).endswith("ORCID de Paula PiWebsite de Paula Pi")
    ann = next(c for c in cards if "Ann Alumna" in text(c))
    assert [text(p) for p in ann.findall(nodes.paragraph)][-2:] == [
        "avec Jo Co et Al Bo (Criteo) et Cy Di (Inria)",
        "maintenant Professor chez MIT",
    ]


def test_icon_links_with_an_email_and_names():
    row = icon_links([("github", "ada"), ("mastodon", "javascript:x")], email="ada@example.org", name="Ada")
    assert row["classes"] == ["scholar-icon-links"]
    email, github = row.children
    assert email["classes"] == ["scholar-icon-link", "scholar-email-link"]
    address = next(email.findall(lambda n: n.tagname == "email_address"))
    assert (address["user"], address["domain"], address["label"]) == ("ada", "example.org", "Email")
    assert next(email.findall(lambda n: n.tagname == "icon"))["name"] == "email"
    assert (github["refuri"], github["reftitle"], github["classes"]) == (
        "https://github.com/ada",
        "GitHub of Ada",
        ["scholar-icon-link", "scholar-link-github"],
    )
    assert text(github) == "GitHub of Ada"
    # Without a name the link is named by its kind; an unknown kind gets the link icon.
    row = icon_links([("my_blog", "https://blog.example.org")])
    (blog,) = row.children
    assert (blog["reftitle"], text(blog), next(blog.findall(lambda n: n.tagname == "icon"))["name"]) == (
        "My blog",
        "My blog",
        "link",
    )
    assert icon_links([], email="not-an-address") is None
    assert icon_links([("website", "javascript:x")]) is None
    french = icon_links([], email="a@b.org", labels=FRENCH)
    assert next(french.findall(lambda n: n.tagname == "email_address"))["label"] == "Courriel"
    assert next(french.findall(lambda n: n.tagname == "email_address"))["user"] == "a"


def test_people_sort_edge_cases():
    team = [
        person("Bea Nodate", {"role": "phd"}),
        person("Al Early", {"role": "phd", "start": "2020-01"}),
        person("Cy Late", {"role": "phd", "start": "2020-02"}),
        person("Di Gone", {"role": "phd", "start": 2010, "end": 2012}),
        person("Ed Gone", {"role": "phd", "start": 2011}, {"role": "phd", "start": 2009, "end": 2011}),
        person("Fay Gone", {"role": "phd", "start": 2013, "end": ""}, {"role": "postdoc", "start": 2014, "end": 2015}),
    ]

    def order(**options):
        out = render_people(team, today=TODAY, name_node=lambda p: nodes.Text(p.name), group_by="none", **options)
        return [text(line).split(",")[0] for line in with_class(out, "scholar-person-line")]

    # start: current people by start date, oldest first (no date last), then former ones by end, newest first.
    assert order(sort="start") == ["Ed Gone", "Fay Gone", "Al Early", "Cy Late", "Bea Nodate", "Di Gone"]
    # newest (the seed's order): current by start and former by end, newest first; no date last.
    assert order() == ["Cy Late", "Al Early", "Fay Gone", "Di Gone", "Ed Gone", "Bea Nodate"]
    # name: by family name, then by the whole name.
    assert order(sort="name") == ["Al Early", "Di Gone", "Ed Gone", "Fay Gone", "Cy Late", "Bea Nodate"]
