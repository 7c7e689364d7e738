"""Projects to nodes: a grid of sphinx-design cards; which papers belong to a project."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from docutils import nodes

from ..records.labels import ENGLISH, N_, Labels
from ..records.people import Project
from ..records.publication import Publication
from ..selection.choose import sort_publications
from ..selection.filter import compile_filter
from .inline_markup import inline_markup
from .people import icon_links

__all__ = ["PROJECT_STATUSES", "project_papers", "render_projects"]

PROJECT_STATUSES = ("active", "completed", "planned")
STATUS_LABELS = {"active": N_("Active"), "completed": N_("Completed"), "planned": N_("Planned")}


def project_papers(project: Project, entries: Iterable[Publication]) -> list[Publication]:
    """Its ``keys``, the entries its ``filter`` selects, and those whose ``projects`` field names it; newest first.

    Raises ``FilterError`` (a ``ValueError``) for a bad filter: the caller warns and keeps the rest.
    """
    pool = list(entries)
    keys = set(project.keys)
    predicate = compile_filter(project.filter) if project.filter.strip() else None
    chosen = []
    for pub in pool:
        named = {p.strip().lower() for p in pub.field("projects").replace(";", ",").split(",") if p.strip()}
        if pub.key in keys or project.slug in named or (predicate is not None and predicate(pub)):
            chosen.append(pub)
    return sort_publications(chosen, "newest")


def render_projects(
    projects: Sequence[Project],
    *,
    title_node: Callable[[Project], nodes.Node],
    person_node: Callable[[str], nodes.Node],
    image_node: Callable[[Project], nodes.Node | None] = lambda p: None,
    paper_count: Callable[[Project], int] = lambda p: 0,
    labels: Labels = ENGLISH,
    summary_nodes: Callable[[Project], list[nodes.Node]] | None = None,
) -> list[nodes.Node]:
    summary_nodes = summary_nodes or (lambda p: inline_markup(p.summary, "markdown")[0])
    if not projects:
        return [nodes.paragraph("", labels.gettext("No projects yet."), classes=["scholar-empty"])]
    grid = nodes.container(classes=["sd-container-fluid", "sd-sphinx-override", "scholar-project-cards"])
    row = nodes.container(classes=["sd-row", "sd-row-cols-1", "sd-row-cols-sm-2", "sd-row-cols-lg-3", "sd-g-3"])
    for project in projects:
        column = nodes.container(
            classes=["sd-col", "sd-d-flex-row", "scholar-project", f"scholar-project-{project.status}"]
        )
        column += _project_card(project, title_node, person_node, image_node, paper_count, labels, summary_nodes)
        row += column
    grid += row
    return [grid]


def _project_card(
    project: Project,
    title_node: Callable[[Project], nodes.Node],
    person_node: Callable[[str], nodes.Node],
    image_node: Callable[[Project], nodes.Node | None],
    paper_count: Callable[[Project], int],
    labels: Labels,
    summary_nodes: Callable[[Project], list[nodes.Node]],
) -> nodes.container:
    """One card: image, title, status badge and paper count, summary, team, links."""
    card = nodes.container(
        classes=["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm", "scholar-project-card"]
    )
    image = image_node(project)
    if image is not None:
        image["classes"] += ["sd-card-img-top", "scholar-project-image"]
        card += image
    body = nodes.container(classes=["sd-card-body"])
    body += nodes.paragraph("", "", title_node(project), classes=["sd-card-title", "sd-font-weight-bold"])
    status = (
        labels.gettext(STATUS_LABELS[project.status])
        if project.status in STATUS_LABELS
        else project.status.capitalize()
    )
    meta = nodes.paragraph(classes=["scholar-project-meta"])
    meta += nodes.inline(status, status, classes=["scholar-badge", f"scholar-status-{project.status}"])
    count = paper_count(project)
    if count:
        text = " " + labels.ngettext("%(count)s paper", "%(count)s papers", count) % {"count": labels.number(count)}
        meta += nodes.inline(text, text, classes=["scholar-project-papers"])
    body += meta
    if project.summary:
        body += nodes.paragraph("", "", *summary_nodes(project), classes=["scholar-project-summary", "sd-card-text"])
    if project.people:
        team = nodes.paragraph(classes=["scholar-project-people"])
        for number, name in enumerate(project.people):
            if number:
                team += nodes.Text(", ")
            team += person_node(name)
        body += team
    links = icon_links(project.links, name=project.title, labels=labels)
    if links is not None:
        body += links
    card += body
    return card
