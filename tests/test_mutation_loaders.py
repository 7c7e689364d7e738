"""Fast tests of the loaders, written to kill mutmut's surviving mutants (CONTRIBUTING.md,
"Mutation testing"): a file in, records and located problems out, no Sphinx build.

They go through the public entry points (``load_data_file``, ``parse_bibliography``) and assert
whole values (every problem with its subtype, message, line and column), so that they keep
passing when the loaders' functions are split or renamed.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from sphinx_scholar.loaders.bibtex import CACHE_VERSION, decode_source, load_bibliography, parse_bibliography
from sphinx_scholar.loaders.yaml_files import load_data_file


def load(tmp_path: Path, text: str | bytes, kind: str, name: str = "data.yaml"):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    data = load_data_file(path, kind)
    problems = [(p.subtype, p.message, p.line, p.column) for p in data.problems]
    assert all(p.path == str(path) for p in data.problems)
    return data, problems


# -- YAML data files ---------------------------------------------------------------------------

PEOPLE = """\
people:
  - name: Ada
    positions: [{role: phd, start: 2020-09-01}]
  - name: 3
  - nme: Bob
    name: Bob
    zzzz: 1
roles:
  staff: {label: Staff}
  bad: 3
groups: [pi, staff]
"""


def test_people_file_keeps_the_good_records_and_locates_every_problem(tmp_path):
    data, problems = load(tmp_path, PEOPLE, "people")
    # Dates stay text; each record keeps the line it starts on.
    assert data.records == ({"name": "Ada", "positions": [{"role": "phd", "start": "2020-09-01"}]},)
    assert data.lines == (2,)
    assert data.kind == "people"
    # Each entry of the `roles` mapping stands alone; `groups` is kept.
    assert data.meta == (("roles", {"staff": {"label": "Staff"}}), ("groups", ["pi", "staff"]))
    assert problems == [
        ("yaml-schema", "people: roles.bad: 3 is not valid: expected string, role", 10, 8),
        ("yaml-schema", "people: people[1]: 'positions' is required", 4, 5),
        ("yaml-schema", "people: people[1].name: 3 is not valid: expected string", 4, 11),
        ("yaml-unknown-key", "people: unknown key `nme` at people[2].nme (did you mean `name`?); it is ignored", 5, 5),
        (
            "yaml-unknown-key",
            "people: unknown key `zzzz` at people[2].zzzz (known keys: aliases, bio, email, interests, links, name, "
            "now, page, photo, positions, slug, url); it is ignored",
            7,
            5,
        ),
        ("yaml-schema", "people: people[2]: 'positions' is required", 5, 5),
    ]


def test_an_unknown_key_is_dropped_and_the_record_kept(tmp_path):
    data, problems = load(tmp_path, "courses:\n  - {title: T, year: 2020, role: lecturer}\n  - {year: x}\n", "teaching")
    assert data.records == ({"title": "T", "role": "lecturer"},)
    assert data.lines == (2,)
    known = "(known keys: code, hours, institution, level, links, role, terms, title)"
    assert problems == [
        ("yaml-unknown-key", f"teaching: unknown key `year` at courses[0].year {known}; it is ignored", 2, 16),
        ("yaml-unknown-key", f"teaching: unknown key `year` at courses[1].year {known}; it is ignored", 3, 6),
        ("yaml-schema", "teaching: courses[1]: 'title' is required", 3, 5),
    ]


def test_keys_that_are_not_text_are_named_as_text(tmp_path):
    data, problems = load(tmp_path, "name: Ada\n{a: 1}: 2\n3: x\n", "profile")
    assert data.records == ({"name": "Ada"},) and data.lines == (1,)
    known = (
        "(known keys: address, affiliation, bio, email, interests, links, metrics, name, pages, photo, "
        "photo_alt, position)"
    )
    assert problems == [
        ("yaml-unknown-key", f"profile: unknown key `{{'a': 1}}` at {{'a': 1}} {known}; it is ignored", 2, 1),
        ("yaml-unknown-key", f"profile: unknown key `3` at 3 {known}; it is ignored", 3, 1),
    ]


def test_schema_messages_name_what_was_expected(tmp_path):
    data, problems = load(tmp_path, "name: Ada\nphoto: 3\nemail: [1]\nlinks: {github: 2}\n", "profile")
    assert data.records == () and data.lines == ()
    assert problems == [
        (
            "yaml-schema",
            "profile: email: [1] is not valid: expected Shown in a form that plain scrapers cannot harvest.",
            3,
            8,
        ),
        ("yaml-schema", "profile: links.github: 2 is not valid: expected string", 4, 17),
        (
            "yaml-schema",
            "profile: photo: 3 is not valid: expected A photo, path relative to the YAML file (square works best).",
            2,
            8,
        ),
    ]


def test_an_empty_file(tmp_path):
    data, problems = load(tmp_path, "", "people")
    assert (data.records, data.lines, data.meta) == ((), (), ())
    assert problems == [("yaml-syntax", "people file is empty", 1, None)]


def test_not_yaml_is_located_at_the_error(tmp_path):
    _, problems = load(tmp_path, "people: [\n", "people")
    assert problems == [("yaml-syntax", "not valid YAML: expected the node content, but found '<stream end>'", 2, 1)]
    _, problems = load(tmp_path, "name: [unclosed\n", "profile")
    assert problems == [("yaml-syntax", "not valid YAML: expected ',' or ']', but got '<stream end>'", 2, 1)]


def test_a_file_that_is_not_a_mapping(tmp_path):
    data, problems = load(tmp_path, "- 1\n- 2\n", "people")
    assert data.records == ()
    assert problems == [("yaml-schema", "people: the file must hold a mapping, not list", 1, None)]


def test_latin1_is_read_and_reported_and_a_bom_is_dropped(tmp_path):
    data, problems = load(tmp_path, "name: x\n\xe9t\xe9: 1\n".encode("latin-1"), "profile")
    assert data.records == ({"name": "x"},)
    assert problems[0] == (
        "encoding",
        "the file is not UTF-8 (byte 0xe9); it is read as Latin-1: save it as UTF-8",
        2,
        None,
    )
    assert problems[1][:2] == ("yaml-unknown-key", problems[1][1]) and "`\xe9t\xe9`" in problems[1][1]
    data, problems = load(tmp_path, "\ufeffname: Ada\n", "profile")
    assert (data.records, problems) == (({"name": "Ada"},), [])


def test_a_python_tag_is_refused_not_run(tmp_path):
    data, problems = load(tmp_path, "name: Ada\nbio: !!python/object:os.system x\nphoto: !local p.png\n", "profile")
    assert data.records == ()  # the refused values are None, which the schema then refuses
    assert problems == [
        ("yaml-unsafe", "tag tag:yaml.org,2002:python/object:os.system refused (only plain YAML data is read)", 2, 6),
        ("yaml-unsafe", "tag !local refused (only plain YAML data is read)", 3, 8),
        (
            "yaml-schema",
            "profile: bio: None is not valid: expected A paragraph about you; inline markup (emphasis, links) "
            "is allowed.",
            2,
            6,
        ),
        (
            "yaml-schema",
            "profile: photo: None is not valid: expected A photo, path relative to the YAML file (square works best).",
            3,
            8,
        ),
    ]


def test_merge_keys_fill_only_missing_values(tmp_path):
    text = "people:\n  - <<: {name: Base, email: b@x.org}\n    name: Ada\n    positions: [{role: pi, start: 2020}]\n"
    data, problems = load(tmp_path, text, "people")
    assert problems == []
    assert data.records == ({"name": "Ada", "email": "b@x.org", "positions": [{"role": "pi", "start": 2020}]},)


def test_nesting_and_alias_bombs_are_refused(tmp_path):
    data, problems = load(tmp_path, "a: " + "[" * 70 + "]" * 70 + "\n", "profile")
    assert data.records == ()
    assert problems == [("yaml-syntax", "values nested more than 64 deep; not read", 1, 67)]
    # A nesting of exactly the limit (64 values, the mapping included) is read.
    data, problems = load(tmp_path, "a: " + "[" * 62 + "]" * 62 + "\nname: x\n", "profile")
    assert [p[0] for p in problems] == ["yaml-unknown-key"]
    chunk = "[" + ",".join(['"xxxxxxxxxx"'] * 10) + "]"
    bomb = f"a: &a {chunk}\n" + "".join(f"{x}: &{x} [{','.join([f'*{y}'] * 10)}]\n" for y, x in zip("abcd", "bcde"))
    data, problems = load(tmp_path, bomb, "profile")
    assert data.records == ()
    assert problems == [
        (
            "yaml-syntax",
            "the document expands to more than 200000 values or 1000000 characters (an alias bomb?); not read",
            1,
            None,
        )
    ]


CV = """\
cv:
  name: Ada
  website: null
  sections:
    empty:
    notlist: 3
    exp:
      -
      - {company: ACME, position: Dev, start_date: 2020-01, highlights: [a, null]}
      - {foo: 1}
      - 3
      - just a line
"""


def test_cv_entries_are_checked_one_by_one(tmp_path):
    data, problems = load(tmp_path, CV, "cv")
    # Nulls are absent values (RenderCV); a bad entry costs that entry; an empty section stays.
    assert data.records == (
        {
            "cv": {
                "name": "Ada",
                "sections": {
                    "empty": [],
                    "exp": [
                        {"company": "ACME", "position": "Dev", "start_date": "2020-01", "highlights": ["a"]},
                        "just a line",
                    ],
                },
            }
        },
    )
    assert data.lines == (1,)
    assert problems == [
        ("yaml-schema", "cv: section 'notlist' must be a list of entries; it is not shown", 6, 14),
        ("yaml-schema", "cv: cv.sections.exp[0]: an empty entry is skipped", 8, 8),
        (
            "yaml-schema",
            "cv: cv.sections.exp[2]: its keys (foo) make no RenderCV entry type; the entry is skipped",
            10,
            9,
        ),
        ("yaml-schema", "cv: cv.sections.exp[3]: a int is no RenderCV entry; the entry is skipped", 11, 9),
    ]


# -- BibTeX ------------------------------------------------------------------------------------

BIB = r"""@string{conf = "Conf. on Things"}
@preamble{"\newcommand{\noopsort}[1]{}"}
@article{a1,
  title = {First {\"U}ber},
  author = {M{\"u}ller$^*$, Hans and Smith\textsuperscript{\dagger}, J. and others},
  editor = {Ed, Itor},
  journal = {J. A},
  year = {2020}, month = {Sep.}, day = {3rd},
  keywords = {Vision; vision, \emph{Deep} Learning},
  url = {https://a.org/x\_y https://b.org/z w},
  doi = {10.1/abc},
  code = {https://github.com/a/b},
  hal = {hal-01234v2},
  pdf = {papers/a1.pdf},
  video = {javascript:alert(1)},
}
@inproceedings{a2, title = {Second}, author = {Roe, R.}, booktitle = conf # " 2021", year = {2021}, month = {12}, crossref = {proc}}
@proceedings{proc, title = {Big Proceedings}, year = {2021}, publisher = {Pub}, editor = {Chair, C.}, address = {Paris}}
@phdthesis{t1, title = {Thesis}, author = {Stu, Dent}, school = {Uni}, date = {2019-05-07}}
@mastersthesis{t2, title = {MThesis}, author = {Stu, Dent}, year = {n.d.}}
@techreport{r1, title = {Report}, institution = {Inst}, number = {42}, year = {2018}}
@thesis{t3, title = {T3}, year = {2017}}
@misc{m1, title = {Pre}, eprint = {2101.00001}, archiveprefix = {arXiv}, primaryclass = {cs.LG}, year = {2021}, url = {ftp://x.org}}
@misc{m2, title = {Mend}, arxivid = {2101.00002}, year = {2021}}
@weird{w1, title = {Odd}, year = {2016}, howpublished = {Online}}
@article{a1, title = {Dup}, year = {2015}}
@article{a1, title = {Dup2}, year = {2015}}
@article{nt, year = {2014}, crossref = {nowhere}}
@article{e1, title = {<b></b>}, author = {A, B and and C, D}, year = {20xx}, journal = undefinedmacro}
@article{f1, title = {F}, title = {G}, year = {2013}, keywords = {one
two
three}}
@article{
"""


def test_bibtex_entries_and_every_located_problem():
    pubs, problems = parse_bibliography(BIB, "x.bib")
    assert [(p.subtype, p.message, p.line, p.entry_line) for p in problems] == [
        (
            "url",
            "entry 'a1': video link 'javascript:alert(1)' refused (only http, https, mailto and relative links are allowed)",
            3,
            None,
        ),
        ("bibtex-field", "entry 't2': year 'n.d.' is not a year", 20, None),
        ("bibtex-missing-field", "entry 't2' has no year", 20, None),
        ("url", "entry 'm1': url 'ftp://x.org' refused (only http and https addresses are linked)", 23, None),
        ("bibtex-type", "entry 'w1': unknown entry type @weird; shown as @misc", 25, None),
        (
            "bibtex-duplicate-key",
            "duplicate key 'a1' (first defined at line 3); this entry is shown under the key 'a1-2'",
            26,
            None,
        ),
        (
            "bibtex-duplicate-key",
            "duplicate key 'a1' (first defined at line 3); this entry is shown under the key 'a1-3'",
            27,
            None,
        ),
        ("bibtex-crossref", "entry 'nt': crossref to unknown entry 'nowhere'", 28, None),
        ("bibtex-missing-field", "entry 'nt' has no title; its key is shown instead", 28, None),
        ("bibtex-macro", "undefined string: undefinedmacro (the field is left empty)", 29, 29),
        (
            "bibtex-missing-field",
            "entry 'e1': the title has no text once its HTML is read; its key is shown instead",
            29,
            None,
        ),
        ("bibtex-name", "entry 'e1': empty name in the author list (\"and and\")", 29, None),
        ("bibtex-field", "entry 'e1': year '20xx' is not a year", 29, None),
        ("bibtex-missing-field", "entry 'e1' has no year", 29, None),
        ("bibtex-duplicate-field", "entry with key f1 has a duplicate title field", 30, None),
        ("bibtex-syntax", "entry without a key; shown as 'unnamed-1'", 33, None),
        ("bibtex-missing-field", "entry 'unnamed-1' has no title; its key is shown instead", 33, None),
        ("bibtex-missing-field", "entry 'unnamed-1' has no year", 33, None),
        ("bibtex-syntax", "syntax error: premature end of file", 34, 33),
    ]
    assert all(p.path == "x.bib" for p in problems)
    summary = [(p.key, p.type, p.title.text, p.venue.text, p.year, p.month, p.day, p.line, p.index) for p in pubs]
    assert summary == [
        ("a1", "article", "First Über", "J. A", 2020, 9, 3, 3, 0),
        ("a2", "inproceedings", "Second", "Conf. on Things 2021", 2021, 12, None, 17, 1),
        ("proc", "proceedings", "Big Proceedings", "Pub", 2021, None, None, 18, 2),
        ("t1", "phdthesis", "Thesis", "PhD thesis, Uni", 2019, 5, 7, 19, 3),
        ("t2", "mastersthesis", "MThesis", "Master's thesis", None, None, None, 20, 4),
        ("r1", "techreport", "Report", "Inst, Technical report 42", 2018, None, None, 21, 5),
        ("t3", "thesis", "T3", "Thesis", 2017, None, None, 22, 6),
        ("m1", "misc", "Pre", "arXiv", 2021, None, None, 23, 7),
        ("m2", "misc", "Mend", "", 2021, None, None, 24, 8),
        ("w1", "misc", "Odd", "Online", 2016, None, None, 25, 9),
        ("a1-2", "article", "Dup", "", 2015, None, None, 26, 10),
        ("a1-3", "article", "Dup2", "", 2015, None, None, 27, 11),
        ("nt", "article", "nt", "", 2014, None, None, 28, 12),
        ("e1", "article", "e1", "", None, None, None, 29, 13),
        ("f1", "article", "F", "", 2013, None, None, 30, 14),
        ("unnamed-1", "article", "unnamed-1", "", None, None, None, 33, 15),
    ]
    by_key = {p.key: p for p in pubs}
    a1 = by_key["a1"]
    # Marks after a name ($^*$, \textsuperscript{\dagger}) are split from it; "others" is et al.
    assert [(a.first, a.von, a.last, a.jr, a.marks, a.others) for a in a1.authors] == [
        ("Hans", "", "Müller", "", "*", False),
        ("J.", "", "Smith", "", "\u2020", False),
        ("", "", "", "", "", True),
    ]
    assert [(e.first, e.last) for e in a1.editors] == [("Itor", "Ed")]
    # Keywords split on , and ; each once (case-blind), LaTeX read; one a line (PubMed) also splits.
    assert a1.keywords == ("Vision", "Deep Learning")
    assert by_key["f1"].keywords == ("one", "two", "three")
    # Links in the row's order; Mendeley's two addresses in one url; local files marked local.
    assert [(link.kind, link.label, link.url, link.local) for link in a1.links] == [
        ("pdf", "pdf", "papers/a1.pdf", True),
        ("url", "url", "https://a.org/x_y", False),
        ("url", "url", "https://b.org/z%20w", False),
        ("code", "code", "https://github.com/a/b", False),
        ("doi", "doi", "https://doi.org/10.1/abc", False),
        ("hal", "hal", "https://hal.science/hal-01234v2", False),
    ]
    assert [link.url for link in by_key["m1"].links] == ["https://arxiv.org/abs/2101.00001"]
    assert [link.url for link in by_key["m2"].links] == ["https://arxiv.org/abs/2101.00002"]
    # A crossref fills what the entry lacks (its editors too), never its title.
    a2 = by_key["a2"]
    assert [(e.first, e.last) for e in a2.editors] == [("C.", "Chair")]
    assert a2.bibtex == (
        "@inproceedings{a2,\n  author = {Roe, R.},\n  editor = {Chair, C.},\n  title = {Second},\n"
        "  booktitle = {Conf. on Things 2021},\n  year = {2021},\n  month = {12},\n  publisher = {Pub},\n"
        "  address = {Paris},\n}"
    )
    assert dict(a2.fields)["publisher"] == "Pub" and "crossref" in dict(a2.fields)
    assert [(a.first, a.last) for a in by_key["e1"].authors] == [("B", "A"), ("D", "C")]
    # The BibTeX box keeps the source of the fields, without the display-only ones.
    assert a1.bibtex.splitlines()[:4] == [
        "@article{a1,",
        '  author = {M{\\"u}ller$^*$, Hans and Smith\\textsuperscript{\\dagger}, J. and others},',
        "  editor = {Ed, Itor},",
        '  title = {First {\\"U}ber},',
    ]
    assert "code =" not in a1.bibtex and "pdf =" not in a1.bibtex and a1.bibtex.endswith("doi = {10.1/abc},\n}")


def test_a_crossref_gives_its_title_as_the_booktitle():
    pubs, problems = parse_bibliography(
        "@inproceedings{p, title={Paper}, crossref={PROC}, year={2020}}\n"
        "@proceedings{proc, title={The Proceedings}, year={2019}, editor={Chair, C.}}\n",
        "x.bib",
    )
    assert problems == []
    assert (pubs[0].venue.text, pubs[0].year, [e.last for e in pubs[0].editors]) == ("The Proceedings", 2020, ["Chair"])


def test_the_digest_follows_authors_titles_and_fields_not_the_key():
    def digest(text):
        return parse_bibliography(text, "x.bib")[0][0].digest

    base = digest("@article{k, title={T}, author={A, B}, year={2020}}")
    assert digest("@article{other, title={T}, author={A, B}, year={2020}}") == base
    assert digest("@article{k, title={T}, author={A, C}, year={2020}}") != base
    assert digest("@article{k, title={U}, author={A, B}, year={2020}}") != base
    assert digest("@article{k, title={T}, author={A, B}, year={2021}}") != base
    assert digest("@book{k, title={T}, author={A, B}, year={2020}}") != base
    assert len(base) == 16


@pytest.mark.parametrize(
    ("month", "expected"),
    [("jan", 1), ("February", 2), ("Sept.", 9), ("12", 12), ("13", None), ("0", None), ("août", 8), ("", None)],
)
def test_months(month, expected):
    pubs, _ = parse_bibliography(f"@misc{{k, title={{T}}, year={{2020}}, month={{{month}}}}}", "x.bib")
    assert pubs[0].month == expected


def test_marks_after_names():
    pubs, _ = parse_bibliography(
        r"@misc{k, title={T}, year={2020}, author={A$^\dagger$, X and B\textsuperscript{*}, Y and C\ddag, Z"
        r" and D*, W and E\textsuperscript{\S}, V and F$^{\ast}$, U and G\textsuperscript{\dag}, H"
        r" and I\textsuperscript{\ddag}, J}}",
        "x.bib",
    )
    # \dag and \ddag inside \textsuperscript are the marks too, not their LaTeX source.
    assert [(a.last, a.marks) for a in pubs[0].authors] == [
        ("A", "\u2020"),
        ("B", "*"),
        ("C", "\u2021"),
        ("D", "*"),
        ("E", "\u00a7"),
        ("F", "*"),
        ("G", "\u2020"),
        ("I", "\u2021"),
    ]


def test_decoding_and_line_ends(tmp_path):
    text, problems = decode_source("@misc{k,\r\n title={Caf\xe9}}\r".encode("latin-1"), "x.bib")
    assert text == "@misc{k,\n title={Caf\xe9}}\n"
    assert [(p.subtype, p.message, p.line) for p in problems] == [
        ("encoding", "file is not valid UTF-8; read as Latin-1 (save it as UTF-8 to silence this)", 2)
    ]
    assert decode_source("\ufeff@misc{k}".encode(), "x.bib") == ("@misc{k}", [])
    pubs, _ = parse_bibliography("@misc{a, title={A}, year={2020}}\r\n\r\n@misc{b, title={B}, year={2021}}\r", "x.bib")
    assert [p.line for p in pubs] == [1, 3]


def test_load_bibliography_caches_by_content(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    for name in ("bib-0-old.pickle", "blocks-0-old.pickle", "other-0-x", f"bib-{CACHE_VERSION}-keep.pickle"):
        (cache / name).write_text("x")
    bib = tmp_path / "refs.bib"
    bib.write_bytes(
        "@article{a, title={Caf\xe9}, year={2020}}\r\n@article{b, title={B}, year={2021}}\r\n".encode("latin-1")
    )
    first = load_bibliography(bib, str(cache))
    assert (first.path, [e.key for e in first.entries], list(first.by_key)) == (str(bib), ["a", "b"], ["a", "b"])
    assert first.by_key["a"].title.text == "Café"
    assert [(p.subtype, p.line) for p in first.problems] == [("encoding", 1)]
    # Other versions' cache files are removed; this version's and other files are kept.
    names = sorted(os.listdir(cache))
    assert [n for n in names if n.startswith(("bib-0", "blocks-0"))] == []
    assert f"bib-{CACHE_VERSION}-keep.pickle" in names and "other-0-x" in names
    assert len([n for n in names if n.startswith(f"bib-{CACHE_VERSION}-")]) == 2
    assert load_bibliography(bib, str(cache)) is first  # same content: not read again
    bib.write_text("@article{a, title={A2}, year={2020}}\n", encoding="utf-8")
    second = load_bibliography(bib, str(cache))
    assert [e.title.text for e in second.entries] == ["A2"] and second.digest != first.digest
    assert second.problems == ()
    copy = pickle.loads(pickle.dumps(second))
    assert copy == second and copy.by_key["a"].title.text == "A2"
    # Without a cache folder.
    other = tmp_path / "other.bib"
    other.write_text("@misc{x, title={X}, year={2020}}\n", encoding="utf-8")
    assert [e.key for e in load_bibliography(other).entries] == ["x"]


def test_a_scalar_its_tag_cannot_read_is_a_located_problem_not_a_crash(tmp_path):
    text = "name: Ada\nbio: !!int abc\nemail: !!timestamp 2020-13-45\nphoto: !!bool maybe\n"
    data, problems = load(tmp_path, text, "profile")
    assert data.records == ()
    assert [p[0] for p in problems][:3] == ["yaml-syntax"] * 3
    assert [(p[2], p[3]) for p in problems][:3] == [(2, 6), (3, 8), (4, 8)]
    assert problems[0][1] == "invalid literal for int() with base 10: 'abc'"


def test_the_top_of_a_file_is_named_in_messages(tmp_path):
    _, problems = load(tmp_path, "bio: x\n", "profile")
    assert problems == [("yaml-schema", "profile: (top): 'name' is required", 1, 1)]


@pytest.mark.parametrize(
    ("entry_type", "field", "venue"),
    [
        ("article", "journaltitle", "V"),
        ("article", "booktitle", "V"),
        ("article", "publisher", "V"),
        ("periodical", "journal", "V"),
        ("inproceedings", "journal", "V"),
        ("inproceedings", "journaltitle", "V"),
        ("inproceedings", "publisher", "V"),
        ("incollection", "booktitle", "V"),
        ("inbook", "booktitle", "V"),
        ("inreference", "booktitle", "V"),
        ("conference", "booktitle", "V"),
        ("phdthesis", "institution", "PhD thesis, V"),
        ("thesis", "note", "Thesis"),
        ("techreport", "publisher", "V, Technical report"),
        ("report", "number", "Technical report V"),
        ("misc", "journal", "V"),
        ("misc", "journaltitle", "V"),
        ("misc", "booktitle", "V"),
        ("misc", "howpublished", "V"),
        ("misc", "publisher", "V"),
        ("misc", "school", "V"),
        ("misc", "institution", "V"),
        ("misc", "organization", "V"),
    ],
)
def test_the_venue_of_each_entry_type_falls_back_field_by_field(entry_type, field, venue):
    pubs, _ = parse_bibliography(f"@{entry_type}{{k, title={{T}}, year={{2020}}, {field}={{V}}}}", "x.bib")
    assert pubs[0].venue.text == venue


@pytest.mark.parametrize(("month", "expected"), [("1", 1), ("déc", 12), ("aout", 8), ("mar.", 3), ("14", None)])
def test_more_months(month, expected):
    pubs, _ = parse_bibliography(f"@misc{{k, title={{T}}, year={{2020}}, month={{{month}}}}}", "x.bib")
    assert pubs[0].month == expected


def test_leading_and_bare_marks_and_odd_addresses():
    pubs, _ = parse_bibliography(
        r"@misc{k, title={T}, year={2020}, author={*{\dag}Lead, A and C\ddagger, Z and Naked\dag, N},"
        r" hal={a/b c}, url={https://a.org/{x}y}}",
        "x.bib",
    )
    assert [(a.last, a.marks) for a in pubs[0].authors] == [("Lead", "\u2020*"), ("C", "\u2021"), ("Naked", "\u2020")]
    assert [(link.kind, link.url) for link in pubs[0].links] == [
        ("url", "https://a.org/xy"),
        ("hal", "https://hal.science/a%2Fb%20c"),
    ]
