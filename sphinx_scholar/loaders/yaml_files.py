"""Load the YAML data files (profile, people, teaching, talks, cv, news, projects, group) with located errors.

YAML is composed with PyYAML's safe loader into nodes that keep their line
and column; values are built from the nodes here, so a Python object tag is
refused instead of run, and alias expansion is bounded. Each file is
validated by the JSON Schema shipped in ``sphinx_scholar/schemas`` (the same
file an editor can use), record by record, so one bad record never hides the
good ones. Subtypes:

``yaml-syntax``       the file is not YAML, is empty, nests too deep or expands too far
``encoding``          the file is not UTF-8 (it is read as Latin-1)
``yaml-schema``       a value of the wrong type, a missing required field
``yaml-unknown-key``  a key the schema does not know (with a close match)
``yaml-unsafe``       a Python object tag, refused
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..records.problem import Problem
from ..records.urls import is_safe_url

if TYPE_CHECKING:
    import jsonschema
    import yaml

__all__ = ["DataFile", "SCHEMA_DIR", "load_data_file", "schema_for"]

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
#: file kind -> the top-level key holding its records (None: the file is one record)
RECORD_LISTS = {
    "profile": None,
    "people": "people",
    "teaching": "courses",
    "talks": "talks",
    "cv": None,
    "news": "news",
    "projects": "projects",
    "group": None,
}
MAX_NODES = 200_000  # alias bombs stop here
MAX_DEPTH = 64  # nested mappings and lists; deeper is refused (PyYAML composes recursively)
EXPANSION_FACTOR = 4  # the values of a file may hold at most this many times its text (aliases)...
EXPANSION_FLOOR = 1_000_000  # ...or this many characters, whichever is more


# GLOBAL STATE (a cache of package data): the JSON Schemas shipped with this
# package, one per kind of RECORD_LISTS (so bounded), read once per process.
# They never change during a run and hold nothing of a build: safe across
# builds and -j workers.
@lru_cache(maxsize=len(RECORD_LISTS))
def schema_for(kind: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class DataFile:
    """A validated file: its records (plain dicts) with their lines, and problems."""

    path: str
    kind: str
    records: tuple[dict, ...]
    lines: tuple[int, ...]
    problems: tuple[Problem, ...]
    #: the file's other valid top-level values (e.g. ``roles`` and ``groups`` of a people file)
    meta: tuple[tuple[str, Any], ...] = ()


class _TooLarge(Exception):
    pass


class _TooDeep(Exception):
    def __init__(self, mark) -> None:
        super().__init__()
        self.mark = mark


@lru_cache(maxsize=1)
def _bounded_loader() -> type:
    """PyYAML's safe loader, refusing to compose deeper than ``MAX_DEPTH``
    (a RecursionError otherwise, at ~300 levels). Made on first use: PyYAML is
    imported when a YAML file is first read, not when Sphinx loads the extension."""
    import yaml

    class BoundedLoader(yaml.SafeLoader):
        _depth = 0

        def compose_node(self, parent, index):
            self._depth += 1
            try:
                if self._depth > MAX_DEPTH:
                    raise _TooDeep(self.peek_event().start_mark)
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1

    return BoundedLoader


class _Builder:
    """YAML nodes to Python values, remembering where each value was."""

    def __init__(self, path: str, budget: int = EXPANSION_FLOOR) -> None:
        self.path = path
        self.marks: dict[tuple, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.count = 0
        self.budget = budget  # characters of scalar values still allowed
        import yaml

        self._constructor = yaml.SafeLoader("")
        self._error: type[Exception] = yaml.YAMLError

    def build(self, node: yaml.Node, where: tuple = ()) -> Any:
        self.count += 1
        if self.count > MAX_NODES or len(where) > 2 * MAX_DEPTH:
            raise _TooLarge
        if node.id == "scalar":
            self.budget -= len(node.value)
            if self.budget < 0:
                raise _TooLarge
        self.marks[where] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag.startswith("tag:yaml.org,2002:python/") or node.tag.startswith("!"):
            self.problems.append(
                Problem(
                    "yaml-unsafe",
                    f"tag {node.tag} refused (only plain YAML data is read)",
                    self.path,
                    node.start_mark.line + 1,
                    node.start_mark.column + 1,
                )
            )
            return None
        if node.id == "mapping":
            out: dict = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    merged = self.build(value_node, where)
                    if isinstance(merged, dict):
                        for k, v in merged.items():
                            out.setdefault(k, v)
                    continue
                key = self.build(key_node, (*where, "<key>"))
                key = key if isinstance(key, str) else str(key)
                self.marks[(*where, key, "<key>")] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                out[key] = self.build(value_node, (*where, key))
            return out
        if node.id == "sequence":
            return [self.build(item, (*where, i)) for i, item in enumerate(node.value)]
        try:
            value = self._constructor.construct_object(node, deep=True)
        except (self._error, ValueError, KeyError) as error:  # `!!int abc`, `!!bool maybe`
            self.problems.append(
                Problem("yaml-syntax", str(error), self.path, node.start_mark.line + 1, node.start_mark.column + 1)
            )
            return None
        # Dates stay text ("2022-09-01"): the schemas and records read them as such.
        return value.isoformat() if hasattr(value, "isoformat") else value


def _path_text(path) -> str:
    return (
        "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(path)) or "(top)"
    )


def _describe(error: jsonschema.ValidationError) -> str:
    schema = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "required":
        return error.message.replace("is a required property", "is required")
    if error.validator in {"type", "anyOf", "pattern", "enum", "minimum", "maximum", "format", "minItems"}:
        expected = (
            schema.get("description")
            or ", ".join(
                (s.get("type", "") or s.get("$ref", "").rsplit("/", 1)[-1]) if isinstance(s, dict) else str(s)
                for s in schema.get("anyOf", [])
            )
            or schema.get("type", error.validator)
        )
        return f"{error.instance!r} is not valid: expected {expected}"
    return error.message


def _validate(kind: str, value: Any, schema: dict, root: dict, where: tuple, builder: _Builder) -> bool:
    """Report the record's problems; False when it cannot be used."""
    import jsonschema  # imported when a data file is validated, not with Sphinx's start

    validator = jsonschema.Draft202012Validator({**schema, "$defs": root.get("$defs", {})})
    usable = True
    for error in sorted(validator.iter_errors(value), key=lambda e: list(map(str, e.absolute_path))):
        location = (*where, *error.absolute_path)
        if error.validator == "additionalProperties":
            allowed = sorted(error.schema.get("properties", {}))
            extra = [k for k in error.instance if k not in error.schema.get("properties", {})]
            for key in extra:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f" (did you mean `{close[0]}`?)" if close else f" (known keys: {', '.join(allowed)})"
                line, column = builder.marks.get((*location, key, "<key>"), builder.marks.get(location, (None, None)))
                builder.problems.append(
                    Problem(
                        "yaml-unknown-key",
                        f"{kind}: unknown key `{key}` at {_path_text((*location, key))}{hint}; it is ignored",
                        builder.path,
                        line,
                        column,
                    )
                )
                if isinstance(error.instance, dict):
                    error.instance.pop(key, None)
            continue
        line, column = builder.marks.get(location, builder.marks.get(where, (None, None)))
        builder.problems.append(
            Problem("yaml-schema", f"{kind}: {_path_text(location)}: {_describe(error)}", builder.path, line, column)
        )
        usable = False
    return usable


def _without_nulls(value: Any) -> Any:
    """RenderCV's files write ``website: null`` or ``summary:`` for an absent value."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value if v is not None]
    return value


def _cv_entries(value: dict, root: dict, builder: _Builder) -> dict:
    """A CV's entries checked one by one: a bad entry costs that entry, never the page.

    Null values are absent values, as in RenderCV.
    """
    cv = value.get("cv")
    if not isinstance(cv, dict):
        return value
    sections = cv.get("sections")
    cv = {k: _without_nulls(v) for k, v in cv.items() if v is not None and k != "sections"}
    if isinstance(sections, dict):
        kept: dict = {}
        for title, entries in sections.items():
            good = _cv_section(title, entries, root, builder)
            if good is not None:
                kept[title] = good
        cv["sections"] = kept
    elif sections is not None:
        cv["sections"] = sections  # reported by the schema
    return {**value, "cv": cv}


def _cv_section(title: str, entries: Any, root: dict, builder: _Builder) -> list | None:
    """The valid entries of one CV section (None: the section is not shown), with a problem for each other one."""
    where = ("cv", "sections", title)
    if entries is None:
        return []
    if not isinstance(entries, list):
        line, column = builder.marks.get(where, (None, None))
        builder.problems.append(
            Problem(
                "yaml-schema",
                f"cv: section {title!r} must be a list of entries; it is not shown",
                builder.path,
                line,
                column,
            )
        )
        return None
    entry_schema = root["$defs"]["entry"]
    good = []
    for index, entry in enumerate(entries):
        line, column = builder.marks.get((*where, index), (None, None))
        if entry is None:
            why = "an empty entry is skipped"
        else:
            entry = _without_nulls(entry)
            problem = _entry_problem(entry, entry_schema, root)
            if not problem:
                good.append(entry)
                continue
            why = f"{problem}; the entry is skipped"
        builder.problems.append(
            Problem("yaml-schema", f"cv: {_path_text((*where, index))}: {why}", builder.path, line, column)
        )
    return good


def _entry_problem(entry: Any, schema: dict, root: dict) -> str:
    """Why a CV entry is no RenderCV entry, in a few words ("" if it is one); never the entry dumped."""
    import jsonschema

    validator = jsonschema.Draft202012Validator({**schema, "$defs": root.get("$defs", {})})
    error = jsonschema.exceptions.best_match(validator.iter_errors(entry))
    if error is None:
        return ""
    if isinstance(entry, dict) and error.validator == "anyOf" and not error.absolute_path:
        return f"its keys ({', '.join(map(str, entry))}) make no RenderCV entry type"
    if not isinstance(entry, (dict, str)):
        return f"a {type(entry).__name__} is no RenderCV entry"
    where = _path_text(list(error.absolute_path)) if error.absolute_path else ""
    detail = error.message if len(error.message) < 120 else error.message[:117] + "..."
    return f"{where + ': ' if where else ''}{detail}"


def _relaxed_sections(root: dict) -> dict:
    """The CV schema with its entries already checked (by :func:`_cv_entries`)."""
    cv = dict(root["properties"]["cv"])
    cv["properties"] = {**cv["properties"], "sections": {"type": "object", "additionalProperties": {"type": "array"}}}
    return {**root, "properties": {**root["properties"], "cv": cv}}


def load_data_file(path: str | Path, kind: str) -> DataFile:
    """Read and validate a data file; raises ``OSError`` when it cannot be read."""
    path = str(path)
    text, decoding = _decode(Path(path).read_bytes(), path)
    builder = _Builder(path, max(EXPANSION_FACTOR * len(text), EXPANSION_FLOOR))
    builder.problems.extend(decoding)
    try:
        value = _read_value(text, kind, builder)
    except _Unread as unread:
        return DataFile(path, kind, (), (), (*decoding, unread.problem))
    root = schema_for(kind)
    list_key = RECORD_LISTS[kind]
    if not isinstance(value, dict):
        builder.problems.append(
            Problem("yaml-schema", f"{kind}: the file must hold a mapping, not {type(value).__name__}", path, 1)
        )
        return DataFile(path, kind, (), (), tuple(builder.problems))
    if kind == "cv":
        value = _cv_entries(value, root, builder)
        root = _relaxed_sections(root)
    records: list[dict] = []
    lines: list[int] = []
    meta: list[tuple[str, Any]] = []
    if list_key is None:
        if _validate(kind, value, root, root, (), builder):
            records.append(value)
            lines.append(builder.marks.get((), (1, 1))[0])
    else:
        meta = _meta_values(kind, value, root, list_key, builder)
        records, lines = _list_records(kind, value, root, list_key, builder)
    _refuse_unsafe_links(kind, value, (), builder)
    return DataFile(path, kind, tuple(records), tuple(lines), tuple(builder.problems), tuple(meta))


#: keys whose text value is an address (and every value under ``links``)
_LINK_KEYS = frozenset({"url", "link", "website", "homepage", "href"})


def _refuse_unsafe_links(kind: str, value: Any, where: tuple, builder: _Builder, in_links: bool = False) -> None:
    """A located ``url`` problem for each address that will not be linked
    (``javascript:``, ``data:``...): the record is kept, its link shown as text
    or left out by the renderers, which check every address again."""
    if isinstance(value, dict):
        for key, sub in value.items():
            key_text = str(key)
            if isinstance(sub, str) and (in_links or key_text in _LINK_KEYS or key_text.endswith("_url")):
                if sub.strip() and is_safe_url(sub.strip()) is None:
                    line, column = builder.marks.get((*where, key), (None, None))
                    builder.problems.append(
                        Problem(
                            "url",
                            f"{kind}: {_path_text((*where, key))}: address {sub.strip()[:80]!r} refused "
                            "(only http, https, mailto and relative addresses are linked)",
                            builder.path,
                            line,
                            column,
                        )
                    )
            else:
                _refuse_unsafe_links(kind, sub, (*where, key), builder, key_text == "links")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _refuse_unsafe_links(kind, item, (*where, index), builder, in_links)


def _decode(data: bytes, path: str) -> tuple[str, list[Problem]]:
    """The text of a data file: UTF-8 (with or without BOM), else Latin-1 with a problem."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problem = Problem(
            "encoding",
            f"the file is not UTF-8 (byte 0x{data[error.start]:02x}); it is read as Latin-1: save it as UTF-8",
            path,
            line,
        )
        return data.decode("latin-1"), [problem]


class _Unread(Exception):
    """A file not read at all, for the one reason ``problem`` gives."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _read_value(text: str, kind: str, builder: _Builder) -> Any:
    """The file's value, built from its YAML nodes; raises :class:`_Unread`."""
    import yaml

    path = builder.path
    try:
        node = yaml.compose(text, Loader=_bounded_loader())
    except _TooDeep as error:
        raise _Unread(
            Problem(
                "yaml-syntax",
                f"values nested more than {MAX_DEPTH} deep; not read",
                path,
                error.mark.line + 1 if error.mark else None,
                error.mark.column + 1 if error.mark else None,
            )
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise _Unread(
            Problem(
                "yaml-syntax",
                f"not valid YAML: {getattr(error, 'problem', None) or error}",
                path,
                mark.line + 1 if mark else None,
                mark.column + 1 if mark else None,
            )
        ) from None
    if node is None:
        raise _Unread(Problem("yaml-syntax", f"{kind} file is empty", path, 1))
    try:
        return builder.build(node)
    except (_TooLarge, RecursionError):
        raise _Unread(
            Problem(
                "yaml-syntax",
                f"the document expands to more than {MAX_NODES} values or "
                f"{max(EXPANSION_FACTOR * len(text), EXPANSION_FLOOR)} characters (an alias bomb?); not read",
                path,
                1,
            )
        ) from None


def _meta_values(kind: str, value: dict, root: dict, list_key: str, builder: _Builder) -> list[tuple[str, Any]]:
    """The valid top-level values other than the record list (e.g. ``roles``)."""
    meta: list[tuple[str, Any]] = []
    for key, sub in root["properties"].items():
        # Each other top-level value stands alone: a bad one is dropped, the records are kept.
        if key == list_key or key not in value:
            continue
        if isinstance(value[key], dict) and isinstance(sub.get("additionalProperties"), dict):
            # A mapping (``roles``): each entry stands alone too.
            good = {
                name: item
                for name, item in value[key].items()
                if _validate(kind, item, sub["additionalProperties"], root, (key, name), builder)
            }
            meta.append((key, good))
        elif _validate(kind, value[key], sub, root, (key,), builder):
            meta.append((key, value[key]))
    return meta


def _list_records(kind: str, value: dict, root: dict, list_key: str, builder: _Builder) -> tuple[list[dict], list[int]]:
    """The valid records of the file's record list, and the line of each."""
    records: list[dict] = []
    lines: list[int] = []
    top = {k: v for k, v in root.items() if k != "properties"}
    top["properties"] = {**{k: {} for k in root["properties"]}, list_key: {"type": "array"}}
    if _validate(kind, value, top, root, (), builder) or isinstance(value.get(list_key), list):
        items = value.get(list_key) or []
        item_schema = root["properties"][list_key]["items"]
        for index, item in enumerate(items):
            if _validate(kind, item, item_schema, root, (list_key, index), builder):
                records.append(item)
                lines.append(builder.marks.get((list_key, index), (None, None))[0] or 1)
    return records, lines
