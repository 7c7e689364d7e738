"""Shared state across documents: where each entry is listed, who cites what.

Only small data lives here (keys, digests, anchors): parsed bibliographies
stay out of the pickled environment. ``clear_doc`` and ``merge_domaindata``
keep the domain correct for incremental and parallel builds.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.domains import Domain
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

__all__ = ["Listing", "ListingSpec", "ScholarDomain", "paper_pagename", "paper_pagenames", "paper_slug"]

logger = logging.getLogger(__name__)


MAX_SLUG = 80  # characters of a paper page's file name, before ".html"
#: Pages Sphinx writes itself (and names a paper page may not take in any folder).
SPHINX_PAGES = frozenset({"genindex", "search", "py-modindex", "modindex", "searchindex", "objects", "index"})
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def paper_slug(key: str) -> str:
    """A bounded, safe file name for a BibTeX key: ``[A-Za-z0-9._-]``, no
    leading dot, at most ``MAX_SLUG`` characters, and a short hash of the key
    when anything had to change (``../index`` -> ``index-3f2a9c1e``)."""
    slug = _UNSAFE.sub("-", key).lstrip(".-")
    if slug == key and 0 < len(slug) <= MAX_SLUG:
        return slug
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    stem = slug[: MAX_SLUG - 9].rstrip(".-")
    return f"{stem}-{digest}" if stem else f"paper-{digest}"


def paper_pagename(config, key: str) -> str:
    """The page name of an entry's paper page, before collisions are resolved
    (:func:`paper_pagenames` gives the final names)."""
    folder = config.scholar_paper_dir.strip("/")
    return f"{folder}/{paper_slug(key)}" if folder else paper_slug(key)


def paper_pagenames(
    config, entries: Iterable, documents: Iterable[str]
) -> tuple[dict[str, str], list[tuple[Any, str]]]:
    """key -> page name for ``entries`` (publications), distinct from each
    other and from every document of the project and page Sphinx writes,
    compared without case (macOS and Windows file systems ignore it), and the
    entries whose page had to take another name, with the reason."""
    taken = {doc.casefold() for doc in documents}
    taken |= {doc[: -len("/index")] for doc in taken if doc.endswith("/index")}  # dirhtml writes both to doc/
    reserved = {name.casefold() for name in SPHINX_PAGES}
    pages: dict[str, str] = {}
    renamed: list[tuple[Any, str]] = []
    for pub in entries:
        if pub.key in pages:
            continue
        name = base = paper_pagename(config, pub.key)
        clash = base.casefold() in taken or base.rsplit("/", 1)[-1].casefold() in reserved
        number = 1
        while name.casefold() in taken or name.rsplit("/", 1)[-1].casefold() in reserved:
            number += 1
            name = f"{base}-{number}"
        if clash:
            renamed.append((pub, f"paper page {base!r} is taken by another page; written as {name!r}"))
        taken.add(name.casefold())
        pages[pub.key] = name
    return pages, renamed


@dataclass(frozen=True)
class ListingSpec:
    """What a ``publications`` directive selects, enough to select again."""

    bibfiles: tuple[str, ...]  # absolute paths
    keys: tuple[str, ...] = ()
    selected: bool = False
    filter: str = ""
    sort: str = "newest"
    limit: int = 0


@dataclass(frozen=True)
class Listing:
    """One directive's result: the spec and what it showed, with anchors."""

    spec: ListingSpec
    shown: tuple[tuple[str, str], ...]  # (key, digest)
    anchors: tuple[str, ...]  # same order as shown


class ScholarDomain(Domain):
    """Domain ``scholar``: publication listings and ``:pub:`` references."""

    name = "scholar"
    label = "Scholar"
    data_version = 2
    initial_data: dict[str, Any] = {
        "listings": {},  # docname -> list[Listing]
        "refs": {},  # docname -> {key: digest or ""}
        "bibs": {},  # path -> content digest when last used ("" if missing)
        "paper_pages": {},  # key -> page name, for entries that have a paper page
        "paper_pages_of": "",  # digest of what those names were chosen from (incremental._preload)
        "locations_before": {},  # key -> (docname, anchor) when this build started reading
    }

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._index: dict[str, tuple[str, str]] | None = None  # locations(), until a listing changes

    @property
    def listings(self) -> dict[str, list[Listing]]:
        return self.data["listings"]

    @property
    def refs(self) -> dict[str, dict[str, str]]:
        return self.data["refs"]

    @property
    def bibs(self) -> dict[str, str]:
        return self.data["bibs"]

    @property
    def paper_pages(self) -> dict[str, str]:
        return self.data.setdefault("paper_pages", {})

    @property
    def locations_before(self) -> dict[str, tuple[str, str]]:
        return self.data.setdefault("locations_before", {})

    def set_paper_pages(self, pages: dict[str, str]) -> None:
        self.data["paper_pages"] = pages

    def remember_locations(self) -> None:
        """Keep where each entry is listed now, to find what moved after reading."""
        self.data["locations_before"] = dict(self.locations())

    def add_listing(self, docname: str, listing: Listing) -> None:
        self.listings.setdefault(docname, []).append(listing)
        self._index = None

    def add_ref(self, docname: str, key: str, digest: str) -> None:
        self.refs.setdefault(docname, {})[key] = digest

    def note_bib(self, path: str, digest: str) -> None:
        self.bibs[path] = digest

    def clear_doc(self, docname: str) -> None:
        self.listings.pop(docname, None)
        self.refs.pop(docname, None)
        self._index = None

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["listings"]:
                self.listings[docname] = otherdata["listings"][docname]
            if docname in otherdata["refs"]:
                self.refs[docname] = otherdata["refs"][docname]
        self.bibs.update(otherdata["bibs"])
        self._index = None

    def locations(self) -> dict[str, tuple[str, str]]:
        """key -> (docname, anchor) of the first listing, in docname order."""
        index = self._index
        if index is None:
            index = {}
            for docname in sorted(self.listings):
                for listing in self.listings[docname]:
                    for (key, _), anchor in zip(listing.shown, listing.anchors):
                        index.setdefault(key, (docname, anchor))
            self._index = index
        return index

    def locate(self, key: str, fromdocname: str) -> tuple[str, str] | None:
        for listing in self.listings.get(fromdocname, ()):
            for (shown, _), anchor in zip(listing.shown, listing.anchors):
                if shown == key:
                    return fromdocname, anchor
        return self.locations().get(key)

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        if typ == "paper":
            return self._resolve_paper(env, fromdocname, builder, target, contnode)
        if typ != "pub":
            return None
        found = self.locate(target, fromdocname)
        if found is None:
            logger.warning(
                "publication %r is not listed by any publications directive; the reference is not linked",
                target,
                type="scholar",
                subtype="ref",
                location=node,
            )
            return None
        docname, anchor = found
        return make_refnode(builder, fromdocname, docname, anchor, contnode, target)

    def _resolve_paper(self, env, fromdocname, builder, key, contnode):
        if not env.config.scholar_paper_pages or builder.name not in {"html", "dirhtml"}:
            return None
        pagename = self.paper_pages.get(key)
        if pagename is None:
            return None
        uri = builder.get_relative_uri(fromdocname, pagename)
        return nodes.reference("", "", contnode, internal=True, refuri=uri, classes=["scholar-paper-link"])

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):  # type: ignore[override]
        found = self.locate(target, fromdocname)
        if found is None:
            return []
        docname, anchor = found
        return [("scholar:pub", make_refnode(builder, fromdocname, docname, anchor, contnode, target))]

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        # In objects.inv (other projects link entries through intersphinx), not
        # in the search index: a query for "learning" listed every key holding
        # the word above the pages, and indexing 5,000 keys cost every build.
        for key, (docname, anchor) in self.locations().items():
            yield key, key, "pub", docname, anchor, -1
