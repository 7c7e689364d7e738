"""Publication records to reusable formats: BibTeX, CSL-JSON, RIS and Atom.

Pure functions over records; nothing here knows about Sphinx.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ..records.publication import DISPLAY_FIELDS, Author, Publication
from ..records.richtext import latex_to_rich
from ..records.urls import primary_link

__all__ = ["EXPORT_FORMATS", "AtomEntry", "atom_feed", "to_atom", "to_bibtex", "to_csl_json", "to_ris", "xml_text"]

#: format name -> file extension
EXPORT_FORMATS = {"bib": "bib", "csl": "json", "ris": "ris"}

_CSL_TYPES = {
    "article": "article-journal",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "incollection": "chapter",
    "inbook": "chapter",
    "book": "book",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "online": "webpage",
    "software": "software",
    "dataset": "dataset",
    "patent": "patent",
    "unpublished": "manuscript",
    "proceedings": "book",
}
_RIS_TYPES = {
    "article": "JOUR",
    "inproceedings": "CPAPER",
    "conference": "CPAPER",
    "incollection": "CHAP",
    "inbook": "CHAP",
    "book": "BOOK",
    "phdthesis": "THES",
    "mastersthesis": "THES",
    "thesis": "THES",
    "techreport": "RPRT",
    "report": "RPRT",
    "unpublished": "UNPB",
    "online": "ELEC",
    "software": "COMP",
    "dataset": "DATA",
    "patent": "PAT",
    "proceedings": "CONF",
}


def to_bibtex(pubs: Iterable[Publication], display_fields: bool = False) -> str:
    """Clean BibTeX (display-only fields removed, unless ``display_fields``), one entry after another."""
    return "\n\n".join(entry_bibtex(pub, display_fields) for pub in pubs) + "\n"


def entry_bibtex(pub: Publication, display_fields: bool = False) -> str:
    """One entry's BibTeX; with ``display_fields``, al-folio's display fields come back."""
    if not display_fields:
        return pub.bibtex
    extra = [f"  {name} = {{{value}}}," for name, value in pub.fields if name in DISPLAY_FIELDS]
    if not extra:
        return pub.bibtex
    head, _, _ = pub.bibtex.rpartition("}")
    return head + "\n".join(extra) + "\n}"


def _text(pub: Publication, field: str) -> str:
    value = pub.field(field).strip()
    return latex_to_rich(value).text if value else ""


def _doi(pub: Publication) -> str:
    return re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", pub.field("doi").strip(), flags=re.I)


def _pages(pub: Publication) -> tuple[str, str]:
    pages = latex_to_rich(pub.field("pages")).text if pub.field("pages") else ""
    parts = re.split(r"\s*[\u2013\u2014-]+\s*", pages)
    first = parts[0] if parts and parts[0] else ""
    last = parts[1] if len(parts) > 1 else ""
    return first, last


def _date_parts(pub: Publication) -> list[int]:
    """Year, month, day, each only when the one before it is there: a day without a month is no date part
    (CSL-JSON and RIS would read it as the month)."""
    parts: list[int] = []
    for value in (pub.year, pub.month, pub.day):
        if not value:
            break
        parts.append(value)
    return parts


def _url(pub: Publication) -> str:
    link = primary_link(pub)
    return link.url if link is not None else ""


def _csl_name(author: Author) -> dict[str, str]:
    name: dict[str, str] = {}
    if author.last and not author.first and not author.von:
        return {"literal": author.last}
    if author.last:
        name["family"] = author.last
    if author.first:
        name["given"] = author.first
    if author.von:
        name["non-dropping-particle"] = author.von
    if author.jr:
        name["suffix"] = author.jr
    return name


def csl_item(pub: Publication) -> dict[str, Any]:
    """One entry as a CSL-JSON item."""
    item: dict[str, Any] = {"id": pub.key, "type": _CSL_TYPES.get(pub.type, "article"), "title": pub.title.text}
    authors = [_csl_name(a) for a in pub.authors if not a.others]
    if authors:
        item["author"] = authors
    editors = [_csl_name(a) for a in pub.editors if not a.others]
    if editors:
        item["editor"] = editors
    if pub.year:
        item["issued"] = {"date-parts": [_date_parts(pub)]}
    if pub.venue:
        item["container-title"] = pub.venue.text
    for field, key in (("volume", "volume"), ("number", "issue"), ("publisher", "publisher"), ("abstract", "abstract")):
        value = _text(pub, field)
        if value:
            item[key] = value
    first, last = _pages(pub)
    if first:
        item["page"] = f"{first}-{last}" if last else first
    if _doi(pub):
        item["DOI"] = _doi(pub)
    if _url(pub):
        item["URL"] = _url(pub)
    if pub.keywords:
        item["keyword"] = ", ".join(pub.keywords)
    return item


def to_csl_json(pubs: Iterable[Publication]) -> str:
    return json.dumps([csl_item(p) for p in pubs], ensure_ascii=False, indent=2) + "\n"


def _ris_name(author: Author) -> str:
    family = " ".join(p for p in (author.von, author.last) if p)
    parts = [family, author.first] + ([author.jr] if author.jr else [])
    return ", ".join(p for p in parts if p)


def to_ris(pubs: Iterable[Publication]) -> str:
    """RIS records (one ``TY`` ... ``ER`` block per entry)."""
    out: list[str] = []
    for pub in pubs:
        lines = [("TY", _RIS_TYPES.get(pub.type, "GEN")), ("ID", pub.key), ("TI", pub.title.text)]
        lines += [("AU", _ris_name(a)) for a in pub.authors if not a.others]
        lines += [("ED", _ris_name(a)) for a in pub.editors if not a.others]
        if pub.venue:
            lines.append(("T2", pub.venue.text))
        if pub.year:
            lines.append(("PY", str(pub.year)))
            date = "/".join(f"{v:02d}" if i else str(v) for i, v in enumerate(_date_parts(pub)))
            lines.append(("DA", date))
        for field, tag in (("volume", "VL"), ("number", "IS"), ("publisher", "PB"), ("abstract", "AB")):
            value = _text(pub, field)
            if value:
                lines.append((tag, value))
        first, last = _pages(pub)
        if first:
            lines.append(("SP", first))
        if last:
            lines.append(("EP", last))
        if _doi(pub):
            lines.append(("DO", _doi(pub)))
        if _url(pub):
            lines.append(("UR", _url(pub)))
        lines += [("KW", k) for k in pub.keywords]
        lines.append(("ER", ""))
        # One line per tag: line breaks inside a value would end it.
        out.append("\n".join(f"{tag}  - {' '.join(value.split())}".rstrip() for tag, value in lines))
    return "\n\n".join(out) + "\n"


#: What XML 1.0 forbids in a document: C0 controls but tab and line breaks, lone
#: surrogates, U+FFFE and U+FFFF. One of them makes the whole feed ill-formed.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids."""
    return _XML_FORBIDDEN.sub("", text)


def _xml(text: str) -> str:
    return escape(xml_text(text))


def _xml_attr(text: str) -> str:
    return quoteattr(xml_text(text))


def _valid_date(year: int, month: int, day: int) -> datetime:
    """The entry's date, or the first of its month or year when the rest is not a date (month 13...)."""
    for parts in ((year, month, day), (year, month, 1), (year, 1, 1), (1970, 1, 1)):
        try:
            return datetime(*parts)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True)
class AtomEntry:
    """One entry of an Atom feed, whatever it announces (a paper, a news item)."""

    title: str
    link: str
    date: str  # YYYY-MM-DDT00:00:00Z
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    summary: str = ""


def atom_feed(
    entries: Iterable[AtomEntry],
    *,
    title: str,
    feed_url: str,
    site_url: str,
    updated: datetime | None = None,
    language: str = "",
) -> str:
    """An Atom 1.0 document; every value is escaped, without the characters XML 1.0 forbids.
    ``language`` (``fr``, ``pt-BR``) is its ``xml:lang``."""
    if updated is None:
        # Reproducible builds set SOURCE_DATE_EPOCH; otherwise the build time.
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        updated = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch.isdigit() else datetime.now(timezone.utc)
    now = updated.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={_xml_attr(language)}>'
        if language
        else '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{_xml(title)}</title>",
        f"  <id>{_xml(feed_url)}</id>",
        f'  <link rel="self" href={_xml_attr(feed_url)}/>',
        f'  <link rel="alternate" type="text/html" href={_xml_attr(site_url)}/>',
        f"  <updated>{now}</updated>",
        "  <generator>sphinx-scholar</generator>",
    ]
    for entry in entries:
        out.append("  <entry>")
        out.append(f"    <title>{_xml(entry.title)}</title>")
        out.append(f"    <id>{_xml(entry.link)}</id>")
        out.append(f'    <link rel="alternate" type="text/html" href={_xml_attr(entry.link)}/>')
        out.append(f"    <published>{_xml(entry.date)}</published>")
        out.append(f"    <updated>{_xml(entry.date)}</updated>")
        for author in entry.authors:
            out.append(f"    <author><name>{_xml(author)}</name></author>")
        for category in entry.categories:
            out.append(f"    <category term={_xml_attr(category)}/>")
        if entry.summary:
            out.append(f"    <summary>{_xml(entry.summary)}</summary>")
        out.append("  </entry>")
    out.append("</feed>")
    return "\n".join(out) + "\n"


def to_atom(
    pubs: Sequence[Publication],
    *,
    title: str,
    feed_url: str,
    site_url: str,
    entry_url: Callable[[Publication], str],
    updated: datetime | None = None,
    language: str = "",
) -> str:
    """An Atom 1.0 feed; ``entry_url(pub)`` gives each entry's absolute link."""
    entries = (
        AtomEntry(
            title=pub.title.text,
            link=entry_url(pub),
            date=f"{_valid_date(pub.year or 1970, pub.month or 1, (pub.day if pub.month else None) or 1):%Y-%m-%d}T00:00:00Z",
            authors=tuple(a.full_name for a in pub.authors if not a.others),
            categories=(pub.venue.text,) if pub.venue else (),
            summary=_text(pub, "abstract"),
        )
        for pub in pubs
    )
    return atom_feed(entries, title=title, feed_url=feed_url, site_url=site_url, updated=updated, language=language)
