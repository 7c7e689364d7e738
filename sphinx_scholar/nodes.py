"""Small node classes for what docutils lacks, with an HTML form and a plain fallback."""

from __future__ import annotations

import posixpath
import urllib.parse

from docutils import nodes
from docutils.utils.smartquotes import smartyPants
from sphinx.application import Sphinx
from sphinx.transforms import SphinxSmartQuotes, SphinxTransform
from sphinx.util.docutils import SphinxTranslator
from sphinx.util.nodes import is_smartquotable

__all__ = ["copy_button", "details", "json_ld", "summary", "thumbnail", "setup_nodes"]


class details(nodes.General, nodes.Element):
    """A native ``<details>`` disclosure; other builders show its content."""


class summary(nodes.TextElement):
    """The always-visible label of a :class:`details`."""


class copy_button(nodes.General, nodes.Inline, nodes.Element):
    """A button copying the text of the element whose id is ``target`` (HTML only)."""


class json_ld(nodes.General, nodes.Element):
    """A schema.org JSON-LD block (HTML only); ``data`` holds the JSON text."""


class held(nodes.General, nodes.Element):
    """A rendered block kept out of the tree while Sphinx's read-time
    transforms walk it, then put back by :class:`ReleaseHeld`.

    Some twenty transforms (smart quotes, references, i18n...) each walk the
    whole document; on a 5,000-entry list they cost more than rendering it,
    and none of them has anything to do on data we rendered ourselves. The
    block is stored in the ``content`` attribute, so ``findall`` does not
    descend into it, and deep copies and pickles keep it.
    """


class ReleaseHeld(SphinxTransform):
    """Put held blocks back, before domains and ``doctree-read`` collectors
    (images, downloads, math, dependencies) look at the document."""

    default_priority = 849  # SphinxDomains is 850, DoctreeReadEvent 880

    def apply(self, **kwargs) -> None:
        found = list(self.document.findall(held))
        if not found:
            return
        quotes = SphinxSmartQuotes(self.document, startnode=None)
        educate = quotes.is_available()
        action = self.config.smartquotes_action
        language = self.env.settings["language_code"]
        for node in found:
            block = node["content"]
            if educate:
                # What smart quotes would have done, on the few texts that need it.
                for text in list(block.findall(nodes.Text)):
                    value = str(text)
                    if ("'" in value or '"' in value or "..." in value) and is_smartquotable(text):
                        text.parent.replace(text, nodes.Text(smartyPants(value, action, language)))
            plain_divs(block)
            node.replace_self(block)


def plain_divs(block: nodes.Element) -> None:
    """Have every container of ``block`` written as a plain ``<div>``.

    docutils writes a container as ``<div class="docutils container">``, and
    themes style ``.container``: furo takes the side padding off cards, and
    Bootstrap (pydata-sphinx-theme, sphinx-book-theme) gives it a fixed width.
    sphinx-design's own components carry ``is_div`` for this, which its
    container visitor honours; ours do the same, so they are written exactly
    as sphinx-design writes its grids and cards.
    """
    for container in block.findall(nodes.container):
        container["is_div"] = True


class PlainDivs(SphinxTransform):
    """:func:`plain_divs` for the blocks not held (people, profile, CV...):
    runs before :class:`ReleaseHeld`, which does the held ones itself."""

    default_priority = 848

    def apply(self, **kwargs) -> None:
        for container in list(self.document.findall(nodes.container)):
            if not container.get("is_div") and any(name.startswith("scholar") for name in container["classes"]):
                plain_divs(container)


def hold(block: nodes.Element) -> held:
    node = held()
    node["content"] = block
    return node


class thumbnail(nodes.image):
    """An image with its intrinsic ``width``/``height`` as HTML attributes.

    docutils < 0.22 turns an image's size into an inline ``style``, which
    beats the stylesheet; a thumbnail needs attributes (for layout stability
    while lazy-loading) that the CSS may scale.
    """


def _visit_thumbnail_html(self: SphinxTranslator, node: thumbnail) -> None:
    uri = node["uri"]
    if uri in self.builder.images:
        uri = posixpath.join(self.builder.imgpath, urllib.parse.quote(self.builder.images[uri]))
    attributes = {"src": uri, "alt": node.get("alt", ""), "loading": node.get("loading", "lazy"), "decoding": "async"}
    if node.get("width") and node.get("height"):
        attributes["width"] = node["width"]
        attributes["height"] = node["height"]
    self.body.append(self.emptytag(node, "img", "", **attributes))
    raise nodes.SkipNode


def _visit_thumbnail_plain(self: SphinxTranslator, node: thumbnail) -> None:
    self.visit_image(node)


def _depart_thumbnail_plain(self: SphinxTranslator, node: thumbnail) -> None:
    self.depart_image(node)


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
    label = self.attval(node.get("label", "Copy"))
    self.body.append(
        f'<button type="button" class="scholar-copy" data-copy-target="{target}" hidden>{label}</button>'
    )
    raise nodes.SkipNode


def _visit_json_ld_html(self: SphinxTranslator, node: json_ld) -> None:
    # "</" cannot occur in the JSON text: it is escaped when the JSON is made.
    self.body.append(f'<script type="application/ld+json">{node["data"]}</script>\n')
    raise nodes.SkipNode


def _pass(self: SphinxTranslator, node: nodes.Node) -> None:
    pass


def plain_fallback(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """For builders without HTML: details become plain blocks, HTML-only nodes go,
    and LaTeX gets real math back where HTML shows Unicode."""
    if app.builder.format == "html":
        return
    if app.builder.format == "latex":
        for node in list(doctree.findall(nodes.inline)):
            if "scholar-math" in node["classes"] and node.get("latex"):
                node.replace_self(nodes.math(node["latex"], node["latex"]))
    for node in list(doctree.findall(summary)):
        text = node.astext()
        node.replace_self(nodes.paragraph("", "", nodes.strong(text, text)))
    for node in list(doctree.findall(details)):
        node.replace_self(nodes.container("", *node.children, classes=node["classes"]))
    for node in list(doctree.findall(copy_button)) + list(doctree.findall(json_ld)):
        node.parent.remove(node)


_NON_HTML = ("latex", "text", "man", "texinfo", "xml", "pseudoxml", "gettext")


def setup_nodes(app: Sphinx) -> None:
    fallback = {name: (_pass, _pass) for name in _NON_HTML}
    app.add_node(
        thumbnail,
        html=(_visit_thumbnail_html, None),
        **{name: (_visit_thumbnail_plain, _depart_thumbnail_plain) for name in _NON_HTML},
    )
    app.add_node(details, html=(_visit_details_html, _depart_details_html), **fallback)
    app.add_node(summary, html=(_visit_summary_html, _depart_summary_html), **fallback)
    app.add_node(copy_button, html=(_visit_copy_html, None), **fallback)
    app.add_node(json_ld, html=(_visit_json_ld_html, None), **fallback)
    app.connect("doctree-resolved", plain_fallback)
    app.add_node(held)
    app.add_transform(PlainDivs)
    app.add_transform(ReleaseHeld)
