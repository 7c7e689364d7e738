"""Inline Markdown from data files (bios, news, summaries) to docutils nodes, safely.

Only *emphasis*, **strong**, ``code``, [links](https://…) with a safe address,
autolinks and line breaks are read (markdown-it-py's "zero" preset with those
rules on). Raw HTML, roles, directives and images are never interpreted: their
source shows as text. A link whose address is not safe keeps only its text.
"""

from __future__ import annotations

from functools import cache

from docutils import nodes

from ..records.urls import is_safe_url

__all__ = ["inline_markdown"]


@cache
def _parser():
    from markdown_it import MarkdownIt  # imported when a data file has text to show

    return MarkdownIt("zero").enable(["emphasis", "backticks", "link", "escape", "entity", "autolink", "newline"])


def inline_markdown(text: str, *, local_links: bool = False) -> list[nodes.Node]:
    """The nodes of ``text``; ``local_links`` also lets relative paths become links."""
    if not text:
        return []
    tokens = _parser().parseInline(str(text))
    out: list[nodes.Node] = []
    stack: list[nodes.Element] = []

    def add(node: nodes.Node) -> None:
        (stack[-1] if stack else out).append(node)  # type: ignore[arg-type]

    for block in tokens:
        for token in block.children or ():
            kind = token.type
            if kind == "text":
                add(nodes.Text(token.content))
            elif kind in {"softbreak", "hardbreak"}:
                add(nodes.Text(" "))
            elif kind == "code_inline":
                add(nodes.literal(token.content, token.content))
            elif kind in {"em_open", "strong_open", "link_open"}:
                if kind == "em_open":
                    element: nodes.Element = nodes.emphasis()
                elif kind == "strong_open":
                    element = nodes.strong()
                else:
                    href = str(token.attrGet("href") or "")
                    safe = is_safe_url(href)
                    if safe == "remote" or (safe == "local" and local_links):
                        element = nodes.reference("", "", refuri=href)
                    else:
                        element = nodes.inline()  # the text stays, the link goes
                add(element)
                stack.append(element)
            elif kind in {"em_close", "strong_close", "link_close"}:
                if stack:
                    stack.pop()
            else:  # anything else the parser yields is shown as its source
                add(nodes.Text(token.content))
    return out
