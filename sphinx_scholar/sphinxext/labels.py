"""The site's labels: our message catalog, the ``language`` and ``scholar_labels``.

The catalog (``sphinx_scholar/locale/<lang>/LC_MESSAGES/sphinx_scholar.mo``)
is registered with Sphinx's own machinery (``app.add_message_catalog``), and
read through ``sphinx.locale.get_translation``. A project may add a language
we do not ship with a ``sphinx_scholar.po`` in its ``locale_dirs``, and
override any single label with ``scholar_labels`` in ``conf.py``.
"""

from __future__ import annotations

import gettext as gettext_module
import os
import re
from pathlib import Path

from sphinx import locale
from sphinx.application import Sphinx
from sphinx.locale import get_translation, get_translator
from sphinx.util import logging
from sphinx.util.i18n import CatalogRepository

from ..records.labels import ENGLISH, Labels, bcp47

__all__ = [
    "CATALOG",
    "LOCALE_DIR",
    "directive_labels",
    "labels_for",
    "language_option",
    "mark_language",
    "setup_labels",
]

logger = logging.getLogger(__name__)

CATALOG = "sphinx_scholar"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_ = get_translation(CATALOG)

#: (language, overrides) -> Labels; translations do not change during a build
_CACHE: dict[tuple, Labels] = {}
#: the project's locale folders holding a sphinx_scholar catalog (set when the config is read)
_PROJECT_DIRS: list[str] = []


def _overrides(config, language: str) -> dict[str, str]:
    """``scholar_labels``: flat ``{msgid: text}`` for the site's language, or
    ``{language: {msgid: text}}`` for any language (``:language:`` pages)."""
    raw = getattr(config, "scholar_labels", None) or {}
    site = (config.language or "en") == language
    flat = {k: v for k, v in raw.items() if isinstance(v, str)} if site else {}
    nested = raw.get(language) or raw.get(language.split("_")[0]) or {}
    return {**flat, **(nested if isinstance(nested, dict) else {})}


def _search_dirs() -> list[str]:
    """The project's catalogs first (they win), then ours."""
    return [*_PROJECT_DIRS, str(LOCALE_DIR)]


def labels_for(config, language: str | None = None) -> Labels:
    """The labels of ``language`` (default: the site's), with ``scholar_labels`` applied.

    The site's language reads our catalog through Sphinx
    (``sphinx.locale.get_translation``); another language (a directive's
    ``:language:``) reads the same ``.mo`` files with :mod:`gettext`.
    """
    site_language = config.language or "en"
    language = (language or site_language).replace("-", "_")
    overrides = _overrides(config, language)
    key = (language, language == site_language, tuple(sorted(overrides.items())))
    if key in _CACHE:
        return _CACHE[key]
    if language == site_language:
        translator = get_translator(CATALOG)

        def translate(message: str) -> str:
            return str(_(message))

        labels = Labels(language, translate, translator.ngettext, overrides)
    elif language == "en" and not overrides:
        labels = ENGLISH
    else:
        languages = [language, language.split("_")[0]] if "_" in language else [language]
        translations: gettext_module.NullTranslations | None = None
        for directory in _search_dirs():
            try:
                found = gettext_module.translation(CATALOG, directory, languages=languages)
            except OSError:
                continue
            if translations is None:
                translations = found
            else:
                translations.add_fallback(found)
        translations = translations or gettext_module.NullTranslations()
        labels = Labels(language, translations.gettext, translations.ngettext, overrides)
    _CACHE[key] = labels
    return labels


def language_option(argument: str | None) -> str:
    """A directive's ``:language:``: a language code such as ``fr``, ``pt_BR`` or ``pt-BR``."""
    value = (argument or "").strip()
    if not re.fullmatch(r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*", value):
        raise ValueError(f"expected a language code such as fr or pt_BR, not {argument!r}")
    return value.replace("-", "_")


def directive_labels(directive, node=None) -> Labels:
    """The labels of a directive: its ``:language:`` or the site's. With a
    ``node`` (the directive's wrapper), a ``:language:`` also marks the node,
    so that HTML says ``lang="…"`` on it."""
    language = directive.options.get("language")
    if language is not None:
        # Checked here: a bad value is a located warning (ScholarDirective.option), not a lost block.
        try:
            language = language_option(language)
        except ValueError as error:
            logger.warning(
                "%s: invalid :language: option: %s; using the site's",
                directive.name,
                error,
                type="scholar",
                subtype="option",
                location=directive.get_location(),
            )
            language = None
    labels = labels_for(directive.config, language)
    if node is not None:
        mark_language(node, labels, directive.config)
    return labels


def mark_language(node, labels: Labels, config) -> None:
    """A block in another language than the site's says so: ``lang="…"`` in HTML."""
    if labels.language != (config.language or "en").replace("-", "_"):
        node["classes"].append("language-" + bcp47(labels.language))


def _project_catalogs(app: Sphinx, config) -> None:
    """Compile the project's own ``sphinx_scholar.po`` (a language we do not
    ship) and put it before ours; Sphinx compiles only its own catalogs this early."""
    _CACHE.clear()
    _PROJECT_DIRS.clear()
    if not config.language or not config.locale_dirs:
        return
    repo = CatalogRepository(app.srcdir, config.locale_dirs, config.language, config.source_encoding)
    for catalog in repo.catalogs:
        if catalog.domain != CATALOG:
            continue
        if catalog.is_outdated():
            catalog.write_mo(config.language, config.gettext_allow_fuzzy_translations)
        # base_dir is <locale dir>/<language>/LC_MESSAGES
        _PROJECT_DIRS.append(os.path.dirname(os.path.dirname(catalog.base_dir)))
    if _PROJECT_DIRS:
        # Re-initialise: the project's catalog first, ours as its fallback.
        locale.translators.pop(("general", CATALOG), None)
        locale.init([*_PROJECT_DIRS, str(LOCALE_DIR)], config.language, CATALOG)


def _template_gettext(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``{{ _("Menu") }}`` in our theme's templates reads our catalog, then Sphinx's."""
    if app.config.html_theme != "sphinx_scholar":
        return
    labels = labels_for(app.config)
    sphinx_translator = get_translator("sphinx")

    def template_gettext(message: str, **variables) -> str:
        text = labels.gettext(message)
        if text == message and message not in labels.overrides:
            text = sphinx_translator.gettext(message)
        return text % variables if variables else text

    context["gettext"] = template_gettext
    context["scholar_lang"] = bcp47(app.config.language)


def setup_labels(app: Sphinx) -> None:
    # A new app in the same process (tests) must not keep the last one's language.
    locale.translators.pop(("general", CATALOG), None)
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
    app.connect("config-inited", _project_catalogs)
    app.connect("html-page-context", _template_gettext)
