"""The ``teaching`` and ``talks`` directives."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx

from ..records.people import Course, Talk
from ..render.teaching import render_courses, render_talks
from ..sphinxext.labels import directive_labels
from ..sphinxext.sources import directive_data
from .options import ScholarDirective, choice

__all__ = ["TalksDirective", "TeachingDirective", "setup_teaching"]


class TeachingDirective(ScholarDirective):
    """Courses from ``teaching.yaml``, newest first, grouped by institution or year."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {
        "group-by": directives.unchanged,  # checked in run()
        "class": directives.class_option,
        "language": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        data = directive_data(self, "teaching", self.config.scholar_teaching)
        wrapper = nodes.container(classes=["scholar", "scholar-teaching", *self.options.get("class", [])])
        labels = directive_labels(self, wrapper)
        self.set_source_info(wrapper)
        if data is not None:
            wrapper.extend(
                render_courses(
                    [Course.from_dict(r) for r in data.records],
                    self.option("group-by", choice(("institution", "year", "none")), "institution"),
                    labels,
                )
            )
        return [wrapper]


class TalksDirective(ScholarDirective):
    """Talks from ``talks.yaml``, newest first."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {"class": directives.class_option, "language": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        data = directive_data(self, "talks", self.config.scholar_talks)
        wrapper = nodes.container(classes=["scholar", "scholar-talks-list", *self.options.get("class", [])])
        labels = directive_labels(self, wrapper)
        self.set_source_info(wrapper)
        if data is not None:
            wrapper += render_talks([Talk.from_dict(r) for r in data.records], labels)
        return [wrapper]


def setup_teaching(app: Sphinx) -> None:
    app.add_directive("teaching", TeachingDirective)
    app.add_directive("talks", TalksDirective)
