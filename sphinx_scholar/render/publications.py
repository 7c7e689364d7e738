"""Publication records to docutils nodes, in four styles.

``list``     compact citations, one per line;
``barron``   the single-column page with a thumbnail column, bold title,
             authors, italic venue, a links row and one paragraph;
``profile``  the scholar-profile card (subject badge, date, Code badge,
             first authors then et al., organisation tag, abstract);
``cards``    a sphinx-design grid of cards.

The renderer knows nothing about files: local paths are resolved by the
``resolve_file`` callback the directive passes in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from docutils import nodes
from sphinx import addnodes

from ..nodes.elements import copy_button, details, doc_link, line_break, summary, thumbnail
from ..records.labels import ENGLISH, Labels
from ..records.markup import rich_field
from ..records.math_guard import refusal
from ..records.publication import Author, Link, Publication
from ..records.richtext import RichText, latex_to_rich, math_parts
from ..records.urls import is_safe_url, primary_link
from ..selection.choose import citation_count
from ..selection.names import NameMatcher

__all__ = ["STYLES", "LocalFile", "PersonLink", "PublicationRenderer", "RenderOptions", "rich_nodes"]

STYLES = ("list", "barron", "profile", "cards")
ABSTRACT_MODES = ("hidden", "collapsed", "shown")


@dataclass(frozen=True)
class RenderOptions:
    style: str = "list"
    max_authors: int = 0  # 0: all
    abstract: str = "collapsed"
    bibtex: bool = False
    thumbnails: bool = True
    links: bool = True
    numbered: bool = False
    math: str = "unicode"  # or "render"
    paper_links: bool = False  # titles link to the entry's own page
    entry_bib: bool = False  # a "bib" link to the entry's own .bib file (written with the HTML)
    citations: bool = False  # a "Cited by N" badge (counts from the sidecar, else the `citations` field)


@dataclass(frozen=True)
class LocalFile:
    """A project file named by an entry: its source-root URI and, for images, size."""

    uri: str
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class PersonLink:
    """What a matched co-author links to, and whether they are a student."""

    url: str = ""
    docname: str = ""
    student: bool = False


def rich_nodes(text: RichText, math: str = "unicode") -> list[nodes.Node]:
    """RichText segments as inline nodes.

    ``math="unicode"`` writes inline math as Unicode text (``$\\alpha$`` -> α), so
    a title with a symbol does not pull a math renderer into the page;
    ``math="render"`` keeps it as a math node for MathJax or LaTeX. Fields read
    from HTML or Markdown add ``sub``, ``sup``, ``code``, line breaks
    (``br``, ``par``) and ``link`` segments (with their ``url``).
    """
    out: list[nodes.Node] = []
    for segment in text:
        kind, value = segment
        if kind == "math" and refusal(value):  # made by records.richtext, checked again where it is written
            kind, value = "text", f"${value}$"
        if kind == "text":
            out.append(nodes.Text(value))
        elif kind == "emph":
            out.append(nodes.emphasis(value, value))
        elif kind == "strong":
            out.append(nodes.strong(value, value))
        elif kind == "math" and math == "render":
            out.append(nodes.math(value, value))
        elif kind == "math":
            out.append(_unicode_math(value))
        elif kind == "sub":
            out.append(nodes.subscript(value, value))
        elif kind == "sup":
            out.append(nodes.superscript(value, value))
        elif kind == "code":
            out.append(nodes.literal(value, value))
        elif kind in {"br", "par"}:
            out.append(line_break())
        elif kind == "link" and is_safe_url(getattr(segment, "url", "")):
            # <a href>, Markdown links, \url and \href (LinkSegments): safe URLs only.
            out.append(nodes.reference(value, value, refuri=segment.url, classes=["scholar-field-link"]))
        else:
            out.append(nodes.Text(value))
    return out


def _unicode_math(value: str) -> nodes.Node:
    """Unicode where it says the same (H₀, θ ≤ 1), <sub>/<sup> for scripts
    with no Unicode letters, real math for the rest (a fraction...).
    The source is kept: the LaTeX builder turns it back into math."""
    parts = math_parts(value)
    if parts is None:
        return nodes.math(value, value)
    shown = "".join(text for _, text in parts)
    inline = nodes.inline(shown, "", classes=["scholar-math"], latex=value)
    for part, text in parts:
        if part == "sub":
            inline += nodes.subscript(text, text)
        elif part == "sup":
            inline += nodes.superscript(text, text)
        else:
            inline += nodes.Text(text)
    return inline


def rich_paragraphs(text: RichText, math: str = "unicode", classes: Sequence[str] = ()) -> list[nodes.paragraph]:
    """RichText as paragraphs, split where the field had ``<p>`` breaks."""
    out: list[nodes.paragraph] = []
    current: list = []
    for segment in [*text, None]:
        if segment is None or segment.kind == "par":
            if current:
                out.append(nodes.paragraph("", "", *rich_nodes(RichText(current), math), classes=list(classes)))
            current = []
        else:
            current.append(segment)
    return out


def _inline(classes: str, *children: nodes.Node, text: str = "") -> nodes.inline:
    return nodes.inline(text, text, *children, classes=classes.split())


def _as_line(inline: nodes.inline, line_class: str) -> nodes.paragraph:
    """A paragraph holding ``inline``'s children and classes: every node costs
    time in each transform, in pickling and in memory, 5,000 times over."""
    line = nodes.paragraph("", "", classes=[*inline["classes"], line_class])
    line.extend(inline.children)
    return line


def _merge_text(node: nodes.Element) -> None:
    """Join adjacent text nodes: every node costs time in each Sphinx transform."""
    children = node.children
    index = 0
    while index < len(children):
        child = children[index]
        if isinstance(child, nodes.Text):
            end = index + 1
            while end < len(children) and isinstance(children[end], nodes.Text):
                end += 1
            if end - index > 1:
                merged = nodes.Text("".join(str(c) for c in children[index:end]))
                node[index:end] = [merged]
        elif isinstance(child, nodes.Element):
            _merge_text(child)
        index += 1


_LEGEND_MARK = re.compile(r"^([*\u2020\u2021\u00a7\u00b6]+)")


def _legend_marks(children: list[nodes.Node]) -> list[nodes.Node]:
    """An annotation's legend ("* Equal contribution<br>† Corresponding author"):
    the mark opening each line is shown like the authors' marks."""
    out: list[nodes.Node] = []
    line_start = True
    for child in children:
        if line_start and isinstance(child, nodes.Text):
            match = _LEGEND_MARK.match(str(child))
            if match:
                mark = match.group(1)
                out.append(nodes.superscript(mark, mark, classes=["scholar-mark"]))
                rest = str(child)[match.end() :]
                if rest:
                    out.append(nodes.Text(rest))
                line_start = False
                continue
        out.append(child)
        line_start = isinstance(child, line_break)
    return out


def format_date(pub: Publication, labels: Labels = ENGLISH) -> str:
    """``Jul 20, 2022``, ``Jul 2022`` or ``2022``, in the labels' locale (``20 juil. 2022``)."""
    return labels.date(pub.year, pub.month, pub.day)


class PublicationRenderer:
    """Builds the nodes of a publication list."""

    def __init__(
        self,
        options: RenderOptions,
        *,
        me: NameMatcher,
        people: NameMatcher | None = None,
        resolve_file: Callable[[Publication, str, str], LocalFile | None] = lambda pub, kind, path: None,
        make_id: Callable[[Publication], str] = lambda pub: "",
        counts: Mapping[str, int] | None = None,
        labels: Labels = ENGLISH,
    ) -> None:
        self.options = options
        self.labels = labels
        self.counts = counts
        self.me = me
        self.people = people
        self.resolve_file = resolve_file
        self.make_id = make_id
        # Names that render as plain text, by author: labs repeat the same
        # co-authors in hundreds of entries, and matching is the costly part.
        self._plain_names: dict[Author, str] = {}

    # -- whole lists ------------------------------------------------------------

    def render(
        self, groups: Sequence[tuple[str, Sequence[Publication]]], group_ids: Sequence[str] = ()
    ) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for number, (heading, pubs) in enumerate(groups):
            if heading:
                rubric = nodes.rubric(heading, heading, classes=["scholar-group-heading"])
                if number < len(group_ids) and group_ids[number]:
                    rubric["ids"].append(group_ids[number])
                out.append(rubric)
            out.append(self.render_list(pubs))
        return out

    def render_list(self, pubs: Sequence[Publication]) -> nodes.Element:
        style = self.options.style
        if style == "cards":
            return self._render_cards(pubs)
        if self.options.numbered:
            container: nodes.Element = nodes.enumerated_list(enumtype="arabic", prefix="[", suffix="]")
        else:
            container = nodes.bullet_list()
        container["classes"] += ["scholar-publications", f"scholar-style-{style}"]
        for pub in pubs:
            item = nodes.list_item(classes=["scholar-pub"])
            self._identify(item, pub)
            if self._flag(pub, "highlight"):
                item["classes"].append("scholar-highlight")
            if style == "barron":
                item += self._barron(pub)
            elif style == "profile":
                item += self._profile(pub)
            else:
                item += self._citation(pub)
            _merge_text(item)
            container += item
        return container

    def _identify(self, node: nodes.Element, pub: Publication) -> None:
        anchor = self.make_id(pub)
        if anchor:
            node["ids"].append(anchor)
        node["scholar-key"] = pub.key

    @staticmethod
    def _flag(pub: Publication, name: str) -> bool:
        return pub.field(name).strip().lower() in {"true", "yes", "1"}

    # -- parts --------------------------------------------------------------------

    def _rich(self, text: RichText) -> list[nodes.Node]:
        return rich_nodes(text, self.options.math)

    def title(self, pub: Publication, *, link: bool = True) -> nodes.Element:
        children = self._rich(pub.title)
        if link and self.options.paper_links:
            # Resolved when writing: only html/dirhtml builders have paper pages.
            return addnodes.pending_xref(
                "",
                _inline("scholar-title", *children),
                refdomain="scholar",
                reftype="paper",
                reftarget=pub.key,
                refexplicit=True,
                refwarn=False,
            )
        url = self._title_url(pub) if link else None
        if url:
            return nodes.reference("", "", *children, refuri=url, classes=["scholar-title"])
        return _inline("scholar-title", *children)

    @staticmethod
    def _title_url(pub: Publication) -> str | None:
        link = primary_link(pub)  # one rule for the title, exports and the feed
        return link.url if link is not None else None

    def authors(self, pub: Publication, max_authors: int | None = None) -> nodes.inline:
        """Comma-separated names; cut after ``max_authors`` with "et al.",
        keeping the owner visible after an ellipsis when they come later."""
        limit = self.options.max_authors if max_authors is None else max_authors
        real = [a for a in pub.authors if not a.others]
        et_al = len(real) < len(pub.authors)
        shown: list[Author | None] = list(real)
        if limit and len(real) > limit:
            # "…" only where authors are skipped between two shown; "et al."
            # only when authors follow the last one shown.
            keep = list(range(limit)) + [i for i in range(limit, len(real)) if self.me.match(real[i])]
            shown = []
            for number, index in enumerate(keep):
                if number and index > keep[number - 1] + 1:
                    shown.append(None)
                shown.append(real[index])
            et_al = et_al or keep[-1] < len(real) - 1
        # Plain names are merged into one text node: big lists stay light.
        node = _inline("scholar-authors")
        run: list[str] = []
        for position, author in enumerate(shown):
            if position:
                run.append(", ")
            if author is None:
                run.append("\u2026")
                continue
            rendered = self.author(author)
            if isinstance(rendered, str):
                run.append(rendered)
            else:
                if run:
                    node += nodes.Text("".join(run))
                    run = []
                node += rendered
        if et_al:
            run.append(", " if shown else "")
            node += nodes.Text("".join(run))
            run = []
            node += _inline("scholar-etal", text=self.labels.gettext("et al."))
        if run:
            node += nodes.Text("".join(run))
        return node

    def author(self, author: Author) -> str | nodes.Node:
        """One name: a plain string, or a node when it is marked, linked or the owner's."""
        plain = self._plain_names.get(author)
        if plain is not None:
            return plain
        rendered = self._author(author)
        if isinstance(rendered, str):
            self._plain_names[author] = rendered
        return rendered

    def _author(self, author: Author) -> str | nodes.Node:
        name = author.full_name
        marks = [nodes.superscript(author.marks, author.marks, classes=["scholar-mark"])] if author.marks else []
        if self.me.match(author):
            return nodes.strong("", name, *marks, classes=["scholar-me"])
        found = self.people.match(author) if self.people else None
        if isinstance(found, PersonLink):
            classes = ["scholar-coauthor"] + (["scholar-student"] if found.student else [])
            if found.docname:
                inner: nodes.Node = doc_link(name, found.docname, warn=False)
            elif found.url:
                inner = nodes.reference(name, name, refuri=found.url)
            else:
                inner = nodes.Text(name)
            return nodes.inline("", "", inner, *marks, classes=classes)
        if marks:
            return nodes.inline("", name, *marks, classes=["scholar-author"])
        return name

    def venue(self, pub: Publication, *, with_year: bool = True) -> nodes.inline:
        node = _inline("scholar-venue")
        if pub.venue:
            node += nodes.emphasis("", "", *self._rich(pub.venue))
        if with_year and pub.year:
            if pub.venue:
                node += nodes.Text(", ")
            node += nodes.Text(str(pub.year))
        note = pub.field("note").strip()
        if note:
            # After the venue, as BibTeX's standard styles print it (academicpages writes Markdown links there).
            rich = rich_field(note, markdown=True)
            if rich:
                if len(node):
                    node += nodes.Text(". ")
                node += _inline("scholar-note", *self._rich(rich))
        return node

    def badges(self, pub: Publication) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        abbr = pub.field("abbr").strip()
        if abbr:
            text = rich_field(abbr).text
            out.append(_inline("scholar-badge scholar-badge-venue", text=text))
        award = pub.field("award_name").strip() or (self.labels.gettext("Award") if pub.field("award").strip() else "")
        if award:
            text = rich_field(award).text
            out.append(_inline("scholar-badge scholar-badge-award", text=text))
        if self.options.citations:
            count = citation_count(pub, self.counts)
            if count is not None:
                out.append(
                    _inline(
                        "scholar-badge scholar-badge-citations",
                        text=self.labels.gettext("Cited by %(count)s") % {"count": self.labels.number(count)},
                    )
                )
        return out

    def links(self, pub: Publication) -> nodes.inline | None:
        if not self.options.links or not (pub.links or self.options.entry_bib):
            return None
        node = _inline("scholar-links")
        refs = [ref for ref in (self.link(pub, link) for link in pub.links) if ref is not None]
        if self.options.entry_bib:
            # Pointed at the entry's file when the page is written (HTML only).
            bib = self.labels.gettext("bib")
            refs.append(
                nodes.reference(
                    bib,
                    bib,
                    refuri="",
                    classes=["scholar-link", "scholar-link-bib"],
                    scholar_entry_bib=pub.key,
                    scholar_entry_source=pub.source,
                )
            )
        for number, ref in enumerate(refs):
            if number:
                node += nodes.Text(" / ")
            node += ref
        return node if refs else None

    def link(self, pub: Publication, link: Link) -> nodes.Node | None:
        if link.local:
            target = self.resolve_file(pub, link.kind, link.url)
            if target is None:
                return None
            return addnodes.download_reference(
                "",
                "",
                nodes.inline(self.labels.gettext(link.label), self.labels.gettext(link.label)),
                reftarget=target.uri,
                refexplicit=True,
                refwarn=False,
                classes=["scholar-link", f"scholar-link-{link.kind}"],
            )
        return nodes.reference(
            self.labels.gettext(link.label),
            self.labels.gettext(link.label),
            refuri=link.url,
            classes=["scholar-link", f"scholar-link-{link.kind}"],
        )

    def extras(self, pub: Publication) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for name, classes in (("annotation", "scholar-annotation"), ("additional_info", "scholar-additional")):
            value = pub.field(name).strip()
            if value:
                # As al-folio shows them: Markdown, and <br> a line break.
                children = self._rich(rich_field(value, markdown=True))
                if name == "annotation":
                    children = _legend_marks(children)
                out.append(nodes.paragraph("", "", *children, classes=[classes]))
        return out

    def tldr(self, pub: Publication) -> nodes.paragraph | None:
        value = pub.field("tldr").strip()
        if not value:
            return None
        return nodes.paragraph("", "", *self._rich(rich_field(value)), classes=["scholar-tldr"])

    def abstract(self, pub: Publication, mode: str | None = None) -> nodes.Node | None:
        mode = mode or self.options.abstract
        text = pub.field("abstract").strip()
        if not text or mode == "hidden":
            return None
        paragraphs = rich_paragraphs(rich_field(text), self.options.math, ["scholar-abstract"])
        if not paragraphs:
            return None
        if mode == "shown":
            if len(paragraphs) == 1:
                return paragraphs[0]
            return nodes.container("", *paragraphs, classes=["scholar-abstract-text"])
        box = details(classes=["scholar-details", "scholar-abstract-box"])
        box += summary("", self.labels.gettext("abstract"))
        box.extend(paragraphs)
        return box

    def bibtex(self, pub: Publication) -> nodes.Node | None:
        if not self.options.bibtex:
            return None
        anchor = self.make_id(pub)
        block = nodes.literal_block(pub.bibtex, pub.bibtex, classes=["scholar-bibtex"])
        block["language"] = "bibtex"
        if anchor:
            block["ids"].append(f"{anchor}-bibtex")
        box = details(classes=["scholar-details", "scholar-bibtex-box"])
        box += summary("", self.labels.gettext("bibtex"))
        if anchor:
            box += copy_button(
                target=f"{anchor}-bibtex", label=self.labels.gettext("Copy BibTeX"), done=self.labels.gettext("Copied")
            )
        box += block
        return box

    def thumbnail(self, pub: Publication) -> nodes.container | None:
        if not self.options.thumbnails:
            return None
        preview = pub.field("preview").strip()
        if not preview:
            return None
        found = self.resolve_file(pub, "preview", preview)
        if found is None:
            return None
        box = nodes.container(classes=["scholar-thumb"])
        box += self._image(found, pub, "scholar-thumb-main")
        hover = pub.field("preview_hover").strip()
        if hover:
            hover_file = self.resolve_file(pub, "preview_hover", hover)
            if hover_file:
                box["classes"].append("scholar-thumb-swap")
                box += self._image(hover_file, pub, "scholar-thumb-hover")
        return box

    def _image(self, found: LocalFile, pub: Publication, classes: str) -> nodes.image:
        # "no-scaled-link": Sphinx would wrap a sized image in a link to itself.
        image = thumbnail(
            uri=found.uri,
            alt=self.labels.gettext("Figure from %(title)s") % {"title": pub.title.text},
            classes=[*classes.split(), "no-scaled-link"],
        )
        image["loading"] = "lazy"
        if found.width and found.height:
            # Intrinsic size, so the browser reserves the space before loading.
            image["width"] = str(found.width)
            image["height"] = str(found.height)
        return image

    # -- styles -------------------------------------------------------------------

    def _citation(self, pub: Publication) -> list[nodes.Node]:
        line = nodes.paragraph(classes=["scholar-citation"])
        line.extend(self.badges(pub))
        if len(line):
            line += nodes.Text(" ")
        authors = self.authors(pub)
        if len(authors):
            line += authors
            line += nodes.Text(" " if authors.astext().endswith(".") else ". ")
        line += self.title(pub)
        line += nodes.Text(" " if pub.title.text.endswith((".", "?", "!")) else ". ")
        venue = self.venue(pub)
        if len(venue):
            line += venue
            if not venue.astext().endswith((".", "?", "!")):
                line += nodes.Text(".")
        links = self.links(pub)
        if links is not None:
            line += nodes.Text(" ")
            line += links
        out: list[nodes.Node] = [line]
        out.extend(x for x in (self.tldr(pub),) if x is not None)
        out.extend(self.extras(pub))
        out.extend(x for x in (self.abstract(pub), self.bibtex(pub)) if x is not None)
        return out

    def _barron(self, pub: Publication) -> list[nodes.Node]:
        row = nodes.container(classes=["scholar-barron"])
        thumb = self.thumbnail(pub)
        if thumb is not None:
            row += thumb
        else:
            row["classes"].append("scholar-no-thumb")
        body = nodes.container(classes=["scholar-body"])
        head = nodes.paragraph(classes=["scholar-head"])
        head.extend(self.badges(pub))
        head += self.title(pub)
        body += head
        # Each line is one paragraph carrying the inline's classes: three
        # fewer nodes per entry than paragraph > inline (see _as_line).
        body += _as_line(self.authors(pub), "scholar-byline")
        body += _as_line(self.venue(pub), "scholar-where")
        links = self.links(pub)
        if links is not None:
            body += _as_line(links, "scholar-links-row")
        body.extend(self.extras(pub))
        tldr = self.tldr(pub)
        if tldr is not None:
            body += tldr
        # The abstract collapsed (the default), as on the seed page: the TL;DR is the line shown.
        abstract = self.abstract(pub)
        if abstract is not None:
            body += abstract
        bibtex = self.bibtex(pub)
        if bibtex is not None:
            body += bibtex
        row += body
        return [row]

    def _profile(self, pub: Publication) -> list[nodes.Node]:
        card = nodes.container(classes=["scholar-profile-card"])
        meta = nodes.paragraph(classes=["scholar-meta"])
        subjects = list(pub.keywords[:2]) or ([pub.field("abbr").strip()] if pub.field("abbr").strip() else [])
        for subject in subjects:
            meta += _inline("scholar-badge scholar-badge-subject", text=latex_to_rich(subject).text)
            meta += nodes.Text(" ")
        date = format_date(pub, self.labels)
        if date:
            meta += _inline("scholar-date", text=date)
        code = next((link for link in pub.links if link.kind == "code" and not link.local), None)
        if code is not None:
            meta += nodes.Text(" ")
            meta += _inline(
                "scholar-badge scholar-badge-code",
                nodes.reference(
                    "", self.labels.gettext("Code"), refuri=code.url, classes=["scholar-link", "scholar-link-code"]
                ),
            )
        card += meta
        card += nodes.paragraph("", "", self.title(pub), classes=["scholar-head"])
        limit = self.options.max_authors or 3
        byline = nodes.paragraph("", "", self.authors(pub, limit), classes=["scholar-byline"])
        organization = pub.field("organization").strip()
        if organization:
            byline += nodes.Text(" ")
            byline += _inline("scholar-badge scholar-badge-org", text=latex_to_rich(organization).text)
        card += byline
        badges = self.badges(pub)
        if badges:
            card += nodes.paragraph("", "", *badges, classes=["scholar-badges"])
        abstract = self.abstract(pub, "shown" if self.options.abstract == "collapsed" else None)
        if abstract is not None:
            abstract["classes"].append("scholar-clamp")
            card += abstract
        links = self.links(pub)
        if links is not None:
            card += nodes.paragraph("", "", links, classes=["scholar-links-row"])
        bibtex = self.bibtex(pub)
        if bibtex is not None:
            card += bibtex
        return [card]

    def _render_cards(self, pubs: Sequence[Publication]) -> nodes.Element:
        grid = nodes.container(
            classes=["sd-container-fluid", "sd-sphinx-override", "scholar-publications", "scholar-style-cards"]
        )
        row = nodes.container(
            classes=["sd-row", "sd-row-cols-1", "sd-row-cols-sm-2", "sd-row-cols-lg-3", "sd-g-3", "sd-g-xs-3"]
        )
        for pub in pubs:
            column = nodes.container(classes=["sd-col", "sd-d-flex-row", "scholar-pub"])
            self._identify(column, pub)
            card = nodes.container(
                classes=["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm", "scholar-card"]
            )
            thumb = self.thumbnail(pub)
            if thumb is not None:
                thumb["classes"].append("sd-card-img-top")
                card += thumb
            body = nodes.container(classes=["sd-card-body"])
            head = nodes.paragraph(classes=["sd-card-title", "sd-font-weight-bold", "scholar-head"])
            head += self.title(pub)
            body += head
            body += nodes.paragraph("", "", self.authors(pub), classes=["scholar-byline"])
            body += nodes.paragraph("", "", self.venue(pub), classes=["scholar-where"])
            badges = self.badges(pub)
            if badges:
                body += nodes.paragraph("", "", *badges, classes=["scholar-badges"])
            tldr = self.tldr(pub)
            if tldr is not None:
                body += tldr
            abstract = self.abstract(pub)
            if abstract is not None:
                body += abstract
            bibtex = self.bibtex(pub)
            if bibtex is not None:
                body += bibtex
            card += body
            links = self.links(pub)
            if links is not None:
                footer = nodes.container(classes=["sd-card-footer"])
                footer += nodes.paragraph("", "", links, classes=["scholar-links-row"])
                card += footer
            column += card
            row += column
        grid += row
        return grid
