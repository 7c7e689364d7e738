"""Inline Markdown (``**bold**``, ``*italic*``, ``[text](url)``, ```code```) to :class:`RichText`.

RenderCV writes its CV text in Markdown, and al-folio's ``annotation`` and
``additional_info`` fields are Markdown too. markdown-it-py parses it (raw
HTML is off: a tag stays text, never markup); only the mapping to segments is
ours. Besides the kinds of :mod:`.richtext`, segments may be ``code``,
``br`` (a line break) and ``link`` (a :class:`LinkSegment`: the text is the
label, ``url`` a safe address, see :func:`~.urls.is_safe_url`).
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from .richtext import RichText, Segment, latex_to_rich, math_to_unicode
from .urls import is_safe_url

__all__ = ["LINK", "LinkSegment", "join_segments", "markdown_to_rich", "retext"]

#: Prefix of a link *style* while parsing (``"link:" + url``); the segments made are :class:`LinkSegment`.
LINK = "link:"

try:  # the decoder's own link segment (\url, \href), when it has one
    from .richtext import LinkSegment  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - until then, the same shape here

    class LinkSegment(Segment):  # type: ignore[no-redef]
        """A ``"link"`` segment: ``text`` is shown, ``url`` (a safe address) is its target."""

        def __new__(cls, text: str, url: str) -> LinkSegment:
            self = super().__new__(cls, "link", text)
            self.url = url
            return self

        def __reduce__(self):
            return (LinkSegment, (self.text, self.url))


def retext(seg: Segment, text: str) -> Segment:
    """``seg`` with another text (a link keeps its address)."""
    return LinkSegment(text, seg.url) if seg.kind == "link" and hasattr(seg, "url") else Segment(seg.kind, text)


@cache
def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "linkify": False})


def join_segments(segments: Any) -> RichText:
    """Adjacent segments of one kind joined (math kept apart), ends trimmed."""
    out: list[Segment] = []
    for seg in segments:
        if not seg.text:
            continue
        if out and out[-1].kind == seg.kind and seg.kind not in {"math", "link"}:
            out[-1] = Segment(seg.kind, out[-1].text + seg.text)
        else:
            out.append(seg)
    for index in (0, -1):
        if out and out[index].kind not in {"math", "br", "par"}:
            text = out[index].text.lstrip() if index == 0 else out[index].text.rstrip()
            if text:
                out[index] = retext(out[index], text)
            else:
                out.pop(index)
    return RichText(tuple(out))


def styled(text: RichText, kind: str) -> list[Segment]:
    """``text``'s segments under a style: plain text takes ``kind``; math stays math
    (inside a link it becomes its Unicode form, part of the label)."""
    out = []
    for seg in text:
        if kind.startswith(LINK):
            label = math_to_unicode(seg.text) if seg.kind == "math" else seg.text
            out.append(LinkSegment(label, kind[len(LINK) :]))
        elif seg.kind == "math" or kind == "text" or seg.kind in {"strong", "br", "par", "code", "link"}:
            out.append(seg)
        else:
            out.append(Segment(kind, seg.text))
    return out


def edges(source: str, text: RichText) -> list[Segment]:
    """``text`` with the spaces ``source`` had at its ends (decoders trim them)."""
    out = list(text)
    if source[:1].isspace():
        out.insert(0, Segment("text", " "))
    if source[-1:].isspace() and source.strip():
        out.append(Segment("text", " "))
    return out


@lru_cache(maxsize=4096)
def markdown_to_rich(source: str, latex: bool = False) -> RichText:
    """Inline Markdown to segments; with ``latex``, the text between the
    Markdown is a BibTeX field (its LaTeX decoded, backslashes kept for it)."""
    if latex:
        # CommonMark would eat the backslash of "\'e"; LaTeX needs it.
        source = source.replace("\\", "\\\\")
    tokens = _parser().parseInline(source)
    children = tokens[0].children if tokens and tokens[0].children else []
    stack: list[str] = ["text"]
    segments: list[Segment] = []

    def add(text: str) -> None:
        if not text:
            return
        rich = RichText(edges(text, latex_to_rich(text))) if latex else RichText((Segment("text", text),))
        segments.extend(styled(rich, stack[-1]))

    for token in children:
        kind = token.type
        if kind == "text":
            add(token.content)
        elif kind == "em_open":
            stack.append("strong" if stack[-1] == "strong" else (stack[-1] if stack[-1].startswith(LINK) else "emph"))
        elif kind == "strong_open":
            stack.append(stack[-1] if stack[-1].startswith(LINK) else "strong")
        elif kind == "link_open":
            href = str(token.attrs.get("href", ""))
            stack.append(LINK + href if href and is_safe_url(href) else stack[-1])
        elif kind in {"em_close", "strong_close", "link_close"}:
            if len(stack) > 1:
                stack.pop()
        elif kind == "code_inline":
            code = RichText((Segment("text", token.content),))
            segments.extend([Segment("code", token.content)] if stack[-1] == "text" else styled(code, stack[-1]))
        elif kind == "softbreak":
            segments.extend(styled(RichText((Segment("text", " "),)), stack[-1]))
        elif kind == "hardbreak":
            segments.append(Segment("br", "\n"))
        elif kind == "image":
            add(token.content)
        else:
            add(token.content)
    return join_segments(segments)
