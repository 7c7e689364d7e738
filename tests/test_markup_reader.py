"""The one reader of markup in data (records/markup.py): its subset in the three
syntaxes, its refusals, and hostile input. Renderer level: no Sphinx build."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from docutils import nodes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_scholar.records import markup
from sphinx_scholar.records.markup import (
    MAX_MARKUP_LENGTH,
    Inline,
    markdown_to_rich,
    read_inline,
    rich_field,
)
from sphinx_scholar.records.richtext import LinkSegment
from sphinx_scholar.records.urls import is_safe_url
from sphinx_scholar.render.inline_markup import inline_markup

ALLOWED_NODES = (nodes.emphasis, nodes.strong, nodes.literal, nodes.reference, nodes.subscript, nodes.superscript)
ALLOWED_KINDS = {"text", "emph", "strong", "code", "link", "sub", "sup", "br", "par", "math"}
UNSAFE = ["javascript:alert(1)", "JaVa\tScript:alert(1)", "data:text/html,x", "vbscript:msgbox", "file:///etc/passwd"]


def shape(tree):
    """A tree as nested tuples, for comparing."""
    return tuple(p if isinstance(p, str) else (p.kind, p.url, p.text, shape(p.children)) for p in tree)


def segs(rich):
    return [(s.kind, s.text, getattr(s, "url", None)) for s in rich]


# -- the subset, in each syntax ---------------------------------------------------


def test_markdown_subset_tree():
    tree, problems = read_inline("*em* **st** `co` [a **b**](https://x.org) <https://y.org>", "markdown")
    assert shape(tree) == (
        ("emph", "", "", ("em",)),
        " ",
        ("strong", "", "", ("st",)),
        " ",
        ("code", "", "co", ()),
        " ",
        ("link", "https://x.org", "", ("a ", ("strong", "", "", ("b",)))),
        " ",
        ("link", "https://y.org", "", ("https://y.org",)),
    )
    assert problems == []


def test_rst_subset_tree():
    tree, problems = read_inline("*em* **st** ``co`` `site <https://x.org>`_ `<https://y.org>`__", "rst")
    assert shape(tree) == (
        ("emph", "", "", ("em",)),
        " ",
        ("strong", "", "", ("st",)),
        " ",
        ("code", "", "co", ()),
        " ",
        ("link", "https://x.org", "", ("site",)),
        " ",
        ("link", "https://y.org", "", ("https://y.org",)),
    )
    assert problems == []


def test_nested_markup_stays_nested_in_nodes():
    found, _ = inline_markup("[a **b**](https://x.org)", "markdown")
    (link,) = found
    assert isinstance(link, nodes.reference) and link["refuri"] == "https://x.org"
    assert [type(child).__name__ for child in link.children] == ["Text", "strong"]


def test_html_subset_segments():
    rich = rich_field(
        "<i>Medicago</i> <jats:bold>x</jats:bold> H<sub>2</sub>O<sup>+</sup> <a href='https://x.org'>a</a>"
    )
    assert segs(rich) == [
        ("emph", "Medicago", None),
        ("text", " ", None),
        ("strong", "x", None),
        ("text", " H", None),
        ("sub", "2", None),
        ("text", "O", None),
        ("sup", "+", None),
        ("text", " ", None),
        ("link", "a", "https://x.org"),
    ]


def test_html_breaks_and_skipped_content():
    rich = rich_field("<p>one</p><p>two<br>three</p><script>alert(1)</script><style>p{}</style>")
    assert segs(rich) == [
        ("text", "one", None),
        ("par", "\n\n", None),
        ("text", "two", None),
        ("br", "\n", None),
        ("text", "three", None),
    ]


def test_markdown_in_cv_text_and_latex_in_annotations():
    assert segs(markdown_to_rich("**Lead**, *with* `code` and [site](https://x.org)")) == [
        ("strong", "Lead", None),
        ("text", ", ", None),
        ("emph", "with", None),
        ("text", " ", None),
        ("code", "code", None),
        ("text", " and ", None),
        ("link", "site", "https://x.org"),
    ]
    assert markdown_to_rich(r"caf\'e *\emph{x}*", latex=True).plain == "café x"
    assert segs(markdown_to_rich("a  \nb")) == [("text", "a", None), ("br", "\n", None), ("text", "b", None)]


def test_strong_wins_over_emphasis_and_a_link_takes_all():
    assert segs(markdown_to_rich("***x*** [*a* **b**](https://x.org)")) == [
        ("strong", "x", None),
        ("text", " ", None),
        ("link", "a", "https://x.org"),
        ("link", " ", "https://x.org"),
        ("link", "b", "https://x.org"),
    ]
    assert segs(rich_field("<b><i>x</i></b><sub><i>y</i></sub>")) == [("strong", "x", None), ("emph", "y", None)]


# -- refusals --------------------------------------------------------------------


@pytest.mark.parametrize("url", UNSAFE)
@pytest.mark.parametrize(
    "syntax,template",
    [("markdown", "[x]({})"), ("markdown", "[x](<{}>)"), ("rst", "`x <{}>`_"), ("rst", "`x <{}>`__")],
)
def test_unsafe_links_are_their_text_with_a_message(syntax, template, url):
    text = template.format(url)
    tree, problems = read_inline(text, syntax)
    if tree != ("x",):  # not a link at all in that syntax (CommonMark: no tab in a bare address)
        assert tree == (text,) and problems == []
        return
    assert len(problems) == 1 and "refused" in problems[0]
    if syntax == "markdown":
        assert segs(markdown_to_rich(text)) == [("text", "x", None)]


@pytest.mark.parametrize("url", UNSAFE)
def test_unsafe_html_links_are_their_text(url):
    assert segs(rich_field(f'see <a href="{url}">x</a>')) == [("text", "see x", None)]


def test_relative_links_can_be_refused():
    tree, problems = read_inline("[x](../page.html)", "markdown", local_links=False)
    assert tree == ("x",) and "relative link" in problems[0]
    tree, problems = read_inline("[x](../page.html)", "markdown")
    assert tree[0].kind == "link" and problems == []


def test_every_syntax_asks_the_one_link_rule(monkeypatch):
    asked = []

    def refuse_all(url):
        asked.append(url)
        return None

    monkeypatch.setattr(markup, "is_safe_url", refuse_all)
    markup.markdown_to_rich.cache_clear()
    markup.rich_field.cache_clear()
    try:
        assert not any(isinstance(p, Inline) for p in read_inline("[a](https://a.org)", "markdown")[0])
        assert not any(isinstance(p, Inline) for p in read_inline("`b <https://b.org>`_", "rst")[0])
        assert not any(isinstance(s, LinkSegment) for s in rich_field('<a href="https://c.org">c</a>'))
        assert not any(isinstance(s, LinkSegment) for s in markdown_to_rich("[d](https://d.org)"))
    finally:
        markup.markdown_to_rich.cache_clear()
        markup.rich_field.cache_clear()
    assert asked == ["https://a.org", "https://b.org", "https://c.org", "https://d.org"]


@pytest.mark.parametrize(
    "syntax,text,shown",
    [
        ("rst", ":download:`x <../../canary.txt>`", ":download:`x <../../canary.txt>`"),
        ("rst", ":raw-html:`<script>alert(1)</script>`", ":raw-html:`<script>alert(1)</script>`"),
        ("rst", ".. include:: ../canary.txt", ".. include:: ../canary.txt"),
        ("rst", "|sub| and [#]_", "|sub| and [#]_"),
        ("markdown", "{download}`x <../canary.txt>`", "{download}x <../canary.txt>"),
        ("markdown", "<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("markdown", "![alt](../../canary.txt)", "alt"),
    ],
)
def test_roles_directives_images_and_html_are_text(syntax, text, shown):
    found, problems = inline_markup(text, syntax)
    assert "".join(node.astext() for node in found) == shown
    assert not any(isinstance(node, nodes.reference) for root in found for node in root.findall())
    if "download" in text and syntax == "rst" or "!" in text:
        assert problems  # reported as a scholar.markup warning by the directive


# -- hostile input ----------------------------------------------------------------

PIECES = ["*", "[", "![", "`", "<", "[a](", "`a <", ":x:`", "<a href=x>", "<b>", "\\"]


@pytest.mark.parametrize("piece", PIECES)
def test_100_kb_of_one_piece_finishes_with_bounded_output(piece):
    text = piece * (100_000 // len(piece))
    # A field with HTML has its Markdown read between the tags; without, rich_field(markdown=True) is markdown_to_rich.
    for rich in (markdown_to_rich(text), rich_field(text, markdown="<" in text), rich_field(text)):
        assert len(rich.plain) <= len(text)
        assert not any(isinstance(s, LinkSegment) and not is_safe_url(s.url) for s in rich)
    for syntax in ("markdown", "rst"):
        found, problems = inline_markup(text, syntax)
        assert sum(len(node.astext()) for node in found) <= MAX_MARKUP_LENGTH
        assert any("cut" in p for p in problems)


def _check_nodes(found):
    for root in found:
        for node in root.findall(nodes.Element):
            assert isinstance(node, ALLOWED_NODES), node
            if isinstance(node, nodes.reference):
                assert is_safe_url(node["refuri"])


MARKUP_TEXT = st.lists(
    st.sampled_from(list("*_`[]()<>!:\\&#;/ \n\tajs") + ["javascript:", "data:", "http://x", "<a href=", "\x00"]),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKUP_TEXT)
def test_any_text_gives_only_the_subset(text):
    for syntax in ("markdown", "rst"):
        found, _ = inline_markup(text, syntax)
        _check_nodes(found)
    for rich in (markdown_to_rich(text), markdown_to_rich(text, latex=True), rich_field(text, markdown=True)):
        assert {s.kind for s in rich} <= ALLOWED_KINDS
        assert all(is_safe_url(s.url) for s in rich if isinstance(s, LinkSegment))


# -- the shape of the code ---------------------------------------------------------------


def test_no_function_of_the_markup_modules_is_over_50_lines():
    package = Path(markup.__file__).resolve().parents[1]
    long = []
    for name in ("records/markup.py", "render/inline_markup.py", "directives/markup.py"):
        source = (package / name).read_text(encoding="utf-8")
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                reason = lines[first - 2].strip() if first > 1 else ""
                if node.end_lineno - node.lineno + 1 > 50 and not reason.startswith("# long:"):
                    long.append(f"{name}: {node.name}")
    assert not long
