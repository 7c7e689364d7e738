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


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xff{}", ("citations-file", "citation counts file is not UTF-8; ignored", 1, None, None)),
        (
            b'{\n  "entries": {,}\n}',
            ("citations-file", "citation counts file is not valid JSON (Expecting property name enclosed in "
             "double quotes); ignored", 2, 15, None),
        ),
        (
            b"[1, 2]",
            ("citations-file", 'citation counts file must hold an object with an "entries" object; ignored', 1, None,
             None),
        ),
        (
            b'{"entries": [1]}',
            ("citations-file", 'citation counts file must hold an object with an "entries" object; ignored', 1, None,
             None),
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
    assert counts.problems[0].path == str(path)


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
@preamble{"\\newcommand{\\noopsort}[1]{}"}
@string{bad = undefinedmacro}

@misc{a, title={\\noopsort{z}Alpha}, booktitle=conf, year=2020}
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
        ("a", "Alpha", "Proc. Conf", 5),
        ("b", "Beta, edited", "", 6),
        ("c", "Gamma", "", 7),
    ]
    # The @string block after an entry: its problem is not stored with that entry.
    moved = "@misc{a, title={A}, year=2020}\n\n@string{x = nothere}\n@misc{b, title={B}, year=2021}\n"
    warm, _, _ = reparse(moved, moved.replace("{B}", "{B2}"))
    assert [(p.subtype, p.message, p.line, p.entry_line) for p in warm[1]] == [
        ("bibtex-macro", "undefined string: nothere (the field is left empty)", 3, 3)
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
        "@string{s = \"S\"}\n"
        "@weird{kid, title={Kid}, crossref={par}}\n"
        "@proceedings{par, title={Parent}}\n"
        "@misc{m, title={M}, year={2017}}\n"
    )
    warm, _, _ = reparse(text, text.replace("{M}", "{M2}").replace("{Kid}", "{Kid2}"))
    assert [(p.subtype, p.message, p.line) for p in warm[1]] == [
        ("bibtex-type", "entry 'kid': unknown entry type @weird; shown as @misc", 2),
        ("bibtex-missing-field", "entry 'kid' has no year", 2),
        ("bibtex-missing-field", "entry 'par' has no year", 3),
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


def test_blocks_and_their_first_lines():
    assert split_blocks("\n\n@misc{a}\n@{x}\n") == [(3, "misc", "@misc{a}\n"), (4, "", "@{x}\n")]
    # Braces inside values, nested, and a line-start "@" that starts no entry.
    text = "@misc{a, title={{A}\n@ home}}\n@misc{b, title={B}}\n"
    assert [(line, kind) for line, kind, _ in split_blocks(text)] == [(1, "misc"), (3, "misc")]
    assert parse_by_blocks("% only a comment\n", "x.bib", parse_bibliography, {}) == ([], [])
    one = "% head\n@misc{a, title={A}, year=2020}\n"
    warm, _, _ = reparse(one, one.replace("% head", "% head\n"))
    assert [(e.key, e.line) for e in warm[0]] == [("a", 3)]
