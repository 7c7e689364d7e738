"""Fast tests of the YAML data-file loader (``loaders/yaml_files.py``), written to kill mutmut's
surviving mutants (CONTRIBUTING.md, "Mutation testing"): a small file in, records and located
problems out, no Sphinx build. The bounds (nesting, values, characters) are tested at their
exact edges; the node and character bounds are lowered for a test where a file at the real
bound would take a second to read (their real values are asserted too).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_scholar.loaders import yaml_files
from sphinx_scholar.loaders.yaml_files import load_data_file

REFUSED = "refused (only http, https, mailto and relative addresses are linked)"


def load(tmp_path: Path, text: str | bytes, kind: str):
    path = tmp_path / f"{kind}.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    data = load_data_file(path, kind)
    assert (data.path, data.kind) == (str(path), kind)
    assert all(p.path == str(path) for p in data.problems)
    return data, [(p.subtype, p.message, p.line, p.column) for p in data.problems]


# -- addresses ---------------------------------------------------------------------------------


def test_unsafe_addresses_are_located_and_their_records_kept(tmp_path):
    text = """\
people:
  - name: Ada
    url: "javascript:alert(1)"
    links: {github: "data:text/html,x", site: "https://ok.org", empty: "", mail: "mailto:a@b.org", rel: "me.html"}
    positions: [{role: phd, start: 2020}]
    photo: "javascript:not-a-link-key"
  - name: Bob
    website: " vbscript:x "
    positions: [{role: pi, start: 2020}]
"""
    data, problems = load(tmp_path, text, "people")
    assert [r["name"] for r in data.records] == ["Ada", "Bob"]
    assert data.records[0]["url"] == "javascript:alert(1)"  # kept: the renderers check it again
    assert problems == [
        ("yaml-unknown-key", problems[0][1], 8, 5),
        ("url", f"people: people[0].url: address 'javascript:alert(1)' {REFUSED}", 3, 10),
        ("url", f"people: people[0].links.github: address 'data:text/html,x' {REFUSED}", 4, 21),
    ]
    assert problems[0][1].startswith("people: unknown key `website` at people[1].website")


def test_addresses_in_lists_under_links_and_in_url_keys(tmp_path):
    long = "javascript:" + "a" * 100
    text = f"""\
projects:
  - id: p
    title: T
    links: {{github: "{long}", web: "  ", code: "https://x.org"}}
    people: ["javascript:not-a-link"]
"""
    _, problems = load(tmp_path, text, "projects")
    assert [p for p in problems if p[0] == "url"] == [
        ("url", f"projects: projects[0].links.github: address {long[:80]!r} {REFUSED}", 4, 21),
    ]
    _, problems = load(tmp_path, "news:\n  - {date: 2020, text: T, link: 'javascript:3'}\n", "news")
    assert problems == [("url", f"news: news[0].link: address 'javascript:3' {REFUSED}", 2, 33)]
    _, problems = load(tmp_path, "name: G\nlinks: {github: 'javascript:5', site: 'https://ok'}\n", "group")
    assert problems == [("url", f"group: links.github: address 'javascript:5' {REFUSED}", 2, 17)]


def test_any_key_ending_in_url_and_lists_under_links_in_cv_entries(tmp_path):
    # CV entries may carry keys of RenderCV's own templates: any *_url is an address, at any depth,
    # and so is every text of a mapping in a list under `links`.
    text = (
        "cv:\n  website: 'javascript:1'\n  sections:\n    s:\n"
        "      - {label: L, details: D, extra_url: 'javascript:2', sub: {homepage: 'javascript:3', note: 'javascript:x'}}\n"
        "      - {label: M, details: E, links: [{x: 'javascript:4', y: 3, z: 'https://ok.org'}], also: [{x: 'javascript:y'}]}\n"
    )
    data, problems = load(tmp_path, text, "cv")
    assert len(data.records) == 1 and len(data.records[0]["cv"]["sections"]["s"]) == 2
    assert problems == [
        ("url", f"cv: cv.website: address 'javascript:1' {REFUSED}", 2, 12),
        ("url", f"cv: cv.sections.s[0].extra_url: address 'javascript:2' {REFUSED}", 5, 43),
        ("url", f"cv: cv.sections.s[0].sub.homepage: address 'javascript:3' {REFUSED}", 5, 75),
        ("url", f"cv: cv.sections.s[1].links[0].x: address 'javascript:4' {REFUSED}", 6, 44),
    ]


# -- the bounds at their edges -----------------------------------------------------------------


def alias_chain(n: int) -> str:
    """Lists l0..ln, each holding the one before (by alias): ln is n + 1 values deep."""
    return "name: x\n" + "".join(f"l{k}: &l{k} [{f'*l{k - 1}' if k else ''}]\n" for k in range(n + 1))


BOMB = "the document expands to more than {} values or {} characters (an alias bomb?); not read"


def test_values_nested_by_aliases_are_refused_past_twice_the_depth(tmp_path):
    assert yaml_files.MAX_DEPTH == 64
    data, problems = load(tmp_path, alias_chain(127), "profile")  # a path of 128 keys and indexes: read
    assert (
        data.records == ({"name": "x"},) and {p[0] for p in problems} == {"yaml-unknown-key"} and len(problems) == 128
    )
    data, problems = load(tmp_path, alias_chain(128), "profile")  # 129: refused
    assert (data.records, data.lines) == ((), ())
    assert problems == [("yaml-syntax", BOMB.format(200000, 1000000), 1, None)]


def test_nesting_is_counted_level_by_level_after_a_sibling(tmp_path):
    # After the scalar 0 the depth is back to the list's, not lower.
    data, problems = load(tmp_path, "a: [0, " + "[" * 62 + "]" * 62 + "]\nname: x\n", "profile")
    assert [p[0] for p in problems] == ["yaml-unknown-key"] and data.records == ({"name": "x"},)
    _, problems = load(tmp_path, "a: [0, " + "[" * 63 + "]" * 63 + "]\nname: x\n", "profile")
    assert problems == [("yaml-syntax", "values nested more than 64 deep; not read", 1, 70)]


def wide(lists: int) -> str:
    """A file of 7 + ``lists`` values (the mapping, its keys and values, the list's items)."""
    return "name: x\nl0: &l0 []\nw: [" + ", ".join(["*l0"] * lists) + "]\n"


def test_the_number_of_values_at_its_edge(tmp_path, monkeypatch):
    assert yaml_files.MAX_NODES == 200_000
    monkeypatch.setattr(yaml_files, "MAX_NODES", 1000)
    data, problems = load(tmp_path, wide(993), "profile")  # 1000 values: read
    assert [p[0] for p in problems] == ["yaml-unknown-key", "yaml-unknown-key"]
    data, problems = load(tmp_path, wide(994), "profile")  # 1001: refused
    assert problems == [("yaml-syntax", BOMB.format(1000, 1000000), 1, None)]


def spread(total: int) -> str:
    """A file whose scalar values (keys included) hold ``total`` characters, most of them by aliases."""
    keys = len("name") + len("x") + len("a") + len("b") + len("c")
    unit = (total - keys) // 10
    rest = total - keys - 10 * unit
    return f"name: x\na: &a {'y' * unit}\nb: [{', '.join(['*a'] * 9)}]\nc: '{'z' * rest}'\n"


def test_the_characters_of_a_small_file_at_the_floor(tmp_path, monkeypatch):
    assert (yaml_files.EXPANSION_FLOOR, yaml_files.EXPANSION_FACTOR) == (1_000_000, 4)
    monkeypatch.setattr(yaml_files, "EXPANSION_FLOOR", 5000)
    text = spread(5000)
    assert 4 * len(text) < 5000
    _, problems = load(tmp_path, text, "profile")  # exactly the floor: read
    assert [p[0] for p in problems] == ["yaml-unknown-key"] * 3
    _, problems = load(tmp_path, spread(5001), "profile")
    assert problems == [("yaml-syntax", BOMB.format(200000, 5000), 1, None)]


def test_the_characters_of_a_large_file_at_four_times_its_text(tmp_path, monkeypatch):
    monkeypatch.setattr(yaml_files, "EXPANSION_FLOOR", 100)

    # The values of a: y * n, b: five aliases of a, and a comment to tune the text's length.
    def text(n: int, pad: int) -> str:
        return f"name: xy\na: &a {'y' * n}\nb: [*a, *a, *a, *a, *a]\n#{'-' * pad}\n"

    n = 1000
    chars = 6 * n + len("namexyab")
    pad = 0
    while 4 * len(text(n, pad)) < chars:
        pad += 1
    assert 4 * len(text(n, pad)) == chars  # the values hold exactly four times the text: read
    _, problems = load(tmp_path, text(n, pad), "profile")
    assert [p[0] for p in problems] == ["yaml-unknown-key"] * 2
    _, problems = load(tmp_path, text(n, pad - 1), "profile")  # one character of text less: refused
    assert problems == [("yaml-syntax", BOMB.format(200000, chars - 4), 1, None)]


# -- schema messages ---------------------------------------------------------------------------


def test_schema_messages_for_each_kind_of_error(tmp_path):
    text = "projects:\n  - {id: Bad_Id, title: T, status: done, start: 99999}\n"
    _, problems = load(tmp_path, text, "projects")
    assert problems == [
        (
            "yaml-schema",
            "projects: projects[0].id: 'Bad_Id' is not valid: expected Short name: the project page's name and "
            "the value of a paper's `projects` BibTeX field. By default made from the title.",
            2,
            10,
        ),
        (
            "yaml-schema",
            "projects: projects[0].start: 99999 is not valid: expected A date: 2024, 2024-05 or 2024-05-17.",
            2,
            49,
        ),
        (
            "yaml-schema",
            "projects: projects[0].status: 'done' is not valid: expected active (default), completed or planned.",
            2,
            36,
        ),
    ]
    _, problems = load(tmp_path, "name: Ada\nmetrics: {h_index: -1}\n", "profile")
    assert problems == [("yaml-schema", "profile: metrics.h_index: -1 is not valid: expected integer", 2, 20)]
    _, problems = load(tmp_path, "people:\n  - {name: Ada, positions: []}\n", "people")
    assert problems == [("yaml-schema", "people: people[0].positions: [] is not valid: expected array", 2, 28)]


def test_a_merged_value_is_located_where_it_is_written(tmp_path):
    text = "people:\n  - <<: {name: Base, email: 3}\n    positions: [{role: pi, start: 2020}]\n"
    _, problems = load(tmp_path, text, "people")
    assert problems == [
        (
            "yaml-schema",
            "people: people[0].email: 3 is not valid: expected E-mail address, shown on the member page (written so "
            "that harvesters do not read it).",
            2,
            29,
        )
    ]


# -- record lists and other top-level values --------------------------------------------------


def test_a_record_list_that_is_not_a_list(tmp_path):
    data, problems = load(tmp_path, "people: 3\n", "people")
    assert (data.records, data.lines, data.meta) == ((), (), ())
    assert problems == [("yaml-schema", "people: people: 3 is not valid: expected array", 1, 9)]


def test_an_unknown_top_level_key_costs_no_record(tmp_path):
    text = "zzz: 1\npeople:\n  - {name: Ada, positions: [{role: pi, start: 2020}]}\n"
    data, problems = load(tmp_path, text, "people")
    assert data.records == ({"name": "Ada", "positions": [{"role": "pi", "start": 2020}]},) and data.lines == (3,)
    assert problems == [
        (
            "yaml-unknown-key",
            "people: unknown key `zzz` at zzz (known keys: groups, people, roles); it is ignored",
            1,
            1,
        )
    ]


def test_each_other_top_level_value_stands_alone(tmp_path):
    data, problems = load(tmp_path, "groups: [pi]\npeople: []\n", "people")
    assert (data.records, data.meta, problems) == ((), (("groups", ["pi"]),), [])
    data, problems = load(tmp_path, "groups: 3\npeople: []\n", "people")
    assert data.meta == ()
    assert problems == [
        (
            "yaml-schema",
            "people: groups: 3 is not valid: expected The order of the groups on the team page, by role key "
            "(`alumni` included).",
            1,
            9,
        )
    ]


def test_a_one_record_file_starts_at_its_first_value(tmp_path):
    data, problems = load(tmp_path, "# a comment\n\nname: Ada\n", "profile")
    assert (data.records, data.lines, problems) == (({"name": "Ada"},), (3,), [])


def test_files_that_are_not_read_keep_their_path_and_kind(tmp_path):
    data, problems = load(tmp_path, "- 1\n", "people")
    assert (data.records, data.lines, data.meta) == ((), (), ())
    data, problems = load(tmp_path, "name: a\x07b\n", "profile")
    assert (data.records, data.lines) == ((), ())
    assert problems == [
        (
            "yaml-syntax",
            'not valid YAML: unacceptable character #x0007: special characters are not allowed\n  in "<unicode '
            'string>", position 7',
            None,
            None,
        )
    ]


def test_the_line_of_a_byte_that_is_not_utf8(tmp_path):
    _, problems = load(tmp_path, b"\nname: x\n\xe9: 1\n\n\n", "profile")
    assert problems[0] == (
        "encoding",
        "the file is not UTF-8 (byte 0xe9); it is read as Latin-1: save it as UTF-8",
        3,
        None,
    )


# -- CV entries --------------------------------------------------------------------------------


def test_cv_sections_that_are_not_a_mapping_are_reported_by_the_schema(tmp_path):
    data, problems = load(tmp_path, "cv:\n  name: Ada\n  sections: 3\n", "cv")
    assert data.records == ()
    assert problems == [("yaml-schema", "cv: cv.sections: 3 is not valid: expected object", 3, 13)]


def detail_of(length: int) -> tuple[dict, str]:
    """A CV entry whose schema message is ``length`` characters long, and that message."""
    message = "details: {'a': ''} is not of type 'string', 'number'"
    filler = "x" * (length - len(message) + len("details: "))
    return {"label": "L", "details": {"a": filler}}, f"details: {{'a': {filler!r}}} is not of type 'string', 'number'"


@pytest.mark.parametrize("length", [119, 120])
def test_cv_entry_messages_are_cut_at_120_characters(tmp_path, length):
    import json

    entry, message = detail_of(length)
    detail = message.removeprefix("details: ")
    assert len(detail) == length
    text = (
        "cv:\n  name: Ada\n  sections:\n    s:\n      - " + json.dumps(entry) + "\n      - {institution: U, area: 3}\n"
    )
    data, problems = load(tmp_path, text, "cv")
    shown = detail if length < 120 else detail[:117] + "..."
    assert problems == [
        ("yaml-schema", f"cv: cv.sections.s[0]: details: {shown}; the entry is skipped", 5, 9),
        ("yaml-schema", "cv: cv.sections.s[1]: area: 3 is not of type 'string'; the entry is skipped", 6, 9),
    ]
    assert data.records == ({"cv": {"name": "Ada", "sections": {"s": []}}},)


def test_cv_entry_keys_are_listed(tmp_path):
    _, problems = load(tmp_path, "cv:\n  sections:\n    s:\n      - {foo: 1, bar: 2}\n", "cv")
    assert problems == [
        (
            "yaml-schema",
            "cv: cv.sections.s[0]: its keys (foo, bar) make no RenderCV entry type; the entry is skipped",
            4,
            9,
        )
    ]


def test_a_mapping_of_roles_that_is_not_a_mapping(tmp_path):
    data, problems = load(tmp_path, "roles: 3\npeople: []\n", "people")
    assert data.meta == ()
    assert problems == [
        (
            "yaml-schema",
            "people: roles: 3 is not valid: expected Roles added to (or relabelled in) the built-in registry, by key. "
            "`alumni` relabels the alumni group.",
            1,
            8,
        )
    ]


def test_top_level_text_is_no_address_unless_its_key_says_so(tmp_path):
    data, problems = load(tmp_path, "name: 'javascript: the language'\nbio: 'data: a science'\n", "profile")
    assert (data.records, problems) == (({"name": "javascript: the language", "bio": "data: a science"},), [])


def test_an_address_written_straight_in_a_list_under_links(tmp_path):
    # links: [a, b] (a list of addresses, as some CV templates write it) is checked like a mapping's values.
    text = "cv:\n  sections:\n    s:\n      - {label: L, details: D, links: ['https://ok.org', 'javascript:9']}\n"
    _, problems = load(tmp_path, text, "cv")
    assert problems == [("url", f"cv: cv.sections.s[0].links[1]: address 'javascript:9' {REFUSED}", 4, 58)]
