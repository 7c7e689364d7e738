"""Incremental builds: which documents an edit of a ``.bib`` file makes outdated.

A document is re-read only when an entry it shows or cites changed, and
rewritten when an entry it cites is now listed elsewhere. Parsed data is
loaded in the main process before a parallel read forks its workers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..selection.choose import select_publications
from ..selection.filter import FilterError, compile_filter
from .domain import paper_pagenames
from .sources import configured_bibfiles, current_digest, entries_of, get_bibliography

if TYPE_CHECKING:
    from .domain import ListingSpec, ScholarDomain

__all__ = ["select_again", "setup_incremental"]

logger = logging.getLogger(__name__)


def _outdated_docs(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Documents to re-read because an entry they show or cite changed."""
    domain = cast("ScholarDomain", env.get_domain("scholar"))
    domain.remember_locations()
    changed_bibs = {path for path, digest in domain.bibs.items() if current_digest(path) != digest}
    if not changed_bibs:
        return []
    outdated: set[str] = set()
    for docname, listings in domain.listings.items():
        for listing in listings:
            if not changed_bibs.intersection(listing.spec.bibfiles):
                continue
            if select_again(listing.spec) != listing.shown:
                outdated.add(docname)
                break
    digests: dict[str, str] = {}
    for path in domain.bibs:
        bibliography = get_bibliography(path)
        if bibliography is not None:
            for entry in bibliography.entries:
                digests.setdefault(entry.key, entry.digest)
    for docname, refs in domain.refs.items():
        if any(digests.get(key, "") != digest for key, digest in refs.items()):
            outdated.add(docname)
    for path in changed_bibs:
        domain.note_bib(path, current_digest(path))
    return sorted(outdated - removed - changed - added)


def _moved_targets(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Documents to rewrite because an entry they cite is now listed elsewhere."""
    domain = cast("ScholarDomain", env.get_domain("scholar"))
    now = domain.locations()
    before = domain.locations_before
    moved = {key for key in set(now) | set(before) if now.get(key) != before.get(key)}
    if not moved:
        return []
    return sorted(docname for docname, refs in domain.refs.items() if moved.intersection(refs))


def select_again(spec: ListingSpec) -> tuple[tuple[str, str], ...]:
    """What a listing would show now: (key, digest) pairs."""
    entries = [pub for path in spec.bibfiles for pub in _entries(path)]
    try:
        predicate = compile_filter(spec.filter) if spec.filter else None
    except FilterError:
        predicate = None
    chosen = select_publications(
        entries, keys=spec.keys, selected=spec.selected, predicate=predicate, order=spec.sort, limit=spec.limit
    )
    return tuple((p.key, p.digest) for p in chosen)


def _preload(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    # Parse in the main process before a parallel read forks its workers,
    # so they inherit the parsed data and its problems are reported once.
    # The paper page of each entry of scholar_bibfiles is known before any
    # page is read or written, so the domain resolves titles to it.
    domain = cast("ScholarDomain", env.get_domain("scholar"))
    if docnames:
        for path in configured_bibfiles(app.config):
            get_bibliography(path)
    if app.config.scholar_paper_pages:
        pages, renamed = paper_pagenames(app.config, entries_of(configured_bibfiles(app.config)), env.found_docs)
        for pub, reason in renamed if app.builder.name in {"html", "dirhtml"} else ():
            logger.warning(
                "entry %r: %s",
                pub.key,
                reason,
                type="scholar",
                subtype="key",
                location=f"{pub.source}:{pub.line}" if pub.line else pub.source,
            )
        domain.set_paper_pages(pages)
    else:
        domain.set_paper_pages({})


def _entries(path: str) -> list:
    bibliography = get_bibliography(path)
    return list(bibliography.entries) if bibliography is not None else []


def setup_incremental(app: Sphinx) -> None:
    app.connect("env-get-outdated", _outdated_docs)
    app.connect("env-get-updated", _moved_targets)
    app.connect("env-before-read-docs", _preload)
