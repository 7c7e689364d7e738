"""Node classes, their HTML form, and their fallback for other builders."""

from __future__ import annotations

from sphinx.application import Sphinx

from .elements import download_links, held, thumbnail
from .html import HTML_VISITORS
from .transforms import NonHtmlFallback, PlainDivs, ReleaseHeld

__all__ = ["setup_nodes"]

_NON_HTML = ("latex", "text", "man", "texinfo", "xml", "pseudoxml", "gettext")


def _visit_thumbnail_plain(self, node: thumbnail) -> None:
    self.visit_image(node)


def _depart_thumbnail_plain(self, node: thumbnail) -> None:
    self.depart_image(node)


def setup_nodes(app: Sphinx) -> None:
    """Register every node with its HTML visitor. Other builders never see our
    nodes except ``thumbnail`` (an image): :class:`NonHtmlFallback` replaces
    or removes the rest before writing."""
    for node_class, visitors in HTML_VISITORS.items():
        if node_class is thumbnail:
            plain = {name: (_visit_thumbnail_plain, _depart_thumbnail_plain) for name in _NON_HTML}
            app.add_node(node_class, html=visitors, **plain)
        else:
            app.add_node(node_class, html=visitors)
    app.add_node(held)
    app.add_node(download_links)
    app.add_transform(PlainDivs)
    app.add_transform(ReleaseHeld)
    app.add_post_transform(NonHtmlFallback)
