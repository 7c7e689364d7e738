"""Broken and hostile BibTeX never breaks the site or loses an entry.

The corpus is ``tests/corpus``: every case has a located warning (file,
line, subtype), every entry is still shown, and user text stays text.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import soup_of, warnings_of

from sphinx_scholar.loaders.bibtex import load_bibliography

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = {  # (subtype, line) in broken.bib
    ("bibtex-syntax", 3),
    ("bibtex-syntax", 5),
    ("bibtex-syntax", 7),
    ("bibtex-missing-field", 3),
    ("bibtex-missing-field", 5),
    ("bibtex-missing-field", 7),
    ("bibtex-name", 9),
    ("bibtex-type", 10),
    ("url", 13),
    ("bibtex-missing-field", 13),
    ("bibtex-missing-field", 14),
    ("bibtex-missing-field", 15),
    ("bibtex-duplicate-key", 16),
    ("bibtex-duplicate-field", 17),
    ("bibtex-macro", 18),
    ("bibtex-crossref", 19),
    ("bibtex-name", 20),
}
KEYS = [
    "ok1",
    "missingbrace",
    "ok2",
    "unterminated",
    "ok3",
    "missingcomma",
    "ok4",
    "badname",
    "unknowntype",
    "big",
    "corp",
    "xss",
    "noyear",
    "notitle",
    "ok1-2",
    "dupfield",
    "macro",
    "orphan",
    "emptyname",
    "preview",
    "escape",
]


def test_loader_reports_every_problem_where_it_is_and_keeps_every_entry():
    bib = load_bibliography(CORPUS / "broken.bib")
    assert [e.key for e in bib.entries] == KEYS
    assert {(p.subtype, p.line) for p in bib.problems} == EXPECTED
    assert all(p.path.endswith("broken.bib") for p in bib.problems)
    big = bib.by_key["big"]
    assert len(big.authors) == 500 and len(big.field("abstract")) == 100_000
    assert [a.full_name for a in bib.by_key["corp"].authors] == ["Meta AI", "The ABC Consortium"]
    assert bib.by_key["unknowntype"].type == "misc"
    assert bib.by_key["ok1-2"].title.plain == "Duplicate key"


def test_encodings_and_line_endings():
    latin = load_bibliography(CORPUS / "latin1.bib")
    assert latin.entries[0].title.plain == "Caf\u00e9 \u00e9t\u00e9"
    assert latin.entries[0].authors[0].full_name == "J\u00fcrgen M\u00fcller"
    assert [(p.subtype, p.line) for p in latin.problems] == [("encoding", 2)]
    bom = load_bibliography(CORPUS / "bom-crlf.bib")
    assert [(e.key, e.line, e.title.plain) for e in bom.entries] == [
        ("bom", 1, "With a BOM"),
        ("crlf", 2, "CRLF lines"),
    ]
    assert bom.problems == ()


@pytest.fixture
def site(tmp_path) -> Path:
    root = tmp_path / "src"
    root.mkdir()
    for name in ("broken.bib", "latin1.bib", "bom-crlf.bib"):
        shutil.copy(CORPUS / name, root / name)
    (root / "conf.py").write_text(
        'extensions = ["sphinx_scholar"]\nscholar_bibfiles = ["broken.bib", "latin1.bib", "bom-crlf.bib"]\n'
        'scholar_me = ["David Picard"]\n'
    )
    (root / "index.rst").write_text(
        "Corpus\n======\n\n.. publications::\n   :style: barron\n   :bibtex:\n   :abstract: shown\n\n"
        ".. publications::\n   :bibfile: missing.bib\n"
    )
    return root


def test_the_site_builds_with_every_entry_and_located_warnings(site, build):
    app = build(site)
    warnings = warnings_of(app)
    located = set()
    for line in warnings:
        match = re.search(r"broken\.bib:(\d+): WARNING: .* \[scholar\.([\w-]+)\]$", line)
        if match:
            located.add((match.group(2), int(match.group(1))))
    assert located >= EXPECTED
    assert any(
        re.search(
            r"broken\.bib:21: WARNING: entry 'preview': preview file img/missing\.png not found \[scholar\.file\]", w
        )
        for w in warnings
    )
    assert any(
        re.search(
            r"broken\.bib:22: WARNING: entry 'escape': preview file .* is outside the project .*\[scholar\.path\]", w
        )
        for w in warnings
    )
    assert any(
        re.search(r"index\.rst:\d+: WARNING: publications: cannot read BibTeX file .*missing\.bib \[scholar\.file\]", w)
        for w in warnings
    )
    assert any(
        re.search(r"latin1\.bib:2: WARNING: file is not valid UTF-8.*\[scholar\.encoding\]", w) for w in warnings
    )
    page = soup_of(app)
    shown = [li["id"].removeprefix("pub-") for li in page.select("li.scholar-pub")]
    assert sorted(shown) == sorted([*KEYS, "latin", "bom", "crlf"])


def test_user_text_is_escaped_and_unsafe_links_dropped(site, build):
    app = build(site)
    page = soup_of(app)
    xss = page.select_one("#pub-xss")
    assert xss.select("script, img, iframe, svg, b") == []
    # HTML in fields is read by an HTML parser (issue 13): tags never reach the page, and a
    # title with no text left shows the key.
    assert xss.select_one(".scholar-title").get_text() == "xss"
    assert "<img src=x onerror=alert(1)>" in xss.select_one(".scholar-authors").get_text()
    assert xss.select_one(".scholar-badge").get_text() == "x"
    assert xss.select_one(".scholar-abstract") is None
    hrefs = [a.get("href", "") for a in page.select("a")]
    assert not any(re.match(r"\s*(javascript|vbscript|data):", h, re.I) for h in hrefs)
    assert xss.select(".scholar-links a") == []
    for tag in page.find_all(True):
        assert not any(name.lower().startswith("on") for name in tag.attrs), tag.name


def test_the_build_makes_no_network_request(site, build, monkeypatch):
    attempts: list[object] = []

    def refuse(self, address):
        attempts.append(address)
        raise OSError("network is off in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    app = build(site)
    assert attempts == []
    assert len(soup_of(app).select("li.scholar-pub")) == 24


def run_sphinx(site: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", *options, str(site), str(site / "_out")],
        capture_output=True,
        text=True,
    )


def test_warnings_as_errors_fail_the_build(site):
    strict = run_sphinx(site, "-W", "--keep-going")
    assert strict.returncode != 0
    assert "[scholar.bibtex-syntax]" in strict.stderr


@pytest.mark.parametrize("subtype", ["bibtex-syntax", "url", "bibtex-missing-field", "encoding"])
def test_suppress_warnings_silences_exactly_one_subtype(site, subtype):
    before = run_sphinx(site).stderr
    (site / "conf.py").write_text((site / "conf.py").read_text() + f'\nsuppress_warnings = ["scholar.{subtype}"]\n')
    after = run_sphinx(site, "-E").stderr
    assert f"[scholar.{subtype}]" in before and f"[scholar.{subtype}]" not in after
    others = lambda text: sorted(re.findall(r"\[scholar\.([\w-]+)\]", text))  # noqa: E731
    assert others(after) == [s for s in others(before) if s != subtype]


@pytest.mark.parametrize(
    "builder", ["html", "dirhtml", "singlehtml", "epub", "latex", "text", "man", "texinfo", "gettext", "xml"]
)
def test_every_builder_survives_the_corpus(site, build, builder):
    app = build(site, builder)
    out = Path(app.outdir)
    files = [
        p
        for p in out.rglob("*")
        if p.is_file() and p.suffix in {".html", ".xhtml", ".tex", ".txt", ".1", ".texi", ".pot", ".xml"}
    ]
    assert files
    if builder != "gettext":  # message catalogues hold the page text only
        text = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in files)
        for title in ("Fine first", "Second fine", "Third fine", "Fourth fine", "Caf\u00e9", "CRLF lines"):
            assert title in text, (builder, title)
