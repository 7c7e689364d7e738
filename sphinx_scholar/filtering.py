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

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxTranslator

from .records import Publication
from .selection import TYPE_HEADINGS

__all__ = ["facet_classes", "filter_box", "make_filter_box", "setup_filtering"]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def facet_classes(pub: Publication) -> list[str]:
    classes = [f"scholar-f-year-{pub.year or 'none'}", f"scholar-f-type-{_slug(TYPE_HEADINGS.get(pub.type, 'Other'))}"]
    classes += [f"scholar-f-keyword-{_slug(k)}" for k in pub.keywords]
    return classes


class filter_box(nodes.General, nodes.Element):
    """``target`` (id of the list), ``facets``: [(facet, [(slug, label, count)])]."""


def make_filter_box(target: str, pubs: Sequence[Publication], max_keywords: int = 12) -> filter_box:
    years = Counter(str(p.year) if p.year else "none" for p in pubs)
    types = Counter(TYPE_HEADINGS.get(p.type, "Other") for p in pubs)
    keywords = Counter(k for p in pubs for k in p.keywords)
    facets = [
        ("year", [(y, "Undated" if y == "none" else y, n) for y, n in sorted(years.items(), reverse=True)]),
        ("type", [(_slug(t), t, n) for t, n in types.most_common()]),
        ("keyword", [(_slug(k), k, n) for k, n in keywords.most_common(max_keywords)]),
    ]
    return filter_box(target=target, facets=[(name, values) for name, values in facets if len(values) > 1], total=len(pubs))


def _visit_filter_html(self: SphinxTranslator, node: filter_box) -> None:
    esc = self.attval
    target = esc(node["target"])
    out = [f'<div class="scholar-filter" data-scholar-filter="{target}" hidden>']
    out.append(
        f'<input type="search" class="scholar-filter-text" placeholder="Filter publications" '
        f'aria-label="Filter publications" aria-controls="{target}">'
    )
    for facet, values in node["facets"]:
        out.append(f'<div class="scholar-chips" role="group" aria-label="{esc(facet.capitalize())}">')
        for slug, label, count in values:
            out.append(
                f'<button type="button" class="scholar-chip" data-facet="{esc(facet)}" data-value="{esc(slug)}" '
                f'aria-pressed="false">{self.encode(label)} <span class="scholar-chip-count">{count}</span></button>'
            )
        out.append("</div>")
    out.append(f'<p class="scholar-filter-status" role="status" aria-live="polite">{node["total"]} publications</p>')
    out.append("</div>")
    self.body.append("".join(out))
    raise nodes.SkipNode


def _skip(self: SphinxTranslator, node: nodes.Node) -> None:
    raise nodes.SkipNode


def _page_script(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if doctree is not None and next(iter(doctree.findall(filter_box)), None) is not None:
        app.add_js_file("sphinx-scholar-filter.js", loading_method="defer")


def setup_filtering(app: Sphinx) -> None:
    others = {name: (_skip, None) for name in ("latex", "text", "man", "texinfo", "xml", "pseudoxml", "gettext")}
    app.add_node(filter_box, html=(_visit_filter_html, None), **others)
    app.connect("html-page-context", _page_script)
