"""Renderers and formats below the build level: records in, nodes or text out.

Each test runs in milliseconds, without Sphinx. They pin what the HTML tests
cannot afford to vary: every position of the owner under ``:max-authors:``,
every CV entry type, every field of the scholarly metadata.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.writers._html_base import HTMLTranslator

from sphinx_scholar.formats.scholarly_meta import citation_meta, json_ld_text, paper_json_ld
from sphinx_scholar.loaders.bibtex import parse_bibliography
from sphinx_scholar.nodes.html import HTML_VISITORS
from sphinx_scholar.records.people import Course, CVEntry, Person, Talk
from sphinx_scholar.records.publication import Publication
from sphinx_scholar.render.cv import render_cv_entries, render_cv_header
from sphinx_scholar.render.people import render_people
from sphinx_scholar.render.publications import PersonLink, PublicationRenderer, RenderOptions, format_date
from sphinx_scholar.render.search_box import facet_classes, make_filter_box
from sphinx_scholar.render.teaching import render_courses, render_talks
from sphinx_scholar.selection.choose import group_publications, select_publications, sort_publications
from sphinx_scholar.selection.names import NameMatcher


def entries(source: str) -> list[Publication]:
    found, problems = parse_bibliography(source, "x.bib")
    assert problems == [], problems
    return found


def entry(**fields: str) -> Publication:
    kind = fields.pop("type", "article")
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
    return entries(f"@{kind}{{k,\n{body}\n}}\n")[0]


def text(node: nodes.Node) -> str:
    return re.sub(r"\s+", " ", node.astext()).strip()


def classes_of(node: nodes.Node, cls: str) -> list[nodes.Element]:
    return [n for n in node.findall(nodes.Element) if cls in n.get("classes", [])]


def renderer(
    me: tuple[str, ...] = ("David Picard",), people: NameMatcher | None = None, **options
) -> PublicationRenderer:
    return PublicationRenderer(
        RenderOptions(**options),
        me=NameMatcher((n, True) for n in me),
        people=people,
        make_id=lambda pub: f"pub-{pub.key}",
    )


# --- authors and :max-authors: ------------------------------------------------

NAMES = ["Anna Alpha", "Bob Beta", "Gus Gamma", "Dan Delta", "Eve Epsilon", "Fay Phi"]


@pytest.mark.parametrize("owner", range(6))
def test_max_authors_keeps_the_owner_wherever_they_are(owner):
    names = list(NAMES)
    names[owner] = "David Picard"
    pub = entry(title="T", author=" and ".join(names), journal="J", year="2020")
    authors = renderer(max_authors=3).authors(pub)
    if owner < 3:
        expected = ", ".join(names[:3]) + ", et al."
    elif owner == 3:  # right after the cut: nobody is skipped before them, no "…"
        expected = ", ".join(names[:4]) + ", et al."
    elif owner < len(names) - 1:
        expected = ", ".join(names[:3]) + ", \u2026, David Picard, et al."
    else:  # the owner is the last author: nobody follows, no "et al."
        expected = ", ".join(names[:3]) + ", \u2026, David Picard"
    assert text(authors) == expected
    assert [text(n) for n in classes_of(authors, "scholar-me")] == ["David Picard"]


def test_authors_without_a_limit_and_with_others():
    pub = entry(title="T", author="Alpha, Anna and Picard, David and others", year="2020")
    node = renderer().authors(pub)
    assert text(node) == "Anna Alpha, David Picard, et al."
    assert [text(n) for n in classes_of(node, "scholar-etal")] == ["et al."]
    assert text(renderer(max_authors=5).authors(entry(title="T", author="A, B and C, D", year="2020"))) == "B A, D C"


def test_marks_students_and_linked_co_authors():
    people = NameMatcher()
    people.add("Yue Zhu", PersonLink(docname="people/yue", student=True))
    people.add("Jeremie Mary", PersonLink(url="https://jmary.example.org/"))
    people.add("Ann Roe", PersonLink())
    pub = entry(
        title="T", author="Zhu, Yue$^*$ and Mary, J{\\'e}r{\\'e}mie and Roe, Ann and Picard, David", year="2020"
    )
    node = renderer(people=people).authors(pub)
    assert text(node) == "Yue Zhu*, Jérémie Mary, Ann Roe, David Picard"
    student = classes_of(node, "scholar-student")
    assert len(student) == 1
    xref = next(student[0].findall(lambda n: n.tagname == "pending_xref"))
    assert (xref["refdomain"], xref["reftype"], xref["reftarget"]) == ("std", "doc", "/people/yue")
    assert [n["classes"] for n in student[0].findall(nodes.superscript)] == [["scholar-mark"]]
    linked = [n for n in classes_of(node, "scholar-coauthor") if "scholar-student" not in n["classes"]]
    refs = [r["refuri"] for n in linked for r in n.findall(nodes.reference)]
    assert refs == ["https://jmary.example.org/"]
    assert [text(n) for n in linked] == ["Jérémie Mary", "Ann Roe"]


# --- titles, links, venue ----------------------------------------------------------


def test_title_links_prefer_html_then_arxiv_then_doi():
    base = {"title": "T", "year": "2020"}
    assert (
        renderer().title(entry(**base, doi="10.1/x", arxiv="2101.00001", html="https://h.org"))["refuri"]
        == "https://h.org"
    )
    assert (
        renderer().title(entry(**base, doi="10.1/x", arxiv="2101.00001"))["refuri"]
        == "https://arxiv.org/abs/2101.00001"
    )
    assert renderer().title(entry(**base, doi="10.1/x"))["refuri"] == "https://doi.org/10.1/x"
    assert renderer().title(entry(**base, url="https://u.org"))["refuri"] == "https://u.org"
    assert isinstance(renderer().title(entry(**base)), nodes.inline)


def test_links_row_order_and_labels():
    pub = entry(
        title="T",
        year="2020",
        hal="hal-1",
        doi="doi:10.1/X",
        code="https://c.org",
        arxiv="arXiv:2101.00001v2",
        slides="https://s.org",
    )
    row = renderer().links(pub)
    assert [(r.astext(), r["refuri"]) for r in row.findall(nodes.reference)] == [
        ("arxiv", "https://arxiv.org/abs/2101.00001"),
        ("code", "https://c.org"),
        ("slides", "https://s.org"),
        ("doi", "https://doi.org/10.1/X"),
        ("hal", "https://hal.science/hal-1"),
    ]
    assert text(row) == "arxiv / code / slides / doi / hal"
    assert renderer(links=False).links(pub) is None


def test_citation_line_of_each_style():
    pub = entry(
        title="Deep nets",
        author="Picard, David",
        journal="Neurocomputing",
        year="2015",
        abbr="NC",
        award="yes",
        tldr="Short.",
        abstract="Long text.",
        annotation="* equal",
    )
    [line, tldr, annotation, box] = renderer()._citation(pub)
    assert [text(n) for n in classes_of(line, "scholar-badge")] == ["NC", "Award"]
    assert text(line) == "NCAward David Picard. Deep nets. Neurocomputing, 2015."
    assert [text(n) for n in (tldr, annotation)] == ["Short.", "* equal"]  # the legend's mark is a superscript
    assert [n.astext() for n in annotation.findall(nodes.superscript)] == ["*"]
    assert "scholar-abstract-box" in box["classes"]
    [row] = renderer(style="barron")._barron(pub)
    assert "scholar-no-thumb" in row["classes"]
    # barron shows the tldr and keeps the abstract collapsed.
    assert [text(n) for n in classes_of(row, "scholar-tldr")] == ["Short."]
    assert classes_of(row, "scholar-abstract-box")
    [card] = renderer(style="profile")._profile(pub)
    assert [text(n) for n in classes_of(card, "scholar-badge-subject")] == ["NC"]
    assert [text(n) for n in classes_of(card, "scholar-date")] == ["2015"]


def test_dates():
    assert format_date(entry(title="T", year="2022", month="jul", day="20")) == "Jul 20, 2022"
    assert format_date(entry(title="T", year="2022", month="7")) == "Jul 2022"
    assert format_date(entry(title="T", year="2022")) == "2022"
    assert format_date(entries("@misc{k, title={T}, date={2022-13}}")[0]) == "2022"


# --- sorting and grouping -----------------------------------------------------------

SORTABLE = """
@article{b, title={Beta}, author={Zeta, Zoe}, year=2019, journal={J}}
@article{a, title={alpha}, author={Mu, Max and Alpha, Al}, year=2021, journal={J}}
@misc{c, title={Gamma}, author={Mu, Ann}, year=2021, keywords={LG, CV}}
@misc{d, title={Delta}, author={Beta, Bo}}
"""


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("newest", ["a", "c", "b", "d"]),
        ("oldest", ["b", "a", "c", "d"]),
        ("title", ["a", "b", "d", "c"]),
        ("author", ["d", "c", "a", "b"]),  # Beta; Mu; Mu, Alpha; Zeta
        ("source", ["b", "a", "c", "d"]),
        ("given", ["b", "a", "c", "d"]),
    ],
)
def test_every_sort_order(order, expected):
    pubs, _ = parse_bibliography(SORTABLE, "x.bib")
    assert [p.key for p in select_publications(pubs, order=order)] == expected
    assert [p.key for p in sort_publications(reversed(pubs), order)] == (
        expected if order != "given" else ["b", "a", "c", "d"]
    )


def test_given_order_follows_the_keys_option_and_limit():
    pubs, _ = parse_bibliography(SORTABLE, "x.bib")
    assert [p.key for p in select_publications(pubs, keys=["c", "b", "c", "zz"], order="given")] == ["c", "b"]
    assert [p.key for p in select_publications(pubs, keys=["c", "b"], order="newest")] == ["c", "b"]
    assert [p.key for p in select_publications(pubs, order="oldest", limit=2)] == ["b", "a"]


def test_groups():
    pubs, _ = parse_bibliography(SORTABLE, "x.bib")
    assert [(h, [p.key for p in g]) for h, g in group_publications(pubs, "year")] == [
        ("2019", ["b"]),
        ("2021", ["a", "c"]),
        ("Undated", ["d"]),
    ]
    assert [(h, [p.key for p in g]) for h, g in group_publications(pubs, "type")] == [
        ("Journal articles", ["b", "a"]),
        ("Other", ["c", "d"]),
    ]
    assert [(h, [p.key for p in g]) for h, g in group_publications(pubs, "keyword")] == [
        ("CV", ["c"]),
        ("LG", ["c"]),
        ("Other", ["b", "a", "d"]),
    ]
    assert group_publications(pubs, "none") == [("", list(pubs))]
    with pytest.raises(ValueError):
        group_publications(pubs, "month")


# --- the :search: box ---------------------------------------------------------------


def _html(node: nodes.Element) -> str:
    translator = HTMLTranslator.__new__(HTMLTranslator)
    translator.body = []
    translator.in_mailto = False
    visit, _ = HTML_VISITORS[type(node)]
    with pytest.raises(nodes.SkipNode):
        visit(translator, node)
    return "".join(translator.body)


HOSTILE = '<img src=x onerror=alert(1)>"&'


def test_search_chips_are_text_whatever_the_keywords():
    pubs, _ = parse_bibliography(
        f"@article{{a, title={{A}}, year=2020, keywords={{{HOSTILE}, LG}}}}\n"
        f"@misc{{b, title={{B}}, keywords={{{HOSTILE}}}}}\n",
        "x.bib",
    )
    box = make_filter_box("list-1", pubs)
    html = _html(box)
    page = BeautifulSoup(html, "html.parser")
    assert page.select("img") == [] and "<img" not in html
    chips = {
        (c["data-facet"], c["data-value"]): c.get_text(" ", strip=True) for c in page.select("button.scholar-chip")
    }
    assert chips == {
        ("year", "2020"): "2020 1",
        ("year", "none"): "Undated 1",
        ("type", "journal-articles"): "Journal articles 1",
        ("type", "other"): "Other 1",
        ("keyword", "img-src-x-onerror-alert-1"): f"{HOSTILE} 2",
        ("keyword", "lg"): "LG 1",
    }
    root = page.select_one("div.scholar-filter")
    assert root["data-scholar-filter"] == "list-1" and root.has_attr("hidden")
    assert page.select_one(".scholar-filter-status").get_text() == "2 publications"
    assert facet_classes(pubs[0]) == [
        "scholar-f-year-2020",
        "scholar-f-type-journal-articles",
        "scholar-f-keyword-img-src-x-onerror-alert-1",
        "scholar-f-keyword-lg",
    ]
    assert facet_classes(pubs[1])[:2] == ["scholar-f-year-none", "scholar-f-type-other"]


def test_a_facet_with_one_value_has_no_chips():
    box = make_filter_box("l", entries("@article{a, title={A}, year=2020}\n@article{b, title={B}, year=2020}\n"))
    assert box["facets"] == [] and box["total"] == 2


# --- CV -------------------------------------------------------------------------------


def cv(*values) -> nodes.Element:
    return render_cv_entries([CVEntry.from_value(v) for v in values])


def test_cv_education_entry_shows_institution_degree_area_dates_and_place():
    node = cv(
        {
            "institution": "Université de Cergy",
            "area": "Computer science",
            "degree": "PhD",
            "start_date": "2005-09",
            "end_date": "2008-12",
            "location": "Cergy",
            "summary": "On kernels.",
            "highlights": ["Best thesis award", "Two journals"],
        }
    )
    [item] = node.children
    assert "scholar-cv-educationentry" in item["classes"]
    head = classes_of(item, "scholar-cv-entry-head")[0]
    # As RenderCV prints it: place, then dates "Sept 2005 – Dec 2008" (issue 13).
    assert text(head) == "Université de Cergy, PhD in Computer science \u2014 Cergy, Sept 2005 \u2013 Dec 2008"
    assert [text(n) for n in head.findall(nodes.strong)] == ["Université de Cergy"]
    assert [text(n) for n in classes_of(item, "scholar-cv-summary")] == ["On kernels."]
    assert [text(n) for n in classes_of(item, "scholar-cv-highlights")[0].findall(nodes.paragraph)] == [
        "Best thesis award",
        "Two journals",
    ]
    assert text(cv({"institution": "MIT", "area": "Maths"})) == "MIT, Maths"


@pytest.mark.parametrize(
    ("value", "kind", "shown"),
    [
        (
            {"company": "Lab", "position": "Researcher", "start_date": "2020-09", "end_date": "present"},
            "experienceentry",
            "Lab, Researcher \u2014 Sept 2020 \u2013 present",
        ),  # RenderCV: **COMPANY**, POSITION
        (
            {"company": "Lab", "position": "Engineer", "start_date": "2018"},
            "experienceentry",
            "Lab, Engineer \u2014 2018 \u2013 present",
        ),
        (
            {"title": "A paper", "authors": ["A B", "C D"], "journal": "ICCV", "date": "2023"},
            "publicationentry",
            "A paper \u2014 2023 A B, C D ICCV",
        ),  # title, then the authors, then the journal, as RenderCV
        ({"name": "Prize", "date": "2019", "location": "Paris"}, "normalentry", "Prize \u2014 Paris, 2019"),
        ({"label": "Languages", "details": "French, English"}, "onelineentry", "Languages: French, English"),
    ],
)
def test_cv_entry_types(value, kind, shown):
    node = cv(value)
    [item] = node.children
    assert item["classes"] == ["scholar-cv-entry", f"scholar-cv-{kind}"]
    assert text(item) == shown


def test_cv_publication_links_only_safe_addresses():
    by_doi = cv({"title": "P", "authors": ["A"], "doi": "10.1/x"})
    assert [r["refuri"] for r in by_doi.findall(nodes.reference)] == ["https://doi.org/10.1/x"]
    by_url = cv({"title": "P", "authors": ["A"], "url": "https://p.org", "doi": "10.1/x"})
    assert [r["refuri"] for r in by_url.findall(nodes.reference)] == [
        "https://p.org",
        "https://doi.org/10.1/x",
    ]  # both kept
    unsafe = cv({"title": "P", "authors": ["A"], "url": "javascript:alert(1)"})
    assert list(unsafe.findall(nodes.reference)) == [] and [text(n) for n in unsafe.findall(nodes.strong)] == ["P"]


def test_cv_bullets_text_and_numbered_entries():
    bullets = cv({"bullet": "One"}, {"bullet": "Two"})
    assert isinstance(bullets, nodes.bullet_list) and bullets["classes"] == ["scholar-cv-bullets"]
    assert [text(i) for i in bullets.children] == ["One", "Two"]
    paragraphs = cv("First paragraph.", "Second.")
    assert paragraphs["classes"] == ["scholar-cv-text"] and [text(p) for p in paragraphs.children] == [
        "First paragraph.",
        "Second.",
    ]
    numbered = cv({"number": "Paper A"}, {"number": "Paper B"})
    assert isinstance(numbered, nodes.enumerated_list) and numbered["classes"] == ["scholar-cv-numbered"]
    assert [text(i) for i in numbered.children] == ["Paper A", "Paper B"]
    reversed_ = cv({"reversed_number": "Paper B"}, {"reversed_number": "Paper A"})
    assert reversed_["classes"] == ["scholar-cv-numbered", "scholar-cv-reversed"]
    assert [text(i) for i in reversed_.children] == ["2. Paper B", "1. Paper A"]  # counted down, as RenderCV


def test_cv_header():
    header = render_cv_header(
        {
            "name": "Ada",
            "headline": "Maths",
            "location": "London",
            "phone": "+44 1",
            "website": "https://ada.org",
            "social_networks": [{"network": "GitHub", "username": "ada"}],
        }
    )
    # Links as RenderCV makes them (issue 13): tel:, the site without its scheme, the GitHub profile.
    assert [text(p) for p in header.children] == ["Ada", "Maths", "London \u00b7 +44 1 \u00b7 ada.org \u00b7 ada"]
    assert [r["refuri"] for r in header.findall(nodes.reference)] == [
        "tel:+441",
        "https://ada.org",
        "https://github.com/ada",
    ]
    bare = render_cv_header({"name": "Ada", "website": "javascript:x"})
    assert [text(p) for p in bare.children] == ["Ada"]


# --- people ------------------------------------------------------------------------------

PEOPLE = [
    Person.from_dict({"name": "Pat Postdoc", "positions": [{"role": "postdoc", "start": 2023}]}),
    Person.from_dict(
        {
            "name": "Ann Alum",
            "positions": [{"role": "phd", "start": 2015, "end": 2019}],
            "now": {"title": "Engineer", "organization": "Acme"},
        }
    ),
    Person.from_dict({"name": "Cat Current", "positions": [{"role": "phd", "start": 2022}]}),
    Person.from_dict({"name": "Ian Intern", "positions": [{"role": "intern", "start": "2023-06", "end": "2023-08"}]}),
]


def render(**options) -> list[nodes.Node]:
    return render_people(PEOPLE, today=dt.date(2024, 1, 15), name_node=lambda p: nodes.Text(p.name), **options)


def headings_and_names(out: list[nodes.Node]) -> list[tuple[str, list[str]]]:
    result: list[tuple[str, list[str]]] = []
    for node in out:
        if isinstance(node, nodes.rubric):
            result.append((node.astext(), []))
        else:
            if not result:
                result.append(("", []))
            result[-1][1].extend(text(p).split(",")[0] for p in classes_of(node, "scholar-person-line"))
    return result


def test_students_group_by_status_role_and_none():
    assert headings_and_names(render()) == [
        ("Current", ["Pat Postdoc", "Cat Current"]),
        ("Alumni", ["Ian Intern", "Ann Alum"]),
    ]
    # Groups in the role registry's order, alumni last (issue 16: no longer in start-date order).
    assert headings_and_names(render(group_by="role")) == [
        ("Postdocs", ["Pat Postdoc"]),
        ("PhD students", ["Cat Current"]),
        ("Alumni", ["Ian Intern", "Ann Alum"]),
    ]
    assert headings_and_names(render(group_by="none")) == [
        ("", ["Ian Intern", "Pat Postdoc", "Cat Current", "Ann Alum"])
    ]


def test_students_role_and_status_options():
    assert headings_and_names(render(role="phd")) == [("Current", ["Cat Current"]), ("Alumni", ["Ann Alum"])]
    assert headings_and_names(render(role="PHD", status="alumni")) == [("Alumni", ["Ann Alum"])]
    assert headings_and_names(render(status="current", group_by="none")) == [("", ["Pat Postdoc", "Cat Current"])]
    [empty] = render(role="visitor")
    assert text(empty) == "Nobody yet."


def test_alumni_lines_say_where_they_are_now():
    lines = [
        text(p) for node in render(status="alumni", group_by="none") for p in classes_of(node, "scholar-person-line")
    ]
    assert lines == ["Ian Intern, 2023", "Ann Alum, 2015-2019, now Engineer at Acme"]


# --- teaching and talks ---------------------------------------------------------------------

COURSES = [
    Course.from_dict(
        {"title": "Deep learning", "institution": "ENPC", "terms": [2022, 2023], "hours": 24, "role": "lecturer"}
    ),
    Course.from_dict({"title": "Algebra", "institution": "ENS", "terms": ["2021-2022"], "level": "L3"}),
    Course.from_dict({"title": "Vision", "institution": "ENPC", "terms": [2021], "links": {"slides": "https://s.org"}}),
    Course.from_dict({"title": "Undated"}),
]


def course_groups(group_by: str) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    for node in render_courses(COURSES, group_by):
        if isinstance(node, nodes.rubric):
            out.append((node.astext(), []))
        else:
            if not out:
                out.append(("", []))
            out[-1][1].extend(text(p) for p in classes_of(node, "scholar-course"))
    return out


def test_teaching_group_by_institution_year_and_none():
    assert course_groups("institution") == [
        ("ENPC", ["Deep learning, lecturer, 2022, 2023, 24 h", "Vision, 2021. slides"]),
        ("ENS", ["Algebra, L3, 2021-2022"]),
        ("Other", ["Undated"]),
    ]
    assert course_groups("year") == [
        ("2023", ["Deep learning, ENPC, lecturer, 2022, 2023, 24 h"]),
        ("2022", ["Algebra, ENS, L3, 2021-2022"]),
        ("2021", ["Vision, ENPC, 2021. slides"]),
        ("Other", ["Undated"]),
    ]
    assert course_groups("none") == [
        (
            "",
            [
                "Deep learning, ENPC, lecturer, 2022, 2023, 24 h",
                "Algebra, ENS, L3, 2021-2022",
                "Vision, ENPC, 2021. slides",
                "Undated",
            ],
        )
    ]
    assert text(render_courses([])[0]) == "No courses."


def test_talks_newest_first_with_safe_links():
    talks = [
        Talk.from_dict({"title": "Old", "date": "2019"}),
        Talk.from_dict(
            {
                "title": "New",
                "event": "Conf",
                "location": "Paris",
                "date": "2023-06",
                "slides": "https://s.org",
                "video": "javascript:alert(1)",
            }
        ),
        Talk.from_dict({"title": "Undated"}),
    ]
    node = render_talks(talks)
    assert [text(p) for p in node.findall(nodes.paragraph)] == [
        "New, Conf, Paris, Jun 2023. slides",
        "Old, 2019",
        "Undated",
    ]
    assert [r["refuri"] for r in node.findall(nodes.reference)] == ["https://s.org"]


# --- scholarly metadata ---------------------------------------------------------------------

ARTICLE = """@article{fellus2015,
  title = {Asynchronous gossip {PCA}},
  author = {Fellus, J{\\'e}r{\\^o}me and Picard, D. and others},
  journal = {Neurocomputing},
  volume = {169}, number = {2}, publisher = {Elsevier},
  pages = {262--271},
  year = {2015}, month = jul, day = {3},
  doi = {https://doi.org/10.1016/j.neucom.2014.11.076},
  arxiv = {1402.00001},
  keywords = {LG, theory},
  abstract = {We study gossip.},
}"""


def test_json_ld_of_an_article_has_every_field():
    pub = entries(ARTICLE)[0]
    assert paper_json_ld(pub, page_url="https://lab.org/papers/fellus2015.html") == {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": "Asynchronous gossip PCA",
        "name": "Asynchronous gossip PCA",
        "author": [{"@type": "Person", "name": "Jérôme Fellus"}, {"@type": "Person", "name": "D. Picard"}],
        "datePublished": "2015-07-03",
        "isPartOf": {"@type": "Periodical", "name": "Neurocomputing"},
        "abstract": "We study gossip.",
        "identifier": {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1016/j.neucom.2014.11.076"},
        "sameAs": ["https://arxiv.org/abs/1402.00001", "https://doi.org/10.1016/j.neucom.2014.11.076"],
        "url": "https://lab.org/papers/fellus2015.html",
        "keywords": ["LG", "theory"],
    }


def test_json_ld_of_a_conference_paper_and_a_bare_entry():
    paper = entry(type="inproceedings", title="T", booktitle="CVPR", year="2018")
    data = paper_json_ld(paper)
    assert data["isPartOf"] == {"@type": "CreativeWork", "name": "CVPR"}
    assert data["datePublished"] == "2018" and "url" not in data and "identifier" not in data
    bare = paper_json_ld(entries("@misc{k, title={T}, year=2020}")[0])
    assert set(bare) == {"@context", "@type", "headline", "name", "author", "datePublished"}
    assert json_ld_text({"x": "</script><b>&"}) == '{\n "x": "\\u003c/script\\u003e\\u003cb\\u003e\\u0026"\n}'
    assert json.loads(json_ld_text({"x": "</script>"})) == {"x": "</script>"}


def meta_tags(html: str) -> list[tuple[str, str]]:
    page = BeautifulSoup(html, "html.parser")
    for m in page.select("meta"):
        # Open Graph tags are properties, Highwire and description tags names.
        assert set(m.attrs) == {"property" if (m.get("property") or "").startswith("og:") else "name", "content"}, m
    assert html.count("<meta ") == len(page.select("meta")) == len(html.splitlines())
    return [(m.get("name") or m.get("property"), m["content"]) for m in page.select("meta")]


def test_citation_meta_of_an_article():
    tags = meta_tags(
        citation_meta(
            entries(ARTICLE)[0], page_url="https://lab.org/p.html", image_url="https://lab.org/i.png", site_name="Lab"
        )
    )
    assert tags == [
        ("citation_title", "Asynchronous gossip PCA"),
        ("citation_author", "Fellus, Jérôme"),
        ("citation_author", "Picard, D."),
        ("citation_publication_date", "2015/07/03"),
        ("citation_journal_title", "Neurocomputing"),
        ("citation_volume", "169"),
        ("citation_issue", "2"),
        ("citation_publisher", "Elsevier"),
        ("citation_firstpage", "262"),
        ("citation_lastpage", "271"),
        ("citation_doi", "10.1016/j.neucom.2014.11.076"),
        ("citation_pdf_url", "https://arxiv.org/pdf/1402.00001"),
        ("citation_arxiv_id", "1402.00001"),
        ("citation_abstract_html_url", "https://lab.org/p.html"),
        ("og:type", "article"),
        ("og:title", "Asynchronous gossip PCA"),
        ("og:description", "We study gossip."),
        ("description", "We study gossip."),
        ("og:url", "https://lab.org/p.html"),
        ("og:image", "https://lab.org/i.png"),
        ("og:site_name", "Lab"),
    ]


@pytest.mark.parametrize(
    ("kind", "fields", "expected"),
    [
        ("inproceedings", {"booktitle": "CVPR"}, ("citation_conference_title", "CVPR")),
        ("incollection", {"booktitle": "A Book"}, ("citation_inbook_title", "A Book")),
        ("inbook", {"booktitle": "A Book"}, ("citation_inbook_title", "A Book")),
        ("proceedings", {"booktitle": "Proc"}, ("citation_conference_title", "Proc")),
        ("phdthesis", {"school": "Univ"}, ("citation_dissertation_institution", "Univ")),
        ("techreport", {"institution": "Inria", "number": "12"}, ("citation_technical_report_institution", "Inria")),
    ],
)
def test_citation_meta_venue_by_type(kind, fields, expected):
    tags = meta_tags(citation_meta(entry(type=kind, title="T", year="2020", **fields)))
    assert expected in tags
    assert [t for t in tags if t[0].startswith("citation_") and t[0].endswith(("_title", "_institution"))] == [
        ("citation_title", "T"),
        expected,
    ]


@pytest.mark.parametrize(
    ("pages", "first", "last"), [("7", "7", None), ("262--271", "262", "271"), ("12 \u2013 ", "12", None)]
)
def test_citation_meta_pages(pages, first, last):
    tags = dict(meta_tags(citation_meta(entry(title="T", year="2020", pages=pages))))
    assert (tags.get("citation_firstpage"), tags.get("citation_lastpage")) == (first, last)
    assert "citation_firstpage" not in dict(meta_tags(citation_meta(entry(title="T", year="2020"))))


def test_citation_meta_pdf_and_long_abstract():
    pub = entry(title="T", year="2020", pdf="https://x.org/paper.PDF?dl=1", abstract=" ".join(["word"] * 100))
    tags = dict(meta_tags(citation_meta(pub)))
    assert tags["citation_pdf_url"] == "https://x.org/paper.PDF?dl=1"
    assert len(tags["description"]) <= 300 and tags["description"].endswith("word\u2026")
    assert "og:url" not in tags and "og:site_name" not in tags and "og:image" not in tags
    assert "citation_pdf_url" not in dict(
        meta_tags(citation_meta(entry(title="T", year="2020", pdf="https://x.org/page")))
    )
    escaped = citation_meta(entry(title='"> <script>', year="2020"))  # HTML in a title is read as HTML (issue 13)
    assert "<script>" not in escaped and 'content="&quot;&gt;"' in escaped
