"""People records to nodes: the seed's one-line list, or a grid of sphinx-design cards with photos.

Groups follow a :class:`RoleRegistry` (order and labels); within a group,
people are sorted by start date, by name, or newest first (the seed's order).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from docutils import nodes

from ..nodes.elements import email_address, icon
from ..records.labels import ENGLISH, N_, Labels
from ..records.people import Person, PersonRef, Position, RoleRegistry, latest_position, parse_date
from ..records.urls import is_safe_url
from .profile import LINK_LABELS, link_url

__all__ = [
    "PEOPLE_SORTS",
    "PEOPLE_STYLES",
    "choose_position",
    "icon_links",
    "linked_text",
    "person_line",
    "render_people",
    "supervisors_text",
]

PEOPLE_STYLES = ("cards", "list")
PEOPLE_SORTS = ("start", "name", "newest")
PEOPLE_GROUPS = ("role", "status", "none")


def linked_text(text: str, url: str, classes: str = "") -> nodes.Node:
    """A link when ``url`` is safe, else the text (in a span when it has classes)."""
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
    """ "A, B and C" of node lists, in the labels' language."""
    if len(items) < 2:
        return items[0] if items else []
    first: list[nodes.Node] = []
    for number, item in enumerate(items[:-1]):
        if number:
            first.append(nodes.Text(labels.separator))
        first.extend(item)
    return fill(labels.gettext("%(first)s and %(last)s"), first=first, last=items[-1])


def supervisors_text(refs: Sequence[PersonRef], labels: Labels = ENGLISH) -> list[nodes.Node]:
    """ "A at X" / "A and B at X" / "A at X and B at Y" (after "with")."""
    groups: list[tuple[str, list[PersonRef]]] = []
    for ref in refs:
        if groups and groups[-1][0] == ref.affiliation:
            groups[-1][1].append(ref)
        else:
            groups.append((ref.affiliation, [ref]))
    parts: list[list[nodes.Node]] = []
    for affiliation, members in groups:
        names = _join([[linked_text(ref.name, ref.url)] for ref in members], labels)
        if affiliation:
            names = fill(labels.gettext("%(names)s at %(affiliation)s"), names=names, affiliation=affiliation)
        parts.append(names)
    return _join(parts, labels)


def years_text(position: Position, labels: Labels = ENGLISH) -> str:
    """``2020-2023``; ``2024–present`` (``2024–présent``) for a position without an end."""
    years = position.years
    if years.endswith("\u2013present"):
        years = years.removesuffix("present") + labels.gettext("present")
    return years


def now_text(person: Person, labels: Labels = ENGLISH) -> str:
    """ "Associate professor at X" / "at X" / "Associate professor" (after "now")."""
    if person.now_title and person.now_organization:
        return labels.gettext("%(title)s at %(organization)s") % {
            "title": person.now_title,
            "organization": person.now_organization,
        }
    if person.now_organization:
        return labels.gettext("at %(organization)s") % {"organization": person.now_organization}
    return person.now_title


def person_line(
    person: Person, position: Position, current: bool, name_node: nodes.Node, labels: Labels = ENGLISH
) -> nodes.paragraph:
    """ "Simon Lepage, 2022-2025, Flexible representation learning, with Jérémie Mary at Criteo"."""
    line = nodes.paragraph(classes=["scholar-person-line"])
    line += name_node
    years = years_text(position, labels)
    if years:
        line += nodes.Text(f", {years}")
    if position.thesis_title:
        line += nodes.Text(", ")
        line += linked_text(position.thesis_title, position.thesis_url, "scholar-thesis")
    if position.co_supervisors:
        # As on the seed page: "..., with A at X" when an affiliation is known,
        # "... (with A)" when none is.
        together = fill(labels.gettext("with %(people)s"), people=supervisors_text(position.co_supervisors, labels))
        if any(ref.affiliation for ref in position.co_supervisors):
            line += nodes.Text(", ")
            line.extend(together)
        else:
            line += nodes.Text(" (")
            line.extend(together)
            line += nodes.Text(")")
    if not current and (person.now_title or person.now_organization):
        line += nodes.Text(", " + labels.gettext("now") + " ")
        line += linked_text(now_text(person, labels), person.now_url, "scholar-now")
    return line


def icon_links(
    links: Sequence[tuple[str, str]], *, email: str = "", name: str = "", labels: Labels = ENGLISH
) -> nodes.paragraph | None:
    """A row of icon links, each with an accessible name ("ORCID of Ada Lovelace"); None if none is safe."""
    row = nodes.paragraph(classes=["scholar-icon-links"])
    if email and "@" in email:
        user, _, domain = email.partition("@")
        row += nodes.inline(
            "",
            "",
            icon(name="email"),
            email_address(user=user, domain=domain, label=labels.gettext("Email")),
            classes=["scholar-icon-link", "scholar-email-link"],
        )
    for kind, value in links:
        url = link_url(kind, value)
        if not is_safe_url(url):
            continue
        label = labels.gettext(LINK_LABELS[kind]) if kind in LINK_LABELS else kind.replace("_", " ").capitalize()
        full = labels.gettext("%(link)s of %(name)s") % {"link": label, "name": name} if name else label
        # The icon is decorative; the visually hidden text names the link for screen readers.
        row += nodes.reference(
            "",
            "",
            icon(name=kind if kind in LINK_LABELS else "link"),
            nodes.inline(full, full, classes=["scholar-visually-hidden"]),
            refuri=url,
            reftitle=full,
            classes=["scholar-icon-link", f"scholar-link-{kind}"],
        )
    return row if len(row) else None


def choose_position(person: Person, roles: Sequence[str], today: dt.date) -> tuple[Position, bool] | None:
    """The position a list shows: the latest current one, else the latest; None if no role matches."""
    wanted = {r.lower() for r in roles}
    positions = [p for p in person.positions if not wanted or p.role.lower() in wanted]
    if not positions:
        return None
    current = [p for p in positions if p.is_current(today)]
    if current:
        return latest_position(current), True
    return latest_position(positions), False


def _family(name: str) -> tuple[str, str]:
    parts = name.split()
    return (parts[-1].casefold() if parts else "", name.casefold())


def _ordinal(value: str, default: int = 0) -> int:
    date = parse_date(value)
    return date.toordinal() if date else default


def _sort(items: list, sort: str) -> None:
    """In place. ``newest``: the seed's order (current by start, alumni by end, newest first);
    ``start``: current by start, oldest first, alumni by end, newest first; ``name``: family name."""
    if sort == "name":
        items.sort(key=lambda item: _family(item[0].name))
    elif sort == "start":
        items.sort(
            key=lambda item: (
                (0, _ordinal(item[1].start, 10**7), _family(item[0].name))
                if item[2]
                else (1, -_ordinal(item[1].end or item[1].start), _family(item[0].name))
            )
        )
    else:

        def order(item) -> tuple:
            person, position, current = item
            date = (position.start or position.end) if current else (position.end or position.start)
            return (-_ordinal(date), person.name)

        items.sort(key=order)


def render_people(
    people: Sequence[Person],
    *,
    today: dt.date,
    status: str = "all",
    role: str | Sequence[str] = "",
    group_by: str = "status",
    style: str = "list",
    sort: str = "newest",
    limit: int = 0,
    registry: RoleRegistry | None = None,
    name_node: Callable[[Person], nodes.Node],
    photo_node: Callable[[Person], nodes.Node | None] = lambda p: None,
    more: nodes.Node | None = None,
    links: bool = True,
    labels: Labels = ENGLISH,
) -> list[nodes.Node]:
    """Headed groups of people. ``more`` (a "see all" link) is added when ``limit`` left someone out."""
    registry = registry or RoleRegistry()
    roles = role.split() if isinstance(role, str) else list(role)
    chosen = _chosen(people, roles, status, today)
    buckets = _buckets(chosen, group_by, status, registry)
    shown = 0
    out: list[nodes.Node] = []
    cut = False
    for key, items in buckets:
        _sort(items, sort)
        if limit > 0:
            if shown >= limit:
                cut = True
                break
            if shown + len(items) > limit:
                items, cut = items[: limit - shown], True
            shown += len(items)
        heading = _group_heading(key, group_by, registry, labels)
        if heading:
            out.append(nodes.rubric(heading, heading, classes=["scholar-group-heading", f"scholar-group-{key}"]))
        if style == "cards":
            out.append(_cards(items, registry, name_node, photo_node, links, labels))
        else:
            out.append(_lines(items, name_node, labels))
    if not out:
        out.append(nodes.paragraph("", labels.gettext("Nobody yet."), classes=["scholar-empty"]))
    if cut and more is not None:
        out.append(nodes.paragraph("", "", more, classes=["scholar-see-all"]))
    return out


def _chosen(people: Sequence[Person], roles: Sequence[str], status: str, today: dt.date) -> list:
    """(person, position shown, current) of each person of ``roles`` and ``status``."""
    chosen = []
    for person in people:
        found = choose_position(person, roles, today)
        if found is None:
            continue
        position, current = found
        if status == "current" and not current or status == "alumni" and current:
            continue
        chosen.append((person, position, current))
    return chosen


def _buckets(chosen: list, group_by: str, status: str, registry: RoleRegistry) -> list[tuple[str, list]]:
    """The groups in the order shown: Current then Alumni, or the registry's order of roles."""

    def group_of(item) -> str:
        if group_by == "status":
            return "current" if item[2] else "alumni"
        if group_by == "role":
            return item[1].role.lower() if item[2] or status == "alumni" else "alumni"
        return ""

    buckets: dict[str, list] = {}
    for item in chosen:
        buckets.setdefault(group_of(item), []).append(item)
    keys: list[str]
    if group_by == "status":
        keys = [k for k in ("current", "alumni") if k in buckets]
    else:
        keys = sorted(buckets, key=lambda k: (registry.rank(k), registry.label(k).casefold()))
    return [(key, buckets[key]) for key in keys]


def _group_heading(key: str, group_by: str, registry: RoleRegistry, labels: Labels) -> str:
    heading = (
        {"current": N_("Current"), "alumni": registry.alumni_label}.get(key, "")
        if group_by == "status"
        else (registry.label(key) if key else "")
    )
    return labels.gettext(heading) if heading else heading  # built-in labels are msgids; the file's own stay


def _lines(items: list, name_node: Callable[[Person], nodes.Node], labels: Labels) -> nodes.bullet_list:
    """One line per person."""
    bullets = nodes.bullet_list(classes=["scholar-people"])
    for person, position, current in items:
        item = nodes.list_item(classes=["scholar-person", "scholar-current" if current else "scholar-alumni"])
        item += person_line(person, position, current, name_node(person), labels)
        bullets += item
    return bullets


def _initials(name: str) -> str:
    return "".join(part[0] for part in name.split()[:1] + name.split()[-1:] if part).upper()


def _cards(
    items, registry: RoleRegistry, name_node, photo_node, links: bool, labels: Labels = ENGLISH
) -> nodes.container:
    grid = nodes.container(classes=["sd-container-fluid", "sd-sphinx-override", "scholar-people-cards"])
    row = nodes.container(classes=["sd-row", "sd-row-cols-1", "sd-row-cols-sm-2", "sd-row-cols-lg-3", "sd-g-3"])
    for person, position, current in items:
        column = nodes.container(
            classes=["sd-col", "sd-d-flex-row", "scholar-person", "scholar-current" if current else "scholar-alumni"]
        )
        card = nodes.container(
            classes=["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm", "scholar-person-card"]
        )
        body = nodes.container(classes=["sd-card-body"])
        photo = photo_node(person)
        if photo is not None:
            body += photo
        else:
            initials = _initials(person.name)
            body += nodes.inline(initials, initials, classes=["scholar-person-photo", "scholar-person-initials"])
        body += nodes.paragraph("", "", name_node(person), classes=["sd-card-title", "sd-font-weight-bold"])
        label = labels.gettext(registry.get(position.role).singular)
        years = years_text(position, labels)
        meta = f"{label}, {years}" if years else label
        role_line = nodes.paragraph(
            "", meta[: len(meta) - len(years)] if years else meta, classes=["scholar-person-role"]
        )
        if years:  # "2015–present" on one line
            role_line += nodes.inline(years, years, classes=["scholar-years"])
        body += role_line
        if position.thesis_title:
            body += nodes.paragraph("", "", linked_text(position.thesis_title, position.thesis_url, "scholar-thesis"))
        if position.co_supervisors:
            together = fill(labels.gettext("with %(people)s"), people=supervisors_text(position.co_supervisors, labels))
            body += nodes.paragraph("", "", *together, classes=["scholar-person-with"])
        if not current and (person.now_organization or person.now_title):
            body += nodes.paragraph(
                "",
                "",
                nodes.Text(labels.gettext("now") + " "),
                linked_text(now_text(person, labels), person.now_url, "scholar-now"),
            )
        row_of_links = icon_links(person.links, name=person.name, labels=labels) if links else None
        if row_of_links is not None:
            body += row_of_links
        card += body
        column += card
        row += column
    grid += row
    return grid
