"""HTML visitors of the node classes in :mod:`.elements`."""

from __future__ import annotations

import posixpath
import urllib.parse

from docutils import nodes
from sphinx.util.docutils import SphinxTranslator

from .elements import copy_button, details, email_address, filter_box, icon, json_ld, line_break, summary, thumbnail
from .icons import ICONS

__all__ = ["HTML_VISITORS"]


def _visit_thumbnail_html(self: SphinxTranslator, node: thumbnail) -> None:
    uri = node["uri"]
    if uri in self.builder.images:
        uri = posixpath.join(self.builder.imgpath, urllib.parse.quote(self.builder.images[uri]))
    attributes = {"src": uri, "alt": node.get("alt", ""), "loading": node.get("loading", "lazy"), "decoding": "async"}
    if node.get("width") and node.get("height"):
        attributes["width"] = node["width"]
        attributes["height"] = node["height"]
    sources = node.get("scholar-sources")
    if not sources:
        self.body.append(self.emptytag(node, "img", "", **attributes))
        raise nodes.SkipNode

    # Resized copies (outputs/images.py): WebP where the browser takes it,
    # the original's format otherwise, each at the sizes the page shows.
    def srcset(kind: str) -> str:
        return ", ".join(
            f"{posixpath.join(self.builder.imgpath, 'scholar', name)} {descriptor}"
            for name, _, _, fmt, descriptor in sources
            if fmt == kind
        )

    fallback = node["scholar-fallback"]
    sizes = node.get("scholar-sizes", "")
    extra = {"sizes": sizes} if sizes else {}
    first = next(name for name, _, _, fmt, _ in sources if fmt == fallback)
    attributes["src"] = posixpath.join(self.builder.imgpath, "scholar", first)
    self.body.append("<picture>")
    sizes_attribute = f' sizes="{self.attval(sizes)}"' if sizes else ""
    self.body.append(f'<source type="image/webp" srcset="{self.attval(srcset("webp"))}"{sizes_attribute} />')
    self.body.append(self.emptytag(node, "img", "", srcset=srcset(fallback), **extra, **attributes))
    self.body.append("</picture>")
    raise nodes.SkipNode


def _visit_details_html(self: SphinxTranslator, node: details) -> None:
    classes = " ".join(node.get("classes", []))
    opened = " open" if node.get("open") else ""
    self.body.append(f'<details class="{self.attval(classes)}"{opened}>')


def _depart_details_html(self: SphinxTranslator, node: details) -> None:
    self.body.append("</details>")


def _visit_summary_html(self: SphinxTranslator, node: summary) -> None:
    self.body.append('<summary class="scholar-summary">')


def _depart_summary_html(self: SphinxTranslator, node: summary) -> None:
    self.body.append("</summary>")


def _visit_copy_html(self: SphinxTranslator, node: copy_button) -> None:
    # Hidden until the script finds a clipboard: no dead button without JavaScript.
    target = self.attval(node["target"])
    label = self.encode(node.get("label", "Copy"))
    done = self.attval(node.get("done", "Copied"))  # the script's "copied" text, in the page's language
    self.body.append(
        f'<button type="button" class="scholar-copy" data-copy-target="{target}" data-copied="{done}" hidden>{label}</button>'
    )
    raise nodes.SkipNode


def _visit_json_ld_html(self: SphinxTranslator, node: json_ld) -> None:
    # "</" cannot occur in the JSON text: it is escaped when the JSON is made.
    self.body.append(f'<script type="application/ld+json">{node["data"]}</script>\n')
    raise nodes.SkipNode


def _visit_icon_html(self: SphinxTranslator, node: icon) -> None:
    path = ICONS.get(node["name"], ICONS["link"])
    self.body.append(
        '<svg class="scholar-icon" aria-hidden="true" focusable="false" width="1em" height="1em" viewBox="0 0 24 24" '
        'fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">'
        f'<path d="{path}"/></svg>'
    )
    raise nodes.SkipNode


def _visit_email_html(self: SphinxTranslator, node: email_address) -> None:
    # No "@" and no "mailto:" in the page: plain harvesters find nothing. The
    # script reverses the parts into a link; without it, readers see the text.
    # A node without a label (the CV's header) shows the address itself.
    user, domain = node["user"], node["domain"]
    shown = f"{user} [at] {domain.replace('.', ' [dot] ')}"
    label = f' data-label="{self.attval(node["label"])}"' if node.get("label") else ""
    self.body.append(
        f'<span class="scholar-email" data-u="{self.attval(user[::-1])}" data-d="{self.attval(domain[::-1])}"'
        f"{label}>{self.encode(shown)}</span>"
    )
    raise nodes.SkipNode


def _visit_filter_html(self: SphinxTranslator, node: filter_box) -> None:
    esc = self.attval
    target = esc(node["target"])
    # Words in the page's language, set by the renderer; the script reads its own from data-*.
    words = {
        "placeholder": "Filter publications",
        "one": "%(count)s publication",
        "other": "%(count)s publications",
        "of-one": "%(shown)s publication of %(total)s",
        "of-other": "%(shown)s publications of %(total)s",
        **node.get("labels", {}),
    }
    out = [
        f'<div class="scholar-filter" data-scholar-filter="{target}" data-label-one="{esc(words["one"])}" '
        f'data-label-other="{esc(words["other"])}" data-label-of-one="{esc(words["of-one"])}" '
        f'data-label-of-other="{esc(words["of-other"])}" hidden>'
    ]
    out.append(
        f'<input type="search" class="scholar-filter-text" placeholder="{esc(words["placeholder"])}" '
        f'aria-label="{esc(words["placeholder"])}" aria-controls="{target}">'
    )
    for facet, values in node["facets"]:
        out.append(f'<div class="scholar-chips" role="group" aria-label="{esc(words.get(facet, facet.capitalize()))}">')
        for slug, label, count in values:
            out.append(
                f'<button type="button" class="scholar-chip" data-facet="{esc(facet)}" data-value="{esc(slug)}" '
                f'aria-pressed="false">{self.encode(label)} <span class="scholar-chip-count">{count}</span></button>'
            )
        out.append("</div>")
    status = words.get("status") or f"{node['total']} publications"
    out.append(f'<p class="scholar-filter-status" role="status" aria-live="polite">{self.encode(status)}</p>')
    out.append("</div>")
    self.body.append("".join(out))
    raise nodes.SkipNode


def _visit_line_break_html(self: SphinxTranslator, node: line_break) -> None:
    self.body.append("<br>")
    raise nodes.SkipNode


#: node class -> (visit, depart) for HTML builders
HTML_VISITORS = {
    thumbnail: (_visit_thumbnail_html, None),
    details: (_visit_details_html, _depart_details_html),
    summary: (_visit_summary_html, _depart_summary_html),
    copy_button: (_visit_copy_html, None),
    json_ld: (_visit_json_ld_html, None),
    icon: (_visit_icon_html, None),
    email_address: (_visit_email_html, None),
    filter_box: (_visit_filter_html, None),
    line_break: (_visit_line_break_html, None),
}
