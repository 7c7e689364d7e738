"""RenderCV's ``cv:`` block to nodes: a header, then one section per entry list."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from ..records.labels import ENGLISH, Labels
from ..records.people import CVEntry
from ..records.urls import is_safe_url

__all__ = ["render_cv_entries", "render_cv_header"]


def _dates(entry: CVEntry, labels: Labels = ENGLISH) -> str:
    """``Jul 2022 – present`` (``juil. 2022 – présent``), in the labels' locale."""
    start, end, date = (str(entry.get(k) or "") for k in ("start_date", "end_date", "date"))
    if start:
        return labels.period(start, end)
    return labels.date_text(date)


def _text(entry: CVEntry, *names: str) -> str:
    return ", ".join(str(entry.get(n)) for n in names if entry.get(n))


def render_cv_header(cv: dict) -> nodes.container:
    header = nodes.container(classes=["scholar-cv-header"])
    header += nodes.paragraph("", "", nodes.strong(cv["name"], cv["name"]), classes=["scholar-cv-name"])
    if cv.get("headline"):
        header += nodes.paragraph("", cv["headline"], classes=["scholar-cv-headline"])
    contact = [cv[k] for k in ("location", "phone") if cv.get(k)]
    line = nodes.paragraph(classes=["scholar-cv-contact"])
    for number, item in enumerate(contact):
        if number:
            line += nodes.Text(" \u00b7 ")
        line += nodes.Text(item)
    website = cv.get("website", "")
    if website and is_safe_url(website) == "remote":
        if len(line):
            line += nodes.Text(" \u00b7 ")
        line += nodes.reference(website, website, refuri=website)
    for network in cv.get("social_networks") or ():
        if len(line):
            line += nodes.Text(" \u00b7 ")
        line += nodes.Text(f"{network['network']}: {network['username']}")
    if len(line):
        header += line
    return header


def render_cv_entries(entries: Sequence[CVEntry], labels: Labels = ENGLISH) -> nodes.Element:
    kinds = {e.type for e in entries}
    if kinds <= {"BulletEntry", "TextEntry"}:
        if kinds == {"TextEntry"}:
            container = nodes.container(classes=["scholar-cv-text"])
            for entry in entries:
                container += nodes.paragraph("", str(entry.get("text")))
            return container
        bullets = nodes.bullet_list(classes=["scholar-cv-bullets"])
        for entry in entries:
            item = nodes.list_item()
            item += nodes.paragraph("", str(entry.get("bullet") or entry.get("text")))
            bullets += item
        return bullets
    if kinds <= {"NumberedEntry", "ReversedNumberedEntry"}:
        listing = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".", classes=["scholar-cv-numbered"])
        for entry in entries:
            item = nodes.list_item()
            item += nodes.paragraph("", str(entry.get("number") or entry.get("reversed_number")))
            listing += item
        return listing
    listing = nodes.bullet_list(classes=["scholar-cv-entries"])
    for entry in entries:
        item = nodes.list_item(classes=["scholar-cv-entry", f"scholar-cv-{entry.type.lower()}"])
        head = nodes.paragraph(classes=["scholar-cv-entry-head"])
        if entry.type == "EducationEntry":
            degree, area = str(entry.get("degree") or ""), str(entry.get("area") or "")
            what = labels.gettext("%(degree)s in %(area)s") % {"degree": degree, "area": area} if degree and area else degree or area
            head += nodes.strong(entry.get("institution"), str(entry.get("institution")))
            head += nodes.Text(f", {what}")
        elif entry.type == "ExperienceEntry":
            head += nodes.strong(entry.get("position"), str(entry.get("position")))
            head += nodes.Text(f", {entry.get('company')}")
        elif entry.type == "PublicationEntry":
            title = str(entry.get("title"))
            url = entry.get("url") or (f"https://doi.org/{entry.get('doi')}" if entry.get("doi") else "")
            head += nodes.reference(title, title, refuri=url) if url and is_safe_url(url) else nodes.strong(title, title)
            head += nodes.Text(". " + ", ".join(entry.get("authors") or ()))
            if entry.get("journal"):
                head += nodes.Text(". ")
                head += nodes.emphasis(entry.get("journal"), str(entry.get("journal")))
        elif entry.type == "OneLineEntry":
            head += nodes.strong(entry.get("label"), f"{entry.get('label')}: ")
            head += nodes.Text(str(entry.get("details")))
        else:
            head += nodes.strong(entry.get("name"), str(entry.get("name")))
        when = ", ".join(p for p in (_dates(entry, labels), str(entry.get("location") or "")) if p)
        if when:
            head += nodes.inline("", f" \u2014 {when}", classes=["scholar-cv-when"])
        item += head
        if entry.get("summary"):
            item += nodes.paragraph("", str(entry.get("summary")), classes=["scholar-cv-summary"])
        highlights = entry.get("highlights") or ()
        if highlights:
            bullets = nodes.bullet_list(classes=["scholar-cv-highlights"])
            for text in highlights:
                bullet = nodes.list_item()
                bullet += nodes.paragraph("", str(text))
                bullets += bullet
            item += bullets
        listing += item
    return listing
