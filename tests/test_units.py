"""Unit tests of the pure parts: LaTeX decoding, name matching, filters, loader records."""

from __future__ import annotations

import pytest

from sphinx_scholar.loaders.bibtex import parse_bibliography
from sphinx_scholar.records.publication import Author
from sphinx_scholar.records.richtext import latex_to_rich
from sphinx_scholar.selection.filter import FilterError, compile_filter
from sphinx_scholar.selection.names import NameMatcher


@pytest.mark.parametrize(
    ("source", "plain"),
    [
        (r"{\'e}t{\'e}", "été"),
        (r"\'{e}t\'e", "été"),
        (r"{\"u}ber \"{U}ber", "über Über"),
        (r"{\ss}", "ß"),
        (r"\c{c}a \c c", "ça ç"),
        (r"{\o}re {\aa}s \v{s}", "øre ås š"),
        ("pages 1--2 --- yes", "pages 1\u20132 \u2014 yes"),
        ("Mr.~Smith", "Mr.\u00a0Smith"),
        (r"R\&D at 50\% \$3 \#1 a\_b", "R&D at 50% $3 #1 a_b"),
        ("{BERT} and {{CNN}}s", "BERT and CNNs"),
        ("spaces\n   and\tnewlines", "spaces and newlines"),
        (r"\textsc{Caps} \texttt{mono}", "Caps mono"),
        (r"\href{https://x.org}{the link}", "the link"),
        (r"unbalanced { brace", "unbalanced brace"),
        (r"\unknownmacro{kept}", "kept"),
    ],
)
def test_latex_to_clean_text(source, plain):
    rich = latex_to_rich(source)
    assert rich.plain == plain
    assert "\\" not in rich.plain and "{" not in rich.plain and "}" not in rich.plain


def test_latex_emphasis_strong_and_math_segments():
    rich = latex_to_rich(r"Di$\mathtt{[M]}$O: {\em Deep} \emph{nets} \textit{x} \textbf{bold {\em both}}")
    assert [tuple(s) for s in rich] == [
        ("text", "Di"),
        ("math", r"\mathtt{[M]}"),
        ("text", "O: "),
        ("emph", "Deep"),
        ("text", " "),
        ("emph", "nets"),
        ("text", " "),
        ("emph", "x"),
        ("text", " "),
        ("strong", "bold both"),
    ]
    assert rich.text == "Di[𝙼]O: Deep nets x bold both"


ME = NameMatcher(
    (name, True)
    for name in ["David Picard", "D. Picard", "Jean-Pierre de la Fontaine", "Ludwig van Beethoven", "Jérémie Mary"]
)


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        (Author("David", "", "Picard"), True),
        (Author("D.", "", "PICARD"), True),
        (Author("Dávid", "", "Picard", marks="*"), True),
        (Author("Daniel", "", "Picard"), True),  # "D. Picard" is a variant the owner gave
        (Author("David", "", "Picardo"), False),
        (Author("Jeremie", "", "Mary"), True),
        (Author("J.", "", "Mary"), True),
        (Author("Marie", "", "Mary"), False),
        (Author("J.-P.", "de la", "Fontaine"), True),
        (Author("Jean-Pierre", "", "de la Fontaine"), True),
        (Author("Jean Pierre", "de la", "Fontaine"), True),
        (Author("Jean-Paul", "de la", "Fontaine"), False),
        (Author("L.", "", "Beethoven"), True),
        (Author("Ludwig", "van", "Beethoven"), True),
        (Author(others=True), False),
    ],
)
def test_owner_name_matching(author, expected):
    assert (ME.match(author) is not None) is expected


def pub(**fields):
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
    entries, problems = parse_bibliography(f"@article{{k,\n{body}\n}}\n", "x.bib")
    assert problems == []
    return entries[0]


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("year >= 2020", True),
        ("year > 2021", False),
        ("year > 2020", True),
        ("year <= 2021", True),
        ("year <= 2020", False),
        ("year < 2021", False),
        ("year < 2022", True),
        ("year >= 2021", True),
        ("year >= 2022", False),
        ("year != 2021", False),
        ("year != 2020", True),
        ("year == '2021'", True),
        ("'2021' == year", True),
        ("type != 'ARTICLE'", False),
        ("venue != 'science'", True),
        ("month == None", True),
        ("not (year == 2021 or selected)", False),
        ("selected or 'LG' in keywords", True),
        ("'LG' not in keywords", False),
        ("'Mary' not in author", False),
        ("'deep' not in title", True),
        ("key == 'k'", True),
        ("year in [2020, 2021]", True),
        ("year in (2019, -2021)", False),
        ("year == 2021 and type == 'article'", True),
        ("type in {'article', 'book'}", True),
        ("type not in ['article']", False),
        ("'CV' in keywords", True),
        ("'cv' in keywords", True),
        ("'C' in keywords", False),
        ("'Picard' in author", True),
        ("'D. Picard' in author", True),
        ("'Zhu' in author", False),
        ("'diffusion' in title", True),
        ("code", True),
        ("not pdf", True),
        ("selected", False),
        ("venue == 'nature'", True),
        ("2019 < year < 2022", True),
        ("missing_field == ''", True),
    ],
)
def test_filter_expressions(expression, expected):
    entry = pub(
        title="Masked Diffusion",
        author="Picard, David and Mary, J.",
        journal="Nature",
        year="2021",
        keywords="CV, LG",
        code="https://x.org",
    )
    assert compile_filter(expression)(entry) is expected


@pytest.mark.parametrize(
    "expression",
    [
        "__import__('os')",
        "open('x')",
        "year.__class__",
        "lambda: 1",
        "[k for k in keywords]",
        "year + 1 > 2",
        "a if b else c",
        "year >=",
    ],
)
def test_filter_refuses_anything_but_comparisons(expression):
    with pytest.raises(FilterError):
        compile_filter(expression)


def test_records_dates_months_and_crossref():
    entries, problems = parse_bibliography(
        "@inproceedings{c, title={Child}, author={A, B}, crossref={p}, month=jul}\n"
        "@proceedings{p, title={Parent Proc}, year=2019, editor={E, F}, publisher={P}}\n"
        "@article{d, title={Dated}, date={2022-07-20}}\n",
        "x.bib",
    )
    assert problems == []
    child, parent, dated = entries
    assert child.venue.plain == "Parent Proc" and child.year == 2019 and child.month == 7
    assert [e.full_name for e in child.editors] == ["F E"]
    assert (dated.year, dated.month, dated.day) == (2022, 7, 20)
    assert child.line == 1 and parent.line == 2 and dated.line == 3
    assert [e.index for e in entries] == [0, 1, 2]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.org/a", "remote"),
        ("http://x.org", "remote"),
        ("mailto:a@b.org", "remote"),
        ("//cdn.example.org/x", "remote"),
        ("papers/x.pdf", "local"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("java\tscript:alert(1)", None),
        (" javascript:alert(1)", None),
        ("data:text/html,x", None),
        ("vbscript:x", None),
        ("file:///etc/passwd", None),
        ("", None),
    ],
)
def test_only_safe_urls_become_links(url, expected):
    from sphinx_scholar.records.urls import is_safe_url

    assert is_safe_url(url) == expected


def test_unsafe_urls_are_located_problems_and_dropped():
    entries, problems = parse_bibliography(
        "@article{x, title={T}, year=2020,\n code={javascript:alert(1)}, url={data:text/html,x},\n arxiv={2101.00001}}\n",
        "x.bib",
    )
    assert [link.kind for link in entries[0].links] == ["arxiv"]
    assert [(p.subtype, p.line) for p in problems] == [("url", 1), ("url", 1)]


def test_filter_on_an_undated_entry_is_no_match_not_an_error():
    undated = parse_bibliography("@misc{k, title={T}}", "x.bib")[0][0]
    assert compile_filter("year <= 2020")(undated) is False
    assert compile_filter("year == None")(undated) is True
    assert compile_filter("year != 2020")(undated) is True


def _digest(source: str) -> str:
    entries, _ = parse_bibliography(source, "x.bib")
    return entries[0].digest


BASE_ENTRY = "@inproceedings{k, title={T}, author={Doe, Jane and Roe, Ann}, editor={Ed, Ita}, booktitle={V}, year=2020, code={https://c.org}}"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Doe, Jane", "Doe, Janet"),  # an author's name
        ("and Roe, Ann", "and Roe, Anne"),
        ("Ed, Ita", "Ed, Rita"),  # an editor
        ("title={T}", "title={U}"),
        ("booktitle={V}", "booktitle={W}"),  # the venue
        ("https://c.org", "https://c2.org"),  # a link
        ("year=2020", "year=2021"),
        ("@inproceedings", "@article"),
    ],
)
def test_the_digest_follows_everything_rendered(old, new):
    assert old in BASE_ENTRY
    assert _digest(BASE_ENTRY) != _digest(BASE_ENTRY.replace(old, new))


def test_the_digest_ignores_the_key_and_the_place_in_the_file():
    assert _digest(BASE_ENTRY) == _digest("\n\n" + BASE_ENTRY.replace("{k,", "{other,"))


@pytest.mark.parametrize(
    "value",
    [
        "2101.00001",
        "2101.00001v3",
        "arXiv:2101.00001",
        "arxiv: 2101.00001v2",
        "arxiv.org/abs/2101.00001",
        "arxiv.org/pdf/2101.00001v3.pdf",
        "arxiv.org/pdf/2101.00001",
    ],
)
def test_arxiv_values_become_one_abs_url(value):
    from sphinx_scholar.formats.scholarly_meta import citation_meta

    entries, problems = parse_bibliography(f"@misc{{k, title={{T}}, year=2021, arxiv={{{value}}}}}", "x.bib")
    assert problems == []
    assert [(link.kind, link.url) for link in entries[0].links] == [("arxiv", "https://arxiv.org/abs/2101.00001")]
    meta = citation_meta(entries[0])
    assert '<meta name="citation_pdf_url" content="https://arxiv.org/pdf/2101.00001">' in meta
    assert '<meta name="citation_arxiv_id" content="2101.00001">' in meta


def test_old_style_arxiv_ids_and_eprint_fields():
    entries, _ = parse_bibliography(
        "@misc{a, title={T}, year=2001, arxiv={hep-th/0101001v2}}\n"
        "@misc{b, title={T}, year=2021, eprint={2101.00002}, archiveprefix={arXiv}}\n"
        "@misc{c, title={T}, year=2021, eprint={2101.00003}, archiveprefix={HAL}}\n",
        "x.bib",
    )
    assert [[link.url for link in e.links] for e in entries] == [
        ["https://arxiv.org/abs/hep-th/0101001"],
        ["https://arxiv.org/abs/2101.00002"],
        [],
    ]
    assert entries[1].venue.plain == "arXiv" and entries[2].venue.plain == ""


@pytest.mark.parametrize(
    "value",
    [
        "https://arxiv.org/abs/2101.00001",
        "https://arxiv.org/pdf/2101.00001v3.pdf",
        "http://arxiv.org/abs/2101.00001v2",
        "https://www.arxiv.org/abs/2101.00001",
    ],
)
def test_arxiv_full_urls_are_normalised(value):
    from sphinx_scholar.formats.scholarly_meta import citation_meta

    entries, problems = parse_bibliography(f"@misc{{k, title={{T}}, year=2021, arxiv={{{value}}}}}", "x.bib")
    assert [(link.kind, link.url) for link in entries[0].links] == [("arxiv", "https://arxiv.org/abs/2101.00001")]
    meta = citation_meta(entries[0])
    assert '<meta name="citation_pdf_url" content="https://arxiv.org/pdf/2101.00001">' in meta
    assert '<meta name="citation_arxiv_id" content="2101.00001">' in meta


@pytest.mark.parametrize(
    ("value", "url"),
    [
        ("10.1109/CVPR.2018.00539", "https://doi.org/10.1109/CVPR.2018.00539"),
        ("doi:10.1/x", "https://doi.org/10.1/x"),
        ("https://doi.org/10.1/x", "https://doi.org/10.1/x"),
        ("http://dx.doi.org/10.1/x", "https://doi.org/10.1/x"),
        ("10.1/a b<c>", "https://doi.org/10.1/a%20b%3Cc%3E"),
    ],
)
def test_doi_values(value, url):
    entries, _ = parse_bibliography(f"@misc{{k, title={{T}}, year=2021, doi={{{value}}}}}", "x.bib")
    assert [link.url for link in entries[0].links] == [url]


def test_math_segments_keep_their_source_and_text_around_them_is_normalised():
    assert [tuple(s) for s in latex_to_rich("$a  b$ and  $x$")] == [("math", "a  b"), ("text", " and "), ("math", "x")]
    assert [tuple(s) for s in latex_to_rich(r"\emph{a $x^2$ b}")] == [("emph", "a "), ("math", "x^2"), ("emph", " b")]
    assert [tuple(s) for s in latex_to_rich(r"$\alpha + \beta$")] == [("math", r"\alpha + \beta")]


@pytest.mark.parametrize(
    ("url", "expected"),
    [("java\u200bscript:x", None), ("pa\\th/x", None), ("a:b/c", None), ("x/a:b", "local"), ("x/y.pdf", "local")],
)
def test_urls_with_hidden_characters_backslashes_and_colons(url, expected):
    from sphinx_scholar.records.urls import is_safe_url

    assert is_safe_url(url) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("selected == False", True),
        ("selected == True", False),
        ("selected != None", True),
        ("not None", True),
        ("year == -2021", False),
        ("'LG' in keywords and 2021 >= year > 2020", True),
    ],
)
def test_filter_literals(expression, expected):
    entry = pub(title="T", author="Picard, David", journal="J", year="2021", keywords="CV, LG")
    assert compile_filter(expression)(entry) is expected


def test_selection_defaults_and_selected():
    from sphinx_scholar.selection.choose import group_publications, select_publications

    entries, _ = parse_bibliography(
        "@misc{a, title={A}, year=2019, selected={true}, keywords={zeta, CV}}\n"
        "@misc{b, title={B}, year=2021, keywords={alpha}}\n@misc{c, title={C}, year=2020, selected={yes}}\n",
        "x.bib",
    )
    assert [p.key for p in select_publications(entries)] == ["b", "c", "a"]  # newest first by default
    assert [p.key for p in select_publications(entries, selected=True)] == ["c", "a"]
    assert [p.key for p in select_publications(entries, selected=True, limit=1)] == ["c"]
    groups = group_publications(select_publications(entries), "keyword")
    assert [(h, [p.key for p in g]) for h, g in groups] == [
        ("alpha", ["b"]),
        ("CV", ["a"]),
        ("zeta", ["a"]),
        ("Other", ["c"]),
    ]
