"""Clients of the open scholarly APIs (OpenAlex, Crossref, ORCID, DBLP), over one polite HTTP client.

Standard library only (``urllib``). Every base URL is configurable, so tests
point them at a local server. The HTTP client

- names itself and a contact address (the APIs' "polite pool" convention),
- spaces its requests per host, retries time-outs, 5xx and 429 with back-off
  (honouring ``Retry-After``), and gives up with :class:`FetchError`,
- caches raw responses on disk for a time-to-live, and in offline mode
  answers from the cache whatever its age, never from the network.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path

from .. import __version__
from .matching import Work, arxiv_id, normalise_doi
from .options import DEFAULT_URLS

__all__ = ["DEFAULT_URLS", "Crossref", "Dblp", "FetchError", "Http", "OpenAlex", "Orcid", "SemanticScholar"]

#: Seconds between two requests to one host: OpenAlex and Crossref allow about 10/s, DBLP asks for restraint.
MIN_INTERVAL = {"openalex": 0.1, "crossref": 0.1, "orcid": 0.1, "dblp": 1.0, "semanticscholar": 1.0}
#: Query parameters never written to the cache key (secrets).
SECRET_PARAMS = {"api_key"}


class FetchError(Exception):
    """A request that failed after its retries (or that offline mode could not answer)."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{reason} ({_redact(url)})")
        self.url, self.reason, self.status = url, reason, status


def _redact(url: str) -> str:
    return re.sub(r"(api_key=)[^&]+", r"\1***", url)


class Http:
    """GET with cache, rate limit, retries and back-off."""

    def __init__(
        self,
        *,
        cache_dir: Path | None = None,
        ttl: float = 7 * 86400,
        offline: bool = False,
        mailto: str = "",
        timeout: float = 20.0,
        retries: int = 4,
        backoff: float = 1.0,
        max_wait: float = 120.0,
        min_interval: dict[str, float] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.cache_dir, self.ttl, self.offline = cache_dir, ttl, offline
        self.timeout, self.retries, self.backoff, self.max_wait = timeout, retries, backoff, max_wait
        self.min_interval = MIN_INTERVAL if min_interval is None else min_interval
        self.sleep, self.clock = sleep, clock
        contact = f"; mailto:{mailto}" if mailto else ""
        self.user_agent = f"sphinx-scholar/{__version__} (https://github.com/sphinx-scholar/sphinx-scholar{contact})"
        self._last: dict[str, float] = {}
        self.requests = 0  # network requests made (cache hits not counted)
        self.cache_hits = 0

    def _cache_path(self, source: str, url: str) -> Path | None:
        if self.cache_dir is None:
            return None
        parts = urllib.parse.urlsplit(url)
        query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query) if k not in SECRET_PARAMS]
        key = urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))
        return self.cache_dir / source / (hashlib.sha256(key.encode()).hexdigest()[:32] + ".json")

    def _from_cache(self, path: Path | None) -> tuple[int, str] | None:
        if path is None:
            return None
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if (
            not isinstance(stored, dict)
            or not isinstance(stored.get("status"), int)
            or not isinstance(stored.get("body"), str)
        ):
            return None  # damaged: fetched again
        fetched = stored.get("fetched")
        if not self.offline and (not isinstance(fetched, (int, float)) or self.clock() - fetched > self.ttl):
            return None
        return stored["status"], stored["body"]

    def _to_cache(self, path: Path | None, url: str, status: int, body: str) -> None:
        if path is None:
            return
        # The cache is a convenience: a full disk or a read-only folder must not stop the sync.
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(
                json.dumps({"url": _redact(url), "fetched": self.clock(), "status": status, "body": body}),
                encoding="utf-8",
            )
            os.replace(temporary, path)

    def _wait_turn(self, source: str) -> None:
        interval = self.min_interval.get(source, 0.0)
        last = self._last.get(source)
        if last is not None and interval > 0:
            delay = last + interval - self.clock()
            if delay > 0:
                self.sleep(delay)
        self._last[source] = self.clock()

    def _retry_after(self, error: urllib.error.HTTPError, attempt: int) -> float:
        value = (error.headers or {}).get("Retry-After", "")
        if value:
            try:
                return min(float(value), self.max_wait)
            except ValueError:
                try:
                    return min(max(parsedate_to_datetime(value).timestamp() - self.clock(), 0.0), self.max_wait)
                except (TypeError, ValueError):
                    pass
        return min(self.backoff * 2**attempt, self.max_wait)

    def get(
        self,
        source: str,
        url: str,
        *,
        accept: str = "application/json",
        parse: Callable[[str], object] = json.loads,
        headers: dict[str, str] | None = None,
    ) -> object | None:
        """The parsed body, or None for 404/410 (not found). Raises :class:`FetchError`."""
        cache_path = self._cache_path(source, url)
        cached = self._from_cache(cache_path)
        if cached is not None:
            self.cache_hits += 1
            status, body = cached
            return None if status in (404, 410) else parse(body)
        if self.offline:
            raise FetchError(url, "offline and not in the cache")
        last_reason = ""
        for attempt in range(self.retries + 1):
            self._wait_turn(source)
            request = urllib.request.Request(
                url, headers={"User-Agent": self.user_agent, "Accept": accept, **(headers or {})}
            )
            self.requests += 1
            outcome = self._attempt(request, url, parse, attempt)
            if isinstance(outcome, _Answer):
                self._to_cache(cache_path, url, outcome.status, outcome.body)
                return outcome.value
            last_reason, delay = outcome
            if attempt < self.retries:
                self.sleep(delay)
        raise FetchError(url, f"{last_reason}, after {self.retries + 1} attempts")

    def _attempt(
        self, request: urllib.request.Request, url: str, parse: Callable[[str], object], attempt: int
    ) -> _Answer | tuple[str, float]:
        """One request: the answer to cache, or why it failed and how long to wait before
        the next attempt. Raises :class:`FetchError` on an error that a retry cannot mend."""
        delay = min(self.backoff * 2**attempt, self.max_wait)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read().decode("utf-8", "replace")
            try:
                value = parse(body)
            except (ValueError, ElementTree.ParseError) as error:
                return f"malformed response: {error}", delay
            return _Answer(200, body, value)
        except urllib.error.HTTPError as error:
            if error.code in (404, 410):
                return _Answer(error.code, "", None)
            if error.code == 429 or error.code >= 500:
                return f"HTTP {error.code}", self._retry_after(error, attempt)
            raise FetchError(url, f"HTTP {error.code}", error.code) from None
        except (TimeoutError, urllib.error.URLError, http.client.HTTPException, OSError) as error:
            reason = getattr(error, "reason", error)
            return f"network error: {reason}", delay


@dataclass(frozen=True)
class _Answer:
    """A response worth caching: 200 with its parsed body, or 404/410 (not found: None)."""

    status: int
    body: str
    value: object


def _url(base: str, path: str, params: dict[str, str]) -> str:
    params = {k: v for k, v in params.items() if v}
    query = ("?" + urllib.parse.urlencode(params)) if params else ""
    return base.rstrip("/") + path + query


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def _list(value: object) -> list:
    """An API array, or nothing when the response has something else there."""
    return value if isinstance(value, list) else []


def _dict(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _text(value: object) -> str:
    """An API string, with control characters removed and spacing collapsed."""
    if not isinstance(value, str):
        return ""
    return " ".join("".join(ch for ch in value if ch.isprintable() or ch.isspace()).split())


# --- OpenAlex ---------------------------------------------------------------------------------------------------

_OPENALEX_TYPES = {
    "article": "article",
    "preprint": "misc",
    "book": "book",
    "book-chapter": "incollection",
    "dissertation": "phdthesis",
    "proceedings-article": "inproceedings",
    "report": "techreport",
    "dataset": "misc",
}


class OpenAlex:
    """``/works/doi:...`` (a free singleton lookup), title filter, and an author's works with cursor paging."""

    name = "openalex"

    def __init__(
        self, http: Http, base_url: str = DEFAULT_URLS["openalex"], mailto: str = "", api_key: str = ""
    ) -> None:
        self.http, self.base, self.mailto, self.api_key = http, base_url, mailto, api_key

    def _params(self, **more: str) -> dict[str, str]:
        return {**more, "mailto": self.mailto, "api_key": self.api_key}

    def work_by_doi(self, doi: str) -> Work | None:
        doi = normalise_doi(doi)
        if not doi:
            return None
        data = self.http.get(
            self.name, _url(self.base, "/works/doi:" + urllib.parse.quote(doi, safe="/:;()._-"), self._params())
        )
        return self.to_work(data) if isinstance(data, dict) else None

    def work_by_arxiv(self, identifier: str) -> Work | None:
        # arXiv registers DataCite DOIs 10.48550/arXiv.<id>; OpenAlex indexes preprints by them.
        return self.work_by_doi(f"10.48550/arxiv.{identifier}") if identifier else None

    def search_title(self, title: str, year: int | None = None) -> list[Work]:
        words = re.sub(r"[,:|!&]", " ", title)  # separators of the filter syntax
        words = " ".join(words.split())
        if not words:
            return []
        filters = [f"title.search:{words}"]
        if year:
            filters.append(f"publication_year:{year - 1}-{year + 1}")
        data = self.http.get(
            self.name, _url(self.base, "/works", self._params(filter=",".join(filters), **{"per-page": "10"}))
        )
        results = data.get("results") if isinstance(data, dict) else None
        return [w for w in (self.to_work(r) for r in _list(results) if isinstance(r, dict)) if w is not None]

    def author_works(
        self, *, author_id: str = "", orcid: str = "", per_page: int = 100, max_pages: int = 100
    ) -> Iterator[Work]:
        """Every work of an author (OpenAlex id ``A...`` or ORCID iD), page by page with ``cursor``."""
        if author_id:
            author_filter = "author.id:" + author_id.rstrip("/").rsplit("/", 1)[-1]
        elif orcid:
            author_filter = "author.orcid:" + orcid.rstrip("/").rsplit("/", 1)[-1]
        else:
            return
        cursor = "*"
        for _ in range(max_pages):
            data = self.http.get(
                self.name,
                _url(
                    self.base,
                    "/works",
                    self._params(filter=author_filter, cursor=cursor, **{"per-page": str(per_page)}),
                ),
            )
            if not isinstance(data, dict):
                return
            results = data.get("results")
            if not isinstance(results, list) or not results:
                return
            for record in results:
                work = self.to_work(record) if isinstance(record, dict) else None
                if work is not None:
                    yield work
            meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
            cursor = meta.get("next_cursor") if isinstance(meta.get("next_cursor"), str) else ""
            if not cursor:
                return

    @staticmethod
    def to_work(record: dict) -> Work | None:
        title = _text(record.get("title") or record.get("display_name"))
        if not title:
            return None
        ids = record.get("ids") if isinstance(record.get("ids"), dict) else {}
        authors = []
        for authorship in _list(record.get("authorships")):
            author = authorship.get("author") if isinstance(authorship, dict) else None
            name = _text(author.get("display_name")) if isinstance(author, dict) else ""
            if name:
                authors.append(name)
        location = record.get("primary_location") if isinstance(record.get("primary_location"), dict) else {}
        source = location.get("source") if isinstance(location.get("source"), dict) else {}
        doi = _text(ids.get("doi") or record.get("doi"))
        venue = _text(source.get("display_name"))
        kind = _OPENALEX_TYPES.get(_text(record.get("type")), "misc")
        if kind == "article" and _text(source.get("type")) == "conference":
            kind = "inproceedings"
        biblio = record.get("biblio") if isinstance(record.get("biblio"), dict) else {}
        return Work(
            title=title,
            year=_int(record.get("publication_year")),
            doi=doi,
            arxiv=arxiv_id(_text(ids.get("arxiv")), doi, _text(location.get("landing_page_url"))),
            authors=tuple(authors),
            extra={
                "source": "openalex",
                "id": _text(record.get("id") or ids.get("openalex")),
                "citations": _int(record.get("cited_by_count")),
                "type": kind,
                "venue": venue,
                "volume": _text(biblio.get("volume")),
                "number": _text(biblio.get("issue")),
                "pages": "--".join(p for p in (_text(biblio.get("first_page")), _text(biblio.get("last_page"))) if p),
            },
        )


# --- Crossref ---------------------------------------------------------------------------------------------------


class Crossref:
    """``/works/{doi}``: ``is-referenced-by-count``, the citations Crossref members deposited."""

    name = "crossref"

    def __init__(self, http: Http, base_url: str = DEFAULT_URLS["crossref"], mailto: str = "") -> None:
        self.http, self.base, self.mailto = http, base_url, mailto

    def work_by_doi(self, doi: str) -> Work | None:
        doi = normalise_doi(doi)
        if not doi:
            return None
        data = self.http.get(
            self.name, _url(self.base, "/works/" + urllib.parse.quote(doi, safe="/:;()._-"), {"mailto": self.mailto})
        )
        message = data.get("message") if isinstance(data, dict) else None
        if not isinstance(message, dict):
            return None
        titles = message.get("title")
        title = _text(titles[0]) if isinstance(titles, list) and titles else _text(titles)
        year = None
        issued = message.get("issued") if isinstance(message.get("issued"), dict) else {}
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            year = _int(parts[0][0])
        return Work(
            title=title or doi,
            year=year,
            doi=_text(message.get("DOI")) or doi,
            extra={
                "source": "crossref",
                "id": "https://doi.org/" + doi,
                "citations": _int(message.get("is-referenced-by-count")),
            },
        )


# --- Semantic Scholar -------------------------------------------------------------------------------------------


class SemanticScholar:
    """``/graph/v1/paper/DOI:{doi}`` and ``ARXIV:{id}``: ``citationCount`` (an optional key goes in ``x-api-key``)."""

    name = "semanticscholar"

    def __init__(self, http: Http, base_url: str = DEFAULT_URLS["semanticscholar"], api_key: str = "") -> None:
        self.http, self.base, self.api_key = http, base_url, api_key

    def _paper(self, identifier: str) -> Work | None:
        url = _url(
            self.base,
            "/graph/v1/paper/" + urllib.parse.quote(identifier, safe="/:._-"),
            {"fields": "title,year,externalIds,citationCount"},
        )
        data = self.http.get(self.name, url, headers={"x-api-key": self.api_key} if self.api_key else None)
        if not isinstance(data, dict) or not _text(data.get("title")):
            return None
        ids = _dict(data.get("externalIds"))
        return Work(
            title=_text(data.get("title")),
            year=_int(data.get("year")),
            doi=_text(ids.get("DOI")),
            arxiv=arxiv_id(_text(ids.get("ArXiv"))),
            extra={
                "source": "semanticscholar",
                "id": _text(data.get("paperId")),
                "citations": _int(data.get("citationCount")),
            },
        )

    def work_by_doi(self, doi: str) -> Work | None:
        doi = normalise_doi(doi)
        return self._paper("DOI:" + doi) if doi else None

    def work_by_arxiv(self, identifier: str) -> Work | None:
        return self._paper("ARXIV:" + identifier) if identifier else None


# --- ORCID ------------------------------------------------------------------------------------------------------

_ORCID_TYPES = {
    "journal-article": "article",
    "conference-paper": "inproceedings",
    "book": "book",
    "book-chapter": "incollection",
    "dissertation-thesis": "phdthesis",
    "dissertation": "phdthesis",
    "preprint": "misc",
    "report": "techreport",
}
_ORCID_ID = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])")


class Orcid:
    """The public API's works summary, ``/v3.0/{orcid}/works``: what the researcher listed (no counts)."""

    name = "orcid"

    def __init__(self, http: Http, base_url: str = DEFAULT_URLS["orcid"]) -> None:
        self.http, self.base = http, base_url

    def works(self, orcid: str) -> list[Work]:
        match = _ORCID_ID.search(orcid)
        if not match:
            return []
        data = self.http.get(self.name, _url(self.base, f"/v3.0/{match.group(1)}/works", {}), accept="application/json")
        groups = data.get("group") if isinstance(data, dict) else None
        works: list[Work] = []
        for group in _list(groups):
            summaries = group.get("work-summary") if isinstance(group, dict) else None
            if not isinstance(summaries, list) or not summaries or not isinstance(summaries[0], dict):
                continue
            summary = summaries[0]  # the preferred version of the grouped duplicates
            title_box = summary.get("title") if isinstance(summary.get("title"), dict) else {}
            inner = title_box.get("title") if isinstance(title_box.get("title"), dict) else {}
            title = _text(inner.get("value"))
            if not title:
                continue
            date = summary.get("publication-date") if isinstance(summary.get("publication-date"), dict) else {}
            year_box = date.get("year") if isinstance(date.get("year"), dict) else {}
            ids = summary.get("external-ids") if isinstance(summary.get("external-ids"), dict) else {}
            doi = arxiv = ""
            for item in _list(ids.get("external-id")):
                if not isinstance(item, dict):
                    continue
                kind, value = _text(item.get("external-id-type")).lower(), _text(item.get("external-id-value"))
                if kind == "doi" and not doi:
                    doi = value
                elif kind == "arxiv" and not arxiv:
                    arxiv = value
            journal = summary.get("journal-title") if isinstance(summary.get("journal-title"), dict) else {}
            works.append(
                Work(
                    title=title,
                    year=_int(year_box.get("value")),
                    doi=doi,
                    arxiv=arxiv_id(arxiv),
                    extra={
                        "source": "orcid",
                        "id": f"put-code {summary.get('put-code')}",
                        "type": _ORCID_TYPES.get(_text(summary.get("type")), "misc"),
                        "venue": _text(journal.get("value")),
                    },
                )
            )
        return works


# --- DBLP -------------------------------------------------------------------------------------------------------

_DBLP_TYPES = {
    "article": "article",
    "inproceedings": "inproceedings",
    "incollection": "incollection",
    "book": "book",
    "phdthesis": "phdthesis",
    "mastersthesis": "mastersthesis",
    "proceedings": "proceedings",
}
_DBLP_PID = re.compile(r"(?:pid/)?([0-9a-z]+/[0-9a-zA-Z\-]+?)(?:\.html|\.xml)?/?$")


def _parse_xml(text: str) -> ElementTree.Element:
    # Refuse a DTD outright: the person page has none, and entity expansion is how XML bombs work.
    if "<!DOCTYPE" in text[:2000] or "<!ENTITY" in text:
        raise ValueError("XML with a DTD refused")
    return ElementTree.fromstring(text)


class Dblp:
    """A person's page, ``/pid/{pid}.xml``: computer-science venues, curated (no counts)."""

    name = "dblp"

    def __init__(self, http: Http, base_url: str = DEFAULT_URLS["dblp"]) -> None:
        self.http, self.base = http, base_url

    def works(self, pid: str) -> list[Work]:
        match = _DBLP_PID.search(pid.strip())
        if not match:
            return []
        root = self.http.get(
            self.name, _url(self.base, f"/pid/{match.group(1)}.xml", {}), accept="application/xml", parse=_parse_xml
        )
        if root is None:
            return []
        works: list[Work] = []
        for r in root.findall("r"):
            for record in r:
                kind = _DBLP_TYPES.get(record.tag)
                title = _text("".join(record.find("title").itertext())) if record.find("title") is not None else ""
                if kind is None or not title:
                    continue
                title = title.rstrip(".")
                links = [_text(e.text) for e in record.findall("ee")]
                doi = next((normalise_doi(link) for link in links if normalise_doi(link)), "")
                venue = _text(record.findtext("journal") or record.findtext("booktitle") or "")
                authors = tuple(re.sub(r"\s+\d{4}$", "", _text(a.text)) for a in record.findall("author"))
                works.append(
                    Work(
                        title=title,
                        year=_int(_text(record.findtext("year"))),
                        doi=doi,
                        arxiv=arxiv_id(*links),
                        authors=authors,
                        extra={
                            "source": "dblp",
                            "id": _text(record.get("key")),
                            "type": kind,
                            "venue": venue,
                            "volume": _text(record.findtext("volume")),
                            "number": _text(record.findtext("number")),
                            "pages": _text(record.findtext("pages")).replace("-", "--"),
                            "url": next((link for link in links if link.startswith("https://")), ""),
                        },
                    )
                )
        return works
