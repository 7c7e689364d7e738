"""The ``sphinx_scholar`` HTML theme: a calm single column around the directives.

``html_theme = "sphinx_scholar"`` without the extension in ``extensions``
loads :func:`setup` here through the theme's entry point, which loads the
extension late (see :func:`_catch_up`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

__all__ = ["THEME_DIR", "setup", "setup_theme"]

THEME_DIR = Path(__file__).resolve().parent / "sphinx_scholar"


def _defaults(app: Sphinx, config) -> None:
    if config.html_theme == "sphinx_scholar" and config.html_last_updated_fmt is None:
        # The footer says when the site was last built, in the site's language
        # ("%x": Babel's medium date, "Nov 25, 2026", "25 nov. 2026").
        config.html_last_updated_fmt = "%x"


_CSS_VALUE = re.compile(r"[^;{}<>\\\n\r]*")


def accent_css(light: str, dark: str) -> str:
    """The accent colours of the theme options, as a stylesheet (a file, so a
    strict Content-Security-Policy need not allow inline styles)."""
    rules = []
    light = light.strip() if _CSS_VALUE.fullmatch(light) else ""
    dark = dark.strip() if _CSS_VALUE.fullmatch(dark) else ""
    if light:
        rules.append(f"html:root {{ --scholar-accent: {light}; }}")
    if dark:
        rules.append(f'html[data-mode="dark"] {{ --scholar-accent: {dark}; }}')
        rules.append(f"@media (prefers-color-scheme: dark) {{ html:not([data-mode]) {{ --scholar-accent: {dark}; }} }}")
    return "\n".join(rules) + "\n"


def _accent_file(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    light, dark = context.get("theme_accent_color") or "", context.get("theme_accent_color_dark") or ""
    if not (light or dark) or getattr(app.builder, "_scholar_accent_written", False):
        return
    folder = os.path.join(app.outdir, "_static")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "scholar-accent.css"), "w", encoding="utf-8") as handle:
        handle.write(accent_css(str(light), str(dark)))
    app.builder._scholar_accent_written = True


def setup_theme(app: Sphinx) -> None:
    app.add_html_theme("sphinx_scholar", str(THEME_DIR))
    app.connect("config-inited", _defaults)
    app.connect("html-page-context", _accent_file)


def setup(app: Sphinx) -> dict[str, Any]:
    """The theme's entry point: load the whole extension, catching up on what
    Sphinx already did when a theme is loaded (while the builder starts)."""
    from .. import __version__

    late = getattr(app, "env", None) is not None
    listeners_before = {listener.id for listener in app.events.listeners.get("config-inited", ())}
    domains_before = set(app.registry.domains)
    app.setup_extension("sphinx_scholar")
    if late:
        _catch_up(app, listeners_before, domains_before)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


def _catch_up(app: Sphinx, listeners_before: set[int], domains_before: set[str]) -> None:
    """Do for a late-loaded extension what Sphinx did for the others: create its
    domains in the environment and run its ``config-inited`` listeners.

    This uses two private parts of Sphinx (``events.listeners`` and the
    environment's domain instances); it is the only place that does, and only
    runs when the theme is used without listing the extension.
    """
    env = app.env
    domains = env.domains
    instances = getattr(domains, "_domain_instances", domains)  # Sphinx >= 8.1 wraps the dict
    for name, domain_class in app.registry.domains.items():
        if name not in domains_before and name not in instances:
            domain = domain_class(env)
            domain.setup()
            instances[name] = domain
    new = [
        listener for listener in app.events.listeners.get("config-inited", ()) if listener.id not in listeners_before
    ]
    for listener in sorted(new, key=lambda listener: listener.priority):
        listener.handler(app, app.config)
