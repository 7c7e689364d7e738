"""The build's view of its ``.bib`` files: locate, load once, report, track.

Glue between the loader (which knows nothing of Sphinx) and the directives:
resolves paths, turns loader problems into located Sphinx warnings once per
build, and tells Sphinx which documents a ``.bib`` edit makes outdated.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .domain import ScholarDomain
from .loaders import file_digest
from .records import Problem, Publication
from .selection import FilterError, compile_filter, select_publications

if TYPE_CHECKING:
    from .loaders.bibtex import Bibliography
    from .loaders.citations import CitationCounts

__all__ = ["citations_path", "configured_bibfiles", "get_bibliography", "get_citation_counts", "report_problem", "setup_bibliographies"]

logger = logging.getLogger(__name__)


def report_problem(problem: Problem) -> None:
    """Log a loader problem as a located ``scholar.<subtype>`` warning."""
    if problem.line is None:
        # A location without a line would be taken for a document name.
        logger.warning("%s: %s", problem.path, problem.text, type="scholar", subtype=problem.subtype)
    else:
        logger.warning(problem.text, type="scholar", subtype=problem.subtype, location=problem.location)


class _BuildState:
    """What this process knows of the current build (reset when a build starts).

    Kept out of the environment: it holds nothing worth pickling, and forked
    parallel workers inherit it as it was when they started.
    """

    confdir: str = ""
    cache_dir: str = ""
    reported: set[tuple[str, ...]] = set()  # problems already reported in this build
    locations_before: dict[str, tuple[str, str]] = {}


STATE = _BuildState()


def _start_build(app: Sphinx) -> None:
    STATE.confdir = str(app.confdir)
    STATE.cache_dir = os.path.join(str(app.doctreedir), "sphinx-scholar")
    STATE.reported = set()


def resolve_conf_path(path: str) -> str:
    """A path from conf.py or a data file setting, relative to the conf.py folder."""
    return os.path.normpath(os.path.join(STATE.confdir, path))


def configured_bibfiles(config) -> list[str]:
    return [resolve_conf_path(path) for path in config.scholar_bibfiles]


def get_bibliography(path: str) -> Bibliography | None:
    """The parsed file, reporting its problems the first time in this build.

    Returns None when the file cannot be read (the caller reports it, with
    the location of whatever asked for it).
    """
    from .loaders.bibtex import load_bibliography  # pybtex is imported when a .bib is parsed

    try:
        bibliography = load_bibliography(path, STATE.cache_dir or None)
    except OSError:
        return None
    reported = STATE.reported
    if (path, bibliography.digest) not in reported:
        reported.add((path, bibliography.digest))
        for problem in bibliography.problems:
            report_problem(problem)
    return bibliography


def find_entry(key: str, paths: Iterable[str]) -> Publication | None:
    for path in paths:
        bibliography = get_bibliography(path)
        if bibliography is not None and key in bibliography.by_key:
            return bibliography.by_key[key]
    return None


def citations_path(config) -> str:
    """The sidecar of citation counts: ``scholar_citations``, else ``citations.json`` beside the first ``.bib``."""
    from .loaders.citations import SIDECAR_NAME

    if config.scholar_citations:
        return resolve_conf_path(config.scholar_citations)
    bibfiles = configured_bibfiles(config)
    return os.path.join(os.path.dirname(bibfiles[0]), SIDECAR_NAME) if bibfiles else ""


def get_citation_counts(config, today) -> CitationCounts | None:
    """The counts ``sphinx-scholar sync`` wrote (read from disk only), reporting at most one problem per build.

    A missing sidecar is silent unless ``scholar_citations`` names it.
    """
    from .loaders.citations import load_citation_counts, stale_problem

    path = citations_path(config)
    if not path:
        return None
    counts = load_citation_counts(path)
    problems = list(counts.problems)
    if not counts.exists and config.scholar_citations:
        problems.append(Problem("citations-file", "scholar_citations: file not found; run `sphinx-scholar sync`", path))
    stale = stale_problem(counts, today, config.scholar_citations_max_age)
    if stale is not None:
        problems.append(stale)
    if problems and ("citations", path) not in STATE.reported:
        STATE.reported.add(("citations", path))
        report_problem(problems[0])
    return counts


def _current_digest(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            return file_digest(handle.read())
    except OSError:
        return ""


def _outdated_docs(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """Documents to re-read because an entry they show or cite changed."""
    domain: ScholarDomain = env.get_domain("scholar")  # type: ignore[assignment]
    STATE.locations_before = dict(domain.locations())
    changed_bibs = {path for path, digest in domain.bibs.items() if _current_digest(path) != digest}
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
        domain.note_bib(path, _current_digest(path))
    return sorted(outdated - removed - changed - added)


def _moved_targets(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Documents to rewrite because an entry they cite is now listed elsewhere."""
    domain: ScholarDomain = env.get_domain("scholar")  # type: ignore[assignment]
    now = domain.locations()
    before = STATE.locations_before
    moved = {key for key in set(now) | set(before) if now.get(key) != before.get(key)}
    if not moved:
        return []
    return sorted(docname for docname, refs in domain.refs.items() if moved.intersection(refs))


def select_again(spec) -> tuple[tuple[str, str], ...]:
    entries: list[Publication] = []
    for path in spec.bibfiles:
        bibliography = get_bibliography(path)
        if bibliography is not None:
            entries.extend(bibliography.entries)
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
    if not docnames:
        return
    for path in configured_bibfiles(app.config):
        get_bibliography(path)


def _check_config(app: Sphinx, config) -> None:
    STATE.confdir = str(app.confdir)
    for path in config.scholar_bibfiles:
        full = resolve_conf_path(path)
        if not os.path.isfile(full):
            logger.warning("scholar_bibfiles: file %s not found", full, type="scholar", subtype="file")


def setup_bibliographies(app: Sphinx) -> None:
    app.connect("builder-inited", _start_build, priority=100)
    app.connect("env-get-outdated", _outdated_docs)
    app.connect("env-get-updated", _moved_targets)
    app.connect("env-before-read-docs", _preload)
    app.connect("config-inited", _check_config)
