"""An Atom feed of the news (``scholar_news_feed = True``), linked from every page's head."""

from __future__ import annotations

import os
from html import escape
from urllib.parse import urljoin

from sphinx.application import Sphinx
from sphinx.util import logging

from ..formats.exporters import AtomEntry, atom_feed
from ..records.people import NewsItem
from ..records.urls import is_safe_url
from ..render.inline_markup import inline_markup
from ..render.news import news_anchors, sort_news
from ..sphinxext.lab import news_archive
from ..sphinxext.labels import bcp47, labels_for
from ..sphinxext.sources import load, resolve_conf_path

__all__ = ["NEWS_FEED_NAME", "news_entries", "setup_news_feed"]

logger = logging.getLogger(__name__)
NEWS_FEED_NAME = "news.atom"


def _enabled(app: Sphinx) -> bool:
    return (
        bool(app.config.scholar_news_feed)
        and bool(app.config.scholar_news)
        and app.builder.format == "html"
        and bool(app.config.html_baseurl)
    )


def _check(app: Sphinx) -> None:
    if app.config.scholar_news_feed and app.builder.format == "html":
        if not app.config.html_baseurl:
            logger.warning(
                "scholar_news_feed needs html_baseurl (the site's address) for the feed's links; "
                "no news feed is written",
                type="scholar",
                subtype="config",
            )
        elif not app.config.scholar_news:
            logger.warning(
                "scholar_news_feed needs scholar_news (the news file); no news feed is written",
                type="scholar",
                subtype="config",
            )


def _title(app: Sphinx) -> str:
    return labels_for(app.config).gettext("%(project)s: news") % {"project": app.config.project}


def news_entries(items, *, base: str, archive_url: str, doc_url) -> list[AtomEntry]:
    """Feed entries, newest first: each links to its own address, else to its place in the archive."""
    ordered = sort_news(items)
    entries = []
    for item, anchor in zip(ordered, news_anchors(ordered)):
        text = "".join(node.astext() for node in inline_markup(item.text, "markdown")[0])
        kind = is_safe_url(item.link) if item.link else None
        if kind == "remote":
            link = item.link
        elif kind == "local":
            link = doc_url(item.link)
        else:
            link = f"{archive_url}#{anchor}"
        day = item.day
        date = f"{day.year:04d}-{day.month:02d}-{day.day:02d}T00:00:00Z" if day.year > 1 else "1970-01-01T00:00:00Z"
        title = text if len(text) <= 90 else text[:89].rstrip() + "\u2026"
        entries.append(AtomEntry(title=title, link=link, date=date, categories=item.tags, summary=text))
    return entries


def _head_link(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if not _enabled(app):
        return
    href = urljoin(app.config.html_baseurl.rstrip("/") + "/", NEWS_FEED_NAME)
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="alternate" type="application/atom+xml" title="{escape(_title(app))}" href="{escape(href)}" '
        f'hreflang="{escape(bcp47(app.config.language))}">'
    )


def _write(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not _enabled(app):
        return
    path = resolve_conf_path(app.config.scholar_news)
    try:
        data = load(path, "news")
    except OSError:
        return  # the news directive says why
    base = app.config.html_baseurl.rstrip("/") + "/"
    archive = news_archive(app.env, path)
    archive_url = urljoin(base, app.builder.get_target_uri(archive)) if archive else base

    def doc_url(target: str) -> str:
        docname = target.strip("/")
        if docname in app.env.all_docs:
            return urljoin(base, app.builder.get_target_uri(docname))
        return urljoin(base, target.lstrip("/"))

    items = [NewsItem.from_dict(record, line) for record, line in zip(data.records, data.lines)]
    text = atom_feed(
        news_entries(items, base=base, archive_url=archive_url, doc_url=doc_url),
        title=_title(app),
        feed_url=urljoin(base, NEWS_FEED_NAME),
        site_url=base,
        language=bcp47(app.config.language),
    )
    with open(os.path.join(app.outdir, NEWS_FEED_NAME), "w", encoding="utf-8") as handle:
        handle.write(text)


def setup_news_feed(app: Sphinx) -> None:
    app.connect("builder-inited", _check)
    app.connect("html-page-context", _head_link)
    app.connect("build-finished", _write)
