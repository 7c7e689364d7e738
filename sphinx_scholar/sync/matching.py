"""Identifiers and titles compared the same way everywhere: pure functions, no network.

A ``.bib`` entry and a record from an API are the same work when they share
a DOI, else an arXiv identifier, else a title close enough (after
normalisation) with a compatible year and first author.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = [
    "TITLE_THRESHOLD",
    "Work",
    "arxiv_id",
    "deduplicate",
    "normalise_doi",
    "normalise_title",
    "title_similarity",
    "match_score",
]

#: Below this similarity (0..1) of normalised titles, two works are different.
TITLE_THRESHOLD = 0.92

_DOI = re.compile(r"\b(10\.\d{1,9}(?:\.\d+)*/\S+)", re.I)
_ARXIV_NEW = re.compile(r"(?:arxiv[:./\s]*(?:abs/|pdf/)?)?\b(\d{4}\.\d{4,5})(?:v\d+)?\b", re.I)
_ARXIV_OLD = re.compile(r"\b([a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?\b", re.I)
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.I)


def normalise_doi(value: str) -> str:
    """``https://doi.org/10.1/ABC.`` -> ``10.1/abc``; empty when there is no DOI."""
    if not value:
        return ""
    value = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", value.strip(), flags=re.I)
    match = _DOI.search(value)
    if not match:
        return ""
    return match.group(1).rstrip(".,;)]}").lower()


def arxiv_id(*values: str) -> str:
    """The arXiv identifier found in any of the values (an eprint field, a URL, an arXiv DOI), without version."""
    for value in values:
        if not value:
            continue
        value = value.strip()
        doi = _ARXIV_DOI.match(normalise_doi(value) or "")
        if doi:
            value = doi.group(1)
        match = _ARXIV_NEW.search(value)
        if match:
            return match.group(1)
        if "arxiv" in value.lower() or re.fullmatch(r"[a-z\-]+(?:\.[A-Z]{2})?/\d{7}(v\d+)?", value, re.I):
            match = _ARXIV_OLD.search(value)
            if match:
                return match.group(1).lower()
    return ""


def normalise_title(title: str) -> str:
    """Lower case, accents, LaTeX braces and commands, punctuation and spacing removed."""
    title = re.sub(r"\\[a-zA-Z]+\s*", " ", title)  # \emph, \textbf...
    title = unicodedata.normalize("NFKD", title)
    title = "".join(ch for ch in title if not unicodedata.combining(ch))
    title = re.sub(r"[^\w\s]", " ", title.lower().replace("_", " "))
    return " ".join(title.split())


def title_similarity(a: str, b: str) -> float:
    """0..1: how alike two titles are once normalised."""
    a, b = normalise_title(a), normalise_title(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _family(name: str) -> str:
    name = normalise_title(name.split(",")[0] if "," in name else (name.split() or [""])[-1])
    return name


@dataclass
class Work:
    """What the matching needs of a work, from a ``.bib`` entry or an API record."""

    title: str
    year: int | None = None
    doi: str = ""
    arxiv: str = ""
    authors: tuple[str, ...] = ()  # "Family, Given" or "Given Family"
    key: str = ""  # the BibTeX key, for entries of the user's files
    extra: dict = field(default_factory=dict)  # what a source knows besides (venue, type, ids...)

    def __post_init__(self) -> None:
        self.doi = normalise_doi(self.doi)
        self.arxiv = arxiv_id(self.arxiv) or (arxiv_id(self.doi) if self.doi.startswith("10.48550/") else "")


def match_score(entry: Work, candidate: Work) -> tuple[str, float]:
    """How ``candidate`` matches ``entry``: ``("doi", 1.0)``, ``("arxiv", 1.0)``, ``("title", s)`` or ``("", 0)``.

    A title match needs the years within one (a preprint and its version of
    record) and, when both list authors, the same first author's family name.
    """
    if entry.doi and candidate.doi and entry.doi == candidate.doi:
        return "doi", 1.0
    if entry.arxiv and candidate.arxiv and entry.arxiv == candidate.arxiv:
        return "arxiv", 1.0
    score = title_similarity(entry.title, candidate.title)
    if score < TITLE_THRESHOLD:
        return "", score
    if entry.year and candidate.year and abs(entry.year - candidate.year) > 1:
        return "", 0.0
    if entry.authors and candidate.authors and _family(entry.authors[0]) != _family(candidate.authors[0]):
        return "", 0.0
    return "title", round(score, 3)


def deduplicate(works: Iterable[Work], existing: Iterable[Work] = ()) -> list[Work]:
    """The works that are in none of ``existing`` nor earlier in ``works`` (by DOI, arXiv id, normalised title)."""
    seen_doi: set[str] = set()
    seen_arxiv: set[str] = set()
    seen_titles: list[Work] = []

    def note(work: Work) -> None:
        if work.doi:
            seen_doi.add(work.doi)
        if work.arxiv:
            seen_arxiv.add(work.arxiv)
        seen_titles.append(work)

    def known(work: Work) -> bool:
        if work.doi and work.doi in seen_doi:
            return True
        if work.arxiv and work.arxiv in seen_arxiv:
            return True
        title = normalise_title(work.title)
        if not title:
            return True  # a work without a title cannot be reviewed; leave it out
        for other in seen_titles:
            # Two different DOIs are two works (an erratum, a journal version), whatever their titles.
            if work.doi and other.doi:
                continue
            kind, _ = match_score(other, work)
            if kind == "title":
                return True
        return False

    for work in existing:
        note(work)
    kept: list[Work] = []
    for work in works:
        if not known(work):
            kept.append(work)
        note(work)
    return kept
