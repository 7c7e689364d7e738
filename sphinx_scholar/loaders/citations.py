"""Read the citation-count sidecar file (``citations.json``) that ``sphinx-scholar sync`` writes.

The build reads counts from here and never from the network. The file is
untrusted like every other input: a value that is not a count is skipped,
a file that cannot be read or parsed is one located
:class:`~sphinx_scholar.records.Problem`, never an exception.

Format (``"format": 1``)::

    {
      "format": 1,
      "as_of": "2026-11-25",          # date of the last complete sync (else the oldest entry's)
      "complete": true,               # false while a sync runs or after one was interrupted
      "entries": {
        "<bibtex key>": {
          "citations": 123,           # the count shown (first source that has one)
          "as_of": "2026-11-25",      # when this entry was fetched
          "source": "openalex",       # where "citations" comes from
          "match": "doi",             # doi, arxiv or title: how the entry was found
          "score": 1.0,               # title similarity, 1.0 for identifiers
          "id": "https://openalex.org/W...",
          "counts": {"openalex": 123, "crossref": 118}
        }
      }
    }
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ..records.problem import Problem

__all__ = ["SIDECAR_FORMAT", "SIDECAR_NAME", "CitationCounts", "load_citation_counts", "stale_problem"]

SIDECAR_NAME = "citations.json"
SIDECAR_FORMAT = 1
#: A sidecar larger than this is refused (a few thousand entries take well under 1 MB).
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class CitationCounts:
    """Counts per BibTeX key, with the date they were fetched."""

    path: str
    exists: bool = False
    counts: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    as_of: str = ""  # ISO date, empty when unknown
    complete: bool = True
    problems: tuple[Problem, ...] = ()


def _date(value: object) -> str:
    if not isinstance(value, str):
        return ""
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return ""


def load_citation_counts(path: str | os.PathLike[str]) -> CitationCounts:
    """The counts of a sidecar file; a missing file is empty and no problem (the caller decides)."""
    path = os.fspath(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return CitationCounts(path)
    except OSError as error:
        return _ignored(path, f"cannot read the citation counts: {error.strerror}")
    document = _document(path, data)
    if isinstance(document, CitationCounts):
        return document
    counts, dates, problems = _counts(path, document.get("entries", {}))
    # No complete run yet (the first one was interrupted): the oldest entry's date is the honest one.
    as_of = _date(document.get("as_of")) or min(dates, default="")
    return CitationCounts(
        path, True, MappingProxyType(counts), as_of, document.get("complete", True) is not False, problems
    )


def _ignored(path: str, message: str, line: int | None = None, column: int | None = None) -> CitationCounts:
    """An existing sidecar that is not read, with the one problem saying why."""
    return CitationCounts(path, True, problems=(Problem("citations-file", message, path, line, column),))


def _document(path: str, data: bytes) -> dict | CitationCounts:
    """The sidecar's JSON object, or the counts of a file that is ignored."""
    if len(data) > MAX_BYTES:
        return _ignored(path, f"citation counts file larger than {MAX_BYTES // 2**20} MB; ignored")
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        return _ignored(path, "citation counts file is not UTF-8; ignored", 1)
    except json.JSONDecodeError as error:
        return _ignored(
            path, f"citation counts file is not valid JSON ({error.msg}); ignored", error.lineno, error.colno
        )
    if not isinstance(document, dict) or not isinstance(document.get("entries", {}), dict):
        return _ignored(path, 'citation counts file must hold an object with an "entries" object; ignored', 1)
    if document.get("format", SIDECAR_FORMAT) != SIDECAR_FORMAT:
        return _ignored(
            path,
            f"citation counts file has format {document.get('format')!r}, this version reads {SIDECAR_FORMAT}; ignored",
            1,
        )
    return document


def _counts(path: str, entries: dict) -> tuple[dict[str, int], list[str], tuple[Problem, ...]]:
    """The valid counts of ``entries``, the dates they were fetched, and one problem for the invalid ones."""
    counts: dict[str, int] = {}
    bad: list[str] = []
    dates: list[str] = []
    for key, record in entries.items():
        if isinstance(record, dict) and _date(record.get("as_of")):
            dates.append(_date(record.get("as_of")))
        value = record.get("citations") if isinstance(record, dict) else record
        if value is None:
            continue  # tried, not found: the entry's own field (if any) is used
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            bad.append(str(key))
            continue
        counts[str(key)] = value
    if not bad:
        return counts, dates, ()
    shown = ", ".join(repr(k) for k in bad[:3]) + (" ..." if len(bad) > 3 else "")
    problem = Problem(
        "citations-file", f"{len(bad)} citation count(s) are not whole numbers ≥ 0 ({shown}); ignored", path
    )
    return counts, dates, (problem,)


def stale_problem(counts: CitationCounts, today: dt.date, max_age_days: int) -> Problem | None:
    """One problem when the counts are older than ``max_age_days`` (0: never stale) or of unknown date."""
    if not counts.exists or max_age_days <= 0 or counts.problems:
        return None
    if not counts.as_of:
        return Problem(
            "citations-stale", 'citation counts have no "as_of" date; run `sphinx-scholar sync`', counts.path
        )
    age = (today - dt.date.fromisoformat(counts.as_of)).days
    if age > max_age_days:
        return Problem(
            "citations-stale",
            f"citation counts are {age} days old (as of {counts.as_of}, more than "
            f"scholar_citations_max_age = {max_age_days}); run `sphinx-scholar sync`",
            counts.path,
        )
    return None
