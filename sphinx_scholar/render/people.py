"""People records to nodes: the seed's one-line list, or sphinx-design cards."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from docutils import nodes

from ..records.labels import ENGLISH, Labels
from ..records.people import ROLE_LABEL, ROLE_LABELS, Person, PersonRef, Position, parse_date
from ..records.urls import is_safe_url

__all__ = ["person_line", "render_people"]


def _link(text: str, url: str, classes: str = "") -> nodes.Node:
    if url and is_safe_url(url):
        return nodes.reference(text, text, refuri=url, classes=classes.split())
    return nodes.inline(text, text, classes=classes.split()) if classes else nodes.Text(text)


def fill(template: str, **parts: str | nodes.Node | list[nodes.Node]) -> list[nodes.Node]:
    """A translated ``template`` with its ``%(name)s`` fields replaced by text or nodes
    (a translation may put the fields in any order)."""
    out: list[nodes.Node] = []
    for number, piece in enumerate(re.split(r"%\((\w+)\)s", template)):
        if number % 2 == 0:
            if piece:
                out.append(nodes.Text(piece))
            continue
        value = parts.get(piece, "")
        if isinstance(value, str):
            if value:
                out.append(nodes.Text(value))
        elif isinstance(value, list):
            out.extend(value)
        else:
            out.append(value)
    return out


def _join(items: list[list[nodes.Node]], labels: Labels) -> list[nodes.Node]:
    """"A, B and C" of node lists, in the labels' language."""
    if len(items) < 2:
        return items[0] if items else []
    first: list[nodes.Node] = []
    for number, item in enumerate(items[:-1]):
        if number:
            first.append(nodes.Text(labels.separator))
        first.extend(item)
    return fill(labels.gettext("%(first)s and %(last)s"), first=first, last=items[-1])


def _with(refs: Sequence[PersonRef], labels: Labels = ENGLISH) -> list[nodes.Node]:
    """"A at X" / "A and B at X" / "A at X and B at Y" (after "with")."""
    groups: list[tuple[str, list[PersonRef]]] = []
    for ref in refs:
        if groups and groups[-1][0] == ref.affiliation:
            groups[-1][1].append(ref)
        else:
            groups.append((ref.affiliation, [ref]))
    parts: list[list[nodes.Node]] = []
    for affiliation, members in groups:
        names = _join([[_link(ref.name, ref.url)] for ref in members], labels)
        if affiliation:
            names = fill(labels.gettext("%(names)s at %(affiliation)s"), names=names, affiliation=affiliation)
        parts.append(names)
    return _join(parts, labels)


def person_line(
    person: Person, position: Position, current: bool, name_node: nodes.Node, labels: Labels = ENGLISH
) -> nodes.paragraph:
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
        together = fill(labels.gettext("with %(people)s"), people=_with(position.co_supervisors, labels))
        if any(ref.affiliation for ref in position.co_supervisors):
            line += nodes.Text(", ")
            line.extend(together)
        else:
            line += nodes.Text(" (")
            line.extend(together)
            line += nodes.Text(")")
    if not current and (person.now_title or person.now_organization):
        line += nodes.Text(", " + labels.gettext("now") + " ")
        line += _link(_now(person, labels), person.now_url, "scholar-now")
    return line


def _now(person: Person, labels: Labels) -> str:
    """"Associate professor at X" / "at X" / "Associate professor" (after "now")."""
    if person.now_title and person.now_organization:
        return labels.gettext("%(title)s at %(organization)s") % {"title": person.now_title, "organization": person.now_organization}
    if person.now_organization:
        return labels.gettext("at %(organization)s") % {"organization": person.now_organization}
    return person.now_title


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
    labels: Labels = ENGLISH,
) -> list[nodes.Node]:
    chosen = []
    for person in people:
        positions = [p for p in person.positions if not role or p.role.lower() == role.lower()]
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
            heading = labels.gettext("Current") if item[2] else labels.gettext("Alumni")
        elif group_by == "role":
            heading = labels.gettext(ROLE_LABELS[item[1].role.lower()]) if item[1].role.lower() in ROLE_LABELS else item[1].role.capitalize()
        else:
            heading = ""
        groups.setdefault(heading, []).append(item)
    out: list[nodes.Node] = []
    for heading, items in groups.items():
        if heading:
            rubric = nodes.rubric(heading, heading, classes=["scholar-group-heading"])
            out.append(rubric)
        if style == "cards":
            out.append(_cards(items, name_node, photo_node, labels))
        else:
            bullets = nodes.bullet_list(classes=["scholar-people"])
            for person, position, current in items:
                item = nodes.list_item(classes=["scholar-person", "scholar-current" if current else "scholar-alumni"])
                item += person_line(person, position, current, name_node(person), labels)
                bullets += item
            out.append(bullets)
    if not out:
        out.append(nodes.paragraph("", labels.gettext("Nobody yet."), classes=["scholar-empty"]))
    return out


def _cards(items, name_node, photo_node, labels: Labels = ENGLISH) -> nodes.container:
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
        role = position.role.lower()
        label = labels.gettext(ROLE_LABEL[role]) if role in ROLE_LABEL else position.role.capitalize()
        meta = f"{label}, {position.years}" if position.years else label
        body += nodes.paragraph("", meta, classes=["scholar-person-role"])
        if position.thesis_title:
            body += nodes.paragraph("", "", _link(position.thesis_title, position.thesis_url, "scholar-thesis"))
        if position.co_supervisors:
            body += nodes.paragraph("", "", *fill(labels.gettext("with %(people)s"), people=_with(position.co_supervisors, labels)),
                                    classes=["scholar-person-with"])
        if not current and (person.now_organization or person.now_title):
            body += nodes.paragraph("", "", nodes.Text(labels.gettext("now") + " "), _link(_now(person, labels), person.now_url, "scholar-now"))
        card += body
        column += card
        row += column
    grid += row
    return grid
