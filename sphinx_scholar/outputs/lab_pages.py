"""Generated pages of a lab site: one per member (``scholar_member_pages``) and one per
project (``scholar_project_pages``), html and dirhtml builders only.

Like the paper pages, they have no source file (``html-collect-pages``). A real
document with the same name wins (with a warning). Links to them (team cards,
author names, project cards) are ``std:doc`` references that Sphinx cannot
resolve by itself: ``missing-reference`` resolves them here, and with other
builders they stay plain text. Page names are ``[a-z0-9-]`` slugs inside a
checked folder, so no value of a data file can write outside the output folder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from dataclasses import replace
from html import escape
from typing import TYPE_CHECKING, cast
from urllib.parse import urljoin

import imagesize
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from ..formats.scholarly_meta import json_ld_text
from ..nodes.elements import json_ld
from ..nodes.transforms import plain_divs
from ..records.labels import Labels
from ..records.people import Person, PersonRef, Position, Project, RoleRegistry
from ..records.publication import Publication
from ..records.urls import is_safe_url
from ..render.inline_markup import inline_markup
from ..render.people import fill, icon_links, linked_text, now_text, supervisors_text, years_text
from ..render.profile import link_url
from ..render.projects import STATUS_LABELS, project_papers
from ..render.publications import PersonLink, PublicationRenderer, RenderOptions
from ..selection.choose import group_publications, sort_publications
from ..selection.filter import FilterError
from ..selection.names import NameMatcher
from ..sphinxext.incremental import site_signature
from ..sphinxext.lab import (
    author_of,
    lab_entries,
    member_pagenames,
    member_pages_enabled,
    people_file,
    project_pagename,
    role_registry,
    team_matcher,
    today,
)
from ..sphinxext.labels import labels_for
from ..sphinxext.sources import STATE, configured_bibfiles, current_digest, load, local_file_refusal, resolve_conf_path
from .images import optimize_images, publish_originals

if TYPE_CHECKING:
    from sphinx.builders.html import StandaloneHTMLBuilder

__all__ = ["generated_pages", "setup_lab_pages"]

logger = logging.getLogger(__name__)


def _supported(app: Sphinx) -> bool:
    return app.builder.name in {"html", "dirhtml"}


def _projects(app: Sphinx) -> tuple[str, list[Project]]:
    if not (app.config.scholar_project_pages and app.config.scholar_projects):
        return "", []
    path = resolve_conf_path(app.config.scholar_projects)
    try:
        data = load(path, "projects")
    except OSError:
        return path, []
    return path, [Project.from_dict(record, line) for record, line in zip(data.records, data.lines)]


def generated_pages(app: Sphinx) -> set[str]:
    """Names of the member and project pages this build writes (none for other builders)."""
    if not _supported(app):
        return set()
    pages: set[str] = set()
    if member_pages_enabled(app.config):
        found = people_file(app.config)
        if found is not None:
            pages.update(member_pagenames(app.config, found[1]).values())
    pages.update(project_pagename(app.config, project) for project in _projects(app)[1])
    return pages - set(app.env.found_docs)


def _resolve(app: Sphinx, env, node, contnode):
    """Links to generated pages, which Sphinx does not know as documents."""
    if node.get("refdomain") != "std" or node.get("reftype") != "doc":
        return None
    target = str(node.get("reftarget", "")).strip("/")
    if target not in _page_names(app):
        return None
    uri = app.builder.get_relative_uri(node["refdoc"], target)
    return nodes.reference("", "", contnode, internal=True, refuri=uri)


def _page_names(app: Sphinx) -> set[str]:
    cached = getattr(app, "_scholar_lab_pages", None)
    if cached is None:
        cached = generated_pages(app)
        app._scholar_lab_pages = cached  # type: ignore[attr-defined]
    return cached


def _reset(app: Sphinx, env, docnames) -> None:
    app._scholar_lab_pages = None  # type: ignore[attr-defined]


class _Page:
    """What one generated page needs: relative links, images registered with the builder."""

    def __init__(self, app: Sphinx, pagename: str) -> None:
        self.app = app
        self.builder = cast("StandaloneHTMLBuilder", app.builder)  # html and dirhtml only
        self.pagename = pagename
        self.here = self.builder.get_target_uri(pagename)
        self.builder.imgpath = relative_uri(self.here, self.builder.imagedir)

    def link(self, text: str, docname: str, classes: tuple[str, ...] = ()) -> nodes.Node:
        uri = self.builder.get_relative_uri(self.pagename, docname)
        return nodes.reference(text, text, refuri=uri, internal=True, classes=list(classes))

    def image(self, data_path: str, path: str, alt: str, classes: list[str]) -> nodes.Node | None:
        """An image named in a data file; the pages that list it have warned if it is missing."""
        full = os.path.normpath(os.path.join(os.path.dirname(data_path), path))
        srcdir = str(self.app.srcdir)
        if local_file_refusal(full, srcdir, "photo") or not os.path.isfile(full):  # the one rule for local files
            return None
        key = os.path.relpath(full, srcdir).replace(os.sep, "/")
        image = nodes.image(uri=key, alt=alt, classes=classes)
        try:
            width, height = imagesize.get(full)
        except Exception:
            width = height = -1
        if width > 0 and height > 0:
            image["width"], image["height"] = str(width), str(height)
        return image

    def context(self, title: str, body: nodes.Element) -> tuple[str, dict, str]:
        plain_divs(body)
        optimize_images(self.app, body, self.pagename)
        publish_originals(self.builder, body)  # an image that could not be resized
        fragment = self.builder.render_partial(body)["fragment"]
        # The templates take "title" as HTML (a document's rendered title).
        return self.pagename, {"title": escape(title), "body": fragment, "scholar_lab_page": True}, "page.html"


def _heading(text: str, level: int, classes: str) -> nodes.rubric:
    heading = nodes.rubric(text, text, classes=[classes])
    heading["heading-level"] = level
    return heading


def _publications(page: _Page, pubs: list[Publication], me: NameMatcher, people: NameMatcher) -> list[nodes.Node]:
    if not pubs:
        return []
    labels = labels_for(page.app.config)
    renderer = PublicationRenderer(
        RenderOptions(style="list", abstract="hidden", math=page.app.config.scholar_math),
        me=me,
        people=people,
        labels=labels,
    )
    out: list[nodes.Node] = [_heading(labels.gettext("Publications"), 2, "scholar-member-publications")]
    for year, group in group_publications(sort_publications(pubs, "newest"), "year"):
        out.append(_heading(year if year.isdigit() else labels.gettext(year), 3, "scholar-group-heading"))
        out.append(renderer.render_list(group))
    return out


def _coauthors(page: _Page, people: list[Person], pages: dict[str, str], registry: RoleRegistry) -> NameMatcher:
    """Co-authors of the people file, linked to their pages (plain references: these pages are not read)."""
    matcher = NameMatcher()
    for person in people:
        target = person.page or pages.get(person.name, "")
        url = page.builder.get_relative_uri(page.pagename, target) if target else ""
        student = any(registry.is_student(p.role) for p in person.positions)
        for name in person.names:
            matcher.add(name, PersonLink(url=url, student=student))
    return matcher


def _member_page(
    page: _Page,
    person: Person,
    data_path: str,
    people: list[Person],
    pages: dict[str, str],
    registry: RoleRegistry,
    entries: list[Publication],
) -> tuple[str, dict, str]:
    labels = labels_for(page.app.config)
    body = nodes.container(classes=["scholar", "scholar-member-page"])
    body += _member_header(page, person, data_path, pages, registry, labels)
    if person.bio:
        bio, refused = inline_markup(person.bio, "markdown")
        for message in refused:
            logger.warning(
                "bio of %s: %s",
                person.name,
                message,
                type="scholar",
                subtype="markup",
                location=f"{data_path}:{person.line}" if person.line else data_path,
            )
        body += nodes.paragraph("", "", *bio, classes=["scholar-member-bio"])
    if person.interests:
        interests = labels.gettext("Interests: %(interests)s") % {"interests": labels.separator.join(person.interests)}
        body += nodes.paragraph("", interests, classes=["scholar-member-interests"])
    me = NameMatcher((name, True) for name in person.names)
    mine = [pub for pub in entries if any(me.match(author) for author in pub.authors)]
    body.extend(_publications(page, mine, me, _coauthors(page, people, pages, registry)))
    body += json_ld(data=json_ld_text(_member_json_ld(page, person, registry, labels)))
    return page.context(person.name, body)


def _member_header(
    page: _Page, person: Person, data_path: str, pages: dict[str, str], registry: RoleRegistry, labels: Labels
) -> nodes.container:
    """Photo, name, positions (with supervisors and thesis), where they are now, links."""
    header = nodes.container(classes=["scholar-member-header"])
    if person.photo:
        alt = labels.gettext("Photo of %(name)s") % {"name": person.name}
        photo = page.image(data_path, person.photo, alt, ["scholar-person-photo", "scholar-member-photo"])
        if photo is not None:
            header += photo
    text = nodes.container(classes=["scholar-member-text"])
    text += _heading(person.name, 1, "scholar-member-name")
    now = today(page.app.config)
    for position in sorted(person.positions, key=lambda p: (p.start, p.end), reverse=True):
        text.extend(_position_lines(page, position, pages, registry, labels, now))
    if not person.is_current(now) and (person.now_title or person.now_organization):
        text += nodes.paragraph(
            "",
            "",
            nodes.Text(labels.gettext("Now") + " "),
            linked_text(now_text(person, labels), person.now_url, "scholar-now"),
            classes=["scholar-member-now"],
        )
    links = icon_links(person.links, email=person.email, name=person.name, labels=labels)
    if links is not None:
        text += links
    header += text
    return header


def _position_lines(
    page: _Page, position: Position, pages: dict[str, str], registry: RoleRegistry, labels: Labels, now: dt.date
) -> list[nodes.paragraph]:
    """ "PhD student, 2019–2023, supervised by ..., with ...", then the thesis."""

    def linked(refs: tuple[PersonRef, ...]) -> tuple[PersonRef, ...]:
        # Supervisors who are members link to their pages.
        return tuple(
            replace(ref, url=page.builder.get_relative_uri(page.pagename, pages[ref.name]))
            if not ref.url and ref.name in pages
            else ref
            for ref in refs
        )

    role = labels.gettext(registry.get(position.role).singular)
    line = nodes.paragraph(
        classes=["scholar-member-position", "scholar-current" if position.is_current(now) else "scholar-alumni"]
    )
    years = years_text(position, labels)
    line += nodes.Text(f"{role}, {years}" if years else role)
    if position.supervisors:
        line += nodes.Text(", ")
        line.extend(
            fill(
                labels.gettext("supervised by %(people)s"),
                people=supervisors_text(linked(position.supervisors), labels),
            )
        )
    if position.co_supervisors:
        line += nodes.Text(", ")
        line.extend(
            fill(labels.gettext("with %(people)s"), people=supervisors_text(linked(position.co_supervisors), labels))
        )
    if not position.thesis_title:
        return [line]
    thesis = nodes.paragraph(classes=["scholar-member-thesis"])
    thesis.extend(
        fill(
            labels.gettext("Thesis: %(title)s"),
            title=linked_text(position.thesis_title, position.thesis_url, "scholar-thesis"),
        )
    )
    return [line, thesis]


def _member_json_ld(page: _Page, person: Person, registry: RoleRegistry, labels: Labels) -> dict:
    """The schema.org ``Person`` of a member page (its job title in the page's language)."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": person.name,
        "jobTitle": labels.gettext(registry.get(person.latest.role).singular),
    }
    same = [link_url(k, v) for k, v in person.links if is_safe_url(link_url(k, v)) == "remote"]
    if same:
        data["sameAs"] = same
    if page.app.config.html_baseurl:
        data["url"] = urljoin(page.app.config.html_baseurl.rstrip("/") + "/", page.here)
    return data


def _project_page(page: _Page, project: Project, data_path: str, entries: list[Publication]) -> tuple[str, dict, str]:
    app = page.app
    labels = labels_for(app.config)
    body = nodes.container(classes=["scholar", "scholar-project-page"])
    body += _heading(project.title, 1, "scholar-project-title")
    if project.image:
        image = page.image(data_path, project.image, project.image_alt, ["scholar-project-image"])
        if image is not None:
            body += image
    body += nodes.paragraph("", _project_meta(project, labels), classes=["scholar-project-meta"])
    if project.summary:
        body += nodes.paragraph(
            "", "", *inline_markup(project.summary, "markdown")[0], classes=["scholar-project-summary"]
        )
    links = icon_links(project.links, name=project.title, labels=labels)
    if links is not None:
        body += links
    if project.people:
        body += _heading(labels.gettext("Team"), 2, "scholar-project-team")
        body += _project_team(page, project)
    try:
        pubs = project_papers(project, entries)
    except FilterError:
        pubs = []  # the projects directive has warned
    me = NameMatcher((name, True) for name in app.config.scholar_me)
    found = people_file(app.config)
    people_links = NameMatcher()
    if found is not None:
        pages = member_pagenames(app.config, found[1]) if member_pages_enabled(app.config) else {}
        people_links = _coauthors(page, found[1], pages, role_registry(app.config, found[0]))
    body.extend(_publications(page, pubs, me, people_links))
    return page.context(project.title, body)


def _project_meta(project: Project, labels: Labels) -> str:
    """ "Active, 2021–present": the status, then the period."""
    period = "\u2013".join(
        p
        for p in (
            labels.date_text(project.start),
            labels.date_text(project.end or ("present" if project.start else "")),
        )
        if p
    )
    status = (
        labels.gettext(STATUS_LABELS[project.status])
        if project.status in STATUS_LABELS
        else project.status.capitalize()
    )
    return ", ".join(p for p in (status, period) if p)


def _project_team(page: _Page, project: Project) -> nodes.bullet_list:
    """The project's people, members linked to their pages."""
    team = team_matcher(page.app.config)
    members = nodes.bullet_list(classes=["scholar-people"])
    for name in project.people:
        found = team.match(author_of(name))
        target = found[1] if isinstance(found, tuple) else ""
        item = nodes.list_item(classes=["scholar-person"])
        item += nodes.paragraph("", "", page.link(name, target) if target else nodes.Text(name))
        members += item
    return members


#: Bump when the generated pages' HTML changes with no input changing.
_FORMAT = "1"


def _signature(app: Sphinx, people_path: str, people: list[Person], projects_path: str, projects: list[Project]) -> str:
    """Everything a member or project page is made of: its data files, the
    .bib files, the photos, the site (settings, navigation, templates), the
    date. Unchanged, the pages of the last build are kept as they are."""
    config = app.config
    files = [people_path, projects_path, *configured_bibfiles(config)]
    named = [os.path.join(os.path.dirname(people_path), p.photo) for p in people if p.photo]
    named += [os.path.join(os.path.dirname(projects_path), p.image) for p in projects if p.image]
    # Only the files a page may show (the one rule for local files, regular files):
    # a data file naming /dev/zero or ../secret.png has nothing read for it.
    srcdir = str(app.srcdir)
    images = [path for path in named if not local_file_refusal(path, srcdir, "photo") and os.path.isfile(path)]
    inputs = (
        _FORMAT,
        site_signature(app),
        today(config).isoformat(),
        sorted(app.env.get_domain("scholar").locations().items()),  # type: ignore[attr-defined]
        [(path, current_digest(path)) for path in files if path],
        [(path, current_digest(path)) for path in images],
    )
    return hashlib.sha256(repr(inputs).encode()).hexdigest()


def _collect(app: Sphinx):
    """The member and project pages to write: none when nothing they are made
    of changed since the last build (a no-change build reads no .bib for them)."""
    if not _supported(app):
        return []
    found = people_file(app.config) if member_pages_enabled(app.config) else None
    people_path, people = (found[0].path, found[1]) if found is not None else ("", [])
    projects_path, projects = _projects(app)
    before, last_signature = _read_manifest(app)
    if not people and not projects:
        _forget_removed(app, before, set(), "")  # no lab pages: nothing to hash, only old pages to delete
        return []
    signature = _signature(app, people_path, people, projects_path, projects)
    builder = cast("StandaloneHTMLBuilder", app.builder)
    if signature == last_signature and all(os.path.exists(builder.get_outfilename(name)) for name in before):
        return []
    out = _pages(app, found, projects_path, projects)
    _forget_removed(app, before, {pagename for pagename, _, _ in out}, signature)
    return out


def _pages(app: Sphinx, found, projects_path: str, projects: list[Project]) -> list[tuple[str, dict, str]]:
    out = []
    docs = set(app.env.found_docs)
    loaded: list[list] = []

    def entries() -> list:
        # Only a build that writes a member or project page needs the entries.
        if not loaded:
            loaded.append(lab_entries(app.config))
        return loaded[0]

    if found is not None:
        data, people = found
        pages = member_pagenames(app.config, people)
        registry = role_registry(app.config, data)
        for person in people:
            pagename = pages[person.name]
            if pagename in docs:
                _overridden(pagename, person.name)
                continue
            if _is_first(people, person):
                out.append(_member_page(_Page(app, pagename), person, data.path, people, pages, registry, entries()))
    seen: set[str] = set()
    for project in projects:
        pagename = project_pagename(app.config, project)
        if pagename in seen:
            logger.warning(
                "two projects have the id %r; only the first gets a page",
                project.slug,
                type="scholar",
                subtype="project",
                location=f"{projects_path}:{project.line}",
            )
            continue
        seen.add(pagename)
        if pagename in docs:
            _overridden(pagename, project.title)
            continue
        out.append(_project_page(_Page(app, pagename), project, projects_path, entries()))
    return out


def _manifest_path(app: Sphinx) -> str:
    return os.path.join(app.doctreedir, "sphinx-scholar", f"lab-pages-{app.builder.name}.json")


def _read_manifest(app: Sphinx) -> tuple[set[str], str]:
    """The pages the last build wrote, and the signature of what they were made of."""
    try:
        with open(_manifest_path(app), encoding="utf-8") as handle:
            manifest = json.load(handle)
    except (OSError, ValueError):
        return set(), ""
    if isinstance(manifest, list):  # written by 0.1: the pages only
        return {name for name in manifest if isinstance(name, str)}, ""
    if not isinstance(manifest, dict):
        return set(), ""
    pages = manifest.get("pages")
    signature = manifest.get("signature")
    return (
        {name for name in pages if isinstance(name, str)} if isinstance(pages, list) else set(),
        signature if isinstance(signature, str) else "",
    )


def _forget_removed(app: Sphinx, before: set[str], written: set[str], signature: str) -> None:
    """Delete the pages of members and projects that are gone since the last build."""
    if not before and not written:
        return  # no lab pages, now or before: nothing to remember
    for pagename in before - written - set(app.env.found_docs):
        with contextlib.suppress(OSError):
            os.remove(cast("StandaloneHTMLBuilder", app.builder).get_outfilename(pagename))
    manifest = _manifest_path(app)
    os.makedirs(os.path.dirname(manifest), exist_ok=True)
    with open(manifest, "w", encoding="utf-8") as handle:
        json.dump({"signature": signature, "pages": sorted(written)}, handle)


def _is_first(people: list[Person], person: Person) -> bool:
    return next(p for p in people if p.name == person.name) is person


def _overridden(pagename: str, what: str) -> None:
    if ("lab-page", pagename) not in STATE.reported:
        STATE.reported.add(("lab-page", pagename))
        logger.warning(
            "%s is a document of the site: it is used instead of the generated page of %s",
            pagename,
            what,
            type="scholar",
            subtype="page-override",
            location=pagename,
        )


def setup_lab_pages(app: Sphinx) -> None:
    app.connect("env-updated", lambda app, env: _reset(app, env, ()))
    app.connect("missing-reference", _resolve)
    app.connect("html-collect-pages", _collect)
