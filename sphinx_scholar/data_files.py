"""The build's view of the YAML data files: locate, load once, report, track."""

from __future__ import annotations

import hashlib
import os

from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .bibliographies import STATE, report_problem, resolve_conf_path
from .loaders.yaml_files import DataFile, load_data_file

__all__ = ["directive_data", "within"]

logger = logging.getLogger(__name__)
_cache: dict[tuple[str, str], tuple[str, DataFile]] = {}


def within(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([os.path.realpath(path), os.path.realpath(root)]) == os.path.realpath(root)
    except ValueError:
        return False


def load(path: str, kind: str) -> DataFile:
    """Parse and validate, cached by content; problems are reported once per build."""
    with open(path, "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()
    cached = _cache.get((path, kind))
    if cached is None or cached[0] != digest:
        cached = (digest, load_data_file(path, kind))
        _cache[(path, kind)] = cached
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
            directive.name, kind, type="scholar", subtype="config", location=directive.get_location(),
        )
        return None
    path = os.path.normpath(str(path))
    env.note_dependency(path)
    if not within(path, str(env.srcdir)) and not within(path, STATE.confdir or str(env.srcdir)):
        logger.warning("%s: data file %s is outside the project; not read", directive.name, path,
                       type="scholar", subtype="path", location=directive.get_location())
        return None
    try:
        return load(path, kind)
    except OSError as error:
        logger.warning("%s: cannot read %s (%s)", directive.name, path, error.strerror or error,
                       type="scholar", subtype="file", location=directive.get_location())
        return None


def project_file(directive: SphinxDirective, data: DataFile, path: str, what: str, line: int | None = None) -> str | None:
    """A file named in a data file (photo...), as a source-root URI, or None with a warning."""
    full = os.path.normpath(os.path.join(os.path.dirname(data.path), path))
    where = f"{data.path}:{line}" if line else data.path
    srcdir = str(directive.env.srcdir)
    if not within(full, srcdir):
        logger.warning("%s %r is outside the project and is not used", what, path,
                       type="scholar", subtype="path", location=where if line else None)
        return None
    if not os.path.isfile(full):
        logger.warning("%s %s not found", what, os.path.relpath(full, srcdir), type="scholar", subtype="file",
                       location=where if line else None)
        return None
    return "/" + os.path.relpath(full, srcdir).replace(os.sep, "/")
