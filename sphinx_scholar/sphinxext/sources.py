"""The build's view of its data files (``.bib`` and YAML): locate, load once, report.

Glue between the loaders (which know nothing of Sphinx) and the directives:
resolves paths, keeps paths inside the project, and turns loader problems into
located Sphinx warnings once per build. Which documents an edit makes
outdated is decided in :mod:`.incremental`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..loaders import ContentCache, file_digest
from ..loaders.citations import SIDECAR_NAME, CitationCounts, load_citation_counts, stale_problem
from ..loaders.yaml_files import DataFile, load_data_file
from ..records.problem import Problem
from ..records.publication import Publication

if TYPE_CHECKING:
    from ..loaders.bibtex import Bibliography

__all__ = [
    "STATE",
    "citations_path",
    "configured_bibfiles",
    "directive_data",
    "entries_of",
    "entry_file",
    "find_entry",
    "get_bibliography",
    "get_citation_counts",
    "local_file_refusal",
    "project_file",
    "report_problem",
    "resolve_conf_path",
    "setup_sources",
    "within",
]

logger = logging.getLogger(__name__)


def report_problem(problem: Problem) -> None:
    """Log a loader problem as a located ``scholar.<subtype>`` warning."""
    if problem.line is None:
        # A location without a line would be taken for a document name.
        logger.warning("%s: %s", problem.path, problem.text, type="scholar", subtype=problem.subtype)
    else:
        logger.warning(problem.text, type="scholar", subtype=problem.subtype, location=problem.location)


# GLOBAL STATE: what this process knows of the current build, reset when a
# build starts. Kept out of the environment: it holds nothing worth pickling
# (paths and the set of problems already reported), and forked parallel
# workers inherit it as it was when they started.
class _BuildState:
    def __init__(self) -> None:
        self.confdir = ""
        self.cache_dir = ""
        self.srcdir = ""
        self.outdir = ""
        self.doctreedir = ""
        self.reported: set[tuple[str, ...]] = set()  # problems already reported in this build
        self.bibliographies: dict[str, Bibliography] = {}  # each .bib read once per build
        self.digests: dict[str, str] = {}  # path -> content digest, each file hashed once per build
        # path -> [mtime_ns, size, digest] from earlier builds (digests.json in the cache folder)
        self.known_digests: dict[str, list] | None = None
        self.known_changed = False


STATE = _BuildState()

# GLOBAL STATE (a content cache, see ContentCache: parallel-safe, bounded):
# parsed YAML files by (path, kind), each with the digest of the content it was parsed from.
_yaml_cache: ContentCache[tuple[str, str], tuple[str, DataFile]] = ContentCache(maxsize=128)


def _start_build(app: Sphinx) -> None:
    STATE.confdir = str(app.confdir)
    STATE.cache_dir = os.path.join(str(app.doctreedir), "sphinx-scholar")
    STATE.srcdir, STATE.outdir, STATE.doctreedir = str(app.srcdir), str(app.outdir), str(app.doctreedir)
    STATE.reported = set()
    STATE.bibliographies = {}
    STATE.digests = {}
    STATE.known_digests, STATE.known_changed = None, False


def _end_build(app: Sphinx, exception: Exception | None) -> None:
    STATE.digests = {}  # a file may change before the next build
    if STATE.known_changed and STATE.known_digests is not None and STATE.cache_dir:
        os.makedirs(STATE.cache_dir, exist_ok=True)
        path = os.path.join(STATE.cache_dir, "digests.json")
        with open(f"{path}.{os.getpid()}.tmp", "w", encoding="utf-8") as handle:
            json.dump(STATE.known_digests, handle)
        os.replace(f"{path}.{os.getpid()}.tmp", path)
    STATE.known_digests, STATE.known_changed = None, False


def _known_digests() -> dict[str, list]:
    """The digests of earlier builds, each with the file's modification time and size."""
    if STATE.known_digests is None:
        try:
            with open(os.path.join(STATE.cache_dir, "digests.json"), encoding="utf-8") as handle:
                known = json.load(handle)
        except (OSError, ValueError):
            known = {}
        STATE.known_digests = known if isinstance(known, dict) else {}
    return STATE.known_digests


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
    bibliography = STATE.bibliographies.get(path)
    if bibliography is not None:
        return bibliography
    from ..loaders.bibtex import load_bibliography  # pybtex is imported when a .bib is parsed

    try:
        before = os.stat(path)
        bibliography = load_bibliography(path, STATE.cache_dir or None)
        after = os.stat(path)
    except OSError:
        return None
    STATE.bibliographies[path] = bibliography
    if (before.st_mtime_ns, before.st_size) == (after.st_mtime_ns, after.st_size) and STATE.cache_dir:
        # Known from now on by its time and size: the next build need not read it to compare.
        _known_digests()[path] = [after.st_mtime_ns, after.st_size, bibliography.digest]
        STATE.known_changed = True
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


def entries_of(paths: Iterable[str]) -> list[Publication]:
    """Every entry of these ``.bib`` files, in file order; a key listed in an
    earlier file hides the same key in a later one."""
    entries: list[Publication] = []
    seen: set[str] = set()
    for path in paths:
        bibliography = get_bibliography(path)
        if bibliography is None:
            continue
        for pub in bibliography.entries:
            if pub.key not in seen:
                seen.add(pub.key)
                entries.append(pub)
    return entries


def citations_path(config) -> str:
    """The sidecar of citation counts: ``scholar_citations``, else ``citations.json`` beside the first ``.bib``."""
    if config.scholar_citations:
        return resolve_conf_path(config.scholar_citations)
    bibfiles = configured_bibfiles(config)
    return os.path.join(os.path.dirname(bibfiles[0]), SIDECAR_NAME) if bibfiles else ""


def get_citation_counts(config, today) -> CitationCounts | None:
    """The counts ``sphinx-scholar sync`` wrote (read from disk only), reporting at most one problem per build.

    A missing sidecar is silent unless ``scholar_citations`` names it.
    """
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


def current_digest(path: str) -> str:
    """The content digest of a file now ("" when it cannot be read); hashed
    once per build however many outputs ask (a 5 MB .bib takes 10 ms), and not
    at all when its modification time and size are those of an earlier build."""
    digest = STATE.digests.get(path)
    if digest is None:
        STATE.digests[path] = digest = _digest_now(path)
    return digest


def _digest_now(path: str) -> str:
    # A file whose modification time and size are those of an earlier build
    # is not read again (as make and Sphinx itself judge a source unchanged).
    try:
        stat = os.stat(path)
        if not STATE.cache_dir:
            with open(path, "rb") as handle:
                return file_digest(handle.read())
        known = _known_digests().get(path)
        if isinstance(known, list) and known[:2] == [stat.st_mtime_ns, stat.st_size] and len(known) == 3:
            return str(known[2])
        with open(path, "rb") as handle:
            digest = file_digest(handle.read())
    except OSError:
        return ""
    _known_digests()[path] = [stat.st_mtime_ns, stat.st_size, digest]
    STATE.known_changed = True
    return digest


def within(path: str, root: str) -> bool:
    """Whether ``path`` is ``root`` or inside it once symbolic links are followed."""
    try:
        return os.path.commonpath([os.path.realpath(path), os.path.realpath(root)]) == os.path.realpath(root)
    except ValueError:
        return False


IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif"})
#: field -> the file suffixes it may name (other fields: any file)
FILE_TYPES: dict[str, frozenset[str]] = {
    "preview": IMAGE_SUFFIXES,
    "preview_hover": IMAGE_SUFFIXES,
    "profile photo": IMAGE_SUFFIXES,
    "photo": IMAGE_SUFFIXES,
    "pdf": frozenset({".pdf"}),
}


def local_file_refusal(full: str, srcdir: str, kind: str = "") -> str | None:
    """Why a local file named in data may not be published, or None.

    The one rule for every file a ``.bib`` or YAML value names: inside the
    project once symbolic links are followed; no component starting with a
    dot (``.git/config``, ``.env``), in the path as written or as resolved;
    not inside the output or doctree folders; of a type that fits the field
    (an image for ``preview``). Whether it exists is the caller's question."""
    if not within(full, srcdir):
        return "is outside the project"
    real, real_src = os.path.realpath(full), os.path.realpath(srcdir)
    for path, root in ((os.path.normpath(full), os.path.normpath(srcdir)), (real, real_src)):
        if any(part.startswith(".") for part in os.path.relpath(path, root).split(os.sep) if part not in ("", ".")):
            return "is a hidden file or inside a hidden folder"
    for folder in (STATE.outdir, STATE.doctreedir):
        if folder and within(real, folder):
            return "is inside the build output"
    allowed = FILE_TYPES.get(kind)
    if allowed and os.path.splitext(real)[1].lower() not in allowed:
        return f"is not a {'/'.join(sorted(s.lstrip('.') for s in allowed))} file"
    return None


def load(path: str, kind: str) -> DataFile:
    """Parse and validate, cached by content; problems are reported once per build."""
    with open(path, "rb") as handle:
        digest = file_digest(handle.read())
    cached = _yaml_cache.get((path, kind))
    if cached is None or cached[0] != digest:
        cached = (digest, load_data_file(path, kind))
        _yaml_cache.put((path, kind), cached)
    data = cached[1]
    if ("yaml", path, digest) not in STATE.reported:
        STATE.reported.add(("yaml", path, digest))
        for problem in data.problems:
            report_problem(problem)
    return data


def directive_data(directive: SphinxDirective, kind: str, config_default: str) -> DataFile | None:
    """The file named by the directive's argument (relative to the page) or by
    the config default (relative to conf.py); None, with a warning, if missing."""
    env = directive.env
    if directive.arguments:
        _, path = env.relfn2path(directive.arguments[0], env.docname)
    elif config_default:
        path = resolve_conf_path(config_default)
    else:
        logger.warning(
            "%s: no data file: give one as the directive's argument or set scholar_%s in conf.py",
            directive.name,
            kind,
            type="scholar",
            subtype="config",
            location=directive.get_location(),
        )
        return None
    path = os.path.normpath(str(path))
    env.note_dependency(path)
    if not within(path, str(env.srcdir)) and not within(path, STATE.confdir or str(env.srcdir)):
        logger.warning(
            "%s: data file %s is outside the project; not read",
            directive.name,
            path,
            type="scholar",
            subtype="path",
            location=directive.get_location(),
        )
        return None
    try:
        return load(path, kind)
    except OSError as error:
        logger.warning(
            "%s: cannot read %s (%s)",
            directive.name,
            path,
            error.strerror or error,
            type="scholar",
            subtype="file",
            location=directive.get_location(),
        )
        return None


def entry_file(pub: Publication, kind: str, path: str, config) -> str | None:
    """The full path of a local file named by an entry's field ``kind``, or None
    with a located warning (once per build, however many pages show it)."""
    base = os.path.dirname(pub.source)
    if kind in {"preview", "preview_hover"} and config.scholar_preview_dir:
        base = resolve_conf_path(config.scholar_preview_dir)
    full = os.path.normpath(os.path.join(base, path.replace("\\_", "_")))
    where = f"{pub.source}:{pub.line}" if pub.line else pub.source
    srcdir = STATE.srcdir
    report = (pub.source, pub.key, kind, path) not in STATE.reported
    STATE.reported.add((pub.source, pub.key, kind, path))
    refusal = local_file_refusal(full, srcdir, kind)
    if refusal:
        if report:
            logger.warning(
                "entry %r: %s file %r %s and is not used",
                pub.key,
                kind,
                path,
                refusal,
                type="scholar",
                subtype="path",
                location=where,
            )
        return None
    if not os.path.isfile(full):
        if report:
            logger.warning(
                "entry %r: %s file %s not found",
                pub.key,
                kind,
                os.path.relpath(full, srcdir),
                type="scholar",
                subtype="file",
                location=where,
            )
        return None
    return full


def project_file(
    directive: SphinxDirective, data: DataFile, path: str, what: str, line: int | None = None, kind: str | None = None
) -> str | None:
    """A file named in a data file (photo...), as a source-root URI, or None with a warning.
    ``kind`` is the field, for its file type (default: an image when ``what`` names a photo, image or logo)."""
    full = os.path.normpath(os.path.join(os.path.dirname(data.path), path))
    where = f"{data.path}:{line}" if line else data.path
    srcdir = str(directive.env.srcdir)
    if kind is None:  # photos, logos and images must be images
        kind = "photo" if any(word in what for word in ("photo", "image", "logo")) else ""
    refusal = local_file_refusal(full, srcdir, kind)
    if refusal:
        logger.warning(
            "%s %r %s and is not used",
            what,
            path,
            refusal,
            type="scholar",
            subtype="path",
            location=where if line else None,
        )
        return None
    if not os.path.isfile(full):
        logger.warning(
            "%s %s not found",
            what,
            os.path.relpath(full, srcdir),
            type="scholar",
            subtype="file",
            location=where if line else None,
        )
        return None
    return "/" + os.path.relpath(full, srcdir).replace(os.sep, "/")


def _check_config(app: Sphinx, config) -> None:
    STATE.confdir = str(app.confdir)
    for path in config.scholar_bibfiles:
        full = resolve_conf_path(path)
        if not os.path.isfile(full):
            logger.warning("scholar_bibfiles: file %s not found", full, type="scholar", subtype="file")


def setup_sources(app: Sphinx) -> None:
    app.connect("builder-inited", _start_build, priority=100)
    app.connect("build-finished", _end_build, priority=900)
    app.connect("config-inited", _check_config)
