"""The ``publications`` directive and the ``pub`` role: options in, nodes out."""

from __future__ import annotations

import os
import re
from typing import ClassVar

import imagesize
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from ..nodes.elements import download_links, hold
from ..outputs.downloads import FORMAT_LABELS, make_stem
from ..records.publication import Publication
from ..render.publications import ABSTRACT_MODES, STYLES, LocalFile, PublicationRenderer, RenderOptions
from ..render.search_box import facet_classes, make_filter_box
from ..selection.choose import GROUPS, SORTS, group_publications, select_publications
from ..selection.filter import FilterError, compile_filter
from ..selection.names import NameMatcher
from ..sphinxext.domain import Listing, ListingSpec, ScholarDomain
from ..sphinxext.labels import bcp47, labels_for, language_option
from ..sphinxext.sources import STATE, configured_bibfiles, find_entry, get_bibliography, resolve_conf_path
from .students import people_matcher

__all__ = ["PublicationsDirective", "PubRole", "setup_publications"]

logger = logging.getLogger(__name__)


def boolean(argument: str | None) -> bool:
    """A flag option that also accepts an explicit yes/no."""
    if argument is None or not argument.strip():
        return True
    value = argument.strip().lower()
    if value in {"yes", "true", "on", "1"}:
        return True
    if value in {"no", "false", "off", "0"}:
        return False
    raise ValueError(f'expected "yes" or "no", not {argument!r}')


def _choice(values: tuple[str, ...]):
    def convert(argument: str | None) -> str:
        return directives.choice((argument or "").strip().lower(), values)

    return convert


def _words(argument: str | None) -> list[str]:
    return [w for w in re.split(r"[\s,]+", argument or "") if w]


def _names(argument: str | None) -> list[str]:
    # Names contain commas ("Picard, David"), so they are separated by ";" or lines.
    return [n.strip() for n in re.split(r"[;\n]", argument or "") if n.strip()]


def _formats(argument: str | None) -> list[str]:
    """``bib csl ris`` (any of them), or ``none``."""
    names = [n.lower() for n in _words(argument)]
    if names == ["none"]:
        return []
    unknown = [n for n in names if n not in FORMAT_LABELS]
    if unknown or not names:
        raise ValueError(f"expected some of {', '.join(FORMAT_LABELS)} (or none), not {argument!r}")
    return list(dict.fromkeys(names))


def _within(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([os.path.realpath(path), os.path.realpath(root)]) == os.path.realpath(root)
    except ValueError:
        return False


class PublicationsDirective(SphinxDirective):
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
        "language": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        config = self.config
        bibfiles = self._bibfiles()
        entries: list[Publication] = []
        domain: ScholarDomain = self.env.get_domain("scholar")  # type: ignore[assignment]
        for path in bibfiles:
            bibliography = get_bibliography(path)
            if bibliography is None:
                logger.warning(
                    "publications: cannot read BibTeX file %s", path,
                    type="scholar", subtype="file", location=self.get_location(),
                )
                domain.note_bib(path, "")
                continue
            domain.note_bib(path, bibliography.digest)
            entries.extend(bibliography.entries)

        predicate = None
        expression = self.options.get("filter", "").strip()
        if expression:
            try:
                predicate = compile_filter(expression)
            except FilterError as error:
                logger.warning(
                    "publications: %s; the filter is ignored", error,
                    type="scholar", subtype="filter", location=self.get_location(),
                )
                expression = ""
        keys = tuple(_words(self.options.get("keys")))
        spec = ListingSpec(
            bibfiles=tuple(bibfiles),
            keys=keys,
            selected="selected" in self.options,
            filter=expression,
            sort=self._option("sort", _choice(SORTS), config.scholar_sort),
            limit=self._option("limit", directives.nonnegative_int, 0),
        )
        chosen = select_publications(
            entries, keys=spec.keys, selected=spec.selected, predicate=predicate, order=spec.sort, limit=spec.limit
        )
        if keys:
            known = {p.key for p in entries}
            for key in keys:
                if key not in known:
                    logger.warning(
                        "publications: no entry with key %r in %s", key, ", ".join(bibfiles) or "any BibTeX file",
                        type="scholar", subtype="key", location=self.get_location(),
                    )

        used = self.env.temp_data.setdefault("scholar_ids", set())
        anchors: dict[int, str] = {}

        def make_id(pub: Publication) -> str:
            if id(pub) not in anchors:
                anchors[id(pub)] = self._unique_id("pub-" + pub.key, used)
            return anchors[id(pub)]

        configured = set(configured_bibfiles(config))
        formats = self._option("download", _formats, list(config.scholar_download))
        me = NameMatcher((name, True) for name in [*config.scholar_me, *_names(self.options.get("highlight"))])
        options = RenderOptions(
            style=self._option("style", _choice(STYLES), config.scholar_style),
            max_authors=self._option("max-authors", directives.nonnegative_int, config.scholar_max_authors),
            abstract=self._option("abstract", _choice(ABSTRACT_MODES), config.scholar_abstract),
            bibtex=self._option("bibtex", boolean, config.scholar_bibtex),
            thumbnails=self._option("thumbnails", boolean, config.scholar_thumbnails),
            links=self._option("links", boolean, True),
            numbered="numbered" in self.options,
            math=config.scholar_math,
            paper_links=config.scholar_paper_pages and all(path in configured for path in bibfiles),
            entry_bib="bib" in formats,
        )
        language = self._option("language", language_option, None)
        labels = labels_for(config, language)
        renderer = PublicationRenderer(
            options, me=me, people=self._people(),
            resolve_file=self._resolve_file, make_id=make_id, labels=labels,
        )
        group_by = self._option("group-by", _choice(GROUPS), config.scholar_group_by)
        groups = group_publications(chosen, group_by)
        group_ids = [self._unique_id(f"pubs-{heading}", used) if heading else "" for heading, _ in groups]
        # Anchors keep the English heading (links survive a change of language); the text is translated.
        if group_by != "keyword":
            groups = [(labels.gettext(heading) if heading and not heading.isdigit() else heading, pubs) for heading, pubs in groups]
        elif groups and groups[-1][0] == "Other":
            groups[-1] = (labels.gettext("Other"), groups[-1][1])
        wrapper = nodes.container(classes=["scholar", "scholar-publication-list", *self.options.get("class", [])])
        if language:
            wrapper["classes"].append("language-" + bcp47(language))
        wrapper.extend(renderer.render(groups, group_ids))
        if not chosen:
            wrapper += nodes.paragraph("", labels.gettext("No publications."), classes=["scholar-empty"])
        if self._option("search", boolean, config.scholar_search) and chosen:
            by_key = {p.key: p for p in chosen}
            for item in wrapper.findall(nodes.Element):
                if "scholar-key" in item and item["scholar-key"] in by_key:
                    item["classes"] += facet_classes(by_key[item["scholar-key"]])
            list_id = self._unique_id("scholar-list", used)
            wrapper["ids"].append(list_id)
            wrapper.insert(0, make_filter_box(list_id, chosen, labels=labels))
        if formats and chosen:
            count = self.env.temp_data["scholar_lists"] = self.env.temp_data.get("scholar_lists", 0) + 1
            wrapper.insert(0, download_links(
                formats=formats, keys=[p.key for p in chosen], bibfiles=list(bibfiles),
                stem=make_stem(self.env.docname, count), label=labels.gettext("Download this list:"),
            ))
        self.set_source_info(wrapper)

        shown = tuple((p.key, p.digest) for p in chosen)
        domain.add_listing(self.env.docname, Listing(spec, shown, tuple(make_id(p) for p in chosen)))
        return [hold(wrapper)]

    def _people(self):
        if self.config.scholar_people:
            # Co-author links follow the people file: a change re-reads this page.
            self.env.note_dependency(resolve_conf_path(self.config.scholar_people))
        return people_matcher(self.config)

    def _option(self, name: str, convert, default):
        """An option's value; a bad one is a located warning and the default."""
        if name not in self.options:
            return default
        try:
            return convert(self.options[name])
        except ValueError as error:
            logger.warning(
                "publications: invalid :%s: option: %s; using %r", name, error, default,
                type="scholar", subtype="option", location=self.get_location(),
            )
            return default

    def _bibfiles(self) -> list[str]:
        if "bibfile" in self.options:
            paths = []
            for name in _words(self.options["bibfile"]):
                _, absolute = self.env.relfn2path(name, self.env.docname)
                paths.append(os.path.normpath(absolute))
            return paths
        paths = configured_bibfiles(self.config)
        if not paths:
            logger.warning(
                "publications: no BibTeX file: give :bibfile: or set scholar_bibfiles in conf.py",
                type="scholar", subtype="config", location=self.get_location(),
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
        base = os.path.dirname(pub.source)
        if kind in {"preview", "preview_hover"} and self.config.scholar_preview_dir:
            base = resolve_conf_path(self.config.scholar_preview_dir)
        full = os.path.normpath(os.path.join(base, path.replace("\\_", "_")))
        where = f"{pub.source}:{pub.line}" if pub.line else pub.source
        srcdir = str(self.env.srcdir)
        # Each bad path is reported once per build, however many lists show it.
        report = (pub.source, pub.key, kind, path) not in STATE.reported
        STATE.reported.add((pub.source, pub.key, kind, path))
        if not _within(full, srcdir):
            if report:
                logger.warning(
                    "entry %r: %s file %r is outside the project and is not used", pub.key, kind, path,
                    type="scholar", subtype="path", location=where,
                )
            return None
        if not os.path.isfile(full):
            if report:
                logger.warning(
                    "entry %r: %s file %s not found", pub.key, kind, os.path.relpath(full, srcdir),
                    type="scholar", subtype="file", location=where,
                )
            return None
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
        match = re.match(r"^(.*?)\s*<([^<>]+)>$", self.text, re.S)
        if match and match.group(1):
            title, key, explicit = match.group(1), match.group(2).strip(), True
        else:
            title, key, explicit = "", self.text.strip(), False
        domain: ScholarDomain = self.env.get_domain("scholar")  # type: ignore[assignment]
        paths = sorted(set(configured_bibfiles(self.config)) | set(domain.bibs))
        entry = find_entry(key, paths)
        for path in paths:
            # Recorded so that editing this file re-reads the citing page.
            bibliography = get_bibliography(path)
            domain.note_bib(path, bibliography.digest if bibliography else "")
        if entry is None:
            logger.warning(
                "pub: no entry with key %r in any BibTeX file", key,
                type="scholar", subtype="key", location=self.get_location(),
            )
        domain.add_ref(self.env.docname, key, entry.digest if entry else "")
        if not explicit:
            title = entry.short_label_in(labels_for(self.config)) if entry else key
        content = nodes.inline(title, title, classes=["scholar-pub-ref"])
        ref = pending_xref(
            self.rawtext, content, refdomain="scholar", reftype="pub", reftarget=key,
            refexplicit=True, refwarn=False, refdoc=self.env.docname,
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
