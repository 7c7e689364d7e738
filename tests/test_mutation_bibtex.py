"""Fast tests of the BibTeX loaders (``bibtex``, ``bibtex_blocks``) and of the citation-count
sidecar (``citations``), written to kill mutmut's surviving mutants (CONTRIBUTING.md, "Mutation
testing"): text or a small file in, records and located problems out, no Sphinx build.

They assert whole values (a problem's subtype, message, line and entry line; a record's fields),
so that a change a user would see fails a test here.
"""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest

from sphinx_scholar.loaders import bibtex
from sphinx_scholar.loaders.bibtex import load_bibliography, parse_bibliography
from sphinx_scholar.loaders.bibtex_blocks import parse_by_blocks, split_blocks
from sphinx_scholar.loaders.citations import MAX_BYTES, CitationCounts, load_citation_counts, stale_problem


def located(problems):
    return [(p.subtype, p.message, p.line, p.column, p.entry_line) for p in problems]


# -- citations.json ----------------------------------------------------------------------------


def write_json(tmp_path, value, name="citations.json"):
    path = tmp_path / name
    path.write_text(value if isinstance(value, str) else json.dumps(value), encoding="utf-8")
    return path


def test_citation_counts_keep_the_whole_numbers_and_name_the_others(tmp_path):
    path = write_json(
        tmp_path,
        {
            "format": 1,
            "as_of": "2026-11-25T10:00:00",
            "complete": False,
            "entries": {
                "a": {"citations": 12, "as_of": "2026-11-20"},
                "b": 7,
                "c": {"citations": None},
                "d": {"citations": -1},
                "e": {"citations": True},
                "f": {"citations": "3"},
                "g": {"citations": 2.5},
                "h": {"citations": 0, "as_of": "not a date"},
                "i": None,
            },
        },
    )
    counts = load_citation_counts(path)
    assert (counts.path, counts.exists, dict(counts.counts), counts.as_of, counts.complete) == (
        str(path),
        True,
        {"a": 12, "b": 7, "h": 0},
        "2026-11-25",
        False,
    )
    assert located(counts.problems) == [
        (
            "citations-file",
            "4 citation count(s) are not whole numbers ≥ 0 ('d', 'e', 'f' ...); ignored",
            None,
            None,
            None,
        )
    ]
    assert counts.problems[0].path == str(path)


def test_citation_counts_name_up_to_three_bad_keys_without_an_ellipsis(tmp_path):
    path = write_json(tmp_path, {"entries": {"x": -2, "y": "many", "z": 1, "w": [1]}})
    counts = load_citation_counts(path)
    assert dict(counts.counts) == {"z": 1}
    assert [p.message for p in counts.problems] == [
        "3 citation count(s) are not whole numbers ≥ 0 ('x', 'y', 'w'); ignored"
    ]
    # No "complete" key: a complete run; no dates at all: an unknown date.
    assert (counts.complete, counts.as_of) == (True, "")


def test_citation_counts_date_is_the_oldest_entry_without_a_run_date(tmp_path):
    path = write_json(
        tmp_path,
        {
            "as_of": 20261125,
            "complete": 0,
            "entries": {
                "a": {"citations": 1, "as_of": "2026-11-20"},
                "b": {"citations": 2, "as_of": "2026-10-02T08:00"},
                "c": {"citations": 3, "as_of": 5},
            },
        },
    )
    counts = load_citation_counts(path)
    # Only `false` says incomplete (0 is not false here).
    assert (counts.as_of, counts.complete, counts.problems) == ("2026-10-02", True, ())
    assert dict(counts.counts) == {"a": 1, "b": 2, "c": 3}


def test_a_missing_sidecar_is_empty_and_no_problem(tmp_path):
    counts = load_citation_counts(tmp_path / "citations.json")
    assert counts == CitationCounts(str(tmp_path / "citations.json"))
    assert (counts.exists, dict(counts.counts), counts.as_of, counts.complete, counts.problems) == (
        False,
        {},
        "",
        True,
        (),
    )


def test_a_sidecar_that_cannot_be_read_is_one_problem(tmp_path):
    folder = tmp_path / "citations.json"
    folder.mkdir()  # reading a folder is an OSError other than FileNotFoundError
    counts = load_citation_counts(folder)
    assert (counts.exists, dict(counts.counts), counts.as_of) == (True, {}, "")
    assert located(counts.problems) == [
        ("citations-file", "cannot read the citation counts: Is a directory", None, None, None)
    ]
    assert counts.path == counts.problems[0].path == str(folder)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xff{}", ("citations-file", "citation counts file is not UTF-8; ignored", 1, None, None)),
        (
            b'{\n  "entries": {,}\n}',
            (
                "citations-file",
                "citation counts file is not valid JSON (Expecting property name enclosed in double quotes); ignored",
                2,
                15,
                None,
            ),
        ),
        (
            b"[1, 2]",
            (
                "citations-file",
                'citation counts file must hold an object with an "entries" object; ignored',
                1,
                None,
                None,
            ),
        ),
        (
            b'{"entries": [1]}',
            (
                "citations-file",
                'citation counts file must hold an object with an "entries" object; ignored',
                1,
                None,
                None,
            ),
        ),
        (
            b'{"format": 2, "entries": {"a": 1}}',
            ("citations-file", "citation counts file has format 2, this version reads 1; ignored", 1, None, None),
        ),
        (
            b'{"format": "1", "entries": {"a": 1}}',
            ("citations-file", "citation counts file has format '1', this version reads 1; ignored", 1, None, None),
        ),
    ],
    ids=["not-utf8", "not-json", "not-object", "entries-not-object", "format-2", "format-text"],
)
def test_a_sidecar_that_is_ignored_says_why_where(tmp_path, content, expected):
    path = tmp_path / "citations.json"
    path.write_bytes(content)
    counts = load_citation_counts(path)
    assert (counts.exists, dict(counts.counts), counts.as_of, counts.complete) == (True, {}, "", True)
    assert located(counts.problems) == [expected]
    assert counts.problems[0].path == counts.path == str(path)


def test_dates_that_are_not_dates_are_no_dates(tmp_path):
    path = write_json(
        tmp_path,
        {
            "as_of": "soon",
            "entries": {"a": {"citations": 1, "as_of": "later"}, "b": {"citations": 2, "as_of": "2026-03-04"}},
        },
    )
    assert load_citation_counts(path).as_of == "2026-03-04"
    path = write_json(tmp_path, {"as_of": "2026-13-01", "entries": {"a": {"citations": 1, "as_of": "2026-02-30"}}})
    assert load_citation_counts(path).as_of == ""


def test_a_sidecar_without_entries_is_empty_and_valid(tmp_path):
    counts = load_citation_counts(write_json(tmp_path, {"as_of": "2026-01-02"}))
    assert (counts.exists, dict(counts.counts), counts.as_of, counts.problems) == (True, {}, "2026-01-02", ())


def test_the_size_limit_of_a_sidecar_at_its_edge(tmp_path):
    assert MAX_BYTES == 20 * 2**20
    document = b'{"entries": {"a": 1}}'
    path = tmp_path / "citations.json"
    path.write_bytes(document + b" " * (MAX_BYTES - len(document)))  # exactly the limit: read
    assert dict(load_citation_counts(path).counts) == {"a": 1}
    path.write_bytes(document + b" " * (MAX_BYTES + 1 - len(document)))  # one byte more: refused
    counts = load_citation_counts(path)
    assert dict(counts.counts) == {}
    assert located(counts.problems) == [
        ("citations-file", "citation counts file larger than 20 MB; ignored", None, None, None)
    ]
    assert counts.path == counts.problems[0].path == str(path)


def test_stale_counts_are_one_problem_past_their_age():
    today = dt.date(2026, 11, 25)
    fresh = CitationCounts("c.json", True, as_of="2026-10-26")  # 30 days old
    assert stale_problem(fresh, today, 30) is None
    old = CitationCounts("c.json", True, as_of="2026-10-25")  # 31 days old
    problem = stale_problem(old, today, 30)
    assert (problem.subtype, problem.message, problem.path, problem.line) == (
        "citations-stale",
        "citation counts are 31 days old (as of 2026-10-25, more than scholar_citations_max_age = 30); "
        "run `sphinx-scholar sync`",
        "c.json",
        None,
    )
    undated = stale_problem(CitationCounts("c.json", True), today, 30)
    assert (undated.subtype, undated.message, undated.path) == (
        "citations-stale",
        'citation counts have no "as_of" date; run `sphinx-scholar sync`',
        "c.json",
    )
    # No file, a limit of 0 (never stale), or a file already reported: nothing more to say.
    assert stale_problem(CitationCounts("c.json", False, as_of="2000-01-01"), today, 30) is None
    assert stale_problem(old, today, 0) is None
    assert stale_problem(CitationCounts("c.json", True), today, 0) is None
    assert stale_problem(old, today, 1) is not None
    assert stale_problem(CitationCounts("c.json", True, as_of="2000-01-01", problems=(problem,)), today, 30) is None


# -- bibtex_blocks: entry-by-entry re-parsing ---------------------------------------------------


def signature(result):
    entries, problems = result
    return (
        [(e.key, e.line, e.index, e.source, e.title.text, e.venue.text, e.digest, e.bibtex) for e in entries],
        [(p.subtype, p.message, p.path, p.line, p.entry_line) for p in problems],
    )


def counting():
    """``parse_bibliography``, counting the texts it is given."""
    calls: list[str] = []

    def parse(text, path):
        calls.append(text)
        return parse_bibliography(text, path)

    return parse, calls


def reparse(old: str, new: str, path: str = "x.bib"):
    """Parse ``old`` (cold), then ``new`` with the cache ``old`` left: check it equals a whole parse."""
    cache: dict = {}
    parse_by_blocks(old, path, parse_bibliography, cache)
    parse, calls = counting()
    warm = parse_by_blocks(new, path, parse, cache)
    assert signature(warm) == signature(parse_bibliography(new, path))
    return warm, calls, cache


MACROS = """\
@string{conf = "Proc. Conf"}
@preamble{"\\newcommand{\\noopsort}[1]{} \\newcommand{\\lab}{Lab}"}
@string{bad = undefinedmacro}

@misc{a, title={\\noopsort{z}\\lab{} Alpha}, booktitle=conf, year=2020}
@misc{b, title={Beta}, year=2021}
@misc{c, title={Gamma}, note=bad}
"""


def test_a_warm_reparse_reports_a_bad_string_once_at_its_line():
    # The bug: the @string's problem came twice after an edit, once at a line of the
    # concatenated @string text (1) instead of the file's (3).
    warm, _, _ = reparse(MACROS, MACROS.replace("Beta", "Beta, edited"))
    assert [(p.subtype, p.message, p.line, p.entry_line) for p in warm[1]] == [
        ("bibtex-macro", "undefined string: undefinedmacro (the field is left empty)", 3, 3),
        ("bibtex-missing-field", "entry 'c' has no year", 7, None),
    ]
    assert [(e.key, e.title.text, e.venue.text, e.line) for e in warm[0]] == [
        ("a", "Lab Alpha", "Proc. Conf", 5),
        ("b", "Beta, edited", "", 6),
        ("c", "Gamma", "", 7),
    ]
    # An entry that uses the @preamble's commands, parsed again on its own.
    warm, _, _ = reparse(MACROS, MACROS.replace("Alpha", "Alpha 2"))
    assert warm[0][0].title.text == "Lab Alpha 2"
    # The @string block after an entry: its problem is not stored with that entry.
    moved = "@misc{a, title={A}}\n\n@string{x = nothere}\n@misc{b, title={B}, year=2021}\n"
    warm, _, _ = reparse(moved, moved.replace("{B}", "{B2}"))
    assert [(p.subtype, p.message, p.line, p.entry_line) for p in warm[1]] == [
        ("bibtex-missing-field", "entry 'a' has no year", 1, None),
        ("bibtex-macro", "undefined string: nothere (the field is left empty)", 3, 3),
    ]


def test_the_cold_parse_fills_the_cache_block_by_block():
    cache: dict = {}
    parse, calls = counting()
    cold = parse_by_blocks(MACROS, "x.bib", parse, cache)
    assert len(calls) == 1  # balanced braces and nothing cached: the whole file at once
    assert signature(cold) == signature(parse_bibliography(MACROS, "x.bib"))
    # One record per entry block, lines counted from the block's first line; the problems
    # of each entry stored with it (the @string's one is found again by each parse).
    stored = [
        ([(e.key, e.line) for e in entries], [(p.subtype, p.line) for p in problems])
        for entries, problems in cache.values()
    ]
    assert stored == [
        ([("a", 0)], []),
        ([("b", 0)], []),
        ([("c", 0)], [("bibtex-missing-field", 0)]),
    ]
    # Nothing changed: no entry is parsed again, and the cache keeps real records.
    parse, calls = counting()
    again = parse_by_blocks(MACROS, "x.bib", parse, cache)
    assert signature(again) == signature(cold)
    assert [c for c in calls if "@misc" in c] == []
    assert all(isinstance(value, tuple) and len(value) == 2 for value in cache.values())


def test_two_entries_in_one_block_keep_their_own_lines():
    # The second "@" is not at the start of a line: both entries are one block.
    text = "@misc{a, title={A},\n year=2020} @misc{b, title={B}}\n@misc{c, title={C}, year=2022}\n"
    assert [(line, kind) for line, kind, _ in split_blocks(text)] == [(1, "misc"), (3, "misc")]
    warm, calls, _ = reparse(text, text.replace("{A}", "{A2}"))
    assert [(e.key, e.title.text) for e in warm[0]] == [("a", "A2"), ("b", "B"), ("c", "C")]
    warm, calls, _ = reparse(text, text.replace("{C}", "{C2}"))
    assert [(e.key, e.line) for e in warm[0]] == [("a", 1), ("b", 2), ("c", 3)]
    assert [(line, kind) for line, kind, _ in split_blocks(text)] == [(1, "misc"), (3, "misc")]
    assert [(p.subtype, p.message, p.line) for p in warm[1]] == [("bibtex-missing-field", "entry 'b' has no year", 2)]
    assert len([c for c in calls if "@misc" in c]) == 1


def test_half_the_blocks_cached_is_enough_to_reparse_block_by_block():
    text = "@misc{a, title={A}, year=2020}\n@misc{b, title={B}, year=2021}\n"
    _, calls, _ = reparse(text, text.replace("{B}", "{B2}"))  # 1 of 2 cached
    assert calls == ["@misc{b, title={B2}, year=2021}\n"]
    three = text + "@misc{c, title={C}, year=2022}\n"
    _, calls, _ = reparse(three, three.replace("{B}", "{B2}").replace("{C}", "{C2}"))  # 1 of 3 cached
    assert calls == [three.replace("{B}", "{B2}").replace("{C}", "{C2}")]


def test_crossrefs_are_reparsed_with_their_parent():
    text = (
        "@inproceedings{p1, title={P1}, crossref={PROC}, author={Roe, R.}}\n"
        "@inproceedings{p2, title={P2}, crossref={proc}, year={2019}, publisher={X}}\n"
        "@proceedings{Proc, title={The Proceedings}, year={2020}, publisher={Pub}}\n"
        "@misc{self, title={S}, crossref={self}, year={2018}}\n"
        "@misc{m, title={M}, year={2017}}\n"
        "@misc{n, title={N}, year={2016}}\n"
        "@misc{o, title={O}, year={2015}}\n"
    )
    edited = text.replace("The Proceedings", "The New Proceedings")
    warm, calls, _ = reparse(text, edited)
    assert [(e.key, e.venue.text, e.year) for e in warm[0]] == [
        ("p1", "The New Proceedings", 2020),
        ("p2", "The New Proceedings", 2019),
        ("Proc", "Pub", 2020),
        ("self", "S", 2018),  # its own title as its booktitle, as in a whole parse
        ("m", "", 2017),
        ("n", "", 2016),
        ("o", "", 2015),
    ]
    # The parent and its two children are parsed again, each child with its parent after it.
    assert len(calls) == 3 and all("The New Proceedings" in c for c in calls)
    warm, calls, _ = reparse(text, text.replace("{P2}", "{P2b}"))
    assert [e.title.text for e in warm[0]][:2] == ["P1", "P2b"]
    assert calls == [
        "@inproceedings{p2, title={P2b}, crossref={proc}, year={2019}, publisher={X}}\n"
        "@proceedings{Proc, title={The Proceedings}, year={2020}, publisher={Pub}}\n"
    ]


def test_problems_of_a_child_are_kept_and_those_of_its_parent_reported_once():
    text = (
        '@string{s = "S"}\n'
        "@weird{kid, title={Kid}, crossref={par}}\n"
        "@proceedings{par, title={Parent}}\n"
        "@misc{m, title={M}, year={2017}}\n"
        "@misc{orphan, title={O}, year={2016}, crossref={nowhere}}\n"
        "@misc{n1, title={N1}, year={2015}}\n@misc{n2, title={N2}, year={2015}}\n@misc{n3, title={N3}, year={2015}}\n"
    )
    parse, calls = counting()
    cache: dict = {}
    parse_by_blocks(text, "x.bib", parse_bibliography, cache)
    edited = text.replace("{M}", "{M2}").replace("{Kid}", "{Kid2}").replace("{O}", "{O2}")
    warm = parse_by_blocks(edited, "x.bib", parse, cache)
    assert len(calls) == 4  # the @string once, then kid (with its parent), m and orphan: block by block
    assert signature(warm) == signature(parse_bibliography(edited, "x.bib"))
    assert [(p.subtype, p.message, p.line) for p in warm[1]] == [
        ("bibtex-type", "entry 'kid': unknown entry type @weird; shown as @misc", 2),
        ("bibtex-missing-field", "entry 'kid' has no year", 2),
        ("bibtex-missing-field", "entry 'par' has no year", 3),
        ("bibtex-crossref", "entry 'orphan': crossref to unknown entry 'nowhere'", 5),
    ]


def test_duplicate_keys_are_renamed_the_same_way_block_by_block():
    text = "@misc{ab, title={ab}, year=2020}\n@misc{x, title={X}, year=2020}\n@misc{y, title={Y}, year=2020}\n"
    dups = "@misc{ab, title={ab 2}, year=2021}\n@misc{ab, title={ab 3}, year=2022}\n"
    warm, _, cache = reparse(text, text + dups)
    assert [e.key for e in warm[0]] == ["ab", "x", "y", "ab-2", "ab-3"]
    assert warm[0][3].bibtex.splitlines()[0] == "@misc{ab-2,"
    assert "title = {ab 2}" in warm[0][3].bibtex
    # A whole parse with renamed keys is not stored (the names would go stale), so the
    # lines of "first defined at line N" follow an edit above them.
    cache = {}
    parse_by_blocks(text + dups, "x.bib", parse_bibliography, cache)
    assert cache == {}
    moved = "\n\n" + text + dups
    warm = parse_by_blocks(moved, "x.bib", parse_bibliography, cache)
    assert signature(warm) == signature(parse_bibliography(moved, "x.bib"))
    assert warm[1][0].message == (
        "duplicate key 'ab' (first defined at line 3); this entry is shown under the key 'ab-2'"
    )


def test_an_unclosed_brace_then_blank_lines_and_an_upper_case_entry():
    text = "@misc{a, title={A, year=2020}\n\n\n@ARTICLE{b, title={B}, year=2021}\n@misc{c, title={C}, year=2022}\n"
    parse, calls = counting()
    cold = parse_by_blocks(text, "x.bib", parse, {})
    assert [(e.key, e.line) for e in cold[0]] == [("a", 1), ("b", 4), ("c", 5)]
    assert len(calls) == 3  # forced block by block: each entry alone
    assert [(p.subtype, p.message, p.line, p.entry_line) for p in cold[1]] == [
        ("bibtex-missing-field", "entry 'a' has no title; its key is shown instead", 1, None),
        ("bibtex-missing-field", "entry 'a' has no year", 1, None),
        (
            "bibtex-syntax",
            "syntax error: a brace or quote is not closed before the next entry; the fields after it are lost",
            2,
            1,
        ),
    ]


def test_text_before_the_first_entry_is_reported_once():
    text = "see foo@bar.org\n@misc{a, title={A}, year=2020}\n\n\n@misc{b, title={B}, year=2021}\n"
    warm, _, _ = reparse(text, text.replace("{B}", "{B2}"))
    assert [(p.subtype, p.message, p.line, p.entry_line) for p in warm[1]] == [
        ("bibtex-syntax", "syntax error: '(' or '{' expected", 2, 1)
    ]


def test_a_repeated_first_entry_after_an_unclosed_brace():
    text = "@misc{a, title={A}}\n@misc{b, title={B, year=1}\n@misc{a, title={A}}\n"
    entries, problems = parse_by_blocks(text, "x.bib", parse_bibliography, {})
    assert [(e.key, e.line) for e in entries] == [("a", 1), ("b", 2), ("a-2", 3)]
    assert [(p.subtype, p.line) for p in problems] == [
        ("bibtex-missing-field", 1),
        ("bibtex-missing-field", 2),
        ("bibtex-missing-field", 2),
        ("bibtex-syntax", 3),
        ("bibtex-missing-field", 3),
        ("bibtex-duplicate-key", 3),
    ]


def test_an_entry_after_an_unclosed_brace_is_looked_for_64_characters_ahead():
    text = "@misc{a, title={A}\n@" + " " * 60 + "misc{c, title={C}}\n@" + " " * 59 + "misc{d, title={D}}\n"
    assert [(line, kind) for line, kind, _ in split_blocks(text)] == [(1, "misc"), (3, "misc")]


def test_blocks_and_their_first_lines():
    assert split_blocks("\n\n@misc{a}\n@{x}\n") == [(3, "misc", "@misc{a}\n"), (4, "", "@{x}\n")]
    # Braces inside values, nested, and a line-start "@" that starts no entry.
    text = "@misc{a, title={{A}\n@ home}}\n@misc{b, title={B}}\n"
    assert [(line, kind) for line, kind, _ in split_blocks(text)] == [(1, "misc"), (3, "misc")]
    assert parse_by_blocks("% only a comment\n", "x.bib", parse_bibliography, {}) == ([], [])
    one = "% head\n@misc{a, title={A}, year=2020}\n"
    warm, _, _ = reparse(one, one.replace("% head", "% head\n"))
    assert [(e.key, e.line) for e in warm[0]] == [("a", 3)]


# -- bibtex: the size bounds at their edges ----------------------------------------------------

MAX_FIELD = bibtex.MAX_FIELD


def bib_problems(problems):
    return [(p.subtype, p.message, p.line, p.entry_line) for p in problems]


def test_a_field_of_exactly_the_limit_is_kept_and_one_character_more_is_cut():
    assert MAX_FIELD == 256 * 1024
    text = "@misc{k, year=2020,\n title={" + "x" * MAX_FIELD + "},\n note={" + "y" * (MAX_FIELD + 1) + "}}\n"
    pubs, problems = parse_bibliography(text, "x.bib")
    fields = dict(pubs[0].fields)
    assert (fields["title"], fields["note"]) == ("x" * MAX_FIELD, "y" * MAX_FIELD)
    assert bib_problems(problems) == [("bibtex-size", "note is longer than 256 KB; it is cut", 3, 1)]


def test_a_field_made_too_long_by_its_macros_is_cut():
    text = '@string{s = "' + "z" * 100_000 + '"}\n\n@misc{k, year=2020, title={T},\n note = s # s # "abc" # s}\n'
    pubs, problems = parse_bibliography(text, "x.bib")
    assert dict(pubs[0].fields)["note"] == "z" * 200_000 + "abc" + "z" * (MAX_FIELD - 200_003)
    # The entry that starts at line 3 (not the @string before it).
    assert bib_problems(problems) == [
        (
            "bibtex-size",
            "note is longer than 256 KB after its @string macros, or the file's macros expand too far; it is cut",
            4,
            3,
        )
    ]
    assert problems[0].text.endswith("; it is cut (in the entry that starts at line 3)")


def test_a_string_longer_than_the_limit_is_cut():
    text = '@string{s = "' + "z" * (MAX_FIELD + 5) + '"}\n@misc{k, year=2020, title={T}, note = s}\n'
    pubs, problems = parse_bibliography(text, "x.bib")
    assert dict(pubs[0].fields)["note"] == "z" * MAX_FIELD
    assert bib_problems(problems) == [("bibtex-size", "s is longer than 256 KB; it is cut", 1, 1)]


def chain():
    """@strings s0..s5 of 1, 10, ..., 100,000 characters; defining them expands 111,110 characters."""
    text = '@string{s0 = "x"}\n'
    for k in range(1, 6):
        text += f"@string{{s{k} = {' # '.join([f's{k - 1}'] * 10)}}}\n"
    return text, 111_110


def spend(amount: int) -> list[str]:
    """Field values made of the chain's macros that expand to ``amount`` characters in all."""
    values = []
    while amount >= 200_000:
        values.append("s5 # s5")
        amount -= 200_000
    parts = []
    for k in range(5, -1, -1):
        count, amount = divmod(amount, 10**k)
        parts += [f"s{k}"] * count
    return [*values, " # ".join(parts)]


def test_the_macro_budget_of_a_small_file_is_spent_to_the_last_character():
    assert bibtex.EXPANSION_FLOOR == 1024 * 1024
    head, spent = chain()
    values = spend(bibtex.EXPANSION_FLOOR - spent)
    fields = "".join(f"  f{n} = {value},\n" for n, value in enumerate(values))
    text = head + "@misc{k, title={T}, year=2020,\n" + fields + "  last = s0 # {written} # s0,\n}\n"
    assert 16 * len(text) < bibtex.EXPANSION_FLOOR  # the floor is the budget
    pubs, problems = parse_bibliography(text, "x.bib")
    found = dict(pubs[0].fields)
    # Every macro character up to the budget is kept; then macros expand to nothing, written text stays.
    assert sum(len(found[f"f{n}"]) for n in range(len(values))) == bibtex.EXPANSION_FLOOR - spent
    assert found["last"] == "written"
    assert bib_problems(problems) == [
        (
            "bibtex-size",
            "last is longer than 256 KB after its @string macros, or the file's macros expand too far; it is cut",
            len(text.splitlines()) - 1,
            7,
        )
    ]


def test_the_macro_budget_of_a_large_file_is_sixteen_times_its_text():
    assert bibtex.EXPANSION_FACTOR == 16
    text = '@string{big = "' + "y" * 200_000 + '"}\n@misc{k, title={T}, year=2020,\n'
    text += "".join(f"  f{n} = big,\n" for n in range(16)) + "  last = big,\n}\n"
    budget = 16 * len(text)
    assert budget > bibtex.EXPANSION_FLOOR
    pubs, problems = parse_bibliography(text, "x.bib")
    found = dict(pubs[0].fields)
    assert [len(found[f"f{n}"]) for n in range(16)] == [200_000] * 16
    assert len(found["last"]) == budget - 16 * 200_000
    assert [(p.subtype, p.line) for p in problems] == [("bibtex-size", 19)]


# -- bibtex: records and problems --------------------------------------------------------------


def test_entries_without_a_key_are_numbered():
    pubs, problems = parse_bibliography("@misc{, title={A}, year=2020}\n@misc{, title={B}, year=2020}\n", "x.bib")
    assert [p.key for p in pubs] == ["unnamed-1", "unnamed-2"]
    assert [(p.subtype, p.message, p.line) for p in problems if "without a key" in p.message] == [
        ("bibtex-syntax", "entry without a key; shown as 'unnamed-1'", 1),
        ("bibtex-syntax", "entry without a key; shown as 'unnamed-2'", 2),
    ]


def test_bad_and_empty_names_are_located_problems():
    pubs, problems = parse_bibliography(
        "@misc{k, title={A}, year=2020,\n author={A, B, C, D and E, F and {} and ,}}\n", "x.bib"
    )
    assert [(a.first, a.last) for a in pubs[0].authors] == [("C D", "A"), ("F", "E")]
    assert bib_problems(problems) == [
        ("bibtex-name", "Too many commas in 'A, B, C, D'", 1, None),
        ("bibtex-name", "entry 'k': empty author name '{}' skipped", 1, None),
        ("bibtex-name", "entry 'k': empty author name '' skipped", 1, None),
    ]


def test_marks_at_the_end_of_a_long_name_and_bare_daggers():
    pubs, _ = parse_bibliography(
        r"@misc{k, title={T}, year={2020}, author={Doe*, J and Naked\dagger, N and Both\ddagger\dagger, B}}", "x.bib"
    )
    assert [(a.last, a.first, a.marks) for a in pubs[0].authors] == [
        ("Doe", "J", "*"),
        ("Naked", "N", "\u2020"),
        ("Both", "B", "\u2020\u2021"),
    ]


def test_line_ends_inside_a_value_are_spaces():
    pubs, _ = parse_bibliography("@misc{k, title={A\r\nB\rC}, year=2020}", "x.bib")
    assert pubs[0].title.text == "A B C"


def test_a_refused_formula_is_a_math_problem_of_its_field():
    pubs, problems = parse_bibliography("@misc{k, title={A $\\input{x}$ b}, year=2020, eprint={$\\input{y}$}}", "x.bib")
    assert [(p.subtype, p.message, p.line) for p in problems] == [
        (
            "math",
            "entry 'k': title: math $\\input{x}$ uses the macro \\input, which data may not use; shown as text",
            1,
        )
    ]
    assert problems[0].path == "x.bib"
    # Fields with LaTeX the tokenizer decodes are carried decoded; identifiers never are.
    assert [name for name, _ in pubs[0].decoded] == ["title"]
    assert pubs[0].decoded[0][1].text == pubs[0].title.text


@pytest.mark.parametrize("entry_type", ["article", "periodical"])
def test_a_journal_article_prefers_the_publisher_to_howpublished(entry_type):
    pubs, _ = parse_bibliography(
        f"@{entry_type}{{k, title={{T}}, year=2020, howpublished={{H}}, publisher={{P}}}}", "x"
    )
    assert pubs[0].venue.text == "P"


@pytest.mark.parametrize("entry_type", ["inproceedings", "conference", "incollection", "inbook", "inreference"])
def test_a_chapter_or_paper_prefers_the_booktitle_to_the_journal(entry_type):
    pubs, _ = parse_bibliography(f"@{entry_type}{{k, title={{T}}, year=2020, journal={{J}}, booktitle={{B}}}}", "x")
    assert pubs[0].venue.text == "B"


@pytest.mark.parametrize(
    ("fields", "venue"),
    [
        ("type={mastersthesis}, school={S}, institution={I}", "Master's thesis, S"),
        ("institution={I}, publisher={P}, number={7}", "I, Technical report 7"),
    ],
)
def test_theses_and_reports_name_their_school_first(fields, venue):
    kind = "mastersthesis" if "school" in fields else "report"
    pubs, _ = parse_bibliography(f"@{kind}{{k, title={{T}}, year=2020, {fields}}}", "x")
    assert pubs[0].venue.text == venue


@pytest.mark.parametrize(
    ("fields", "url"),
    [
        ("arxiv={9905086}, primaryclass={quant-ph}", "https://arxiv.org/abs/quant-ph/9905086"),
        ("arxiv={9905086}, eprintclass={hep-th}", "https://arxiv.org/abs/hep-th/9905086"),
        ("arxivid={9905086}, primaryclass={math.AG}", "https://arxiv.org/abs/math/9905086"),
        ("eprint={9905086}, archiveprefix={arXiv}, primaryclass={cs}", "https://arxiv.org/abs/cs/9905086"),
        ("eprint={9905086}, eprinttype={arxiv}, eprintclass={cond-mat}", "https://arxiv.org/abs/cond-mat/9905086"),
        ("eprint={9905086}, archiveprefix={HAL}", None),
        ("arxiv={9905086}", "https://arxiv.org/abs/9905086"),
    ],
)
def test_an_old_arxiv_number_takes_its_class_from_the_entry(fields, url):
    pubs, _ = parse_bibliography(f"@misc{{k, title={{T}}, year=2020, {fields}}}", "x")
    assert [link.url for link in pubs[0].links if link.kind == "arxiv"] == ([url] if url else [])


@pytest.mark.parametrize("field", ["doi", "code", "supp", "slides", "poster", "video", "blog", "website", "hal"])
def test_a_url_that_repeats_a_later_link_is_not_shown_twice(field):
    value = "10.1/x" if field == "doi" else "https://hal.science/hal-1" if field == "hal" else "https://e.org/a_b"
    url = "https://doi.org/10.1/x" if field == "doi" else value
    pubs, _ = parse_bibliography(f"@misc{{k, title={{T}}, year=2020, url={{{url}}}, {field}={{{value}}}}}", "x")
    assert [(link.kind, link.url) for link in pubs[0].links] == [(field, url)]


def test_a_bibliography_pickles_after_its_table_was_built(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text("@misc{a, title={A}, year=2020}\n", encoding="utf-8")
    bib = load_bibliography(path)
    assert list(bib.by_key) == ["a"]
    copy = __import__("pickle").loads(__import__("pickle").dumps(bib))
    assert copy == bib and copy.by_key["a"].title.text == "A"


# -- bibtex: the caches on disk ----------------------------------------------------------------

THREE = "@misc{a, title={\\emph{Alpha}}, year=2020}\n@misc{b, title={Beta}, year=2021}\n@misc{c, title={Gamma}, year=2022}\n"


def counting_parser(monkeypatch):
    calls: list[str] = []
    real = bibtex.parse_bibliography

    def parse(text, path):
        calls.append(text)
        return real(text, path)

    monkeypatch.setattr(bibtex, "parse_bibliography", parse)
    return calls


def new_process():
    """Forget what this process parsed and decoded, as the next build's process would start."""
    from sphinx_scholar.records import richtext

    bibtex.forget_parsed()
    richtext.forget_decoded()


def test_the_next_build_reads_an_unchanged_file_from_the_disk_cache(tmp_path, monkeypatch):
    from sphinx_scholar.records import richtext

    path, cache = tmp_path / "refs.bib", str(tmp_path / "cache")
    path.write_text(THREE, encoding="utf-8")
    first = load_bibliography(path, cache)
    assert [(name, rich.text) for name, rich in first.entries[0].decoded] == [("title", "Alpha")]
    assert {e.source for e in first.entries} == {str(path)}
    # The records' file alone is enough (without the entry blocks' one).
    for name in os.listdir(cache):
        if name.startswith("blocks-"):
            os.remove(os.path.join(cache, name))
    new_process()
    calls = counting_parser(monkeypatch)
    second = load_bibliography(path, cache)
    assert calls == [] and second == first
    assert load_bibliography(path, cache) is second  # kept in memory too
    # The decoded fields were handed to the decoder: the title is not decoded again, nothing else is changed.
    before = richtext.decoder_calls()
    assert richtext.latex_to_rich("\\emph{Alpha}").text == "Alpha"
    assert richtext.decoder_calls() == before
    assert richtext.latex_to_rich("").text == ""


def test_the_next_build_parses_only_the_edited_entry(tmp_path, monkeypatch):
    path, cache = tmp_path / "refs.bib", str(tmp_path / "cache")
    path.write_text(THREE, encoding="utf-8")
    load_bibliography(path, cache)
    assert sorted(name.split("-")[0] for name in os.listdir(cache)) == ["bib", "blocks"]
    other = tmp_path / "other.bib"
    other.write_text("@misc{o, title={O}, year=2020}\n", encoding="utf-8")
    load_bibliography(other, cache)  # each .bib file has its own cache files
    assert sorted(name.split("-")[0] for name in os.listdir(cache)) == ["bib", "bib", "blocks", "blocks"]
    path.write_text(THREE.replace("Beta", "Beta 2"), encoding="utf-8")
    new_process()
    calls = counting_parser(monkeypatch)
    edited = load_bibliography(path, cache)
    assert [e.title.text for e in edited.entries] == ["Alpha", "Beta 2", "Gamma"]
    assert {e.source for e in edited.entries} == {str(path)}
    assert calls == ["@misc{b, title={Beta 2}, year=2021}\n"]


@pytest.mark.parametrize(("month", "expected"), [("janv.", 1), ("Febr.", 2), ("12.", 12), ("Sept", 9)])
def test_months_by_their_first_letters_and_with_a_dot(month, expected):
    pubs, _ = parse_bibliography(f"@misc{{k, title={{T}}, year={{2020}}, month={{{month}}}}}", "x.bib")
    assert pubs[0].month == expected


def test_an_entry_without_a_title_shows_its_key_as_text():
    from sphinx_scholar.records.richtext import RichText, Segment

    pubs, _ = parse_bibliography("@misc{k, year={2020}}\n@misc{h, title={<i></i>}, year={2020}}", "x.bib")
    assert [p.title for p in pubs] == [RichText((Segment("text", "k"),)), RichText((Segment("text", "h"),))]
