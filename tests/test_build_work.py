"""Work a build does once, not once per page: counted, never timed.

Paper pages share their navigation (the toctree of the paper folder), their
Pygments formatter and their style sheet and script tags; a heavy image is
reported once per build, serial or parallel; a no-change build reads no .bib.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOTS, soup_of, warnings_of, write_project

CONF = {"scholar_paper_pages": True, "html_baseurl": "https://lab.example.org/"}


def _site(tmp_path: Path, theme: str) -> Path:
    root = tmp_path / "src"
    shutil.copytree(ROOTS / "test-fields", root)
    index = root / "index.rst"
    index.write_text(index.read_text(encoding="utf-8").replace("   other\n", "   other\n   second\n"), encoding="utf-8")
    (root / "second.rst").write_text("Second\n======\n\nA page in the toctree.\n", encoding="utf-8")
    with open(root / "conf.py", "a", encoding="utf-8") as conf:
        conf.write(f"\nhtml_theme = {theme!r}\n")
        if theme == "alabaster":  # a sidebar that calls toctree()
            conf.write('html_sidebars = {"**": ["globaltoc.html", "searchbox.html"]}\n')
    return root


def _count(monkeypatch, cls, name: str) -> list:
    calls: list = []
    real = getattr(cls, name)

    def counting(self, *args, **kwargs):
        calls.append(args)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(cls, name, counting)
    return calls


def test_paper_pages_render_each_shared_navigation_once(tmp_path, build, monkeypatch):
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.highlighting import PygmentsBridge

    from sphinx_scholar.outputs import paper_pages

    for theme in ("alabaster", "sphinx_scholar"):
        toctrees = _count(monkeypatch, StandaloneHTMLBuilder, "_get_local_toctree")
        formatters = _count(monkeypatch, PygmentsBridge, "get_formatter")
        during: list[int] = []  # formatters made while the paper pages are made
        real_collect = paper_pages._collect

        def collect(app, formatters=formatters, during=during, real_collect=real_collect):
            before = len(formatters)
            pages = real_collect(app)
            during.append(len(formatters) - before)
            return pages

        monkeypatch.setattr(paper_pages, "_collect", collect)
        app = build(_site(tmp_path / theme, theme), confoverrides=CONF)
        assert warnings_of(app) == []
        papers = sorted(p.stem for p in (Path(app.outdir) / "papers").glob("*.html"))
        assert len(papers) == 6
        paper_calls = [args for args in toctrees if args and str(args[0]).startswith("papers/")]
        # One toctree for the six paper pages (per set of arguments the theme asks for).
        assert 1 <= len(paper_calls) <= 2, (theme, paper_calls)
        assert during == [1], (theme, during)  # six BibTeX blocks, one formatter
        navigations = set()
        for name in papers:
            page = soup_of(app, f"papers/{name}")
            links = [a["href"] for a in page.select("a") if a.get("href", "").startswith("../second")]
            assert links and all(href == "../second.html" for href in links), (theme, name, links)
            navigations.add(tuple(links))
            assert page.select_one(".scholar-bibtex-box .highlight") is not None
        assert len(navigations) == 1
        monkeypatch.undo()


def test_paper_page_html_equals_an_unshared_rendering(tmp_path, build, monkeypatch):
    """Sharing gives the HTML Sphinx gives without it, byte for byte."""
    from sphinx_scholar.outputs import paper_pages

    shared = build(_site(tmp_path / "shared", "alabaster"), confoverrides=CONF)
    pages = {p.name: p.read_text(encoding="utf-8") for p in (Path(shared.outdir) / "papers").glob("*.html")}

    # Without the memo: every page asks Sphinx for its own toctree, formatter and tags.
    monkeypatch.setattr(
        paper_pages._PaperBuild,
        "toctree",
        lambda self, pagename: lambda **kwargs: self.builder._get_local_toctree(pagename, **kwargs),
    )
    monkeypatch.setattr(paper_pages, "_reuse_shared_tags", lambda *args: None)
    monkeypatch.setattr(paper_pages, "_one_formatter", lambda builder, made: _Nothing())
    alone = build(_site(tmp_path / "alone", "alabaster"), confoverrides=CONF)
    again = {p.name: p.read_text(encoding="utf-8") for p in (Path(alone.outdir) / "papers").glob("*.html")}
    assert pages and pages == again


class _Nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_a_heavy_image_is_reported_once_under_parallel_writing(tmp_path, build):
    from PIL import Image

    bib = "@article{a2020,\n  title = {A paper}, author = {Lovelace, Ada}, journal = {J}, year = {2020},\n  preview = {images/big.jpg},\n}\n"
    files = {
        "conf.py": 'extensions = ["sphinx_scholar"]\nscholar_bibfiles = ["refs.bib"]\nscholar_paper_pages = True\n',
        "refs.bib": bib,
        "index.rst": "Home\n====\n\n.. toctree::\n\n" + "".join(f"   p{n}\n" for n in range(8)),
    }
    for n in range(8):  # enough documents for Sphinx to write in parallel
        files[f"p{n}.rst"] = f"Page {n}\n======\n\n.. publications::\n   :style: barron\n"
    root = write_project(tmp_path / "src", files)
    (root / "images").mkdir()
    Image.effect_noise((2400, 1600), 80).convert("RGB").save(root / "images" / "big.jpg", quality=95)
    assert (root / "images" / "big.jpg").stat().st_size > 1024 * 1024
    app = build(root, parallel=2)
    heavy = [line for line in warnings_of(app) if "[scholar.image]" in line]
    assert len(heavy) == 1, heavy
    # A second build of the same process reports it again (the state is per build).
    (root / "p0.rst").write_text("Page 0\n======\n\n.. publications::\n   :style: barron\n\nEdited.\n")
    again = build(root, parallel=2)
    assert len([line for line in warnings_of(again) if "[scholar.image]" in line]) == 1


@pytest.mark.parametrize("paper_pages", [False, True])
def test_a_no_change_build_reads_no_bib(tmp_path, build, monkeypatch, paper_pages):
    from sphinx_scholar.loaders import bibtex

    root = _site(tmp_path, "alabaster")
    with open(root / "conf.py", "a", encoding="utf-8") as conf:
        conf.write(f"\nscholar_paper_pages = {paper_pages}\n")
    build(root)
    (root / "second.rst").write_text("Second\n======\n\nEdited.\n", encoding="utf-8")
    build(root)  # a build that reads a document: what it remembers is saved with the environment
    calls = []
    real = bibtex.load_bibliography

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(bibtex, "load_bibliography", counting)
    bibtex.forget_parsed()  # as a new process: nothing parsed in memory
    app = build(root)
    assert warnings_of(app) == []
    assert calls == []


class _App:
    class builder:  # noqa: N801 - stands for app.builder
        math_renderer_name = "mathjax"

    def __init__(self) -> None:
        self.scripts: list[str] = []

    def add_js_file(self, name: str, **kwargs) -> None:
        self.scripts.append(name)


def test_page_scripts_are_chosen_in_one_plain_walk():
    from docutils import nodes
    from docutils.utils import new_document

    from sphinx_scholar.nodes.elements import copy_button, filter_box
    from sphinx_scholar.sphinxext.assets import _page_scripts

    def page(*children):
        doc = new_document("<test>")
        section = nodes.section()
        section += nodes.paragraph("", "", *children)
        doc += section
        return doc

    def scripts(doctree, **context):
        app = _App()
        _page_scripts(app, "index", "page.html", context, doctree)
        return app.scripts

    assert scripts(page(nodes.Text("plain"))) == []
    assert scripts(page(copy_button())) == ["sphinx-scholar.js"]
    assert scripts(page(copy_button(), filter_box())) == ["sphinx-scholar-filter.js", "sphinx-scholar.js"]
    # Sphinx < 8.2 does not say whether a page has math: the walk finds it.
    assert scripts(page(nodes.math("", "x"))) == ["sphinx-scholar-mathjax.js"]
    # Sphinx >= 8.2 says so, and its answer stands, tree or not.
    assert scripts(page(nodes.Text("x")), has_maths_elements=True) == ["sphinx-scholar-mathjax.js"]
    assert scripts(page(nodes.math("", "x")), has_maths_elements=False) == []
    assert scripts(None, scholar_paper=True) == ["sphinx-scholar.js"]


# Parsers a build needs only when it reads a file of theirs: a no-change build
# (the usual `make html` after editing prose) must not pay for importing them.
# (Sphinx itself imports urllib.request and PIL.)
_LAZY = ("yaml", "markdown_it", "pybtex", "jsonschema", "latexcodec", "babel.numbers")

_SETUP_ONLY = """
import sys
from pathlib import Path
from sphinx.application import Sphinx
src = Path(sys.argv[1])
Sphinx(src, src, src / "_build", src / "_build" / ".doctrees", "html", status=None)
print(" ".join(sorted(m for m in {lazy!r} if m in sys.modules)))
"""


def test_loading_the_extension_imports_no_file_parser(tmp_path):
    import subprocess
    import sys

    (tmp_path / "conf.py").write_text("extensions = ['sphinx_scholar']\n", encoding="utf-8")
    (tmp_path / "index.rst").write_text("Home\n====\n", encoding="utf-8")
    script = _SETUP_ONLY.format(lazy=_LAZY)
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_a_no_change_build_of_a_lab_site_rewrites_no_member_page(tmp_path, build, monkeypatch):
    """Member and project pages are kept when nothing they are made of changed;
    an edit of a .bib entry, a photo or the date rewrites them."""
    from PIL import Image
    from test_lab import CONF, DATA, PAGES, RST

    from sphinx_scholar.loaders import bibtex

    people = DATA["people.yaml"].replace("slug: ada\n", "slug: ada\n    photo: ada.png\n")
    site = write_project(tmp_path / "src", {"conf.py": CONF, **DATA, **PAGES, "index.rst": RST, "people.yaml": people})
    Image.new("RGB", (4, 4), "red").save(site / "ada.png")
    app = build(site)
    out = Path(app.outdir)
    generated = sorted([*out.glob("people/*.html"), *out.glob("projects/*.html")])
    assert [p.relative_to(out).as_posix() for p in generated] == [
        "people/ada.html",
        "people/ann-alumna.html",
        "people/paula-pi.html",
        "projects/p1.html",
    ]
    written = {p: p.stat().st_mtime_ns for p in generated}

    calls: list = []
    real = bibtex.load_bibliography
    monkeypatch.setattr(bibtex, "load_bibliography", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    bibtex.forget_parsed()  # as a new process: nothing parsed in memory
    build(site)
    assert calls == []
    assert {p: p.stat().st_mtime_ns for p in generated} == written

    (site / "refs.bib").write_text(DATA["refs.bib"].replace("Ada's Paper", "Ada's Better Paper"), encoding="utf-8")
    app = build(site)
    assert "Ada's Better Paper" in soup_of(app, "people/ada").get_text()
    assert "Ada's Better Paper" in soup_of(app, "projects/p1").get_text()

    Image.new("RGB", (4, 4), "blue").save(site / "ada.png")
    app = build(site)
    photo = soup_of(app, "people/ada").select_one("img.scholar-member-photo")
    with Image.open(out / "people" / photo["src"]) as shown:
        assert shown.convert("RGB").getpixel((0, 0)) == (0, 0, 255)

    import datetime as dt

    from sphinx_scholar.outputs import lab_pages

    # A document edited (Sphinx < 9 writes nothing at all when no document changed):
    # the member pages are kept on the same day, written again on another.
    def edit_a_document() -> None:
        team = site / "team.rst"
        team.write_text(team.read_text(encoding="utf-8") + "\n", encoding="utf-8")

    kept = (out / "people" / "ann-alumna.html").stat().st_mtime_ns
    edit_a_document()
    build(site)
    assert (out / "people" / "ann-alumna.html").stat().st_mtime_ns == kept
    monkeypatch.setattr(lab_pages, "today", lambda config: dt.date(2030, 1, 1))  # a build on another day
    edit_a_document()
    build(site)
    assert (out / "people" / "ann-alumna.html").stat().st_mtime_ns != kept


def test_paper_pages_follow_a_changed_setting(tmp_path, build):
    """A setting (here html_title, shown in every page's <title>) is part of
    what a paper page is made of: changed, the pages are written again."""
    root = _site(tmp_path, "alabaster")
    with open(root / "conf.py", "a", encoding="utf-8") as conf:
        conf.write('\nscholar_paper_pages = True\nhtml_title = "First Title"\n')
    app = build(root)
    papers = sorted(Path(app.outdir, "papers").glob("*.html"))
    assert papers and all("First Title" in p.read_text(encoding="utf-8") for p in papers)
    text = (root / "conf.py").read_text(encoding="utf-8").replace("First Title", "Second Title")
    (root / "conf.py").write_text(text, encoding="utf-8")
    build(root)
    assert all("Second Title" in p.read_text(encoding="utf-8") for p in papers)


def test_the_feed_is_kept_when_nothing_in_it_changed(tmp_path, build, monkeypatch):
    from sphinx_scholar.loaders import bibtex

    root = _site(tmp_path, "alabaster")
    with open(root / "conf.py", "a", encoding="utf-8") as conf:
        conf.write('\nscholar_feed = True\nhtml_baseurl = "https://lab.example.org/"\n')
    app = build(root)
    feed = Path(app.outdir) / "publications.atom"
    written = feed.stat().st_mtime_ns
    calls: list = []
    real = bibtex.load_bibliography
    monkeypatch.setattr(bibtex, "load_bibliography", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    bibtex.forget_parsed()  # as a new process: nothing parsed in memory
    build(root)
    assert calls == [] and feed.stat().st_mtime_ns == written
    bib = next(root.glob("*.bib"))
    text = bib.read_text(encoding="utf-8")
    title = text.split("title", 1)[1].split("{", 1)[1].split("}", 1)[0]
    bib.write_text(text.replace(title, "A Retitled Entry", 1), encoding="utf-8")
    build(root)
    assert "A Retitled Entry" in feed.read_text(encoding="utf-8")


def test_entries_are_in_the_inventory_not_in_the_search_index(tmp_path, build):
    from sphinx.util.inventory import InventoryFile

    root = _site(tmp_path, "alabaster")
    app = build(root)
    out = Path(app.outdir)
    with open(out / "objects.inv", "rb") as handle:
        inventory = InventoryFile.load(handle, "", lambda base, uri: uri)
    keys = dict(inventory.data["scholar:pub"]) if hasattr(inventory, "data") else inventory["scholar:pub"]
    assert keys, "every listed entry is an object of the inventory"
    import json

    text = (out / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    assert "scholar:pub" not in json.dumps(index["objtypes"]) and index["objects"] == {}


def test_an_unchanged_bib_is_not_read_to_know_it_is_unchanged(tmp_path, build, monkeypatch):
    """Its modification time and size are those of the last build: no hashing.
    An edit (a new time) is hashed and seen, even one of the same size."""
    import os

    from sphinx_scholar.sphinxext import sources

    root = _site(tmp_path, "alabaster")
    build(root)
    hashed: list = []
    real = sources.file_digest
    monkeypatch.setattr(sources, "file_digest", lambda data: hashed.append(len(data)) or real(data))
    build(root)
    assert hashed == []
    bib = next(root.glob("*.bib"))
    text = bib.read_text(encoding="utf-8")
    year = next(y for y in ("2021", "2020", "2019", "2018") if y in text)
    bib.write_text(text.replace(year, "1999", 1), encoding="utf-8")  # the same size
    stat = bib.stat()
    os.utime(bib, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    app = build(root)
    assert len(hashed) == 1 and "1999" in soup_of(app).get_text()


def test_the_lab_pages_signature_reads_no_file_a_page_may_not_show(tmp_path, build, monkeypatch):
    """A photo named in people.yaml is hashed for the pages' signature only when
    a page may show it: /dev/zero (which never ends), a file outside the project
    or a dotfile is not read."""
    from test_lab import CONF, DATA, PAGES, RST

    from sphinx_scholar.outputs import lab_pages

    (tmp_path / "outside.png").write_bytes(b"secret")
    people = DATA["people.yaml"].replace("slug: ada\n", "slug: ada\n    photo: /dev/zero\n")
    people = people.replace("aliases: [P. Pi]\n", "aliases: [P. Pi]\n    photo: ../outside.png\n")
    people = people.replace("name: Ann Alumna\n", "name: Ann Alumna\n    photo: .env\n")
    site = write_project(tmp_path / "src", {"conf.py": CONF, **DATA, **PAGES, "index.rst": RST, "people.yaml": people})
    (site / ".env").write_text("TOKEN=1\n", encoding="utf-8")
    hashed: list[str] = []
    real = lab_pages.current_digest
    monkeypatch.setattr(lab_pages, "current_digest", lambda path: hashed.append(path) or real(path))
    build(site)
    assert hashed and not [path for path in hashed if path.endswith(("zero", "outside.png", ".env"))]
