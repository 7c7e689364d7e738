"""News items to nodes: a dated list, newest first, optionally one heading per year."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from docutils import nodes

from ..records.labels import ENGLISH, Labels
from ..records.people import NewsItem, safe_slug
from .inline_markup import inline_markup

__all__ = ["format_day", "news_anchors", "render_news", "sort_news"]


def sort_news(items: Sequence[NewsItem]) -> list[NewsItem]:
    """Newest first; items of the same day keep their order in the file."""
    return sorted(items, key=lambda item: item.day, reverse=True)


def news_anchors(items: Sequence[NewsItem]) -> list[str]:
    """A stable id per item (``news-2024-05-17``, then ``-2``...), in the order given."""
    used: dict[str, int] = {}
    out = []
    for item in items:
        base = "news-" + safe_slug(item.date, fallback="undated")
        used[base] = used.get(base, 0) + 1
        out.append(base if used[base] == 1 else f"{base}-{used[base]}")
    return out


def format_day(value: str, labels: Labels = ENGLISH) -> str:
    """``2024-05-17`` -> ``May 17, 2024``; ``2024-05`` -> ``May 2024``; ``2024`` -> ``2024``
    (in the labels' locale: ``17 mai 2024``)."""
    parts = str(value).split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 0
        day = int(parts[2]) if len(parts) > 2 else 0
    except ValueError:
        return str(value)
    if not 1 <= month <= 12:
        return str(year)
    return labels.date(year, month, day or None)


def render_news(
    items: Sequence[NewsItem],
    *,
    group_by: str = "year",
    limit: int = 0,
    link_node: Callable[[NewsItem], nodes.Node | None] = lambda item: None,
    image_node: Callable[[NewsItem], nodes.Node | None] = lambda item: None,
    more: nodes.Node | None = None,
    labels: Labels = ENGLISH,
    text_nodes: Callable[[NewsItem], list[nodes.Node]] | None = None,
) -> list[nodes.Node]:
    """``more`` (a "see all" link) is added when ``limit`` left items out; ``text_nodes``
    renders an item's text (by default its inline Markdown, refusals unreported)."""
    text_nodes = text_nodes or (lambda item: inline_markup(item.text, "markdown")[0])
    ordered = sort_news(items)
    anchors = news_anchors(ordered)
    shown = list(zip(ordered, anchors))
    cut = 0 < limit < len(shown)
    if cut:
        shown = shown[:limit]
    groups: dict[str, list] = {}
    for item, anchor in shown:
        key = str(item.day.year) if group_by == "year" and item.day.year > 1 else ""
        groups.setdefault(key, []).append((item, anchor))
    out: list[nodes.Node] = []
    for heading, members in groups.items():
        if heading:
            out.append(nodes.rubric(heading, heading, classes=["scholar-group-heading"]))
        bullets = nodes.bullet_list(classes=["scholar-news"])
        for item, anchor in members:
            bullets += _news_item(item, anchor, labels, text_nodes, link_node, image_node)
        out.append(bullets)
    if not out:
        out.append(nodes.paragraph("", labels.gettext("No news yet."), classes=["scholar-empty"]))
    if cut and more is not None:
        out.append(nodes.paragraph("", "", more, classes=["scholar-see-all"]))
    return out


def _news_item(
    item: NewsItem,
    anchor: str,
    labels: Labels,
    text_nodes: Callable[[NewsItem], list[nodes.Node]],
    link_node: Callable[[NewsItem], nodes.Node | None],
    image_node: Callable[[NewsItem], nodes.Node | None],
) -> nodes.list_item:
    """One item: its image, then date, text, link and tags on one line."""
    entry = nodes.list_item(ids=[anchor], classes=["scholar-news-item"])
    line = nodes.paragraph(classes=["scholar-news-line"])
    day = format_day(item.date, labels)
    line += nodes.inline(day, day, classes=["scholar-news-date"])
    line += nodes.Text(" ")
    line += nodes.inline("", "", *text_nodes(item), classes=["scholar-news-text"])
    link = link_node(item)
    if link is not None:
        line += nodes.Text(" ")
        line += link
    for tag in item.tags:
        line += nodes.Text(" ")
        line += nodes.inline(tag, tag, classes=["scholar-news-tag", "scholar-badge"])
    image = image_node(item)
    if image is not None:
        entry += image
    entry += line
    return entry
