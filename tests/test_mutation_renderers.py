"""Fast tests of the renderers no fast test ran before (news, projects, profile, teaching, the
``:search:`` box, inline markup), written to kill mutmut's surviving mutants (CONTRIBUTING.md,
"Mutation testing"): records in, docutils nodes (or the box's HTML) out, no Sphinx build.

Each renderer's whole doctree is pinned (``pformat``), so a changed class, text, order or node
kind fails; the search box's chips are also rendered to HTML with hostile keywords and venues,
since its labels come straight from the ``.bib`` file.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.writers._html_base import HTMLTranslator

from sphinx_scholar.loaders.bibtex import parse_bibliography
from sphinx_scholar.nodes.elements import filter_box
from sphinx_scholar.nodes.html import HTML_VISITORS
from sphinx_scholar.records.labels import ENGLISH, Labels
from sphinx_scholar.records.markup import Inline
from sphinx_scholar.records.people import Course, NewsItem, Profile, Project, Talk
from sphinx_scholar.records.publication import Publication
from sphinx_scholar.render.inline_markup import inline_markup, inline_nodes, syntax_for
from sphinx_scholar.render.news import format_day, news_anchors, render_news, sort_news
from sphinx_scholar.render.profile import LINK_LABELS, compute_metrics, link_url, render_profile
from sphinx_scholar.render.projects import PROJECT_STATUSES, project_papers, render_projects
from sphinx_scholar.render.search_box import FACETS, facet_classes, make_filter_box
from sphinx_scholar.render.teaching import render_courses, render_talks
from sphinx_scholar.selection.filter import FilterError


def translated(language: str, words: dict[str, str]) -> Labels:
    return Labels(language, translate=lambda message: words.get(message, message))


FRENCH = translated("fr", {"No news yet.": "Pas de nouvelles.", "Other": "Autre", "No projects yet.": "Aucun projet."})


def entries(source: str) -> list[Publication]:
    found, _ = parse_bibliography(source, "x.bib")
    return found


def tree(out) -> str:
    """The doctree(s), one node per line, for an exact comparison."""
    out = out if isinstance(out, list) else [out]
    return "".join(node.pformat("  ") for node in out)


def text(node: nodes.Node) -> str:
    return re.sub(r"\s+", " ", node.astext()).strip()


# -- news ------------------------------------------------------------------------------------------

NEWS = [
    NewsItem("2023-12-01", "Old *news*", tags=("award",)),
    NewsItem("2024-05-17", "Paper [accepted](https://x.org)"),
    NewsItem("2024-05-17", "Same day, second"),
    NewsItem("2024-02", "A month"),
    NewsItem("soon", "Undated"),
]


def test_news_order_anchors_and_days():
    ordered = sort_news(NEWS)
    assert [i.text for i in ordered] == [
        "Paper [accepted](https://x.org)",
        "Same day, second",
        "A month",
        "Old *news*",
        "Undated",
    ]
    assert news_anchors(ordered) == [
        "news-2024-05-17",
        "news-2024-05-17-2",
        "news-2024-02",
        "news-2023-12-01",
        "news-soon",
    ]
    assert news_anchors([NewsItem("!!", "x"), NewsItem("??", "y"), NewsItem("!", "z")]) == [
        "news-undated",
        "news-undated-2",
        "news-undated-3",
    ]
    assert format_day("2024-05-17") == "May 17, 2024" and format_day("2024-05") == "May 2024"
    assert format_day("2024") == "2024" and format_day("2024-13") == "2024" and format_day("2024-00-05") == "2024"
    assert format_day("2024-12-31") == "Dec 31, 2024" and format_day("2024-01") == "Jan 2024"
    assert format_day("soon") == "soon" and format_day("2024-x") == "2024-x"
    assert format_day("2024-05-17", Labels("fr")) == "17 mai 2024"


def test_news_grouped_by_year():
    out = render_news(NEWS, link_node=lambda i: nodes.reference("", "more", refuri="/n") if "month" in i.text else None)
    assert tree(out) == "\n".join(
        [
            '<rubric classes="scholar-group-heading">',
            "  2024",
            '<bullet_list classes="scholar-news">',
            '  <list_item classes="scholar-news-item" ids="news-2024-05-17">',
            '    <paragraph classes="scholar-news-line">',
            '      <inline classes="scholar-news-date">',
            "        May 17, 2024",
            "       ",
            '      <inline classes="scholar-news-text">',
            "        Paper ",
            '        <reference refuri="https://x.org">',
            "          accepted",
            '  <list_item classes="scholar-news-item" ids="news-2024-05-17-2">',
            '    <paragraph classes="scholar-news-line">',
            '      <inline classes="scholar-news-date">',
            "        May 17, 2024",
            "       ",
            '      <inline classes="scholar-news-text">',
            "        Same day, second",
            '  <list_item classes="scholar-news-item" ids="news-2024-02">',
            '    <paragraph classes="scholar-news-line">',
            '      <inline classes="scholar-news-date">',
            "        Feb 2024",
            "       ",
            '      <inline classes="scholar-news-text">',
            "        A month",
            "       ",
            '      <reference refuri="/n">',
            "        more",
            '<rubric classes="scholar-group-heading">',
            "  2023",
            '<bullet_list classes="scholar-news">',
            '  <list_item classes="scholar-news-item" ids="news-2023-12-01">',
            '    <paragraph classes="scholar-news-line">',
            '      <inline classes="scholar-news-date">',
            "        Dec 1, 2023",
            "       ",
            '      <inline classes="scholar-news-text">',
            "        Old ",
            "        <emphasis>",
            "          news",
            "       ",
            '      <inline classes="scholar-news-tag scholar-badge">',
            "        award",
            '<bullet_list classes="scholar-news">',
            '  <list_item classes="scholar-news-item" ids="news-soon">',
            '    <paragraph classes="scholar-news-line">',
            '      <inline classes="scholar-news-date">',
            "        soon",
            "       ",
            '      <inline classes="scholar-news-text">',
            "        Undated",
            "",
        ]
    )


def test_news_without_groups_with_a_limit_images_and_labels():
    more = nodes.reference("", "All news", refuri="/news")
    out = render_news(
        NEWS,
        group_by="none",
        limit=2,
        more=more,
        image_node=lambda i: nodes.image(uri="i.png") if "Same" in i.text else None,
        text_nodes=lambda i: [nodes.Text(i.text.upper())],
        labels=FRENCH,
    )
    assert [type(n).__name__ for n in out] == ["bullet_list", "paragraph"]
    assert [text(item) for item in out[0].children] == [
        "17 mai 2024 PAPER [ACCEPTED](HTTPS://X.ORG)",
        "17 mai 2024 SAME DAY, SECOND",
    ]
    assert [type(n).__name__ for n in out[0][1].children] == ["image", "paragraph"]
    assert out[1]["classes"] == ["scholar-see-all"] and out[1][0] is more
    # the limit cuts nothing: no "see all" link
    assert len(render_news(NEWS, limit=5, more=more)) == 5
    assert len(render_news(NEWS, limit=0, more=more)) == 5
    assert len(render_news(NEWS, group_by="none", limit=4, more=more)) == 2
    assert len(render_news(NEWS, group_by="none", limit=4)) == 1
    empty = render_news([], labels=FRENCH)
    assert tree(empty) == '<paragraph classes="scholar-empty">\n  Pas de nouvelles.\n'
    assert tree(render_news([], limit=1, more=more)) == '<paragraph classes="scholar-empty">\n  No news yet.\n'


# -- projects --------------------------------------------------------------------------------------

PAPERS = entries(
    "@misc{a, title={A}, year=2020, projects={Vision; other}}\n"
    "@misc{b, title={B}, year=2022}\n"
    "@misc{c, title={C}, year=2021, keywords={deep}}\n"
    "@misc{d, title={D}, year=2024, projects={ VISION }}\n"
    "@misc{e, title={E}, year=2023, projects={visionary}}\n"
)


def test_project_papers():
    assert PROJECT_STATUSES == ("active", "completed", "planned")
    vision = Project("Vision", "vision")
    assert [p.key for p in project_papers(vision, PAPERS)] == ["d", "a"]  # newest first, not the file's order
    keyed = Project("V", "v", keys=("b", "zz"), filter="'deep' in keywords")
    assert [p.key for p in project_papers(keyed, PAPERS)] == ["b", "c"]
    assert project_papers(Project("V", "v", filter="  "), PAPERS) == []
    with pytest.raises(FilterError):
        project_papers(Project("V", "v", filter="year +"), PAPERS)


def test_project_cards():
    projects = [
        Project(
            "Vision",
            "vision",
            summary="Seeing *things*",
            people=("Ada", "Bo"),
            links=(("code", "https://c.org"), ("bad", "javascript:x")),
        ),
        Project("Old", "old", status="completed"),
        Project("Odd", "odd", status="on_hold"),
    ]
    out = render_projects(
        projects,
        title_node=lambda p: nodes.strong(p.title, p.title),
        person_node=lambda name: nodes.emphasis(name, name),
        image_node=lambda p: nodes.image(uri=f"{p.slug}.png", classes=["mine"]) if p.slug == "vision" else None,
        paper_count=lambda p: {"vision": 1, "old": 1234}.get(p.slug, 0),
    )
    assert tree(out) == "\n".join(
        [
            '<container classes="sd-container-fluid sd-sphinx-override scholar-project-cards">',
            '  <container classes="sd-row sd-row-cols-1 sd-row-cols-sm-2 sd-row-cols-lg-3 sd-g-3">',
            '    <container classes="sd-col sd-d-flex-row scholar-project scholar-project-active">',
            '      <container classes="sd-card sd-sphinx-override sd-w-100 sd-shadow-sm scholar-project-card">',
            '        <image classes="mine sd-card-img-top scholar-project-image" uri="vision.png">',
            '        <container classes="sd-card-body">',
            '          <paragraph classes="sd-card-title sd-font-weight-bold">',
            "            <strong>",
            "              Vision",
            '          <paragraph classes="scholar-project-meta">',
            '            <inline classes="scholar-badge scholar-status-active">',
            "              Active",
            '            <inline classes="scholar-project-papers">',
            "               1 paper",
            '          <paragraph classes="scholar-project-summary sd-card-text">',
            "            Seeing ",
            "            <emphasis>",
            "              things",
            '          <paragraph classes="scholar-project-people">',
            "            <emphasis>",
            "              Ada",
            "            , ",
            "            <emphasis>",
            "              Bo",
            '          <paragraph classes="scholar-icon-links">',
            '            <reference classes="scholar-icon-link scholar-link-code" reftitle="Code of Vision"'
            ' refuri="https://c.org">',
            '              <icon name="link">',
            '              <inline classes="scholar-visually-hidden">',
            "                Code of Vision",
            '    <container classes="sd-col sd-d-flex-row scholar-project scholar-project-completed">',
            '      <container classes="sd-card sd-sphinx-override sd-w-100 sd-shadow-sm scholar-project-card">',
            '        <container classes="sd-card-body">',
            '          <paragraph classes="sd-card-title sd-font-weight-bold">',
            "            <strong>",
            "              Old",
            '          <paragraph classes="scholar-project-meta">',
            '            <inline classes="scholar-badge scholar-status-completed">',
            "              Completed",
            '            <inline classes="scholar-project-papers">',
            "               1,234 papers",
            '    <container classes="sd-col sd-d-flex-row scholar-project scholar-project-on_hold">',
            '      <container classes="sd-card sd-sphinx-override sd-w-100 sd-shadow-sm scholar-project-card">',
            '        <container classes="sd-card-body">',
            '          <paragraph classes="sd-card-title sd-font-weight-bold">',
            "            <strong>",
            "              Odd",
            '          <paragraph classes="scholar-project-meta">',
            '            <inline classes="scholar-badge scholar-status-on_hold">',
            "              On_hold",
            "",
        ]
    )


def test_project_cards_defaults_and_words():
    out = render_projects(
        [Project("P", "p", status="planned", summary="S")],
        title_node=lambda p: nodes.Text(p.title),
        person_node=lambda name: nodes.Text(name),
        labels=translated("fr", {"Planned": "Prévu"}),
        summary_nodes=lambda p: [nodes.Text("custom")],
    )
    assert [text(n) for n in out[0].findall(nodes.paragraph)] == ["P", "Prévu", "custom"]
    default = render_projects([Project("P", "p")], title_node=lambda p: nodes.Text(p.title), person_node=nodes.Text)
    assert [text(n) for n in default[0].findall(nodes.paragraph)] == ["P", "Active"]
    empty = render_projects([], title_node=nodes.Text, person_node=nodes.Text, labels=FRENCH)
    assert tree(empty) == '<paragraph classes="scholar-empty">\n  Aucun projet.\n'


# -- profile ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "value", "url"),
    [
        ("github", " ada ", "https://github.com/ada"),
        ("orcid", "0000-0002", "https://orcid.org/0000-0002"),
        ("scholar", "XYZ", "https://scholar.google.com/citations?user=XYZ"),
        ("linkedin", "ada", "https://www.linkedin.com/in/ada"),
        ("bluesky", "ada.bsky.social", "https://bsky.app/profile/ada.bsky.social"),
        ("x", "ada", "https://x.com/ada"),
        ("dblp", "12/34", "https://dblp.org/pid/12/34"),
        ("hal", "ada", "https://cv.hal.science/ada"),
        ("mastodon", "@a@b.social", "@a@b.social"),
        ("github", "https://gitlab.com/ada", "https://gitlab.com/ada"),
        ("website", "mailto:a@b.org", "mailto:a@b.org"),
        ("website", "ada.org", "ada.org"),
    ],
)
def test_link_url(kind, value, url):
    assert link_url(kind, value) == url


def test_link_labels():
    assert LINK_LABELS == {
        "github": "GitHub",
        "scholar": "Google Scholar",
        "orcid": "ORCID",
        "dblp": "DBLP",
        "hal": "HAL",
        "linkedin": "LinkedIn",
        "bluesky": "Bluesky",
        "mastodon": "Mastodon",
        "website": "Website",
        "x": "X",
    }


def test_compute_metrics():
    pubs = entries(
        "".join(
            f"@misc{{k{i}, title={{T}}, year=2020{f', citations={{{c}}}' if c is not None else ''}}}\n"
            for i, c in enumerate([25, 10, 9, 3, 3, 2, None])
        )
    )
    assert compute_metrics(pubs) == {"h_index": 3, "i10_index": 2, "papers": 7, "citations": 52}
    assert compute_metrics(pubs, {"k6": 4, "k0": 1}) == {"h_index": 3, "i10_index": 1, "papers": 7, "citations": 32}
    assert compute_metrics([]) == {"h_index": 0, "i10_index": 0, "papers": 0, "citations": 0}
    assert compute_metrics(pubs[:1])["h_index"] == 1 and compute_metrics(pubs[5:6])["h_index"] == 1


PROFILE = Profile(
    name="Ada Lovelace",
    position="Professor",
    affiliation=("Uni", "Lab"),
    address=("1 Road",),
    email="ada@uni.org",
    links=(("github", "ada"), ("bad", "javascript:x"), ("my_blog", "https://b.org")),
    pages=(("CV", "cv"),),
    interests=("ML", "Vision"),
)


def test_profile_header():
    out = render_profile(
        PROFILE,
        photo=nodes.image(uri="ada.png"),
        bio=[nodes.Text("Hello.")],
        page_link=lambda label, docname: nodes.reference(label, label, refuri=docname + ".html"),
        metrics={"h_index": 12, "citations": 3480, "papers": 40},
        metrics_as_of="2024-05",
    )
    assert tree(out) == "\n".join(
        [
            '<container classes="scholar scholar-profile">',
            '  <image uri="ada.png">',
            '  <container classes="scholar-profile-text">',
            '    <paragraph classes="scholar-profile-name">',
            "      <strong>",
            "        Ada Lovelace",
            '    <paragraph classes="scholar-profile-position">',
            "      Professor",
            '    <line_block classes="scholar-profile-affiliation">',
            "      <line>",
            "        Uni",
            "      <line>",
            "        Lab",
            '    <line_block classes="scholar-profile-address">',
            "      <line>",
            "        1 Road",
            '    <paragraph classes="scholar-profile-links">',
            '      <inline classes="scholar-profile-link">',
            '        <icon name="email">',
            '        <email_address domain="uni.org" label="Email" user="ada">',
            "       / ",
            '      <inline classes="scholar-profile-link">',
            '        <icon name="github">',
            '        <reference refuri="https://github.com/ada">',
            "          GitHub",
            "       / ",
            '      <inline classes="scholar-profile-link">',
            '        <icon name="link">',
            '        <reference refuri="https://b.org">',
            "          My blog",
            "       / ",
            '      <inline classes="scholar-profile-link">',
            '        <icon name="page">',
            '        <reference refuri="cv.html">',
            "          CV",
            '    <paragraph classes="scholar-profile-metrics">',
            '      <inline classes="scholar-metric scholar-metric-h-index">',
            "        <strong>",
            "          12",
            "         h-index",
            "       ",
            '      <inline classes="scholar-metric scholar-metric-papers">',
            "        <strong>",
            "          40",
            "         Papers",
            "       ",
            '      <inline classes="scholar-metric scholar-metric-citations">',
            "        <strong>",
            "          3,480",
            "         Citations",
            "       ",
            '      <inline classes="scholar-metrics-as-of">',
            "        (as of May 2024)",
            '  <paragraph classes="scholar-profile-bio">',
            "    Hello.",
            '  <paragraph classes="scholar-profile-interests">',
            "    Interests: ML, Vision",
            "",
        ]
    )


def test_profile_header_minimal_and_in_another_language():
    bare = render_profile(Profile("Bo", email="no-at-sign"), photo=None, bio=[], page_link=None, metrics=None)
    assert tree(bare) == "\n".join(
        [
            '<container classes="scholar scholar-profile">',
            '  <container classes="scholar-profile-text">',
            '    <paragraph classes="scholar-profile-name">',
            "      <strong>",
            "        Bo",
            "",
        ]
    )
    japanese = Labels("ja", overrides={"Interests: %(interests)s": "興味: %(interests)s", "i10-index": "i10"})
    out = render_profile(
        Profile("Bo", interests=("A", "B"), links=(("website", "https://w.org"),)),
        photo=None,
        bio=[],
        page_link=None,
        metrics={"i10_index": 2},
        labels=japanese,
    )
    assert [text(p) for p in out.findall(nodes.paragraph)] == ["Bo", "Website", "2 i10", "興味: A\u3001B"]
    assert not [n for n in out.findall(nodes.inline) if "scholar-metrics-as-of" in n["classes"]]


# -- teaching --------------------------------------------------------------------------------------


def test_courses_whole_tree():
    courses = [
        Course("Vision", code="V1", institution="ENPC", terms=("2021",), links=(("slides", "https://s.org"),)),
        Course(
            "Deep learning",
            institution="ENPC",
            level="M2",
            role="lecturer",
            terms=("2022", "2023"),
            hours=24.5,
            links=(("bad", "javascript:x"), ("notes", "n.html"), ("video", "https://v.org")),
        ),
        Course("algebra", institution="ENS", terms=("2023",)),
    ]
    out = render_courses(courses)
    assert tree(out) == "\n".join(
        [
            '<rubric classes="scholar-group-heading">',
            "  ENS",
            '<bullet_list classes="scholar-courses">',
            '  <list_item classes="scholar-course-item">',
            '    <paragraph classes="scholar-course">',
            '      <strong classes="scholar-course-title">',
            "        algebra",
            "      , 2023",
            '<rubric classes="scholar-group-heading">',
            "  ENPC",
            '<bullet_list classes="scholar-courses">',
            '  <list_item classes="scholar-course-item">',
            '    <paragraph classes="scholar-course">',
            '      <strong classes="scholar-course-title">',
            "        Deep learning",
            "      , M2, lecturer, 2022, 2023, 24.5 h",
            "      . ",
            '      <reference classes="scholar-link" refuri="n.html">',
            "        notes",
            "       / ",
            '      <reference classes="scholar-link" refuri="https://v.org">',
            "        video",
            '  <list_item classes="scholar-course-item">',
            '    <paragraph classes="scholar-course">',
            '      <strong classes="scholar-course-title">',
            "        Vision",
            "       (V1)",
            "      , 2021",
            "      . ",
            '      <reference classes="scholar-link" refuri="https://s.org">',
            "        slides",
            "",
        ]
    )
    # same year: by title, ignoring case ("algebra" before "Deep learning")
    by_year = render_courses(courses, group_by="year")
    assert [text(n) for n in by_year if isinstance(n, nodes.rubric)] == ["2023", "2021"]
    assert [text(p) for p in by_year[1].findall(nodes.paragraph)] == [
        "algebra, ENS, 2023",
        "Deep learning, ENPC, M2, lecturer, 2022, 2023, 24.5 h. notes / video",
    ]
    french = render_courses([Course("X", hours=1500)], group_by="year", labels=FRENCH)
    assert [text(n) for n in french] == ["Autre", "X, 1 500 h"]  # text() makes the narrow space a space
    assert text(render_courses([Course("X")], group_by="institution", labels=FRENCH)[0]) == "Autre"
    assert tree(render_courses([], labels=FRENCH)) == '<paragraph classes="scholar-empty">\n  No courses.\n'


def test_talks_whole_tree():
    talks = [
        Talk("Undated", event="Seminar"),
        Talk("Old", date="2019", links=(("video", "https://v.org"), ("slides", "s.pdf"))),
        Talk("New", event="Conf", location="Paris", date="2023-06-02"),
        Talk("Mid", date="2021-xx"),
    ]
    out = render_talks(talks, labels=Labels("fr"))
    assert tree(out) == "\n".join(
        [
            '<bullet_list classes="scholar-talks">',
            '  <list_item classes="scholar-talk-item">',
            '    <paragraph classes="scholar-talk">',
            "      <strong>",
            "        New",
            "      , Conf, Paris, 2 juin 2023",
            '  <list_item classes="scholar-talk-item">',
            '    <paragraph classes="scholar-talk">',
            "      <strong>",
            "        Mid",
            "      , 2021-xx",
            '  <list_item classes="scholar-talk-item">',
            '    <paragraph classes="scholar-talk">',
            "      <strong>",
            "        Old",
            "      , 2019",
            "      . ",
            '      <reference classes="scholar-link" refuri="https://v.org">',
            "        video",
            "       / ",
            '      <reference classes="scholar-link" refuri="s.pdf">',
            "        slides",
            '  <list_item classes="scholar-talk-item">',
            '    <paragraph classes="scholar-talk">',
            "      <strong>",
            "        Undated",
            "      , Seminar",
            "",
        ]
    )
    assert tree(render_talks([])) == '<bullet_list classes="scholar-talks">\n'


# -- the :search: box --------------------------------------------------------------------------------

HOSTILE = '<img src=x onerror=alert(1)>"&'


def box_html(node: filter_box) -> str:
    translator = HTMLTranslator.__new__(HTMLTranslator)
    translator.body = []
    translator.in_mailto = False
    visit, _ = HTML_VISITORS[filter_box]
    with pytest.raises(nodes.SkipNode):
        visit(translator, node)
    return "".join(translator.body)


SEARCHABLE = entries(
    f"@article{{a, title={{A}}, year=2020, journal={{J}}, abbr={{{HOSTILE}}}, keywords={{{HOSTILE}, LG, CV}}}}\n"
    "@article{b, title={B}, year=2021, journal={Nature}, abbr={NAT}, keywords={LG, CV}}\n"
    "@inproceedings{c, title={C}, year=2021, booktitle={CVPR}, keywords={LG}}\n"
    "@misc{d, title={D}, keywords={zz}}\n"
)


def test_facet_classes_of_each_entry():
    assert FACETS == ("year", "type", "keywords", "venue")
    assert [facet_classes(p) for p in SEARCHABLE] == [
        [
            "scholar-f-year-2020",
            "scholar-f-type-journal-articles",
            "scholar-f-keyword-img-src-x-onerror-alert-1",
            "scholar-f-keyword-lg",
            "scholar-f-keyword-cv",
            "scholar-f-venue-img-src-x-onerror-alert-1",
        ],
        [
            "scholar-f-year-2021",
            "scholar-f-type-journal-articles",
            "scholar-f-keyword-lg",
            "scholar-f-keyword-cv",
            "scholar-f-venue-nat",
        ],
        ["scholar-f-year-2021", "scholar-f-type-conference-papers", "scholar-f-keyword-lg", "scholar-f-venue-cvpr"],
        ["scholar-f-year-none", "scholar-f-type-other", "scholar-f-keyword-zz"],
    ]
    assert facet_classes(entries("@misc{k, title={T}, year=2020, keywords={+++}}")[0])[-1] == "scholar-f-keyword-x"


def test_filter_box_facets_counts_order_and_cap():
    box = make_filter_box("list-7", SEARCHABLE, max_keywords=2, facets=("year", "type", "keyword", "venue"))
    assert box["target"] == "list-7" and box["total"] == 4
    assert box["facets"] == [
        ("year", [("2021", "2021", 2), ("2020", "2020", 1), ("none", "Undated", 1)]),
        (
            "type",
            [
                ("journal-articles", "Journal articles", 2),
                ("conference-papers", "Conference papers", 1),
                ("other", "Other", 1),
            ],
        ),
        ("keyword", [("lg", "LG", 3), ("cv", "CV", 2)]),
        ("venue", [("img-src-x-onerror-alert-1", HOSTILE, 1), ("nat", "NAT", 1)]),
    ]
    assert make_filter_box("l", SEARCHABLE, facets=("venue", "year"))["facets"][0][0] == "year"
    assert [name for name, _ in make_filter_box("l", SEARCHABLE)["facets"]] == ["year", "type", "keyword"]
    assert make_filter_box("l", SEARCHABLE, facets=())["facets"] == []
    # a facet with a single value shows no chips
    one_year = entries("@misc{a, title={A}, year=2020, keywords={x}}\n@misc{b, title={B}, year=2020, keywords={y}}")
    assert [name for name, _ in make_filter_box("l", one_year, facets=FACETS)["facets"]] == ["keyword"]


def test_filter_box_words():
    assert make_filter_box("l", SEARCHABLE)["labels"] == {
        "placeholder": "Filter publications",
        "year": "Year",
        "type": "Type",
        "keyword": "Keyword",
        "venue": "Venue",
        "one": "%(count)s publication",
        "other": "%(count)s publications",
        "of-one": "%(shown)s publication of %(total)s",
        "of-other": "%(shown)s publications of %(total)s",
        "status": "4 publications",
    }
    assert make_filter_box("l", SEARCHABLE[:1])["labels"]["status"] == "1 publication"
    french = Labels(
        "fr",
        translate=translated("fr", {"Undated": "Sans date", "Journal articles": "Articles", "Year": "Année"}).translate,
        translate_plural=lambda s, p, n: ("%(count)s pub." if n == 1 else "%(count)s pubs") if "count" in s else s,
    )
    many = SEARCHABLE * 300
    box = make_filter_box("l", many, labels=french)
    assert box["labels"]["status"] == "1\u202f200 pubs" and box["labels"]["year"] == "Année"
    assert box["labels"]["one"] == "%(count)s pub." and box["labels"]["other"] == "%(count)s pubs"
    assert box["facets"][0][1][-1] == ("none", "Sans date", 300)
    assert box["facets"][1][1][0] == ("journal-articles", "Articles", 600)


def test_hostile_keywords_and_venues_are_chip_text_never_markup():
    html = box_html(make_filter_box("list-1", SEARCHABLE, facets=FACETS))
    page = BeautifulSoup(html, "html.parser")
    assert page.select("img") == [] and "<img" not in html
    chips = [
        (c["data-facet"], c["data-value"], c.get_text(" ", strip=True)) for c in page.select("button.scholar-chip")
    ]
    assert chips == [
        ("year", "2021", "2021 2"),
        ("year", "2020", "2020 1"),
        ("year", "none", "Undated 1"),
        ("type", "journal-articles", "Journal articles 2"),
        ("type", "conference-papers", "Conference papers 1"),
        ("type", "other", "Other 1"),
        ("keyword", "lg", "LG 3"),
        ("keyword", "cv", "CV 2"),
        ("keyword", "img-src-x-onerror-alert-1", f"{HOSTILE} 1"),
        ("keyword", "zz", "zz 1"),
        ("venue", "img-src-x-onerror-alert-1", f"{HOSTILE} 1"),
        ("venue", "nat", "NAT 1"),
        ("venue", "cvpr", "CVPR 1"),
    ]
    assert html.count("&lt;img src=x onerror=alert(1)&gt;&quot;&amp;") == 2
    groups = [g["aria-label"] for g in page.select("div.scholar-chips")]
    assert groups == ["Year", "Type", "Keyword", "Venue"]


# -- inline markup -----------------------------------------------------------------------------------


def test_inline_nodes_of_each_kind():
    found = inline_nodes(
        (
            "a",
            Inline("sub", ("2",)),
            Inline("sup", (Inline("emph", ("n",)),)),
            Inline("br"),
            Inline("par"),
            Inline("code", text="x < y"),
            Inline("", ("plain", Inline("strong", ("bold",)))),
            Inline("link", ("see ", Inline("emph", ("this",))), url="https://x.org"),
        )
    )
    assert tree(found) == "\n".join(
        [
            "a",
            "<subscript>",
            "  2",
            "<superscript>",
            "  <emphasis>",
            "    n",
            " ",
            " ",
            "<literal>",
            "  x < y",
            "plain",
            "<strong>",
            "  bold",
            '<reference refuri="https://x.org">',
            "  see ",
            "  <emphasis>",
            "    this",
            "",
        ]
    )
    link = found[-1]
    assert link.rawsource == "see this" and isinstance(found[5], nodes.literal) and found[5].rawsource == "x < y"


def test_inline_markup_and_syntax_for():
    found, problems = inline_markup("H~2~O and *x*", "markdown")
    assert problems == [] and "".join(n.astext() for n in found).startswith("H")
    found, problems = inline_markup("[x](a/b.html)", "markdown", local_links=False)
    assert [type(n).__name__ for n in found] == ["Text"] and len(problems) == 1
    found, problems = inline_markup("[x](a/b.html)", "markdown")
    assert [type(n).__name__ for n in found] == ["reference"] and problems == []
    assert syntax_for("a/page.MD") == "markdown" and syntax_for("x.Markdown") == "markdown"
    assert syntax_for("page.rst") == "rst" and syntax_for("md") == "rst" and syntax_for("x.mdx") == "rst"


def test_talk_date_sort_keeps_dated_first_in_english_too():
    out = render_talks([Talk("A"), Talk("B", date="2020")], labels=ENGLISH)
    assert [text(p) for p in out.findall(nodes.paragraph)] == ["B, 2020", "A"]


def test_news_day_of_each_item_is_its_date():
    assert [format_day(i.date) for i in sort_news(NEWS)] == [
        "May 17, 2024",
        "May 17, 2024",
        "Feb 2024",
        "Dec 1, 2023",
        "soon",
    ]
    assert dt.date(2024, 5, 17) == sort_news(NEWS)[0].day


# -- what the whole-tree tests above leave open ----------------------------------------------------


def test_markup_that_starts_with_an_element_stays_an_element():
    """A bio, news text or summary whose first node is an element (not text) keeps it as a node."""
    bio = [nodes.emphasis("Hi", "Hi"), nodes.Text(".")]
    out = render_profile(Profile("Bo"), photo=None, bio=bio, page_link=None, metrics=None)
    assert tree(out.children[-1]) == '<paragraph classes="scholar-profile-bio">\n  <emphasis>\n    Hi\n  .\n'
    news = render_news([NewsItem("2024-01-02", "*Big* news")], group_by="none")
    text_node = [n for n in news[0].findall(nodes.inline) if "scholar-news-text" in n["classes"]][0]
    assert tree(text_node) == '<inline classes="scholar-news-text">\n  <emphasis>\n    Big\n   news\n'
    cards = render_projects(
        [Project("P", "p", summary="**Bold** [site](https://x.org) _em_")],
        title_node=lambda p: nodes.Text(p.title),
        person_node=nodes.Text,
    )
    summary = [n for n in cards[0].findall(nodes.paragraph) if "scholar-project-summary" in n["classes"]][0]
    assert tree(summary) == "\n".join(
        [
            '<paragraph classes="scholar-project-summary sd-card-text">',
            "  <strong>",
            "    Bold",
            "   ",
            '  <reference refuri="https://x.org">',
            "    site",
            "   ",
            "  <emphasis>",
            "    em",
            "",
        ]
    )


def test_project_links_are_named_in_the_page_language():
    french = translated("fr", {"%(link)s of %(name)s": "%(link)s de %(name)s", "Website": "Site"})
    cards = render_projects(
        [Project("P", "p", links=(("website", "https://w.org"),))],
        title_node=lambda p: nodes.Text(p.title),
        person_node=nodes.Text,
        labels=french,
    )
    assert [r["reftitle"] for r in cards[0].findall(nodes.reference)] == ["Site de P"]


def test_h_index_counts_a_paper_cited_exactly_its_rank():
    pubs = entries("".join(f"@misc{{k{i}, title={{T}}, year=2020, citations={{3}}}}\n" for i in range(4)))
    assert compute_metrics(pubs)["h_index"] == 3
    assert compute_metrics(pubs[:1])["h_index"] == 1


def test_an_address_with_two_at_signs_splits_at_the_first():
    out = render_profile(Profile("Bo", email="a@b@c.org"), photo=None, bio=[], page_link=None, metrics=None)
    (address,) = [n for n in out.findall() if type(n).__name__ == "email_address"]
    assert (address["user"], address["domain"]) == ("a", "b@c.org")


def test_news_limit_of_one_and_a_year_heading_for_any_real_year():
    more = nodes.reference("", "All news", refuri="/news")
    out = render_news(NEWS, group_by="none", limit=1, more=more)
    assert [type(n).__name__ for n in out] == ["bullet_list", "paragraph"] and len(out[0]) == 1
    early = render_news([NewsItem("0002-05-01", "Roman news")])
    assert text(early[0]) == "2" and isinstance(early[0], nodes.rubric)


def test_link_text_that_starts_with_an_element():
    (link,) = inline_nodes((Inline("link", (Inline("emph", ("x",)), " y"), url="https://x.org"),))
    assert tree(link) == '<reference refuri="https://x.org">\n  <emphasis>\n    x\n   y\n'


def test_a_mailto_address_is_kept_whatever_the_kind():
    assert link_url("github", "mailto:a@b.org") == "mailto:a@b.org"


def test_keyword_chips_are_capped_at_twelve_by_default_and_years_sorted_by_year():
    many = entries("".join(f"@misc{{k{i}, title={{T}}, year=2020, keywords={{kw{i:02d}}}}}\n" for i in range(13)))
    assert len(make_filter_box("l", many)["facets"][0][1]) == 12
    skewed = entries("@misc{a, title={A}, year=2020}\n@misc{b, title={B}, year=2020}\n@misc{c, title={C}, year=2021}\n")
    assert make_filter_box("l", skewed)["facets"][0] == ("year", [("2021", "2021", 1), ("2020", "2020", 2)])


def test_filter_box_words_pass_both_plural_forms_and_the_count():
    both = Labels(translate_plural=lambda singular, plural, count: f"{singular}|{plural}|{count}")
    words = make_filter_box("l", SEARCHABLE, labels=both)["labels"]
    assert {k: v for k, v in words.items() if k in {"one", "other", "of-one", "of-other"}} == {
        "one": "%(count)s publication|%(count)s publications|1",
        "other": "%(count)s publication|%(count)s publications|2",
        "of-one": "%(shown)s publication of %(total)s|%(shown)s publications of %(total)s|1",
        "of-other": "%(shown)s publication of %(total)s|%(shown)s publications of %(total)s|2",
    }
