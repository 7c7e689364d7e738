"""Static files: the directives' CSS on HTML builders, scripts only on the pages that need them."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from ..nodes.elements import copy_button, email_address, filter_box

__all__ = ["STATIC_DIR", "setup_assets"]

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"

#: node class -> the script a page needs when it holds one
SCRIPTS: dict[type[nodes.Node], str] = {
    copy_button: "sphinx-scholar.js",
    email_address: "sphinx-scholar.js",
    filter_box: "sphinx-scholar-filter.js",
}


def _add_static(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    app.config.html_static_path.append(str(STATIC_DIR))
    app.add_css_file("sphinx-scholar.css")
    # MathJax must read sphinx-scholar-mathjax.js (ui/safe) before it starts:
    # load it deferred, as Sphinx >= 8.2 does, unless conf.py chose otherwise
    # (Sphinx 8.1 loads it async, which may run before our configuration).
    options = getattr(app.config, "mathjax_options", None)
    if isinstance(options, dict) and "async" not in options and "defer" not in options:
        app.config.mathjax_options = {**options, "defer": "defer"}


def _page_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None) -> None:
    """The one hook that decides which scripts a page loads: one walk of its tree."""
    wanted: set[str] = set()
    if context.get("scholar_paper") or context.get("scholar_lab_page"):  # generated pages have no doctree
        wanted.add("sphinx-scholar.js")
    has_math = context.get("has_maths_elements")
    if doctree is not None:
        found = _walk(doctree, wanted, find_math=has_math is None)  # Sphinx < 8.2 does not say
        has_math = found if has_math is None else has_math
    for script in sorted(wanted):
        app.add_js_file(script, loading_method="defer")
    if has_math and getattr(app.builder, "math_renderer_name", "") == "mathjax":
        # After Sphinx's MathJax configuration (priority 500), before MathJax (deferred).
        app.add_js_file("sphinx-scholar-mathjax.js", priority=501)


_MATH = (nodes.math, nodes.math_block)
_ALL_SCRIPTS = len(set(SCRIPTS.values()))


def _walk(doctree: nodes.document, wanted: set[str], *, find_math: bool) -> bool | None:
    """Add the scripts the tree's nodes need to ``wanted``; whether it has math
    (None unless ``find_math``). A plain walk (``findall()`` without a
    condition) is the fastest docutils has: a 1,000-entry page has some 77,000 nodes."""
    has_math = False if find_math else None
    for node in doctree.findall():
        kind = type(node)
        script = SCRIPTS.get(kind)
        if script is not None:
            wanted.add(script)
        elif find_math and isinstance(node, _MATH):
            has_math = True
        if len(wanted) == _ALL_SCRIPTS and (has_math or not find_math):
            break
    return has_math


def setup_assets(app: Sphinx) -> None:
    app.connect("builder-inited", _add_static)
    app.connect("html-page-context", _page_scripts)
