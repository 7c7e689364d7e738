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

from ..loaders.yaml_files import DataFile
from ..nodes.elements import doc_link
from ..records.people import Project
from ..records.publication import Publication
from ..render.projects import PROJECT_STATUSES, project_papers, render_projects
from ..selection.filter import FilterError
from ..selection.names import NameMatcher
from ..sphinxext.lab import author_of, lab_entries, project_pagename, team_matcher
from ..sphinxext.labels import directive_labels
from ..sphinxext.sources import configured_bibfiles, directive_data, project_file, resolve_conf_path
from .markup import located_markup
from .options import ScholarDirective, choice, words

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
        projects = self._chosen([Project.from_dict(record, line) for record, line in zip(data.records, data.lines)])
        pages = bool(self.config.scholar_project_pages) and not self.arguments
        if self.config.scholar_people:
            self.env.note_dependency(resolve_conf_path(self.config.scholar_people))
        for path in configured_bibfiles(self.config):
            self.env.note_dependency(path)
        entries = lab_entries(self.config)
        team = team_matcher(self.config)
        wrapper.extend(
            render_projects(
                projects,
                title_node=lambda project: self._title_node(project, pages),
                person_node=lambda name: _person_node(name, team),
                image_node=lambda project: self._image_node(project, data),
                paper_count=lambda project: _paper_count(project, entries, data.path),
                summary_nodes=lambda p: located_markup(p.summary, data.path, p.line, "summary"),
                labels=labels,
            )
        )
        return [wrapper]

    def _chosen(self, projects: list[Project]) -> list[Project]:
        """The projects of ``:status:``, then those of ``:projects:`` in its order."""
        status = self.option("status", choice(("all", *PROJECT_STATUSES)), "all")
        if status != "all":
            projects = [p for p in projects if p.status == status]
        wanted = self.option("projects", words, list[str]())
        if wanted:
            by_slug = {p.slug: p for p in projects}
            projects = [by_slug[s] for s in wanted if s in by_slug]
        return projects

    def _title_node(self, project: Project, pages: bool) -> nodes.Node:
        if pages:
            return doc_link(
                project.title, project_pagename(self.config, project), ("scholar-project-title",), warn=False
            )
        return nodes.inline(project.title, project.title, classes=["scholar-project-title"])

    def _image_node(self, project: Project, data: DataFile) -> nodes.Node | None:
        if not project.image:
            return None
        uri = project_file(self, data, project.image, f"image of project {project.title!r}", project.line)
        if uri is None:
            return None
        return nodes.image(uri=uri, alt=project.image_alt, loading="lazy")


def _person_node(name: str, team: NameMatcher) -> nodes.Node:
    """A team member's name, linked to their page when they have one."""
    found = team.match(author_of(name))
    if isinstance(found, tuple) and found[1]:
        return doc_link(name, found[1], ("scholar-person-name",), warn=False)
    return nodes.inline(name, name, classes=["scholar-person-name"])


def _paper_count(project: Project, entries: list[Publication], path: str) -> int:
    """How many entries the project has; a bad ``filter`` is a located warning and no count."""
    try:
        return len(project_papers(project, entries))
    except FilterError as error:
        logger.warning(
            "project %r: bad filter (%s); its papers are not counted",
            project.title,
            error,
            type="scholar",
            subtype="filter",
            location=f"{path}:{project.line}",
        )
        return 0


def setup_projects(app: Sphinx) -> None:
    app.add_directive("projects", ProjectsDirective)
