"""RenderCV's ``cv:`` block to nodes: a header, then one section per entry list.

The page follows RenderCV's own "classic" layout: section keys become titles
as RenderCV writes them, the entry text is RenderCV's Markdown (parsed by
markdown-it-py, never shown raw), highlights with `` - `` in them become
sub-lists, dates read "Sept 2018 – May 2023" in the file's locale, and the
header links e-mail, phone, website and social networks to the addresses
RenderCV builds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from docutils import nodes

from ..nodes.elements import email_address, icon
from ..records.labels import ENGLISH, Labels
from ..records.markup import markdown_to_rich
from ..records.people import CVEntry, CVLocale
from ..records.urls import is_safe_url
from .publications import rich_nodes

__all__ = ["SOCIAL_URLS", "render_cv_entries", "render_cv_header", "social_url"]

#: RenderCV's profile address of each network (``username`` is appended).
SOCIAL_URLS = {
    "LinkedIn": "https://linkedin.com/in/",
    "GitHub": "https://github.com/",
    "GitLab": "https://gitlab.com/",
    "IMDB": "https://imdb.com/name/",
    "Instagram": "https://instagram.com/",
    "ORCID": "https://orcid.org/",
    "StackOverflow": "https://stackoverflow.com/users/",
    "ResearchGate": "https://researchgate.net/profile/",
    "YouTube": "https://youtube.com/@",
    "Google Scholar": "https://scholar.google.com/citations?user=",
    "Telegram": "https://t.me/",
    "Leetcode": "https://leetcode.com/u/",
    "X": "https://x.com/",
    "Twitter": "https://twitter.com/",  # RenderCV 1.x
}
_ICONS = {
    "LinkedIn": "linkedin",
    "GitHub": "github",
    "ORCID": "orcid",
    "Google Scholar": "scholar",
    "Mastodon": "mastodon",
    "X": "x",
    "Twitter": "x",
}
_SEPARATOR = " \u00b7 "
# Typst markup RenderCV passes through to its PDF (``#underline[Link]``): its text is shown.
_TYPST = re.compile(r"#[a-z][a-z-]*(?:\([^()]*\))?\[([^\[\]]*)\]")


def social_url(network: str, username: str) -> str:
    """The profile address RenderCV makes of a network and a username ("" if unknown)."""
    username = username.strip()
    if network == "Mastodon":
        parts = username.split("@")
        return f"https://{parts[2]}/@{parts[1]}" if len(parts) == 3 and parts[1] and parts[2] else ""
    base = SOCIAL_URLS.get(network) or next((v for k, v in SOCIAL_URLS.items() if k.lower() == network.lower()), "")
    return base + username if base and username else ""


def _markdown(value) -> list[nodes.Node]:
    text = _TYPST.sub(r"\1", str(value)).strip()
    return rich_nodes(markdown_to_rich(text))


def _values(value) -> list[str]:
    if value in (None, ""):
        return []
    items = value if isinstance(value, list) else [value]
    return [str(v).strip() for v in items if v is not None and str(v).strip()]  # `email: [~]` is no address


def _clean_url(url: str) -> str:
    """As RenderCV shows an address: no scheme, no ``www.``, no trailing slash."""
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", url).rstrip("/")


def render_cv_header(cv: dict, labels: Labels = ENGLISH) -> nodes.container:
    header = nodes.container(classes=["scholar-cv-header"])
    if cv.get("name"):
        name = str(cv["name"])
        header += nodes.paragraph("", "", nodes.strong(name, name), classes=["scholar-cv-name"])
    if cv.get("headline"):
        header += nodes.paragraph("", "", *_markdown(cv["headline"]), classes=["scholar-cv-headline"])
    items = _connections(cv, labels)
    if items:
        line = nodes.paragraph(classes=["scholar-cv-contact"])
        for number, item in enumerate(items):
            if number:
                line += nodes.Text(_SEPARATOR)
            line += item
        header += line
    return header


def _connections(cv: dict, labels: Labels) -> list[nodes.Node]:
    """Location, e-mail, phone, websites, social networks and custom connections, in RenderCV's order."""
    items: list[nodes.Node] = []

    def add(kind: str, *children: nodes.Node) -> None:
        # An icon as RenderCV shows (HTML only), then the text or link.
        items.append(nodes.inline("", "", icon(name=kind), *children, classes=["scholar-cv-connection"]))

    if cv.get("location"):
        add("page", nodes.Text(str(cv["location"])))
    for address in _values(cv.get("email")):
        user, at, domain = address.partition("@")
        if at and user and domain:
            # As on the profile card: a mailto link made by script, nothing for harvesters.
            add("email", email_address(user=user, domain=domain))  # a CV shows the address
        else:
            add("email", nodes.Text(address))
    for phone in _values(cv.get("phone")):
        digits = re.sub(r"[^\d+]", "", phone)
        if digits:
            add("link", nodes.reference(phone, phone, refuri=f"tel:{digits}", classes=["scholar-cv-phone"]))
    for website in _values(cv.get("website")):
        if is_safe_url(website) == "remote":
            shown = _clean_url(website)
            add("website", nodes.reference(shown, shown, refuri=website, classes=["scholar-cv-website"]))
    for network in cv.get("social_networks") or ():
        name, username = str(network.get("network", "")), str(network.get("username", ""))
        url = social_url(name, username)
        shown = "Google Scholar" if name == "Google Scholar" else username
        if url and is_safe_url(url) == "remote":
            add(
                _ICONS.get(name, "link"),
                nodes.reference(shown, shown, refuri=url, classes=["scholar-cv-social"], reftitle=name),
            )
        elif username:
            add("link", nodes.Text(f"{name}: {username}"))
    for connection in cv.get("custom_connections") or ():
        label, url = str(connection.get("placeholder", "")), str(connection.get("url", "") or "")
        if url and is_safe_url(url) == "remote":
            add("link", nodes.reference(label, label, refuri=url, classes=["scholar-cv-social"]))
        elif label:
            add("link", nodes.Text(label))
    return items


def _highlights(highlights: Sequence) -> nodes.bullet_list:
    """RenderCV's rule: `` - `` inside a highlight starts its sub-bullets."""
    bullets = nodes.bullet_list(classes=["scholar-cv-highlights"])
    for text in highlights:
        head, *subs = str(text).split(" - ")
        bullet = nodes.list_item()
        bullet += nodes.paragraph("", "", *_markdown(head))
        if subs:
            nested = nodes.bullet_list(classes=["scholar-cv-highlights"])
            for sub in subs:
                item = nodes.list_item()
                item += nodes.paragraph("", "", *_markdown(sub))
                nested += item
            bullet += nested
        bullets += bullet
    return bullets


def _text(entry: CVEntry, name: str) -> str:
    value = entry.get(name)
    return str(value).strip() if value not in (None, "") else ""


def _head(entry: CVEntry, head: nodes.paragraph, locale: CVLocale) -> None:
    kind = entry.type
    if kind == "EducationEntry":
        degree, area = _text(entry, "degree"), _text(entry, "area")
        head += nodes.strong("", "", *_markdown(_text(entry, "institution")))
        what = (
            locale.degree_with_area.replace("DEGREE", degree).replace("AREA", area)
            if degree and area
            else (area or degree)
        )
        if what:
            head += nodes.Text(", ")
            head.extend(_markdown(what))
    elif kind == "ExperienceEntry":
        head += nodes.strong("", "", *_markdown(_text(entry, "company")))
        if _text(entry, "position"):
            head += nodes.Text(", ")
            head.extend(_markdown(_text(entry, "position")))
    elif kind == "PublicationEntry":
        head += nodes.strong("", "", *_markdown(_text(entry, "title")))
    elif kind == "OneLineEntry":
        head += nodes.strong("", "", *_markdown(_text(entry, "label")), nodes.Text(":"))
        head += nodes.Text(" ")
        head.extend(_markdown(_text(entry, "details")))
    else:
        head += nodes.strong("", "", *_markdown(_text(entry, "name")))


def _publication(entry: CVEntry) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    authors = [str(a) for a in entry.get("authors") or () if str(a).strip()]
    if authors:
        line = nodes.paragraph(classes=["scholar-cv-authors"])
        for number, author in enumerate(authors):
            if number:
                line += nodes.Text(", ")
            line.extend(_markdown(author))
        out.append(line)
    doi, url, journal = _text(entry, "doi"), _text(entry, "url"), _text(entry, "journal")
    where = nodes.paragraph(classes=["scholar-cv-where"])
    # RenderCV shows the DOI when there is one; the url is kept too (issue 13: never dropped).
    if url and is_safe_url(url):
        where += nodes.reference(_clean_url(url), _clean_url(url), refuri=url)
    if doi:
        target = "https://doi.org/" + re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", doi, flags=re.I)
        if len(where):
            where += nodes.Text(" \u00b7 ")
        where += nodes.reference(doi, doi, refuri=target)
    if journal:
        if len(where):
            where += nodes.Text(" (")
            where.extend(_markdown(journal))
            where += nodes.Text(")")
        else:
            where.extend(_markdown(journal))
    if len(where):
        out.append(where)
    return out


def render_cv_entries(entries: Sequence[CVEntry], locale: CVLocale | None = None) -> nodes.Element:
    """One section's entries (all of the section's type, as in RenderCV)."""
    locale = locale or CVLocale()
    kinds = {e.type for e in entries}
    if kinds <= {"TextEntry"}:
        container = nodes.container(classes=["scholar-cv-text"])
        for entry in entries:
            container += nodes.paragraph("", "", *_markdown(entry.get("text")))
        return container
    if kinds <= {"BulletEntry", "TextEntry"}:
        bullets = nodes.bullet_list(classes=["scholar-cv-bullets"])
        for entry in entries:
            item = nodes.list_item()
            item += nodes.paragraph("", "", *_markdown(entry.get("bullet") or entry.get("text")))
            bullets += item
        return bullets
    # A text entry among numbered ones is one more numbered item (as among bullets).
    if kinds <= {"NumberedEntry", "ReversedNumberedEntry", "TextEntry"} and "NumberedEntry" in kinds:
        listing = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".", classes=["scholar-cv-numbered"])
        for entry in entries:
            item = nodes.list_item()
            number = entry.get("number") or entry.get("reversed_number") or entry.get("text")
            item += nodes.paragraph("", "", *_markdown(number))
            listing += item
        return listing
    if kinds <= {"ReversedNumberedEntry", "TextEntry"}:
        return _counted_down(entries)
    listing = nodes.bullet_list(classes=["scholar-cv-entries"])
    for entry in entries:
        listing += _entry_item(entry, locale)
    return listing


def _counted_down(entries: Sequence[CVEntry]) -> nodes.bullet_list:
    """Reversed numbered entries, counted down as RenderCV does (the newest first)."""
    listing = nodes.bullet_list(classes=["scholar-cv-numbered", "scholar-cv-reversed"])
    for position, entry in enumerate(entries):
        item = nodes.list_item()
        number = f"{len(entries) - position}. "
        item += nodes.paragraph(
            "",
            "",
            nodes.inline(number, number, classes=["scholar-cv-number"]),
            *_markdown(entry.get("reversed_number") or entry.get("text")),
        )
        listing += item
    return listing


def _entry_item(entry: CVEntry, locale: CVLocale) -> nodes.list_item:
    """One entry of a list with heads: head (with location and dates), summary, publication lines, highlights."""
    if entry.type == "TextEntry":
        item = nodes.list_item(classes=["scholar-cv-entry"])
        item += nodes.paragraph("", "", *_markdown(entry.get("text")))
        return item
    item = nodes.list_item(classes=["scholar-cv-entry", f"scholar-cv-{entry.type.lower()}"])
    head = nodes.paragraph(classes=["scholar-cv-entry-head"])
    _head(entry, head, locale)
    when = ", ".join(p for p in (_text(entry, "location"), locale.dates(entry)) if p)
    if when:
        head += nodes.inline("", f" \u2014 {when}", classes=["scholar-cv-when"])
    item += head
    if entry.get("summary"):
        item += nodes.paragraph("", "", *_markdown(entry.get("summary")), classes=["scholar-cv-summary"])
    if entry.type == "PublicationEntry":
        item.extend(_publication(entry))
    highlights = [h for h in entry.get("highlights") or () if str(h).strip()]
    if highlights:
        item += _highlights(highlights)
    return item
