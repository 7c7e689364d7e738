"""Option values of the lab directives (people, news, projects): a bad value is a
located warning and the default, never a dropped list."""

from __future__ import annotations

from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

__all__ = ["choice_option", "count_option", "flag_option", "words_option"]

logger = logging.getLogger(__name__)


def _warn(directive: SphinxDirective, name: str, value: str, expected: str, default: object) -> None:
    logger.warning("%s: :%s: %r is not %s; using %r", directive.name, name, value, expected, default,
                   type="scholar", subtype="option", location=directive.get_location())


def choice_option(directive: SphinxDirective, name: str, choices: tuple[str, ...], default: str) -> str:
    value = directive.options.get(name)
    if value is None:
        return default
    value = str(value).strip().lower()
    if value in choices:
        return value
    _warn(directive, name, value, f"one of {', '.join(choices)}", default)
    return default


def count_option(directive: SphinxDirective, name: str, default: int = 0) -> int:
    value = directive.options.get(name)
    if value is None:
        return default
    text = str(value).strip()
    if text.isdigit():
        return int(text)
    _warn(directive, name, text, "a whole number (0 or more)", default)
    return default


def flag_option(directive: SphinxDirective, name: str, default: bool) -> bool:
    value = directive.options.get(name)
    if value is None:
        return default
    text = str(value).strip().lower()
    if text in {"", "yes", "true", "on", "1"}:
        return True
    if text in {"no", "false", "off", "0"}:
        return False
    _warn(directive, name, text, "yes or no", default)
    return default


def words_option(directive: SphinxDirective, name: str) -> list[str]:
    return str(directive.options.get(name) or "").replace(",", " ").split()
