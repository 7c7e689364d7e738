"""The ``teaching`` and ``talks`` directives."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..records.people import Course, Talk
from ..render.teaching import render_courses, render_talks
from ..sphinxext.labels import directive_labels, language_option
from ..sphinxext.sources import directive_data

__all__ = ["TalksDirective", "TeachingDirective", "setup_teaching"]


class TeachingDirective(SphinxDirective):
    """Courses from ``teaching.yaml``, newest first, grouped by institution or year."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {
        "group-by": lambda a: directives.choice(a, ("institution", "year", "none")),
        "class": directives.class_option,
        "language": language_option,
    }

    def run(self) -> list[nodes.Node]:
        data = directive_data(self, "teaching", self.config.scholar_teaching)
        wrapper = nodes.container(classes=["scholar", "scholar-teaching", *self.options.get("class", [])])
        labels = directive_labels(self, wrapper)
        self.set_source_info(wrapper)
        if data is not None:
            wrapper.extend(render_courses([Course.from_dict(r) for r in data.records], self.options.get("group-by", "institution"), labels))
        return [wrapper]


class TalksDirective(SphinxDirective):
    """Talks from ``talks.yaml``, newest first."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {"class": directives.class_option, "language": language_option}

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
