"""What the people file gives every page: the build date and co-author links.

The ``students`` directive itself is now an alias of ``people`` (``directives/people.py``).
"""

from __future__ import annotations

import datetime as dt

from sphinx.util import logging

from ..members import member_pagenames, member_pages_enabled, people_file, role_registry
from ..names import NameMatcher
from ..render.publications import PersonLink
from ..urls import is_safe_url

__all__ = ["people_matcher", "today"]

logger = logging.getLogger(__name__)


def today(config) -> dt.date:
    """The build date, or ``scholar_today`` for reproducible builds."""
    if config.scholar_today:
        try:
            return dt.date.fromisoformat(str(config.scholar_today))
        except ValueError:
            logger.warning("scholar_today = %r is not a date (YYYY-MM-DD); using today", config.scholar_today,
                           type="scholar", subtype="config")
    return dt.date.today()


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
