"""Inline Markdown from data files (bios, news, summaries) to docutils nodes, safely.

A thin front of :mod:`.inline_markup` (the one parser of markup in data):
*emphasis*, **strong**, ``code``, [links](https://…) with a safe address,
autolinks and line breaks. Raw HTML, roles, directives and images are never
interpreted: their source shows as text. A link whose address is not safe
keeps only its text. Callers that can locate a warning use
:func:`.inline_markup.inline_markup`, which also returns the refusals.
"""

from __future__ import annotations

from docutils import nodes

from .inline_markup import inline_markup

__all__ = ["inline_markdown"]


def inline_markdown(text: str, *, local_links: bool = False) -> list[nodes.Node]:
    """The nodes of ``text``; ``local_links`` also lets relative paths become links."""
    if not text:
        return []
    found, _ = inline_markup(str(text), "markdown", local_links=local_links)
    return found
