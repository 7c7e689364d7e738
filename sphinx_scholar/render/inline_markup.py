"""Safe inline markup for text that comes from data files (a profile ``bio``...).

Data is never parsed as reStructuredText or MyST with the page author's
rights: a ``:download:`` role in a YAML value would publish any readable file
of the build machine, an ``.. include::`` would read one, a ``raw`` role would
write HTML. Text fields of data files accept this inline subset only, in
either syntax, and nothing else:

================  ========================  ==========================
markup            reStructuredText          Markdown
================  ========================  ==========================
emphasis          ``*text*``                ``*text*`` or ``_text_``
strong            ``**text**``              ``**text**``
literal           ````text````              ```text```
link              ```text <url>`_``         ``[text](url)``
================  ========================  ==========================

A link whose address is not safe (``javascript:``, ``data:``...: see
:func:`..records.urls.is_safe_url`) is shown as its text. Roles, directives,
substitutions, footnotes, images and raw HTML are shown as the text they are
written with. Each refusal is returned as a message for a located
``scholar.markup`` warning.

Markdown goes through markdown-it-py's inline parser with only the rules
above enabled (no HTML); reStructuredText through a small linear-time
tokenizer (docutils' own inliner would run the roles).
"""

from __future__ import annotations

import re
from typing import Literal

from docutils import nodes

from ..records.urls import is_safe_url

__all__ = ["MAX_MARKUP_LENGTH", "inline_markup", "syntax_for"]

Syntax = Literal["rst", "markdown"]
MAX_MARKUP_LENGTH = 20_000  # characters of one value; the rest is cut, with a message

_MD_RULES = ["text", "newline", "escape", "backticks", "emphasis", "link", "autolink", "entity"]
_md = None


def syntax_for(source: str) -> Syntax:
    """The markup of a data value shown in the document ``source``: Markdown on
    a MyST page (``.md``), reStructuredText otherwise."""
    return "markdown" if str(source).lower().endswith((".md", ".markdown")) else "rst"


def inline_markup(text: str, syntax: Syntax = "rst", *, local_links: bool = True) -> tuple[list[nodes.Node], list[str]]:
    """Docutils inline nodes for ``text`` in the safe subset, and the refusals.
    ``local_links=False`` keeps only the text of relative links (a page
    generated in another folder than the data file's would break them)."""
    problems: list[str] = []
    text = str(text or "")
    if len(text) > MAX_MARKUP_LENGTH:
        problems.append(f"text of {len(text)} characters cut to {MAX_MARKUP_LENGTH}")
        text = text[:MAX_MARKUP_LENGTH]
    text = " ".join(text.split("\n"))
    parse = _markdown if syntax == "markdown" else _rst
    return parse(text, problems, local_links), problems


def _allowed(url: str, local_links: bool, problems: list[str]) -> bool:
    safety = is_safe_url(url) if url else None
    if safety == "remote" or (safety == "local" and local_links):
        return True
    if safety == "local":
        problems.append(f"relative link {url!r} is not allowed here (only http, https and mailto); shown as text")
    else:
        problems.append(f"link {url!r} refused (only http, https, mailto and relative addresses); shown as text")
    return False


def _link(label: str, url: str, problems: list[str], local_links: bool = True) -> nodes.Node:
    if _allowed(url, local_links, problems):
        return nodes.reference(label, label, refuri=url)
    return nodes.Text(label)


# -- Markdown ---------------------------------------------------------------


def _markdown_parser():
    global _md
    if _md is None:
        from markdown_it import MarkdownIt

        md = MarkdownIt("zero", {"html": False})
        md.enable(_MD_RULES)
        md.validateLink = lambda url: True  # every address is checked (and reported) by _link
        _md = md
    return _md


def _markdown(text: str, problems: list[str], local_links: bool = True) -> list[nodes.Node]:
    tokens = _markdown_parser().parseInline(text)
    root = nodes.inline()
    stack: list[nodes.Element] = [root]
    links: list[str] = []
    for token in tokens[0].children or ():
        kind = token.type
        if kind == "text":
            stack[-1] += nodes.Text(token.content)
        elif kind in ("softbreak", "hardbreak"):
            stack[-1] += nodes.Text(" ")
        elif kind == "code_inline":
            stack[-1] += nodes.literal(token.content, token.content)
        elif kind in ("em_open", "strong_open"):
            element = nodes.emphasis() if kind == "em_open" else nodes.strong()
            stack[-1] += element
            stack.append(element)
        elif kind == "link_open":
            element = nodes.inline()  # becomes a reference (or plain text) at link_close
            links.append(str(token.attrGet("href") or ""))
            stack.append(element)
        elif kind == "link_close" and len(stack) > 1:
            element = stack.pop()
            url = links.pop() if links else ""
            if _allowed(url, local_links, problems):
                stack[-1] += nodes.reference(element.astext(), "", *element.children, refuri=url)
            else:
                stack[-1].extend(element.children)
        elif kind.endswith("_close") and len(stack) > 1:
            stack.pop()
        elif token.content:
            stack[-1] += nodes.Text(token.content)
    return list(root.children)


# -- reStructuredText subset --------------------------------------------------

# Inline markup may start after white space or an opening punctuation mark, and
# must be followed by a non-space (the docutils rules, simplified).
_OPENERS_BEFORE = frozenset(" \t'\"([{<-/:‘“«")
_ROLE = re.compile(r":([A-Za-z0-9][\w.+:-]{0,40}):`")


def _can_open(text: str, pos: int, width: int) -> bool:
    after = pos + width
    return (pos == 0 or text[pos - 1] in _OPENERS_BEFORE) and after < len(text) and not text[after].isspace()


def _embedded_target(body: str) -> tuple[str, str] | None:
    """``label <url>`` to (label, url) without white space in the URL; None without a target."""
    if not body.endswith(">"):
        return None
    start = 0 if body.startswith("<") else body.find(" <") + 1
    if start == 0 and not body.startswith("<"):
        return None
    return body[:start].strip(), "".join(body[start + 1 : -1].split())


def _rst(text: str, problems: list[str], local_links: bool = True) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    plain: list[str] = []
    missing: set[str] = set()  # closers that no longer occur: later openers are text (linear time)
    n = len(text)
    pos = 0

    def flush() -> None:
        if plain:
            out.append(nodes.Text("".join(plain)))
            plain.clear()

    def closing(closer: str, start: int) -> int:
        """Where ``closer`` (preceded by a non-space) ends the markup opened before ``start``; -1 if nowhere."""
        if closer in missing:
            return -1
        at = start
        while True:
            at = text.find(closer, at)
            if at < 0:
                missing.add(closer)
                return -1
            if at > start and not text[at - 1].isspace():
                return at
            at += 1

    while pos < n:
        char = text[pos]
        if char == "\\" and pos + 1 < n:
            plain.append(text[pos + 1])
            pos += 2
            continue
        if char == ":" and (role := _ROLE.match(text, pos)) and (pos == 0 or text[pos - 1] in _OPENERS_BEFORE):
            end = closing("`", role.end())
            if end >= 0:
                source = text[pos : end + 1]
                problems.append(
                    f"role :{role.group(1)}: is not allowed in data (only emphasis, strong, literal "
                    "and links); shown as text"
                )
                plain.append(source)
                pos = end + 1
                continue
        for opener, make in (("``", nodes.literal), ("**", nodes.strong), ("*", nodes.emphasis)):
            if text.startswith(opener, pos) and _can_open(text, pos, len(opener)):
                end = closing(opener, pos + len(opener))
                if end >= 0:
                    body = text[pos + len(opener) : end]
                    flush()
                    out.append(make(body, body))
                    pos = end + len(opener)
                    break
        else:
            if char == "`" and _can_open(text, pos, 1):
                end = closing("`", pos + 1)
                if end >= 0:
                    body = text[pos + 1 : end]
                    underscores = 2 if text.startswith("__", end + 1) else 1 if text.startswith("_", end + 1) else 0
                    flush()
                    target = _embedded_target(body)
                    if underscores and target:
                        label, url = target
                        out.append(_link(label or url, url, problems, local_links))
                    else:
                        out.append(nodes.Text(body))  # interpreted text or a named reference: its words
                    pos = end + 1 + underscores
                    continue
            plain.append(char)
            pos += 1
    flush()
    return out
