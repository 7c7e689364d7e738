"""Matching a site owner's or member's name forms against authors as exports
write them (selection/names.py), below the build level."""

from __future__ import annotations

import pytest

from sphinx_scholar.records.publication import Author
from sphinx_scholar.selection.names import NameMatcher, NamePattern


def _is(pattern: str, first: str, last: str, von: str = "") -> bool:
    return NamePattern.parse(pattern).matches(Author(first=first, von=von, last=last))


@pytest.mark.parametrize(
    ("pattern", "first", "last"),
    [
        ("Anne-Marie Dupont", "AM", "Dupont"),  # Google Scholar's run of initials
        ("Anne-Marie Dupont", "A.M.", "Dupont"),
        ("Anne-Marie Dupont", "A. M.", "Dupont"),
        ("Anne Marie Dupont", "A.~M.", "Dupont"),
        ("Anne Marie Dupont", "AMD", "Dupont"),  # three initials, one is ignored by zip
        ("Zijian Zhang", "Zi-Jian", "Zhang"),
        ("Zijian Zhang", "ZJ", "Zhang"),
        ("David Picard", "D.", "Picard"),
        ("David Picard", "David", "Picard"),
        ("J. R. R. Tolkien", "John Ronald Reuel", "Tolkien"),
        ("Hernando Martínez Vergara", "Vergara Hernando", "Martinez"),  # bioRxiv's reordering
    ],
)
def test_name_forms_that_match(pattern, first, last):
    assert _is(pattern, first, last)


@pytest.mark.parametrize(
    ("pattern", "first", "last"),
    [
        ("Zijian Zhang", "Zi", "Zhang"),  # two letters alone could be a name
        ("David Picard", "Daniel", "Picard"),
        ("David Picard", "E.", "Picard"),
        ("Anne-Marie Dupont", "AB", "Dupont"),
        ("Anne-Marie Dupont", "A.B.", "Dupont"),
        ("David Picard", "David", "Picardi"),
        ("Ada Lovelace Byron", "Byron Ada", "Lovelac"),
    ],
)
def test_name_forms_that_do_not_match(pattern, first, last):
    assert not _is(pattern, first, last)


def test_two_letter_given_names():
    # "Am" alone is a run of initials A. M. when it could not be a name of the pattern ...
    assert _is("A. M. Dupont", "Am", "Dupont")
    # ... and a name whose initial is the pattern's ("A." is "Am"'s initial).
    assert _is("A. Dupont", "Am", "Dupont")
    # Lower-case two letters among other words are a name, not initials.
    assert not _is("A. M. Dupont", "Am Bo", "Dupont")


def test_initials_need_upper_case_letters_only():
    assert _is("Anne Marie Dupont", "AM", "Dupont")
    assert not _is("Anne Marie Dupont", "Amx", "Dupont")  # not a run of initials: one name "Amx"
    assert not _is("Anne Marie Dupont", "A1", "Dupont")
    assert _is("Anne Marie Dupont", "A.-M.", "Dupont")  # the hyphen and dots are not letters


def test_von_parts_and_others():
    assert _is("John von Neumann", "John", "Neumann", von="von")
    assert _is("John von Neumann", "John", "Neumann")
    assert not NamePattern.parse("A. Dupont").matches(Author(others=True))


def test_matcher_returns_the_value_of_the_first_matching_variant():
    matcher = NameMatcher([("D. Picard", "david"), ("Dan Picard", "dan"), ("", "nobody"), ("  ", "nobody")])
    assert bool(matcher)
    assert matcher.match(Author(first="David", last="Picard")) == "david"
    assert matcher.match(Author(first="Daniel", last="Picard")) == "david"  # D. is Daniel's initial too
    assert matcher.match(Author(first="E.", last="Picard")) is None
    assert matcher.match(Author(first="D.", last="")) is None
    assert matcher.match(Author(others=True)) is None
    assert not NameMatcher([("", 1)])
    assert NameMatcher().match(Author(first="D.", last="Picard")) is None


def test_matcher_finds_reordered_long_names_by_any_of_their_names():
    matcher = NameMatcher([("Hernando Martínez Vergara", "hmv")])
    assert matcher.match(Author(first="Vergara Hernando", last="Martinez")) == "hmv"
    assert matcher.match(Author(first="Hernando", last="Martínez Vergara")) == "hmv"
    assert NameMatcher([("Ana Li", "x")]).match(Author(first="Li", last="Ana")) is None  # two names: never reordered
