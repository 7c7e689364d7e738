"""The math allow-list (records/math_guard.py) below the build level: which
formulas from data may reach LaTeX and MathJax, and what the others become."""

from __future__ import annotations

import pytest

from sphinx_scholar.records.math_guard import MAX_MATH_LENGTH, math_segment, refusal, refusals
from sphinx_scholar.records.richtext import latex_to_rich


@pytest.mark.parametrize(
    "formula",
    [
        r"\alpha^2 + \beta_{i}",
        r"\frac{1}{2}\sqrt{x}",
        r"\mathbf{x} \in \mathbb{R}^n",
        r"a\,b\;c\!d\ e",
        r"\{x\} \\ \% \$ \& \_ \# \|",
        "x\ty\nz\r",
        "",
    ],
)
def test_allowed_math(formula):
    assert refusal(formula) is None
    assert math_segment(formula) == ("math", formula)


@pytest.mark.parametrize(
    ("formula", "reason"),
    [
        (r"\input{/etc/passwd}", r"the macro \input"),
        (r"\href{javascript:alert(1)}{x}", r"the macro \href"),
        (r"x \openin1", r"the macro \openin"),
        (r"^^5cinput", "a ^^ character escape"),
        ("x % comment", "a comment sign %"),
        ("#1", "a parameter sign #"),
        ("a$b", "a dollar sign"),
        ("a\x00b", "a NUL"),
        ("a\x07b", "the control character U+0007"),
        ("{x", "an unbalanced {"),
        ("x}{", "an unbalanced }"),
        ("x \\", "a trailing backslash"),
        (r"x \@ y", r"the control symbol \@"),
        ("x" * (MAX_MATH_LENGTH + 1), f"a formula of {MAX_MATH_LENGTH + 1} characters (at most {MAX_MATH_LENGTH})"),
    ],
)
def test_refused_math_is_shown_as_its_source(formula, reason):
    assert refusal(formula) == reason
    assert math_segment(formula) == ("text", f"${formula}$")


def test_the_length_limit_is_inclusive():
    assert refusal("x" * MAX_MATH_LENGTH) is None


def test_a_field_keeps_allowed_math_and_shows_refused_math_as_text():
    rich = latex_to_rich(r"Safe $\alpha$ and unsafe $\input{x}$.")
    kinds = [(segment.kind, segment.text) for segment in rich if segment.kind == "math" or "$" in segment.text]
    assert ("math", r"\alpha") in kinds
    assert any(kind == "text" and "input" in text for kind, text in kinds)
    assert not any(kind == "math" and "input" in text for kind, text in kinds)


def test_refusals_name_each_refused_formula_and_its_reason():
    messages = refusals(r"$\alpha$ then $\input{a}$ then $x \% y$ then $\def\x{1}$", latex_to_rich)
    assert messages == [
        r"math $\input{a}$ uses the macro \input, which data may not use; shown as text",
        r"math $\def\x{1}$ uses the macro \def, which data may not use; shown as text",
    ]
    assert refusals("no math here", latex_to_rich) == []
    long = "y" * 80
    assert refusals(f"$\\input{{{long}}}$", latex_to_rich) == [
        f"math ${(chr(92) + 'input{' + long)[:57]}...$ uses the macro \\input, which data may not use; shown as text"
    ]


def test_refusals_find_math_in_every_delimiter():
    for field in (r"see \(\input{a}\)", r"see \[\input{a}\]", r"see $\input{a}$"):
        assert refusals(field, latex_to_rich) == [
            r"math $\input{a}$ uses the macro \input, which data may not use; shown as text"
        ], field


def test_refusals_shorten_only_formulas_over_60_characters():
    exact = "\\input{" + "y" * 52 + "}"  # 60 characters: shown whole
    assert len(exact) == 60
    assert refusals(f"${exact}$", latex_to_rich) == [
        f"math ${exact}$ uses the macro \\input, which data may not use; shown as text"
    ]


def test_a_refused_formula_outside_a_collection_in_a_new_thread():
    """math_segment works in a thread that never collected refusals (Sphinx's parallel reads)."""
    import threading

    results = []
    thread = threading.Thread(target=lambda: results.append(math_segment(r"\input{x}")))
    thread.start()
    thread.join()
    assert results == [("text", r"$\input{x}$")]


def test_a_refused_formula_is_plain_text_without_backslashes_or_braces():
    """No math renderer on the page can read it as math; the warning quotes the source."""
    from sphinx_scholar.records.richtext import latex_to_rich, refused_math

    source = r"see $\input{/etc/passwd}$ and \(\catcode`\^=7\) now"
    assert [(s.kind, s.text) for s in latex_to_rich(source)] == [
        ("text", "see $input/etc/passwd$ and $catcode`^=7$ now")
    ]
    assert refused_math(source) == (r"\input{/etc/passwd}", r"\catcode`\^=7")
