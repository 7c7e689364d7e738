"""Text of data files (bios, news, summaries, descriptions) as safe inline markup,
each refusal a located ``scholar.markup`` warning.

The reading is :mod:`..records.markup`'s (the subset is documented there and
in ``docs/security.md``); this module only reports what it refused.
"""

from __future__ import annotations

from docutils import nodes

from ..records.markup import Syntax
from ..records.problem import Problem
from ..render.inline_markup import inline_markup
from ..sphinxext.sources import report_problem

__all__ = ["located_markup"]


def located_markup(text: str, path: str, line: int | None, what: str, syntax: Syntax = "markdown") -> list[nodes.Node]:
    """The nodes of ``text`` (Markdown unless ``syntax`` says otherwise: the
    schemas of the lab's files say Markdown); each refused piece (a role, an
    unsafe link...) is a ``scholar.markup`` warning at ``path:line``."""
    if not text:
        return []
    out, refused = inline_markup(text, syntax)
    for message in refused:
        report_problem(Problem("markup", f"{what}: {message}", path, line))
    return out
