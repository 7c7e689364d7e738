"""Every builder survives the publications directive and shows the entries."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
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
def test_builder_shows_every_entry(project, build, builder, pattern):
    app = build(project, builder)
    problems = [w for w in warnings_of(app) if "epub" not in w.lower()]  # epub warns about its own metadata only
    assert problems == []
    output = _text_of(Path(app.outdir), pattern)
    flat = re.sub(r"\s+", " ", output)
    for title in TITLES:
        if builder in {"latex", "texinfo", "man"}:
            # These escape or reflow some characters; compare on words.
            assert title.split("/")[-1].split()[-1] in flat
        else:
            assert title in flat, (builder, title)
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
    pot = _text_of(Path(app.outdir), "*.pot")
    assert 'msgid "Papers"' in pot
