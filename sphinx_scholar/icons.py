"""Inline SVG icons and a scraper-resistant e-mail address (HTML only, text elsewhere)."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxTranslator

__all__ = ["ICONS", "email_address", "icon", "setup_icons"]

# 24x24 outline pictograms (stroke = currentColor): small, no font, no request.
ICONS = {
    "email": "M3 6h18v12H3z M3 6l9 7 9-7",
    "github": "M9 19c-4 1.5-4-2-6-2.5 M15 21v-3.5c0-1 .1-1.4-.5-2 2.8-.3 5.5-1.4 5.5-6a4.6 4.6 0 0 0-1.3-3.2 4.2 4.2 0 0 0-.1-3.2s-1.1-.3-3.5 1.3a12 12 0 0 0-6.2 0C6.5 2.8 5.4 3.1 5.4 3.1a4.2 4.2 0 0 0-.1 3.2A4.6 4.6 0 0 0 4 9.5c0 4.6 2.7 5.7 5.5 6-.6.6-.6 1.2-.5 2V21",
    "scholar": "M2 9l10-5 10 5-10 5z M6 11v5c0 1.5 3 3 6 3s6-1.5 6-3v-5",
    "orcid": "M12 2a10 10 0 1 0 0 20 10 10 0 1 0 0-20z M8 10v7 M8 7v.01 M11 7h2.5a5 5 0 0 1 0 10H11z",
    "dblp": "M4 4h6a6 6 0 0 1 0 12H4z M14 8h6v12",
    "hal": "M4 20V4 M4 12h8 M12 4v16 M16 20l3-16 3 16",
    "linkedin": "M4 9h3v11H4z M5.5 4v.01 M10 9h3v2c1-2 6-2.5 6 2v7h-3v-6c0-2-3-2-3 0v6h-3z",
    "bluesky": "M12 11C10 7 6 4 4 4s-2 3-1 6c1 2 3 2.5 5 2.5-3 .5-4 3-1 5s4-1 5-3.5c1 2.5 2 5.5 5 3.5s2-4.5-1-5c2 0 4-.5 5-2.5 1-3 1-6-1-6s-6 3-8 7z",
    "mastodon": "M18 17c-3 1.5-9 1.5-11-1-1-1.5-1-4-1-7 0-4 3-5 6-5s6 1 6 5v4c0 1.5-1 2.5-3 2.5 M9 12V9a1.5 1.5 0 0 1 3 0v3 M12 9a1.5 1.5 0 0 1 3 0v3",
    "x": "M4 4l16 16 M20 4L4 20",
    "website": "M12 2a10 10 0 1 0 0 20 10 10 0 1 0 0-20z M2 12h20 M12 2c3 3 3 17 0 20 M12 2c-3 3-3 17 0 20",
    "page": "M6 2h9l5 5v15H6z M14 2v6h6 M9 13h8 M9 17h8",
    "link": "M10 14a4 4 0 0 0 6 0l3-3a4 4 0 0 0-6-6l-1 1 M14 10a4 4 0 0 0-6 0l-3 3a4 4 0 0 0 6 6l1-1",
}


class icon(nodes.General, nodes.Inline, nodes.Element):
    """An inline SVG pictogram, ``name`` one of :data:`ICONS`; decorative."""


class email_address(nodes.General, nodes.Inline, nodes.Element):
    """``user`` and ``domain``: a mailto link made by script; "user [at] domain" without it."""


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
    user, domain = node["user"], node["domain"]
    shown = f"{user} [at] {domain.replace('.', ' [dot] ')}"
    self.body.append(
        f'<span class="scholar-email" data-u="{self.attval(user[::-1])}" data-d="{self.attval(domain[::-1])}" '
        f'data-label="{self.attval(node.get("label", "Email"))}">{self.encode(shown)}</span>'
    )
    raise nodes.SkipNode


def _skip(self: SphinxTranslator, node: nodes.Node) -> None:
    raise nodes.SkipNode


def _plain(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format == "html":
        return
    for node in list(doctree.findall(icon)):
        node.parent.remove(node)
    for node in list(doctree.findall(email_address)):
        node.replace_self(nodes.Text(f"{node['user']} [at] {node['domain']}"))


def _page_script(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if doctree is not None and next(iter(doctree.findall(email_address)), None) is not None:
        app.add_js_file("sphinx-scholar.js", loading_method="defer")


def setup_icons(app: Sphinx) -> None:
    others = {name: (_skip, None) for name in ("latex", "text", "man", "texinfo", "xml", "pseudoxml", "gettext")}
    app.add_node(icon, html=(_visit_icon_html, None), **others)
    app.add_node(email_address, html=(_visit_email_html, None), **others)
    app.connect("doctree-resolved", _plain)
    app.connect("html-page-context", _page_script)
