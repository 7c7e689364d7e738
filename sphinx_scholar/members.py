"""The build's view of the people file: its members, their roles, their pages.

Shared by the ``people`` directive, the member pages, co-author links in
publication lists and the project cards, so that they all agree on who is
who and where each member's page is.
"""

from __future__ import annotations

import os

from sphinx.util import logging

from .bibliographies import configured_bibfiles, get_bibliography, resolve_conf_path
from .data_files import load
from .loaders.yaml_files import DataFile
from .people_records import Person, RoleRegistry
from .records import Publication

__all__ = [
    "lab_entries", "member_pagename", "member_pagenames", "member_pages_enabled", "people_file", "project_dir",
    "role_registry", "safe_dir",
]

logger = logging.getLogger(__name__)


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
    entries: list[Publication] = []
    seen: set[str] = set()
    for path in configured_bibfiles(config):
        bibliography = get_bibliography(path)
        if bibliography is None:
            continue
        for pub in bibliography.entries:
            if pub.key not in seen:
                seen.add(pub.key)
                entries.append(pub)
    return entries


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
