"""Lab sites: team (people), member and project pages, news and its feed, projects, group card.

Renderer-level tests first (records in, nodes out), then builds of small
projects from RST and MyST, then the lab example as a user builds it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import soup_of, sphinx_build, warnings_of, write_project
from docutils import nodes

from sphinx_scholar.loaders.yaml_files import load_data_file
from sphinx_scholar.records.people import NewsItem, Person, Project, RoleRegistry, safe_slug
from sphinx_scholar.render.news import format_day, render_news
from sphinx_scholar.render.people import render_people
from sphinx_scholar.render.projects import project_papers

ROOT = Path(__file__).resolve().parent.parent
LAB = ROOT / "examples" / "lab"
TODAY = dt.date(2026, 3, 1)


def person(name: str, *positions: dict, **extra) -> Person:
    return Person.from_dict({"name": name, "positions": list(positions), **extra})


TEAM = [
    person("Pat Postdoc", {"role": "postdoc", "start": 2024}),
    person("Ann Alumna", {"role": "phd", "start": 2018, "end": 2022}),
    person("Zed Student", {"role": "phd", "start": 2021}),
    person("Ada Student", {"role": "phd", "start": 2023}),
    person("Paula Pi", {"role": "pi", "start": 2015}, links={"orcid": "0000-0002-1825-0097", "bad": "javascript:x"}),
    person("Vic Visitor", {"role": "visitor", "start": 2026, "end": 2026}),
    person("Sam Staff", {"role": "staff", "start": 2020}),
]


def text(node: nodes.Node) -> str:
    return re.sub(r"\s+", " ", node.astext()).strip()


def headings(out: list[nodes.Node]) -> list[str]:
    return [text(n) for n in out if isinstance(n, nodes.rubric)]


def names(out: list[nodes.Node]) -> list[str]:
    return [text(n) for o in out for n in o.findall(nodes.inline) if "scholar-person-name" in n["classes"]]


def render(people=TEAM, **options):
    options.setdefault("group_by", "role")
    options.setdefault("sort", "start")
    return render_people(
        people,
        today=TODAY,
        name_node=lambda p: nodes.inline(p.name, p.name, classes=["scholar-person-name"]),
        **options,
    )


# -- records ------------------------------------------------------------------


def test_ongoing_position_reads_present():
    assert person("A", {"role": "postdoc", "start": 2024}).latest.years == "2024\u2013present"
    assert person("A", {"role": "postdoc", "start": 2024, "end": "present"}).latest.years == "2024\u2013present"
    assert person("A", {"role": "phd", "start": 2020, "end": 2023}).latest.years == "2020-2023"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Léa Dubois", "lea-dubois"),
        ("../../etc/passwd", "etc-passwd"),
        ("Zoë  O'Brien", "zoe-o-brien"),
        ("", "member"),
        ("///", "member"),
        ("a" * 200, "a" * 60),
        ("Ştefan Łukasz", "stefan-lukasz"),
    ],
)
def test_slugs_are_bounded_and_safe(value, expected):
    slug = safe_slug(value, fallback="member")
    assert slug == expected
    assert re.fullmatch(r"[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?", slug)


def test_role_registry_defaults_extension_and_order():
    registry = RoleRegistry()
    assert [registry.label(k) for k in registry.order] == [
        "Principal investigators",
        "Postdocs",
        "PhD students",
        "Master students",
        "Engineers",
        "Interns",
        "Visitors",
        "Alumni",
    ]
    assert registry.get("pi").singular == "Principal investigator"
    assert registry.label("research_fellow") == "Research fellow"  # undeclared roles still show
    registry.update(
        {
            "staff": {"label": "Research staff", "singular": "Research scientist"},
            "alumni": "Former members",
            "pi": "Faculty",
        }
    )
    assert registry.label("staff") == "Research staff" and registry.get("staff").singular == "Research scientist"
    assert registry.label("pi") == "Faculty" and registry.label("alumni") == "Former members"
    assert registry.rank("staff") < registry.rank("alumni")
    registry.update({}, ["staff", "pi", "alumni"])
    assert registry.rank("staff") < registry.rank("pi") < registry.rank("alumni")


# -- inline Markdown ------------------------------------------------------------


def test_data_text_is_safe_inline_markdown_and_refusals_are_located(tmp_path, build):
    news = (
        'news:\n  - date: 2025-01-01\n    text: "*a* **b** `c` [d](https://d.org) [e](javascript:alert(1)) '
        '<b>x</b> {download}`/etc/passwd` :download:`/etc/passwd`"\n'
    )
    site = write_project(tmp_path / "src", {"conf.py": CONF, **DATA, **PAGES, "index.rst": RST, "news.yaml": news})
    app = build(site)
    assert [w for w in warnings_of(app) if "news.yaml:2" in w and "[scholar.markup]" in w]
    text = soup_of(app, "news").select_one(".scholar-news-text")
    assert [t.name for t in text.find_all(True, recursive=False)] == ["em", "strong", "code", "a", "code", "code"]
    assert [a["href"] for a in text.select("a")] == ["https://d.org"]
    # Raw HTML and roles are text: markup never runs with the page author's rights.
    assert "<b>x</b>" in text.get_text() and "{download}/etc/passwd" in text.get_text()
    assert not (Path(app.outdir) / "_downloads").exists()


# -- people ---------------------------------------------------------------------


def test_groups_follow_the_registry_order_with_undeclared_roles_before_alumni():
    out = render()
    assert headings(out) == ["Principal investigators", "Postdocs", "PhD students", "Visitors", "Staff", "Alumni"]
    # Within a group: by start date, oldest first.
    assert names(out)[2:4] == ["Zed Student", "Ada Student"]
    registry = RoleRegistry({"staff": {"label": "Research staff"}}, order=["staff", "pi", "phd", "alumni"])
    assert headings(render(registry=registry)) == [
        "Research staff",
        "Principal investigators",
        "PhD students",
        "Postdocs",
        "Visitors",
        "Alumni",
    ]


def test_sort_by_name_status_role_and_limit_with_see_all():
    assert names(render(group_by="none", sort="name")) == [
        "Ann Alumna",
        "Paula Pi",
        "Pat Postdoc",
        "Sam Staff",
        "Ada Student",
        "Zed Student",
        "Vic Visitor",
    ]
    assert names(render(status="alumni")) == ["Ann Alumna"]
    assert names(render(role=["phd"], status="current")) == ["Zed Student", "Ada Student"]
    more = nodes.reference("See all", "See all", refuri="team.html")
    out = render(limit=3, more=more)
    assert names(out) == ["Paula Pi", "Pat Postdoc", "Zed Student"]
    assert text(out[-1]) == "See all"
    # Nothing cut: no link.
    assert "See all" not in [text(n) for n in render(limit=50, more=more)]


def test_cards_show_role_period_and_accessible_icon_links_only_for_safe_urls():
    out = render(style="cards", role=["pi"])
    card = next(out[1].findall(lambda n: isinstance(n, nodes.container) and "scholar-person-card" in n["classes"]))
    assert (
        text(next(n for n in card.findall(nodes.paragraph) if "scholar-person-role" in n["classes"]))
        == "Principal investigator, 2015\u2013present"
    )
    links = list(card.findall(nodes.reference))
    assert [(r["refuri"], r["reftitle"]) for r in links] == [
        ("https://orcid.org/0000-0002-1825-0097", "ORCID of Paula Pi")
    ]
    hidden = [n for n in links[0].findall(nodes.inline) if "scholar-visually-hidden" in n["classes"]]
    assert text(hidden[0]) == "ORCID of Paula Pi"


def test_people_file_roles_and_groups_are_validated_with_lines(tmp_path):
    path = tmp_path / "people.yaml"
    path.write_text(
        textwrap.dedent("""\
        roles:
          staff: {label: Research staff}
          bad: 3
        groups: [staff, pi, alumni]
        people:
          - name: A
            positions: [{role: staff, start: 2020}]
          - name: B
            slug: ../../x
            positions: [{role: pi}]
    """),
        encoding="utf-8",
    )
    data = load_data_file(path, "people")
    assert dict(data.meta) == {"roles": {"staff": {"label": "Research staff"}}, "groups": ["staff", "pi", "alumni"]}
    assert [r["name"] for r in data.records] == ["A"]
    assert [(p.subtype, p.line) for p in data.problems] == [("yaml-schema", 3), ("yaml-schema", 9)]


# -- news and projects ----------------------------------------------------------


NEWS = [NewsItem(date=d, text=f"item {d}") for d in ("2024-05-02", "2025-01-10", "2024-11-30", "2023-02")]


def test_news_newest_first_grouped_by_year_and_limited():
    out = render_news(NEWS)
    assert headings(out) == ["2025", "2024", "2023"]
    dates = [text(n) for o in out for n in o.findall(nodes.inline) if "scholar-news-date" in n["classes"]]
    assert dates == ["Jan 10, 2025", "Nov 30, 2024", "May 2, 2024", "Feb 2023"]
    more = nodes.reference("All news", "All news", refuri="news.html")
    short = render_news(NEWS, limit=2, group_by="none", more=more)
    assert headings(short) == [] and len(list(short[0].findall(nodes.list_item))) == 2 and text(short[-1]) == "All news"
    assert format_day("2024") == "2024"


def test_project_papers_from_keys_filter_and_bibtex_field():
    from sphinx_scholar.loaders.bibtex import parse_bibliography

    bib = textwrap.dedent("""\
        @article{a, title={A}, author={X, Y}, year={2020}, journal={J}}
        @article{b, title={B}, author={X, Y}, year={2021}, journal={J}, projects={other, p1}}
        @article{c, title={C}, author={X, Y}, year={2022}, journal={J}, keywords={pose}}
        @article{d, title={D}, author={X, Y}, year={2023}, journal={J}}
    """)
    entries, _ = parse_bibliography(bib, "refs.bib")
    project = Project.from_dict({"id": "p1", "title": "P", "keys": ["a"], "filter": "'pose' in keywords"})
    assert [p.key for p in project_papers(project, entries)] == ["c", "b", "a"]


# -- builds ---------------------------------------------------------------------

CONF = """\
extensions = ["myst_parser", "sphinx_scholar"]
scholar_bibfiles = ["refs.bib"]
scholar_people = "people.yaml"
scholar_news = "news.yaml"
scholar_projects = "projects.yaml"
scholar_group = "group.yaml"
scholar_member_pages = True
scholar_project_pages = True
scholar_today = "2026-03-01"
exclude_patterns = ["_build"]
"""
DATA = {
    "people.yaml": textwrap.dedent("""\
        people:
          - name: Paula Pi
            aliases: [P. Pi]
            bio: "Leads *the* lab. <script>alert(1)</script> [site](https://pi.example.org) [x](javascript:alert(1))"
            links: {github: ppi}
            positions: [{role: pi, start: 2015}]
          - name: Ada Student
            slug: ada
            positions: [{role: phd, start: 2023}]
          - name: Ann Alumna
            positions: [{role: phd, start: 2018, end: 2022}]
    """),
    "news.yaml": "news:\n" + "".join(f"  - {{date: 2025-0{m}-01, text: 'News **{m}**'}}\n" for m in range(1, 6)),
    "projects.yaml": "projects:\n  - {id: p1, title: Project One, people: [P. Pi, Someone Else], keys: [s2024]}\n",
    "group.yaml": "name: The Lab\ninstitution: Example University\ndescription: We do *things*.\nlinks: {github: lab}\n",
    "refs.bib": textwrap.dedent("""\
        @article{s2024, title={Ada's Paper}, author={Student, Ada and Pi, Paula}, year={2024}, journal={J}, citations={12}}
        @article{p2019, title={Old Paper}, author={Pi, P. and Alumna, Ann}, year={2019}, journal={J}, citations={3}}
    """),
}
RST = """\
Lab
===

.. group-card::
   :metrics:

.. news::
   :limit: 2
   :more: news

.. people::
   :limit: 2
   :more: team

.. projects::

.. toctree::

   team
   news
   pubs
"""
MYST = """\
# Lab

```{group-card}
:metrics:
```

```{news}
:limit: 2
:more: news
```

```{people}
:limit: 2
:more: team
```

```{projects}
```

```{toctree}
team
news
pubs
```
"""


def unexpected(app) -> list[str]:
    """Warnings other than the one DATA asks for (an unsafe link in a bio, refused)."""
    return [
        w
        for w in warnings_of(app)
        if not ("people.yaml:2" in w and "javascript:alert(1)" in w and "[scholar.markup]" in w)
    ]


PAGES = {
    "team.rst": "Team\n====\n\n.. people::\n",
    "news.rst": "News\n====\n\n.. news::\n",
    "pubs.rst": "Papers\n======\n\n.. publications::\n",
}


@pytest.fixture(params=["rst", "myst"])
def lab_site(request, tmp_path):
    index = {"rst": {"index.rst": RST}, "myst": {"index.md": MYST}}[request.param]
    return write_project(tmp_path / "src", {"conf.py": CONF, **DATA, **PAGES, **index})


def test_lab_directives_from_rst_and_myst(lab_site, build):
    app = build(lab_site)
    assert unexpected(app) == [] and len(warnings_of(app)) == 1  # the bio's refused link, at its line
    home = soup_of(app)
    assert home.select_one(".scholar-group-card .scholar-profile-name").get_text() == "The Lab"
    assert home.select_one(".scholar-group-card .scholar-metric-papers strong").get_text() == "2"
    assert home.select_one(".scholar-group-card .scholar-metric-citations strong").get_text() == "15"
    assert [li.select_one(".scholar-news-date").get_text() for li in home.select(".scholar-news-item")] == [
        "May 1, 2025",
        "Apr 1, 2025",
    ]
    assert home.select(".scholar-see-all a")[0]["href"] == "news.html"
    team = home.select(".scholar-team .scholar-person-name")
    assert [t.get_text() for t in team] == ["Paula Pi", "Ada Student"]
    assert home.select(".scholar-team .scholar-see-all a")[0]["href"] == "team.html"
    assert team[0].parent["href"] == "people/paula-pi.html" and team[1].parent["href"] == "people/ada.html"
    card = home.select_one(".scholar-project-card")
    assert card.select_one(".scholar-project-title").parent["href"] == "projects/p1.html"
    assert [a.get_text() for a in card.select(".scholar-project-people a")] == ["P. Pi"]
    assert "Someone Else" in card.select_one(".scholar-project-people").get_text()
    assert card.select_one(".scholar-project-papers").get_text().strip() == "1 paper"


def test_member_pages_bold_the_member_link_coauthors_and_keep_bio_safe(lab_site, build):
    app = build(lab_site)
    out = Path(app.outdir)
    ada = BeautifulSoup((out / "people" / "ada.html").read_text(encoding="utf-8"), "html.parser")
    page = ada.select_one(".scholar-member-page")
    assert page.select_one(".scholar-member-position").get_text() == "PhD student, 2023\u2013present"
    assert [h.get_text() for h in page.select(".scholar-group-heading")] == ["2024"]
    assert [s.get_text() for s in page.select(".scholar-me")] == ["Ada Student"]  # the member, not the PI
    assert page.select_one(".scholar-coauthor a")["href"] == "paula-pi.html"
    pi = BeautifulSoup((out / "people" / "paula-pi.html").read_text(encoding="utf-8"), "html.parser")
    bio = pi.select_one(".scholar-member-bio")
    assert bio.select_one("em").get_text() == "the"
    assert [a["href"] for a in bio.select("a")] == ["https://pi.example.org"]
    assert bio.select("script") == [] and "<script>" in bio.get_text()
    assert [h.get_text() for h in pi.select(".scholar-group-heading")] == ["2024", "2019"]
    # Author names in every list link to the member pages.
    pubs = soup_of(app, "pubs")
    assert {a.get_text(): a["href"] for a in pubs.select(".scholar-coauthor a")} == {
        "Ada Student": "people/ada.html",
        "Paula Pi": "people/paula-pi.html",
        "P. Pi": "people/paula-pi.html",
        "Ann Alumna": "people/ann-alumna.html",
    }
    project = BeautifulSoup((out / "projects" / "p1.html").read_text(encoding="utf-8"), "html.parser")
    assert [li.get_text(strip=True) for li in project.select(".scholar-project-page .scholar-people li")] == [
        "P. Pi",
        "Someone Else",
    ]
    assert project.select_one(".scholar-project-page .scholar-people a")["href"] == "../people/paula-pi.html"
    assert project.select_one(".scholar-project-page .scholar-title").get_text() == "Ada's Paper"


def test_a_real_document_overrides_a_member_page_and_other_builders_link_nothing(tmp_path, build):
    site = write_project(
        tmp_path / "src",
        {"conf.py": CONF, **DATA, **PAGES, "index.rst": RST, "people/ada.rst": "Ada, by hand\n============\n"},
    )
    app = build(site)
    assert [w for w in warnings_of(app) if "people/ada" in w and "instead of the generated page" in w]
    assert "Ada, by hand" in (Path(app.outdir) / "people" / "ada.html").read_text(encoding="utf-8")
    # A builder without generated pages: names stay text, no warning.
    site2 = write_project(tmp_path / "src2", {"conf.py": CONF, **DATA, **PAGES, "index.rst": RST})
    text_app = build(site2, "text")
    assert unexpected(text_app) == []
    assert "Paula Pi" in (Path(text_app.outdir) / "team.txt").read_text(encoding="utf-8")


def test_bad_option_values_warn_and_use_the_default(tmp_path, build):
    page = (
        "Team\n====\n\n.. people::\n   :style: mosaic\n   :sort: age\n   :limit: many\n\n"
        ".. news::\n   :group-by: month\n\n.. projects::\n   :status: someday\n\n"
        ".. toctree::\n\n   team\n   news\n   pubs\n"
    )
    site = write_project(tmp_path / "src", {"conf.py": CONF, **DATA, **PAGES, "index.rst": page})
    app = build(site)
    warnings = warnings_of(app)
    for option, value in (
        ("style", "mosaic"),
        ("sort", "age"),
        ("limit", "many"),
        ("group-by", "month"),
        ("status", "someday"),
    ):
        assert any(
            f"invalid :{option}: option" in w and value in w and "index.rst:" in w and "[scholar.option]" in w
            for w in warnings
        ), option
    home = soup_of(app)
    assert len(home.select(".scholar-team .scholar-person-card")) == 3  # the default style, nobody dropped
    assert len(home.select(".scholar-news-item")) == 5
    assert len(home.select(".scholar-project-card")) == 1


def test_bad_data_is_located_and_the_rest_shown(tmp_path, build):
    data = {
        **DATA,
        "news.yaml": "news:\n  - {date: 2025-01-01, text: ok}\n  - {date: yesterday, text: bad}\n  - {text: no date}\n",
        "people.yaml": DATA["people.yaml"] + "  - name: Eve\n    slug: ../../../etc\n    positions: [{role: phd}]\n",
    }
    site = write_project(tmp_path / "src", {"conf.py": CONF, **data, **PAGES, "index.rst": RST})
    app = build(site)
    warnings = warnings_of(app)
    assert any("news.yaml:3" in w and "yaml-schema" in w for w in warnings)
    assert any("news.yaml:4" in w and "date" in w for w in warnings)
    assert any("people.yaml:" in w and "slug" in w for w in warnings)
    assert len(soup_of(app, "news").select(".scholar-news-item")) == 1
    assert len(soup_of(app, "team").select(".scholar-person-card")) == 3
    assert not (Path(app.outdir).parent / "etc.html").exists()


# -- the lab example, as a user builds it -------------------------------------


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("lab") / "html"
    result = sphinx_build(LAB, out)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return out


def page(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def test_lab_example_team_page(lab):
    team = page(lab, "team")
    assert [h.get_text() for h in team.select(".scholar-group-heading")] == [
        "Principal investigators",
        "Research staff",
        "Postdocs",
        "PhD students",
        "Master students",
        "Engineers",
        "Interns",
        "Visitors",
        "Alumni",
    ]
    cards = team.select(".scholar-person-card")
    assert len(cards) >= 12
    assert len(team.select(".scholar-alumni .scholar-person-card")) == 4
    for card in cards:
        link = card.select_one(".scholar-person-name").parent
        assert (lab / link["href"]).is_file()
        for a in card.select("a.scholar-icon-link"):
            assert a.select_one(".scholar-visually-hidden").get_text().strip()
            assert a.select_one("svg")["aria-hidden"] == "true"
    assert "2015\u2013present" in cards[0].select_one(".scholar-person-role").get_text()


def test_lab_example_member_projects_news_and_feed(lab):
    from defusedxml import ElementTree

    assert len(list((lab / "people").glob("*.html"))) == 18
    assert len(list((lab / "projects").glob("*.html"))) == 3
    import json

    person = json.loads(page(lab, "people/claire-martin").select_one('script[type="application/ld+json"]').string)
    assert person["name"] == "Claire Martin" and person["jobTitle"] == "Principal investigator"
    assert person["url"] == "https://lab.example.org/people/claire-martin.html"
    assert "https://orcid.org/0000-0002-1825-0097" in person["sameAs"]
    lea = page(lab, "people/lea-dubois")
    assert lea.select_one(".scholar-member-position a")["href"] == "tomas-herrera.html"  # a supervisor who is a member
    assert {s.get_text() for s in lea.select(".scholar-me")} == {"Léa Dubois", "L. Dubois"}
    assert (lab / "people" / lea.select_one("img.scholar-member-photo")["src"]).resolve().is_file()
    assert len(page(lab, "news").select(".scholar-news-item")) == 10
    assert len(page(lab, "index").select(".scholar-news-item")) == 3
    assert len(page(lab, "projects").select(".scholar-project-card")) == 3
    feed = ElementTree.fromstring((lab / "news.atom").read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert len(entries) == 10
    assert entries[0].find("a:link", ns).get("href") == "https://lab.example.org/news.html#news-2026-02-10"
    assert 'href="https://lab.example.org/news.atom"' in (lab / "index.html").read_text(encoding="utf-8")


def test_lab_example_under_another_theme(tmp_path):
    pytest.importorskip("furo")
    out = tmp_path / "html"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            "-D",
            "html_theme=furo",
            str(LAB),
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert len(page(out, "team").select(".scholar-person-card")) == 18
    assert (out / "people" / "claire-martin.html").is_file()


# -- sphinx-scholar new --lab -----------------------------------------------------


def test_new_lab_scaffold_builds_with_w_in_html_dirhtml_and_latex(tmp_path):
    from sphinx_scholar.cli import SCAFFOLD_LAB

    target = tmp_path / "my lab"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx_scholar.cli",
            "new",
            "--lab",
            str(target),
            "--name",
            "O'Brien <Lab>",
            "--no-input",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert sorted(str(p.relative_to(target)) for p in target.rglob("*") if p.is_file()) == sorted(SCAFFOLD_LAB)
    for builder in ("html", "dirhtml", "latex"):
        result = sphinx_build(target, target / "_build" / builder, builder)
        assert result.returncode == 0 and result.stderr == "", (builder, result.stderr)
    out = target / "_build" / "html"
    home = page(out, "index")
    assert (
        home.select_one(".scholar-group-card .scholar-profile-name").get_text() == "O\u2019Brien <Lab>"
    )  # smart quotes
    assert home.find("lab") is None  # the name is text, never markup
    assert len(home.select(".scholar-news-item")) == 3 and home.select(".scholar-pub")
    team = page(out, "team")
    assert [h.get_text() for h in team.select(".scholar-group-heading")] == [
        "Principal investigators",
        "Postdocs",
        "PhD students",
        "Engineers",
        "Alumni",
    ]
    assert (out / "people" / "pat-investigator.html").is_file() and (out / "projects" / "first-project.html").is_file()
    nav = [a.get_text(strip=True) for a in home.select("nav a")]
    assert {"Team", "Publications", "Projects", "News", "Contact"} <= set(nav)
    # The news feed appears once the site has an address.
    env = {**os.environ, "READTHEDOCS_CANONICAL_URL": "https://lab.example.org/"}
    fed = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(target), str(tmp_path / "fed")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert fed.returncode == 0, fed.stderr
    assert (tmp_path / "fed" / "news.atom").is_file()


def test_incremental_rebuild_follows_edits_of_the_data_files(tmp_path, build):
    site = write_project(tmp_path / "src", {"conf.py": CONF, **DATA, **PAGES, "index.rst": RST})
    build(site)
    (site / "news.yaml").write_text(DATA["news.yaml"] + "  - {date: 2025-09-01, text: Fresh}\n", encoding="utf-8")
    (site / "people.yaml").write_text(DATA["people.yaml"].replace("Ann Alumna", "Ann Newname"), encoding="utf-8")
    app = build(site)
    assert unexpected(app) == []
    assert "Fresh" in soup_of(app).select_one(".scholar-news-item").get_text()
    assert "Ann Newname" in soup_of(app, "team").get_text()
    assert (Path(app.outdir) / "people" / "ann-newname.html").is_file()
    assert not (Path(app.outdir) / "people" / "ann-alumna.html").exists()  # the old page is removed
    # The publication list links the new name's page (its author is still "Alumna, Ann": no link now).
    assert "Ann Alumna" not in {a.get_text() for a in soup_of(app, "pubs").select(".scholar-coauthor a")}


def test_ablog_builds_alongside_with_our_theme(tmp_path):
    """Blog posts are ablog's: it works with the sphinx_scholar theme and the news list."""
    pytest.importorskip("ablog")
    site = write_project(
        tmp_path / "src",
        {
            "conf.py": (
                'extensions = ["ablog", "sphinx_scholar", "myst_parser"]\nhtml_theme = "sphinx_scholar"\n'
                'blog_path = "blog"\nblog_title = "Lab blog"\nblog_baseurl = "https://lab.example.org/"\n'
                'html_baseurl = "https://lab.example.org/"\nscholar_news = "news.yaml"\nexclude_patterns = ["_build"]\n'
            ),
            "news.yaml": "news:\n  - {date: 2025-01-01, text: A *news* item}\n",
            "index.md": '# Lab\n\n```{news}\n```\n\n## Blog\n\n```{postlist} 5\n:date: "%Y-%m-%d"\n```\n\n'
            "```{toctree}\n:hidden:\n\nposts/first\n```\n",
            "posts/first.md": "# A first post\n\n```{post} 2025-02-01\n:author: Claire Martin\n:tags: lab\n```\n\nWe started a blog.\n",
        },
    )
    out = tmp_path / "html"
    result = sphinx_build(site, out)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    home = page(out, "index")
    assert home.select_one(".postlist a")["href"] == "posts/first.html"
    assert home.select_one(".scholar-news-item em").get_text() == "news"
    assert (out / "blog" / "atom.xml").is_file() and (out / "posts" / "first.html").is_file()
