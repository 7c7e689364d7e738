"""The ``sphinx_scholar`` HTML theme: a calm single column around the directives."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

__all__ = ["THEME_DIR", "setup_theme"]

THEME_DIR = Path(__file__).resolve().parent / "sphinx_scholar"


def _defaults(app: Sphinx, config) -> None:
    if config.html_theme == "sphinx_scholar" and config.html_last_updated_fmt is None:
        # The footer says when the site was last built.
        config.html_last_updated_fmt = "%b %d, %Y"


def setup_theme(app: Sphinx) -> None:
    app.add_html_theme("sphinx_scholar", str(THEME_DIR))
    app.connect("config-inited", _defaults)
