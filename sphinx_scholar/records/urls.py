"""Which URLs from user data may become links, and which link stands for an entry.

Two rules live here and only here:

* :func:`is_safe_url`: the schemes a field may link to;
* :data:`PREFERENCE` / :func:`primary_link`: the one address that stands for a
  publication (its title link, CSL-JSON ``URL``, RIS ``UR``, the feed's link).
  Every other address of the entry stays reachable in its links row.

arXiv identifiers are normalised in one place as well (:func:`arxiv_id`), so
the abstract link, ``citation_pdf_url`` and ``citation_arxiv_id`` agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from .publication import Link, Publication

__all__ = [
    "PREFERENCE",
    "SAFE_SCHEMES",
    "arxiv_abs_url",
    "arxiv_id",
    "arxiv_pdf_url",
    "doi_url",
    "is_safe_url",
    "primary_link",
    "same_address",
]

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")

#: Which link stands for an entry, best first: the paper's own page (al-folio's
#: ``html``), then the ``url`` field (often the open-access copy), the arXiv
#: abstract (open to all), the DOI (the version of record), the PDF, a project
#: website, HAL.
PREFERENCE = ("html", "url", "arxiv", "doi", "pdf", "website", "hal")


def is_safe_url(url: str) -> str | None:
    """Return ``"remote"`` or ``"local"`` for a URL that may be linked, else None.

    Browsers ignore control characters and white space inside a scheme
    (``java\\tscript:``), so those are removed before the scheme is read.
    """
    compact = _INVISIBLE.sub("", url)
    if not compact:
        return None
    match = _SCHEME.match(compact)
    if match:
        return "remote" if match.group(1).lower() in SAFE_SCHEMES else None
    if compact.startswith("//"):
        return "remote"
    if ":" in compact.split("/", 1)[0] or "\\" in compact:
        return None
    return "local"


def primary_link(pub: Publication) -> Link | None:
    """The remote link that stands for ``pub`` (see :data:`PREFERENCE`), or None."""
    by_kind: dict[str, Link] = {}
    for link in pub.links:
        if not link.local and is_safe_url(link.url) == "remote":
            by_kind.setdefault(link.kind, link)
    return next((by_kind[kind] for kind in PREFERENCE if kind in by_kind), None)


def _address(url: str) -> str:
    """A comparable form: no scheme, no ``www.``, ``dx.doi.org`` is ``doi.org``, no trailing slash."""
    text = re.sub(r"^[a-z]+://", "", url.strip().lower())
    text = re.sub(r"^(?:www\.|dx\.)", "", text)
    text = re.sub(r"^arxiv\.org/(?:abs|pdf)/([^?#]+?)(?:v\d+)?(?:\.pdf)?$", r"arxiv.org/abs/\1", text)
    return text.rstrip("/")


def same_address(url: str, others: Iterable[str]) -> bool:
    """Whether ``url`` is one of ``others`` written another way."""
    mine = _address(url)
    return any(_address(other) == mine for other in others)


# -- identifiers ----------------------------------------------------------------

_ARXIV_PREFIX = re.compile(r"^(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/+", re.I)
_ARXIV_NEW = re.compile(r"^(\d{4}\.\d{4,5})(?:v\d+)?$")
_ARXIV_OLD = re.compile(r"^([a-z][a-z\-]*)(?:\.[A-Za-z]{2})?/(\d{7})(?:v\d+)?$", re.I)
_ARXIV_BARE_OLD = re.compile(r"^(\d{7})(?:v\d+)?$")


def arxiv_id(value: str, primary_class: str = "") -> str:
    """An arXiv identifier from what people write in BibTeX, without version.

    ``2101.12345v3``, ``arXiv:2101.12345``, ``https://arxiv.org/abs/2101.12345``,
    ``https://arxiv.org/pdf/2101.12345v3.pdf``, ``quant-ph/9905086``, and the old
    number alone with its class in ``primaryClass`` (``9905086`` + ``quant-ph``
    or ``arXiv:quant-ph``) all give the identifier arXiv's own links use.
    Anything else is returned trimmed, as written.
    """
    text = value.strip().strip("{}").strip()
    text = _ARXIV_PREFIX.sub("", text)
    text = re.sub(r"^arxiv:\s*", "", text, flags=re.I)
    text = re.sub(r"\.pdf$", "", text, flags=re.I).strip("/ ")
    match = _ARXIV_NEW.match(text)
    if match:
        return match.group(1)
    match = _ARXIV_OLD.match(text)
    if match:
        return f"{match.group(1).lower()}/{match.group(2)}"
    match = _ARXIV_BARE_OLD.match(text)
    if match:
        archive = re.sub(r"^arxiv:\s*", "", primary_class.strip(), flags=re.I).split(".")[0].strip().lower()
        if re.fullmatch(r"[a-z][a-z\-]*", archive):
            return f"{archive}/{match.group(1)}"
        return match.group(1)
    return text


def arxiv_abs_url(identifier: str) -> str:
    return "https://arxiv.org/abs/" + quote(identifier, safe="/.-_")


def arxiv_pdf_url(identifier: str) -> str:
    return "https://arxiv.org/pdf/" + quote(identifier, safe="/.-_")


def doi_url(value: str) -> str:
    value = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", value.strip(), flags=re.I)
    return "https://doi.org/" + quote(value, safe="/:;()._-")
