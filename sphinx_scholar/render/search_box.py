"""The ``:search:`` box of a publication list: text and facet filters in the browser.

Progressive enhancement: the box is sent ``hidden`` and only the script
shows it, so with JavaScript off the whole list is simply there. Each entry
carries its facets as classes (``scholar-f-year-2020``...), so no markup
beyond docutils' own is needed on the entries.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..nodes.elements import filter_box
from ..records.labels import ENGLISH, Labels
from ..records.publication import Publication
from ..selection.choose import TYPE_HEADINGS

__all__ = ["FACETS", "facet_classes", "make_filter_box"]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


#: the chip groups ``:facets:`` may name (``keyword`` is accepted for ``keywords``)
FACETS = ("year", "type", "keywords", "venue")


def _venue(pub: Publication) -> str:
    return pub.field("abbr").strip() or pub.venue.text.strip()


def facet_classes(pub: Publication) -> list[str]:
    classes = [f"scholar-f-year-{pub.year or 'none'}", f"scholar-f-type-{_slug(TYPE_HEADINGS.get(pub.type, 'Other'))}"]
    classes += [f"scholar-f-keyword-{_slug(k)}" for k in pub.keywords]
    venue = _venue(pub)
    if venue:
        classes.append(f"scholar-f-venue-{_slug(venue)}")
    return classes


def make_filter_box(
    target: str,
    pubs: Sequence[Publication],
    max_keywords: int = 12,
    facets: Sequence[str] = ("year", "type", "keywords"),
    labels: Labels = ENGLISH,
) -> filter_box:
    """The box, with the chip groups of ``facets`` that have two values or more.
    Keywords and venues are capped at ``max_keywords`` chips, the most frequent
    first; every keyword stays findable through the text box (the script
    searches the entries' keyword classes too)."""
    groups = _facet_groups(pubs, {"keywords" if name == "keyword" else name for name in facets}, max_keywords, labels)
    return filter_box(
        target=target,
        facets=[(name, values) for name, values in groups if len(values) > 1],
        total=len(pubs),
        labels=_box_words(len(pubs), labels),
    )


def _facet_groups(
    pubs: Sequence[Publication], wanted: set[str], max_keywords: int, labels: Labels
) -> list[tuple[str, list[tuple[str, str, int]]]]:
    """(facet, [(value slug, label, count)...]) of each wanted facet, in the box's order."""
    groups = []
    if "year" in wanted:
        years = Counter(str(p.year) if p.year else "none" for p in pubs)
        groups.append(
            (
                "year",
                [
                    (y, labels.gettext("Undated") if y == "none" else y, n)
                    # newest first, "Undated" last (as in the list; "none" sorts after the digits)
                    for y, n in sorted(years.items(), key=lambda item: (item[0] != "none", item[0]), reverse=True)
                ],
            )
        )
    if "type" in wanted:
        types = Counter(TYPE_HEADINGS.get(p.type, "Other") for p in pubs)
        groups.append(("type", [(_slug(t), labels.gettext(t), n) for t, n in types.most_common()]))
    if "keywords" in wanted:
        keywords = Counter(k for p in pubs for k in p.keywords)
        groups.append(("keyword", [(_slug(k), k, n) for k, n in keywords.most_common(max_keywords)]))
    if "venue" in wanted:
        venues = Counter(v for v in (_venue(p) for p in pubs) if v)
        groups.append(("venue", [(_slug(v), v, n) for v, n in venues.most_common(max_keywords)]))
    return groups


def _box_words(total: int, labels: Labels) -> dict[str, str]:
    """The box's texts in the page's language; the script fills in the counts."""
    return {
        "placeholder": labels.gettext("Filter publications"),
        "year": labels.gettext("Year"),
        "type": labels.gettext("Type"),
        "keyword": labels.gettext("Keyword"),
        "venue": labels.gettext("Venue"),
        # The script counts with these; "%(count)s" is filled in there.
        "one": labels.ngettext("%(count)s publication", "%(count)s publications", 1),
        "other": labels.ngettext("%(count)s publication", "%(count)s publications", 2),
        "of-one": labels.ngettext("%(shown)s publication of %(total)s", "%(shown)s publications of %(total)s", 1),
        "of-other": labels.ngettext("%(shown)s publication of %(total)s", "%(shown)s publications of %(total)s", 2),
        "status": labels.ngettext("%(count)s publication", "%(count)s publications", total)
        % {"count": labels.number(total)},
    }
