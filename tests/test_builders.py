"""Every builder survives the publications directive and shows the entries."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, warnings_of

BODY = """Papers
======

See :pub:`fellus2015gossip`.

.. publications::
   :bibtex:
   :abstract: collapsed
   :group-by: year

.. publications::
   :style: barron
   :selected:

.. publications::
   :style: profile
   :keys: many2020authors

.. publications::
   :style: cards
   :keys: luvizon2018multitask
"""

TITLES = [
    "2D/3D Pose Estimation and Action Recognition using Multitask Deep Learning",
    "Asynchronous gossip principal components analysis",
    "Representation learning for image retrieval",
]


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "src"
    shutil.copytree(ROOTS / "test-fields", root)
    (root / "index.rst").write_text(BODY.replace("Papers\n======\n", "Papers\n======\n\n.. toctree::\n\n   other\n"))
    return root


HTML_LIKE = {"html", "dirhtml", "singlehtml", "epub", "xml"}
#: (last author, title) of entries whose titles every builder writes verbatim.
CITED = [
    ("Gosselin", "Asynchronous gossip principal components analysis"),
    ("Negrel", "Representation learning for image retrieval"),
]


def _text_of(outdir: Path, pattern: str) -> str:
    files = sorted(outdir.rglob(pattern))
    assert files, f"no {pattern} in {outdir}"
    return "\n".join(f.read_text(encoding="utf-8", errors="replace") for f in files)


@pytest.mark.parametrize(
    ("builder", "pattern"),
    [
        ("html", "index.html"),
        ("dirhtml", "index.html"),
        ("singlehtml", "index.html"),
        ("epub", "index.xhtml"),
        ("latex", "*.tex"),
        ("text", "index.txt"),
        ("man", "*.1"),
        ("texinfo", "*.texi"),
        ("xml", "index.xml"),
    ],
)
@pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")
def test_builder_shows_every_entry(project, build, builder, pattern):
    app = build(project, builder)
    problems = [w for w in warnings_of(app) if "epub" not in w.lower()]  # epub warns about its own metadata only
    assert problems == []
    output = _text_of(Path(app.outdir), pattern)
    flat = re.sub(r"\s+", " ", output)
    if builder in HTML_LIKE:
        # Titles also sit in BibTeX boxes and image alt text: read the title elements themselves.
        page = BeautifulSoup(output, "html.parser")
        attribute = "classes" if builder == "xml" else "class"
        titles = page.find_all(attrs={attribute: re.compile(r"\bscholar-title\b")})
        shown = [re.sub(r"\s+", " ", t.get_text()).strip() for t in titles]
        for title in TITLES:
            assert title in shown, (builder, title, shown)
    for authors, title in CITED if builder not in HTML_LIKE else ():
        # In the citation line, after its authors: not the BibTeX, not an alt text.
        between = r"[^A-Za-z]{0,12}(?:\\DUrole\{scholar-title\}\{)?"  # LaTeX wraps the title in a role
        assert re.search(re.escape(authors) + between + re.escape(title), flat), (builder, title)
    if builder in {"text", "man", "latex", "texinfo"}:
        assert "<details" not in output and "Copy BibTeX" not in output
        assert "scholar-copy" not in output
    if builder == "text":
        # The abstract summary becomes a plain label, the BibTeX stays readable.
        assert "@inproceedings{luvizon2018multitask," in output
        assert "J\u00e9r\u00f4me Fellus" in output


def test_latex_output_is_balanced(project, build):
    app = build(project, "latex")
    tex = _text_of(Path(app.outdir), "*.tex")
    body = tex[tex.index(r"\begin{document}") + len(r"\begin{document}") : tex.index(r"\end{document}")]
    # No raw LaTeX from the .bib leaks: accents are Unicode, environments close.
    assert r"{\'e}" not in body and r"\c{c}" not in body
    assert "Pi\u00e7ard" in body
    begins = re.findall(r"\\begin\{(\w+)\}", body)
    ends = re.findall(r"\\end\{(\w+)\}", body)
    assert sorted(begins) == sorted(ends)
    # HTML shows "α"; LaTeX gets the math back.
    assert r"\(\alpha\)" in body


def test_gettext_collects_the_surrounding_text(project, build):
    app = build(project, "gettext")
    assert warnings_of(app) == []
    out = Path(app.outdir)
    msgids = {p.stem: re.findall(r'^msgid "(.*)"$', p.read_text(encoding="utf-8"), re.M) for p in out.rglob("*.pot")}
    assert msgids["other"] == ["", "Other", "Nothing about publications here."]
    # The page's own text is translatable; the entries (titles, authors, venues,
    # BibTeX) are data, never messages. (Thumbnail alt texts are images' own.)
    page = [m for m in msgids["index"] if not m.startswith("Figure from ")]
    assert page == ["", "Papers", "See :pub:`fellus2015gossip`."]
