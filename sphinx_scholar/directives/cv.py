"""The ``cv`` directive: RenderCV's ``cv.yaml`` as a page (and its sections as headings)."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging

from ..records.people import CVLocale, cv_section, cv_section_title
from ..render.cv import render_cv_entries, render_cv_header
from ..sphinxext.labels import directive_labels
from ..sphinxext.sources import directive_data
from .options import ScholarDirective

__all__ = ["CVDirective", "setup_cv"]

logger = logging.getLogger(__name__)

#: RenderCV's ``locale.language`` names (v2) to language codes.
_RENDERCV_LANGUAGES = {
    "english": "en",
    "german": "de",
    "french": "fr",
    "spanish": "es",
    "italian": "it",
    "portuguese": "pt",
    "turkish": "tr",
    "danish": "da",
    "dutch": "nl",
    "swedish": "sv",
    "norwegian": "nb",
    "finnish": "fi",
    "polish": "pl",
    "russian": "ru",
    "chinese": "zh",
    "japanese": "ja",
    "korean": "ko",
    "hindi": "hi",
    "indonesian": "id",
    "vietnamese": "vi",
    "greek": "el",
    "czech": "cs",
    "hungarian": "hu",
    "romanian": "ro",
}


def _month_words(language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Abbreviated and full month names in ``language`` (Babel's, which Sphinx installs); () for English."""
    code = _RENDERCV_LANGUAGES.get(language.lower(), language).replace("-", "_")
    if not code or code.lower().startswith("en"):
        return (), ()
    try:
        from babel.dates import get_month_names

        short = get_month_names("abbreviated", locale=code)
        full = get_month_names("wide", locale=code)
        return tuple(short[m] for m in range(1, 13)), tuple(full[m] for m in range(1, 13))
    except Exception:  # an unknown language: RenderCV's English
        return (), ()


def cv_locale(data: dict, site_language: str | None) -> CVLocale:
    """The file's ``locale`` first, then its ``locale.language``, then the site's language."""
    locale = data.get("locale") if isinstance(data.get("locale"), dict) else {}
    language = str(locale.get("language") or "") or (site_language or "")
    months, names = _month_words(language)
    return CVLocale.from_file(data, months, names)


def _with_labels(locale: CVLocale, record: dict, labels) -> CVLocale:
    """The site's words where the file's ``locale`` gives none: "present" and "DEGREE in AREA"."""
    given = record.get("locale") if isinstance(record.get("locale"), dict) else {}
    phrases = given.get("phrases") if isinstance(given.get("phrases"), dict) else {}
    changes = {}
    if not given.get("present"):
        changes["present"] = labels.gettext("present")
    if not phrases.get("degree_with_area") and not given.get("language"):
        changes["degree_with_area"] = (
            labels.gettext("%(degree)s in %(area)s").replace("%(degree)s", "DEGREE").replace("%(area)s", "AREA")
        )
    return dataclasses.replace(locale, **changes)


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
        record = data.records[0]
        cv = record["cv"]
        locale = _with_labels(cv_locale(record, labels.language), record, labels)
        if "no-header" not in self.options:
            wrapper += render_cv_header(cv, labels)
        sections = cv.get("sections") or {}
        titles = {cv_section_title(key): key for key in sections}
        wanted = [s.strip() for s in self.options.get("sections", "").split(",") if s.strip()] or list(sections)
        for name in wanted:
            key = name if name in sections else titles.get(name)
            if key is None:
                logger.warning(
                    "cv: no section %r in %s (sections: %s)",
                    name,
                    data.path,
                    ", ".join(sections),
                    type="scholar",
                    subtype="option",
                    location=self.get_location(),
                )
                continue
            title = cv_section_title(key)
            rubric = nodes.rubric(title, title, classes=["scholar-group-heading", "scholar-cv-section"])
            wrapper += rubric
            wrapper += render_cv_entries(cv_section(sections[key] or ()), locale)
        return [wrapper]


def setup_cv(app: Sphinx) -> None:
    app.add_directive("cv", CVDirective)
