"""Fast tests of ``selection/filter.py`` and ``selection/choose.py``, written to kill mutmut's
surviving mutants (CONTRIBUTING.md, "Mutation testing"): records in, values out, no build.

They pin what a page author sees: which entries a ``:filter:`` keeps (every operator, both sides
of each boundary), the exact message of a refused filter (it is the build warning), the order of
each ``:sort:`` and the headings of each ``:group-by:``.
"""

from __future__ import annotations

import pytest

from sphinx_scholar.loaders.bibtex import parse_bibliography
from sphinx_scholar.records.publication import Publication
from sphinx_scholar.selection.choose import (
    GROUPS,
    SORTS,
    TYPE_HEADINGS,
    citation_count,
    group_publications,
    select_publications,
    sort_publications,
)
from sphinx_scholar.selection.filter import MAX_DEPTH, MAX_LENGTH, FilterError, compile_filter


def entries(source: str) -> list[Publication]:
    found, problems = parse_bibliography(source, "x.bib")
    return found


ENTRY = entries(
    "@inproceedings{Key1,\n"
    "  title = {Deep {Nets} for Vision},\n"
    "  author = {Picard, David and de la Fontaine, Jean and others},\n"
    "  booktitle = {CVPR},\n"
    "  year = {2021}, month = mar,\n"
    "  keywords = {CV, Deep Learning},\n"
    "  number = {42}, pages = {7},\n"
    "  code = {https://c.org},\n"
    "  selected = {yes},\n"
    "}\n"
)[0]


def keeps(expression: str, pub: Publication = ENTRY) -> bool:
    return compile_filter(expression)(pub)


# -- names --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("type == 'inproceedings'", True),
        ("key == 'Key1'", True),
        ("key == 'key1'", True),  # == on text ignores case
        ("key != 'KEY1'", False),
        ("month == 3", True),
        ("month == 4", False),
        ("title == 'Deep Nets for Vision'", True),
        ("venue == 'cvpr'", True),
        ("keywords == ['CV', 'Deep Learning']", True),
        ("selected", True),
        ("selected == True", True),
        ("number == 42", True),
        ("number > 41", True),
        ("number < 42", False),
        ("42 == number", True),
        ("pages == '7'", True),
        ("nothing", False),
        ("authors == ['David Picard', 'Jean de la Fontaine']", True),  # "others" is no author
        ("author == ['David Picard', 'Jean de la Fontaine']", True),
        ("'et al.' in author", False),
        ("'Fontaine' in authors", True),
        ("'J. de la Fontaine' in author", True),
        ("'Fontaine, Jean' in author", True),
        ("'Picard' not in authors", False),
        ("'Jean' in author", False),
        ("3 in author", False),
    ],
)
def test_filter_names(expression, expected):
    assert keeps(expression) is expected


# -- comparisons and membership ------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        # membership in text: a substring, ignoring case
        ("'NETS' in title", True),
        ("'nets' not in title", False),
        ("'xyz' in title", False),
        # membership in a list of text: a whole item, ignoring case
        ("'deep learning' in keywords", True),
        ("'Deep' in keywords", False),
        ("'cv' not in keywords", False),
        # numbers in lists, literal lists in literal lists
        ("2021 in [2020, 2021]", True),
        ("2022 in [2020, 2021]", False),
        ("2021 not in [2020, 2021]", False),
        ("'b' in ['A', 'B']", True),
        ("'c' in ['A', 'B']", False),
        ("1 in ['1']", False),
        ("True in [1]", True),
        # what cannot be a member is no match, not an error
        ("2021 in 'abc'", False),
        ("2021 not in 'abc'", True),
        ("2021 in year", False),
        ("'x' in None", False),
        # text that is a number compares as one, either side
        ("number == '42'", True),
        ("'0042' == 42", True),
        ("' 42 ' == 42", True),
        ("'4 2' == 42", False),
        ("'\u0664\u0662' == 42", False),  # Arabic-Indic digits are not ASCII
        ("'123456789012345678' == 123456789012345678", True),
        ("'1234567890123456789' == 1234567890123456789", False),  # longer than 18: stays text
        # ordering text is by code point (case matters); equality ignores case
        ("'B' < 'a'", True),
        ("'a' < 'B'", False),
        ("'ABC' == 'abc'", True),
        ("'ABC' != 'abc'", False),
        ("'ABC' != 'abd'", True),
        # chained comparisons stop at the first false link
        ("2020 < year <= 2021", True),
        ("2020 < year < 2021", False),
        ("2022 > year >= 2021", True),
        ("2022 > year > 2021", False),
        ("year >= 2021 >= 2021", True),
        ("year > 2020 > 2021", False),
        # negative literals
        ("-1 < 0", True),
        ("year > -2021", True),
        ("not -1", False),
        # booleans and None
        ("True", True),
        ("False", False),
        ("None", False),
        ("not False", True),
        ("True and False", False),
        ("False or True", True),
        ("False or False", False),
        ("True and True and True", True),
        ("selected and not code", False),
        ("[]", False),
        ("[0]", True),
        ("()", False),
        ("{1}", True),
        ("''", False),
        ("'x'", True),
        ("0", False),
        ("1", True),
    ],
)
def test_filter_operators(expression, expected):
    assert keeps(expression) is expected


def test_a_comparison_that_cannot_be_made_is_no_match():
    assert keeps("year < 'abc'") is False
    assert keeps("title > 3") is False
    assert keeps("'abc' >= year") is False


# -- refusals, with the message a page author reads ----------------------------------------


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("year ==== 1", "invalid filter 'year ==== 1': invalid syntax at column 8"),
        ("year == (1", "invalid filter 'year == (1': '(' was never closed at column 9"),
        (
            "f(x)",
            "invalid filter 'f(x)': Call is not allowed "
            "(use field names, literals, comparisons, 'in', 'and', 'or', 'not')",
        ),
        (
            "year.real",
            "invalid filter 'year.real': Attribute is not allowed "
            "(use field names, literals, comparisons, 'in', 'and', 'or', 'not')",
        ),
        (
            "year is None",
            "invalid filter 'year is None': Is is not allowed " + "(use field names, literals, "
            "comparisons, 'in', 'and', 'or', 'not')",
        ),
        ("-year < 0", "invalid filter '-year < 0': '-' only before a number"),
        (
            "+1 == 1",
            "invalid filter '+1 == 1': UAdd is not allowed (use field names, literals, comparisons, 'in', 'and', 'or', 'not')",
        ),
        (
            "~1 == 1",
            "invalid filter '~1 == 1': Invert is not allowed (use field names, literals, comparisons, 'in', 'and', 'or', 'not')",
        ),
        (
            "{'a': 1}",
            "invalid filter \"{'a': 1}\": Dict is not allowed (use field names, literals, comparisons, 'in', 'and', 'or', 'not')",
        ),
    ],
)
def test_refused_filters_say_why(expression, message):
    with pytest.raises(FilterError) as caught:
        compile_filter(expression)
    assert str(caught.value) == message


def test_a_long_filter_is_shown_shortened_in_its_message():
    long = "year == 1 or " * 7 + "year == 2 or year ==="
    assert len(long) > 80
    with pytest.raises(FilterError) as caught:
        compile_filter(long)
    assert str(caught.value).startswith(f"invalid filter {long[:77] + '...'!r}: invalid syntax at column")
    exactly_80 = "'" + "a" * 76 + "' ^"
    assert len(exactly_80) == 80
    with pytest.raises(FilterError) as caught:
        compile_filter(exactly_80)
    assert str(caught.value).startswith(f"invalid filter {exactly_80!r}: ")


def test_a_filter_of_81_characters_is_shortened():
    long = "'" + "a" * 77 + "' ^"
    assert len(long) == 81
    with pytest.raises(FilterError) as caught:
        compile_filter(long)
    assert str(caught.value).startswith(f"invalid filter {long[:77] + '...'!r}: ")


def test_names_inside_literal_lists():
    assert keeps("year in [2019, year]") is True
    assert keeps("'Vision' in [title, venue]") is False
    assert keeps("'cvpr' in (title, venue)") is True


def test_length_and_depth_limits():
    assert MAX_LENGTH == 2000 and MAX_DEPTH == 50
    longest = "year == 2021" + " " * (MAX_LENGTH - 12)
    assert len(longest) == MAX_LENGTH and keeps(longest) is True  # white space around is stripped
    with pytest.raises(FilterError) as caught:
        compile_filter(longest + " ")
    assert str(caught.value) == f"invalid filter {(longest + ' ')[:77] + '...'!r}: longer than 2000 characters"
    # "not" nests one level each; the constant is the last level
    assert keeps("not " * 49 + "True") is False
    assert keeps("not " * 48 + "True") is True
    with pytest.raises(FilterError) as caught:
        compile_filter("not " * 50 + "True")
    assert str(caught.value).endswith(": nested more than 50 deep")
    deep = "(" * 200 + "1" + ")" * 200  # parentheses do not nest the tree
    assert keeps(deep) is True
    too_deep = "[" * 300 + "]" * 300
    with pytest.raises(FilterError) as caught:
        compile_filter(too_deep)
    assert "nested" in str(caught.value)


def test_a_filter_is_stripped_before_it_is_parsed():
    assert keeps("  \n year == 2021 \n ") is True


# -- choose --------------------------------------------------------------------------------


def test_the_published_names():
    assert SORTS == ("newest", "oldest", "title", "author", "source", "given", "citations")
    assert GROUPS == ("none", "year", "type", "keyword")
    assert TYPE_HEADINGS == {
        "article": "Journal articles",
        "inproceedings": "Conference papers",
        "conference": "Conference papers",
        "incollection": "Book chapters",
        "inbook": "Book chapters",
        "book": "Books",
        "phdthesis": "Theses",
        "mastersthesis": "Theses",
        "thesis": "Theses",
        "techreport": "Reports",
        "report": "Reports",
        "software": "Software",
        "dataset": "Datasets",
        "patent": "Patents",
        "proceedings": "Edited proceedings",
        "unpublished": "Preprints and unpublished work",
    }


CITED = entries(
    "@misc{none, title={N}, year=2023}\n"
    "@misc{five, title={F}, year=2019, citations={5}}\n"
    "@misc{many, title={M}, year=2018, citations={ 120 }}\n"
    "@misc{zero, title={Z}, year=2024, citations={0}}\n"
    "@misc{sup, title={S}, year=2022, citations={\u00b2}}\n"
    "@misc{huge, title={H}, year=2017, citations={1234567890123456}}\n"
    "@misc{fiveold, title={FO}, year=2015, citations={5}}\n"
    "@misc{fivenew, title={FN}, year=2020, month=feb, citations={5}}\n"
)


def test_citation_count_from_synced_counts_then_the_field():
    by_key = {p.key: p for p in CITED}
    assert citation_count(by_key["five"]) == 5
    assert citation_count(by_key["many"]) == 120
    assert citation_count(by_key["zero"]) == 0
    assert citation_count(by_key["none"]) is None
    assert citation_count(by_key["sup"]) is None  # "²" is a digit int() refuses
    assert citation_count(by_key["huge"]) is None  # 16 digits: not a count
    assert citation_count(entries("@misc{k, citations={123456789012345}}")[0]) == 123456789012345
    assert citation_count(by_key["five"], {"five": 9}) == 9
    assert citation_count(by_key["five"], {"other": 9}) == 5
    assert citation_count(by_key["none"], {"none": 0}) == 0
    assert citation_count(by_key["none"], {}) is None


def test_most_cited_first_then_newest_then_the_uncounted():
    order = [p.key for p in sort_publications(CITED, "citations")]
    assert order == ["many", "fivenew", "five", "fiveold", "zero", "none", "sup", "huge"]
    synced = [p.key for p in sort_publications(CITED, "citations", {"none": 500, "many": 1})]
    assert synced == ["none", "fivenew", "five", "fiveold", "many", "zero", "sup", "huge"]


def test_select_with_counts_orders_by_them():
    chosen = select_publications(CITED, order="citations", counts={"zero": 700}, limit=3)
    assert [p.key for p in chosen] == ["zero", "many", "fivenew"]


SORTABLE = entries(
    "@article{b, title={beta}, author={Zeta, Zoe}, year=2019, month=may}\n"
    "@article{a, title={Alpha}, author={mu, Max}, year=2021}\n"
    "@misc{c, title={gamma}, author={Mu, Ann and Alpha, Al}, year=2021, month=jan, day=5}\n"
    "@misc{d, title={Delta}, author={Beta, Bo}}\n"
    "@misc{e, title={epsilon}, author={Mu, Max}, year=2019, month=may}\n"
)


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("newest", ["c", "a", "b", "e", "d"]),  # equal dates keep the file order
        ("oldest", ["b", "e", "a", "c", "d"]),  # undated last
        ("title", ["a", "b", "d", "e", "c"]),  # ignoring case
        ("author", ["d", "a", "e", "c", "b"]),  # "mu" and "Mu" are one name
        ("source", ["b", "a", "c", "d", "e"]),
        ("whatever", ["b", "a", "c", "d", "e"]),
    ],
)
def test_sort_orders(order, expected):
    assert [p.key for p in sort_publications(list(reversed(SORTABLE)), order)] == expected


def test_newest_first_by_default():
    assert [p.key for p in sort_publications(SORTABLE)] == ["c", "a", "b", "e", "d"]


def test_sort_keeps_the_order_of_the_files_then_of_the_entries():
    other = entries("@misc{z, title={Z}, year=2019, month=may}\n")
    other = [p.__class__(**{**{f: getattr(p, f) for f in p.__dataclass_fields__}, "source": "a.bib"}) for p in other]
    assert [p.key for p in sort_publications([*SORTABLE, *other], "newest")] == ["c", "a", "z", "b", "e", "d"]
    assert [p.key for p in sort_publications([*SORTABLE, *other], "source")] == ["z", "b", "a", "c", "d", "e"]


def test_select_keys_selected_predicate_order_and_limit():
    assert [p.key for p in select_publications(SORTABLE, keys=["e", "b", "e", "nope"], order="given")] == ["e", "b"]
    assert [p.key for p in select_publications(SORTABLE, keys=["e", "b"], order="oldest")] == ["b", "e"]
    assert [p.key for p in select_publications(SORTABLE, order="given")] == ["b", "a", "c", "d", "e"]
    assert [p.key for p in select_publications(SORTABLE, predicate=compile_filter("year == 2019"))] == ["b", "e"]
    assert [p.key for p in select_publications(SORTABLE, limit=2)] == ["c", "a"]
    assert [p.key for p in select_publications(SORTABLE, limit=0)] == ["c", "a", "b", "e", "d"]
    assert [p.key for p in select_publications(SORTABLE, limit=-1)] == ["c", "a", "b", "e", "d"]
    assert select_publications(SORTABLE, selected=True) == []
    picked = entries("@misc{p, title={P}, selected={True}}\n@misc{q, title={Q}, selected={no}}\n")
    assert [p.key for p in select_publications(picked, selected=True)] == ["p"]
    assert [p.key for p in select_publications(picked, selected=False)] == ["p", "q"]
    assert [p.key for p in select_publications(picked, keys=["q"], selected=True)] == []


def test_group_headings():
    pubs = entries(
        "@article{a, title={A}, year=2020, keywords={Zeta, other}}\n"
        "@book{b, title={B}, year=2021}\n"
        "@phdthesis{c, title={C}, school={S}}\n"
        "@weird{d, title={D}, year=2020, keywords={alpha, Zeta}}\n"
        "@mastersthesis{e, title={E}, school={S}, year=2021, keywords={Other}}\n"
    )
    shown = lambda by: [(h, [p.key for p in g]) for h, g in group_publications(pubs, by)]  # noqa: E731
    assert shown("year") == [("2020", ["a", "d"]), ("2021", ["b", "e"]), ("Undated", ["c"])]
    assert shown("type") == [
        ("Journal articles", ["a"]),
        ("Books", ["b"]),
        ("Theses", ["c", "e"]),
        ("Other", ["d"]),  # an unknown type is shown as @misc
    ]
    # keywords by name, ignoring case; "Other" (no keyword, or the keyword itself) last
    assert shown("keyword") == [
        ("alpha", ["d"]),
        ("other", ["a"]),
        ("Zeta", ["a", "d"]),
        ("Other", ["b", "c", "e"]),
    ]
    assert shown("") == shown("none") == [("", ["a", "b", "c", "d", "e"])]
    with pytest.raises(ValueError, match="^venue$"):
        group_publications(pubs, "venue")
