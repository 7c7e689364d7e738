"""Node classes for what docutils lacks.

How each builder writes them is in :mod:`.html` (HTML visitors) and
:mod:`.transforms` (one post-transform for every other builder).
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

__all__ = [
    "copy_button",
    "details",
    "doc_link",
    "download_links",
    "email_address",
    "filter_box",
    "held",
    "hold",
    "icon",
    "json_ld",
    "line_break",
    "summary",
    "thumbnail",
]


def doc_link(text: str, docname: str, classes: tuple[str, ...] = (), warn: bool = True) -> nodes.Node:
    """A link to a document of the site (or a generated page), by absolute name."""
    return addnodes.pending_xref(
        "",
        nodes.inline(text, text, classes=list(classes)),
        refdomain="std",
        reftype="doc",
        reftarget="/" + docname.lstrip("/"),
        refexplicit=True,
        refwarn=warn,
    )


class details(nodes.General, nodes.Element):
    """A native ``<details>`` disclosure; other builders show its content."""


class summary(nodes.TextElement):
    """The always-visible label of a :class:`details`."""


class line_break(nodes.General, nodes.Inline, nodes.Element):
    """A line break inside a paragraph (``<br>`` in HTML, a space elsewhere)."""


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


class icon(nodes.General, nodes.Inline, nodes.Element):
    """An inline SVG pictogram, ``name`` one of :data:`ICONS`; decorative."""


class email_address(nodes.General, nodes.Inline, nodes.Element):
    """``user`` and ``domain``: a mailto link made by script; "user [at] domain" without it."""


class filter_box(nodes.General, nodes.Element):
    """``target`` (id of the list), ``facets``: [(facet, [(slug, label, count)])]."""


class download_links(nodes.General, nodes.Element):
    """Placeholder: ``formats``, ``keys``, ``bibfiles`` and a ``stem`` for file names."""


#: Nodes that only HTML can show: other builders drop them.
HTML_ONLY = (copy_button, json_ld, icon, filter_box, download_links)
