"""Turn the LaTeX found in BibTeX fields into clean rich text.

The result is a :class:`RichText`: a tuple of ``(kind, text)`` segments where
``kind`` is ``"text"``, ``"emph"``, ``"strong"`` or ``"math"``. Accents,
dashes, ties and escapes become Unicode; brace protection disappears;
``\\emph``/``\\textit``/``{\\em ...}`` become emphasis, ``\\textbf`` strong,
and ``$...$`` inline math (its LaTeX source is kept for the math renderer).

Parsing is done by pylatexenc; only the mapping to segments is ours.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any, NamedTuple

from .math_guard import math_segment

__all__ = ["RichText", "Segment", "latex_to_plain", "latex_to_rich", "math_to_unicode"]


class Segment(NamedTuple):
    kind: str  # "text" | "emph" | "strong" | "math"
    text: str


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
    def __init__(self) -> None:
        self.segments: list[Segment] = []

    def add(self, kind: str, text: str) -> None:
        if not text:
            return
        if kind != "math":
            text = text.translate(_STRAY)
            if not text:
                return
        if self.segments and self.segments[-1].kind == kind and kind != "math":
            last = self.segments.pop()
            text = last.text + text
        self.segments.append(Segment(kind, text))

    def walk(self, nodelist: Any, kind: str) -> None:
        w = _latex().walker
        pending_switch: str | None = None
        for node in nodelist:
            current = pending_switch or kind
            if isinstance(node, w.LatexCharsNode):
                self.add(current, node.chars)
            elif isinstance(node, w.LatexMathNode):
                self.add(*math_segment("".join(n.latex_verbatim() for n in node.nodelist).strip()))
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
                elif (name in _TRANSPARENT_MACROS and args) or (name == "href" and len(args) >= 2):
                    self._walk_arg(args[-1], current)
                else:
                    self.add(current, self._to_text([node]))
            elif isinstance(node, w.LatexSpecialsNode):
                self.add(current, self._to_text([node]))
            else:
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


def _normalise_spaces(segments: list[Segment]) -> list[Segment]:
    out: list[Segment] = []
    for seg in segments:
        text = seg.text if seg.kind == "math" else _WHITESPACE.sub(" ", seg.text)
        out.append(Segment(seg.kind, text))
    if out and out[0].kind != "math":
        out[0] = Segment(out[0].kind, out[0].text.lstrip())
    if out and out[-1].kind != "math":
        out[-1] = Segment(out[-1].kind, out[-1].text.rstrip())
    return [s for s in out if s.text]


@lru_cache(maxsize=65536)
def latex_to_rich(source: str) -> RichText:
    """Convert a BibTeX field value to :class:`RichText`."""
    if not _NEEDS_PARSER.search(source):
        text = _WHITESPACE.sub(" ", _plain_fast(source)).strip()
        return RichText((Segment("text", text),) if text else ())
    builder = _Builder()
    try:
        latex = _latex()
        nodes, _, _ = latex.walker.LatexWalker(source, latex_context=latex.context, tolerant_parsing=True).get_latex_nodes()
        builder.walk(nodes, "text")
    except Exception:
        builder.segments = [Segment("text", _plain_fast(source))]
    return RichText(tuple(_normalise_spaces(builder.segments)))


@lru_cache(maxsize=4096)
def math_to_unicode(source: str) -> str:
    """Best-effort Unicode for inline math (``\\alpha`` -> ``α``), without backslashes."""
    try:
        text = str(_latex().math_converter.latex_to_text(source))
    except Exception:
        text = source
    return text.translate(_STRAY).strip()


def latex_to_plain(source: str) -> str:
    """Convert a BibTeX field value to plain Unicode text (math kept as source)."""
    return latex_to_rich(source).plain
