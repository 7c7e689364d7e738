"""Property-based tests: random BibTeX never breaks the loader or the page;
hostile keys never become paths outside the output folder; math from data is
math only when every macro is allowed (checked against TeX's own tokenisation).

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
            # No LaTeX left, except a key shown as written where a title is missing.
            if segment.kind != "math" and segment.text != entry.key:
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


# -- keys and math (issue 12) ------------------------------------------------------------

# What a BibTeX key may hold (no white space, comma or braces), with path tricks mixed in.
KEY_FRAGMENTS = ["../", "..", "/", "\\", ":", "javascript:", "//", ".", ".git", "index", "Index", "search", "genindex",
                 "%2e%2e", "~", "é", "😀", "\u202e", "\x01", "k" * 120, "a", "Z9", "-", "_", "?", "#", "&", ";"]
keys = st.lists(st.one_of(st.sampled_from(KEY_FRAGMENTS), st.text(st.characters(blacklist_categories=("Zs", "Cc")),
                                                                       max_size=6)),
                min_size=1, max_size=8).map("".join).filter(lambda k: not any(c in k for c in ",{}()\"#% \t\n\r="))
documents = st.lists(st.sampled_from(["index", "papers/index", "papers/a", "papers/Index", "papers/x/index", "search"]),
                     max_size=4)


@given(st.lists(keys, min_size=1, max_size=8), documents)
def test_paper_page_names_are_safe_for_any_keys(key_list, docs):
    from types import SimpleNamespace

    from sphinx_scholar.outputs.downloads import entry_filename
    from sphinx_scholar.sphinxext.domain import MAX_SLUG, SPHINX_PAGES, paper_pagenames

    entries = [SimpleNamespace(key=k) for k in key_list]
    pages, _ = paper_pagenames(SimpleNamespace(scholar_paper_dir="papers"), entries, docs)
    assert set(pages) == set(key_list)  # every entry has a page
    names = list(pages.values())
    assert len({n.casefold() for n in names}) == len(names)  # distinct, even on a case-blind file system
    taken = {d.casefold() for d in docs} | {d.casefold()[:-6] for d in docs if d.endswith("/index")}
    out = "/site/out"
    for name in names:
        folder, _, stem = name.partition("/")
        assert folder == "papers"
        assert re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9._-]*", stem) and len(stem) <= MAX_SLUG + 4
        assert name.casefold() not in taken and stem.casefold() not in {p.casefold() for p in SPHINX_PAGES}
        assert os.path.normpath(os.path.join(out, name + ".html")).startswith(out + "/papers/")
    for key in key_list:
        filename = entry_filename(key)
        assert re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9._-]*\.bib", filename) and len(filename) <= 100


@given(st.lists(keys, min_size=1, max_size=4))
def test_hostile_keys_in_a_bib_file_parse_and_slug(key_list):
    from types import SimpleNamespace

    from sphinx_scholar.sphinxext.domain import paper_pagenames

    source = "\n".join(f"@misc{{{k},\n  title = {{T}},\n  year = {{2020}}\n}}" for k in key_list)
    entries, _ = parse_bibliography(source, "fuzz.bib")
    pages, _ = paper_pagenames(SimpleNamespace(scholar_paper_dir="papers"), entries, [])
    for name in pages.values():
        assert ".." not in name.split("/") and name.count("/") == 1 and ":" not in name


FORBIDDEN = ["\\input{../x}", "\\include{x}", "\\read", "\\openin", "\\openout", "\\write18{ls}", "\\immediate",
             "\\catcode", "\\def\\x{y}", "\\let", "\\csname", "\\endcsname", "\\href{javascript:alert(1)}{x}",
             "\\url{x}", "\\style{color:red}{x}", "\\class{x}{y}", "\\cssId{x}{y}", "\\unicode{65}", "\\require{html}",
             "^^5c", "^^", "%", "#1", "\\(", "\\)", "\\[", "\\verb|x|", "\\bbox[red]{x}", "\\mmlToken{mi}{x}", "\\x"]
ALLOWED = ["\\alpha", "\\frac{1}{2}", "\\sqrt{x}", "\\mathrm{d}", "\\mathbf{x}", "\\mathcal{O}", "x^2", "x_i", "\\to",
           "\\text{ for all }", "\\leq", "\\infty", "\\{", "\\}", "\\,", "\\\\", "+", "=", "(", ")", "{", "}", "a", "1", " "]
math_text = st.lists(st.sampled_from(FORBIDDEN + ALLOWED), max_size=8).map("".join)
_TEX_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|\^\^|.", re.S)


def _tex_is_safe(source: str) -> bool:
    """An independent reading of the allow-list: TeX's own tokenisation, then every token checked."""
    from sphinx_scholar.records.math_guard import ALLOWED_MACROS, ALLOWED_SYMBOLS

    depth = 0
    for token in _TEX_TOKEN.findall(source):
        if token == "^^" or token in {"%", "#", "$", "\\"}:  # "\\" alone: a trailing backslash
            return False
        if token.startswith("\\") and len(token) > 1:
            if token[1:].isalpha() and token[1:].isascii():
                if token[1:] not in ALLOWED_MACROS:
                    return False
            elif token[1] not in ALLOWED_SYMBOLS:
                return False
        depth += token == "{"
        depth -= token == "}"
        if depth < 0:
            return False
    return depth == 0


@given(math_text)
def test_math_guard_agrees_with_tex_tokenisation(source):
    from sphinx_scholar.records.math_guard import math_segment, refusal

    assert (refusal(source) is None) == (_tex_is_safe(source) and len(source) <= 2000)
    kind, shown = math_segment(source)
    assert kind == ("math" if refusal(source) is None else "text")


@given(st.lists(st.tuples(math_text, st.text(max_size=6)), min_size=1, max_size=4))
def test_no_refused_macro_becomes_math_in_any_field(parts):
    from docutils import nodes as docnodes

    from sphinx_scholar.records.math_guard import refusal
    from sphinx_scholar.render.publications import rich_nodes

    title = " ".join(f"{text} ${math}$" for math, text in parts).replace("\n", " ")
    source = f"@article{{k, title = {{{title}}}, abstract = {{{title}}}, year = 2020}}"
    entries, problems = parse_bibliography(source, "fuzz.bib")
    for entry in entries:
        for segment in entry.title:
            if segment.kind == "math":
                assert refusal(segment.text) is None and _tex_is_safe(segment.text)
        for node in rich_nodes(entry.title, "render"):
            if isinstance(node, docnodes.math):
                assert _tex_is_safe(node.astext())
    assert all(p.line is None or p.line >= 1 for p in problems)


@settings(max_examples=4 if os.environ.get("HYPOTHESIS_PROFILE") != "long" else 100)
@given(st.lists(keys, min_size=1, max_size=5, unique=True))
def test_paper_pages_of_hostile_keys_stay_in_the_output_folder(tmp_path_factory, key_list):
    import subprocess
    import sys

    root = tmp_path_factory.mktemp("keys")
    src, out = root / "src", root / "out"
    (src / "papers").mkdir(parents=True)
    (src / "conf.py").write_text('extensions = ["sphinx_scholar"]\nscholar_bibfiles = ["refs.bib"]\n'
                                 "scholar_paper_pages = True\n")
    (src / "index.rst").write_text("Home\n====\n\n.. toctree::\n\n   papers/index\n\n.. publications::\n")
    (src / "papers" / "index.rst").write_text("Papers\n======\n\nREAL\n")
    (src / "refs.bib").write_text(
        "\n".join(f"@misc{{{k},\n  title = {{T{i}}},\n  year = {{2020}}\n}}" for i, k in enumerate(key_list)),
        encoding="utf-8")
    before = sorted(p for p in root.rglob("*"))
    run = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(out)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    after = sorted(p for p in root.rglob("*") if out not in p.parents and p != out)
    assert after == before  # nothing written outside the output folder
    assert "REAL" in (out / "papers" / "index.html").read_text(encoding="utf-8")
    for page in (out / "papers").rglob("*.html"):
        assert out.resolve() in page.resolve().parents
