"""Text of the lab's data files (bios, news, summaries, descriptions) as safe inline Markdown,
whatever the page's syntax (the schemas say Markdown); refusals are located warnings."""

from __future__ import annotations

from docutils import nodes
from sphinx.util import logging

from ..render.inline_markup import inline_markup

__all__ = ["located_markup"]

logger = logging.getLogger(__name__)


def located_markup(text: str, path: str, line: int | None, what: str) -> list[nodes.Node]:
    """The nodes of ``text``; each refused piece (a role, an unsafe link...) is a ``scholar.markup`` warning."""
    if not text:
        return []
    out, refused = inline_markup(text, "markdown")
    for message in refused:
        logger.warning(
            "%s: %s", what, message, type="scholar", subtype="markup", location=f"{path}:{line}" if line else path
        )
    return out
