"""What the people file gives every page: co-author links (and the build date, re-exported).

The ``students`` directive itself is now an alias of ``people`` (``directives/people.py``).
"""

from __future__ import annotations

from ..records.urls import is_safe_url
from ..render.publications import PersonLink
from ..selection.names import NameMatcher
from ..sphinxext.lab import member_pagenames, member_pages_enabled, people_file, role_registry, today

__all__ = ["people_matcher", "today"]


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
