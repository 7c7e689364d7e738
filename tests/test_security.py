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
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", builder, str(src), str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return done.returncode, re.sub(r"\x1b\[[0-9;]*m", "", done.stderr), out


def files_under(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def published(out: Path) -> str:
    """Every byte of the output, as text."""
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in out.rglob("*") if p.is_file())


def soup(out: Path, page: str = "index") -> BeautifulSoup:
    return BeautifulSoup((out / f"{page}.html").read_text(encoding="utf-8"), "html.parser")


# -- 2. data is never parsed as RST/MyST with the author's rights ---------------


@pytest.mark.parametrize(
    "page,bio",
    [
        ("index.rst", "Hi :download:`x <../../canary.txt>` and `x <javascript:alert(1)>`_ and *fine*"),
        ("index.md", "Hi {download}`x <../../canary.txt>` and [x](javascript:alert(1)) and *fine*"),
    ],
)
def test_profile_bio_has_no_roles_and_no_unsafe_links(tmp_path, page, bio):
    heading = "# Home\n\n```{profile-card}\n```\n" if page.endswith(".md") else "Home\n====\n\n.. profile-card::\n"
    src = project(
        tmp_path,
        {"profile.yaml": f"name: Eve\nbio: '{bio}'\n", page: heading},
        conf='scholar_profile = "profile.yaml"\n'
        + ('extensions.append("myst_parser")\n' if page.endswith(".md") else ""),
    )
    code, warnings, out = build(src)
    assert code == 0, warnings
    assert CANARY not in published(out)
    assert not (out / "_downloads").exists()
    page_soup = soup(out)
    assert page_soup.select_one(".scholar-profile-bio em").get_text() == "fine"
    assert not [a for a in page_soup.find_all("a") if "javascript" in a.get("href", "").lower()]
    assert (
        re.search(r"profile\.yaml:1: WARNING: bio: role .*download.* \[scholar\.markup\]", warnings)
        or "{download}" in page_soup.select_one(".scholar-profile-bio").get_text()
    )
    assert re.search(
        r"profile\.yaml:1: WARNING: bio: link 'javascript:alert\(1\)' refused.*\[scholar\.markup\]", warnings
    )


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
    src = project(
        tmp_path,
        {
            "refs.bib": bib,
            "index.rst": "Home\n====\n\n.. toctree::\n\n   papers/index\n\n.. publications::\n",
            "papers/index.rst": "Real papers page\n================\n\nREAL-DOCUMENT\n",
        },
        conf='scholar_bibfiles = ["refs.bib"]\nscholar_paper_pages = True\n',
    )
    (tmp_path / "X.html").write_text(CANARY, encoding="utf-8")
    before = outside(tmp_path)
    code, warnings, out = build(src, builder)
    assert code == 0, warnings
    assert outside(tmp_path) == before  # nothing written outside the output folder
    home = out / "index.html"
    real = out / "papers" / "index.html"
    assert "REAL-DOCUMENT" in real.read_text(encoding="utf-8")  # key `index` did not replace it
    assert "Paper 0" not in home.read_text(encoding="utf-8").split("scholar-publications")[0]
    assert re.search(
        r"refs\.bib:\d+: WARNING: entry 'index': paper page 'papers/index' is taken by another page; "
        r"written as 'papers/index-2' \[scholar\.key\]",
        warnings,
    )
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
IN_BIBTEX = HOSTILE_MATH[:-1]  # the last one's braces do not balance: a BibTeX syntax error first
SAFE_MATH = [
    r"\alpha + \beta^2",
    r"\frac{1}{\sqrt{n}}",
    r"\mathcal{O}(n \log n)",
    r"\text{for all } x \in \mathbb{R}",
    r"x_{i,j} \to \infty",
    r"\{a, b\} \, \mathrm{d}x \\ y",
]


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
    bib = "".join(
        entry(f"m{number}", f"Paper {number} ${source}$", abstract=f"Abstract ${source}$")
        for number, source in enumerate(IN_BIBTEX)
    )
    bib += entry("good", r"Good $\alpha \to \infty$")
    return project(
        tmp_path,
        {"refs.bib": bib, "index.rst": "Home\n====\n\n.. publications::\n   :abstract: shown\n"},
        conf=f'scholar_bibfiles = ["refs.bib"]\nscholar_math = "{math}"\n'
        'latex_documents = [("index", "site.tex", "Site", "Me", "howto")]\n',
    )


FORBIDDEN_IN_OUTPUT = re.compile(
    r"\\(input|immediate|write|catcode|csname|def|href|style|class|cssId|unicode|require)\b|\^\^"
)


@pytest.mark.parametrize("math", ["unicode", "render"])
def test_no_forbidden_macro_reaches_latex(tmp_path, math):
    src = math_project(tmp_path, math)
    code, warnings, out = build(src, "latex")
    assert code == 0, warnings
    tex = (out / "site.tex").read_text(encoding="utf-8")
    body = tex[tex.index(r"\begin{document}") :]
    # Sphinx's own babel guard (its \catcode tests) is not data.
    body = re.sub(r"\\ifdefined\\shorthandoff\n(?:[ \t]*\\ifnum\\catcode[^\n]*\n)*\\fi\n", "", body)
    assert not FORBIDDEN_IN_OUTPUT.search(body), FORBIDDEN_IN_OUTPUT.search(body)
    assert r"\(\alpha \to \infty\)" in body  # allowed math stays math
    for number in range(len(IN_BIBTEX)):
        line = 1 + 7 * number  # each entry() is 7 lines
        assert re.search(
            rf"refs\.bib:{line}: WARNING: entry 'm{number}': title: math .* shown as text \[scholar\.math\]", warnings
        ), (number, warnings)
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


# -- 5, 6 and 11. one rule for every local file -----------------------------------------

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)


def test_local_files_stay_inside_the_project_and_out_of_dotfiles(tmp_path):
    (tmp_path / "canary.png").write_bytes(PNG + CANARY.encode())
    bib = (
        entry("symlinked", "Symlinked preview", preview="img/link.png")
        + entry("gitconfig", "Git config", pdf=".git/config", code=".env", preview=".git/config")
        + entry("dotdir", "Dot folder", slides="sub/../.hidden/notes.txt", poster="img/.secret.png")
        + entry("built", "Built", code="_build/out/secret.txt")
        + entry("wrongtype", "Wrong type", preview="notes.txt", pdf="notes.txt")
        + entry("fine", "Fine", preview="img/ok.png", pdf="paper.pdf", code="notes.txt")
    )
    src = project(
        tmp_path,
        {
            "refs.bib": bib,
            "index.rst": "Home\n====\n\n.. publications::\n   :style: barron\n",
            ".git/config": f"[remote]\n url = https://token:{CANARY}@example.org\n",
            ".env": f"TOKEN={CANARY}\n",
            ".hidden/notes.txt": CANARY,
            "img/.secret.png": PNG + CANARY.encode(),
            "img/ok.png": PNG,
            "paper.pdf": "%PDF-1.4 fine",
            "notes.txt": "fine notes",
        },
        conf='scholar_bibfiles = ["refs.bib"]\nscholar_paper_pages = True\n',
    )
    (src / "img" / "link.png").symlink_to(tmp_path / "canary.png")
    out = src / "_build" / "out"
    out.mkdir(parents=True)
    (out / "secret.txt").write_text(CANARY, encoding="utf-8")
    code, warnings, out = build(src, out=out)
    assert code == 0, warnings
    outputs = [p for p in out.rglob("*") if p.is_file() and p != out / "secret.txt"]
    assert not [p for p in outputs if CANARY.encode() in p.read_bytes()]
    assert not [p for p in outputs if p.name in {"config", ".env"} or p.name.startswith(".secret")]
    for expected in [
        r"entry 'symlinked': preview file 'img/link.png' is outside the project",
        r"entry 'gitconfig': pdf file '.git/config' is a hidden file",
        r"entry 'gitconfig': code file '.env' is a hidden file",
        r"entry 'gitconfig': preview file '.git/config' is a hidden file",
        r"entry 'dotdir': slides file 'sub/../.hidden/notes.txt' is a hidden file",
        r"entry 'dotdir': poster file 'img/.secret.png' is a hidden file",
        r"entry 'built': code file '_build/out/secret.txt' is inside the build output",
        r"entry 'wrongtype': preview file 'notes.txt' is not a avif/gif/jpeg/jpg/png/svg/webp file",
        r"entry 'wrongtype': pdf file 'notes.txt' is not a pdf file",
    ]:
        assert re.search(r"refs\.bib:\d+: WARNING: " + expected + r".*\[scholar\.path\]", warnings), expected
    page = soup(out)
    fine = page.select_one("#pub-fine")
    assert fine.select_one("img") is not None and "paper.pdf" in str(fine) and "notes.txt" in str(fine)
    assert page.select_one("#pub-symlinked img") is None


def test_yaml_photo_follows_the_same_rule(tmp_path):
    src = project(
        tmp_path,
        {
            "profile.yaml": "name: Eve\nphoto: .git/photo.png\n",
            ".git/photo.png": PNG,
            "index.rst": "Home\n====\n\n.. profile-card::\n",
        },
        conf='scholar_profile = "profile.yaml"\n',
    )
    code, warnings, out = build(src)
    assert code == 0, warnings
    assert re.search(
        r"profile\.yaml:1: WARNING: profile photo '.git/photo.png' is a hidden file.*\[scholar\.path\]", warnings
    )
    assert not list(out.rglob("photo*.png"))


def test_bibfile_outside_the_project_is_refused_like_yaml(tmp_path):
    (tmp_path / "outside.bib").write_text(entry("outside", CANARY), encoding="utf-8")
    src = project(
        tmp_path,
        {
            "inside.bib": entry("inside", "Inside"),
            "index.rst": "Home\n====\n\n.. publications::\n   :bibfile: ../outside.bib inside.bib\n",
        },
    )
    code, warnings, out = build(src)
    assert code == 0, warnings
    assert CANARY not in published(out)
    assert re.search(
        r"index\.rst:\d+: WARNING: publications: BibTeX file \.\./outside\.bib is outside the project; "
        r"not read \[scholar\.path\]",
        warnings,
    )
    assert soup(out).select_one("#pub-inside") is not None


# -- 7. bad input is a located warning, never a stopped build ------------------------


def test_bad_input_never_stops_the_build(tmp_path):
    long_key = "k" * 300
    src = project(
        tmp_path,
        {
            "refs.bib": entry(long_key, "Long key") + entry("ok", "Fine entry"),
            "people.yaml": "people:\n  - name: J\xe9r\xf4me Fellus\n    positions: []\n".encode("latin-1"),
            "profile.yaml": "name: Eve\nbio: " + "[" * 600 + "]" * 600 + "\n",
            "talks.yaml": "talks:\n" + "".join("  " * (i + 1) + "- a:\n" for i in range(600)),
            "index.rst": "Home\n====\n\n.. profile-card::\n\n.. talks::\n\n.. publications::\n   :download: bib\n\n"
            ".. publications::\n   :filter: " + "not " * 2000 + "True\n",
            "other.rst": "Other\n=====\n\n.. publications::\n   :filter: " + "not " * 400 + "True\n",
        },
        conf='scholar_bibfiles = ["refs.bib"]\nscholar_people = "people.yaml"\nscholar_profile = "profile.yaml"\n'
        'scholar_talks = "talks.yaml"\nscholar_download = ["bib"]\n',
    )
    code, warnings, out = build(src)
    assert code == 0, warnings
    assert "Traceback" not in warnings and "Exception" not in warnings
    page = soup(out)
    assert page.select_one("#pub-ok") is not None and len(page.select(".scholar-pub")) >= 2
    assert [p for p in (out / "_scholar").rglob("*.bib") if p.name.startswith("kkkk") and len(p.name) < 100]
    for expected in [
        r"people\.yaml:2: WARNING: the file is not UTF-8 \(byte 0xe9\); it is read as Latin-1.*\[scholar\.encoding\]",
        r"profile\.yaml:2: WARNING: values nested more than 64 deep; not read \[scholar\.yaml-syntax\]",
        r"talks\.yaml:\d+: WARNING: values nested more than 64 deep; not read \[scholar\.yaml-syntax\]",
        r"index\.rst:\d+: WARNING: .*invalid filter .*longer than 2000 characters.*\[scholar\.filter\]",
        r"other\.rst:\d+: WARNING: .*invalid filter .*nested more than 50 deep.*\[scholar\.filter\]",
    ]:
        assert re.search(expected, warnings), expected


def test_filter_bounds_are_filter_errors():
    from sphinx_scholar.selection.filter import FilterError, compile_filter

    for expression in [
        "not " * 2000 + "x",
        "not " * 100_000 + "x",
        "(" * 400 + "x" + ")" * 400,
        "9" * 5000 + " < year",
        "[" * 300 + "]" * 300,
        "not " * 60 + "x",
    ]:
        with pytest.raises(FilterError):
            compile_filter(expression)
    assert compile_filter("not " * 10 + "year > 2020")


def test_numbers_that_int_refuses():
    from sphinx_scholar.loaders.bibtex import parse_bibliography
    from sphinx_scholar.selection.choose import citation_count

    pubs, _ = parse_bibliography(entry("k", "T", month="1" * 20000, day="2" * 20000, citations="\u00b2"), "x.bib")
    assert pubs[0].month is None or 1 <= pubs[0].month <= 12
    assert citation_count(pubs[0]) is None
    pubs, _ = parse_bibliography(entry("k", "T", citations="9" * 5000), "x.bib")
    assert citation_count(pubs[0]) is None


# -- 8 and 9. bounded output and linear time ----------------------------------------------
# Each case: a generous wall-clock ceiling (the old code took minutes or gigabytes) and a
# bound on what is written.

CEILING = 240  # seconds for a whole sphinx-build of one hostile file


def timed_build(src: Path, builder: str = "html") -> tuple[int, str, Path, float]:
    import time

    start = time.perf_counter()
    code, warnings, out = build(src, builder)
    return code, warnings, out, time.perf_counter() - start


def output_size(out: Path) -> int:
    return sum(p.stat().st_size for p in out.rglob("*") if p.is_file() and ".doctrees" not in p.parts)


def test_yaml_alias_bomb_is_bounded(tmp_path):
    # Each level holds the previous one ten times: 10^6 copies of a 1 KB string.
    levels = ['a0: &a0 "' + "x" * 1000 + '"']
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 7)]
    bomb = "name: Eve\nbio: hi\n" + "\n".join(f"x{line}" for line in levels) + "\ninterests: *a6\n"
    src = project(
        tmp_path,
        {"profile.yaml": bomb, "index.rst": "Home\n====\n\n.. profile-card::\n"},
        conf='scholar_profile = "profile.yaml"\n',
    )
    code, warnings, out, seconds = timed_build(src)
    assert code == 0, warnings
    assert seconds < CEILING
    assert output_size(out) < 2_000_000
    assert re.search(
        r"profile\.yaml:1: WARNING: the document expands to more than .*\[scholar\.yaml-syntax\]", warnings
    )


def test_yaml_strings_repeated_by_aliases_are_bounded(tmp_path):
    # Few values (under the count bound), each a 100 KB string: 10 MB expanded from 100 KB.
    text = 'name: Eve\nbio: &b "' + "x" * 100_000 + '"\ninterests: [' + ", ".join(["*b"] * 100) + "]\n"
    src = project(
        tmp_path,
        {"profile.yaml": text, "index.rst": "Home\n====\n\n.. profile-card::\n"},
        conf='scholar_profile = "profile.yaml"\n',
    )
    code, warnings, out, seconds = timed_build(src)
    assert code == 0, warnings
    assert seconds < CEILING
    assert output_size(out) < 2_000_000
    assert "[scholar.yaml-syntax]" in warnings


def test_bibtex_string_bomb_is_bounded(tmp_path):
    bib = '@string{a0 = "0123456789"}\n'
    bib += "".join(f"@string{{a{i} = " + " # ".join([f"a{i - 1}"] * 10) + "}\n" for i in range(1, 9))
    bib += "@article{bomb, title = a8 # a8, author = {Doe, Jane}, year = 2020}\n" + entry("ok", "Fine entry")
    assert len(bib) < 700
    src = project(
        tmp_path,
        {"refs.bib": bib, "index.rst": "Home\n====\n\n.. publications::\n"},
        conf='scholar_bibfiles = ["refs.bib"]\nscholar_paper_pages = True\n',
    )
    code, warnings, out, seconds = timed_build(src)
    assert code == 0, warnings
    assert seconds < CEILING
    assert output_size(out) < 20_000_000  # was 900 MB
    assert re.search(
        r"refs\.bib:\d+: WARNING: a\d is longer than 256 KB after its @string macros.*\[scholar\.bibtex-size\]",
        warnings,
    )
    assert soup(out).select_one("#pub-ok") is not None


@pytest.mark.parametrize(
    "field,value",
    [
        ("arxiv", "1" * 50_000 + "v"),
        ("arxiv", "a/" * 25_000 + "!"),
        ("pages", "~" * 50_000 + "x"),
        ("pages", " " * 50_000 + "x"),
        ("title", "\\ " * 25_000 + "x"),
        ("doi", "doi:" + " " * 50_000 + "x"),
        ("url", "http://" + "a" * 50_000 + "?"),
        ("author", "a and " * 10_000 + "b"),
        ("keywords", ", " * 25_000 + "x"),
        ("abstract", "$x$ " * 12_500),
    ],
)
def test_long_fields_take_linear_time(tmp_path, field, value):
    bib = (
        entry("long", "Long", **{field: value})
        if field not in {"title", "author"}
        else entry("long", value if field == "title" else "Long").replace(
            "Doe, Jane", value if field == "author" else "Doe, Jane"
        )
    )
    bib += entry("ok", "Fine entry")
    src = project(
        tmp_path,
        {
            "refs.bib": bib,
            "index.rst": "Home\n====\n\n.. publications::\n   :abstract: shown\n   :style: barron\n   :search:\n",
        },
        conf='scholar_bibfiles = ["refs.bib"]\nscholar_paper_pages = True\nscholar_feed = True\n'
        'html_baseurl = "https://example.org/"\n',
    )
    code, warnings, out, seconds = timed_build(src)
    assert code == 0, warnings
    assert seconds < CEILING
    assert output_size(out) < 60 * len(value) + 2_000_000
    assert soup(out).select_one("#pub-ok") is not None


def test_field_length_cap(tmp_path):
    from sphinx_scholar.loaders.bibtex import MAX_FIELD, parse_bibliography

    pubs, problems = parse_bibliography(entry("k", "T", note="x" * (MAX_FIELD + 10)), "x.bib")
    assert len(pubs[0].field("note")) == MAX_FIELD
    assert [p.subtype for p in problems] == ["bibtex-size"] and problems[0].line == 5


# -- 10. XML outputs are well-formed whatever the text ------------------------------------


def test_atom_feed_is_well_formed_with_control_characters(tmp_path):
    import xml.etree.ElementTree as ElementTree

    hostile = "Bad \x01 title \ufffe with \x00 NUL \x1b[31m and \x0b"
    src = project(
        tmp_path,
        {
            "refs.bib": entry(
                "bad", hostile, abstract="Abstract \x02\x08 end", author="X", journal="J\x0c", month="13", day="45"
            )
            + entry("ok", "Fine entry"),
            "index.rst": "Home\n====\n\n.. publications::\n",
        },
        conf='scholar_bibfiles = ["refs.bib"]\nscholar_feed = True\nhtml_baseurl = "https://example.org/"\n',
    )
    code, warnings, out = build(src)
    assert code == 0, warnings
    feed = out / "publications.atom"
    root = ElementTree.fromstring(feed.read_bytes())  # raises on what XML 1.0 forbids
    titles = [t.text for t in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Bad  title  with  NUL [31m and" in " ".join(t or "" for t in titles)
    for published in root.iter("{http://www.w3.org/2005/Atom}published"):
        assert re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])-\d\dT00:00:00Z", published.text)


def test_xml_text_strips_what_xml_forbids():
    from sphinx_scholar.formats.exporters import xml_text

    forbidden = "".join(chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF, 0xD800))
    assert xml_text("a" + forbidden + "\t\n\r b\u00e9\U0001f600") == "a\t\n\r b\u00e9\U0001f600"


def test_lab_data_files_follow_the_same_rule(tmp_path):
    (tmp_path / "canary.png").write_bytes(PNG + CANARY.encode())
    src = project(
        tmp_path,
        {
            "news.yaml": "news:\n  - date: 2024-05-01\n    text: 'Hi [x](javascript:alert(1)) *ok*'\n"
            "    image: .hidden/n.png\n",
            ".hidden/n.png": PNG + CANARY.encode(),
            "people.yaml": "people:\n  - name: Ada Lovelace\n    photo: img/link.png\n"
            "    bio: 'Bio [x](javascript:alert(1))'\n    positions:\n      - role: phd\n        start: 2020-01-01\n",
            "index.rst": "Home\n====\n\n.. news::\n\n.. people::\n",
        },
        conf='scholar_news = "news.yaml"\nscholar_people = "people.yaml"\nscholar_member_pages = True\n',
    )
    (src / "img").mkdir()
    (src / "img" / "link.png").symlink_to(tmp_path / "canary.png")
    code, warnings, out = build(src)
    assert code == 0, warnings
    outputs = [p for p in out.rglob("*") if p.is_file()]
    assert not [p for p in outputs if CANARY.encode() in p.read_bytes()]
    for page in out.rglob("*.html"):
        for link in soup(page.parent, page.stem).find_all("a"):
            assert "javascript" not in link.get("href", "").lower()
    assert re.search(
        r"news\.yaml:\d+: WARNING: news image '\.hidden/n\.png' is a hidden file.*\[scholar\.path\]", warnings
    )
    assert re.search(
        r"people\.yaml:\d+: WARNING: photo of Ada Lovelace 'img/link\.png' is outside the project.*"
        r"\[scholar\.path\]",
        warnings,
    )


def test_a_manifest_of_the_old_format_never_deletes_outside(tmp_path):
    import json

    src = project(
        tmp_path,
        {"refs.bib": entry("ok2020", "Fine"), "index.rst": "Home\n====\n\n.. publications::\n"},
        conf='scholar_bibfiles = ["refs.bib"]\nscholar_paper_pages = True\n',
    )
    code, warnings, out = build(src)
    assert code == 0, warnings
    manifest = out / ".doctrees" / "sphinx-scholar" / "paper-pages-html.json"
    assert manifest.exists()
    # Version 1 kept key -> signature, and named pages by the raw key.
    manifest.write_text(json.dumps({"../../X": "old", "old2019": "old", "ok2020": "old"}), encoding="utf-8")
    (tmp_path / "X.html").write_text(CANARY, encoding="utf-8")
    (out / "papers" / "old2019.html").write_text("stale", encoding="utf-8")
    code, warnings, out = build(src)
    assert code == 0, warnings
    assert (tmp_path / "X.html").read_text(encoding="utf-8") == CANARY
    import sphinx

    if sphinx.version_info >= (8, 2):  # Sphinx 8.1 leaves this stale page on a build with nothing outdated
        assert not (out / "papers" / "old2019.html").exists()  # a stale page of a safe key is still removed
    assert (out / "papers" / "ok2020.html").exists()
