"""HTML inside BibTeX fields, read by a real HTML parser into :class:`RichText`.

Crossref and Mendeley put ``<i>Medicago sativa</i>``, ``<sub>``, ``<sup>``,
JATS ``<jats:italic>`` and ``<p>`` in titles and abstracts; al-folio's
``annotation`` uses ``<br>``; groups link material with ``<a href>``. A safe
subset becomes segments (and so docutils nodes):

=========================================  ==========================
``i``, ``em``, ``italic``, ``cite``        ``emph``
``b``, ``strong``, ``bold``                ``strong``
``sub``, ``sup``                           ``sub``, ``sup``
``br``                                     ``br`` (a line break)
``p``, ``div``                             ``par`` (a paragraph break)
``a href`` with a safe URL                 ``link`` (a ``LinkSegment``)
=========================================  ==========================

Every other tag is dropped with its text kept (``script`` and ``style`` with
their content); nothing is ever passed through as HTML. The text between the
tags is still a BibTeX field: its LaTeX is decoded as anywhere else.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any

from .markdown import LINK, edges, join_segments, markdown_to_rich, retext, styled
from .richtext import RichText, Segment, latex_to_rich
from .urls import is_safe_url

__all__ = ["has_html", "rich_field"]

_TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>")
_STYLES = {
    "i": "emph",
    "em": "emph",
    "italic": "emph",
    "cite": "emph",
    "var": "emph",
    "dfn": "emph",
    "b": "strong",
    "strong": "strong",
    "bold": "strong",
    "sub": "sub",
    "inf": "sub",
    "sup": "sup",
}
_BLOCKS = {"p", "div", "li", "ul", "ol", "blockquote", "section", "title", "abstract", "sec"}
_SKIPPED = {"script", "style", "template", "head"}


def has_html(source: str) -> bool:
    """Whether a field holds something that reads as an HTML tag."""
    return "<" in source and _TAG.search(source) is not None


class _Reader(HTMLParser):
    def __init__(self, decode: Any) -> None:
        super().__init__(convert_charrefs=True)
        self.decode = decode
        self.stack: list[tuple[str, str]] = [("", "text")]  # (tag, style)
        self.segments: list[Segment] = []
        self.pending = ""
        self.skipping = 0

    @staticmethod
    def _name(tag: str) -> str:
        return tag.rsplit(":", 1)[-1].lower()  # jats:italic -> italic

    def flush(self) -> None:
        if self.pending:
            self.segments.extend(styled(RichText(edges(self.pending, self.decode(self.pending))), self.stack[-1][1]))
            self.pending = ""

    def _break(self, kind: str) -> None:
        self.flush()
        if self.segments and self.segments[-1].kind not in {"br", "par"}:
            self.segments.append(Segment(kind, "\n\n" if kind == "par" else "\n"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        name = self._name(tag)
        if name in _SKIPPED:
            self.skipping += 1
            return
        if name == "br":
            self.flush()
            self.segments.append(Segment("br", "\n"))
            return
        if name in _BLOCKS:
            self._break("par")
            return
        self.flush()
        style = self.stack[-1][1]
        if name == "a":
            href = (dict(attrs).get("href") or "").strip()
            if href and is_safe_url(href) and not style.startswith(LINK):
                style = LINK + href
        elif name in _STYLES and not style.startswith(LINK):
            wanted = _STYLES[name]
            style = "strong" if "strong" in (style, wanted) and wanted in {"emph", "strong"} else wanted
        self.stack.append((name, style))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._name(tag) == "br":
            self.flush()
            self.segments.append(Segment("br", "\n"))

    def handle_endtag(self, tag: str) -> None:
        name = self._name(tag)
        if name in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
            return
        if name in _BLOCKS:
            self._break("par")
            return
        if name == "br":
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == name:
                self.flush()
                del self.stack[depth:]
                break

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.pending += data


@lru_cache(maxsize=16384)
def rich_field(source: str, markdown: bool = False) -> RichText:
    """A BibTeX field as rich text: its HTML (if any) read by :mod:`html.parser`,
    the text in between decoded from LaTeX (and Markdown with ``markdown``)."""

    def decode(text: str) -> RichText:
        return markdown_to_rich(text, latex=True) if markdown else latex_to_rich(text)

    if not has_html(source):
        return decode(source)
    reader = _Reader(decode)
    try:
        reader.feed(source)
        reader.close()
        reader.flush()
    except Exception:  # html.parser is tolerant; this is the last resort
        return decode(_TAG.sub(" ", source))
    segments = [
        retext(s, re.sub(r"[ \t\n]+", " ", s.text)) if s.kind not in {"math", "br", "par"} else s
        for s in reader.segments
    ]
    while segments and segments[-1].kind in {"br", "par"}:
        segments.pop()
    while segments and segments[0].kind in {"br", "par"}:
        segments.pop(0)
    # No space next to a break.
    for index, seg in enumerate(segments):
        if seg.kind in {"br", "par"}:
            if index and segments[index - 1].kind not in {"math", "br", "par"}:
                segments[index - 1] = retext(segments[index - 1], segments[index - 1].text.rstrip())
            if index + 1 < len(segments) and segments[index + 1].kind not in {"math", "br", "par"}:
                segments[index + 1] = retext(segments[index + 1], segments[index + 1].text.lstrip())
    return join_segments(_no_double_spaces(segments))


def _no_double_spaces(segments: list[Segment]) -> list[Segment]:
    out: list[Segment] = []
    for seg in segments:
        text = seg.text
        if out and seg.kind not in {"math", "br", "par"} and out[-1].text.endswith(" ") and text.startswith(" "):
            text = text.lstrip(" ")
        out.append(retext(seg, text))
    return out
