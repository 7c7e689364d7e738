"""The ``students`` directive (people from ``people.yaml``) and co-author links."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..records.people import Person
from ..records.urls import is_safe_url
from ..render.people import render_people
from ..render.publications import PersonLink
from ..selection.names import NameMatcher
from ..sphinxext.labels import directive_labels, language_option
from ..sphinxext.sources import directive_data, load, project_file, resolve_conf_path

__all__ = ["StudentsDirective", "people_matcher", "setup_students", "today"]

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
    if not config.scholar_people:
        return None
    path = resolve_conf_path(config.scholar_people)
    try:
        data = load(path, "people")
    except OSError:
        return None
    matcher = NameMatcher()
    for record, line in zip(data.records, data.lines):
        person = Person.from_dict(record, line)
        url = person.url if person.url and is_safe_url(person.url) == "remote" else ""
        link = PersonLink(url=url, docname=person.page, student=person.is_student)
        for name in (person.name, *person.aliases):
            matcher.add(name, link)
    return matcher


def _choice(values):
    return lambda argument: directives.choice(argument, values)


class StudentsDirective(SphinxDirective):
    """List people from a YAML file: current students and alumni, with co-supervisors."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {
        "status": _choice(("current", "alumni", "all")),
        "role": directives.unchanged,
        "group-by": _choice(("status", "role", "none")),
        "style": _choice(("list", "cards")),
        "class": directives.class_option,
        "language": language_option,
    }

    def run(self) -> list[nodes.Node]:
        data = directive_data(self, "people", self.config.scholar_people)
        wrapper = nodes.container(classes=["scholar", "scholar-students", *self.options.get("class", [])])
        labels = directive_labels(self, wrapper)
        self.set_source_info(wrapper)
        if data is None:
            return [wrapper]
        people = [Person.from_dict(record, line) for record, line in zip(data.records, data.lines)]

        def name_node(person: Person) -> nodes.Node:
            if person.page:
                return addnodes.pending_xref(
                    "", nodes.inline(person.name, person.name, classes=["scholar-person-name"]),
                    refdomain="std", reftype="doc", reftarget="/" + person.page, refexplicit=True, refwarn=True,
                )
            if person.url and is_safe_url(person.url):
                return nodes.reference(person.name, person.name, refuri=person.url, classes=["scholar-person-name"])
            return nodes.inline(person.name, person.name, classes=["scholar-person-name"])

        def photo_node(person: Person) -> nodes.Node | None:
            if not person.photo:
                return None
            uri = project_file(self, data, person.photo, f"photo of {person.name}", person.line)
            if uri is None:
                return None
            alt = labels.gettext("Photo of %(name)s") % {"name": person.name}
            return nodes.image(uri=uri, alt=alt, classes=["scholar-person-photo"], loading="lazy")

        wrapper.extend(render_people(
            people, today=today(self.config), status=self.options.get("status", "all"),
            role=self.options.get("role", ""), group_by=self.options.get("group-by", "status"),
            style=self.options.get("style", "list"), name_node=name_node, photo_node=photo_node, labels=labels,
        ))
        return [wrapper]


def setup_students(app: Sphinx) -> None:
    app.add_directive("students", StudentsDirective)

