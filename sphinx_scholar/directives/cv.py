"""The ``cv`` directive: RenderCV's ``cv.yaml`` as a page (and its sections as headings)."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging

from ..records.people import CVEntry
from ..render.cv import render_cv_entries, render_cv_header
from ..sphinxext.labels import directive_labels
from ..sphinxext.sources import directive_data
from .options import ScholarDirective

__all__ = ["CVDirective", "setup_cv"]

logger = logging.getLogger(__name__)


class CVDirective(ScholarDirective):
    """``.. cv:: cv.yaml`` with ``:sections:`` to choose and order sections."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {
        "sections": directives.unchanged,
        "no-header": directives.flag,
        "class": directives.class_option,
        "language": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        data = directive_data(self, "cv", self.config.scholar_cv)
        wrapper = nodes.container(classes=["scholar", "scholar-cv", *self.options.get("class", [])])
        labels = directive_labels(self, wrapper)
        self.set_source_info(wrapper)
        if data is None or not data.records:
            return [wrapper]
        cv = data.records[0]["cv"]
        if "no-header" not in self.options:
            wrapper += render_cv_header(cv)
        sections = cv.get("sections") or {}
        wanted = [s.strip() for s in self.options.get("sections", "").split(",") if s.strip()] or list(sections)
        for title in wanted:
            if title not in sections:
                logger.warning("cv: no section %r in %s (sections: %s)", title, data.path, ", ".join(sections),
                               type="scholar", subtype="option", location=self.get_location())
                continue
            rubric = nodes.rubric(title, title, classes=["scholar-group-heading", "scholar-cv-section"])
            wrapper += rubric
            wrapper += render_cv_entries([CVEntry.from_value(v) for v in sections[title] or ()], labels)
        return [wrapper]


def setup_cv(app: Sphinx) -> None:
    app.add_directive("cv", CVDirective)
