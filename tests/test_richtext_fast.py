"""The fast LaTeX decoder: the same output as pylatexenc wherever both apply,
and the deliberate fixes of issue 13 (\\noopsort, @preamble macros, \\url/\\href links)."""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

import pytest
from docutils import nodes

from sphinx_scholar.loaders.bibtex import parse_bibliography
from sphinx_scholar.records import richtext
from sphinx_scholar.records.latex_symbols import SYMBOLS
from sphinx_scholar.records.richtext import LinkSegment, latex_to_rich
from sphinx_scholar.render.publications import PublicationRenderer, RenderOptions
from sphinx_scholar.selection.names import NameMatcher

REALWORLD = Path(os.environ.get("SCHOLAR_REALWORLD") or Path(__file__).resolve().parents[2] / "shared" / "realworld")
# Where the decoders differ on purpose (issue 13, items 7 and 9).
DELIBERATE = re.compile(r"\\(url|href|noopsort)(?![A-Za-z])")

PIECES = [
    "a",
    "b ",
    " ",
    "  ",
    "word",
    "-",
    "--",
    "---",
    "~",
    "{",
    "}",
    "{x}",
    "\\emph{",
    "\\emph ",
    "\\textbf{",
    "\\textit{",
    "{\\em ",
    "{\\bf ",
    "\\em ",
    "\\it",
    "$",
    "$x^2$",
    "$\\alpha$",
    "\\(",
    "\\)",
    "\\[",
    "\\]",
    "%",
    "\\%",
    "\\&",
    "\\_",
    "\\$",
    "\\#",
    "\\'",
    "\\'e",
    "\\'{e}",
    "{\\'e}",
    '\\"o',
    "\\c{c}",
    "\\c c",
    "\\v{s}",
    "\\'\\i",
    "\\'{\\i}",
    "\\^{}",
    "\\~{n}",
    "\\ss",
    "\\ss{}",
    "\\o",
    "\\aa ",
    "\\i",
    "\\ldots",
    "\\alpha",
    "\\textendash",
    "\\textsc{",
    "\\texttt{",
    "\\mbox{",
    "\\\\",
    "\\,",
    "\\ ",
    "\\-",
    "\\foo",
    "\\foo{",
    "``",
    "''",
    "`",
    "'",
    "&",
    "!`",
    "?`",
    "#",
    "^",
    "_",
    "é",
    "\n",
    "\\text{",
    "\\NoCaseChange{",
    "\\H{o}",
    "\\k a",
    "\\=",
    "\\.",
    "\\vec{v}",
    "\\dot x",
    "\\not",
    "x",
    "1",
    "(",
    ")",
    "[",
    "]",
    "\\{",
    "\\}",
    "\\|",
    "\\@",
    "\\t{oo}",
]


def same(source: str) -> None:
    if not richtext.needs_parser(source):
        return  # no parser before either: the plain path is unchanged
    if len(re.findall(r"(?<!\\)\$", source)) % 2:
        return  # an unclosed $ is a dollar sign now, not math to the end (deliberate)
    fast = richtext._decode(source)
    slow = richtext._decode_with_pylatexenc(source)
    assert [tuple(s) for s in fast] == [tuple(s) for s in slow], source


def test_random_latex_decodes_as_pylatexenc_decoded_it():
    rng = random.Random(14)
    for _ in range(1500):
        source = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 10)))
        same(source)


@pytest.mark.parametrize("name", sorted(SYMBOLS)[::7])
def test_symbol_table_matches_pylatexenc(name):
    same(f"a\\{name} b \\{name}{{}}c")


def test_realworld_fields_decode_as_pylatexenc_decoded_them():
    files = sorted((REALWORLD / "bib").glob("*.bib"))
    if not files:
        pytest.skip(f"no real-world corpus at {REALWORLD}")
    count = 0
    for path in files:
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        for match in re.finditer(r"=\s*\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}", text):
            value = " ".join(match.group(1).split())
            if richtext.needs_parser(value) and not DELIBERATE.search(value):
                same(value)
                count += 1
    assert count > 100


def test_typical_abstract_takes_the_fast_path(monkeypatch):
    monkeypatch.setattr(richtext, "_decode_with_pylatexenc", None)  # would raise if called
    rich = richtext._decode(
        r"We show that \emph{our} method improves ``accuracy'' by 12\% over $f(x)=\alpha x^2$ -- "
        r"see G{\"o}del, Erd{\H{o}}s and \textbf{bold {\em text}}; code at \url{https://example.org/a\_b}."
    )
    assert rich.plain.startswith("We show that our method improves \u201caccuracy\u201d by 12% over f(x)")


# --- issue 13, item 7 ----------------------------------------------------------------


def test_noopsort_prints_nothing():
    entries, problems = parse_bibliography(
        "@article{a, author = {{\\noopsort{marez}}{de Marez}, Charly}, title = {T}, year = 2020}", "t.bib"
    )
    assert [a.full_name for a in entries[0].authors] == ["Charly de Marez"]
    assert latex_to_rich(r"{\noopsort{b}}Second").plain == "Second"


def test_preamble_commands_printing_nothing_or_a_fixed_text_are_honoured():
    source = (
        '@preamble{ "\\newcommand{\\SortKey}[1]{} \\providecommand{\\lab}{Our Lab} \\def\\twice#1{#1#1}" }\n'
        "@article{a, author = {{\\SortKey{z}}Zed, Ann}, title = {Work of \\lab\\ on {\\SortKey{b}}things}, year = 2020}\n"
    )
    entries, problems = parse_bibliography(source, "t.bib")
    assert problems == []
    assert [a.full_name for a in entries[0].authors] == ["Ann Zed"]
    assert entries[0].title.plain == "Work of Our Lab on things"


# --- issue 13, item 9 ----------------------------------------------------------------


def test_url_and_href_become_links_with_safe_schemes_only():
    rich = latex_to_rich(
        r"See \url{https://example.org/a\_b}, \href{https://x.org/p}{the \emph{page}} "
        r"and \href{javascript:alert(1)}{not a link} or \url{file:///etc/passwd}."
    )
    links = [(s.text, s.url) for s in rich if isinstance(s, LinkSegment)]
    assert links == [("https://example.org/a_b", "https://example.org/a_b"), ("the page", "https://x.org/p")]
    assert rich.plain == "See https://example.org/a_b, the page and not a link or file:///etc/passwd."


def test_links_in_any_shown_field_are_rendered_as_links():
    entries, _ = parse_bibliography(
        "@article{a, title = {T}, year = 2020, author = {Doe, J},"
        " abstract = {Data at \\url{https://data.example.org} and \\href{javascript:x}{here}.}}",
        "t.bib",
    )
    renderer = PublicationRenderer(RenderOptions(style="barron", abstract="shown"), me=NameMatcher([]))
    tree = renderer.render_list(entries)
    abstract = next(n for n in tree.findall(nodes.paragraph) if "scholar-abstract" in n["classes"])
    refs = list(abstract.findall(nodes.reference))
    assert [(r["refuri"], r.astext()) for r in refs] == [("https://data.example.org", "https://data.example.org")]
    assert abstract.astext() == "Data at https://data.example.org and here."


# --- issue 13, item 6 ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        (r"$H_0$ tension", "H₀ tension"),
        (r"(LRDs)$^2$", "(LRDs)²"),
        (r"\(\tau\sigma\|L\|^2 < 4\)", "τσ‖L‖² < 4"),
        (r"$0<\theta\leq 1$", "0 < θ ≤ 1"),
        (r"$O(n \log n)$", "O(n log n)"),
        (r"$\mathbb{R}^n$ and $10^{-3}$", "ℝⁿ and 10⁻³"),
    ],
)
def test_unicode_math_keeps_its_meaning(source, shown):
    renderer = PublicationRenderer(RenderOptions(), me=NameMatcher([]))
    paragraph = nodes.paragraph("", "", *renderer._rich(latex_to_rich(source)))
    assert paragraph.astext() == shown
    assert not list(paragraph.findall(nodes.math))


def test_scripts_without_unicode_letters_are_sub_and_sup_and_the_rest_real_math():
    renderer = PublicationRenderer(RenderOptions(), me=NameMatcher([]))
    paragraph = nodes.paragraph("", "", *renderer._rich(latex_to_rich(r"$T_c$, $x^{\mathrm{Q}}$ and $\frac{1}{2}$")))
    assert [n.astext() for n in paragraph.findall(nodes.subscript)] == ["c"]
    assert [n.astext() for n in paragraph.findall(nodes.superscript)] == ["Q"]
    assert [n.astext() for n in paragraph.findall(nodes.math)] == [r"\frac{1}{2}"]
    assert "_" not in paragraph.astext() and "^" not in paragraph.astext()


def test_an_unclosed_dollar_is_a_dollar_sign():
    rich = latex_to_rich(r"Book review, 2005, 135, $225 hardback (ISBN 1-57958-385-7)")
    assert [tuple(s) for s in rich] == [("text", "Book review, 2005, 135, $225 hardback (ISBN 1-57958-385-7)")]


def test_escaped_braces_and_backslashes_are_kept():
    # \{ \} \textbackslash print their character; protection braces disappear.
    from sphinx_scholar.records.richtext import latex_to_plain, latex_to_rich

    assert latex_to_rich(r"The \{0,1\}-knapsack {Protected}").plain == "The {0,1}-knapsack Protected"
    assert latex_to_rich(r"a \textbackslash{} b").plain == "a \\ b"
    assert latex_to_plain(r"\emph{x \{ y}") == "x { y"


@pytest.mark.parametrize(
    "field",
    ["``Deep'' learning -- a survey", r"``Deep'' learning -- a \emph{survey}"],
)
def test_quotes_are_the_same_with_or_without_other_latex(field):
    """A field with no backslash, $ or % skips the tokenizer: it must still turn
    ``quotes'' into the same characters (they stayed as backticks)."""
    assert str(latex_to_rich(field)) == "\u201cDeep\u201d learning \u2013 a survey"
