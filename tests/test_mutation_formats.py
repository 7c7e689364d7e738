"""Fast tests of ``formats/exporters.py`` and ``formats/scholarly_meta.py``, written to kill
mutmut's surviving mutants (CONTRIBUTING.md, "Mutation testing").

Other programs read these outputs (reference managers, feed readers, Google Scholar's Highwire
parser, search engines' JSON-LD), so each is pinned whole for a set of representative records: a
report with particles and a suffix, a misc entry with a DOI URL and an impossible day, a web page
with only editors, a book chapter, a patent with a year alone, a preprint known by its arXiv URL.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timezone

import pytest

from sphinx_scholar.formats.exporters import (
    AtomEntry,
    atom_feed,
    csl_item,
    entry_bibtex,
    to_atom,
    to_bibtex,
    to_csl_json,
    to_ris,
    xml_text,
)
from sphinx_scholar.formats.scholarly_meta import citation_meta, json_ld_text, paper_json_ld
from sphinx_scholar.loaders.bibtex import parse_bibliography
from sphinx_scholar.records.publication import Publication

SOURCE = r"""
@techreport{rep, title={A {Report} on \emph{things}},
  author={van Dam, Piet and Doe, Jr., John and von Neu, Ada},
  institution={Inria}, number={RR-12}, year=2020, day=17, pages={5\,--\,9},
  url={https://r.org/x}, html={https://paper.org/}, abstract={Short.}}
@misc{soft, title={Tool}, author={Plato and others}, year=2022, month=feb, day=30,
  doi={http://dx.doi.org/10.5/ABC}, pdf={https://x.org/p.pdf}, howpublished={GitHub}, pages={12--}, keywords={a}}
@online{web, title={Page}, editor={{The Team} and Roe, R.}, year=2023, month=dec, url={https://w.org},
  pages={iv}, volume={3}}
@inbook{chap, title={Ch}, author={Li, Wei}, booktitle={Big Book}, publisher={Springer}, pages={1---2},
  doi={DOI: 10.1/x}}
@patent{pat, title={P}, year=2001}
@unpublished{un, title={U}, arxiv={https://arxiv.org/pdf/2101.00001v3.pdf}}
"""


@pytest.fixture(scope="module")
def pubs() -> list[Publication]:
    found, _ = parse_bibliography(SOURCE, "x.bib")
    return found


def one(source: str) -> Publication:
    found, _ = parse_bibliography(source, "x.bib")
    return found[0]


# -- CSL-JSON ------------------------------------------------------------------------------------


def test_csl_json_of_each_kind_of_record(pubs):
    assert json.loads(to_csl_json(pubs)) == [
        {
            "id": "rep",
            "type": "report",
            "title": "A Report on things",
            "author": [
                {"family": "Dam", "given": "Piet", "non-dropping-particle": "van"},
                {"family": "Doe", "given": "John", "suffix": "Jr."},
                {"family": "Neu", "given": "Ada", "non-dropping-particle": "von"},
            ],
            # a day without a month is no date part (it would be read as the month)
            "issued": {"date-parts": [[2020]]},
            "container-title": "Inria, Technical report RR-12",
            "issue": "RR-12",
            "abstract": "Short.",
            "page": "5-9",
            "URL": "https://paper.org/",
        },
        {
            "id": "soft",
            "type": "article",
            "title": "Tool",
            "author": [{"literal": "Plato"}],
            "issued": {"date-parts": [[2022, 2, 30]]},
            "container-title": "GitHub",
            "page": "12",
            "DOI": "10.5/ABC",
            "URL": "https://doi.org/10.5/ABC",
            "keyword": "a",
        },
        {
            "id": "web",
            "type": "webpage",
            "title": "Page",
            "editor": [{"literal": "The Team"}, {"family": "Roe", "given": "R."}],
            "issued": {"date-parts": [[2023, 12]]},
            "volume": "3",
            "page": "iv",
            "URL": "https://w.org",
        },
        {
            "id": "chap",
            "type": "chapter",
            "title": "Ch",
            "author": [{"family": "Li", "given": "Wei"}],
            "container-title": "Big Book",
            "publisher": "Springer",
            "page": "1-2",
            "DOI": "10.1/x",
            "URL": "https://doi.org/10.1/x",
        },
        {"id": "pat", "type": "patent", "title": "P", "issued": {"date-parts": [[2001]]}},
        {"id": "un", "type": "manuscript", "title": "U", "URL": "https://arxiv.org/abs/2101.00001"},
    ]


def test_csl_json_text_is_utf8_indented_and_ends_with_a_line_break():
    text = to_csl_json([one("@misc{k, title={Été}, year=2020}")])
    assert text == (
        '[\n  {\n    "id": "k",\n    "type": "article",\n    "title": "Été",\n'
        '    "issued": {\n      "date-parts": [\n        [\n          2020\n        ]\n      ]\n    }\n  }\n]\n'
    )


@pytest.mark.parametrize(
    ("kind", "csl"),
    [
        ("article", "article-journal"),
        ("inproceedings", "paper-conference"),
        ("conference", "paper-conference"),
        ("incollection", "chapter"),
        ("inbook", "chapter"),
        ("book", "book"),
        ("phdthesis", "thesis"),
        ("mastersthesis", "thesis"),
        ("thesis", "thesis"),
        ("techreport", "report"),
        ("report", "report"),
        ("online", "webpage"),
        ("software", "software"),
        ("dataset", "dataset"),
        ("patent", "patent"),
        ("unpublished", "manuscript"),
        ("proceedings", "book"),
        ("misc", "article"),
    ],
)
def test_csl_type_of_each_entry_type(kind, csl):
    assert csl_item(one(f"@{kind}{{k, title={{T}}, year=2020}}"))["type"] == csl


@pytest.mark.parametrize(
    ("kind", "ris"),
    [
        ("article", "JOUR"),
        ("inproceedings", "CPAPER"),
        ("conference", "CPAPER"),
        ("incollection", "CHAP"),
        ("inbook", "CHAP"),
        ("book", "BOOK"),
        ("phdthesis", "THES"),
        ("mastersthesis", "THES"),
        ("thesis", "THES"),
        ("techreport", "RPRT"),
        ("report", "RPRT"),
        ("unpublished", "UNPB"),
        ("online", "ELEC"),
        ("software", "COMP"),
        ("dataset", "DATA"),
        ("patent", "PAT"),
        ("proceedings", "CONF"),
        ("misc", "GEN"),
    ],
)
def test_ris_type_of_each_entry_type(kind, ris):
    assert to_ris([one(f"@{kind}{{k, title={{T}}, year=2020}}")]).startswith(f"TY  - {ris}\nID  - k\n")


# -- RIS -----------------------------------------------------------------------------------------


def test_ris_of_each_kind_of_record(pubs):
    assert to_ris(pubs) == (
        "TY  - RPRT\nID  - rep\nTI  - A Report on things\n"
        "AU  - van Dam, Piet\nAU  - Doe, John, Jr.\nAU  - von Neu, Ada\n"
        "T2  - Inria, Technical report RR-12\nPY  - 2020\nDA  - 2020\nIS  - RR-12\nAB  - Short.\n"
        "SP  - 5\nEP  - 9\nUR  - https://paper.org/\nER  -\n"
        "\n"
        "TY  - GEN\nID  - soft\nTI  - Tool\nAU  - Plato\nT2  - GitHub\nPY  - 2022\nDA  - 2022/02/30\n"
        "SP  - 12\nDO  - 10.5/ABC\nUR  - https://doi.org/10.5/ABC\nKW  - a\nER  -\n"
        "\n"
        "TY  - ELEC\nID  - web\nTI  - Page\nED  - The Team\nED  - Roe, R.\nPY  - 2023\nDA  - 2023/12\n"
        "VL  - 3\nSP  - iv\nUR  - https://w.org\nER  -\n"
        "\n"
        "TY  - CHAP\nID  - chap\nTI  - Ch\nAU  - Li, Wei\nT2  - Big Book\nPB  - Springer\nSP  - 1\nEP  - 2\n"
        "DO  - 10.1/x\nUR  - https://doi.org/10.1/x\nER  -\n"
        "\n"
        "TY  - PAT\nID  - pat\nTI  - P\nPY  - 2001\nDA  - 2001\nER  -\n"
        "\n"
        "TY  - UNPB\nID  - un\nTI  - U\nUR  - https://arxiv.org/abs/2101.00001\nER  -\n"
    )
    assert to_ris([]) == "\n"


def test_ris_values_stay_on_one_line():
    pub = one("@article{k, title={Two\\\\ lines}, abstract={One\n\n  two\tthree}, year=2020, month=jan, day=5}")
    assert (
        to_ris([pub])
        == "TY  - JOUR\nID  - k\nTI  - Two lines\nPY  - 2020\nDA  - 2020/01/05\nAB  - One two three\nER  -\n"
    )


# -- BibTeX --------------------------------------------------------------------------------------


def test_bibtex_with_and_without_the_display_fields():
    pub = one("@misc{k, title={T}, year=2020, pdf={a.pdf}, abbr={X}}")
    assert to_bibtex([pub]) == "@misc{k,\n  title = {T},\n  year = {2020},\n}\n"
    assert entry_bibtex(pub, True) == "@misc{k,\n  title = {T},\n  year = {2020},\n  abbr = {X},\n  pdf = {a.pdf},\n}"
    assert to_bibtex([pub, pub], display_fields=True) == (
        "@misc{k,\n  title = {T},\n  year = {2020},\n  abbr = {X},\n  pdf = {a.pdf},\n}\n\n"
        "@misc{k,\n  title = {T},\n  year = {2020},\n  abbr = {X},\n  pdf = {a.pdf},\n}\n"
    )
    assert to_bibtex([]) == "\n"


# -- Atom ----------------------------------------------------------------------------------------


def test_atom_of_each_kind_of_record_with_a_language(pubs):
    feed = to_atom(
        pubs,
        title="T",
        feed_url="f",
        site_url="s",
        entry_url=lambda p: "u/" + p.key,
        updated=datetime(2024, 1, 2, 5, 6, 7, tzinfo=timezone.utc),
        language="pt-BR",
    )
    entry = (
        "  <entry>\n    <title>{title}</title>\n    <id>u/{key}</id>\n"
        '    <link rel="alternate" type="text/html" href="u/{key}"/>\n'
        "    <published>{date}T00:00:00Z</published>\n    <updated>{date}T00:00:00Z</updated>\n{rest}  </entry>\n"
    )
    assert feed == (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="pt-BR">\n'
        "  <title>T</title>\n  <id>f</id>\n"
        '  <link rel="self" href="f"/>\n'
        '  <link rel="alternate" type="text/html" href="s"/>\n'
        "  <updated>2024-01-02T05:06:07Z</updated>\n  <generator>sphinx-scholar</generator>\n"
        + entry.format(
            title="A Report on things",
            key="rep",
            date="2020-01-01",  # a day without a month: the first of the year
            rest="    <author><name>Piet van Dam</name></author>\n"
            "    <author><name>John Doe, Jr.</name></author>\n"
            "    <author><name>Ada von Neu</name></author>\n"
            '    <category term="Inria, Technical report RR-12"/>\n'
            "    <summary>Short.</summary>\n",
        )
        + entry.format(
            title="Tool",
            key="soft",
            date="2022-02-01",  # February 30th: the first of the month
            rest='    <author><name>Plato</name></author>\n    <category term="GitHub"/>\n',
        )
        + entry.format(title="Page", key="web", date="2023-12-01", rest="")
        + entry.format(
            title="Ch",
            key="chap",
            date="1970-01-01",
            rest='    <author><name>Wei Li</name></author>\n    <category term="Big Book"/>\n',
        )
        + entry.format(title="P", key="pat", date="2001-01-01", rest="")
        + entry.format(title="U", key="un", date="1970-01-01", rest="")
        + "</feed>\n"
    )


def test_atom_feed_escapes_every_value_and_drops_what_xml_forbids():
    feed = atom_feed(
        [
            AtomEntry(
                title="<b>&\x00",
                link='u?a=1&b="2"',
                date="2020-01-01T00:00:00Z",
                authors=("A & B\x1f",),
                categories=('"q" <c>',),
                summary="s < t\ufffe",
            )
        ],
        title="x\x0b<y>",
        feed_url='f"&',
        site_url="s<",
        updated=datetime(2024, 1, 2, tzinfo=timezone.utc),
        language='en"',
    )
    assert feed.splitlines() == [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang=\'en"\'>',
        "  <title>x&lt;y&gt;</title>",
        '  <id>f"&amp;</id>',
        '  <link rel="self" href=\'f"&amp;\'/>',
        '  <link rel="alternate" type="text/html" href="s&lt;"/>',
        "  <updated>2024-01-02T00:00:00Z</updated>",
        "  <generator>sphinx-scholar</generator>",
        "  <entry>",
        "    <title>&lt;b&gt;&amp;</title>",
        '    <id>u?a=1&amp;b="2"</id>',
        '    <link rel="alternate" type="text/html" href=\'u?a=1&amp;b="2"\'/>',
        "    <published>2020-01-01T00:00:00Z</published>",
        "    <updated>2020-01-01T00:00:00Z</updated>",
        "    <author><name>A &amp; B</name></author>",
        "    <category term='\"q\" &lt;c&gt;'/>",
        "    <summary>s &lt; t</summary>",
        "  </entry>",
        "</feed>",
    ]


def test_xml_text_keeps_tabs_and_line_breaks_only():
    kept = "a\tb\nc\rd\u00e9\ud7ff\ue000\ufffd"
    assert xml_text(kept) == kept
    dropped = "".join(chr(c) for c in [*range(0, 9), 11, 12, *range(14, 32)]) + "\ud800\udfff\ufffe\uffff"
    assert xml_text("<" + dropped + ">") == "<>"


def test_atom_updated_from_source_date_epoch_or_now(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "90061")
    assert "  <updated>1970-01-02T01:01:01Z</updated>\n" in atom_feed([], title="t", feed_url="f", site_url="s")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    before = datetime.now(timezone.utc).replace(microsecond=0)
    feed = atom_feed([], title="t", feed_url="f", site_url="s")
    stamp = feed.split("<updated>")[1].split("</updated>")[0]
    after = datetime.now(timezone.utc)
    assert before <= datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc) <= after


# -- Highwire citation_* and Open Graph ----------------------------------------------------------


def meta_lines(pub: Publication, **options: str) -> list[str]:
    return citation_meta(pub, **options).split("\n")


def test_citation_meta_of_each_kind_of_record(pubs):
    by_key = {p.key: p for p in pubs}
    common = ['<meta property="og:type" content="article">']
    assert meta_lines(by_key["rep"], page_url="https://l.org/rep") == [
        '<meta name="citation_title" content="A Report on things">',
        '<meta name="citation_author" content="van Dam, Piet">',
        '<meta name="citation_author" content="Doe, John">',
        '<meta name="citation_author" content="von Neu, Ada">',
        '<meta name="citation_publication_date" content="2020">',
        '<meta name="citation_technical_report_institution" content="Inria">',
        '<meta name="citation_issue" content="RR-12">',
        '<meta name="citation_firstpage" content="5">',
        '<meta name="citation_lastpage" content="9">',
        '<meta name="citation_abstract_html_url" content="https://l.org/rep">',
        *common,
        '<meta property="og:title" content="A Report on things">',
        '<meta property="og:description" content="Short.">',
        '<meta name="description" content="Short.">',
        '<meta property="og:url" content="https://l.org/rep">',
    ]
    assert meta_lines(by_key["soft"], site_name="Lab & co") == [
        '<meta name="citation_title" content="Tool">',
        '<meta name="citation_author" content="Plato">',
        '<meta name="citation_publication_date" content="2022/02/30">',
        '<meta name="citation_firstpage" content="12">',
        '<meta name="citation_doi" content="10.5/ABC">',
        '<meta name="citation_pdf_url" content="https://x.org/p.pdf">',
        *common,
        '<meta property="og:title" content="Tool">',
        '<meta property="og:site_name" content="Lab &amp; co">',
    ]
    assert meta_lines(by_key["web"], image_url="https://l.org/i.png") == [
        '<meta name="citation_title" content="Page">',
        '<meta name="citation_publication_date" content="2023/12">',
        '<meta name="citation_volume" content="3">',
        '<meta name="citation_firstpage" content="iv">',
        *common,
        '<meta property="og:title" content="Page">',
        '<meta property="og:image" content="https://l.org/i.png">',
    ]
    assert meta_lines(by_key["chap"]) == [
        '<meta name="citation_title" content="Ch">',
        '<meta name="citation_author" content="Li, Wei">',
        '<meta name="citation_inbook_title" content="Big Book">',
        '<meta name="citation_publisher" content="Springer">',
        '<meta name="citation_firstpage" content="1">',
        '<meta name="citation_lastpage" content="2">',
        '<meta name="citation_doi" content="10.1/x">',
        *common,
        '<meta property="og:title" content="Ch">',
    ]
    assert meta_lines(by_key["pat"]) == [
        '<meta name="citation_title" content="P">',
        '<meta name="citation_publication_date" content="2001">',
        *common,
        '<meta property="og:title" content="P">',
    ]
    assert meta_lines(by_key["un"]) == [
        '<meta name="citation_title" content="U">',
        '<meta name="citation_pdf_url" content="https://arxiv.org/pdf/2101.00001">',
        '<meta name="citation_arxiv_id" content="2101.00001">',
        *common,
        '<meta property="og:title" content="U">',
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("@article{k, title={T}, journal={J}, year=2020}", '<meta name="citation_journal_title" content="J">'),
        ("@periodical{k, title={T}, journal={J}, year=2020}", '<meta name="citation_journal_title" content="J">'),
        (
            "@conference{k, title={T}, booktitle={B}, year=2020}",
            '<meta name="citation_conference_title" content="B">',
        ),
        (
            "@incollection{k, title={T}, booktitle={B}, year=2020}",
            '<meta name="citation_inbook_title" content="B">',
        ),
        (
            "@mastersthesis{k, title={T}, school={S \\& co}, year=2020}",
            '<meta name="citation_dissertation_institution" content="S &amp; co">',
        ),
        (
            "@thesis{k, title={T}, school={S}, year=2020}",
            '<meta name="citation_dissertation_institution" content="S">',
        ),
        (
            "@phdthesis{k, title={T}, school={}, address={Paris}, year=2020}",
            '<meta name="citation_dissertation_institution" content="PhD thesis">',  # no school: the venue
        ),
        (
            "@report{k, title={T}, institution={I}, year=2020}",
            '<meta name="citation_technical_report_institution" content="I">',
        ),
        (
            "@techreport{k, title={T}, institution={ }, type={Memo}, year=2020}",
            '<meta name="citation_technical_report_institution" content="Technical report">',  # the venue
        ),
        ("@misc{k, title={T}, howpublished={H}, year=2020}", None),
        ("@article{k, title={T}, year=2020}", None),
    ],
)
def test_citation_meta_venue_tag(source, expected):
    venue = [line for line in meta_lines(one(source)) if "_title" in line or "_institution" in line][1:]
    assert venue == ([expected] if expected else [])


def test_citation_meta_dates_pages_and_links():
    dated = replace(one("@article{k, title={T}, year=2020, month=jan, day=5, pages={ 3 -- }}"), year=33)
    assert meta_lines(dated)[1:3] == [
        '<meta name="citation_publication_date" content="0033/01/05">',
        '<meta name="citation_firstpage" content="3">',
    ]
    assert '<meta name="citation_publication_date" content="2020">' in meta_lines(
        one("@article{k, title={T}, year=2020, day=5}")
    )
    local_pdf = one("@article{k, title={T}, year=2020, pdf={paper.pdf}, arxiv={2101.00002}}")
    assert '<meta name="citation_pdf_url" content="https://arxiv.org/pdf/2101.00002">' in meta_lines(local_pdf)
    assert not [line for line in meta_lines(one("@article{k, title={T}, pages={--}}")) if "page" in line]


def test_open_graph_description_is_cut_at_a_word_under_300_characters():
    exactly = "a" * 300
    assert f'<meta name="description" content="{exactly}">' in meta_lines(one(f"@misc{{k, abstract={{{exactly}}}}}"))
    longer = "word " * 59 + "abcdefghij"  # 305 characters
    cut = "word " * 58 + "word\u2026"
    assert meta_lines(one(f"@misc{{k, abstract={{{longer}}}}}"))[-2:] == [
        f'<meta property="og:description" content="{cut}">',
        f'<meta name="description" content="{cut}">',
    ]


# -- JSON-LD -------------------------------------------------------------------------------------


def test_json_ld_of_each_kind_of_record(pubs):
    by_key = {p.key: p for p in pubs}
    head = {"@context": "https://schema.org", "@type": "ScholarlyArticle"}
    assert paper_json_ld(by_key["rep"], page_url="https://l.org/rep") == {
        **head,
        "headline": "A Report on things",
        "name": "A Report on things",
        "author": [
            {"@type": "Person", "name": "Piet van Dam"},
            {"@type": "Person", "name": "John Doe, Jr."},
            {"@type": "Person", "name": "Ada von Neu"},
        ],
        "datePublished": "2020",
        "isPartOf": {"@type": "CreativeWork", "name": "Inria, Technical report RR-12"},
        "abstract": "Short.",
        "sameAs": ["https://paper.org/"],
        "url": "https://l.org/rep",
    }
    assert paper_json_ld(by_key["soft"]) == {
        **head,
        "headline": "Tool",
        "name": "Tool",
        "author": [{"@type": "Person", "name": "Plato"}],
        "datePublished": "2022-02-30",
        "isPartOf": {"@type": "CreativeWork", "name": "GitHub"},
        "identifier": {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.5/ABC"},
        "sameAs": ["https://doi.org/10.5/ABC"],
        "keywords": ["a"],
    }
    assert paper_json_ld(by_key["web"]) == {
        **head,
        "headline": "Page",
        "name": "Page",
        "author": [],
        "datePublished": "2023-12",
        "sameAs": ["https://w.org"],
    }
    assert paper_json_ld(by_key["un"]) == {
        **head,
        "headline": "U",
        "name": "U",
        "author": [],
        "sameAs": ["https://arxiv.org/abs/2101.00001"],
    }


def test_json_ld_headline_is_cut_at_110_characters_and_a_journal_is_a_periodical():
    title = "x" * 111
    data = paper_json_ld(one(f"@article{{k, title={{{title}}}, journal={{J}}, year=2020}}"))
    assert data["headline"] == "x" * 110 and data["name"] == title
    assert data["isPartOf"] == {"@type": "Periodical", "name": "J"}


def test_json_ld_text_cannot_close_its_script():
    assert json_ld_text({"a": "é<>&", "b": [1]}) == '{\n "a": "é\\u003c\\u003e\\u0026",\n "b": [\n  1\n ]\n}'


def test_atom_dates_that_are_not_dates_fall_back_in_steps(pubs):
    def published(pub: Publication) -> str:
        feed = to_atom([pub], title="t", feed_url="f", site_url="s", entry_url=lambda p: "u", updated=NOW)
        return feed.split("<published>")[1].split("</published>")[0]

    dated = one("@misc{k, title={T}, year=2020, month=mar, day=9}")
    assert published(dated) == "2020-03-09T00:00:00Z"
    assert published(replace(dated, day=31, month=4)) == "2020-04-01T00:00:00Z"
    assert published(replace(dated, month=13)) == "2020-01-01T00:00:00Z"
    assert published(replace(dated, year=10000)) == "1970-01-01T00:00:00Z"


NOW = datetime(2024, 1, 2, tzinfo=timezone.utc)


def test_atom_feed_without_a_language_has_no_xml_lang():
    assert atom_feed([], title="t", feed_url="f", site_url="s", updated=NOW).split("\n")[1] == (
        '<feed xmlns="http://www.w3.org/2005/Atom">'
    )


@pytest.fixture
def tokyo(monkeypatch):
    """The machine's clock in another time zone: feed dates must stay in UTC."""
    import time

    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_atom_updated_is_utc_whatever_the_local_time_zone(tokyo, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "90061")
    assert "  <updated>1970-01-02T01:01:01Z</updated>\n" in atom_feed([], title="t", feed_url="f", site_url="s")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    before = datetime.now(timezone.utc).replace(microsecond=0)
    stamp = atom_feed([], title="t", feed_url="f", site_url="s").split("<updated>")[1].split("</updated>")[0]
    after = datetime.now(timezone.utc)
    assert before <= datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc) <= after


@pytest.mark.parametrize(
    ("abstract", "shown"),
    [
        ("a" * 301, "a" * 297 + "\u2026"),  # one over: cut (one word: at 297 characters)
        ("a" * 280 + " bbbb~" + "c" * 30, "a" * 280 + "\u2026"),  # cut at a space, not a non-breaking one
        ("a" * 290 + " " + "b" * 6 + " " + "c" * 10, "a" * 290 + "\u2026"),  # at the last space of 297 characters
    ],
)
def test_open_graph_description_cut(abstract, shown):
    tags = meta_lines(one(f"@misc{{k, abstract={{{abstract}}}}}"))
    assert tags[-1] == f'<meta name="description" content="{shown}">'
