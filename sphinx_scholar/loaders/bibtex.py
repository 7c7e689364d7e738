"""Load ``.bib`` files into :class:`~sphinx_scholar.records.publication.Publication` records.

pybtex does the parsing. Every problem it reports (syntax errors, duplicate
keys and fields, undefined macros, bad names) is collected as a located
:class:`~sphinx_scholar.records.problem.Problem` instead of aborting, and the entry is
kept whenever something of it can be shown. A parsed file is cached by the
hash of its content, in memory and, when given a cache folder, on disk.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import os
import pickle
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from urllib.parse import quote

import pybtex.errors
from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.input.bibtex import DuplicateField, LowLevelParser, Parser, split_name_list
from pybtex.scanner import PybtexError, PybtexSyntaxError
from pybtex.textutils import normalize_whitespace

from ..records.labels import N_
from ..records.markup import rich_field
from ..records.math_guard import math_segment, refusals
from ..records.problem import Problem
from ..records.publication import DISPLAY_FIELDS, Author, Link, Publication
from ..records.richtext import (
    RichText,
    Segment,
    expand_macros,
    latex_to_plain,
    latex_to_rich,
    needs_parser,
    preamble_macros,
    refused_math,
    remember,
)
from ..records.urls import arxiv_abs_url, arxiv_id, doi_url, is_safe_url, same_address
from . import ContentCache, file_digest
from .bibtex_blocks import duplicate_key_problem, parse_by_blocks, split_blocks

__all__ = [
    "Bibliography",
    "LINK_FIELDS",
    "forget_parsed",
    "load_bibliography",
    "parse_bibliography",
]

#: Bump when the records change shape, to invalidate on-disk caches.
#: 6: math outside the allow-list of records.math_guard is text; 7: ``url`` is a link of its own,
#: arXiv ids normalised, HTML in fields; 8: records carry their decoded fields, url/href links, noopsort.
CACHE_VERSION = 11  # 9: the digest first in the file; 10: escaped braces and backslashes kept; 11: ``quotes'' in plain fields

#: Link fields, in the order they are shown, with their label.
LINK_FIELDS: tuple[tuple[str, str], ...] = (
    ("arxiv", N_("arxiv")),
    ("pdf", N_("pdf")),
    ("html", N_("html")),
    ("url", N_("url")),
    ("code", N_("code")),
    ("supp", N_("supp")),
    ("slides", N_("slides")),
    ("poster", N_("poster")),
    ("video", N_("video")),
    ("blog", N_("blog")),
    ("website", N_("website")),
    ("doi", N_("doi")),
    ("hal", N_("hal")),
)


KNOWN_TYPES = frozenset(
    {
        "article",
        "book",
        "booklet",
        "conference",
        "inbook",
        "incollection",
        "inproceedings",
        "manual",
        "mastersthesis",
        "misc",
        "phdthesis",
        "proceedings",
        "techreport",
        "unpublished",
        "online",
        "thesis",
        "report",
        "software",
        "dataset",
        "patent",
        "collection",
        "periodical",
        "electronic",
        "www",
        "preprint",
        "presentation",
        "artwork",
        "audio",
        "video",
        "movie",
        "standard",
        "mvbook",
        "mvcollection",
        "mvproceedings",
        "suppbook",
        "inreference",
        "reference",
    }
)

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january", "janvier"),
            ("feb", "february", "fevrier"),
            ("mar", "march", "mars"),
            ("apr", "april", "avril"),
            ("may", "mai"),
            ("jun", "june", "juin"),
            ("jul", "july", "juillet"),
            ("aug", "august", "aout"),
            ("sep", "sept", "september", "septembre"),
            ("oct", "october", "octobre"),
            ("nov", "november", "novembre"),
            ("dec", "december", "decembre"),
        ],
        start=1,
    )
    for name in names
}
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
_MARK_PATTERNS = (
    re.compile(r"\$\s*\^\s*\{?\s*(\\ast|\*|\\dagger|\\ddagger|\\S)\s*\}?\s*\$"),
    re.compile(r"\\textsuperscript\s*\{\s*([^{}]*)\}"),
)
_MARK_MACROS = {
    "\\ast": "*",
    "\\dagger": "\u2020",
    "\\ddagger": "\u2021",
    "\\dag": "\u2020",
    "\\ddag": "\u2021",
    "\\S": "\u00a7",
}
_MARK_CHARS = "*\u2020\u2021\u00a7\u00b6#"
_NOT_TEXT = frozenset(
    {name for name, _ in LINK_FIELDS} | {"url", "preview", "preview_hover", "eprint", "file", "keywords"}
)
_STRAY_AND = re.compile(r"(?:^|(?<=\s))and(?=\s|$)")
#: Fields that are identifiers or addresses, never decoded as LaTeX text.
_RAW_FIELDS = frozenset(
    {
        "url",
        "doi",
        "eprint",
        "arxiv",
        "pdf",
        "code",
        "html",
        "supp",
        "slides",
        "poster",
        "video",
        "blog",
        "website",
        "hal",
        "file",
        "preview",
        "preview_hover",
        "isbn",
        "issn",
        "crossref",
        "bibsource",
        "biburl",
        "timestamp",
        "owner",
        "altmetric",
        "dimensions",
        "google_scholar_id",
        "inspirehep_id",
        "pmid",
        "pmcid",
        "urldate",
        "keywords",
        "year",
        "month",
        "day",
        "date",
        "archiveprefix",
        "primaryclass",
        "selected",
        "bibtex_show",
    }
)


@dataclass(frozen=True)
class Bibliography:
    """A parsed ``.bib`` file."""

    path: str
    digest: str
    entries: tuple[Publication, ...]
    problems: tuple[Problem, ...]

    @property
    def by_key(self) -> Mapping[str, Publication]:
        table = self.__dict__.get("_by_key")
        if table is None:
            table = MappingProxyType({e.key: e for e in self.entries})
            object.__setattr__(self, "_by_key", table)
        return table

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_by_key", None)
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)


# --- reading -----------------------------------------------------------------


def decode_source(data: bytes, path: str) -> tuple[str, list[Problem]]:
    """Decode a .bib file: UTF-8 (with or without BOM), else Latin-1."""
    problems: list[Problem] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problems.append(
            Problem(
                "encoding",
                "file is not valid UTF-8; read as Latin-1 (save it as UTF-8 to silence this)",
                path,
                line,
            )
        )
        text = data.decode("latin-1")
    return text.replace("\r\n", "\n").replace("\r", "\n"), problems


MAX_FIELD = 256 * 1024  # characters of one field or @string, after macros
EXPANSION_FACTOR = 16  # all the @string macro text a file expands to: this many times its text...
EXPANSION_FLOOR = 1024 * 1024  # ...or this many characters, whichever is more


class _TooLong(PybtexSyntaxError):
    """A value cut to the size bounds (a field of ``@string`` concatenations)."""


class _BoundedParser(LowLevelParser):
    """pybtex's low-level parser with bounded values: each field or ``@string``
    at most ``MAX_FIELD`` characters after its macros are expanded, and all the
    text macros expand to at most ``budget`` characters (a 500-byte file of
    ``@string`` concatenations otherwise expands to gigabytes). Text written
    out in the file is bounded by the file."""

    def __init__(self, *args, budget: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.budget = budget
        self._macro = False

    def substitute_macro(self, name):
        self._macro = True
        return super().substitute_macro(name)

    def parse_value(self) -> None:
        parts: list[str] = []
        size = 0
        cut = False
        macros = False
        start = True
        while start or self.optional([self.HASH]):
            start = False
            self._macro = False
            part = self.parse_value_part()
            macro = self._macro
            macros = macros or macro
            room = max(min(MAX_FIELD - size, self.budget if macro else MAX_FIELD), 0)
            if len(part) > room:
                part, cut = part[:room], True
            size += len(part)
            if macro:
                self.budget -= len(part)
            parts.append(part)
        self.current_value = parts
        if cut:
            name = self.current_field_name or "value"
            why = (
                f"is longer than {MAX_FIELD // 1024} KB after its @string macros, or the file's macros expand too far"
                if macros
                else f"is longer than {MAX_FIELD // 1024} KB"
            )
            self.handle_error(_TooLong(f"{name} {why}; it is cut", self))


class _LocatingParser(Parser):
    """pybtex's parser, remembering where each entry starts and never raising."""

    def __init__(self, path: str, text: str) -> None:
        super().__init__()
        self.path = path
        self.text = text
        self.problems: list[Problem] = []
        self.lines: dict[str, int] = {}
        self._newlines = [m.start() for m in re.finditer("\n", text)]
        self._entry_line: int | None = None
        self._captured: list = []
        self._persons: dict[str, Person] = {}
        # Commands @preamble defines to print nothing or a fixed text, wherever
        # the @preamble is (block by block, it comes first).
        self.user_macros: dict[str, tuple[int, str]] = {}
        if "@preamble" in text.lower():
            self.user_macros = preamble_macros(
                "\n".join(chunk for _, kind, chunk in split_blocks(text) if kind == "preamble")
            )

    def line_of(self, offset: int) -> int:
        return bisect.bisect_left(self._newlines, offset) + 1

    def handle_error(self, error) -> None:
        line = getattr(error, "lineno", None) or self._entry_line
        message = str(error)
        subtype = "bibtex-syntax"
        if isinstance(error, _TooLong):
            self.problems.append(
                Problem(
                    "bibtex-size",
                    error.args[0] if error.args else str(error),
                    self.path,
                    error.lineno or self._entry_line,
                    entry_line=self._entry_line,
                )
            )
            return
        if type(error).__name__ == "UndefinedMacro":
            subtype = "bibtex-macro"
        elif type(error).__name__ == "DuplicateField":
            subtype = "bibtex-duplicate-field"
        elif isinstance(error, PybtexSyntaxError):
            # pybtex says "syntax error in line N: ..."; the location says it already.
            message = re.sub(r"^syntax error in line \d+: ", "syntax error: ", message)
        if type(error).__name__ == "UndefinedMacro":
            message = re.sub(r" in line \d+", "", message) + " (the field is left empty)"
        context = getattr(error, "error_context_info", None)
        start = self.line_of(context[0]) if context and line else None
        self.problems.append(Problem(subtype, message, self.path, line, entry_line=start))

    def parse(self) -> BibliographyData:
        self.unnamed_entry_counter = 1
        self.command_start = 0
        iterator = _BoundedParser(
            self.text,
            budget=max(EXPANSION_FACTOR * len(self.text), EXPANSION_FLOOR),
            keyless_entries=False,
            handle_error=self.handle_error,
            want_entry=self.data.want_entry,
            filename=self.path,
            macros=self.macros,
        )
        with pybtex.errors.capture() as captured:
            self._captured = captured
            for command, args in iterator:
                self._entry_line = self.line_of(iterator.command_start)
                kind = command.lower()
                if kind == "string":
                    continue
                if kind == "preamble":
                    self.process_preamble(*args)
                    continue
                self.process_entry(command, *args)
                self._drain()
            self._drain()
        return self.data

    def _drain(self) -> None:
        while self._captured:
            error = self._captured.pop(0)
            if isinstance(error, PybtexSyntaxError) or type(error).__name__ == "DuplicateField":
                self.handle_error(error)
            else:
                self.problems.append(Problem("bibtex-name", str(error), self.path, self._entry_line))

    def process_entry(self, entry_type, key, fields) -> None:
        if not key:
            key = f"unnamed-{self.unnamed_entry_counter}"
            self.unnamed_entry_counter += 1
            self.problems.append(
                Problem("bibtex-syntax", f"entry without a key; shown as {key!r}", self.path, self._entry_line)
            )
        if key in self.data.entries:
            first = self.lines.get(key.lower())
            n = 2
            while f"{key}-{n}" in self.data.entries:
                n += 1
            new_key = f"{key}-{n}"
            self.problems.append(duplicate_key_problem(key, first, new_key, self.path, self._entry_line))
            key = new_key
        self.lines[key.lower()] = self._entry_line or 0
        try:
            self._process_entry(entry_type, key, fields)
        except PybtexError as error:  # a bad name: keep the entry without persons
            self.problems.append(Problem("bibtex-name", str(error), self.path, self._entry_line))
            entry = Entry(entry_type)
            for name, values in fields:
                if name.lower() not in self.person_fields and name not in entry.fields:
                    entry.fields[name] = "".join(values)
            self.data.entries[key] = entry

    def _process_entry(self, entry_type, key, fields) -> None:
        """pybtex's ``Parser.process_entry``, with each distinct name parsed once.

        Lab bibliographies repeat the same authors in hundreds of entries, and
        pybtex's name splitting is its slowest step. A name that gave an error
        is not cached, so every entry that has it gets its own warning.
        """
        entry = Entry(entry_type)
        seen_fields = set()
        for field_name, field_value_list in fields:
            if field_name.lower() in seen_fields:
                self.handle_error(DuplicateField(key, field_name))
                continue
            field_value = "".join(field_value_list)
            if field_name.lower() == "keywords" and "\n" in field_value.strip() and not re.search(r"[,;]", field_value):
                # PubMed and EndNote write one keyword a line; with commas, a line break only wraps.
                field_value = re.sub(r"\s*\n\s*", "; ", field_value.strip())
            field_value = normalize_whitespace(field_value)
            if self.user_macros:
                field_value = expand_macros(field_value, self.user_macros)
            if field_name in self.person_fields:
                for name in split_name_list(field_value):
                    entry.add_person(self._person(name), field_name)
            else:
                entry.fields[field_name] = field_value
            seen_fields.add(field_name.lower())
        self.data.add_entry(key, entry)

    def _person(self, name: str) -> Person:
        person = self._persons.get(name)
        if person is None:
            errors = len(self._captured)
            person = Person(name)
            if len(self._captured) == errors:
                self._persons[name] = person
        return person


def _strip_marks(text: str) -> tuple[str, str]:
    marks = ""
    for pattern in _MARK_PATTERNS:

        def keep(match: re.Match) -> str:
            nonlocal marks
            value = match.group(1).strip()
            marks += _MARK_MACROS.get(value, value)
            return ""

        text = pattern.sub(keep, text)
    for macro, char in (("\\dagger", "\u2020"), ("\\ddagger", "\u2021"), ("\\ddag", "\u2021"), ("\\dag", "\u2020")):
        if macro in text:
            marks += char * text.count(macro)
            text = text.replace(macro, "")
    plain = latex_to_plain(text)
    while plain and plain[-1] in _MARK_CHARS:
        marks = plain[-1] + marks
        plain = plain[:-1].rstrip()
    while plain and plain[0] in _MARK_CHARS:
        marks += plain[0]
        plain = plain[1:].lstrip()
    return plain, marks


def _make_author(person: Person) -> Author:
    """An :class:`Author` from a pybtex Person, computed once per Person object."""
    author = getattr(person, "_scholar_author", None)
    if author is None:
        author = person._scholar_author = _author_of(person)
    return author


def _author_of(person: Person) -> Author:
    raw = str(person)
    if raw.strip().lower() == "others":
        return Author(others=True)
    marks = ""
    parts = []
    for names in (
        person.first_names + person.middle_names,
        person.prelast_names,
        person.last_names,
        person.lineage_names,
    ):
        texts = []
        for name in names:
            text, found = _strip_marks(name)
            marks += found
            if text:
                texts.append(text)
        parts.append(" ".join(texts))
    first, von, last, jr = parts
    return Author(first=first, von=von, last=last, jr=jr, marks=marks)


def _keywords(value: str) -> tuple[str, ...]:
    """Keywords separated by ``,`` or ``;`` (line breaks are made ``;`` when parsing), each once."""
    seen: dict[str, str] = {}
    for part in re.split(r"[,;]", value):
        keyword = latex_to_plain(part).strip()
        if keyword and keyword.lower() not in seen:
            seen[keyword.lower()] = keyword
    return tuple(seen.values())


def _int(value: str) -> int | None:
    match = re.search(r"\d{1,9}", value)  # a day; a 20,000-digit one is no int() to try
    return int(match.group()) if match else None


def _month(value: str) -> int | None:
    value = latex_to_plain(value).strip().lower().rstrip(".")
    if not value:
        return None
    if value.isascii() and value.isdigit():
        number = int(value[-3:])  # (int() refuses 4,300 digits and more)
        return number if 1 <= number <= 12 else None
    value = value.replace("é", "e").replace("û", "u")
    return _MONTHS.get(value) or _MONTHS.get(value[:3])


def _venue(entry_type: str, fields: Mapping[str, str]) -> str:
    def first(*names: str) -> str:
        for name in names:
            if fields.get(name):
                return fields[name]
        return ""

    if entry_type in {"article", "periodical"}:
        return first("journal", "journaltitle", "booktitle", "publisher")
    if entry_type in {"inproceedings", "conference", "incollection", "inbook", "inreference"}:
        return first("booktitle", "journal", "journaltitle", "publisher")
    if entry_type in {"phdthesis", "mastersthesis", "thesis"}:
        kind = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}.get(entry_type, "Thesis")
        where = first("school", "institution")
        return f"{kind}, {where}" if where else kind
    if entry_type in {"techreport", "report"}:
        where = first("institution", "publisher")
        number = fields.get("number", "")
        return ", ".join(p for p in (where, f"Technical report {number}".strip()) if p)
    venue = first(
        "journal",
        "journaltitle",
        "booktitle",
        "howpublished",
        "publisher",
        "school",
        "institution",
        "organization",
    )
    if not venue and fields.get("eprint") and fields.get("archiveprefix", "").lower() == "arxiv":
        venue = "arXiv"
    return venue


def _hal_url(value: str) -> str:
    value = value.strip()
    if re.match(r"^https?://", value):
        return value
    return "https://hal.science/" + quote(value, safe="-_.v")


def _unescape_url(url: str) -> str:
    """What reference managers escape in URLs: ``\\_``, ``{\\_}``, ``\\%``..."""
    url = re.sub(r"\{?\\([_%&#~$])\}?", r"\1", url)
    return url.replace("{", "").replace("}", "")


def _arxiv_value(values: Mapping[str, str]) -> str:
    """The arXiv identifier of an entry, wherever the exporter put it."""
    primary = values.get("primaryclass", "") or values.get("eprintclass", "")
    if values.get("arxiv", "").strip():
        return arxiv_id(values["arxiv"], primary)
    if values.get("arxivid", "").strip():  # Mendeley
        return arxiv_id(values["arxivid"], primary)
    eprint = values.get("eprint", "").strip()
    kind = (values.get("archiveprefix", "") or values.get("eprinttype", "")).strip().lower()
    if eprint and kind == "arxiv":
        return arxiv_id(eprint, primary)
    return ""


def _links(
    path: str, line: int | None, key: str, fields: Mapping[str, str], problems: list[Problem]
) -> tuple[Link, ...]:
    links: list[Link] = []
    values = dict(fields)
    identifier = _arxiv_value(values)
    if identifier:
        values["arxiv"] = identifier
    for name, label in LINK_FIELDS:
        raw = values.get(name, "").strip()
        if not raw:
            continue
        if name == "url":
            links.extend(_url_links(raw, values, links, path, line, key, problems))
            continue
        url = _link_url(name, raw)
        safety = is_safe_url(url)
        if safety is None:
            problems.append(
                Problem(
                    "url",
                    f"entry {key!r}: {name} link {raw!r} refused (only http, https, mailto and relative links are allowed)",
                    path,
                    line,
                )
            )
            continue
        links.append(Link(name, label, url, local=safety == "local"))
    return tuple(links)


def _link_url(name: str, raw: str) -> str:
    """The address of the link field ``name`` (not ``url``) whose value is ``raw``."""
    if name == "arxiv":
        return arxiv_abs_url(raw)
    if name == "doi":
        return doi_url(_unescape_url(raw))
    if name == "hal":
        return _hal_url(raw)
    return _unescape_url(raw)


def _url_links(
    raw: str,
    values: Mapping[str, str],
    earlier: list[Link],
    path: str,
    line: int | None,
    key: str,
    problems: list[Problem],
) -> list[Link]:
    """The links of a ``url`` field: web addresses only, none shown twice in the row."""
    links: list[Link] = []
    # Mendeley writes several addresses in one field, separated by spaces
    # (and keeps the spaces of a file name inside one).
    for url in re.split(r"\s+(?=https?://)", _unescape_url(raw)):
        url = re.sub(r"\s+", "%20", url.strip())
        if is_safe_url(url) != "remote":
            # ``url`` is an address on the web; only http(s) will do.
            problems.append(
                Problem(
                    "url",
                    f"entry {key!r}: url {url!r} refused (only http and https addresses are linked)",
                    path,
                    line,
                )
            )
        elif not same_address(url, [link.url for link in earlier + links] + _later_addresses(values)):
            links.append(Link("url", "url", url))
    return links


def _later_addresses(values: Mapping[str, str]) -> list[str]:
    """Addresses of the links after ``url`` in the row, so ``url`` is not shown twice."""
    out = []
    if values.get("doi", "").strip():
        out.append(doi_url(_unescape_url(values["doi"])))
    for name in ("code", "supp", "slides", "poster", "video", "blog", "website", "hal"):
        if values.get(name, "").strip():
            out.append(_unescape_url(values[name].strip()))
    return out


def _clean_bibtex(
    key: str, entry_type: str, fields: Iterable[tuple[str, str]], persons: Mapping[str, list[Person]]
) -> str:
    lines = [f"@{entry_type}{{{key},"]
    for role in ("author", "editor"):
        if persons.get(role):
            lines.append(f"  {role} = {{{' and '.join(str(p) for p in persons[role])}}},")
    for name, value in fields:
        if name in DISPLAY_FIELDS or name in {"crossref"}:
            continue
        lines.append(f"  {name} = {{{value}}},")
    lines.append("}")
    return "\n".join(lines)


def _digest(*parts: object) -> str:
    return hashlib.sha1(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _resolve_crossrefs(
    data: BibliographyData, path: str, lines: Mapping[str, int], problems: list[Problem]
) -> dict[str, tuple[dict[str, str], dict[str, list[Person]]]]:
    lower_keys = {k.lower(): k for k in data.entries}
    resolved = {}
    for key, entry in data.entries.items():
        fields = {name.lower(): value for name, value in entry.fields.items()}
        persons = {role.lower(): list(people) for role, people in entry.persons.items()}
        target_key = fields.get("crossref", "").strip()
        if target_key:
            target_name = lower_keys.get(target_key.lower())
            if target_name is None:
                problems.append(
                    Problem(
                        "bibtex-crossref",
                        f"entry {key!r}: crossref to unknown entry {target_key!r}",
                        path,
                        lines.get(key.lower()),
                    )
                )
            else:
                target = data.entries[target_name]
                parent = {name.lower(): value for name, value in target.fields.items()}
                if "title" in parent and "booktitle" not in fields:
                    fields["booktitle"] = parent["title"]
                for name, value in parent.items():
                    if name not in {"title", "crossref"}:
                        fields.setdefault(name, value)
                for role, people in target.persons.items():
                    persons.setdefault(role.lower(), list(people))
        resolved[key] = (fields, persons)
    return resolved


def parse_bibliography(text: str, path: str) -> tuple[list[Publication], list[Problem]]:
    """Parse BibTeX source text; never raises."""
    if "\r" in text:  # pybtex and we must count the same lines
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    parser = _LocatingParser(path, text)
    data = parser.parse()
    problems = parser.problems
    resolved = _resolve_crossrefs(data, path, parser.lines, problems)
    entries: list[Publication] = []
    for index, (key, entry) in enumerate(data.entries.items()):
        fields, persons = resolved[key]
        where = _Where(path, parser.lines.get(key.lower()), key, problems)
        entries.append(_publication(where, index, entry.type, fields, persons))
    problems.sort(key=lambda p: p.line or 0)
    return entries, problems


@dataclass(frozen=True)
class _Where:
    """The entry being read, and where its problems go."""

    path: str
    line: int | None
    key: str
    problems: list[Problem]

    def problem(self, *, subtype: str, text: str) -> None:
        self.problems.append(Problem(subtype, text, self.path, self.line))


def _publication(
    where: _Where, index: int, raw_type: str, fields: dict[str, str], persons: dict[str, list[Person]]
) -> Publication:
    """The record of one entry, its crossref resolved; problems go to ``where``."""
    key = where.key
    entry_type = _entry_type(where, raw_type)
    title = _title(where, fields.get("title", ""))
    authors = _authors(where, persons.get("author", []))
    editors = [_make_author(p) for p in persons.get("editor", [])]
    year, month, day = _date(where, fields)
    ordered = tuple(sorted(fields.items()))
    _math_problems(where, ordered)
    return Publication(
        key=key,
        type=entry_type,
        title=title,
        authors=tuple(authors),
        editors=tuple(editors),
        venue=rich_field(_venue(entry_type, fields)),
        year=year,
        month=month,
        day=day,
        fields=ordered,
        keywords=_keywords(fields.get("keywords", "")),
        links=_links(where.path, where.line, key, fields, where.problems),
        source=where.path,
        line=where.line,
        index=index,
        bibtex=_clean_bibtex(key, raw_type.lower(), fields.items(), persons),
        # The content only: a key change is seen through the key itself.
        digest=_digest(entry_type, ordered, [(r, [str(p) for p in ps]) for r, ps in sorted(persons.items())]),
        decoded=tuple(
            (name, latex_to_rich(value)) for name, value in ordered if name not in _RAW_FIELDS and needs_parser(value)
        ),
    )


def _entry_type(where: _Where, raw_type: str) -> str:
    """The entry type in lower case; an unknown one is ``misc``, with a problem."""
    entry_type = raw_type.lower()
    if entry_type in KNOWN_TYPES:
        return entry_type
    where.problem(subtype="bibtex-type", text=f"entry {where.key!r}: unknown entry type @{raw_type}; shown as @misc")
    return "misc"


def _title(where: _Where, source: str) -> RichText:
    """The decoded title; the key, with a problem, when it has no text."""
    if not source.strip():
        where.problem(
            subtype="bibtex-missing-field", text=f"entry {where.key!r} has no title; its key is shown instead"
        )
        return RichText((Segment("text", where.key),))
    title = rich_field(source)
    if not title.text.strip():
        where.problem(
            subtype="bibtex-missing-field",
            text=f"entry {where.key!r}: the title has no text once its HTML is read; its key is shown instead",
        )
        return RichText((Segment("text", where.key),))
    return title


def _authors(where: _Where, persons: list[Person]) -> list[Author]:
    """The authors, repairing "and and" and skipping empty names (with a problem each)."""
    authors = []
    for person in persons:
        if _STRAY_AND.search(str(person)):
            # "A and and B": pybtex glues the extra "and" to a name.
            where.problem(subtype="bibtex-name", text=f'entry {where.key!r}: empty name in the author list ("and and")')
            person = Person(_STRAY_AND.sub(" ", str(person)).strip())
        author = _make_author(person)
        if not author.others and not (author.last or author.first):
            where.problem(subtype="bibtex-name", text=f"entry {where.key!r}: empty author name {str(person)!r} skipped")
            continue
        authors.append(author)
    return authors


def _date(where: _Where, fields: Mapping[str, str]) -> tuple[int | None, int | None, int | None]:
    """Year, month and day from ``date``, else ``year``/``month``/``day``."""
    year = month = day = None
    date = _DATE.match(fields.get("date", ""))
    if date:
        year = int(date.group(1))
        month = int(date.group(2)) if date.group(2) else None
        day = int(date.group(3)) if date.group(3) else None
    if year is None and fields.get("year"):
        match = _YEAR.search(fields["year"])
        year = int(match.group(1)) if match else None
        if year is None:
            where.problem(subtype="bibtex-field", text=f"entry {where.key!r}: year {fields['year']!r} is not a year")
    if year is None and not date:
        where.problem(subtype="bibtex-missing-field", text=f"entry {where.key!r} has no year")
    if month is None and fields.get("month"):
        month = _month(fields["month"])
    if day is None and fields.get("day"):
        day = _int(fields["day"])
    return year, month, day


def _math_problems(where: _Where, ordered: Iterable[tuple[str, str]]) -> None:
    """A problem for each formula of a text field that is shown as text."""
    for name, value in ordered:
        if name not in _NOT_TEXT:
            where.problems.extend(
                Problem("math", f"entry {where.key!r}: {name}: {message}", where.path, where.line)
                for message in refusals(value, _replay_refused)
            )


# --- caching -----------------------------------------------------------------

# GLOBAL STATE (content caches, see ContentCache: parallel-safe, bounded).
#: The last parse of each ``.bib`` path, returned only while the file's content
#: digest is still the one stored in the Bibliography.
_parsed_files: ContentCache[str, Bibliography] = ContentCache(maxsize=64)
#: Per ``.bib`` path, the records of each entry block keyed by the block's
#: content hash (see bibtex_blocks); held in memory only when there is no cache folder.
_block_records: ContentCache[str, dict] = ContentCache(maxsize=64)


def forget_parsed() -> None:
    """Empty the in-memory caches, as a new process would start (for tests)."""
    _parsed_files.clear()
    _block_records.clear()


def _cache_file(kind: str, path: str, cache_dir: str) -> str:
    name = hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return os.path.join(cache_dir, f"{kind}-{CACHE_VERSION}-{name}.pickle")


def _block_file(path: str, cache_dir: str) -> str:
    return _cache_file("blocks", path, cache_dir)


def _prune_old_versions(cache_dir: str) -> None:
    """Remove cache files written by other versions of this package."""
    try:
        names = os.listdir(cache_dir)
    except OSError:
        return
    for name in names:
        kind, _, rest = name.partition("-")
        if kind in {"bib", "blocks"} and not rest.startswith(f"{CACHE_VERSION}-"):
            with contextlib.suppress(OSError):
                os.remove(os.path.join(cache_dir, name))


def _block_cache(path: str, cache_dir: str | None) -> dict:
    """Per-entry parse results of the file's previous version."""
    blocks = _block_records.get(path)
    if blocks is None and cache_dir:
        try:
            with open(_block_file(path, cache_dir), "rb") as handle:
                blocks = pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError, ImportError):
            pass
    if blocks is None:
        blocks = {}
    _block_records.put(path, blocks)
    return blocks


def _save_block_cache(path: str, cache_dir: str | None, blocks: dict) -> None:
    if not cache_dir:
        return
    try:
        os.makedirs(cache_dir, exist_ok=True)
        target = _block_file(path, cache_dir)
        temporary = f"{target}.{os.getpid()}.tmp"
        with open(temporary, "wb") as handle:
            pickle.dump(blocks, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target)
    except OSError:
        pass


def _replay_refused(value: str) -> None:
    """Show :func:`refusals` the formulas of ``value`` that were refused when it
    was decoded (once, however often it is asked)."""
    for formula in refused_math(value):
        math_segment(formula)


def _offer_decoded(entries: Iterable[Publication]) -> None:
    """Hand the decoder the fields these records carry, decoded when they were parsed."""
    remember((value, rich) for pub in entries if pub.decoded for value, rich in _pairs(pub))


def _pairs(pub: Publication):
    fields = dict(pub.fields)
    for name, rich in pub.decoded:
        yield fields.get(name, ""), rich


def load_bibliography(path: str | os.PathLike[str], cache_dir: str | None = None) -> Bibliography:
    """Load a ``.bib`` file, parsing it only when its content is new.

    Raises ``OSError`` when the file cannot be read.
    """
    path = os.fspath(path)
    with open(path, "rb") as handle:
        data = handle.read()
    digest = file_digest(data)
    cached = _parsed_files.get(path)
    if cached is not None and cached.digest == digest:
        return cached
    cache_file = None
    if cache_dir:
        # One file per .bib path, replaced when the content changes.
        cache_file = _cache_file("bib", path, cache_dir)
        try:
            with open(cache_file, "rb") as handle:
                # The digest comes first: an edited file's old records are not read at all.
                if pickle.load(handle) == (path, digest):
                    bibliography = pickle.load(handle)
                    _parsed_files.put(path, bibliography)
                    _offer_decoded(bibliography.entries)
                    return bibliography
        except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError, ImportError, TypeError):
            pass
    text, problems = decode_source(data, path)
    blocks = _block_cache(path, cache_dir)
    entries, more = parse_by_blocks(text, path, parse_bibliography, blocks)
    _offer_decoded(entries)  # those of unchanged blocks were decoded by an earlier build
    _save_block_cache(path, cache_dir, blocks)
    if cache_dir:
        # A second copy of every record: on disk now, not needed in memory
        # (the next edit is read by the next build, in a new process).
        _block_records.pop(path)
    bibliography = Bibliography(path, digest, tuple(entries), tuple(problems + more))
    _parsed_files.put(path, bibliography)
    if cache_file:
        try:
            os.makedirs(cache_dir, exist_ok=True)
            _prune_old_versions(cache_dir)
            temporary = f"{cache_file}.{os.getpid()}.tmp"
            with open(temporary, "wb") as handle:
                pickle.dump((path, digest), handle, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(bibliography, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, cache_file)
        except OSError:
            pass
    return bibliography
