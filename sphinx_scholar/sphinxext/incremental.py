"""Incremental builds: which documents an edit of a ``.bib`` file makes outdated.

A document is re-read only when an entry it shows or cites changed, and
rewritten when an entry it cites is now listed elsewhere. Parsed data is
loaded in the main process before a parallel read forks its workers.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, cast

import sphinx
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..selection.choose import select_publications
from ..selection.filter import FilterError, compile_filter
from .domain import paper_pagenames
from .sources import configured_bibfiles, current_digest, entries_of, get_bibliography

if TYPE_CHECKING:
    from .domain import ListingSpec, ScholarDomain

__all__ = ["select_again", "settings_text", "setup_incremental", "site_signature"]

logger = logging.getLogger(__name__)


def settings_text(value: object) -> str:
    """``repr`` of a setting, the same in every process (sets and dicts in order)."""
    if isinstance(value, dict):
        return "{" + ", ".join(sorted(f"{settings_text(k)}: {settings_text(v)}" for k, v in value.items())) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(settings_text(item) for item in value)) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(settings_text(item) for item in value) + "]"
    return repr(value)


def site_signature(app: Sphinx) -> str:
    """What every page generated without a source file (paper, member and
    project pages) shows of the site: its settings (those that re-read or
    rewrite documents), the titles of its documents (the navigation), its
    templates, Sphinx's version. Unchanged, such a page need not be rewritten
    unless its own data changed."""
    env = app.env
    titles = sorted((doc, env.titles[doc].astext() if doc in env.titles else "") for doc in env.found_docs)
    settings = sorted(
        (value.name, settings_text(value.value)) for value in app.config.filter(frozenset({"env", "html"}))
    )
    templates = getattr(app.builder, "templates", None)
    newest = templates.newest_template_mtime() if templates is not None else 0
    inputs = (sphinx.__display_version__, app.builder.name, settings, titles, newest)
    return hashlib.sha256(repr(inputs).encode()).hexdigest()


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
        # The names depend on the keys, the folder and the documents only: kept
        # while those are the same, so a no-change build reads no .bib for them.
        files = configured_bibfiles(app.config)
        inputs = (
            app.config.scholar_paper_dir,
            [(path, current_digest(path)) for path in files],
            sorted(env.found_docs),
        )
        made_of = hashlib.sha256(repr(inputs).encode()).hexdigest()
        if domain.data.get("paper_pages_of") == made_of:
            return
        domain.data["paper_pages_of"] = made_of
        pages, renamed = paper_pagenames(app.config, entries_of(files), env.found_docs)
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
        domain.data["paper_pages_of"] = ""
        domain.set_paper_pages({})


def _entries(path: str) -> list:
    bibliography = get_bibliography(path)
    return list(bibliography.entries) if bibliography is not None else []


def setup_incremental(app: Sphinx) -> None:
    app.connect("env-get-outdated", _outdated_docs)
    app.connect("env-get-updated", _moved_targets)
    app.connect("env-before-read-docs", _preload)
