"""Property-based tests: random BibTeX never breaks the loader or the page.

The default run is short, for CI. A long run::

    HYPOTHESIS_PROFILE=long python3 -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import os
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_scholar.loaders.bibtex import parse_bibliography

settings.register_profile("ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

FRAGMENTS = [r"{\'e}", r"\"{u}", "{", "}", "$x^2$", r"\emph{", "--", "~", "%", "#", "&", '"', "<script>", "</p>",
             "<img src=x onerror=alert(1)>", "javascript:", "@", ",", "=", "\\", "é", "😀", "\u202e", " and ", "others"]
text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(min_size=0, max_size=8)), max_size=12).map("".join)
field_names = st.sampled_from(["title", "author", "journal", "year", "abstract", "abbr", "keywords", "code", "url", "doi",
                               "arxiv", "note", "month", "pages"])


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
            if segment.kind != "math":
                assert "\\" not in segment.text


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    (root / "conf.py").write_text('extensions = ["sphinx_scholar"]\nscholar_bibfiles = ["refs.bib"]\n')
    (root / "index.rst").write_text("Fuzz\n====\n\n.. publications::\n   :bibtex:\n   :abstract: shown\n   :style: barron\n")
    return root


# Simple, valid entries with hostile text in every field: each must render, as text.
hostile = st.lists(
    st.sampled_from([*"abc <>\"'&;=/éß😀", "<script>", "<b>", "onerror=", "<img src=x onerror=alert(1)>"]),
    min_size=1, max_size=12,
).map("".join)


@settings(max_examples=8 if os.environ.get("HYPOTHESIS_PROFILE") != "long" else 300)
@given(st.lists(st.tuples(hostile, hostile, hostile), min_size=1, max_size=5))
def test_rendered_pages_hold_every_valid_entry_as_text(project, entries):
    from sphinx.testing.util import SphinxTestApp

    def clean(value: str) -> str:  # keep the BibTeX valid: braces and backslashes are the syntax
        return value.replace("{", "").replace("}", "").replace("\\", "").replace("%", "")

    source = "\n".join(
        f"@article{{key{i}, title={{T{i} {clean(t)}}}, author={{Doe, {clean(a) or 'X'}}}, journal={{{clean(j)}}}, year=2020}}"
        for i, (t, a, j) in enumerate(entries)
    )
    (project / "refs.bib").write_text(source, encoding="utf-8")
    out = project / "_build"
    shutil.rmtree(out, ignore_errors=True)
    app = SphinxTestApp("html", srcdir=Path(project), status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    page = BeautifulSoup((Path(app.outdir) / "index.html").read_text(encoding="utf-8"), "html.parser")
    items = page.select("li.scholar-pub")
    assert len(items) == len(entries)
    body = page.select_one(".scholar-publication-list")
    assert body.select("script, b, img") == []
    for tag in body.find_all(True):
        assert not any(name.startswith("on") for name in tag.attrs)
    def normal(value: str) -> str:  # smart quotes are Sphinx's typography, not a change of text
        value = value.translate(str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"}))
        return re.sub(r"\s+", " ", value).strip()

    titles = [normal(item.select_one(".scholar-title").get_text()) for item in items]
    def shown(value: str) -> str:  # HTML in a field is read as HTML (issue 13): its text, never its tags
        from html.parser import HTMLParser

        class Text(HTMLParser):
            skip, out = 0, []

            def handle_starttag(self, tag, attrs):
                self.skip += tag in {"script", "style", "template", "head"}

            def handle_endtag(self, tag):
                self.skip -= tag in {"script", "style", "template", "head"} and self.skip > 0

            def handle_data(self, data):
                if not self.skip:
                    self.out.append(data)

        reader = Text()
        reader.out = []
        reader.feed(value)
        reader.close()
        return "".join(reader.out)

    expected = [normal(shown(f"T{i} {clean(t)}")) or f"key{i}" for i, (t, _, _) in enumerate(entries)]
    assert sorted(titles) == sorted(expected)
