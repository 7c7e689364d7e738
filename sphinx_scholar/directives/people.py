"""The ``people`` directive (a team page from ``people.yaml``) and ``students``, its alias
with the seed page's defaults (Current/Alumni, one line per person, newest first)."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx

from ..loaders.yaml_files import DataFile
from ..nodes.elements import doc_link
from ..records.labels import Labels
from ..records.people import Person
from ..records.urls import is_safe_url
from ..render.people import PEOPLE_GROUPS, PEOPLE_SORTS, PEOPLE_STYLES, render_people
from ..sphinxext.lab import member_pagenames, member_pages_enabled, role_registry, today
from ..sphinxext.labels import directive_labels
from ..sphinxext.sources import directive_data, project_file
from .options import ScholarDirective, boolean, choice, words

__all__ = ["PeopleDirective", "StudentsDirective", "setup_people"]


class PeopleDirective(ScholarDirective):
    """A team: people grouped by role (or status), as photo cards or one line each."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {
        "status": directives.unchanged,
        "role": directives.unchanged,
        "group-by": directives.unchanged,
        "style": directives.unchanged,
        "sort": directives.unchanged,
        "limit": directives.unchanged,
        "more": directives.unchanged,
        "links": directives.unchanged,
        "class": directives.class_option,
        "language": directives.unchanged,
    }
    defaults: ClassVar[dict[str, str]] = {"group-by": "role", "style": "cards", "sort": "start"}
    css_class = "scholar-team"

    def run(self) -> list[nodes.Node]:
        data = directive_data(self, "people", self.config.scholar_people)
        wrapper = nodes.container(classes=["scholar", self.css_class, *self.options.get("class", [])])
        labels = directive_labels(self, wrapper)
        self.set_source_info(wrapper)
        if data is None:
            return [wrapper]
        people = [Person.from_dict(record, line) for record, line in zip(data.records, data.lines)]
        registry = role_registry(self.config, data)
        # Member pages exist for the configured people file only.
        same_file = bool(self.config.scholar_people) and not self.arguments
        pages = member_pagenames(self.config, people) if member_pages_enabled(self.config) and same_file else {}

        more = None
        if self.options.get("more"):
            target = self.options["more"].strip()
            more = doc_link(labels.gettext("See all members"), target, ("scholar-see-all-link",))
        wrapper.extend(
            render_people(
                people,
                today=today(self.config),
                status=self.option("status", choice(("current", "alumni", "all")), "all"),
                role=self.option("role", words, list[str]()),
                group_by=self.option("group-by", choice(PEOPLE_GROUPS), self.defaults["group-by"]),
                style=self.option("style", choice(PEOPLE_STYLES), self.defaults["style"]),
                sort=self.option("sort", choice(PEOPLE_SORTS), self.defaults["sort"]),
                limit=self.option("limit", directives.nonnegative_int, 0),
                more=more,
                links=self.option("links", boolean, True),
                registry=registry,
                name_node=lambda person: _name_node(person, pages),
                photo_node=lambda person: self._photo_node(person, data, labels),
                labels=labels,
            )
        )
        return [wrapper]

    def _photo_node(self, person: Person, data: DataFile, labels: Labels) -> nodes.Node | None:
        if not person.photo:
            return None
        uri = project_file(self, data, person.photo, f"photo of {person.name}", person.line)
        if uri is None:
            return None
        alt = labels.gettext("Photo of %(name)s") % {"name": person.name}
        return nodes.image(uri=uri, alt=alt, classes=["scholar-person-photo"], loading="lazy")


def _name_node(person: Person, pages: dict[str, str]) -> nodes.Node:
    """A member's name, linked to their own page, their generated page or their web page."""
    if person.page:
        return doc_link(person.name, person.page, ("scholar-person-name",))
    if person.name in pages:
        # Resolved to the generated page; plain text for builders without one.
        return doc_link(person.name, pages[person.name], ("scholar-person-name",), warn=False)
    if person.url and is_safe_url(person.url):
        return nodes.reference(person.name, person.name, refuri=person.url, classes=["scholar-person-name"])
    return nodes.inline(person.name, person.name, classes=["scholar-person-name"])


class StudentsDirective(PeopleDirective):
    """``people`` with the seed page's defaults: Current then Alumni, one line each, newest first."""

    defaults: ClassVar[dict[str, str]] = {"group-by": "status", "style": "list", "sort": "newest"}
    css_class = "scholar-students"


def setup_people(app: Sphinx) -> None:
    app.add_directive("people", PeopleDirective)
    app.add_directive("students", StudentsDirective)
