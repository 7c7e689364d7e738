"""An Atom feed of the newest publications, linked from every page's head."""

from __future__ import annotations

import hashlib
import os
from typing import TYPE_CHECKING, cast
from urllib.parse import urljoin

from sphinx.application import Sphinx
from sphinx.util import logging

from ..formats.exporters import to_atom
from ..records.urls import primary_link
from ..selection.choose import sort_publications
from ..sphinxext.incremental import site_signature
from ..sphinxext.labels import bcp47, labels_for
from ..sphinxext.sources import configured_bibfiles, current_digest, entries_of

if TYPE_CHECKING:
    from ..sphinxext.domain import ScholarDomain

__all__ = ["FEED_NAME", "setup_feed"]

logger = logging.getLogger(__name__)
FEED_NAME = "publications.atom"


def _title(app: Sphinx) -> str:
    return app.config.scholar_feed_title or labels_for(app.config).gettext("%(project)s: publications") % {
        "project": app.config.project
    }


def _enabled(app: Sphinx) -> bool:
    return bool(app.config.scholar_feed) and app.builder.format == "html" and bool(app.config.html_baseurl)


def _check(app: Sphinx) -> None:
    if app.config.scholar_feed and app.builder.format == "html" and not app.config.html_baseurl:
        if "html_baseurl" in getattr(app.config, "_raw_config", {}):
            # conf.py sets the address, empty in this build (a local build of a
            # site that Read the Docs or GitHub Pages gives its address): the
            # feed is written there, and a local build is not an error.
            logger.info("scholar_feed: html_baseurl is empty in this build; no feed is written")
            return
        logger.warning(
            "scholar_feed needs html_baseurl (the site's address) for the feed's links; no feed is written",
            type="scholar",
            subtype="config",
        )


def _base(app: Sphinx) -> str:
    return app.config.html_baseurl.rstrip("/") + "/"


def _head_link(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if not _enabled(app):
        return
    title = _title(app)
    href = urljoin(_base(app), FEED_NAME)
    # Attribute values are escaped: titles come from conf.py.
    from html import escape

    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="alternate" type="application/atom+xml" title="{escape(title)}" href="{escape(href)}" '
        f'hreflang="{escape(bcp47(app.config.language))}">'
    )


def _made_of(app: Sphinx) -> str:
    """What the feed is made of: the .bib files, where each entry is listed, the
    site's settings. Unchanged, the feed of the last build is kept (with its
    ``updated`` time): a no-change build reads no .bib for it."""
    domain = cast("ScholarDomain", app.env.get_domain("scholar"))
    bibs = [(path, current_digest(path)) for path in configured_bibfiles(app.config)]
    inputs = (site_signature(app), bibs, sorted(domain.locations().items()))
    return hashlib.sha256(repr(inputs).encode()).hexdigest()


def _write_feed(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not _enabled(app):
        return
    feed = os.path.join(app.outdir, FEED_NAME)
    stamp = os.path.join(app.doctreedir, "sphinx-scholar", f"feed-{app.builder.name}.sha256")
    made_of = _made_of(app)
    try:
        with open(stamp, encoding="utf-8") as handle:
            if handle.read() == made_of and os.path.isfile(feed):
                return
    except OSError:
        pass
    _write(app, feed)
    os.makedirs(os.path.dirname(stamp), exist_ok=True)
    with open(stamp, "w", encoding="utf-8") as handle:
        handle.write(made_of)


def _write(app: Sphinx, feed: str) -> None:
    entries = entries_of(configured_bibfiles(app.config))
    newest = sort_publications(entries, "newest")[: app.config.scholar_feed_size]
    domain = cast("ScholarDomain", app.env.get_domain("scholar"))
    base = _base(app)

    def entry_url(pub) -> str:
        found = domain.locations().get(pub.key)
        if found:
            docname, anchor = found
            return urljoin(base, app.builder.get_target_uri(docname)) + "#" + anchor
        link = primary_link(pub)
        if link is not None:
            return link.url
        return base + "#pub-" + pub.key

    title = _title(app)
    text = to_atom(
        newest,
        title=title,
        feed_url=urljoin(base, FEED_NAME),
        site_url=base,
        entry_url=entry_url,
        language=bcp47(app.config.language),
    )
    with open(feed, "w", encoding="utf-8") as handle:
        handle.write(text)


def setup_feed(app: Sphinx) -> None:
    app.connect("builder-inited", _check)
    app.connect("html-page-context", _head_link)
    app.connect("build-finished", _write_feed)
