"""People records to nodes: the seed's one-line list, or sphinx-design cards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from docutils import nodes

from ..records.people import ROLE_LABELS, Person, PersonRef, Position, parse_date
from ..records.urls import is_safe_url

__all__ = ["person_line", "render_people"]


def _link(text: str, url: str, classes: str = "") -> nodes.Node:
    if url and is_safe_url(url):
        return nodes.reference(text, text, refuri=url, classes=classes.split())
    return nodes.inline(text, text, classes=classes.split()) if classes else nodes.Text(text)


def _with(refs: Sequence[PersonRef]) -> list[nodes.Node]:
    """"with A at X" / "with A and B at X" / "with A at X and B at Y"."""
    out: list[nodes.Node] = []
    groups: list[tuple[str, list[PersonRef]]] = []
    for ref in refs:
        if groups and groups[-1][0] == ref.affiliation:
            groups[-1][1].append(ref)
        else:
            groups.append((ref.affiliation, [ref]))
    for g, (affiliation, members) in enumerate(groups):
        if g:
            out.append(nodes.Text(" and "))
        for m, ref in enumerate(members):
            if m:
                out.append(nodes.Text(", " if m < len(members) - 1 else " and "))
            out.append(_link(ref.name, ref.url))
        if affiliation:
            out.append(nodes.Text(f" at {affiliation}"))
    return out


def person_line(person: Person, position: Position, current: bool, name_node: nodes.Node) -> nodes.paragraph:
    """"Simon Lepage, 2022-2025, Flexible representation learning, with Jérémie Mary at Criteo"."""
    line = nodes.paragraph(classes=["scholar-person-line"])
    line += name_node
    years = position.years if current or not position.start else position.years
    if years:
        line += nodes.Text(f", {years}")
    if position.thesis_title:
        line += nodes.Text(", ")
        line += _link(position.thesis_title, position.thesis_url, "scholar-thesis")
    if position.co_supervisors:
        # As on the seed page: "..., with A at X" when an affiliation is known,
        # "... (with A)" when none is.
        if any(ref.affiliation for ref in position.co_supervisors):
            line += nodes.Text(", with ")
            line.extend(_with(position.co_supervisors))
        else:
            line += nodes.Text(" (with ")
            line.extend(_with(position.co_supervisors))
            line += nodes.Text(")")
    if not current and (person.now_title or person.now_organization):
        line += nodes.Text(", now ")
        now = " ".join(p for p in (person.now_title, "at" if person.now_title and person.now_organization else "", person.now_organization) if p)
        if not person.now_title:
            now = f"at {person.now_organization}"
        line += _link(now, person.now_url, "scholar-now")
    return line


def render_people(
    people: Sequence[Person],
    *,
    today: dt.date,
    status: str = "all",
    role: str = "",
    group_by: str = "status",
    style: str = "list",
    name_node: Callable[[Person], nodes.Node],
    photo_node: Callable[[Person], nodes.Node | None] = lambda p: None,
) -> list[nodes.Node]:
    chosen = []
    roles = set(role.lower().split())  # documented as space-separated
    for person in people:
        positions = [p for p in person.positions if not roles or p.role.lower() in roles]
        if not positions:
            continue
        position = max(positions, key=lambda p: (p.start, p.end))
        current = position.is_current(today)
        if status == "current" and not current or status == "alumni" and current:
            continue
        chosen.append((person, position, current))
    # Current people by start date, alumni by end date, newest first; then by name.
    def order(item) -> tuple:
        person, position, current = item
        date = (position.start or position.end) if current else (position.end or position.start)
        year = parse_date(date)
        return (-(year.toordinal() if year else 0), person.name)

    chosen.sort(key=order)
    if group_by == "status":
        chosen.sort(key=lambda item: not item[2])
    groups: dict[str, list] = {}
    for item in chosen:
        if group_by == "status":
            heading = "Current" if item[2] else "Alumni"
        elif group_by == "role":
            heading = ROLE_LABELS.get(item[1].role.lower(), item[1].role.capitalize())
        else:
            heading = ""
        groups.setdefault(heading, []).append(item)
    out: list[nodes.Node] = []
    for heading, items in groups.items():
        if heading:
            rubric = nodes.rubric(heading, heading, classes=["scholar-group-heading"])
            out.append(rubric)
        if style == "cards":
            out.append(_cards(items, name_node, photo_node))
        else:
            bullets = nodes.bullet_list(classes=["scholar-people"])
            for person, position, current in items:
                item = nodes.list_item(classes=["scholar-person", "scholar-current" if current else "scholar-alumni"])
                item += person_line(person, position, current, name_node(person))
                bullets += item
            out.append(bullets)
    if not out:
        out.append(nodes.paragraph("", "Nobody yet.", classes=["scholar-empty"]))
    return out


def _cards(items, name_node, photo_node) -> nodes.container:
    grid = nodes.container(classes=["sd-container-fluid", "sd-sphinx-override", "scholar-people-cards"])
    row = nodes.container(classes=["sd-row", "sd-row-cols-1", "sd-row-cols-sm-2", "sd-row-cols-lg-3", "sd-g-3"])
    for person, position, current in items:
        column = nodes.container(classes=["sd-col", "sd-d-flex-row", "scholar-person"])
        card = nodes.container(classes=["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm", "scholar-person-card"])
        body = nodes.container(classes=["sd-card-body"])
        photo = photo_node(person)
        if photo is not None:
            body += photo
        body += nodes.paragraph("", "", name_node(person), classes=["sd-card-title", "sd-font-weight-bold"])
        label = ROLE_LABELS.get(position.role.lower(), position.role.capitalize()).rstrip("s")
        meta = f"{label}, {position.years}" if position.years else label
        body += nodes.paragraph("", meta, classes=["scholar-person-role"])
        if position.thesis_title:
            body += nodes.paragraph("", "", _link(position.thesis_title, position.thesis_url, "scholar-thesis"))
        if position.co_supervisors:
            body += nodes.paragraph("", "", nodes.Text("with "), *_with(position.co_supervisors), classes=["scholar-person-with"])
        if not current and (person.now_organization or person.now_title):
            now = ", ".join(p for p in (person.now_title, person.now_organization) if p)
            body += nodes.paragraph("", "", nodes.Text("now "), _link(now, person.now_url, "scholar-now"))
        card += body
        column += card
        row += column
    grid += row
    return grid
