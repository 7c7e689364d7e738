"""The one reader of markup found in data: inline Markdown, a reStructuredText
subset and HTML tags, read into one small tree, every link checked by one rule.

Data (every ``.bib`` and YAML value) is never parsed by docutils or MyST with
the page author's rights: a ``:download:`` role would publish any readable file
of the build machine, an ``.. include::`` would read one, raw HTML would run
script. Three syntaxes are read here, and nothing else:

==========  ========================  ==============================  ===================================
markup      reStructuredText          Markdown                        HTML (BibTeX fields)
==========  ========================  ==============================  ===================================
emphasis    ``*text*``                ``*text*`` or ``_text_``        ``i``, ``em``, ``italic``, ``cite``,
                                                                      ``var``, ``dfn``
strong      ``**text**``              ``**text**``                    ``b``, ``strong``, ``bold``
literal     ````text````              ```text```                      --
link        ```text <url>`_``         ``[text](url)``, ``<url>``      ``a href``
sub, sup    --                        --                              ``sub``, ``inf``, ``sup``
breaks      --                        a hard line break (CV text)     ``br``; ``p``, ``div``, ``li``... (a
                                                                      paragraph break)
==========  ========================  ==============================  ===================================

Every link address goes through :func:`allowed_link` (the safety rule of
:func:`.urls.is_safe_url`): a refused link is shown as its text, with a
message. Roles, directives, substitutions, footnotes and raw HTML in Markdown
or reStructuredText are shown as the text they are written with; a Markdown
image as its alt text, with a message. Other HTML tags are dropped with their
text kept (``script``, ``style``, ``template`` and ``head`` with their content).

Markdown goes through markdown-it-py's inline parser with only the rules above
enabled (HTML off); reStructuredText through a linear-time tokenizer
(:class:`_RstReader`); HTML through :mod:`html.parser`. All three build an
:data:`InlineTree`; :func:`to_segments` flattens one into :class:`.RichText`
segments (BibTeX fields, CV text), and ``render/inline_markup.py`` turns one
into docutils nodes (bios, news, summaries).

Entry points: :func:`read_inline` (a data text value, with its refusals),
:func:`markdown_to_rich` (CV text, BibTeX annotations), :func:`rich_field`
(a BibTeX field that may hold HTML) and :func:`has_html`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Literal

from .richtext import LinkSegment, RichText, Segment, latex_to_rich, math_to_unicode
from .urls import is_safe_url

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

__all__ = [
    "MAX_MARKUP_LENGTH",
    "Inline",
    "InlineTree",
    "Syntax",
    "allowed_link",
    "has_html",
    "markdown_to_rich",
    "read_inline",
    "rich_field",
    "to_segments",
]

Syntax = Literal["rst", "markdown"]

#: Characters of one data text value read by :func:`read_inline`; the rest is cut, with a message.
MAX_MARKUP_LENGTH = 20_000


@dataclass(frozen=True)
class Inline:
    """An element of inline markup.

    ``kind`` is ``"emph"``, ``"strong"``, ``"sub"``, ``"sup"``, ``"link"``
    (``url`` already checked by :func:`allowed_link`) or ``""`` (an HTML
    element that changes nothing) with ``children``; or a leaf: ``"code"``
    (its ``text``), ``"br"`` (a line break) or ``"par"`` (a paragraph break).
    """

    kind: str
    children: InlineTree = ()
    text: str = ""
    url: str = ""


#: Inline content: plain text (a ``str``, as written) and :class:`Inline` elements.
InlineTree = tuple[str | Inline, ...]

BREAKS = frozenset({"br", "par"})


# -- the link rule ---------------------------------------------------------------


def allowed_link(url: str, problems: list[str], local_links: bool = True) -> bool:
    """Whether ``url`` may be a link (:func:`.urls.is_safe_url`); a refusal is added to ``problems``.

    ``local_links=False`` refuses relative addresses too (a page generated in
    another folder than the data file's would break them)."""
    safety = is_safe_url(url) if url else None
    if safety == "remote" or (safety == "local" and local_links):
        return True
    if safety == "local":
        problems.append(f"relative link {url!r} is not allowed here (only http, https and mailto); shown as text")
    else:
        problems.append(f"link {url!r} refused (only http, https, mailto and relative addresses); shown as text")
    return False


# -- building a tree -------------------------------------------------------------


class _TreeBuilder:
    """Open elements on a stack; text and leaves go into the innermost one."""

    def __init__(self) -> None:
        self.frames: list[tuple[str, str, list[str | Inline]]] = [("", "", [])]

    def text(self, text: str) -> None:
        if text:
            self.frames[-1][2].append(text)

    def leaf(self, kind: str, text: str = "") -> None:
        self.frames[-1][2].append(Inline(kind, text=text))

    def open(self, kind: str, url: str = "") -> None:
        self.frames.append((kind, url, []))

    @property
    def depth(self) -> int:
        return len(self.frames) - 1

    def close(self) -> None:
        """Close the innermost element (nothing at the top)."""
        if self.depth:
            kind, url, children = self.frames.pop()
            self.frames[-1][2].append(Inline(kind, tuple(children), url=url))

    def unwrap(self) -> None:
        """Close the innermost element keeping only its content (a refused link)."""
        if self.depth:
            children = self.frames.pop()[2]
            self.frames[-1][2].extend(children)

    def tree(self) -> InlineTree:
        while self.depth:
            self.close()
        return tuple(self.frames[0][2])


# -- Markdown ------------------------------------------------------------------

_MD_RULES = ["text", "newline", "escape", "backticks", "emphasis", "link", "image", "autolink", "entity"]
_MD_ELEMENTS = {"em_open": "emph", "strong_open": "strong"}


@cache
def _markdown_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # on first use: not when Sphinx loads the extension

    md = MarkdownIt("zero", {"html": False, "linkify": False})
    md.enable(_MD_RULES)
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # every address goes through allowed_link
    return md


def _markdown_tree(text: str, problems: list[str], local_links: bool) -> InlineTree:
    tokens = _markdown_parser().parseInline(text)
    build = _TreeBuilder()
    for token in (tokens[0].children if tokens else None) or ():
        _markdown_token(token, build, problems, local_links)
    return build.tree()


def _markdown_token(token: Token, build: _TreeBuilder, problems: list[str], local_links: bool) -> None:
    kind = token.type
    if kind in _MD_ELEMENTS:
        build.open(_MD_ELEMENTS[kind])
    elif kind == "link_open":
        build.open("link", str(token.attrGet("href") or ""))
    elif kind == "link_close":
        if build.depth and allowed_link(build.frames[-1][1], problems, local_links):
            build.close()
        else:
            build.unwrap()
    elif kind.endswith("_close"):
        build.close()
    elif kind == "code_inline":
        build.leaf("code", token.content)
    elif kind == "softbreak":
        build.text(" ")
    elif kind == "hardbreak":
        build.leaf("br")
    elif kind == "image":
        problems.append(f"image {token.attrGet('src')!r} is not allowed in data; shown as its text")
        build.text(token.content)
    else:  # text (entities and escapes are joined into it)
        build.text(token.content)


# -- reStructuredText subset -------------------------------------------------------

# Inline markup may start after white space or an opening punctuation mark, and
# must be followed by a non-space (the docutils rules, simplified).
_OPENERS_BEFORE = frozenset(" \t'\"([{<-/:‘“«")
_ROLE = re.compile(r":([A-Za-z0-9][\w.+:-]{0,40}):`")
_RST_ELEMENTS = (("``", "code"), ("**", "strong"), ("*", "emph"))
_RST_MARKS = frozenset(":*`")  # where a role, an element or interpreted text may start
_RST_SPECIAL = re.compile(r"[:*`\\]")


def _embedded_target(body: str) -> tuple[str, str] | None:
    """``label <url>`` to (label, url) without white space in the URL; None without a target."""
    if not body.endswith(">"):
        return None
    start = 0 if body.startswith("<") else body.find(" <") + 1
    if start == 0 and not body.startswith("<"):
        return None
    return body[:start].strip(), "".join(body[start + 1 : -1].split())


class _RstReader:
    """A linear-time reader of the reStructuredText subset: each closer is
    searched for once at most after it is known to be missing."""

    def __init__(self, text: str, problems: list[str], local_links: bool) -> None:
        self.text = text
        self.problems = problems
        self.local_links = local_links
        self.build = _TreeBuilder()
        self.plain: list[str] = []
        self.missing: set[str] = set()  # closers that no longer occur: later openers are text

    def read(self) -> InlineTree:
        pos, n = 0, len(self.text)
        while pos < n:
            pos = self._step(pos)
        self._flush()
        return self.build.tree()

    def _flush(self) -> None:
        if self.plain:
            self.build.text("".join(self.plain))
            self.plain.clear()

    def _can_open(self, pos: int, width: int) -> bool:
        text, after = self.text, pos + width
        return (pos == 0 or text[pos - 1] in _OPENERS_BEFORE) and after < len(text) and not text[after].isspace()

    def _closing(self, closer: str, start: int) -> int:
        """Where ``closer`` (preceded by a non-space) ends the markup opened before ``start``; -1 if nowhere."""
        if closer in self.missing:
            return -1
        at = start
        while True:
            at = self.text.find(closer, at)
            if at < 0:
                self.missing.add(closer)
                return -1
            if at > start and not self.text[at - 1].isspace():
                return at
            at += 1

    def _step(self, pos: int) -> int:
        """Read what starts at ``pos``; return where the next piece starts."""
        text = self.text
        if text[pos] == "\\" and pos + 1 < len(text):
            self.plain.append(text[pos + 1])
            return pos + 2
        if text[pos] in _RST_MARKS:
            for read in (self._role, self._element, self._interpreted):
                end = read(pos)
                if end > pos:
                    return end
        special = _RST_SPECIAL.search(text, pos + 1)  # plain text up to the next mark, in one piece
        end = special.start() if special else len(text)
        self.plain.append(text[pos:end])
        return end

    def _role(self, pos: int) -> int:
        """A role (``:download:`x```) is refused: its source is shown as text."""
        role = _ROLE.match(self.text, pos) if self.text[pos] == ":" else None
        if not role or not (pos == 0 or self.text[pos - 1] in _OPENERS_BEFORE):
            return pos
        end = self._closing("`", role.end())
        if end < 0:
            return pos
        self.problems.append(
            f"role :{role.group(1)}: is not allowed in data (only emphasis, strong, literal and links); shown as text"
        )
        self.plain.append(self.text[pos : end + 1])
        return end + 1

    def _element(self, pos: int) -> int:
        """``literal``, ``**strong**`` or ``*emphasis*``."""
        for opener, kind in _RST_ELEMENTS:
            if self.text.startswith(opener, pos) and self._can_open(pos, len(opener)):
                end = self._closing(opener, pos + len(opener))
                if end >= 0:
                    body = self.text[pos + len(opener) : end]
                    self._flush()
                    if kind == "code":
                        self.build.leaf("code", body)
                    else:
                        self.build.open(kind)
                        self.build.text(body)
                        self.build.close()
                    return end + len(opener)
        return pos

    def _interpreted(self, pos: int) -> int:
        """```text <url>`_`` (or ``__``) is a link; other interpreted text and named references are their words."""
        text = self.text
        if text[pos] != "`" or not self._can_open(pos, 1):
            return pos
        end = self._closing("`", pos + 1)
        if end < 0:
            return pos
        body = text[pos + 1 : end]
        underscores = 2 if text.startswith("__", end + 1) else 1 if text.startswith("_", end + 1) else 0
        self._flush()
        target = _embedded_target(body)
        if underscores and target:
            label, url = target
            if allowed_link(url, self.problems, self.local_links):
                self.build.open("link", url)
                self.build.text(label or url)
                self.build.close()
            else:
                self.build.text(label or url)
        else:
            self.build.text(body)
        return end + 1 + underscores


# -- HTML ------------------------------------------------------------------------

_TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>")
_HTML_ELEMENTS = {
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
_HTML_BLOCKS = {"p", "div", "li", "ul", "ol", "blockquote", "section", "title", "abstract", "sec"}
_HTML_SKIPPED = {"script", "style", "template", "head"}


def has_html(source: str) -> bool:
    """Whether a field holds something that reads as an HTML tag."""
    return "<" in source and _TAG.search(source) is not None


class _HtmlReader(HTMLParser):
    """Tags to an :data:`InlineTree`; the text between them is kept as written."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.problems = problems
        self.build = _TreeBuilder()
        self.tags: list[str] = [""]  # the tag of each open element of self.build
        self.pending = ""
        self.skipping = 0

    @staticmethod
    def _name(tag: str) -> str:
        return tag.rsplit(":", 1)[-1].lower()  # jats:italic -> italic

    def flush(self) -> None:
        self.build.text(self.pending)
        self.pending = ""

    def _leaf(self, kind: str) -> None:
        self.flush()
        self.build.leaf(kind)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        name = self._name(tag)
        if name in _HTML_SKIPPED:
            self.skipping += 1
        elif name in ("br", *_HTML_BLOCKS):
            self._leaf("br" if name == "br" else "par")
        else:
            self.flush()
            href = (dict(attrs).get("href") or "").strip() if name == "a" else ""
            kind = "link" if href and allowed_link(href, self.problems) else _HTML_ELEMENTS.get(name, "")
            self.build.open(kind, href if kind == "link" else "")
            self.tags.append(name)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._name(tag) == "br":
            self._leaf("br")

    def handle_endtag(self, tag: str) -> None:
        name = self._name(tag)
        if name in _HTML_SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif name in _HTML_BLOCKS:
            self._leaf("par")
        elif name != "br" and name in self.tags[1:]:
            self.flush()
            depth = len(self.tags) - 1 - self.tags[::-1].index(name)
            while len(self.tags) > depth:
                self.tags.pop()
                self.build.close()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.pending += data

    def tree(self) -> InlineTree:
        self.close()
        self.flush()
        return self.build.tree()


# -- the tree as RichText segments -----------------------------------------------------

#: Prefix of a link *style* while flattening (``"link:" + url``); the segments made are :class:`.LinkSegment`.
_LINK = "link:"

Decoder = Callable[[str], Sequence[Segment]]


def _plain(text: str) -> RichText:
    return RichText((Segment("text", text),))


def _inner_style(style: str, element: Inline) -> str:
    """The style of text inside ``element`` shown in ``style``: a link takes all; strong wins over emphasis."""
    if style.startswith(_LINK):
        return style
    if element.kind == "link":
        return _LINK + element.url
    if element.kind in ("emph", "strong"):
        return "strong" if "strong" in (style, element.kind) else element.kind
    return element.kind or style  # sub, sup; a neutral element keeps the style


def _styled(text: Iterable[Segment], style: str) -> list[Segment]:
    """``text``'s segments in ``style``: plain text takes it; math stays math
    (inside a link it becomes its Unicode form, part of the label)."""
    out: list[Segment] = []
    for seg in text:
        if style.startswith(_LINK):
            label = math_to_unicode(seg.text) if seg.kind == "math" else seg.text
            out.append(LinkSegment(label, style[len(_LINK) :]))
        elif seg.kind == "math" or style == "text" or seg.kind in {"strong", "br", "par", "code", "link"}:
            out.append(seg)
        else:
            out.append(Segment(style, seg.text))
    return out


def to_segments(tree: InlineTree, decode: Decoder = _plain) -> list[Segment]:
    """``tree`` as segments, its text decoded by ``decode`` (LaTeX for BibTeX
    fields). A paragraph break never starts the text nor follows a break.
    The tree is walked with a stack of its own: HTML may nest thousands deep."""
    out: list[Segment] = []
    stack: list[tuple[Iterator[str | Inline], str]] = [(iter(tree), "text")]
    while stack:
        pieces, style = stack[-1]
        piece = next(pieces, None)
        if piece is None:
            stack.pop()
        elif isinstance(piece, str):
            out.extend(_styled(decode(piece), style))
        elif piece.kind == "code":
            out.extend([Segment("code", piece.text)] if style == "text" else _styled(_plain(piece.text), style))
        elif piece.kind == "br":
            out.append(Segment("br", "\n"))
        elif piece.kind == "par":
            if out and out[-1].kind not in BREAKS:
                out.append(Segment("par", "\n\n"))
        else:
            stack.append((iter(piece.children), _inner_style(style, piece)))
    return out


def _retext(seg: Segment, text: str) -> Segment:
    """``seg`` with another text (a link keeps its address)."""
    if isinstance(seg, LinkSegment):
        return LinkSegment(text, str(getattr(seg, "url", "")))  # set by LinkSegment.__new__
    return Segment(seg.kind, text)


def _edges(source: str, text: Sequence[Segment]) -> RichText:
    """``text`` with the spaces ``source`` had at its ends (decoders trim them)."""
    out = list(text)
    if source[:1].isspace():
        out.insert(0, Segment("text", " "))
    if source[-1:].isspace() and source.strip():
        out.append(Segment("text", " "))
    return RichText(out)


def _join(segments: Iterable[Segment]) -> RichText:
    """Adjacent segments of one kind joined (math and links kept apart), ends trimmed."""
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
                out[index] = _retext(out[index], text)
            else:
                out.pop(index)
    return RichText(out)


# -- entry points ------------------------------------------------------------------


def read_inline(text: str, syntax: Syntax = "rst", *, local_links: bool = True) -> tuple[InlineTree, list[str]]:
    """A data text value (a bio, a news item...) as a tree in the safe subset,
    and its refusals (messages for located warnings). Lines are joined; a value
    longer than :data:`MAX_MARKUP_LENGTH` is cut."""
    problems: list[str] = []
    text = str(text or "")
    if len(text) > MAX_MARKUP_LENGTH:
        problems.append(f"text of {len(text)} characters cut to {MAX_MARKUP_LENGTH}")
        text = text[:MAX_MARKUP_LENGTH]
    text = " ".join(text.split("\n"))
    if syntax == "markdown":
        return _markdown_tree(text, problems, local_links), problems
    return _RstReader(text, problems, local_links).read(), problems


def _latex_piece(text: str) -> RichText:
    return _edges(text, latex_to_rich(text))


@lru_cache(maxsize=4096)
def markdown_to_rich(source: str, latex: bool = False) -> RichText:
    """Inline Markdown (CV text, al-folio's ``annotation``) as rich text; with
    ``latex``, the text between the Markdown is a BibTeX field (its LaTeX
    decoded, backslashes kept for it). Refused pieces are shown as text."""
    if latex:
        source = source.replace("\\", "\\\\")  # CommonMark would eat the backslash of "\'e"; LaTeX needs it.
    tree = _markdown_tree(source, [], True)
    return _join(to_segments(tree, _latex_piece if latex else _plain))


@lru_cache(maxsize=16384)
def rich_field(source: str, markdown: bool = False) -> RichText:
    """A BibTeX field as rich text: its HTML (if any) read by :mod:`html.parser`,
    the text in between decoded from LaTeX (and Markdown with ``markdown``)."""

    def decode(text: str) -> RichText:
        return markdown_to_rich(text, latex=True) if markdown else latex_to_rich(text)

    if not has_html(source):
        return decode(source)
    reader = _HtmlReader([])
    try:
        reader.feed(source)
        tree = reader.tree()
    except Exception:  # html.parser is tolerant; this is the last resort
        return decode(_TAG.sub(" ", source))
    return _join(_tidy_breaks(to_segments(tree, lambda text: _edges(text, decode(text)))))


def _tidy_breaks(segments: list[Segment]) -> list[Segment]:
    """White space runs as one space, none next to a break; no break at the ends."""
    segments = [
        _retext(s, re.sub(r"[ \t\n]+", " ", s.text)) if s.kind not in {"math", "br", "par"} else s for s in segments
    ]
    while segments and segments[-1].kind in BREAKS:
        segments.pop()
    while segments and segments[0].kind in BREAKS:
        segments.pop(0)
    for index, seg in enumerate(segments):
        if seg.kind in BREAKS:
            if index and segments[index - 1].kind not in {"math", "br", "par"}:
                segments[index - 1] = _retext(segments[index - 1], segments[index - 1].text.rstrip())
            if index + 1 < len(segments) and segments[index + 1].kind not in {"math", "br", "par"}:
                segments[index + 1] = _retext(segments[index + 1], segments[index + 1].text.lstrip())
    out: list[Segment] = []
    for seg in segments:
        text = seg.text
        if out and seg.kind not in {"math", "br", "par"} and out[-1].text.endswith(" ") and text.startswith(" "):
            text = text.lstrip(" ")
        out.append(_retext(seg, text))
    return out
