"""sphinx-scholar: research websites from BibTeX and YAML, with Sphinx."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

__version__ = "0.1.0"


# long: a flat list of per-package setup_* calls in data-flow order, as in Sphinx's own setup functions
def setup(app: Sphinx) -> dict[str, Any]:
    """Register everything, in data-flow order: nodes, build glue, directives,
    outputs, theme. Each package's ``setup_*`` says what it connects."""
    from .config import setup_config
    from .directives.cv import setup_cv
    from .directives.group import setup_group
    from .directives.news import setup_news
    from .directives.people import setup_people
    from .directives.profile import setup_profile
    from .directives.projects import setup_projects
    from .directives.publications import setup_publications
    from .directives.teaching import setup_teaching
    from .nodes import setup_nodes
    from .outputs.downloads import setup_downloads
    from .outputs.feed import setup_feed
    from .outputs.images import setup_images
    from .outputs.lab_pages import setup_lab_pages
    from .outputs.news_feed import setup_news_feed
    from .outputs.paper_pages import setup_paper_pages
    from .sphinxext.assets import setup_assets
    from .sphinxext.domain import ScholarDomain
    from .sphinxext.incremental import setup_incremental
    from .sphinxext.lab import setup_lab
    from .sphinxext.labels import setup_labels
    from .sphinxext.sources import setup_sources
    from .theme import setup_theme

    app.setup_extension("sphinx_design")
    setup_config(app)
    setup_labels(app)
    setup_nodes(app)
    app.add_domain(ScholarDomain)
    setup_sources(app)
    setup_incremental(app)
    setup_lab(app)
    setup_assets(app)
    setup_publications(app)
    setup_profile(app)
    setup_people(app)
    setup_news(app)
    setup_projects(app)
    setup_group(app)
    setup_teaching(app)
    setup_cv(app)
    setup_downloads(app)
    setup_feed(app)
    setup_paper_pages(app)
    setup_images(app)
    setup_lab_pages(app)
    setup_news_feed(app)
    setup_theme(app)
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
