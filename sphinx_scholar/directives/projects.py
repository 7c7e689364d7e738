"""The ``projects`` directive: research projects from ``projects.yaml`` as a card grid.

Cards link to the generated project pages (``scholar_project_pages``) and
team members to their member pages; the paper count comes from the project's
``keys``, ``filter`` and the entries whose ``projects`` BibTeX field names it.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging

from ..records.people import Project
from ..render.projects import PROJECT_STATUSES, project_papers, render_projects
from ..selection.filter import FilterError
from ..sphinxext.lab import author_of, lab_entries, project_pagename, team_matcher
from ..sphinxext.labels import directive_labels
from ..sphinxext.sources import configured_bibfiles, directive_data, project_file, resolve_conf_path
from .markup import located_markup
from .options import ScholarDirective, choice, words
from .people import doc_link

__all__ = ["ProjectsDirective", "setup_projects"]

logger = logging.getLogger(__name__)


class ProjectsDirective(ScholarDirective):
    """A grid of project cards: image, title, status, summary, team, links."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {
        "status": directives.unchanged,
        "projects": directives.unchanged,
        "class": directives.class_option,
        "language": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        data = directive_data(self, "projects", self.config.scholar_projects)
        wrapper = nodes.container(classes=["scholar", "scholar-projects", *self.options.get("class", [])])
        labels = directive_labels(self, wrapper)
        self.set_source_info(wrapper)
        if data is None:
            return [wrapper]
        projects = [Project.from_dict(record, line) for record, line in zip(data.records, data.lines)]
        status = self.option("status", choice(("all", *PROJECT_STATUSES)), "all")
        if status != "all":
            projects = [p for p in projects if p.status == status]
        wanted = self.option("projects", words, list[str]())
        if wanted:
            by_slug = {p.slug: p for p in projects}
            projects = [by_slug[s] for s in wanted if s in by_slug]
        pages = bool(self.config.scholar_project_pages) and not self.arguments
        if self.config.scholar_people:
            self.env.note_dependency(resolve_conf_path(self.config.scholar_people))
        for path in configured_bibfiles(self.config):
            self.env.note_dependency(path)
        entries = lab_entries(self.config)
        team = team_matcher(self.config)

        def title_node(project: Project) -> nodes.Node:
            if pages:
                return doc_link(
                    project.title, project_pagename(self.config, project), ("scholar-project-title",), warn=False
                )
            return nodes.inline(project.title, project.title, classes=["scholar-project-title"])

        def person_node(name: str) -> nodes.Node:
            found = team.match(author_of(name))
            if isinstance(found, tuple) and found[1]:
                return doc_link(name, found[1], ("scholar-person-name",), warn=False)
            return nodes.inline(name, name, classes=["scholar-person-name"])

        def image_node(project: Project) -> nodes.Node | None:
            if not project.image:
                return None
            uri = project_file(self, data, project.image, f"image of project {project.title!r}", project.line)
            if uri is None:
                return None
            return nodes.image(uri=uri, alt=project.image_alt, loading="lazy")

        def paper_count(project: Project) -> int:
            try:
                return len(project_papers(project, entries))
            except FilterError as error:
                logger.warning(
                    "project %r: bad filter (%s); its papers are not counted",
                    project.title,
                    error,
                    type="scholar",
                    subtype="filter",
                    location=f"{data.path}:{project.line}",
                )
                return 0

        wrapper.extend(
            render_projects(
                projects,
                title_node=title_node,
                person_node=person_node,
                image_node=image_node,
                paper_count=paper_count,
                summary_nodes=lambda p: located_markup(p.summary, data.path, p.line, "summary"),
                labels=labels,
            )
        )
        return [wrapper]


def setup_projects(app: Sphinx) -> None:
    app.add_directive("projects", ProjectsDirective)
