"""Courses and talks to nodes."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from ..records.labels import ENGLISH, Labels
from ..records.people import Course, Talk, parse_date
from ..records.urls import is_safe_url

__all__ = ["render_courses", "render_talks"]


def _links(pairs) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for label, url in pairs:
        if not is_safe_url(url):
            continue
        if out:
            out.append(nodes.Text(" / "))
        out.append(nodes.reference(label, label, refuri=url, classes=["scholar-link"]))
    return out


def render_courses(
    courses: Sequence[Course], group_by: str = "institution", labels: Labels = ENGLISH
) -> list[nodes.Node]:
    ordered = sorted(courses, key=lambda c: (-c.latest_year, c.title.casefold()))
    groups: dict[str, list[Course]] = {}
    for course in ordered:
        if group_by == "institution":
            key = course.institution or labels.gettext("Other")
        elif group_by == "year":
            key = str(course.latest_year) if course.latest_year else labels.gettext("Other")
        else:
            key = ""
        groups.setdefault(key, []).append(course)
    out: list[nodes.Node] = []
    for heading, items in groups.items():
        if heading:
            out.append(nodes.rubric(heading, heading, classes=["scholar-group-heading"]))
        bullets = nodes.bullet_list(classes=["scholar-courses"])
        for course in items:
            line = nodes.paragraph(classes=["scholar-course"])
            line += nodes.strong(course.title, course.title, classes=["scholar-course-title"])
            if course.code:
                line += nodes.Text(f" ({course.code})")
            details = [course.level, course.role]
            if group_by != "institution" and course.institution:
                details.insert(0, course.institution)
            if course.terms:
                details.append(", ".join(course.terms))
            if course.hours:
                details.append(labels.gettext("%(hours)s h") % {"hours": labels.number(course.hours)})
            details = [d for d in details if d]
            if details:
                line += nodes.Text(", " + ", ".join(details))
            links = _links(course.links)
            if links:
                line += nodes.Text(". ")
                line.extend(links)
            item = nodes.list_item(classes=["scholar-course-item"])
            item += line
            bullets += item
        out.append(bullets)
    return out or [nodes.paragraph("", labels.gettext("No courses."), classes=["scholar-empty"])]


def render_talks(talks: Sequence[Talk], labels: Labels = ENGLISH) -> nodes.bullet_list:
    ordered = sorted(talks, key=lambda t: (parse_date(t.date) is not None, parse_date(t.date) or 0), reverse=True)
    bullets = nodes.bullet_list(classes=["scholar-talks"])
    for talk in ordered:
        line = nodes.paragraph(classes=["scholar-talk"])
        line += nodes.strong(talk.title, talk.title)
        where = ", ".join(p for p in (talk.event, talk.location, labels.date_text(talk.date)) if p)
        if where:
            line += nodes.Text(f", {where}")
        links = _links(talk.links)
        if links:
            line += nodes.Text(". ")
            line.extend(links)
        item = nodes.list_item(classes=["scholar-talk-item"])
        item += line
        bullets += item
    return bullets
