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

__all__ = ["facet_classes", "make_filter_box"]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def facet_classes(pub: Publication) -> list[str]:
    classes = [f"scholar-f-year-{pub.year or 'none'}", f"scholar-f-type-{_slug(TYPE_HEADINGS.get(pub.type, 'Other'))}"]
    classes += [f"scholar-f-keyword-{_slug(k)}" for k in pub.keywords]
    return classes



def make_filter_box(target: str, pubs: Sequence[Publication], max_keywords: int = 12, labels: Labels = ENGLISH) -> filter_box:
    years = Counter(str(p.year) if p.year else "none" for p in pubs)
    types = Counter(TYPE_HEADINGS.get(p.type, "Other") for p in pubs)
    keywords = Counter(k for p in pubs for k in p.keywords)
    facets = [
        ("year", [(y, labels.gettext("Undated") if y == "none" else y, n) for y, n in sorted(years.items(), reverse=True)]),
        ("type", [(_slug(t), labels.gettext(t), n) for t, n in types.most_common()]),
        ("keyword", [(_slug(k), k, n) for k, n in keywords.most_common(max_keywords)]),
    ]
    words = {
        "placeholder": labels.gettext("Filter publications"),
        "year": labels.gettext("Year"), "type": labels.gettext("Type"), "keyword": labels.gettext("Keyword"),
        # The script counts with these; "%(count)s" is filled in there.
        "one": labels.ngettext("%(count)s publication", "%(count)s publications", 1),
        "other": labels.ngettext("%(count)s publication", "%(count)s publications", 2),
        "of-one": labels.ngettext("%(shown)s publication of %(total)s", "%(shown)s publications of %(total)s", 1),
        "of-other": labels.ngettext("%(shown)s publication of %(total)s", "%(shown)s publications of %(total)s", 2),
        "status": labels.ngettext("%(count)s publication", "%(count)s publications", len(pubs)) % {"count": labels.number(len(pubs))},
    }
    return filter_box(target=target, facets=[(name, values) for name, values in facets if len(values) > 1], total=len(pubs),
                      labels=words)
