"""sphinx-scholar: research websites from BibTeX and YAML, with Sphinx."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    from .assets import setup_assets
    from .bibliographies import setup_bibliographies
    from .config import setup_config
    from .directives.cv import setup_cv
    from .directives.group import setup_group
    from .directives.news import setup_news
    from .directives.people import setup_people
    from .directives.profile import setup_profile
    from .directives.projects import setup_projects
    from .directives.publications import setup_publications
    from .directives.teaching import setup_teaching
    from .domain import ScholarDomain
    from .downloads import setup_downloads
    from .feed import setup_feed
    from .filtering import setup_filtering
    from .icons import setup_icons
    from .lab_pages import setup_lab_pages
    from .news_feed import setup_news_feed
    from .nodes import setup_nodes
    from .paper_pages import setup_paper_pages
    from .theme import setup_theme

    # `html_theme = "sphinx_scholar"` alone loads this extension through the
    # theme's entry point, while the builder starts: after the environment
    # made its domains and after `config-inited`. Catch up on both below.
    late = getattr(app, "env", None) is not None
    listeners_before = {listener.id for listener in app.events.listeners.get("config-inited", ())}
    domains_before = set(app.registry.domains)

    app.setup_extension("sphinx_design")
    setup_config(app)
    app.add_domain(ScholarDomain)
    setup_nodes(app)
    setup_icons(app)
    setup_bibliographies(app)
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
    setup_filtering(app)
    setup_paper_pages(app)
    setup_lab_pages(app)
    setup_news_feed(app)
    setup_assets(app)
    setup_theme(app)
    if late:
        _catch_up(app, listeners_before, domains_before)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _catch_up(app: Sphinx, listeners_before: set[int], domains_before: set[str]) -> None:
    """Do for a late-loaded extension what Sphinx did for the others: create its
    domains in the environment and run its `config-inited` listeners."""
    env = app.env
    domains = env.domains
    instances = getattr(domains, "_domain_instances", domains)  # Sphinx >= 8.1 wraps the dict
    for name, domain_class in app.registry.domains.items():
        if name not in domains_before and name not in instances:
            domain = domain_class(env)
            domain.setup()
            instances[name] = domain
    new = [listener for listener in app.events.listeners.get("config-inited", ()) if listener.id not in listeners_before]
    for listener in sorted(new, key=lambda listener: listener.priority):
        listener.handler(app, app.config)
