"""Hostile ``.bib`` and YAML never write, read or run anything outside their place (issue 12).

Each test builds a minimal project in ``tmp/src`` from hostile input, with a
canary file next to it (``tmp/canary.txt``, never a system file), and asserts
that nothing outside the output folder is written or deleted, nothing outside
the project (or any dotfile) is published, no ``javascript:`` link exists, and
the build exits 0 with located ``scholar.*`` warnings.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

CANARY = "CANARY-8d1f2"


def project(tmp_path: Path, files: dict[str, str | bytes], conf: str = "") -> Path:
    """``tmp/src`` with ``files`` and a ``conf.py``; a canary file next to it (``tmp/canary.txt``)."""
    (tmp_path / "canary.txt").write_text(CANARY, encoding="utf-8")
    src = tmp_path / "src"
    files = {"conf.py": 'extensions = ["sphinx_scholar"]\nexclude_patterns = ["_build"]\n' + conf, **files}
    for name, text in files.items():
        path = src / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return src


def build(src: Path, builder: str = "html", out: Path | None = None) -> tuple[int, str, Path]:
    """A real ``sphinx-build`` (exit code, warnings without colours, output folder)."""
    out = out or src.parent / "out"
    done = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", builder, str(src), str(out)],
                          capture_output=True, text=True, timeout=600)
    return done.returncode, re.sub(r"\x1b\[[0-9;]*m", "", done.stderr), out


def files_under(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def published(out: Path) -> str:
    """Every byte of the output, as text."""
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in out.rglob("*") if p.is_file())


def soup(out: Path, page: str = "index") -> BeautifulSoup:
    return BeautifulSoup((out / f"{page}.html").read_text(encoding="utf-8"), "html.parser")


# -- 2. data is never parsed as RST/MyST with the author's rights ---------------


@pytest.mark.parametrize("page,bio", [
    ("index.rst", "Hi :download:`x <../../canary.txt>` and `x <javascript:alert(1)>`_ and *fine*"),
    ("index.md", "Hi {download}`x <../../canary.txt>` and [x](javascript:alert(1)) and *fine*"),
])
def test_profile_bio_has_no_roles_and_no_unsafe_links(tmp_path, page, bio):
    heading = "# Home\n\n```{profile-card}\n```\n" if page.endswith(".md") else "Home\n====\n\n.. profile-card::\n"
    src = project(tmp_path, {"profile.yaml": f"name: Eve\nbio: '{bio}'\n", page: heading},
                  conf='scholar_profile = "profile.yaml"\n'
                       + ('extensions.append("myst_parser")\n' if page.endswith(".md") else ""))
    code, warnings, out = build(src)
    assert code == 0, warnings
    assert CANARY not in published(out)
    assert not (out / "_downloads").exists()
    page_soup = soup(out)
    assert page_soup.select_one(".scholar-profile-bio em").get_text() == "fine"
    assert not [a for a in page_soup.find_all("a") if "javascript" in a.get("href", "").lower()]
    assert re.search(r"profile\.yaml:1: WARNING: bio: role .*download.* \[scholar\.markup\]", warnings) or \
        "{download}" in page_soup.select_one(".scholar-profile-bio").get_text()
    assert re.search(r"profile\.yaml:1: WARNING: bio: link 'javascript:alert\(1\)' refused.*\[scholar\.markup\]",
                     warnings)


# -- 1. a BibTeX key never becomes a path ------------------------------------------

HOSTILE_KEYS = ["../index", "../../X", "index", "javascript:alert(1)//", ".hidden", "a/b", "k" * 300, "ok2020"]


def entry(key: str, title: str = "A title", **fields: str) -> str:
    extra = "".join(f"  {name} = {{{value}}},\n" for name, value in fields.items())
    return f"@article{{{key},\n  title = {{{title}}},\n  author = {{Doe, Jane}},\n  year = {{2020}},\n{extra}}}\n\n"


def outside(tmp_path: Path) -> dict[str, bytes]:
    """Every file of the test folder but the output folder's."""
    return {name: data for name, data in files_under(tmp_path).items() if not name.startswith("out")}


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_hostile_keys_never_leave_the_paper_folder(tmp_path, builder):
    bib = "".join(entry(key, f"Paper {number}") for number, key in enumerate(HOSTILE_KEYS))
    src = project(tmp_path, {
        "refs.bib": bib,
        "index.rst": "Home\n====\n\n.. toctree::\n\n   papers/index\n\n.. publications::\n",
        "papers/index.rst": "Real papers page\n================\n\nREAL-DOCUMENT\n",
    }, conf='scholar_bibfiles = ["refs.bib"]\nscholar_paper_pages = True\n')
    (tmp_path / "X.html").write_text(CANARY, encoding="utf-8")
    before = outside(tmp_path)
    code, warnings, out = build(src, builder)
    assert code == 0, warnings
    assert outside(tmp_path) == before  # nothing written outside the output folder
    home = out / "index.html"
    real = out / "papers" / "index.html"
    assert "REAL-DOCUMENT" in real.read_text(encoding="utf-8")  # key `index` did not replace it
    assert "Paper 0" not in home.read_text(encoding="utf-8").split("scholar-publications")[0]
    assert re.search(r"refs\.bib:\d+: WARNING: entry 'index': paper page 'papers/index' is taken by another page; "
                     r"written as 'papers/index-2' \[scholar\.key\]", warnings)
    pages = sorted(p.relative_to(out / "papers") for p in (out / "papers").rglob("*.html"))
    names = [str(p).replace("/index.html", "").removesuffix(".html") for p in pages]
    assert all(re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,90}", name) for name in names), names
    assert len(names) == len(HOSTILE_KEYS) + 1  # every entry has a page, and the real document stays
    assert "ok2020" in names  # a plain key keeps its name
    for page in (out / "index.html", *(out / "papers").rglob("*.html")):
        for link in soup(page.parent, page.stem).find_all("a"):
            assert not link.get("href", "").lower().lstrip().startswith("javascript"), (page, link)
    # Removing every entry deletes their pages, and nothing outside the output folder.
    (src / "refs.bib").write_text(entry("ok2020"), encoding="utf-8")
    before = outside(tmp_path)
    code, warnings, out = build(src, builder)
    assert code == 0, warnings
    assert outside(tmp_path) == before
    assert (tmp_path / "X.html").read_text(encoding="utf-8") == CANARY
    assert len(list((out / "papers").rglob("*.html"))) == 2


def test_paper_slugs_are_bounded_and_distinct():
    from types import SimpleNamespace

    from sphinx_scholar.sphinxext.domain import MAX_SLUG, paper_pagenames, paper_slug

    assert paper_slug("ok2020") == "ok2020"
    assert re.fullmatch(r"index-[0-9a-f]{8}", paper_slug("../index"))
    assert re.fullmatch(r"paper-[0-9a-f]{8}", paper_slug("..."))
    assert len(paper_slug("é" * 1000)) <= MAX_SLUG and len(paper_slug("k" * 1000)) <= MAX_SLUG
    assert paper_slug("a:b") != paper_slug("a;b")
    config = SimpleNamespace(scholar_paper_dir="papers")
    entries = [SimpleNamespace(key=k) for k in ("Index", "x", "X", "search")]
    pages, renamed = paper_pagenames(config, entries, ["papers/index"])
    assert pages == {"Index": "papers/Index-2", "x": "papers/x", "X": "papers/X-2", "search": "papers/search-2"}
    assert [pub.key for pub, _ in renamed] == ["Index", "X", "search"]


# -- 3 and 4. math from data: an allow-list, in every builder -------------------------

HOSTILE_MATH = [
    r"\text{\catcode95=12 \input{../canary.txt}}",
    r"\input{../canary.txt}",
    r"\immediate\write18{touch pwned}",
    r"^^5cinput{../canary.txt}",
    r"\csname input\endcsname{../canary.txt}",
    r"\def\x{\input}\x{../canary.txt}",
    r"\href{javascript:alert(1)}{x}",
    r"\style{position:fixed;top:0;left:0;width:100%;height:100%}{x}",
    r"\class{x}{y} \cssId{x}{y} \unicode{x41} \require{html}",
    r"x % \)",
    r"x } \input{../canary.txt} {",
]
SAFE_MATH = [r"\alpha + \beta^2", r"\frac{1}{\sqrt{n}}", r"\mathcal{O}(n \log n)", r"\text{for all } x \in \mathbb{R}",
             r"x_{i,j} \to \infty", r"\{a, b\} \, \mathrm{d}x \\ y"]


@pytest.mark.parametrize("source", HOSTILE_MATH)
def test_math_guard_refuses(source):
    from sphinx_scholar.records.math_guard import math_segment, refusal

    assert refusal(source)
    assert math_segment(source) == ("text", f"${source}$")


@pytest.mark.parametrize("source", SAFE_MATH)
def test_math_guard_allows_ordinary_math(source):
    from sphinx_scholar.records.math_guard import refusal

    assert refusal(source) is None


def test_refused_math_is_text_in_rich_text():
    from sphinx_scholar.records.richtext import latex_to_rich

    rich = latex_to_rich(r"R $\input{../canary.txt}$ and $\alpha$")
    assert [seg.kind for seg in rich] == ["text", "math"]
    assert "input" in rich[0].text and rich[1].text == r"\alpha"


def math_project(tmp_path: Path, math: str = "unicode") -> Path:
    bib = "".join(entry(f"m{number}", f"Paper {number} ${source}$", abstract=f"Abstract ${source}$")
                  for number, source in enumerate(HOSTILE_MATH))
    bib += entry("good", r"Good $\alpha \to \infty$")
    return project(tmp_path, {"refs.bib": bib, "index.rst": "Home\n====\n\n.. publications::\n   :abstract: shown\n"},
                   conf=f'scholar_bibfiles = ["refs.bib"]\nscholar_math = "{math}"\n'
                        'latex_documents = [("index", "site.tex", "Site", "Me", "howto")]\n')


FORBIDDEN_IN_OUTPUT = re.compile(r"\\(input|immediate|write|catcode|csname|def|href|style|class|cssId|unicode|require)\b|\^\^")


@pytest.mark.parametrize("math", ["unicode", "render"])
def test_no_forbidden_macro_reaches_latex(tmp_path, math):
    src = math_project(tmp_path, math)
    code, warnings, out = build(src, "latex")
    assert code == 0, warnings
    tex = (out / "site.tex").read_text(encoding="utf-8")
    body = tex[tex.index(r"\begin{document}"):]
    assert not FORBIDDEN_IN_OUTPUT.search(body), FORBIDDEN_IN_OUTPUT.search(body)
    assert r"\(\alpha \to \infty\)" in body  # allowed math stays math
    for number in range(len(HOSTILE_MATH)):
        line = 1 + 7 * number  # each entry() is 7 lines
        assert re.search(rf"refs\.bib:{line}: WARNING: entry 'm{number}': title: math .* shown as text \[scholar\.math\]",
                         warnings), (number, warnings)
        assert re.search(rf"refs\.bib:{line}: WARNING: entry 'm{number}': abstract: math .*\[scholar\.math\]", warnings)


def test_rendered_math_is_safe_for_mathjax(tmp_path):
    src = math_project(tmp_path, "render")
    code, warnings, out = build(src)
    assert code == 0, warnings
    page = soup(out)
    maths = [span.get_text() for span in page.select(".scholar span.math")]
    from sphinx_scholar.records.math_guard import refusal

    assert r"\(\alpha \to \infty\)" in maths
    assert all(refusal(m[2:-2]) is None for m in maths)  # only allowed formulas are given to MathJax
    assert not FORBIDDEN_IN_OUTPUT.search(" ".join(maths))
    scripts = [s.get("src", "") for s in page.select("script")]
    mathjax = next(i for i, s in enumerate(scripts) if "mathjax@" in s)
    safe = next(i for i, s in enumerate(scripts) if "sphinx-scholar-mathjax.js" in s)
    assert safe < mathjax or page.select("script")[mathjax].has_attr("defer")
    config = (out / "_static" / "sphinx-scholar-mathjax.js").read_text(encoding="utf-8")
    assert '"ui/safe"' in config and "javascript: false" in config and "|scholar" in config
