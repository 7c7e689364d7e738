"""One HTML page per entry (``scholar_paper_pages = True``), for Google Scholar.

Pages are generated at ``papers/<slug of the key>`` (``html`` and ``dirhtml``) without a
source file, carry Highwire ``citation_*`` tags, Open Graph and JSON-LD, and
are only rewritten when their entry (or the site's pages) changed; pages of
removed entries are deleted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from html import escape
from typing import TYPE_CHECKING, cast
from urllib.parse import urljoin

import imagesize
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from ..formats.scholarly_meta import citation_meta, json_ld_text, paper_json_ld
from ..nodes.elements import json_ld
from ..nodes.transforms import plain_divs
from ..records.publication import Publication
from ..render.publications import LocalFile, PublicationRenderer, RenderOptions
from ..selection.names import NameMatcher
from ..sphinxext.domain import MAX_SLUG
from ..sphinxext.labels import labels_for
from ..sphinxext.sources import configured_bibfiles, entries_of, entry_file
from .images import optimize_images

if TYPE_CHECKING:
    from ..sphinxext.domain import ScholarDomain

__all__ = ["setup_paper_pages", "supports_paper_pages"]

logger = logging.getLogger(__name__)
_VERSION = "2"
_SLUG = re.compile(rf"[A-Za-z0-9_-][A-Za-z0-9._-]{{0,{MAX_SLUG + 20}}}")


def supports_paper_pages(app: Sphinx) -> bool:
    return bool(app.config.scholar_paper_pages) and app.builder.name in {"html", "dirhtml"}


def _manifest_path(app: Sphinx) -> str:
    return os.path.join(app.doctreedir, "sphinx-scholar", f"paper-pages-{app.builder.name}.json")


def _site_signature(app: Sphinx) -> str:
    # The page layout shows the site's navigation: a new page or title anywhere
    # rewrites every paper page; an edit inside a page does not.
    env = app.env
    titles = sorted((doc, env.titles[doc].astext() if doc in env.titles else "") for doc in env.found_docs)
    config = (app.config.html_theme, app.config.project, app.config.html_baseurl, app.config.scholar_me, _VERSION)
    return hashlib.sha256(repr((titles, config)).encode()).hexdigest()


def _inside(path: str, root: str) -> bool:
    """Whether ``path`` is inside ``root`` once symbolic links are followed."""
    real, base = os.path.realpath(path), os.path.realpath(root)
    return real != base and real.startswith(base.rstrip(os.sep) + os.sep)


def _page_file(app: Sphinx, pagename: str) -> str | None:
    """The output file of a paper page, or None (with a warning) when it would
    leave the output folder (a symbolic link inside it pointing out)."""
    path = app.builder.get_outfilename(pagename)
    if _inside(path, app.outdir):
        return path
    logger.warning(
        "paper page %s would be written outside the output folder; skipped", pagename, type="scholar", subtype="path"
    )
    return None


def _collect(app: Sphinx):
    if not supports_paper_pages(app):
        return []
    try:
        with open(_manifest_path(app), encoding="utf-8") as handle:
            manifest: dict[str, list[str]] = json.load(handle)
        if not isinstance(manifest, dict):
            manifest = {}
    except (OSError, ValueError):
        manifest = {}
    domain = cast("ScholarDomain", app.env.get_domain("scholar"))
    site = _site_signature(app)
    pages = []
    fresh: dict[str, list[str]] = {}
    for pub in entries_of(configured_bibfiles(app.config)):
        pagename = domain.paper_pages.get(pub.key)
        if pagename is None or pub.key in fresh:
            continue
        outfile = _page_file(app, pagename)
        if outfile is None:
            continue
        location = domain.locations().get(pub.key)
        signature = hashlib.sha256(repr((pub.digest, location, site, pagename)).encode()).hexdigest()
        fresh[pub.key] = [signature, pagename]
        if manifest.get(pub.key) == fresh[pub.key] and os.path.exists(outfile):
            continue
        pages.append((pagename, _context(app, pub, pagename, location), "page.html"))
    # Pages no entry has any more: only names this module gave (a safe slug in
    # the paper folder, not a page written now), only inside the output folder.
    written = {pagename for _, pagename in fresh.values()}
    folder = app.config.scholar_paper_dir.strip("/")
    for key, old in manifest.items():
        if isinstance(old, list) and len(old) == 2 and isinstance(old[1], str):
            pagename = old[1]
        else:  # a manifest of version 1 (key -> signature): the page was named by the key itself
            pagename = f"{folder}/{key}" if folder else key
        if pagename is None or pagename in written or pagename in app.env.found_docs:
            continue
        stem = (
            pagename[len(folder) + 1 :]
            if folder and pagename.startswith(folder + "/")
            else None
            if folder
            else pagename
        )
        if stem is None or not _SLUG.fullmatch(stem):
            continue
        outfile = _page_file(app, pagename)
        if outfile is not None:
            with contextlib.suppress(OSError):
                os.remove(outfile)
    os.makedirs(os.path.dirname(_manifest_path(app)), exist_ok=True)
    with open(_manifest_path(app), "w", encoding="utf-8") as handle:
        json.dump(fresh, handle)
    return pages


def _absolute(app: Sphinx, pagename: str) -> str:
    base = app.config.html_baseurl
    return urljoin(base.rstrip("/") + "/", app.builder.get_target_uri(pagename)) if base else ""


def _context(app: Sphinx, pub: Publication, pagename: str, location) -> dict:
    builder = app.builder
    here = builder.get_target_uri(pagename)
    builder.imgpath = relative_uri(here, builder.imagedir)
    image_url = ""

    def resolve_file(entry: Publication, kind: str, path: str) -> LocalFile | None:
        nonlocal image_url
        if kind not in {"preview", "preview_hover"}:
            return None  # local files are published by the pages that list them
        full = entry_file(entry, kind, path, app.config)
        if full is None:
            return None
        key = os.path.relpath(full, app.srcdir).replace(os.sep, "/")
        if key not in builder.images:
            # Not shown by any page: have the builder copy it (it does so after this).
            taken = set(builder.images.values())
            name = os.path.basename(key)
            stem, suffix = os.path.splitext(name)
            number = 1
            while name in taken:
                number += 1
                name = f"{stem}{number}{suffix}"
            builder.images[key] = name
        if kind == "preview" and app.config.html_baseurl:
            image_url = urljoin(app.config.html_baseurl.rstrip("/") + "/", f"{builder.imagedir}/{builder.images[key]}")
        try:
            width, height = imagesize.get(full)
        except Exception:
            width = height = -1
        return LocalFile(key, int(width), int(height)) if width > 0 and height > 0 else LocalFile(key)

    renderer = PublicationRenderer(
        RenderOptions(style="barron", abstract="shown", bibtex=True, math=app.config.scholar_math),
        me=NameMatcher((name, True) for name in app.config.scholar_me),
        resolve_file=resolve_file,
        make_id=lambda entry: "paper",
        labels=labels_for(app.config),
    )
    page = nodes.container(classes=["scholar", "scholar-paper-page"])
    heading = nodes.rubric("", "", *renderer._rich(pub.title), classes=["scholar-paper-title"])
    heading["heading-level"] = 1
    page += heading
    page += renderer.render_list([pub])
    if location is not None:
        docname, anchor = location
        back = relative_uri(here, builder.get_target_uri(docname)) + "#" + anchor
        page += nodes.paragraph(
            "",
            "",
            nodes.reference(
                "", "\u2190 " + labels_for(app.config).gettext("Back to the publication list"), refuri=back
            ),
            classes=["scholar-back"],
        )
    page += json_ld(data=json_ld_text(paper_json_ld(pub, page_url=_absolute(app, pagename))))
    plain_divs(page)
    optimize_images(app, page, pagename)
    body = builder.render_partial(page)["fragment"]
    # The site's name as every other page gives it (our theme's og:site_name is the docstitle).
    site_name = " ".join((app.config.html_title or app.config.project).split())
    metatags = citation_meta(pub, page_url=_absolute(app, pagename), image_url=image_url, site_name=site_name)
    # The templates take "title" as HTML (a document's rendered title).
    return {"title": escape(pub.title.text), "body": body, "metatags": metatags, "scholar_paper": True}


def setup_paper_pages(app: Sphinx) -> None:
    app.connect("html-collect-pages", _collect)
