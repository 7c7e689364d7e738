"""Issue 13, item by item: each defect found in real researchers' files, from a minimal
``.bib``/``.yaml`` (not the corpus files), at the renderer level where possible:
records in, nodes out."""

from __future__ import annotations

import json
import textwrap

import pytest
from docutils import nodes

from sphinx_scholar.directives.cv import cv_locale
from sphinx_scholar.formats.exporters import csl_item, to_ris
from sphinx_scholar.formats.scholarly_meta import citation_meta, paper_json_ld
from sphinx_scholar.loaders.bibtex import parse_bibliography
from sphinx_scholar.loaders.yaml_files import load_data_file
from sphinx_scholar.nodes.elements import email_address, line_break
from sphinx_scholar.records.markup import rich_field
from sphinx_scholar.records.people import CVLocale, cv_section, cv_section_title
from sphinx_scholar.records.urls import arxiv_id, primary_link
from sphinx_scholar.render.cv import render_cv_entries, render_cv_header, social_url
from sphinx_scholar.render.publications import PublicationRenderer, RenderOptions
from sphinx_scholar.selection.names import NameMatcher


def one(source: str):
    entries, problems = parse_bibliography(textwrap.dedent(source), "x.bib")
    assert len(entries) == 1, problems
    return entries[0]


def render(pub, style="list", me=(), **options):
    renderer = PublicationRenderer(RenderOptions(style=style, **options), me=NameMatcher((n, True) for n in me))
    return renderer.render_list([pub])


def cv_file(tmp_path, text: str):
    path = tmp_path / "cv.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_data_file(path, "cv")


def cv_page(data) -> nodes.container:
    """What the ``cv`` directive builds, without Sphinx."""
    record = data.records[0]
    page = nodes.container()
    page += render_cv_header(record["cv"])
    locale = cv_locale(record, "en")
    for key, entries in (record["cv"].get("sections") or {}).items():
        page += nodes.rubric("", cv_section_title(key))
        page += render_cv_entries(cv_section(entries), locale)
    return page


# -- 1. one null or unknown key never empties the CV ----------------------------------


def test_cv_nulls_and_unknown_keys_keep_the_page(tmp_path):
    data = cv_file(
        tmp_path,
        """\
        cv:
          name: Ada Example
          website: null
          photo:
          custom_connections:
          sections:
            education:
              - institution: Uni
                area: Mathematics
                summary:
                grade: "1.0"
        """,
    )
    assert data.problems == ()  # RenderCV accepts every key of this file
    text = cv_page(data).astext()
    assert "Ada Example" in text and "Education" in text and "Uni, Mathematics" in text
    assert "grade" not in text and "1.0" not in text


def test_cv_bad_entry_costs_that_entry_only(tmp_path):
    data = cv_file(
        tmp_path,
        """\
        cv:
          name: Ada Example
          nickname: Ada
          sections:
            education:
              - institution: Uni
                area: Mathematics
              - 42
              - institution: No area here
              -
            awards:
              - bullet: Prize
        """,
    )
    messages = sorted((p.subtype, p.line, p.message) for p in data.problems)
    assert [(s, line) for s, line, _ in messages] == [
        ("yaml-schema", 8),
        ("yaml-schema", 9),
        ("yaml-schema", 10),
        ("yaml-unknown-key", 3),
    ]
    assert "`nickname`" in messages[3][2]
    assert all("institution: No area here" not in m for _, _, m in messages)  # never the whole entry dumped
    text = cv_page(data).astext()
    assert "Uni, Mathematics" in text and "Prize" in text and "No area here" not in text


# -- 2. shown as RenderCV shows it --------------------------------------------------------


def test_cv_section_titles_as_rendercv():
    assert cv_section_title("selected_publications") == "Selected Publications"
    assert cv_section_title("education_and_training") == "Education and Training"
    assert cv_section_title("Work Experience") == "Work Experience"
    assert cv_section_title("myPapers") == "myPapers"


def test_cv_markdown_is_parsed_never_shown_raw():
    entries = cv_section(
        ["This is **bold**, *italic*, and [link](https://example.com).", "A [bad](javascript:alert(1)) link"]
    )
    block = render_cv_entries(entries)
    first = block.children[0]
    assert [n.astext() for n in first.findall(nodes.strong)] == ["bold"]
    assert [n.astext() for n in first.findall(nodes.emphasis)] == ["italic"]
    assert [(n.astext(), n["refuri"]) for n in first.findall(nodes.reference)] == [("link", "https://example.com")]
    assert first.astext() == "This is bold, italic, and link."
    assert not [n for n in block.children[1].findall(nodes.reference)]


def test_cv_highlights_nest_and_dates_read_as_rendercv():
    entries = cv_section(
        [
            {
                "company": "Lab",
                "position": "Intern",
                "start_date": "2018-09",
                "end_date": "2023-05",
                "highlights": ["Published at venues - ICML 2022 - NeurIPS 2022", "Plain"],
            },
            {"company": "Next", "position": "Lead", "start_date": "2023-06", "end_date": "present"},
        ]
    )
    block = render_cv_entries(entries, CVLocale())
    first, second = block.children
    assert first.astext().startswith("Lab, Intern \u2014 Sept 2018 \u2013 May 2023")
    outer = first.next_node(nodes.bullet_list)
    assert [item.children[0].astext() for item in outer.children] == ["Published at venues", "Plain"]
    inner = outer.children[0].next_node(nodes.bullet_list)
    assert [item.astext() for item in inner.children] == ["ICML 2022", "NeurIPS 2022"]
    assert "June 2023 \u2013 present" in second.astext()
    assert CVLocale().date(2021) == "2021" and CVLocale().date("Fall 2023") == "Fall 2023"


def test_cv_header_links():
    header = render_cv_header(
        {
            "name": "Ada",
            "email": "ada@example.org",
            "phone": "+1 (609) 555-0100",
            "website": "https://ada.example.org/",
            "social_networks": [
                {"network": "LinkedIn", "username": "ada"},
                {"network": "Google Scholar", "username": "XYZ"},
                {"network": "Mastodon", "username": "@ada@sigmoid.social"},
                {"network": "ORCID", "username": "0000-0002-1825-0097"},
            ],
            "custom_connections": [
                {"placeholder": "Lab page", "url": "https://lab.example.org", "fontawesome_icon": "flask"}
            ],
        }
    )
    links = [(n.astext(), n["refuri"]) for n in header.findall(nodes.reference)]
    assert links == [
        ("+1 (609) 555-0100", "tel:+16095550100"),
        ("ada.example.org", "https://ada.example.org/"),
        ("ada", "https://linkedin.com/in/ada"),
        ("Google Scholar", "https://scholar.google.com/citations?user=XYZ"),
        ("@ada@sigmoid.social", "https://sigmoid.social/@ada"),
        ("0000-0002-1825-0097", "https://orcid.org/0000-0002-1825-0097"),
        ("Lab page", "https://lab.example.org"),
    ]
    mail = next(header.findall(email_address))  # a mailto: link made by script
    assert (mail["user"], mail["domain"]) == ("ada", "example.org")
    assert social_url("Unknown", "x") == "" and social_url("GitHub", "ada") == "https://github.com/ada"


def test_cv_dates_in_the_site_language():
    locale = cv_locale({"cv": {}}, "fr")
    assert locale.date("2018-09") not in {"Sept 2018", "2018-09"} and locale.date("2018-09").endswith("2018")
    assert cv_locale({"cv": {}}, "en").date("2018-09") == "Sept 2018"


# -- 3. schema v1 and v2 files, Korean -----------------------------------------------------


def test_cv_schema_v1_korean_and_v2_settings(tmp_path):
    v1 = cv_file(
        tmp_path,
        """\
        cv:
          name: 최재필
          location: 서울, 대한민국
          phone: +82-10-2589-5000
          website: null
          photo: profile_picture.svg
          sections:
            Education & Certificates:
            - institution: KAIST 경영대학
              area: 금융공학
              degree: 석사
              start_date: 2024-03
              end_date: present
        design:
          theme: engineeringresumes
          page: {size: us-letter, top_margin: 1cm}
        locale:
          language: ko
          date_template: YEAR년 MONTH월
          present: 현재
          to: –
          abbreviations_for_months: [1월, 2월, 3월, 4월, 5월, 6월, 7월, 8월, 9월, 10월, 11월, 12월]
        rendercv_settings:
          date: '2025-09-22'
          render_command: null
        """,
    )
    assert v1.problems == ()
    text = cv_page(v1).astext()
    assert "최재필" in text and "Education & Certificates" in text
    assert "KAIST 경영대학, 석사, 금융공학 \u2014 2024년 3월 \u2013 현재" in text
    v2 = cv_file(
        tmp_path,
        """\
        cv:
          name: John Doe
          headline:
          sections:
            education:
            - institution: Princeton University
              area: Computer Science
              start_date: 2018-09
              end_date: 2023-05
        design:
          theme: classic
          templates: {single_date: MONTH_NAME YEAR}
        locale:
          language: english
        settings:
          current_date: today
          bold_keywords: []
        """,
    )
    assert v2.problems == ()
    assert "September 2018 \u2013 May 2023" in cv_page(v2).astext()


# -- 4. url and doi both reachable; one preference everywhere --------------------------------


def test_url_kept_beside_doi_and_one_preference_everywhere():
    pub = one("""\
        @article{k, title={T}, author={Doe, Jane}, journal={J}, year=2020,
          doi={10.1000/xyz}, url={https://oa.example.org/paper}}
        """)
    assert [(link.kind, link.url) for link in pub.links] == [
        ("url", "https://oa.example.org/paper"),
        ("doi", "https://doi.org/10.1000/xyz"),
    ]
    assert primary_link(pub).url == "https://oa.example.org/paper"
    item = render(pub)[0]
    title = next(n for n in item.findall(nodes.reference) if "scholar-title" in n["classes"])
    assert title["refuri"] == "https://oa.example.org/paper"
    row = [n["refuri"] for n in item.findall(nodes.reference) if "scholar-link" in n["classes"]]
    assert row == ["https://oa.example.org/paper", "https://doi.org/10.1000/xyz"]
    assert csl_item(pub)["URL"] == "https://oa.example.org/paper" and csl_item(pub)["DOI"] == "10.1000/xyz"
    ris = to_ris([pub])
    assert "UR  - https://oa.example.org/paper" in ris and "DO  - 10.1000/xyz" in ris
    assert paper_json_ld(pub)["sameAs"] == ["https://oa.example.org/paper", "https://doi.org/10.1000/xyz"]


def test_url_with_spaces_in_a_file_name_is_one_link():
    pub = one("@misc{k, title={T}, year=1996, url={http://x.org/{~}a/quantum seeing.pdf http://y.org/b}}")
    assert [link.url for link in pub.links] == ["http://x.org/~a/quantum%20seeing.pdf", "http://y.org/b"]


def test_url_same_as_doi_or_arxiv_is_not_repeated_and_several_urls_split():
    pub = one("""\
        @article{k, title={T}, year=2020, doi={10.1000/xyz}, arxiv={2101.00001},
          url={http://dx.doi.org/10.1000/xyz http://pra.aps.org/abstract/PRA/v60/i2/pR773{\\_}1 http://arxiv.org/abs/2101.00001v2}}
        """)
    assert [(link.kind, link.url) for link in pub.links] == [
        ("arxiv", "https://arxiv.org/abs/2101.00001"),
        ("url", "http://pra.aps.org/abstract/PRA/v60/i2/pR773_1"),
        ("doi", "https://doi.org/10.1000/xyz"),
    ]


# -- 5. arXiv identifiers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ("eprint={9905086}, primaryClass={quant-ph}, archivePrefix={arXiv}", "quant-ph/9905086"),
        ("arxivId={quant-ph/9905086}", "quant-ph/9905086"),
        ("eprint={9905086}, primaryClass={arXiv:quant-ph}, archivePrefix={arXiv}", "quant-ph/9905086"),
        ("arxivId={arXiv:quant-ph/0502177}", "quant-ph/0502177"),
        ("arxiv={https://arxiv.org/abs/hep-th/9901001v2}", "hep-th/9901001"),
        ("arxiv={https://arxiv.org/pdf/2101.00001v3.pdf}", "2101.00001"),
        ("arxivId={arXiv:1306.5772v1}", "1306.5772"),
    ],
)
def test_arxiv_ids_old_and_new(fields, expected):
    pub = one(f"@article{{k, title={{T}}, year=1999, {fields}}}")
    assert [link.url for link in pub.links if link.kind == "arxiv"] == [f"https://arxiv.org/abs/{expected}"]
    meta = citation_meta(pub)
    assert f'<meta name="citation_pdf_url" content="https://arxiv.org/pdf/{expected}">' in meta
    assert f'<meta name="citation_arxiv_id" content="{expected}">' in meta
    assert "///" not in meta


def test_arxiv_id_function():
    assert arxiv_id("9905086", "quant-ph") == "quant-ph/9905086"
    assert arxiv_id("math.AG/0601001") == "math/0601001"
    assert arxiv_id(" arXiv:2101.12345v2 ") == "2101.12345"


# -- 8. owner's name forms -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("me", "author", "bold"),
    [
        ("Alice M. Trevail", "Trevail, AM", True),
        ("Alice M. Trevail", "Trevail, Am", True),
        ("Alice M. Trevail", "Trevail, A. M.", True),
        ("Alice M. Trevail", "Trevail, Bob", False),
        ("Zijian Zhang", "{Zhang}, Zi-Jian", True),
        ("Zijian Zhang", "Zhang, ZJ", True),
        ("Zijian Zhang", "Zhang, Zi", False),
        ("Cristiane H. Taniguti", "Taniguti, Lucas Mitsuo", False),
        ("Cristiane H. Taniguti", "C.H. Cristiane Hayumi C.H. Cristiane Hayumi Taniguti", True),
        ("Hernando Martínez Vergara", "Martinez, Vergara Hernando", True),  # bioRxiv's reordered export
        ("Hernando Martínez Vergara", "Martinez, Pedro", False),
        ("Chang Liu", "Chang, Liu", False),  # two names reordered may be another person
    ],
)
def test_owner_name_forms(me, author, bold):
    pub = one(f"@article{{k, title={{T}}, author={{{author} and Other, Person}}, year=2020}}")
    strong = [n.astext() for n in render(pub, me=[me])[0].findall(nodes.strong) if "scholar-me" in n["classes"]]
    assert bool(strong) is bold


# -- 10. HTML inside fields --------------------------------------------------------------------


def test_html_in_fields_becomes_nodes_never_tags():
    pub = one("""\
        @article{k, title={Alfalfa ( <i>Medicago sativa</i> L.) and H<sub>2</sub>O<sup>+</sup>}, year=2020,
          abstract={<p>First <jats:italic>part</jats:italic> &amp; <b>bold</b>.</p><p>See <a href="https://x.org/s">material</a>,
            <a href="javascript:alert(1)">bad</a><script>alert(2)</script> <span class="x">kept</span></p>}}
        """)
    assert pub.title.text == "Alfalfa ( Medicago sativa L.) and H2O+"
    item = render(pub, abstract="shown")[0]
    title = next(n for n in item.findall(nodes.inline) if "scholar-title" in n["classes"])
    assert [n.astext() for n in title.findall(nodes.emphasis)] == ["Medicago sativa"]
    assert [n.astext() for n in title.findall(nodes.subscript)] == ["2"]
    assert [n.astext() for n in title.findall(nodes.superscript)] == ["+"]
    abstract = [p for p in item.findall(nodes.paragraph) if "scholar-abstract" in p["classes"]]
    assert [p.astext() for p in abstract] == ["First part & bold.", "See material, bad kept"]
    assert [(n.astext(), n["refuri"]) for n in abstract[1].findall(nodes.reference)] == [
        ("material", "https://x.org/s")
    ]
    assert "<" not in item.astext() and "alert" not in item.astext()


def test_text_without_tags_is_untouched():
    assert rich_field("p < 0.05 and a > b").text == "p < 0.05 and a > b"


# -- 11. al-folio annotation and additional_info --------------------------------------------------


def test_alfolio_annotation_and_additional_info():
    pub = one("""\
        @article{k, title={T}, year=1935,
          additional_info={. *More Information* can be [found here](https://github.com/alshedivat/al-folio/)},
          annotation={* Example use of superscripts<br>† Albert Einstein}}
        """)
    item = render(pub)[0]
    annotation = next(p for p in item.findall(nodes.paragraph) if "scholar-annotation" in p["classes"])
    assert len(list(annotation.findall(line_break))) == 1
    # The legend's marks are shown like the authors' marks; the break is a node.
    assert [n.astext() for n in annotation.findall(nodes.superscript)] == ["*", "\u2020"]
    assert annotation.astext() == "* Example use of superscripts\u2020 Albert Einstein"
    additional = next(p for p in item.findall(nodes.paragraph) if "scholar-additional" in p["classes"])
    assert [n.astext() for n in additional.findall(nodes.emphasis)] == ["More Information"]
    assert [(n.astext(), n["refuri"]) for n in additional.findall(nodes.reference)] == [
        ("found here", "https://github.com/alshedivat/al-folio/")
    ]
    assert "](" not in item.astext() and "<br>" not in item.astext()


# -- 12. profile style: "…" and "et al." only when true ---------------------------------------------


@pytest.mark.parametrize(
    ("authors", "expected"),
    [
        ("A, A and B, B and C, C and Owner, Olga", "A A, B B, C C, Olga Owner"),
        ("A, A and B, B and C, C and D, D and Owner, Olga", "A A, B B, C C, \u2026, Olga Owner"),
        ("A, A and B, B and C, C and Owner, Olga and E, E", "A A, B B, C C, Olga Owner, et al."),
        ("A, A and B, B and C, C and D, D", "A A, B B, C C, et al."),
        ("A, A and B, B and C, C", "A A, B B, C C"),
        ("A, A and B, B and others", "A A, B B, et al."),
    ],
)
def test_profile_ellipsis_and_et_al(authors, expected):
    pub = one(f"@article{{k, title={{T}}, author={{{authors}}}, year=2020}}")
    byline = next(
        p
        for p in render(pub, style="profile", me=["Olga Owner"])[0].findall(nodes.paragraph)
        if "scholar-byline" in p["classes"]
    )
    assert byline.astext() == expected


# -- 13. keywords one per line; note after the venue ------------------------------------------------


def test_keywords_separated_by_newlines():
    pub = one("@article{k, title={T}, year=2020, keywords={Quantum optics\n  Photon statistics\n  Quantum memory}}")
    assert pub.keywords == ("Quantum optics", "Photon statistics", "Quantum memory")
    wrapped = one("@article{k, title={T}, year=2020, keywords={control education, nonlinear\n  dynamical systems; x}}")
    assert wrapped.keywords == ("control education", "nonlinear dynamical systems", "x")


def test_note_is_shown_after_the_venue():
    pub = one("@article{k, title={T}, journal={Phys. Rev.}, year=1935, note={Invited paper}}")
    venue = next(n for n in render(pub)[0].findall(nodes.inline) if "scholar-venue" in n["classes"])
    assert venue.astext() == "Phys. Rev., 1935. Invited paper"
    assert json.dumps(csl_item(pub))  # exports unaffected
