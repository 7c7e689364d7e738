"""Property-based tests: random BibTeX never breaks the loader or the page;
hostile keys never become paths outside the output folder; math from data is
math only when every macro is allowed (checked against TeX's own tokenisation).

The default run is short, for CI. A long run::

    HYPOTHESIS_PROFILE=long python3 -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import json
import os
import re
import shutil
from io import StringIO
from pathlib import Path

import defusedxml.ElementTree as ET
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_scholar.loaders.bibtex import parse_bibliography

settings.register_profile("ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

FRAGMENTS = [
    r"{\'e}",
    r"\"{u}",
    "{",
    "}",
    "$x^2$",
    r"\emph{",
    "--",
    "~",
    "%",
    "#",
    "&",
    '"',
    "<script>",
    "</p>",
    "<img src=x onerror=alert(1)>",
    "javascript:",
    "@",
    ",",
    "=",
    "\\",
    "é",
    "😀",
    "\u202e",
    " and ",
    "others",
]
text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(min_size=0, max_size=8)), max_size=12).map("".join)
field_names = st.sampled_from(
    [
        "title",
        "author",
        "journal",
        "year",
        "abstract",
        "abbr",
        "keywords",
        "code",
        "url",
        "doi",
        "arxiv",
        "note",
        "month",
        "pages",
    ]
)


@st.composite
def bib_files(draw):
    entries = []
    for i in range(draw(st.integers(1, 6))):
        fields = draw(st.lists(st.tuples(field_names, text), max_size=6))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        entries.append(f"@{draw(st.sampled_from(['article', 'misc', 'inproceedings', 'weird']))}{{k{i},\n{body}\n}}")
    return "\n\n".join(entries)


@given(bib_files())
def test_loader_never_raises_and_keeps_located_problems(source):
    entries, problems = parse_bibliography(source, "fuzz.bib")
    assert len({e.key for e in entries}) == len(entries)
    lines = source.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 2
    assert all(p.line is None or 1 <= p.line <= lines for p in problems)
    for entry in entries:
        for segment in (*entry.title, *entry.venue):
            # No LaTeX left, except a key shown as written where a title is missing.
            if segment.kind != "math" and segment.text != entry.key:
                assert "\\" not in segment.text


#: Every feature that renders an entry: the four styles, :bibtex:, :search:,
#: every download, paper pages and the feed.
PAGE = """Fuzz
====

.. publications::
   :bibtex:
   :abstract: shown
   :search:
   :download: bib csl ris
   :group-by: keyword

.. publications::
   :style: barron
   :bibtex:

.. publications::
   :style: profile
   :abstract: shown

.. publications::
   :style: cards
   :abstract: collapsed
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    (root / "conf.py").write_text(
        'extensions = ["sphinx_scholar"]\nscholar_bibfiles = ["refs.bib"]\nscholar_paper_pages = True\n'
        'scholar_feed = True\nhtml_baseurl = "https://lab.example.org/"\nscholar_me = ["Doe"]\n'
    )
    (root / "index.rst").write_text(PAGE)
    return root


# Simple, valid entries with hostile text in every field: each must render, as text.
hostile = st.lists(
    st.sampled_from(
        [
            *"abc <>\"'&;=/éß😀",
            "<script>",
            "<b>",
            "onerror=",
            "<img src=x onerror=alert(1)>",
            "javascript:",
            "</textarea>",
            "]]>",
            "-->",
            "$x<y$",
            "$\\alpha$",
            "\u202e",
        ]
    ),
    min_size=1,
    max_size=12,
).map("".join)
#: Every field that is rendered somewhere (list, card, paper page, feed, exports).
TEXT_FIELDS = [
    "journal",
    "abstract",
    "tldr",
    "annotation",
    "additional_info",
    "abbr",
    "award_name",
    "keywords",
    "organization",
    "publisher",
    "volume",
    "pages",
    "note",
    "number",
]
keys = st.text(alphabet="abcXYZ019<>&:;!?*+-_", min_size=1, max_size=10)


@pytest.mark.slow  # a build per example; CI runs it (see CONTRIBUTING.md)
@settings(max_examples=6 if os.environ.get("HYPOTHESIS_PROFILE") != "long" else 300)
@given(
    st.lists(
        st.tuples(keys, hostile, hostile, st.lists(hostile, min_size=len(TEXT_FIELDS), max_size=len(TEXT_FIELDS))),
        min_size=1,
        max_size=4,
        unique_by=lambda t: t[0].lower(),
    )
)
def test_rendered_pages_hold_every_valid_entry_as_text(project, entries):
    from sphinx.testing.util import SphinxTestApp

    def clean(value: str) -> str:  # keep the BibTeX valid: braces and backslashes are the syntax
        value = value.replace("{", "").replace("}", "").replace("%", "")
        return re.sub(r"\\(?!alpha)", "", value)

    def entry(number: int, key: str, title: str, author: str, values: list[str]) -> str:
        fields = [
            f"title={{T{number} {clean(title)}}}",
            f"author={{Doe, {clean(author) or 'X'}}}",
            "year=2020",
            "url={https://example.org/}",
            *(f"{name}={{{clean(v)}}}" for name, v in zip(TEXT_FIELDS, values)),
        ]
        return f"@article{{k{number}{key},\n  " + ",\n  ".join(fields) + "\n}"

    source = "\n\n".join(entry(i, *item) for i, item in enumerate(entries))
    (project / "refs.bib").write_text(source, encoding="utf-8")
    shutil.rmtree(project / "_build", ignore_errors=True)
    app = SphinxTestApp("html", srcdir=Path(project), status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    out = Path(app.outdir)
    page = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    lists = page.select(".scholar-publication-list")
    assert len(lists) == 4
    keys_given = {f"k{i}{key}" for i, (key, *_) in enumerate(entries)}
    for number, body in enumerate(lists):
        assert body.select("script, b, img:not(.scholar-thumb-main):not(.scholar-thumb-hover), iframe, textarea") == []
        for tag in body.find_all(True):
            assert not any(name.startswith("on") for name in tag.attrs), tag
            for name in ("href", "src"):
                assert not tag.get(name, "").strip().lower().startswith(("javascript:", "data:")), tag
        shown = {item["id"] for item in body.select(".scholar-pub")}
        assert len(shown) >= len(entries), number

    # Each entry has a page of its own, and its title and tags are text there.
    def normal(value: str) -> str:  # smart quotes are Sphinx's typography, not a change of text
        value = value.translate(str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"}))
        return re.sub(r"\s+", " ", value).strip()

    # Page names are safe slugs of the keys (a hash when a key had to change): find each by its title.
    papers = {}
    for path in (out / "papers").glob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        block = soup.select_one('script[type="application/ld+json"]')
        if block is not None:
            papers[json.loads(block.string)["name"].split(" ")[0]] = soup
    assert len(papers) == len(entries)
    for i, (_key, title, _, _) in enumerate(entries):
        paper = papers[f"T{i}"]
        injected = ".scholar-paper-page script:not([type='application/ld+json']), .scholar-paper-page b, iframe"
        assert paper.select(injected) == []
        assert normal(paper.select_one('meta[name="citation_title"]')["content"]).startswith(
            normal(f"T{i} {clean(title)}")[:3].strip()
        )
        data = json.loads(paper.select_one('script[type="application/ld+json"]').string)
        assert data["name"].startswith(f"T{i}")
    titles = [normal(t.get_text()) for t in lists[1].select(".scholar-title")]
    assert len(titles) == len(entries) and all(t.startswith("T") for t in titles)
    # Feed and downloads parse back, with every entry.
    feed = ET.parse(out / "publications.atom").getroot()
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == len(entries)
    csl = json.loads(next((out / "_scholar").glob("*.json")).read_text(encoding="utf-8"))
    assert sorted(item["id"] for item in csl) == sorted(keys_given)
    assert next((out / "_scholar").glob("*.ris")).read_text(encoding="utf-8").count("ER  -") == len(entries)
