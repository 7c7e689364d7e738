"""Doctree snapshots of every directive, in its RST and its MyST form.

As sphinx-design's ``tests/test_snippets.py``: each snippet is a page of one
project, read once per syntax (the ``dummy`` builder writes nothing), and the
doctree Sphinx stores for it is compared with a committed snapshot in
``tests/snapshots/``. A change of the nodes a directive makes shows as a diff
of that file. After a deliberate change, rewrite the snapshots with::

    SNAPSHOT_UPDATE=1 python3 -m pytest tests/test_snippets.py

and review the diff. A missing snapshot is written and the test fails once.
The RST and MyST forms of a snippet must give the same nodes.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOTS, build_project, warnings_of

SNAPSHOTS = Path(__file__).parent / "snapshots"

#: name -> (directive, argument, options); every directive and the options that change its nodes.
SNIPPETS: dict[str, tuple[str, str, list[str]]] = {
    "publications-list": ("publications", "", [":bibfile: fields.bib"]),
    "publications-barron": (
        "publications",
        "",
        [":bibfile: fields.bib", ":style: barron", ":keys: luvizon2018multitask", ":bibtex:", ":max-authors: 2"],
    ),
    "publications-profile": (
        "publications",
        "",
        [":bibfile: fields.bib", ":style: profile", ":filter: year >= 2018", ":abstract: hidden"],
    ),
    "publications-cards": ("publications", "", [":bibfile: fields.bib", ":style: cards", ":selected:", ":links: no"]),
    "publications-grouped": (
        "publications",
        "",
        [":bibfile: fields.bib", ":group-by: type", ":numbered:", ":sort: oldest", ":limit: 4", ":class: mine"],
    ),
    "publications-search": (
        "publications",
        "",
        [":bibfile: fields.bib", ":search:", ":download: bib ris", ":sort: author", ":thumbnails: no"],
    ),
    "publications-people": ("publications", "", [":highlight: Yue Zhu", ":sort: source"]),
    "profile-card": ("profile-card", "", [":metrics:"]),
    "students": ("students", "", []),
    "students-role": ("students", "", [":role: phd", ":group-by: role", ":status: alumni"]),
    "students-cards": ("students", "", [":style: cards", ":status: current"]),
    "teaching": ("teaching", "", []),
    "teaching-year": ("teaching", "", [":group-by: year"]),
    "teaching-none": ("teaching", "", [":group-by: none", ":class: compact"]),
    "talks": ("talks", "", []),
    "cv": ("cv", "", []),
    "cv-sections": ("cv", "cv.yaml", [":sections: Skills, Position", ":no-header:"]),
}


def rst_page(name: str, directive: str, argument: str, options: list[str]) -> str:
    head = f".. {directive}::" + (f" {argument}" if argument else "")
    return f"{name}\n{'=' * len(name)}\n\n{head}\n" + "".join(f"   {o}\n" for o in options)


def myst_page(name: str, directive: str, argument: str, options: list[str]) -> str:
    head = f"```{{{directive}}}" + (f" {argument}" if argument else "")
    return f"# {name}\n\n{head}\n" + "".join(f"{o}\n" for o in options) + "```\n"


@pytest.fixture(scope="module", params=["rst", "myst"])
def read(request, tmp_path_factory):
    """Every snippet, read in one project; returns (app, syntax)."""
    syntax = request.param
    root = tmp_path_factory.mktemp(f"snippets-{syntax}") / "src"
    shutil.copytree(ROOTS / "test-people", root)
    shutil.copy(ROOTS / "test-fields" / "refs.bib", root / "fields.bib")
    shutil.copytree(ROOTS / "test-fields" / "img", root / "img", dirs_exist_ok=True)
    for page in ("index.rst", "cv.rst", "teaching.rst"):
        (root / page).unlink()
    suffix, make = (".rst", rst_page) if syntax == "rst" else (".md", myst_page)
    for name, (directive, argument, options) in SNIPPETS.items():
        (root / f"{name}{suffix}").write_text(make(name, directive, argument, options), encoding="utf-8")
    toctree = "".join(f"   {name}\n" for name in SNIPPETS)
    if syntax == "rst":
        (root / "index.rst").write_text(f"Snippets\n========\n\n.. toctree::\n\n{toctree}", encoding="utf-8")
    else:
        (root / "index.md").write_text(
            "# Snippets\n\n```{toctree}\n" + toctree.replace("   ", "") + "```\n", encoding="utf-8"
        )
        with open(root / "conf.py", "a", encoding="utf-8") as handle:
            handle.write('\nextensions = ["myst_parser", "sphinx_scholar"]\n')
    app = build_project(root, "dummy")
    assert warnings_of(app) == []
    return app, syntax


def snapshot_text(app, docname: str) -> str:
    doctree = app.env.get_doctree(docname)
    section = doctree.next_node(lambda n: n.tagname == "section")
    text = "\n".join(child.pformat("  ") for child in section.children[1:])  # the title differs by syntax only
    srcdir = str(Path(app.srcdir))
    text = text.replace(srcdir, "<srcdir>")
    # Digests of .bib content and cache-busting hashes are not what a snapshot is about.
    text = re.sub(r'filename="[0-9a-f]{32}/', 'filename="<hash>/', text)
    # docutils < 0.22 prints boolean attributes as True/False, 0.22 as 1/0.
    return text.replace('="True"', '="1"').replace('="False"', '="0"')


def assert_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / f"{name}.xml"
    if os.environ.get("SNAPSHOT_UPDATE") or not path.exists():
        SNAPSHOTS.mkdir(exist_ok=True)
        existed = path.exists() and path.read_text(encoding="utf-8") == text
        path.write_text(text, encoding="utf-8")
        if not existed and not os.environ.get("SNAPSHOT_UPDATE"):
            pytest.fail(f"snapshot {path.name} was missing and is now written: review and commit it")
        return
    assert text == path.read_text(encoding="utf-8"), f"{name}: doctree differs from tests/snapshots/{path.name}"


@pytest.mark.parametrize("name", list(SNIPPETS))
def test_snippet_doctree(read, name):
    app, syntax = read
    # One snapshot per snippet: the MyST form must give exactly the RST nodes.
    assert_snapshot(name, snapshot_text(app, name))
