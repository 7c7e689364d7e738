"""Static files: the directives' CSS on HTML builders, the script only where needed."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from .nodes import copy_button

__all__ = ["STATIC_DIR", "setup_assets"]

STATIC_DIR = Path(__file__).parent / "static"


def _add_static(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    app.config.html_static_path.append(str(STATIC_DIR))
    app.add_css_file("sphinx-scholar.css")


def _page_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None) -> None:
    # The copy script is only sent to pages that have a copy button.
    if doctree is not None and next(iter(doctree.findall(copy_button)), None) is not None:
        app.add_js_file("sphinx-scholar.js", loading_method="defer")


def setup_assets(app: Sphinx) -> None:
    app.connect("builder-inited", _add_static)
    app.connect("html-page-context", _page_scripts)
