"""A page per paper: Highwire tags, JSON-LD, links both ways, incremental updates."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOTS, build_project, soup_of, warnings_of

CONF = {"scholar_paper_pages": True, "html_baseurl": "https://lab.example.org/"}


@pytest.fixture
def site(tmp_path) -> Path:
    root = tmp_path / "src"
    shutil.copytree(ROOTS / "test-fields", root)
    return root


def meta(page, name: str) -> list[str]:
    return [m["content"] for m in page.select(f'meta[name="{name}"], meta[property="{name}"]')]


def test_every_entry_gets_a_page_with_scholar_tags(site, build):
    app = build(site, confoverrides=CONF)
    assert warnings_of(app) == []
    out = Path(app.outdir)
    assert sorted(p.stem for p in (out / "papers").glob("*.html")) == sorted(
        ["luvizon2018multitask", "fellus2015gossip", "many2020authors", "negrel2014thesis", "proc2019child", "proc2019"]
    )
    page = soup_of(app, "papers/fellus2015gossip")
    assert page.select_one("title").get_text().startswith("Asynchronous gossip principal components analysis")
    assert meta(page, "citation_title") == ["Asynchronous gossip principal components analysis"]
    assert meta(page, "citation_author") == ["Fellus, J\u00e9r\u00f4me", "Picard, D.", "Gosselin, Philippe-Henri"]
    assert meta(page, "citation_publication_date") == ["2015"]
    assert meta(page, "citation_journal_title") == ["Neurocomputing"]
    assert meta(page, "citation_volume") == ["169"]
    assert meta(page, "citation_firstpage") == ["262"] and meta(page, "citation_lastpage") == ["271"]
    assert meta(page, "citation_pdf_url") == []  # no PDF known: no tag
    assert meta(page, "og:url") == ["https://lab.example.org/papers/fellus2015gossip.html"]

    conference = soup_of(app, "papers/luvizon2018multitask")
    assert meta(conference, "citation_conference_title") == [
        "IEEE/CVF Conference on Computer Vision and Pattern Recognition"
    ]
    assert meta(conference, "citation_doi") == ["10.1109/CVPR.2018.00539"]
    assert meta(conference, "citation_arxiv_id") == ["1802.09232"]
    assert meta(conference, "citation_publication_date") == ["2018/06"]
    assert meta(conference, "citation_pdf_url") == ["https://arxiv.org/pdf/1802.09232"]
    data = json.loads(conference.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "ScholarlyArticle"
    assert [a["@type"] for a in data["author"]] == ["Person"] * 3
    assert data["author"][1]["name"] == "David Picard"
    assert data["datePublished"] == "2018-06"
    assert data["identifier"]["value"] == "10.1109/CVPR.2018.00539"
    body = conference.select_one(".scholar-paper-page")
    assert (
        body.select_one("h1").get_text() == "2D/3D Pose Estimation and Action Recognition using Multitask Deep Learning"
    )
    assert body.select_one(".scholar-me").get_text() == "David Picard"
    assert "closely related" in body.select_one("p.scholar-abstract").get_text()
    assert body.select_one(".scholar-bibtex-box button.scholar-copy") is not None
    thumb = body.select_one("img.scholar-thumb-main")
    assert thumb["src"] == "../_images/thumb.svg" and thumb["width"] == "320"
    assert body.select_one(".scholar-back a")["href"] == "../index.html#pub-luvizon2018multitask"

    # Lists link each title to its page.
    index = soup_of(app, "index")
    link = index.select_one("#pub-luvizon2018multitask a.scholar-paper-link")
    assert link["href"] == "papers/luvizon2018multitask.html"


def test_dirhtml_urls(site, build):
    app = build(site, "dirhtml", confoverrides=CONF)
    assert (Path(app.outdir) / "papers/fellus2015gossip/index.html").is_file()
    index = soup_of(app, "index")
    assert index.select_one("#pub-fellus2015gossip a.scholar-paper-link")["href"] == "papers/fellus2015gossip/"


@pytest.mark.parametrize("builder", ["singlehtml", "epub", "text"])
def test_other_builders_have_no_paper_pages_and_plain_titles(site, build, builder):
    app = build(site, builder, confoverrides=CONF)
    assert not (Path(app.outdir) / "papers").exists()
    if builder == "singlehtml":
        assert soup_of(app, "index").select("a.scholar-paper-link") == []


def test_pages_follow_edits_and_removals(site, build):
    build(site, confoverrides=CONF)
    out = site / "_build" / "html"
    untouched = (out / "papers/negrel2014thesis.html").stat().st_mtime_ns
    bib = site / "refs.bib"
    text = bib.read_text().replace("Asynchronous gossip principal", "Decentralised gossip principal")
    start = text.index("@misc{many2020authors")
    end = text.index("@phdthesis{negrel2014thesis")
    bib.write_text(text[:start] + text[end:])
    app = build(site, confoverrides=CONF)
    page = soup_of(app, "papers/fellus2015gossip")
    assert meta(page, "citation_title") == ["Decentralised gossip principal components analysis"]
    assert not (out / "papers/many2020authors.html").exists()
    assert (out / "papers/negrel2014thesis.html").stat().st_mtime_ns == untouched


def test_user_text_in_tags_is_escaped(site, build):
    bib = site / "refs.bib"
    bib.write_text(
        bib.read_text() + '\n@article{xss, title={"><script>alert(1)</script>}, author={<b>Bad</b>, Name}, year=2020}\n'
    )
    app = build(site, confoverrides=CONF)
    raw = (Path(app.outdir) / "papers/xss.html").read_text()
    assert "<script>alert(1)</script>" not in raw
    assert "<b>Bad</b>" not in raw
    page = soup_of(app, "papers/xss")
    # HTML in a field is read as HTML (issue 13): a script goes with its content; the rest is escaped text.
    assert meta(page, "citation_title") == ['">']
    assert json.loads(page.select_one('script[type="application/ld+json"]').string)["name"] == '">'


THEMED = {
    **CONF,
    "html_theme": "sphinx_scholar",
    "html_theme_options": {"description": "A lab's papers."},
    "scholar_paper_dir": "pubs/items",
    "project": "Lab",
}


@pytest.fixture(scope="module")
def themed(tmp_path_factory):
    """Paper pages under our own theme, in a folder of their own (``scholar_paper_dir``)."""
    root = tmp_path_factory.mktemp("themed") / "src"
    shutil.copytree(ROOTS / "test-fields", root)
    app = build_project(root, confoverrides=THEMED)
    assert warnings_of(app) == []
    return app


OPEN_GRAPH = ["og:type", "og:title", "og:description", "og:url", "og:site_name", "description"]


def test_paper_pages_under_our_theme_have_each_tag_once(themed):
    page = soup_of(themed, "pubs/items/luvizon2018multitask")
    counts = {name: len(meta(page, name)) for name in OPEN_GRAPH}
    assert counts == dict.fromkeys(OPEN_GRAPH, 1)
    assert meta(page, "og:type") == ["article"]
    assert meta(page, "og:title") == ["2D/3D Pose Estimation and Action Recognition using Multitask Deep Learning"]
    assert meta(page, "og:url") == ["https://lab.example.org/pubs/items/luvizon2018multitask.html"]
    assert meta(page, "og:site_name") == ["Lab documentation"]  # html_title, as on every page
    assert meta(page, "description")[0].startswith("Action recognition and human pose estimation are closely related")
    # A page of the site keeps the theme's own tags, each once too.
    index = soup_of(themed, "index")
    assert {name: meta(index, name) for name in ("og:type", "description", "og:description", "og:site_name")} == {
        "og:type": ["website"],
        "description": ["A lab's papers."],
        "og:description": ["A lab's papers."],
        "og:site_name": ["Lab documentation"],
    }
    # An entry without an abstract: the site's description, once.
    thesis = soup_of(themed, "pubs/items/negrel2014thesis")
    assert meta(thesis, "description") == meta(thesis, "og:description") == ["A lab's papers."]
    assert meta(thesis, "og:type") == ["article"]


def test_scholar_paper_dir_places_the_pages_and_the_links(themed):
    out = Path(themed.outdir)
    assert not (out / "papers").exists()
    assert sorted(p.stem for p in (out / "pubs" / "items").glob("*.html")) == sorted(
        ["luvizon2018multitask", "fellus2015gossip", "many2020authors", "negrel2014thesis", "proc2019child", "proc2019"]
    )
    index = soup_of(themed, "index")
    assert index.select_one("#pub-fellus2015gossip a.scholar-paper-link")["href"] == "pubs/items/fellus2015gossip.html"
    page = soup_of(themed, "pubs/items/fellus2015gossip")
    assert page.select_one(".scholar-back a")["href"] == "../../index.html#pub-fellus2015gossip"
    assert meta(page, "citation_abstract_html_url") == ["https://lab.example.org/pubs/items/fellus2015gossip.html"]
