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
from typing import Any, NamedTuple

from .latex_symbols import SYMBOLS
from .math_guard import math_segment
from .urls import is_safe_url

__all__ = [
    "LinkSegment",
    "RichText",
    "Segment",
    "decoder_calls",
    "expand_macros",
    "forget_decoded",
    "latex_to_plain",
    "latex_to_rich",
    "math_parts",
    "math_to_unicode",
    "needs_parser",
    "preamble_macros",
    "refused_math",
    "remember",
]


class Segment(NamedTuple):
    kind: str  # "text" | "emph" | "strong" | "math" | "link" (and more from markup)
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


class RichText(tuple[Segment, ...]):
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
    "textsc",
    "texttt",
    "textrm",
    "textsf",
    "textup",
    "textnormal",
    "mbox",
    "text",
    "textmd",
    "NoCaseChange",
    "MakeUppercase",
    "uppercase",
    "url",
    "nolinkurl",
    "path",
}
_EMPH_SWITCHES = {"em", "it", "itshape", "sl", "slshape"}
_STRONG_SWITCHES = {"bf", "bfseries"}
_NEEDS_PARSER = re.compile(r"[\\$%]")
_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")  # not \s: a tie (~) stays a no-break space
_STRAY = str.maketrans("", "", "{}\\")
# Escaped braces and backslashes (\{ \} \textbackslash) travel as private-use
# characters, so that dropping stray braces does not drop them, and become
# the real characters when a segment is made.
_LITERAL = {"{": "\ue000", "}": "\ue001", "\\": "\ue002"}
_UNLITERAL = str.maketrans({v: k for k, v in _LITERAL.items()})
_LITERAL_MACROS = {
    "{": _LITERAL["{"],
    "}": _LITERAL["}"],
    "textbackslash": _LITERAL["\\"],
    "textbraceleft": _LITERAL["{"],
    "textbraceright": _LITERAL["}"],
}


@cache
def _latex() -> Any:
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
    # The common case: only brace protection, dashes, ties and ``quotes''
    # (the same characters the tokenizer makes of them).
    text = text.replace("---", "\u2014").replace("--", "\u2013").replace("~", "\u00a0")
    if "``" in text or "''" in text:
        text = text.replace("``", "\u201c").replace("''", "\u201d")
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
            self.done.append(Segment(self.kind, "".join(self.pieces).translate(_UNLITERAL)))
            self.pieces = []

    def add(self, kind: str, text: str) -> None:
        if not text:
            return
        if kind == "math":
            self.append(Segment(kind, text))
            return
        text = text.translate(_STRAY)
        if not text:
            return
        if kind != self.kind:
            self._flush()
            if self.done and self.done[-1].kind == kind and kind != "link":
                self.pieces = [self.done.pop().text]
            self.kind = kind
        self.pieces.append(text)

    def add_clean(self, kind: str, text: str) -> None:
        """:meth:`add` for text known to hold no brace or backslash."""
        if kind != self.kind:
            self.add(kind, text)
        else:
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

    def walk(self, nodelist: Any, kind: str) -> None:
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
                elif name == "url":  # without an argument, nothing (pylatexenc's text is "<%s>")
                    if args:
                        self.extend(_link_segments(_verbatim(args[-1]), None))
                elif name == "href":  # without both arguments, nothing (what follows is shown)
                    if len(args) >= 2:
                        self.extend(_link_segments(_verbatim(args[0]), _decode(_verbatim(args[1]))))
                elif name in _SILENT_MACROS:
                    pass
                elif name in _LITERAL_MACROS:
                    self.add(current, _LITERAL_MACROS[name])
                elif name in _TRANSPARENT_MACROS and args:
                    self._walk_arg(args[-1], current)
                else:
                    self.add(current, self._to_text([node]))
            else:  # specials (``--``, ``~``...) and anything else: pylatexenc's text
                self.add(current, self._to_text([node]))

    def _walk_arg(self, arg: Any, kind: str) -> None:
        if isinstance(arg, _latex().walker.LatexGroupNode):
            self.walk(arg.nodelist, kind)
        else:
            self.walk([arg], kind)

    @staticmethod
    def _to_text(nodelist: Any) -> str:
        try:
            return str(_latex().converter.nodelist_to_text(nodelist))
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
    "'": "\u0301",
    "`": "\u0300",
    '"': "\u0308",
    "c": "\u0327",
    "^": "\u0302",
    "~": "\u0303",
    "H": "\u030b",
    "k": "\u0328",
    "=": "\u0304",
    "b": "\u0331",
    ".": "\u0307",
    "d": "\u0323",
    "r": "\u030a",
    "u": "\u0306",
    "v": "\u030c",
    "vec": "\u20d7",
    "dot": "\u0307",
    "hat": "\u0302",
    "check": "\u030c",
    "breve": "\u0306",
    "acute": "\u0301",
    "grave": "\u0300",
    "tilde": "\u0303",
    "bar": "\u0305",
    "ddot": "\u0308",
    "not": "\u0338",
}
#: Control symbols (a backslash and one non-letter) that print a fixed text.
_CONTROL_SYMBOLS = {
    "!": "",
    "#": "#",
    "$": "$",
    "%": "%",
    "&": "&",
    ")": "",
    "*": "",
    "+": "",
    ",": " ",
    "-": "\xad",
    "/": "",
    ":": " ",
    ";": " ",
    "<": "",
    ">": "",
    "?": "",
    "@": "",
    "]": "",
    "_": "_",
    "{": _LITERAL["{"],
    "|": "",
    "}": _LITERAL["}"],
    " ": " ",
}
#: Macros that print nothing and drop their one argument.
_SILENT_MACROS = {"noopsort"}
# Text up to the next character that means something (a single - ' ` ! or ? is text).
_TEXT_RUN = re.compile(r"(?:[^\\{}$%~\-`'&!?]+|-(?!-)|'(?!')|`(?!`)|[!?](?!`))+")
#: pylatexenc's specials (outside the no-parser path): two-character ones first.
_SPECIALS = {"``": "\u201c", "''": "\u201d", "!`": "\u00a1", "?`": "\u00bf"}
_CONTROL_WORD = re.compile(r"[^\W\d_]+")  # pylatexenc reads any letters, "\\ssé" is one name
_SKIP_SPACE = re.compile(r"[ \t\n\r\f\v]*")
_ACCENT_ARG = re.compile(r"\{[ ]*([A-Za-z]*|\\[ij])[ ]*\}")
_URL_ESCAPES = (("\\_", "_"), ("\\%", "%"), ("\\&", "&"), ("\\#", "#"), ("\\~", "~"), ("\\$", "$"))


class _Unsupported(Exception):
    """The tokenizer met LaTeX it does not decode exactly like pylatexenc."""


class _Unclosed(_Unsupported):
    """Math that is never closed."""


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

    # long: the tokenizer's inner loop, one branch per character class; helpers would cost a call per token
    def nodes(self, i: int, kind: str, in_group: bool) -> int:
        """Decode up to the end (or to the ``}`` closing this group); return the
        position after it."""
        source, end, add, add_clean = self.source, self.end, self.builder.add, self.builder.add_clean
        pending: str | None = None
        while i < end:
            current = pending or kind
            run = _TEXT_RUN.match(source, i)
            if run:
                add_clean(current, run.group())
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
                i = self.math(i, current)
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
        after = _balanced(source, i + 1, self.end)
        if after is None:
            raise _Unsupported("unclosed argument")
        inner = source[i + 1 : after - 1]
        if "%" in inner.replace("\\%", ""):
            raise _Unsupported("comment in an argument")
        return inner, after

    def argument(self, j: int, kind: str) -> int:
        """Decode the brace-group argument at ``j`` (after spaces) as ``kind``."""
        j = _SKIP_SPACE.match(self.source, j).end()
        if j >= self.end or self.source[j] != "{":
            raise _Unsupported("argument without braces")
        return self.nodes(j + 1, kind, True)

    # long: one branch per macro family, run once per backslash; helpers would cost a call per macro token
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

    def math(self, i: int, current: str) -> int:
        display = self.source.startswith("$$", i)
        start = i + (2 if display else 1)
        try:
            return self.delimited_math(start, "$$" if display else "$")
        except _Unclosed:
            if display:
                raise
            # "costs $225 (ISBN 1-57958-385-7)": a dollar sign, not math to the end.
            self.builder.add(current, "$")
            return start

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
        raise _Unclosed("unclosed math")


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
        nodes, _, _ = latex.walker.LatexWalker(
            source, latex_context=latex.context, tolerant_parsing=True
        ).get_latex_nodes()
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


# --- inline math as Unicode ----------------------------------------------------------

_SUPERSCRIPTS = dict(
    zip(
        "0123456789+-\u2212=()niabcdefghjklmoprstuvwxyzABDEGHIJKLMNOPRTUVW\u03b2\u03b3\u03b4\u03b8\u03c6\u03c7*\u2032\u2020\u2021",
        "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207a\u207b\u207b\u207c\u207d\u207e\u207f\u2071"
        "\u1d43\u1d47\u1d9c\u1d48\u1d49\u1da0\u1d4d\u02b0\u02b2\u1d4f\u02e1\u1d50\u1d52\u1d56\u02b3\u02e2\u1d57\u1d58"
        "\u1d5b\u02b7\u02e3\u02b8\u1dbb\u1d2c\u1d2e\u1d30\u1d31\u1d33\u1d34\u1d35\u1d36\u1d37\u1d38\u1d39\u1d3a\u1d3c"
        "\u1d3e\u1d3f\u1d40\u1d41\u2c7d\u1d42\u1d5d\u1d5e\u1d5f\u1dbf\u1d60\u1d61*\u2032\u2020\u2021",
        strict=True,
    )
)
_SUBSCRIPTS = dict(
    zip(
        "0123456789+-\u2212=()aehijklmnoprstuvx\u03b2\u03b3\u03c1\u03c6\u03c7",
        "\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089\u208a\u208b\u208b\u208c\u208d\u208e"
        "\u2090\u2091\u2095\u1d62\u2c7c\u2096\u2097\u2098\u2099\u2092\u209a\u1d63\u209b\u209c\u1d64\u1d65\u2093"
        "\u1d66\u1d67\u1d68\u1d69\u1d6a",
        strict=True,
    )
)
#: Relations and binary operators: set apart by spaces, as typeset math does.
_RELATIONS = frozenset(
    ":=<>\u2264\u2265\u2260\u2248\u223c\u2243\u2245\u2261\u2208\u2209\u220b\u2282\u2283\u2286\u2287"
    "\u228a\u228b\u2192\u2190\u2194\u21d2\u21d0\u21d4\u21a6\u27f6\u27f5\u27f9\u27f8\u27fa"
    "\u226a\u226b\u221d\u227a\u227b\u227c\u227d\u2272\u2273\u2a7d\u2a7e\u225c\u2254\u22a2\u22a8"
)
_BINARY = frozenset(
    "+\u2212\u00d7\u00b7\u00f7\u00b1\u2213\u222a\u2229\u2297\u2295\u2296\u2299\u2218\u2227\u2228\u2216\u22c6\u2217"
)
_OPEN = frozenset("([{\u27e8\u230a\u2308|\u2016")
_OPERATOR_WORDS = (
    "arccos arcsin arctan arg cos cosh cot coth csc deg det dim exp gcd hom inf ker lg lim liminf limsup ln log "
    "max min Pr sec sin sinh sup tan tanh argmin argmax"
)
_OPERATOR_NAMES = frozenset(_OPERATOR_WORDS.split())
_MATH_FONTS = {
    "mathbb": ("MATHEMATICAL DOUBLE-STRUCK", "DOUBLE-STRUCK"),
    "mathcal": ("MATHEMATICAL SCRIPT", "SCRIPT"),
    "mathscr": ("MATHEMATICAL SCRIPT", "SCRIPT"),
    "mathfrak": ("MATHEMATICAL FRAKTUR", "BLACK-LETTER"),
    "mathbf": ("MATHEMATICAL BOLD", None),
    "boldsymbol": ("MATHEMATICAL BOLD", None),
    "bm": ("MATHEMATICAL BOLD", None),
    "mathsf": ("MATHEMATICAL SANS-SERIF", None),
    "mathtt": ("MATHEMATICAL MONOSPACE", None),
}
_MATH_TEXT = frozenset({"mathrm", "text", "textrm", "mathit", "mathnormal", "operatorname", "textit", "mbox", "mathup"})
_MATH_IGNORED = frozenset(
    {
        "left",
        "right",
        "middle",
        "big",
        "Big",
        "bigg",
        "Bigg",
        "bigl",
        "bigr",
        "Bigl",
        "Bigr",
        "biggl",
        "biggr",
        "bigm",
        "displaystyle",
        "textstyle",
        "scriptstyle",
        "limits",
        "nolimits",
    }
)
_MATH_SPACES = {",": "\u2009", ";": " ", ":": " ", "!": "", " ": " ", "quad": " ", "qquad": " "}
_MATH_ESCAPES = {"|": "\u2016", "{": "{", "}": "}", "%": "%", "&": "&", "_": "_", "#": "#", "$": "$"}
_MATH_TOKEN = re.compile(r"\\([A-Za-z]+|.)|([_^])|([{}])|(\s+)|(.)", re.S)


class _NoUnicode(Exception):
    """A formula with no faithful Unicode form (a fraction, a root...)."""


def _font(name: str, text: str) -> str:
    long_name, short_name = _MATH_FONTS[name]
    out = []
    for char in text:
        if char.isspace():
            continue
        if char.isascii() and not char.isalnum():
            out.append(char)  # brackets, punctuation: unstyled
            continue
        if not char.isascii():
            raise _NoUnicode(name)
        case = "CAPITAL" if char.isupper() else "SMALL"
        if char.isdigit():
            names = [f"{long_name} DIGIT {unicodedata.name(char).split()[-1]}"]
        else:
            names = [f"{long_name} {case} {char.upper()}"] + (
                [f"{short_name} {case} {char.upper()}"] if short_name else []
            )
        for candidate in names:
            try:
                out.append(unicodedata.lookup(candidate))
                break
            except KeyError:
                continue
        else:
            raise _NoUnicode(name)
    return "".join(out)


class _MathReader:
    """Inline math to atoms ``(class, text)``: class is "ord", "rel", "bin",
    "op" (log, sin...), "open", "space", "sub" or "sup"."""

    def __init__(self, source: str) -> None:
        self.tokens = [
            (m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)) for m in _MATH_TOKEN.finditer(source)
        ]
        self.position = 0

    def next(self):
        token = self.tokens[self.position] if self.position < len(self.tokens) else None
        self.position += 1
        return token

    def group_text(self) -> str:
        """The plain text of the next argument (a group or one token), as ordinary math."""
        token = self.next()
        while token is not None and token[3]:
            token = self.next()
        if token is None:
            raise _NoUnicode("missing argument")
        if token[2] == "{":
            atoms = self.atoms(until_close=True)
        else:
            self.position -= 1
            atoms = self.atoms(single=True)
        if any(kind in ("sub", "sup") for kind, _ in atoms):
            raise _NoUnicode("nested script")
        return "".join(text for _, text in atoms)

    def raw_group(self) -> str:
        token = self.next()
        while token is not None and token[3]:
            token = self.next()
        if token is None:
            raise _NoUnicode("missing argument")
        if token[2] != "{":
            return token[0] or token[4] or ""
        depth, out = 1, []
        while True:
            token = self.next()
            if token is None:
                raise _NoUnicode("unclosed group")
            if token[2] == "{":
                depth += 1
            elif token[2] == "}":
                depth -= 1
                if depth == 0:
                    return "".join(out)
            out.append(("\\" + token[0]) if token[0] else (token[1] or token[2] or token[3] or token[4]))

    def atoms(self, until_close: bool = False, single: bool = False) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        while True:
            token = self.next()
            if token is None:
                if until_close:
                    raise _NoUnicode("unclosed group")
                return out
            macro, script, brace, space, char = token
            if space:
                continue
            if brace == "}":
                if until_close:
                    return out
                raise _NoUnicode("stray }")
            if brace == "{":
                out.extend(self.atoms(until_close=True))
            elif script:
                if not out:
                    out.append(("ord", ""))
                out.append(("sub" if script == "_" else "sup", self.group_text()))
            elif macro is not None:
                out.extend(self.macro(macro))
            elif char == "'":
                out.append(("ord", "\u2032"))
            elif char == "-":
                out.append(("bin", "\u2212"))
            elif char == "~":
                out.append(("space", " "))
            elif char in "&#%$\\":
                raise _NoUnicode(char)
            else:
                out.append((_math_class(char), char))
            if single:
                return out

    def macro(self, name: str) -> list[tuple[str, str]]:
        if name in _MATH_SPACES:
            return [("space", _MATH_SPACES[name])] if _MATH_SPACES[name] else []
        if name in _MATH_ESCAPES:
            return [(_math_class(_MATH_ESCAPES[name]), _MATH_ESCAPES[name])]
        if name in _MATH_IGNORED:
            return []
        if name in _MATH_TEXT:
            text = self.raw_group()
            if "\\" in text or "$" in text:
                raise _NoUnicode(name)
            return [("op" if name == "operatorname" else "ord", " ".join(text.split()))]
        if name in _MATH_FONTS:
            return [("ord", _font(name, self.group_text()))]
        if name in _OPERATOR_NAMES:
            return [("op", name)]
        if name in ("vec", "hat", "bar", "dot", "ddot", "tilde", "check", "breve", "acute", "grave"):
            text = self.group_text()
            if len(text) != 1:
                raise _NoUnicode(name)
            return [("ord", unicodedata.normalize("NFC", text + _ACCENTS[name]))]
        if name in SYMBOLS and SYMBOLS[name] and name not in _NOT_SYMBOLS:
            text = SYMBOLS[name]
            return [(_math_class(text), text)]
        raise _NoUnicode(name)


#: Symbols whose pylatexenc text is not a faithful math symbol.
_NOT_SYMBOLS = frozenset({"sqrt", "frac", "ket", "bra", "braket", "ketbra", "binom", "nicefrac", "textfrac"})


def _math_class(text: str) -> str:
    if text in _RELATIONS:
        return "rel"
    if text in _BINARY:
        return "bin"
    if text in _OPEN:
        return "open"
    return "ord"


@lru_cache(maxsize=8192)
def math_parts(source: str) -> tuple[tuple[str, str], ...] | None:
    """Inline math as ``("text" | "sub" | "sup", text)`` parts, or None when the
    formula has no faithful Unicode form (a fraction, a root, an unknown macro...):
    then it must be shown as real math. Sub- and superscripts become Unicode
    characters where every character has one (``H_0`` -> ``H₀``), else "sub"/"sup" parts;
    relations and operators are set apart by spaces as in typeset math."""
    try:
        atoms = _MathReader(source).atoms()
    except (_NoUnicode, RecursionError):
        return None
    parts: list[list[str]] = [["text", ""]]
    previous = "start"
    for index, (kind, text) in enumerate(atoms):
        if kind in ("sub", "sup"):
            table = _SUBSCRIPTS if kind == "sub" else _SUPERSCRIPTS
            if text and all(char in table for char in text):
                parts[-1][1] += "".join(table[char] for char in text)
            elif text:
                parts.append([kind, text])
                parts.append(["text", ""])
            continue
        if kind == "rel" or (kind == "bin" and previous not in ("start", "rel", "bin", "open", "op")):
            parts[-1][1] = parts[-1][1].rstrip(" ") + f" {text} "
        elif kind == "op":
            following = atoms[index + 1][0] if index + 1 < len(atoms) else "end"
            before = " " if previous in ("ord", "sub", "sup") and not parts[-1][1].endswith(" ") else ""
            after = " " if following in ("ord", "op") else ""
            parts[-1][1] += before + text + after
        elif kind == "space":
            if not parts[-1][1].endswith(" "):
                parts[-1][1] += text
        else:
            parts[-1][1] += text
        previous = kind if kind != "space" else previous
    cleaned = [(kind, text) for kind, text in parts if text]
    if cleaned and cleaned[0][0] == "text":
        cleaned[0] = ("text", cleaned[0][1].lstrip())
    if cleaned and cleaned[-1][0] == "text":
        cleaned[-1] = ("text", cleaned[-1][1].rstrip())
    return tuple((kind, text) for kind, text in cleaned if text)


@lru_cache(maxsize=4096)
def math_to_unicode(source: str) -> str:
    """Unicode text for inline math (``\\alpha`` -> ``α``, ``H_0`` -> ``H₀``), without
    backslashes: for plain-text places (titles of pages, exports). Where a
    script has no Unicode form it is written ``_x``/``^x``; a formula with no
    Unicode form at all gets pylatexenc's best effort."""
    parts = math_parts(source)
    if parts is not None:
        return "".join(text if kind == "text" else ("_" if kind == "sub" else "^") + text for kind, text in parts)
    try:
        text = str(_latex().math_converter.latex_to_text(source))
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


def _balanced(text: str, start: int, end: int | None = None) -> int | None:
    """The position after the ``}`` closing the group whose ``{`` is before
    ``start`` (looked for before ``end``), or None."""
    depth = 1
    i = start
    stop = len(text) if end is None else end
    while i < stop:
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
