"""Directive options, one convention for every directive.

Every option is declared ``directives.unchanged`` (or a flag) in
``option_spec`` and converted in ``run()`` through :meth:`ScholarDirective.option`:
a bad value is a located ``scholar.option`` warning and the default, never a
lost list (docutils would drop the whole directive on a converter error).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..outputs.downloads import FORMAT_LABELS

__all__ = ["ScholarDirective", "boolean", "choice", "formats", "names", "words"]

logger = logging.getLogger(__name__)
T = TypeVar("T")


def boolean(argument: str | None) -> bool:
    """A flag option that also accepts an explicit yes/no."""
    if argument is None or not argument.strip():
        return True
    value = argument.strip().lower()
    if value in {"yes", "true", "on", "1"}:
        return True
    if value in {"no", "false", "off", "0"}:
        return False
    raise ValueError(f'expected "yes" or "no", not {argument!r}')


def choice(values: Sequence[str]) -> Callable[[str | None], str]:
    """One of ``values``, case and surrounding spaces ignored."""

    def convert(argument: str | None) -> str:
        return directives.choice((argument or "").strip().lower(), values)

    return convert


def words(argument: str | None) -> list[str]:
    """Words separated by spaces or commas."""
    return [w for w in re.split(r"[\s,]+", argument or "") if w]


def names(argument: str | None) -> list[str]:
    """Person names, separated by ";" or lines (names contain commas: "Picard, David")."""
    return [n.strip() for n in re.split(r"[;\n]", argument or "") if n.strip()]


def formats(argument: str | None) -> list[str]:
    """``bib csl ris`` (any of them), or ``none``."""
    found = [n.lower() for n in words(argument)]
    if found == ["none"]:
        return []
    unknown = [n for n in found if n not in FORMAT_LABELS]
    if unknown or not found:
        raise ValueError(f"expected some of {', '.join(FORMAT_LABELS)} (or none), not {argument!r}")
    return list(dict.fromkeys(found))


class ScholarDirective(SphinxDirective):
    """Base of every directive of the extension: options with a default."""

    def option(self, name: str, convert: Callable[[Any], T], default: T) -> T:
        """An option's value; a bad one is a located warning and the default."""
        if name not in self.options:
            return default
        try:
            return convert(self.options[name])
        except ValueError as error:
            logger.warning(
                "%s: invalid :%s: option: %s; using %r",
                self.name,
                name,
                error,
                default,
                type="scholar",
                subtype="option",
                location=self.get_location(),
            )
            return default
