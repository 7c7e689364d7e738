"""The ``publications`` directive and the ``pub`` role: options in, nodes out."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, cast

import imagesize
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title

from ..nodes.elements import download_links, hold
from ..outputs.downloads import make_stem
from ..records.publication import Publication
from ..render.publications import ABSTRACT_MODES, STYLES, LocalFile, PublicationRenderer, RenderOptions
from ..render.search_box import FACETS, facet_classes, make_filter_box
from ..selection.choose import GROUPS, SORTS, group_publications, select_publications
from ..selection.filter import FilterError, compile_filter
from ..selection.names import NameMatcher
from ..sphinxext.domain import Listing, ListingSpec
from ..sphinxext.lab import people_matcher, today
from ..sphinxext.labels import labels_for, language_option, mark_language
from ..sphinxext.sources import (
    STATE,
    configured_bibfiles,
    entry_file,
    find_entry,
    get_bibliography,
    get_citation_counts,
    resolve_conf_path,
    within,
)
from .options import ScholarDirective, boolean, choice, formats, names, words

if TYPE_CHECKING:
    from ..sphinxext.domain import ScholarDomain

__all__ = ["PublicationsDirective", "PubRole", "setup_publications"]

logger = logging.getLogger(__name__)


def _facets(argument: str | None) -> list[str]:
    """``year type keywords venue`` (any of them), or ``none``."""
    found = ["keywords" if n == "keyword" else n for n in (n.lower() for n in words(argument))]
    if found == ["none"]:
        return []
    unknown = [n for n in found if n not in FACETS]
    if unknown or not found:
        raise ValueError(f"expected some of {', '.join(FACETS)} (or none), not {argument!r}")
    return list(dict.fromkeys(found))


class PublicationsDirective(ScholarDirective):
    """List publications from BibTeX files.

    See the reference documentation for every option.
    """

    has_content = False
    optional_arguments = 0
    option_spec: ClassVar[dict] = {
        "bibfile": directives.unchanged,
        "keys": directives.unchanged,
        "selected": directives.flag,
        "filter": directives.unchanged,
        # Values are checked in run(): a bad one is a warning, not a lost list.
        "sort": directives.unchanged,
        "group-by": directives.unchanged,
        "limit": directives.unchanged,
        "style": directives.unchanged,
        "max-authors": directives.unchanged,
        "highlight": directives.unchanged,
        "abstract": directives.unchanged,
        "bibtex": directives.unchanged,
        "thumbnails": directives.unchanged,
        "links": directives.unchanged,
        "numbered": directives.flag,
        "class": directives.class_option,
        "download": directives.unchanged,
        "search": directives.unchanged,
        "citations": directives.unchanged,
        "language": directives.unchanged,
        "facets": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        entries = self._load_entries()
        spec, predicate = self._spec()
        show_citations = self.option("citations", boolean, False)
        counts = self._citation_counts(show_citations or spec.sort == "citations")
        chosen = select_publications(
            entries,
            keys=spec.keys,
            selected=spec.selected,
            predicate=predicate,
            order=spec.sort,
            limit=spec.limit,
            counts=counts,
        )
        self._warn_unknown_keys(spec, entries)
        used = self.env.temp_data.setdefault("scholar_ids", set())
        anchors: dict[int, str] = {}

        def make_id(pub: Publication) -> str:
            if id(pub) not in anchors:
                anchors[id(pub)] = self._unique_id("pub-" + pub.key, used)
            return anchors[id(pub)]

        download = self.option("download", formats, list(self.config.scholar_download))
        language = self.option("language", language_option, None)
        labels = self._labels = labels_for(self.config, language)
        renderer = PublicationRenderer(
            self._render_options(spec, download, show_citations),
            me=self._me(),
            people=self._people(),
            resolve_file=self._resolve_file,
            make_id=make_id,
            counts=counts,
            labels=labels,
        )
        groups, group_ids = self._groups(chosen, used)
        wrapper = nodes.container(classes=["scholar", "scholar-publication-list", *self.options.get("class", [])])
        mark_language(wrapper, labels, self.config)
        wrapper.extend(renderer.render(groups, group_ids))
        if not chosen:
            wrapper += nodes.paragraph("", labels.gettext("No publications."), classes=["scholar-empty"])
        self._decorate(wrapper, chosen, spec, download, used)
        self.set_source_info(wrapper)
        shown = tuple((p.key, p.digest) for p in chosen)
        self._domain.add_listing(self.env.docname, Listing(spec, shown, tuple(make_id(p) for p in chosen)))
        return [hold(wrapper)]

    def _groups(
        self, chosen: list[Publication], used: set[str]
    ) -> tuple[list[tuple[str, list[Publication]]], list[str]]:
        """The ``:group-by:`` groups with translated headings, and the anchor of each."""
        labels = self._labels
        group_by = self.option("group-by", choice(GROUPS), self.config.scholar_group_by)
        groups = group_publications(chosen, group_by)
        group_ids = [self._unique_id(f"pubs-{heading}", used) if heading else "" for heading, _ in groups]
        # Anchors keep the English heading (links survive a change of language); the text is translated.
        if group_by in {"type", "year"}:
            groups = [
                (labels.gettext(heading) if heading and not heading.isdigit() else heading, pubs)
                for heading, pubs in groups
            ]
        elif group_by == "keyword" and groups and groups[-1][0] == "Other":
            groups[-1] = (labels.gettext("Other"), groups[-1][1])
        return groups, group_ids

    @property
    def _domain(self) -> ScholarDomain:
        return cast("ScholarDomain", self.env.get_domain("scholar"))

    def _load_entries(self) -> list[Publication]:
        """Every entry of the list's ``.bib`` files, each file noted in the domain
        so that editing it re-reads this page only when what it shows changed."""
        entries: list[Publication] = []
        for path in self._bibfiles():
            bibliography = get_bibliography(path)
            if bibliography is None:
                logger.warning(
                    "publications: cannot read BibTeX file %s",
                    path,
                    type="scholar",
                    subtype="file",
                    location=self.get_location(),
                )
                self._domain.note_bib(path, "")
                continue
            self._domain.note_bib(path, bibliography.digest)
            entries.extend(bibliography.entries)
        return entries

    def _spec(self) -> tuple[ListingSpec, Callable[[Publication], bool] | None]:
        """What the list selects (enough to select again on a rebuild), and the compiled filter."""
        predicate = None
        expression = self.options.get("filter", "").strip()
        if expression:
            try:
                predicate = compile_filter(expression)
            except FilterError as error:
                logger.warning(
                    "publications: %s; the filter is ignored",
                    error,
                    type="scholar",
                    subtype="filter",
                    location=self.get_location(),
                )
                expression = ""
        spec = ListingSpec(
            bibfiles=tuple(self._bibfiles()),
            keys=tuple(words(self.options.get("keys"))),
            selected="selected" in self.options,
            filter=expression,
            sort=self.option("sort", choice(SORTS), self.config.scholar_sort),
            limit=self.option("limit", directives.nonnegative_int, 0),
        )
        return spec, predicate

    def _citation_counts(self, wanted: bool) -> dict[str, int] | None:
        """Synced citation counts (``sphinx-scholar sync``), when shown or sorted by."""
        if not wanted:
            return None
        synced = get_citation_counts(self.config, today(self.config))
        if synced is None or not synced.exists:
            return None
        self.env.note_dependency(synced.path)  # a new sync re-reads this page
        return dict(synced.counts)

    def _warn_unknown_keys(self, spec: ListingSpec, entries: list[Publication]) -> None:
        if not spec.keys:
            return
        known = {p.key for p in entries}
        for key in spec.keys:
            if key not in known:
                logger.warning(
                    "publications: no entry with key %r in %s",
                    key,
                    ", ".join(spec.bibfiles) or "any BibTeX file",
                    type="scholar",
                    subtype="key",
                    location=self.get_location(),
                )

    def _me(self) -> NameMatcher:
        names_in_bold = [*self.config.scholar_me, *names(self.options.get("highlight"))]
        return NameMatcher((name, True) for name in names_in_bold)

    def _render_options(self, spec: ListingSpec, download: list[str], show_citations: bool) -> RenderOptions:
        config = self.config
        configured = set(configured_bibfiles(config))
        style = self.option("style", choice(STYLES), config.scholar_style)
        # The profile style's card shows three authors, as on the seed, unless told otherwise here.
        max_authors = 3 if style == "profile" else config.scholar_max_authors
        return RenderOptions(
            style=style,
            max_authors=self.option("max-authors", directives.nonnegative_int, max_authors),
            abstract=self.option("abstract", choice(ABSTRACT_MODES), config.scholar_abstract),
            bibtex=self.option("bibtex", boolean, config.scholar_bibtex),
            thumbnails=self.option("thumbnails", boolean, config.scholar_thumbnails),
            links=self.option("links", boolean, True),
            numbered="numbered" in self.options,
            math=config.scholar_math,
            paper_links=config.scholar_paper_pages and all(path in configured for path in spec.bibfiles),
            entry_bib="bib" in download,
            citations=show_citations,
        )

    def _decorate(
        self,
        wrapper: nodes.container,
        chosen: list[Publication],
        spec: ListingSpec,
        download: list[str],
        used: set[str],
    ) -> None:
        """The ``:search:`` box (with each entry's facets) and the download placeholder."""
        if not chosen:
            return
        if self.option("search", boolean, self.config.scholar_search):
            by_key = {p.key: p for p in chosen}
            for item in wrapper.findall(nodes.Element):
                if "scholar-key" in item and item["scholar-key"] in by_key:
                    item["classes"] += facet_classes(by_key[item["scholar-key"]])
            list_id = self._unique_id("scholar-list", used)
            wrapper["ids"].append(list_id)
            facets = self.option("facets", _facets, list(self.config.scholar_facets))
            wrapper.insert(
                0,
                make_filter_box(list_id, chosen, max(0, self.config.scholar_max_keywords), facets, labels=self._labels),
            )
        if download:
            count = self.env.temp_data["scholar_lists"] = self.env.temp_data.get("scholar_lists", 0) + 1
            wrapper.insert(
                0,
                download_links(
                    formats=download,
                    keys=[p.key for p in chosen],
                    bibfiles=list(spec.bibfiles),
                    stem=make_stem(self.env.docname, count),
                    label=self._labels.gettext("Download this list:"),
                ),
            )

    def _people(self):
        if self.config.scholar_people:
            # Co-author links follow the people file: a change re-reads this page.
            self.env.note_dependency(resolve_conf_path(self.config.scholar_people))
        return people_matcher(self.config)

    def _bibfiles(self) -> list[str]:
        if "bibfile" in self.options:
            paths = []
            for name in words(self.options["bibfile"]):
                _, absolute = self.env.relfn2path(name, self.env.docname)
                absolute = os.path.normpath(absolute)
                # The rule of the YAML files: inside the project (or the conf.py folder).
                if not within(absolute, str(self.env.srcdir)) and not within(
                    absolute, STATE.confdir or str(self.env.srcdir)
                ):
                    if ("bibfile", self.env.docname, self.lineno, name) not in STATE.reported:
                        STATE.reported.add(("bibfile", self.env.docname, self.lineno, name))
                        logger.warning(
                            "publications: BibTeX file %s is outside the project; not read",
                            name,
                            type="scholar",
                            subtype="path",
                            location=self.get_location(),
                        )
                    continue
                paths.append(absolute)
            return paths
        paths = configured_bibfiles(self.config)
        if not paths:
            logger.warning(
                "publications: no BibTeX file: give :bibfile: or set scholar_bibfiles in conf.py",
                type="scholar",
                subtype="config",
                location=self.get_location(),
            )
        return paths

    @staticmethod
    def _unique_id(base: str, used: set[str]) -> str:
        anchor = nodes.make_id(base) or "pub"
        candidate, n = anchor, 2
        while candidate in used:
            candidate = f"{anchor}-{n}"
            n += 1
        used.add(candidate)
        return candidate

    def _resolve_file(self, pub: Publication, kind: str, path: str) -> LocalFile | None:
        """A local file named in an entry, as a source-root path ("/img/x.png")."""
        full = entry_file(pub, kind, path, self.config)
        if full is None:
            return None
        srcdir = str(self.env.srcdir)
        uri = "/" + os.path.relpath(full, srcdir).replace(os.sep, "/")
        if kind in {"preview", "preview_hover"}:
            try:
                width, height = imagesize.get(full)
            except Exception:  # not an image imagesize knows; the CSS sizes it
                width = height = -1
            if width > 0 and height > 0:
                return LocalFile(uri, int(width), int(height))
        return LocalFile(uri)


class PubRole(SphinxRole):
    """``:pub:`key``` or ``:pub:`text <key>```: a link to where the entry is listed."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        explicit, title, key = split_explicit_title(self.text)
        key = key.strip()
        domain = cast("ScholarDomain", self.env.get_domain("scholar"))
        paths = sorted(set(configured_bibfiles(self.config)) | set(domain.bibs))
        entry = find_entry(key, paths)
        for path in paths:
            # Recorded so that editing this file re-reads the citing page.
            bibliography = get_bibliography(path)
            domain.note_bib(path, bibliography.digest if bibliography else "")
        if entry is None:
            logger.warning(
                "pub: no entry with key %r in any BibTeX file",
                key,
                type="scholar",
                subtype="key",
                location=self.get_location(),
            )
        domain.add_ref(self.env.docname, key, entry.digest if entry else "")
        if not explicit:
            title = entry.short_label_in(labels_for(self.config)) if entry else key
        content = nodes.inline(title, title, classes=["scholar-pub-ref"])
        ref = pending_xref(
            self.rawtext,
            content,
            refdomain="scholar",
            reftype="pub",
            reftarget=key,
            refexplicit=True,
            refwarn=False,
            refdoc=self.env.docname,
        )
        self.set_source_info(ref)
        return [ref], []


def _set_heading_levels(app: Sphinx, doctree: nodes.document) -> None:
    # Group headings sit one level below the section holding the list; known
    # only once the whole document is parsed (MyST and RST alike).
    for rubric in doctree.findall(nodes.rubric):
        if "scholar-group-heading" not in rubric["classes"]:
            continue
        level, node = 1, rubric.parent
        while node is not None:
            if isinstance(node, nodes.section):
                level += 1
            node = node.parent
        rubric["heading-level"] = min(max(level, 2), 6)


def setup_publications(app: Sphinx) -> None:
    app.connect("doctree-read", _set_heading_levels)
    app.add_directive("publications", PublicationsDirective)
    app.add_role("pub", PubRole())
