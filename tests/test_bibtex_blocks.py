"""Entry-by-entry re-parsing gives exactly what a whole-file parse gives."""

from __future__ import annotations

import pytest

from sphinx_scholar.loaders.bibtex import parse_bibliography
from sphinx_scholar.loaders.bibtex_blocks import parse_by_blocks, split_blocks

BASE = """% a comment line
@string{ venue = "Proc. Venue" }

@inproceedings{a2020,
  title = {First {BERT}},
  author = {Picard, David and Zhu, Yue},
  booktitle = venue,
  year = 2020,
}

@article{b2021,
  title = {Second @ home},
  author = {Mary, J{\\'e}r{\\'e}mie},
  journal = {J},
  year = 2021,
}
@misc{c2019, title = {Third}, year = 2019}
"""

EDITS = {
    "title changed": lambda t: t.replace("Second @ home", "Second, edited"),
    "lines inserted above": lambda t: t.replace("% a comment line", "% a comment line\n\n\n"),
    "entry added": lambda t: t + "\n@article{d2022, title={Fourth}, year=2022}\n",
    "entry removed": lambda t: t.replace("@misc{c2019, title = {Third}, year = 2019}", ""),
    "duplicate key added": lambda t: t + "\n@article{a2020, title={Again}, year=2022}\n",
    "macro changed": lambda t: t.replace("Proc. Venue", "Proceedings of Venue"),
    "undefined macro": lambda t: t.replace("journal = {J}", "journal = nojournal"),
}


def signature(result):
    entries, problems = result
    return (
        [(e.key, e.line, e.index, e.title, e.venue, e.digest, e.bibtex) for e in entries],
        [(p.subtype, p.line, p.text) for p in problems],
    )


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_warm_reparse_equals_whole_parse(edit):
    cache: dict = {}
    first = parse_by_blocks(BASE, "x.bib", parse_bibliography, cache)
    assert signature(first) == signature(parse_bibliography(BASE, "x.bib"))
    assert len(cache) == 3  # filled from the cold, whole-file parse
    edited = EDITS[edit](BASE)
    warm = parse_by_blocks(edited, "x.bib", parse_bibliography, cache)
    assert signature(warm) == signature(parse_bibliography(edited, "x.bib"))


def test_a_missing_brace_never_swallows_the_next_entries():
    broken = BASE.replace("title = {Second @ home},", "title = {Second @ home,")
    cold = parse_by_blocks(broken, "x.bib", parse_bibliography, {})
    assert [e.key for e in cold[0]] == ["a2020", "b2021", "c2019"]
    assert cold[0][2].title.plain == "Third" and cold[0][2].line == 17
    syntax = [p for p in cold[1] if p.subtype == "bibtex-syntax"]
    assert len(syntax) == 1 and syntax[0].entry_line == 11 and "not closed" in syntax[0].text
    cache: dict = {}
    parse_by_blocks(BASE, "x.bib", parse_bibliography, cache)
    assert signature(parse_by_blocks(broken, "x.bib", parse_bibliography, cache)) == signature(cold)


def test_only_changed_blocks_are_parsed_again():
    cache: dict = {}
    parse_by_blocks(BASE, "x.bib", parse_bibliography, cache)
    calls: list[str] = []

    def counting(text, path):
        calls.append(text)
        return parse_bibliography(text, path)

    parse_by_blocks(EDITS["title changed"](BASE), "x.bib", counting, cache)
    entry_parses = [c for c in calls if "@article" in c or "@misc" in c or "@inproceedings" in c]
    assert len(entry_parses) == 1 and "Second, edited" in entry_parses[0]


def test_at_sign_inside_a_value_does_not_split_an_entry():
    kinds = [(line, kind) for line, kind, _ in split_blocks(BASE)]
    assert kinds == [(2, "string"), (4, "inproceedings"), (11, "article"), (17, "misc")]
