"""Turn the LaTeX found in BibTeX fields into clean rich text.

The result is a :class:`RichText`: a tuple of ``(kind, text)`` segments where
``kind`` is ``"text"``, ``"emph"``, ``"strong"``, ``"math"`` or ``"link"``.
Accents, dashes, ties and escapes become Unicode; brace protection disappears;
``\\emph``/``\\textit``/``{\\em ...}`` become emphasis, ``\\textbf`` strong,
``$...$`` inline math (its LaTeX source is kept for the math renderer) and
``\\url``/``\\href`` links (a :class:`LinkSegment`, safe schemes only).

Three paths, cheapest first: a field with no ``\\``, ``$`` or ``%`` never
enters a parser; a single-pass tokenizer (:class:`_Tokenizer`) decodes the
common LaTeX of titles and abstracts in tens of microseconds; whatever it does
not know (an unknown macro, an optional argument, a stray brace...) is handed
to pylatexenc, whose output the tokenizer reproduces exactly where both apply.
Every decoded field is remembered (:func:`remember`), so a field is decoded
once per build however many pages show it, and loaders can hand over fields
decoded by an earlier build.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import NamedTuple

from .latex_symbols import SYMBOLS
from .math_guard import math_segment
from .urls import is_safe_url

__all__ = [
    "LinkSegment", "RichText", "Segment", "decoder_calls", "expand_macros", "forget_decoded", "latex_to_plain",
    "latex_to_rich", "math_to_unicode", "needs_parser", "preamble_macros", "refused_math", "remember",
]


class Segment(NamedTuple):
    kind: str  # "text" | "emph" | "strong" | "math" | "link"
    text: str


class LinkSegment(Segment):
    """A ``"link"`` segment: ``text`` is shown, ``url`` (already checked with
    :func:`~.urls.is_safe_url`) is its target. Still a ``(kind, text)`` pair,
    so code that knows nothing of links shows its text."""

    def __new__(cls, text: str, url: str) -> LinkSegment:
        self = super().__new__(cls, "link", text)
        self.url = url
        return self

    def __reduce__(self):
        return (LinkSegment, (self.text, self.url))

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"LinkSegment({self.text!r}, {self.url!r})"


class RichText(tuple):
    """An immutable sequence of :class:`Segment`."""

    __slots__ = ()

    @property
    def plain(self) -> str:
        """Text with math kept as its LaTeX source (for the math renderers)."""
        return "".join(seg.text for seg in self)

    @property
    def text(self) -> str:
        """Readable text only: math turned into Unicode (for alt text, labels, titles)."""
        return "".join(math_to_unicode(seg.text) if seg.kind == "math" else seg.text for seg in self)

    def __str__(self) -> str:  # pragma: no cover - debugging aid
        return self.plain


_EMPH_MACROS = {"emph", "textit", "textsl", "mkbibemph"}
_STRONG_MACROS = {"textbf", "mkbibbold"}
_TRANSPARENT_MACROS = {
    "textsc", "texttt", "textrm", "textsf", "textup", "textnormal", "mbox",
    "text", "textmd", "NoCaseChange", "MakeUppercase", "uppercase", "url",
    "nolinkurl", "path",
}
_EMPH_SWITCHES = {"em", "it", "itshape", "sl", "slshape"}
_STRONG_SWITCHES = {"bf", "bfseries"}
_NEEDS_PARSER = re.compile(r"[\\$%]")
_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")  # not \s: a tie (~) stays a no-break space
_STRAY = str.maketrans("", "", "{}\\")

@cache
def _latex():
    """pylatexenc, its parsing context and converters: made on first use, so
    a build that parses no BibTeX (a no-change rebuild) never imports them."""
    from types import SimpleNamespace

    from pylatexenc import latexwalker, macrospec
    from pylatexenc.latex2text import LatexNodes2Text

    context = latexwalker.get_default_latex_context_db()
    context.add_context_category(
        "sphinx-scholar",
        prepend=True,
        macros=[
            macrospec.std_macro("href", False, 2),
            macrospec.std_macro("mkbibemph", False, 1),
            macrospec.std_macro("mkbibbold", False, 1),
            macrospec.std_macro("NoCaseChange", False, 1),
            macrospec.std_macro("nolinkurl", False, 1),
            macrospec.std_macro("noopsort", False, 1),
        ],
    )
    return SimpleNamespace(
        walker=latexwalker,
        context=context,
        converter=LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=False),
        math_converter=LatexNodes2Text(math_mode="text", strict_latex_spaces=False),
    )


def _plain_fast(text: str) -> str:
    # The common case: only brace protection, dashes and ties.
    text = text.replace("---", "\u2014").replace("--", "\u2013").replace("~", "\u00a0")
    return text.translate(_STRAY)


class _Builder:
    """Segments in the making: adjacent text of one kind is joined, braces and
    stray backslashes are dropped, math and links stay whole."""

    def __init__(self) -> None:
        self.done: list[Segment] = []
        self.kind = ""
        self.pieces: list[str] = []

    @property
    def segments(self) -> list[Segment]:
        self._flush()
        return self.done

    @segments.setter
    def segments(self, value: list[Segment]) -> None:
        self.done = list(value)
        self.kind = ""
        self.pieces = []

    def _flush(self) -> None:
        if self.pieces:
            self.done.append(Segment(self.kind, "".join(self.pieces)))
            self.pieces = []

    def add(self, kind: str, text: str) -> None:
        if not text:
            return
        if kind == "math":
            self.append(Segment("math", text))
            return
        text = text.translate(_STRAY)
        if not text:
            return
        if kind != self.kind:
            self._flush()
            if self.done and self.done[-1].kind == kind and not isinstance(self.done[-1], LinkSegment):
                self.pieces = [self.done.pop().text]
            self.kind = kind
        self.pieces.append(text)

    def append(self, segment: Segment) -> None:
        """A math or link segment: never merged with its neighbours."""
        self._flush()
        self.kind = ""
        self.done.append(segment)

    def extend(self, segments) -> None:
        for segment in segments:
            if segment.kind in ("math", "link"):
                self.append(segment)
            else:
                self.add(segment.kind, segment.text)

    def walk(self, nodelist, kind: str) -> None:
        w = _latex().walker
        pending_switch: str | None = None
        for node in nodelist:
            current = pending_switch or kind
            if isinstance(node, w.LatexCharsNode):
                self.add(current, node.chars)
            elif isinstance(node, w.LatexMathNode):
                segment = _math_segment("".join(n.latex_verbatim() for n in node.nodelist))
                if segment is not None:
                    self.add(*segment)
            elif isinstance(node, w.LatexGroupNode):
                self.walk(node.nodelist, current)
            elif isinstance(node, w.LatexCommentNode):
                # A bare % in a BibTeX field is a percent sign, not a comment.
                self.add(current, "%" + node.comment + node.comment_post_space)
            elif isinstance(node, w.LatexMacroNode):
                name = node.macroname
                args = [a for a in (node.nodeargd.argnlist if node.nodeargd else []) if a is not None]
                if name in _EMPH_SWITCHES and not args:
                    pending_switch = "emph" if kind != "strong" else "strong"
                elif name in _STRONG_SWITCHES and not args:
                    pending_switch = "strong"
                elif name in _EMPH_MACROS and args:
                    self._walk_arg(args[-1], "emph" if current != "strong" else "strong")
                elif name in _STRONG_MACROS and args:
                    self._walk_arg(args[-1], "strong")
                elif name == "url" and args:
                    self.extend(_link_segments(_verbatim(args[-1]), None))
                elif name == "href" and len(args) >= 2:
                    self.extend(_link_segments(_verbatim(args[0]), _decode(_verbatim(args[1]))))
                elif name in _SILENT_MACROS:
                    pass
                elif name in _TRANSPARENT_MACROS and args:
                    self._walk_arg(args[-1], current)
                else:
                    self.add(current, self._to_text([node]))
            elif isinstance(node, w.LatexSpecialsNode):
                self.add(current, self._to_text([node]))
            else:
                self.add(current, self._to_text([node]))

    def _walk_arg(self, arg, kind: str) -> None:
        if isinstance(arg, _latex().walker.LatexGroupNode):
            self.walk(arg.nodelist, kind)
        else:
            self.walk([arg], kind)

    @staticmethod
    def _to_text(nodelist) -> str:
        try:
            return _latex().converter.nodelist_to_text(nodelist)
        except Exception:  # pylatexenc gives up on some malformed macros
            return "".join(n.latex_verbatim() for n in nodelist).translate(_STRAY)


def _verbatim(arg) -> str:
    """The LaTeX source inside a macro argument (without its braces)."""
    if isinstance(arg, _latex().walker.LatexGroupNode):
        return "".join(n.latex_verbatim() for n in arg.nodelist)
    return arg.latex_verbatim()


def _with_text(seg: Segment, text: str) -> Segment:
    return LinkSegment(text, seg.url) if isinstance(seg, LinkSegment) else Segment(seg.kind, text)


def _normalise_spaces(segments: list[Segment]) -> list[Segment]:
    out: list[Segment] = []
    for seg in segments:
        out.append(seg if seg.kind == "math" else _with_text(seg, _WHITESPACE.sub(" ", seg.text)))
    if out and out[0].kind != "math":
        out[0] = _with_text(out[0], out[0].text.lstrip())
    if out and out[-1].kind != "math":
        out[-1] = _with_text(out[-1], out[-1].text.rstrip())
    return [s for s in out if s.text]


# --- the tokenizer --------------------------------------------------------------

#: Accent macros and the combining character they put on each letter of their argument.
_ACCENTS = {
    "'": "\u0301", "`": "\u0300", '"': "\u0308", "c": "\u0327", "^": "\u0302", "~": "\u0303",
    "H": "\u030b", "k": "\u0328", "=": "\u0304", "b": "\u0331", ".": "\u0307", "d": "\u0323",
    "r": "\u030a", "u": "\u0306", "v": "\u030c", "vec": "\u20d7", "dot": "\u0307", "hat": "\u0302",
    "check": "\u030c", "breve": "\u0306", "acute": "\u0301", "grave": "\u0300", "tilde": "\u0303",
    "bar": "\u0305", "ddot": "\u0308", "not": "\u0338",
}
#: Control symbols (a backslash and one non-letter) that print a fixed text.
_CONTROL_SYMBOLS = {
    "!": "", "#": "#", "$": "$", "%": "%", "&": "&", ")": "", "*": "", "+": "", ",": " ", "-": "\xad",
    "/": "", ":": " ", ";": " ", "<": "", ">": "", "?": "", "@": "", "]": "", "_": "_", "{": "", "|": "",
    "}": "", " ": " ",
}
#: Macros that print nothing and drop their one argument.
_SILENT_MACROS = {"noopsort"}
_TEXT_RUN = re.compile(r"[^\\{}$%~\-`'&!?]+")
#: pylatexenc's specials (outside the no-parser path): two-character ones first.
_SPECIALS = {"``": "\u201c", "''": "\u201d", "!`": "\u00a1", "?`": "\u00bf"}
_CONTROL_WORD = re.compile(r"[^\W\d_]+")  # pylatexenc reads any letters, "\\ssé" is one name
_SKIP_SPACE = re.compile(r"[ \t\n\r\f\v]*")
_ACCENT_ARG = re.compile(r"\{[ ]*([A-Za-z]*|\\[ij])[ ]*\}")
_URL_ESCAPES = (("\\_", "_"), ("\\%", "%"), ("\\&", "&"), ("\\#", "#"), ("\\~", "~"), ("\\$", "$"))


class _Unsupported(Exception):
    """The tokenizer met LaTeX it does not decode exactly like pylatexenc."""


def _accented(text: str, combining: str) -> str:
    out = []
    for char in text:
        if char == "\u0131":
            char = "i"
        elif char == "\u0237":
            char = "j"
        out.append(unicodedata.normalize("NFC", char + combining))
    return "".join(out)


def _math_segment(source: str) -> tuple[str, str] | None:
    """THE place where math segments are made: ``("math", source)``, or
    ``("text", "$source$")`` for math that :mod:`.math_guard` refuses."""
    source = source.strip()
    if not source:
        return None
    kind, text = math_segment(source)
    if kind != "math" and _refusing is not None:
        _refusing.append(source)
    return kind, text


def _link_segments(url_source: str, text: RichText | None) -> list[Segment]:
    """``\\url{url}`` (``text`` None) or ``\\href{url}{text}``: a link when the
    URL is safe, else the text alone."""
    url = url_source.strip()
    for escaped, char in _URL_ESCAPES:
        url = url.replace(escaped, char)
    url = url.translate(_STRAY)
    shown = url if text is None else text.text.strip()
    if not shown:
        return []
    if url and is_safe_url(url) == "remote":
        return [LinkSegment(shown, url)]
    if text is None:
        return [Segment("text", shown)]
    return list(text)


class _Tokenizer:
    """One pass over a field, building segments like :class:`_Builder` does
    from pylatexenc's nodes; raises :class:`_Unsupported` for anything else."""

    def __init__(self, source: str, builder: _Builder) -> None:
        self.source = source
        self.end = len(source)
        self.builder = builder

    def run(self) -> None:
        self.nodes(0, "text", False)

    def nodes(self, i: int, kind: str, in_group: bool) -> int:
        """Decode up to the end (or to the ``}`` closing this group); return the
        position after it."""
        source, end, add = self.source, self.end, self.builder.add
        pending: str | None = None
        while i < end:
            current = pending or kind
            run = _TEXT_RUN.match(source, i)
            if run:
                add(current, run.group())
                i = run.end()
                continue
            char = source[i]
            if char == "\\":
                i, switch = self.macro(i, current, kind)
                if switch:
                    pending = switch
            elif char == "{":
                i = self.nodes(i + 1, current, True)
            elif char == "}":
                if not in_group:
                    raise _Unsupported("stray }")
                return i + 1
            elif char == "~":
                add(current, "\u00a0")
                i += 1
            elif char == "-":
                if source.startswith("---", i):
                    add(current, "\u2014")
                    i += 3
                elif source.startswith("--", i):
                    add(current, "\u2013")
                    i += 2
                else:
                    add(current, "-")
                    i += 1
            elif char == "$":
                i = self.math(i)
            elif char in "`'!?":
                pair = source[i : i + 2]
                if pair in _SPECIALS:
                    add(current, _SPECIALS[pair])
                    i += 2
                else:
                    add(current, char)
                    i += 1
            elif char == "&":
                add(current, "   ")
                i += 1
            else:  # "%": a bare percent sign; pylatexenc reads the rest of the line as a comment
                rest = source[i:]
                if in_group or "\n" in rest:
                    raise _Unsupported("comment")
                add(current, rest)
                i = end
        if in_group:
            raise _Unsupported("unclosed {")
        return i

    def group_source(self, i: int) -> tuple[str, int]:
        """The text inside the brace group starting at ``i`` and the position after it."""
        source = self.source
        if i >= self.end or source[i] != "{":
            raise _Unsupported("argument without braces")
        depth = 0
        j = i
        while j < self.end:
            char = source[j]
            if char == "\\":
                j += 2
                continue
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth == 0:
                    inner = source[i + 1 : j]
                    if "%" in inner.replace("\\%", ""):
                        raise _Unsupported("comment in an argument")
                    return inner, j + 1
            j += 1
        raise _Unsupported("unclosed argument")

    def argument(self, j: int, kind: str) -> int:
        """Decode the brace-group argument at ``j`` (after spaces) as ``kind``."""
        j = _SKIP_SPACE.match(self.source, j).end()
        if j >= self.end or self.source[j] != "{":
            raise _Unsupported("argument without braces")
        return self.nodes(j + 1, kind, True)

    def macro(self, i: int, current: str, kind: str) -> tuple[int, str | None]:
        source, add = self.source, self.builder.add
        j = i + 1
        if j >= self.end:
            raise _Unsupported("trailing backslash")
        word = _CONTROL_WORD.match(source, j)
        if word is None:
            char = source[j]
            if char in _ACCENTS:
                return self.accent(j + 1, _ACCENTS[char], current), None
            if char == "(":
                return self.delimited_math(j + 1, "\\)"), None
            if char == "[":
                return self.delimited_math(j + 1, "\\]"), None
            if char == "\\":
                if source.startswith(("*", "["), j + 1):
                    raise _Unsupported("\\\\ with arguments")
                add(current, " ")
                return j + 1, None
            if char in _CONTROL_SYMBOLS:
                add(current, _CONTROL_SYMBOLS[char])
                return j + 1, None
            raise _Unsupported(f"control symbol {char!r}")
        name = word.group()
        j = word.end()
        if name in _EMPH_SWITCHES:
            return _SKIP_SPACE.match(source, j).end(), "emph" if kind != "strong" else "strong"
        if name in _STRONG_SWITCHES:
            return _SKIP_SPACE.match(source, j).end(), "strong"
        if name in _EMPH_MACROS:
            return self.argument(j, "emph" if current != "strong" else "strong"), None
        if name in _STRONG_MACROS:
            return self.argument(j, "strong"), None
        if name in _ARG_TRANSPARENT:
            return self.argument(j, current), None
        if name == "url":
            url, j = self.group_source(_SKIP_SPACE.match(source, j).end())
            self.builder.extend(_link_segments(url, None))
            return j, None
        if name == "href":
            url, j = self.group_source(_SKIP_SPACE.match(source, j).end())
            text, j = self.group_source(_SKIP_SPACE.match(source, j).end())
            self.builder.extend(_link_segments(url, _decode(text)))
            return j, None
        if name in _SILENT_MACROS:
            return self.group_source(_SKIP_SPACE.match(source, j).end())[1], None
        if name in _ACCENTS:
            return self.accent(j, _ACCENTS[name], current), None
        if name in SYMBOLS:
            add(current, SYMBOLS[name])
            return _SKIP_SPACE.match(source, j).end(), None
        raise _Unsupported(f"macro \\{name}")

    def accent(self, j: int, combining: str, current: str) -> int:
        source = self.source
        j = _SKIP_SPACE.match(source, j).end()
        if j >= self.end:
            raise _Unsupported("accent at the end")
        char = source[j]
        if char == "{":
            match = _ACCENT_ARG.match(source, j)
            if match is None:
                raise _Unsupported("accent argument")
            base = match.group(1)
            j = match.end()
        elif char == "\\":
            word = _CONTROL_WORD.match(source, j + 1)
            if word is None or word.group() not in ("i", "j"):
                raise _Unsupported("accent argument")
            base = word.group()
            j = _SKIP_SPACE.match(source, word.end()).end()
        elif not char.isalnum():
            raise _Unsupported("accent argument")
        else:
            base = char
            j += 1
        if base in ("\\i", "\\j"):
            base = base[1]
        self.builder.add(current, _accented(base, combining))
        return j

    def math(self, i: int) -> int:
        display = self.source.startswith("$$", i)
        start = i + (2 if display else 1)
        return self.delimited_math(start, "$$" if display else "$")

    def delimited_math(self, start: int, closer: str) -> int:
        source = self.source
        j = start
        depth = 0
        while j < self.end:
            char = source[j]
            if source.startswith(closer, j) and depth == 0:
                segment = _math_segment(source[start:j])
                if segment is not None:
                    self.builder.add(*segment)
                return j + len(closer)
            if char == "\\":
                if source[j + 1 : j + 2] in ("(", ")", "[", "]"):
                    raise _Unsupported("math delimiter in math")
                word = _CONTROL_WORD.match(source, j + 1)
                if word is None:
                    j += 2
                    continue
                j = word.end()
                if word.group() not in SYMBOLS and source.startswith(closer, _SKIP_SPACE.match(source, j).end()):
                    raise _Unsupported("a macro's argument would be the closing delimiter")
                continue
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth < 0:
                    raise _Unsupported("} in math")
            elif char in "$%":
                raise _Unsupported("$ or % in math")
            j += 1
        raise _Unsupported("unclosed math")


#: The transparent macros pylatexenc gives one braced argument (the others take none there).
_ARG_TRANSPARENT = frozenset(
    {"textsc", "texttt", "textrm", "textsf", "textup", "mbox", "text", "textmd", "NoCaseChange", "nolinkurl"}
)


def _decode(source: str) -> RichText:
    """Decode one field (not cached: see :func:`latex_to_rich`)."""
    if not _NEEDS_PARSER.search(source):
        text = _WHITESPACE.sub(" ", _plain_fast(source)).strip()
        return RichText((Segment("text", text),) if text else ())
    global _calls, _refusing
    _calls += 1
    outer, _refusing = _refusing, []
    try:
        builder = _Builder()
        try:
            _Tokenizer(source, builder).run()
            rich = RichText(tuple(_normalise_spaces(builder.segments)))
        except _Unsupported:
            del _refusing[:]
            rich = _decode_with_pylatexenc(source)
        if _refusing:
            _refused[source] = tuple(_refusing)
            if outer is not None:
                outer.extend(_refusing)
    finally:
        _refusing = outer
    return rich


def _decode_with_pylatexenc(source: str) -> RichText:
    """The slow path: pylatexenc's parser, for LaTeX the tokenizer does not know."""
    builder = _Builder()
    try:
        latex = _latex()
        nodes, _, _ = latex.walker.LatexWalker(source, latex_context=latex.context, tolerant_parsing=True).get_latex_nodes()
        builder.walk(nodes, "text")
    except Exception:
        builder.segments = [Segment("text", _plain_fast(source))]
    return RichText(tuple(_normalise_spaces(builder.segments)))


# GLOBAL STATE: the formulas math_guard refused in each field decoded here, and
# those of the field being decoded.
_refused: dict[str, tuple[str, ...]] = {}
_refusing: list[str] | None = None


def refused_math(source: str) -> tuple[str, ...]:
    """The formulas of a field that are shown as text (refused by :mod:`.math_guard`)."""
    rich = latex_to_rich(source)
    if source not in _refused and any(seg.kind == "text" and "$" in seg.text for seg in rich):
        _decode(source)  # decoded by an earlier build: find out again
    return _refused.get(source, ())


# GLOBAL STATE: every field decoded in this process, by its source text. The
# loaders fill it with fields decoded by earlier builds (kept in their on-disk
# cache), so an unchanged entry is never decoded again.
_decoded: dict[str, RichText] = {}
_calls = 0


def needs_parser(source: str) -> bool:
    """Whether a field has LaTeX that only the tokenizer (or pylatexenc) decodes."""
    return _NEEDS_PARSER.search(source) is not None


def decoder_calls() -> int:
    """How many fields with LaTeX this process has decoded (for tests)."""
    return _calls


def latex_to_rich(source: str) -> RichText:
    """Convert a BibTeX field value to :class:`RichText`."""
    rich = _decoded.get(source)
    if rich is None:
        if _offered:
            _take_offered()
            rich = _decoded.get(source)
            if rich is not None:
                return rich
        rich = _decoded[source] = _decode(source)
    return rich


# Fields decoded by earlier builds, offered by the loaders and taken in only
# when a field is first asked for (a build that renders nothing never pays).
_offered: list = []


def remember(pairs) -> None:
    """Offer ``(source, RichText)`` pairs decoded elsewhere (by an earlier build)."""
    _offered.append(pairs)


def _take_offered() -> None:
    while _offered:
        for source, rich in _offered.pop():
            _decoded.setdefault(source, rich)


def forget_decoded() -> None:
    """Empty the memory of decoded fields (tests: as a new process would start)."""
    _decoded.clear()
    _offered.clear()
    _refused.clear()


@lru_cache(maxsize=4096)
def math_to_unicode(source: str) -> str:
    """Best-effort Unicode for inline math (``\\alpha`` -> ``α``), without backslashes."""
    try:
        text = _latex().math_converter.latex_to_text(source)
    except Exception:
        text = source
    return text.translate(_STRAY).strip()


def latex_to_plain(source: str) -> str:
    """Convert a BibTeX field value to plain Unicode text (math kept as source)."""
    return latex_to_rich(source).plain


# --- macros defined in @preamble ---------------------------------------------------

_DEFINITION = re.compile(
    r"\\(?:newcommand|providecommand|renewcommand|DeclareRobustCommand)\*?\s*"
    r"(?:\{\s*\\([A-Za-z]+)\s*\}|\\([A-Za-z]+))\s*(?:\[\s*(\d)\s*\])?\s*\{"
    r"|\\def\s*\\([A-Za-z]+)((?:#\d)*)\s*\{"
)


def _balanced(text: str, start: int) -> int | None:
    """The position after the ``}`` closing the group whose ``{`` is before ``start``."""
    depth = 1
    i = start
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def preamble_macros(preamble: str) -> dict[str, tuple[int, str]]:
    """Macros an ``@preamble`` defines to print nothing or a fixed text:
    ``name -> (number of arguments, text)``. A definition that uses its
    arguments (``#1``) is not a fixed text and is left out."""
    macros: dict[str, tuple[int, str]] = {}
    for match in _DEFINITION.finditer(preamble):
        end = _balanced(preamble, match.end())
        if end is None:
            continue
        body = preamble[match.end() : end - 1]
        if "#" in body:
            continue
        name = match.group(1) or match.group(2) or match.group(4)
        count = int(match.group(3) or 0) if match.group(4) is None else len(match.group(5)) // 2
        if name in _EMPH_MACROS or name in _STRONG_MACROS or len(body) > 200:
            continue
        macros.setdefault(name, (count, body.strip()))
    return macros


def expand_macros(text: str, macros: dict[str, tuple[int, str]]) -> str:
    """``text`` with each use of these macros (and its arguments) replaced by its text."""
    if not macros or "\\" not in text:
        return text
    pattern = re.compile(r"\\(" + "|".join(sorted(map(re.escape, macros), key=len, reverse=True)) + r")(?![A-Za-z])")
    out = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() < position or (match.start() > 0 and text[match.start() - 1] == "\\"):
            continue
        count, body = macros[match.group(1)]
        end = _SKIP_SPACE.match(text, match.end()).end()
        for _ in range(count):
            end = _SKIP_SPACE.match(text, end).end()
            if end < len(text) and text[end] == "{":
                close = _balanced(text, end + 1)
                if close is None:
                    break
                end = close
            elif end < len(text):
                end += 1
        out.append(text[position : match.start()])
        out.append(body)
        position = end
    out.append(text[position:])
    return "".join(out)
