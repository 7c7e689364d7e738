"""Fast tests of the loaders, written to kill mutmut's surviving mutants (CONTRIBUTING.md,
"Mutation testing"): a file in, records and located problems out, no Sphinx build.

They go through the public entry points (``load_data_file``, ``parse_bibliography``) and assert
whole values (every problem with its subtype, message, line and column), so that they keep
passing when the loaders' functions are split or renamed.
"""

from __future__ import annotations

from pathlib import Path

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
