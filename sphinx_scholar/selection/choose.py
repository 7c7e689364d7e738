"""Choose, order and group publications (what a listing shows, in which order)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from ..records.labels import N_
from ..records.publication import Publication

__all__ = [
    "GROUPS",
    "SORTS",
    "TYPE_HEADINGS",
    "citation_count",
    "group_publications",
    "select_publications",
    "sort_publications",
]


SORTS = ("newest", "oldest", "title", "author", "source", "given", "citations")


def citation_count(pub: Publication, counts: Mapping[str, int] | None = None) -> int | None:
    """The entry's count: from ``counts`` (synced by ``sphinx-scholar sync``) when it has the key, else its ``citations`` field."""
    if counts is not None and pub.key in counts:
        return counts[pub.key]
    value = pub.field("citations").strip()
    # ASCII only ("²" is a digit that int() refuses), and no more than a count can be.
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 15 else None


def sort_publications(
    pubs: Iterable[Publication], order: str = "newest", counts: Mapping[str, int] | None = None
) -> list[Publication]:
    """Sort; equal entries keep the order they have in their file."""
    items = sorted(pubs, key=lambda p: (p.source, p.index))
    if order == "citations":
        # Most cited first, entries without a count last; equal counts newest first.
        items.sort(key=lambda p: p.sort_key, reverse=True)

        def most_cited(pub: Publication) -> int:
            count = citation_count(pub, counts)
            return -(count if count is not None else -1)

        items.sort(key=most_cited)
    if order == "newest":
        items.sort(key=lambda p: p.sort_key, reverse=True)
    elif order == "oldest":
        items.sort(key=lambda p: (p.year is None, p.sort_key))
    elif order == "title":
        items.sort(key=lambda p: p.title.plain.casefold())
    elif order == "author":
        items.sort(key=lambda p: tuple(a.short_name.casefold() for a in p.authors))
    return items


TYPE_HEADINGS = {
    "article": N_("Journal articles"),
    "inproceedings": N_("Conference papers"),
    "conference": N_("Conference papers"),
    "incollection": N_("Book chapters"),
    "inbook": N_("Book chapters"),
    "book": N_("Books"),
    "phdthesis": N_("Theses"),
    "mastersthesis": N_("Theses"),
    "thesis": N_("Theses"),
    "techreport": N_("Reports"),
    "report": N_("Reports"),
    "software": N_("Software"),
    "dataset": N_("Datasets"),
    "patent": N_("Patents"),
    "proceedings": N_("Edited proceedings"),
    "unpublished": N_("Preprints and unpublished work"),
}
GROUPS = ("none", "year", "type", "keyword")


def group_publications(pubs: Sequence[Publication], by: str) -> list[tuple[str, list[Publication]]]:
    """Split an ordered list into headed groups, keeping the order within each."""
    if by in {"", "none"}:
        return [("", list(pubs))]
    groups: dict[str, list[Publication]] = {}
    if by == "year":
        for pub in pubs:
            groups.setdefault(str(pub.year) if pub.year else N_("Undated"), []).append(pub)
        return list(groups.items())
    if by == "type":
        for pub in pubs:
            groups.setdefault(TYPE_HEADINGS.get(pub.type, N_("Other")), []).append(pub)
        return list(groups.items())
    if by == "keyword":
        for pub in pubs:
            for keyword in pub.keywords or (N_("Other"),):
                groups.setdefault(keyword, []).append(pub)
        return sorted(groups.items(), key=lambda item: (item[0] == "Other", item[0].casefold()))
    raise ValueError(by)


def select_publications(
    entries: Iterable[Publication],
    *,
    keys: Sequence[str] = (),
    selected: bool = False,
    predicate: Callable[[Publication], bool] | None = None,
    order: str = "newest",
    limit: int = 0,
    counts: Mapping[str, int] | None = None,
) -> list[Publication]:
    """Apply a listing's choice: explicit keys (in their given order), or
    everything that passes ``selected`` and the filter, sorted and cut."""
    pool = list(entries)
    if keys:
        by_key = {p.key: p for p in pool}
        chosen = [by_key[k] for k in dict.fromkeys(keys) if k in by_key]
    else:
        chosen = pool
    if selected:
        chosen = [p for p in chosen if p.selected]
    if predicate is not None:
        chosen = [p for p in chosen if predicate(p)]
    if not (keys and order == "given"):
        chosen = sort_publications(chosen, "source" if order == "given" else order, counts)
    if limit > 0:
        chosen = chosen[:limit]
    return chosen
