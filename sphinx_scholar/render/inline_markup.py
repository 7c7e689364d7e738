"""Docutils nodes for text that comes from data files (a profile ``bio``, news, summaries...).

The markup is read by :mod:`..records.markup`, the one reader of markup in
data (its docstring has the subset: emphasis, strong, literal and links, in
reStructuredText or Markdown; every link through the URL safety check). This
module only turns the tree it reads into inline nodes, and picks the syntax
of a profile bio from the page that shows it.
"""

from __future__ import annotations

from typing import Literal

from docutils import nodes

from ..records.markup import MAX_MARKUP_LENGTH, Inline, InlineTree, Syntax, read_inline

__all__ = ["MAX_MARKUP_LENGTH", "inline_markup", "inline_nodes", "syntax_for"]

_ELEMENTS: dict[str, type[nodes.TextElement]] = {
    "emph": nodes.emphasis,
    "strong": nodes.strong,
    "sub": nodes.subscript,
    "sup": nodes.superscript,
}


def syntax_for(source: str) -> Literal["rst", "markdown"]:
    """The markup of a data value shown in the document ``source``: Markdown on
    a MyST page (``.md``), reStructuredText otherwise."""
    return "markdown" if str(source).lower().endswith((".md", ".markdown")) else "rst"


def inline_markup(text: str, syntax: Syntax = "rst", *, local_links: bool = True) -> tuple[list[nodes.Node], list[str]]:
    """Docutils inline nodes for ``text`` in the safe subset, and the refusals
    (see :func:`..records.markup.read_inline`)."""
    tree, problems = read_inline(text, syntax, local_links=local_links)
    return inline_nodes(tree), problems


def inline_nodes(tree: InlineTree) -> list[nodes.Node]:
    """The nodes of a tree read by :mod:`..records.markup`; line breaks are spaces."""
    out: list[nodes.Node] = []
    for piece in tree:
        if isinstance(piece, str):
            out.append(nodes.Text(piece))
        elif piece.kind == "code":
            out.append(nodes.literal(piece.text, piece.text))
        elif piece.kind in ("br", "par"):
            out.append(nodes.Text(" "))
        else:
            out.extend(_element(piece))
    return out


def _element(element: Inline) -> list[nodes.Node]:
    children = inline_nodes(element.children)
    if element.kind == "link":  # its address was checked by the reader
        return [nodes.reference("".join(child.astext() for child in children), "", *children, refuri=element.url)]
    if element.kind in _ELEMENTS:
        return [_ELEMENTS[element.kind]("", "", *children)]
    return children
