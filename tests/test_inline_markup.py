"""Safe inline markup for data values (issue 12, item 2): the subset, and what is refused."""

from __future__ import annotations

import time

import pytest
from docutils import nodes

from sphinx_scholar.render.inline_markup import MAX_MARKUP_LENGTH, inline_markup, syntax_for


def kinds(found: list[nodes.Node]) -> list[tuple[str, str]]:
    return [(type(node).__name__, node.astext()) for node in found]


def test_rst_subset():
    found, problems = inline_markup("I am *very* **happy** with ``code`` and `my site <https://x.org>`_.")
    assert kinds(found) == [
        ("Text", "I am "),
        ("emphasis", "very"),
        ("Text", " "),
        ("strong", "happy"),
        ("Text", " with "),
        ("literal", "code"),
        ("Text", " and "),
        ("reference", "my site"),
        ("Text", "."),
    ]
    assert found[7]["refuri"] == "https://x.org"
    assert problems == []


def test_markdown_subset():
    found, problems = inline_markup("*em* _em2_ **st** `code` [a **b**](https://x.org)", "markdown")
    assert kinds(found) == [
        ("emphasis", "em"),
        ("Text", " "),
        ("emphasis", "em2"),
        ("Text", " "),
        ("strong", "st"),
        ("Text", " "),
        ("literal", "code"),
        ("Text", " "),
        ("reference", "a b"),
    ]
    assert found[-1]["refuri"] == "https://x.org"
    assert problems == []


@pytest.mark.parametrize(
    "syntax,text",
    [
        ("rst", "`x <javascript:alert(1)>`_"),
        ("rst", "`x <JaVa\tScript:alert(1)>`__"),
        ("rst", "`x <data:text/html,<script>alert(1)</script>>`_"),
        ("markdown", "[x](javascript:alert(1))"),
        ("markdown", "[x](vbscript:msgbox)"),
        ("markdown", "[x](<javascript:alert(1)>)"),
    ],
)
def test_unsafe_links_are_text_with_a_message(syntax, text):
    found, problems = inline_markup(text, syntax)
    assert not any(isinstance(node, nodes.reference) for node in found)
    assert "".join(node.astext() for node in found) == "x"
    assert len(problems) == 1 and "refused" in problems[0]


@pytest.mark.parametrize(
    "syntax,text",
    [
        ("rst", ":download:`x <../../../../canary.txt>`"),
        ("rst", ":raw-html:`<script>alert(1)</script>`"),
        ("rst", "|sub| and [#]_ and .. include:: ../canary.txt"),
        ("rst", ".. raw:: html\n\n   <script>alert(1)</script>"),
        ("markdown", "{download}`x <../../canary.txt>`"),
        ("markdown", "<script>alert(1)</script> <img src=x onerror=alert(1)>"),
        ("markdown", "![img](../../canary.txt)"),
    ],
)
def test_roles_directives_and_html_are_text(syntax, text):
    found, _ = inline_markup(text, syntax)
    for node in found:
        for element in node.findall(nodes.Element):
            assert isinstance(element, (nodes.emphasis, nodes.strong, nodes.literal, nodes.reference))
    # No download, image, raw or include node: at most a plain link (the address checked).
    text_shown = "".join(node.astext() for node in found)
    assert "script" not in text or "<script>" in text_shown


def test_role_reported():
    _, problems = inline_markup(":download:`x <../canary.txt>`")
    assert problems and ":download:" in problems[0]


def test_escapes_and_plain_asterisks():
    found, _ = inline_markup(r"2*3*4 and \*not em\*")
    assert kinds(found) == [("Text", "2*3*4 and *not em*")]


def test_syntax_follows_the_page():
    assert syntax_for("/p/index.md") == "markdown"
    assert syntax_for("/p/index.rst") == "rst"


@pytest.mark.parametrize("syntax", ["rst", "markdown"])
@pytest.mark.parametrize("piece", ["*a ", "``a ", "`a <", ":x:`", "[`", "[", "*_", "**a", "\\"])
def test_linear_time_and_length_cap(syntax, piece):
    text = piece * (MAX_MARKUP_LENGTH * 3 // len(piece))
    start = time.perf_counter()
    found, problems = inline_markup(text, syntax)
    assert time.perf_counter() - start < 20  # a generous ceiling: quadratic parsing took minutes
    assert sum(len(node.astext()) for node in found) <= MAX_MARKUP_LENGTH
    assert any("cut" in p for p in problems)
