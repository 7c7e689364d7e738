"""Transforms over our nodes: putting held blocks back (read time), and one
post-transform that makes every HTML-only node readable by other builders."""

from __future__ import annotations

from docutils import nodes
from docutils.utils.smartquotes import smartyPants
from sphinx.transforms import SphinxSmartQuotes, SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import is_smartquotable

from ..records.math_guard import refusal
from .elements import HTML_ONLY, details, email_address, held, line_break, summary

__all__ = ["NonHtmlFallback", "PlainDivs", "ReleaseHeld", "plain_divs"]


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


class NonHtmlFallback(SphinxPostTransform):
    """For builders without HTML: ``details`` become plain blocks, HTML-only
    nodes go, e-mail addresses become text, and LaTeX gets real math back
    where HTML shows Unicode."""

    default_priority = 200

    def _format(self) -> str:
        builder_class = getattr(self.env, "_builder_cls", None)  # Sphinx >= 9; .app is deprecated there
        return builder_class.format if builder_class is not None else self.app.builder.format

    def is_supported(self) -> bool:
        return self._format() != "html"

    def run(self, **kwargs) -> None:
        if self._format() == "latex":
            for node in list(self.document.findall(nodes.inline)):
                if "scholar-math" in node["classes"] and node.get("latex") and not refusal(node["latex"]):
                    node.replace_self(nodes.math(node["latex"], node["latex"]))
        for node in list(self.document.findall(summary)):
            text = node.astext()
            node.replace_self(nodes.paragraph("", "", nodes.strong(text, text)))
        for node in list(self.document.findall(details)):
            node.replace_self(nodes.container("", *node.children, classes=node["classes"]))
        for node in list(self.document.findall(line_break)):
            node.replace_self(nodes.Text(" "))
        for node in list(self.document.findall(email_address)):
            node.replace_self(nodes.Text(f"{node['user']} [at] {node['domain']}"))
        for node in list(self.document.findall(lambda n: isinstance(n, HTML_ONLY))):
            node.parent.remove(node)
