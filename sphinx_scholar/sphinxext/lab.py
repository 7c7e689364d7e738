"""The build's view of a lab's data: members, roles, page names, projects, the news archive.

Shared by the ``people``, ``projects`` and ``news`` directives, the generated
member and project pages, the news feed and co-author links in publication
lists, so that they all agree on who is who and where each page is.
"""

from __future__ import annotations

import datetime as dt
import os

from sphinx.application import Sphinx
from sphinx.util import logging

from ..loaders.yaml_files import DataFile
from ..records.people import Person, Project, RoleRegistry
from ..records.publication import Author, Publication
from ..records.urls import is_safe_url
from ..render.publications import PersonLink
from ..selection.names import NameMatcher
from .sources import STATE, configured_bibfiles, entries_of, load, resolve_conf_path

__all__ = [
    "author_of",
    "lab_entries",
    "member_pagename",
    "member_pagenames",
    "member_pages_enabled",
    "news_archive",
    "note_news_archive",
    "people_file",
    "people_matcher",
    "project_dir",
    "project_pagename",
    "role_registry",
    "safe_dir",
    "setup_lab",
    "team_matcher",
    "today",
]

logger = logging.getLogger(__name__)


def today(config) -> dt.date:
    """The build date, or ``scholar_today`` for reproducible builds."""
    if config.scholar_today:
        try:
            return dt.date.fromisoformat(str(config.scholar_today))
        except ValueError:
            if ("scholar_today", str(config.scholar_today)) in STATE.reported:
                return dt.date.today()
            STATE.reported.add(("scholar_today", str(config.scholar_today)))
            logger.warning(
                "scholar_today = %r is not a date (YYYY-MM-DD); using today",
                config.scholar_today,
                type="scholar",
                subtype="config",
            )
    return dt.date.today()


def people_file(config) -> tuple[DataFile, list[Person]] | None:
    """``scholar_people``, loaded (problems reported once), or None when unset or unreadable."""
    if not config.scholar_people:
        return None
    try:
        data = load(resolve_conf_path(config.scholar_people), "people")
    except OSError:
        return None
    return data, [Person.from_dict(record, line) for record, line in zip(data.records, data.lines)]


def role_registry(config, data: DataFile | None = None) -> RoleRegistry:
    """Built-in roles, then ``scholar_roles``/``scholar_role_order``, then ``roles``/``groups`` of the file."""
    registry = RoleRegistry()
    roles = config.scholar_roles if isinstance(config.scholar_roles, dict) else {}
    registry.update(roles, list(config.scholar_role_order) or None)
    if data is not None:
        meta = dict(data.meta)
        registry.update(meta.get("roles") or {}, meta.get("groups"))
    return registry


def member_pages_enabled(config) -> bool:
    return bool(config.scholar_member_pages) and bool(config.scholar_people)


def safe_dir(value: str, default: str) -> str:
    """A folder setting reduced to safe path parts (``[A-Za-z0-9_-]``): never leaves the output folder."""
    parts = [p for p in str(value).replace(os.sep, "/").split("/") if p]
    safe = [p for p in parts if p not in {".", ".."} and all(c.isascii() and (c.isalnum() or c in "-_") for c in p)]
    return "/".join(safe) or default


def member_dir(config) -> str:
    return safe_dir(config.scholar_member_dir, "people")


def project_dir(config) -> str:
    return safe_dir(config.scholar_project_dir, "projects")


def lab_entries(config) -> list[Publication]:
    """Every entry of ``scholar_bibfiles``, the first of each key."""
    return entries_of(configured_bibfiles(config))


def member_pagenames(config, people: list[Person]) -> dict[str, str]:
    """Name -> page name of each member (a repeated slug gets ``-2``, ``-3``...)."""
    folder = member_dir(config)
    taken: set[str] = set()
    pages: dict[str, str] = {}
    for person in people:
        if person.name in pages:
            continue
        slug = base = person.page_slug
        number = 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        pages[person.name] = f"{folder}/{slug}"
    return pages


def member_pagename(config, people: list[Person], person: Person) -> str:
    """Where a member's generated page is, or "" when member pages are off."""
    if not member_pages_enabled(config):
        return ""
    return member_pagenames(config, people).get(person.name, "")


def project_pagename(config, project: Project) -> str:
    return f"{project_dir(config)}/{project.slug}"


def author_of(name: str) -> Author:
    """A name from a data file as an author, for matching."""
    from pybtex.database import Person as PybtexPerson  # on first use: not when Sphinx loads the extension

    person = PybtexPerson(name)
    return Author(
        first=" ".join(person.first_names + person.middle_names),
        von=" ".join(person.prelast_names),
        last=" ".join(person.last_names),
        jr=" ".join(person.lineage_names),
    )


def team_matcher(config) -> NameMatcher:
    """Names and aliases of the people file -> (name, page name of the member or "")."""
    matcher = NameMatcher()
    found = people_file(config)
    if found is not None:
        people = found[1]
        pages = member_pagenames(config, people) if member_pages_enabled(config) else {}
        for person in people:
            target = person.page or pages.get(person.name, "")
            for name in person.names:
                matcher.add(name, (person.name, target))
    return matcher


def people_matcher(config) -> NameMatcher | None:
    """Co-authors found in ``scholar_people`` (names and aliases) -> their page or URL."""
    found = people_file(config)
    if found is None:
        return None
    data, people = found
    registry = role_registry(config, data)
    pages = member_pagenames(config, people) if member_pages_enabled(config) else {}
    matcher = NameMatcher()
    for person in people:
        url = person.url if person.url and is_safe_url(person.url) == "remote" else ""
        student = any(registry.is_student(p.role) for p in person.positions)
        link = PersonLink(url=url, docname=person.page or pages.get(person.name, ""), student=student)
        for name in (person.name, *person.aliases):
            matcher.add(name, link)
    return matcher


# The news archive: which document shows the full list of which news file
# (environment data, kept right for incremental and parallel reads below).
def _archives(env) -> dict[str, str]:
    if not hasattr(env, "scholar_news_archives"):
        env.scholar_news_archives = {}
    return env.scholar_news_archives


def note_news_archive(env, docname: str, path: str) -> None:
    _archives(env)[docname] = path


def news_archive(env, path: str) -> str:
    """The first document (by name) with the full list of ``path``, or ""."""
    return next((doc for doc, shown in sorted(_archives(env).items()) if shown == path), "")


def _purge(app: Sphinx, env, docname: str) -> None:
    _archives(env).pop(docname, None)


def _merge(app: Sphinx, env, docnames, other) -> None:
    _archives(env).update({doc: path for doc, path in _archives(other).items() if doc in docnames})


def setup_lab(app: Sphinx) -> None:
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
