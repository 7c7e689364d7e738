"""The ``news`` directive: dated announcements from ``news.yaml``, newest first.

With ``:limit:`` (a home page) it shows the latest items and a "see all" link
(``:more:``); without, the archive grouped by year. The document holding the
archive is remembered, so the Atom feed of news links into it.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx

from ..loaders.yaml_files import DataFile
from ..nodes.elements import doc_link
from ..records.labels import Labels
from ..records.people import NewsItem
from ..records.urls import is_safe_url
from ..render.news import render_news
from ..sphinxext.lab import note_news_archive
from ..sphinxext.labels import directive_labels
from ..sphinxext.sources import directive_data, project_file
from .markup import located_markup
from .options import ScholarDirective, boolean, choice, words

__all__ = ["NewsDirective", "setup_news"]


class NewsDirective(ScholarDirective):
    """News items: date, text (inline Markdown), link, image, tags."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {
        "limit": directives.unchanged,
        "more": directives.unchanged,
        "group-by": directives.unchanged,
        "tags": directives.unchanged,
        "images": directives.unchanged,
        "class": directives.class_option,
        "language": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        data = directive_data(self, "news", self.config.scholar_news)
        wrapper = nodes.container(classes=["scholar", "scholar-news-list", *self.options.get("class", [])])
        labels = directive_labels(self, wrapper)
        self.set_source_info(wrapper)
        if data is None:
            return [wrapper]
        items = [NewsItem.from_dict(record, line) for record, line in zip(data.records, data.lines)]
        tags = {t.lower() for t in self.option("tags", words, list[str]())}
        if tags:
            items = [item for item in items if tags & {t.lower() for t in item.tags}]
        limit = self.option("limit", directives.nonnegative_int, 0)
        if not limit and not tags:
            note_news_archive(self.env, self.env.docname, data.path)
        show_images = self.option("images", boolean, True)
        more = None
        if self.options.get("more"):
            more = doc_link(labels.gettext("All news"), self.options["more"].strip(), ("scholar-see-all-link",))
        wrapper.extend(
            render_news(
                items,
                group_by=self.option("group-by", choice(("year", "none")), "none" if limit else "year"),
                limit=limit,
                link_node=lambda item: _link_node(item, labels),
                image_node=lambda item: self._image_node(item, data) if show_images else None,
                more=more,
                labels=labels,
                text_nodes=lambda item: located_markup(item.text, data.path, item.line, "news"),
            )
        )
        return [wrapper]

    def _image_node(self, item: NewsItem, data: DataFile) -> nodes.Node | None:
        if not item.image:
            return None
        uri = project_file(self, data, item.image, "news image", item.line)
        if uri is None:
            return None
        return nodes.image(uri=uri, alt=item.image_alt, classes=["scholar-news-image"], loading="lazy")


def _link_node(item: NewsItem, labels: Labels) -> nodes.Node | None:
    """The item's "more" link: to a web page or a document of the site."""
    if not item.link:
        return None
    kind = is_safe_url(item.link)
    if kind == "remote":
        more_text = labels.gettext("more")
        return nodes.reference(more_text, more_text, refuri=item.link, classes=["scholar-news-link"])
    if kind == "local":
        return doc_link(labels.gettext("more"), item.link, ("scholar-news-link",))
    return None


def setup_news(app: Sphinx) -> None:
    app.add_directive("news", NewsDirective)
