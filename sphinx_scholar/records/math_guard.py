"""Which math from data may reach LaTeX and MathJax: an allow-list of macros.

``$...$`` in a BibTeX field is written into the ``.tex`` of the LaTeX builder
and given to MathJax in HTML. Both run what they are given: ``\\input`` or
``\\openin`` print a file of the build machine into the PDF, ``\\catcode`` and
``\\def`` change the rules, ``^^`` escapes spell any of them, and MathJax's
``\\href{javascript:...}`` or ``\\style{...}`` run a script or cover the page.
So math from data may use only the macros of :data:`ALLOWED_MACROS` (Greek,
operators, relations, arrows, ``\\frac``, ``\\sqrt``, fonts, accents,
``\\text{...}``...) and the control symbols of :data:`ALLOWED_SYMBOLS`, with
balanced braces, no ``%``, ``#``, ``$`` or ``^^``. Anything else is refused:
the math is shown as its source text (escaped by every builder), with a
located ``scholar.math`` warning.

:func:`math_segment` is called where a math segment is made
(``records/richtext.py``); :func:`refusal` where math nodes are written
(a second check); :func:`refusals` by the BibTeX loader, for the warnings.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

__all__ = ["ALLOWED_MACROS", "ALLOWED_SYMBOLS", "MAX_MATH_LENGTH", "math_segment", "refusal", "refusals"]

MAX_MATH_LENGTH = 2000  # characters of one formula

ALLOWED_MACROS = frozenset(
    [
        "alpha",
        "beta",
        "gamma",
        "delta",
        "epsilon",
        "varepsilon",
        "zeta",
        "eta",
        "theta",
        "vartheta",
        "iota",
        "kappa",
        "varkappa",
        "lambda",
        "mu",
        "nu",
        "xi",
        "omicron",
        "pi",
        "varpi",
        "rho",
        "varrho",
        "sigma",
        "varsigma",
        "tau",
        "upsilon",
        "phi",
        "varphi",
        "chi",
        "psi",
        "omega",
        "Gamma",
        "Delta",
        "Theta",
        "Lambda",
        "Xi",
        "Pi",
        "Sigma",
        "Upsilon",
        "Phi",
        "Psi",
        "Omega",
        "aleph",
        "beth",
        "hbar",
        "imath",
        "jmath",
        "ell",
        "wp",
        "Re",
        "Im",
        "mathrm",
        "mathbf",
        "mathcal",
        "mathtt",
        "mathit",
        "mathsf",
        "mathbb",
        "mathfrak",
        "mathscr",
        "mathnormal",
        "boldsymbol",
        "bm",
        "text",
        "textrm",
        "textit",
        "textbf",
        "texttt",
        "textsf",
        "textup",
        "textnormal",
        "mbox",
        "operatorname",
        "frac",
        "dfrac",
        "tfrac",
        "sqrt",
        "binom",
        "tbinom",
        "dbinom",
        "overline",
        "underline",
        "overbrace",
        "underbrace",
        "hat",
        "widehat",
        "tilde",
        "widetilde",
        "bar",
        "vec",
        "dot",
        "ddot",
        "check",
        "breve",
        "acute",
        "grave",
        "mathring",
        "overrightarrow",
        "overleftarrow",
        "overset",
        "underset",
        "stackrel",
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
        "limits",
        "nolimits",
        "displaystyle",
        "textstyle",
        "scriptstyle",
        "scriptscriptstyle",
        "sum",
        "prod",
        "coprod",
        "int",
        "iint",
        "iiint",
        "oint",
        "bigcup",
        "bigcap",
        "bigsqcup",
        "bigoplus",
        "bigotimes",
        "bigodot",
        "bigvee",
        "bigwedge",
        "lim",
        "liminf",
        "limsup",
        "sup",
        "inf",
        "max",
        "min",
        "arg",
        "argmax",
        "argmin",
        "det",
        "exp",
        "log",
        "ln",
        "lg",
        "sin",
        "cos",
        "tan",
        "cot",
        "sec",
        "csc",
        "arcsin",
        "arccos",
        "arctan",
        "sinh",
        "cosh",
        "tanh",
        "coth",
        "deg",
        "dim",
        "gcd",
        "hom",
        "ker",
        "Pr",
        "mod",
        "bmod",
        "pmod",
        "pm",
        "mp",
        "times",
        "div",
        "cdot",
        "ast",
        "star",
        "circ",
        "bullet",
        "oplus",
        "ominus",
        "otimes",
        "oslash",
        "odot",
        "cap",
        "cup",
        "sqcap",
        "sqcup",
        "vee",
        "wedge",
        "setminus",
        "smallsetminus",
        "wr",
        "dagger",
        "ddagger",
        "amalg",
        "diamond",
        "triangleleft",
        "triangleright",
        "land",
        "lor",
        "lnot",
        "neg",
        "leq",
        "le",
        "geq",
        "ge",
        "leqslant",
        "geqslant",
        "neq",
        "ne",
        "equiv",
        "approx",
        "sim",
        "simeq",
        "cong",
        "propto",
        "prec",
        "succ",
        "preceq",
        "succeq",
        "ll",
        "gg",
        "subset",
        "supset",
        "subseteq",
        "supseteq",
        "subsetneq",
        "supsetneq",
        "sqsubseteq",
        "sqsupseteq",
        "in",
        "ni",
        "notin",
        "owns",
        "vdash",
        "dashv",
        "models",
        "perp",
        "mid",
        "nmid",
        "parallel",
        "asymp",
        "doteq",
        "bowtie",
        "lesssim",
        "gtrsim",
        "coloneqq",
        "triangleq",
        "to",
        "gets",
        "rightarrow",
        "leftarrow",
        "leftrightarrow",
        "Rightarrow",
        "Leftarrow",
        "Leftrightarrow",
        "longrightarrow",
        "longleftarrow",
        "longleftrightarrow",
        "Longrightarrow",
        "Longleftarrow",
        "Longleftrightarrow",
        "mapsto",
        "longmapsto",
        "uparrow",
        "downarrow",
        "updownarrow",
        "Uparrow",
        "Downarrow",
        "Updownarrow",
        "nearrow",
        "searrow",
        "swarrow",
        "nwarrow",
        "hookrightarrow",
        "hookleftarrow",
        "rightharpoonup",
        "leftharpoonup",
        "rightleftharpoons",
        "iff",
        "implies",
        "impliedby",
        "xrightarrow",
        "xleftarrow",
        "infty",
        "partial",
        "nabla",
        "forall",
        "exists",
        "nexists",
        "emptyset",
        "varnothing",
        "angle",
        "triangle",
        "square",
        "Box",
        "top",
        "bot",
        "prime",
        "backslash",
        "ldots",
        "cdots",
        "vdots",
        "ddots",
        "dots",
        "dotsc",
        "dotsb",
        "lbrace",
        "rbrace",
        "langle",
        "rangle",
        "lfloor",
        "rfloor",
        "lceil",
        "rceil",
        "vert",
        "Vert",
        "lvert",
        "rvert",
        "lVert",
        "rVert",
        "quad",
        "qquad",
        "colon",
        "therefore",
        "because",
        "not",
        "surd",
        "flat",
        "sharp",
        "natural",
    ]
)  # noqa: SIM905 (a word list reads best as text)

#: ``\\`` followed by one of these: spacing, escaped specials, a line break.
ALLOWED_SYMBOLS = frozenset(",;:! {}%$&_#|\\")

_FORBIDDEN_CHARS = {"%": "a comment sign %", "#": "a parameter sign #", "$": "a dollar sign", "\x00": "a NUL"}


@lru_cache(maxsize=8192)
def refusal(source: str) -> str | None:
    """Why ``source`` (a formula without its ``$``) may not be written as math, or None."""
    if len(source) > MAX_MATH_LENGTH:
        return f"a formula of {len(source)} characters (at most {MAX_MATH_LENGTH})"
    if "^^" in source:
        return "a ^^ character escape"
    depth = 0
    position = 0
    length = len(source)
    while position < length:
        char = source[position]
        if char == "\\":
            end = position + 1
            while end < length and source[end].isascii() and source[end].isalpha():
                end += 1
            if end == position + 1:  # a control symbol
                symbol = source[end] if end < length else ""
                if symbol not in ALLOWED_SYMBOLS or not symbol:
                    return f"the control symbol \\{symbol}" if symbol else "a trailing backslash"
                position = end + 1
                continue
            name = source[position + 1 : end]
            if name not in ALLOWED_MACROS:
                return f"the macro \\{name}"
            position = end
            continue
        if char in _FORBIDDEN_CHARS:
            return _FORBIDDEN_CHARS[char]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return "an unbalanced }"
        elif ord(char) < 32 and char not in "\t\n\r":
            return f"the control character U+{ord(char):04X}"
        position += 1
    if depth:
        return "an unbalanced {"
    return None


_collecting = threading.local()


def math_segment(source: str) -> tuple[str, str]:
    """The segment a formula becomes: ``("math", source)`` when allowed, else
    ``("text", "$source$")`` (shown as its source, escaped by every builder)."""
    reason = refusal(source)
    if reason is None:
        return "math", source
    found = getattr(_collecting, "found", None)
    if found is not None:
        found.append((source, reason))
    return "text", f"${source}$"


@contextmanager
def _collect() -> Iterator[Any]:
    previous = getattr(_collecting, "found", None)
    _collecting.found = []
    try:
        yield _collecting.found
    finally:
        _collecting.found = previous


def refusals(value: str, parse: Callable[[str], object]) -> list[str]:
    """Messages for the formulas of a field ``value`` that are refused, found
    by running ``parse`` (the uncached rich-text parser) over it."""
    if "$" not in value and "\\(" not in value and "\\[" not in value:
        return []
    with _collect() as found:
        parse(value)
    shown = [src if len(src) <= 60 else src[:57] + "..." for src, _ in found]
    return [
        f"math ${src}$ uses {reason}, which data may not use; shown as text" for src, (_, reason) in zip(shown, found)
    ]
