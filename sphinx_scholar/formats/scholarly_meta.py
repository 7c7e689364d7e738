"""Metadata that makes papers findable: Highwire Press ``citation_*`` tags
(what Google Scholar reads), Open Graph tags and schema.org JSON-LD.

Pure functions from records to text; every value is escaped here.
"""

from __future__ import annotations

import json
import re
from html import escape
from typing import Any

from ..records.publication import Author, Publication
from ..records.richtext import latex_to_rich
from ..records.urls import arxiv_id, arxiv_pdf_url, primary_link

__all__ = ["citation_meta", "json_ld_text", "paper_json_ld"]

_JOURNAL_TYPES = {"article", "periodical"}
_CONFERENCE_TYPES = {"inproceedings", "conference", "proceedings"}
_THESIS_TYPES = {"phdthesis", "mastersthesis", "thesis"}
_REPORT_TYPES = {"techreport", "report"}


def _meta(name: str, content: str, attribute: str = "name") -> str:
    return f'<meta {attribute}="{escape(name)}" content="{escape(content)}">'


def _author_name(author: Author) -> str:
    family = " ".join(p for p in (author.von, author.last) if p)
    return f"{family}, {author.first}" if author.first else family


def _field_text(pub: Publication, name: str) -> str:
    value = pub.field(name).strip()
    return latex_to_rich(value).text if value else ""


def _pdf_url(pub: Publication) -> str:
    for link in pub.links:
        if link.kind == "pdf" and not link.local and re.search(r"\.pdf($|[?#])", link.url, re.I):
            return link.url
    identifier = _arxiv_id(pub)
    return arxiv_pdf_url(identifier) if identifier else ""


def _arxiv_id(pub: Publication) -> str:
    for link in pub.links:
        if link.kind == "arxiv":
            return arxiv_id(link.url)
    return ""


def _doi(pub: Publication) -> str:
    return re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", pub.field("doi").strip(), flags=re.I)


def _date(pub: Publication, sep: str = "/") -> str:
    parts = [f"{pub.year:04d}"] if pub.year else []
    if pub.year and pub.month:
        parts.append(f"{pub.month:02d}")
        if pub.day:
            parts.append(f"{pub.day:02d}")
    return sep.join(parts)


def citation_meta(pub: Publication, *, page_url: str = "", image_url: str = "", site_name: str = "") -> str:
    """``<meta>`` tags for a paper's page, one per line."""
    tags = _highwire_tags(pub, page_url) + _open_graph_tags(pub, page_url, image_url, site_name)
    return "\n".join(tags)


def _highwire_tags(pub: Publication, page_url: str) -> list[str]:
    """The ``citation_*`` tags Google Scholar reads."""
    tags = [_meta("citation_title", pub.title.text)]
    tags += [_meta("citation_author", _author_name(a)) for a in pub.authors if not a.others]
    if pub.year:
        tags.append(_meta("citation_publication_date", _date(pub)))
    tags += _venue_tags(pub)
    for field, name in (
        ("volume", "citation_volume"),
        ("number", "citation_issue"),
        ("publisher", "citation_publisher"),
    ):
        value = _field_text(pub, field)
        if value:
            tags.append(_meta(name, value))
    # Split on the dashes, then strip: "\s*[-]+\s*" backtracks quadratically on long white space.
    pages = [p.strip() for p in re.split(r"[\u2013\u2014-]+", _field_text(pub, "pages"))] if pub.field("pages") else []
    if pages and pages[0]:
        tags.append(_meta("citation_firstpage", pages[0]))
        if len(pages) > 1 and pages[1]:
            tags.append(_meta("citation_lastpage", pages[1]))
    if _doi(pub):
        tags.append(_meta("citation_doi", _doi(pub)))
    if _pdf_url(pub):
        tags.append(_meta("citation_pdf_url", _pdf_url(pub)))
    if _arxiv_id(pub):
        tags.append(_meta("citation_arxiv_id", _arxiv_id(pub)))
    if page_url:
        tags.append(_meta("citation_abstract_html_url", page_url))
    return tags


def _venue_tags(pub: Publication) -> list[str]:
    """The tag naming where the paper appeared (journal, conference, book, school, institution)."""
    venue = pub.venue.text
    if not venue:
        return []
    if pub.type in _JOURNAL_TYPES:
        return [_meta("citation_journal_title", venue)]
    if pub.type in _CONFERENCE_TYPES:
        return [_meta("citation_conference_title", venue)]
    if pub.type in {"incollection", "inbook"}:
        return [_meta("citation_inbook_title", venue)]
    if pub.type in _THESIS_TYPES:
        return [_meta("citation_dissertation_institution", _field_text(pub, "school") or venue)]
    if pub.type in _REPORT_TYPES:
        return [_meta("citation_technical_report_institution", _field_text(pub, "institution") or venue)]
    return []


def _open_graph_tags(pub: Publication, page_url: str, image_url: str, site_name: str) -> list[str]:
    """Open Graph tags (and ``description``), for link previews."""
    tags = [_meta("og:type", "article", "property"), _meta("og:title", pub.title.text, "property")]
    abstract = _field_text(pub, "abstract")
    if abstract:
        short = abstract if len(abstract) <= 300 else abstract[:297].rsplit(" ", 1)[0] + "\u2026"
        tags.append(_meta("og:description", short, "property"))
        tags.append(_meta("description", short))
    if page_url:
        tags.append(_meta("og:url", page_url, "property"))
    if image_url:
        tags.append(_meta("og:image", image_url, "property"))
    if site_name:
        tags.append(_meta("og:site_name", site_name, "property"))
    return tags


def paper_json_ld(pub: Publication, *, page_url: str = "") -> dict[str, Any]:
    """schema.org ``ScholarlyArticle`` for one entry."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": pub.title.text[:110],
        "name": pub.title.text,
        "author": [{"@type": "Person", "name": a.full_name} for a in pub.authors if not a.others],
    }
    if pub.year:
        data["datePublished"] = _date(pub, "-")
    if pub.venue:
        data["isPartOf"] = {
            "@type": "Periodical" if pub.type in _JOURNAL_TYPES else "CreativeWork",
            "name": pub.venue.text,
        }
    abstract = _field_text(pub, "abstract")
    if abstract:
        data["abstract"] = abstract
    if _doi(pub):
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": _doi(pub)}
        data["sameAs"] = [f"https://doi.org/{_doi(pub)}"]
    primary = primary_link(pub)
    if primary is not None and primary.kind != "doi":
        data.setdefault("sameAs", []).insert(0, primary.url)
    if page_url:
        data["url"] = page_url
    if pub.keywords:
        data["keywords"] = list(pub.keywords)
    return data


def json_ld_text(data: dict[str, Any]) -> str:
    """JSON for a ``<script type="application/ld+json">``: nothing can close the script."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
