"""The words the package writes on a page, in the page's language.

Every user-visible string is an English message id that goes through a
:class:`Labels` object: ``labels.gettext("abstract")``,
``labels.ngettext("%(count)s publication", "%(count)s publications", n)``.
Tables of labels defined elsewhere (type headings, role labels, link labels)
mark their strings with :func:`N_` so that ``pybabel extract`` finds them
(see ``babel.cfg`` and the "Translations" page of the docs).

Dates and numbers are formatted with Babel in the labels' locale. This module
knows nothing about Sphinx: ``sphinxext.labels`` builds a :class:`Labels` from
the site's catalog, ``language`` and ``scholar_labels``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

__all__ = ["ENGLISH", "Labels", "N_", "bcp47"]


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark ``message`` as a message id; it is translated where it is shown."""
    return message


def bcp47(language: str | None) -> str:
    """``pt_BR`` -> ``pt-BR``: the form of HTML's ``lang`` and ``hreflang``."""
    return (language or "en").replace("_", "-")


def _identity(message: str) -> str:
    return message


def _english_plural(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural


@dataclass(frozen=True, eq=False)
class Labels:
    """Translations and locale formats for one language.

    ``overrides`` maps English message ids to the text to show instead (the
    ``scholar_labels`` setting); for a plural message, the key is either form.
    """

    language: str = "en"
    translate: Callable[[str], str] = _identity
    translate_plural: Callable[[str, str, int], str] = _english_plural
    overrides: Mapping[str, str] = field(default_factory=dict)

    # -- words ------------------------------------------------------------------

    def gettext(self, message: str) -> str:
        """The text of ``message`` in this language (an override wins)."""
        if message in self.overrides:
            return str(self.overrides[message])
        return str(self.translate(message))

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """The form of a counted message for ``count`` (``%(count)s`` is not filled in)."""
        if singular in self.overrides or plural in self.overrides:
            form = singular if count == 1 else plural
            return str(self.overrides.get(form, self.overrides.get(singular, self.overrides.get(plural))))
        return str(self.translate_plural(singular, plural, count))

    def join(self, items: list[str]) -> str:
        """``A, B and C`` with this language's words and punctuation."""
        if len(items) < 2:
            return "".join(items)
        return self.gettext("%(first)s and %(last)s") % {"first": self.separator.join(items[:-1]), "last": items[-1]}

    @property
    def separator(self) -> str:
        """The list comma: ``, ``, or ``、`` in Chinese and Japanese."""
        return "\u3001" if self.language.split("_")[0] in {"zh", "ja"} else ", "

    # -- locale formats -----------------------------------------------------------

    @cached_property
    def locale(self):
        """The Babel locale, English when the language is not one Babel knows."""
        from babel import Locale, UnknownLocaleError

        try:
            return Locale.parse(self.language or "en")
        except (UnknownLocaleError, ValueError, TypeError):
            return Locale.parse("en")

    def date(self, year: int | None, month: int | None = None, day: int | None = None) -> str:
        """``20 juil. 2022``, ``juil. 2022`` or ``2022`` (``Jul 20, 2022`` in English)."""
        from babel.dates import format_date, format_skeleton

        if not year:
            return ""
        if not month or not 1 <= month <= 12:
            return str(year)
        if day:
            try:
                return format_date(dt.date(year, month, day), "medium", locale=self.locale)
            except ValueError:
                pass
        return format_skeleton("yMMM", dt.date(year, month, 1), locale=self.locale)

    def date_text(self, value: object) -> str:
        """A date written in a data file (``2022``, ``2022-07``, ``2022-07-20``,
        ``present``) in this language; anything else is shown as written."""
        text = str(value or "").strip()
        if text.lower() in {"present", "now", "current"}:
            return self.gettext("present")
        match = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text)
        if not match:
            return text
        year, month, day = (int(g) if g else None for g in match.groups())
        return self.date(year, month, day)

    def period(self, start: object, end: object) -> str:
        """``juil. 2022 – présent``; an empty end is ``present``."""
        return f"{self.date_text(start)} \u2013 {self.date_text(end or 'present')}"

    def number(self, value: int | float) -> str:
        """``3 480`` in French, ``3,480`` in English."""
        from babel.numbers import format_decimal

        number = value
        if isinstance(value, str):
            try:
                number = float(value) if "." in value else int(value)
            except ValueError:
                return value
        if not isinstance(number, (int, float)) or isinstance(number, bool):
            return str(value)
        return format_decimal(number, locale=self.locale)


#: Labels of a site in English with no overrides: what renderers use by default.
ENGLISH = Labels()
