"""Documentation of sphinx-scholar, built with sphinx-scholar itself."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "sphinx-scholar"
author = "sphinx-scholar developers"
copyright = "2026, sphinx-scholar developers"

extensions = ["myst_parser", "sphinx_scholar", "scholar_reference"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
exclude_patterns = ["_build"]

scholar_bibfiles = ["refs.bib"]
scholar_me = ["David Picard"]

html_theme = "sphinx_scholar"
html_theme_options = {
    "description": "sphinx-scholar: research websites from BibTeX and YAML, with Sphinx.",
    "nav_links": "Source|https://github.com/sphinx-scholar/sphinx-scholar",
}
html_title = "sphinx-scholar"
