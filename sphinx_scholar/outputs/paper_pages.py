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
from ..sphinxext.incremental import site_signature
from ..sphinxext.labels import labels_for
from ..sphinxext.sources import configured_bibfiles, current_digest, entries_of, entry_file
from .images import free_image_name, optimize_images, publish_originals

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
    # The page layout shows the site's navigation: a new page or title anywhere,
    # or a setting, rewrites every paper page; an edit inside a page does not.
    return hashlib.sha256(f"{_VERSION} {site_signature(app)}".encode()).hexdigest()


class _PaperBuild:
    """What every paper page of one build shares, made once per build: the
    renderer, the site's name, the output folder's real path and the
    navigation (toctree) HTML, which is the same for every page of the paper
    folder (the pages are siblings and none of them is in a toctree)."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.builder = app.builder
        self.labels = labels_for(app.config)
        self.outdir = os.path.realpath(app.outdir)
        self._real_folders: dict[str, str] = {}
        self._toctrees: dict[tuple, str] = {}
        self._formatters: dict[tuple, object] = {}
        self._asset_tags: dict[tuple, str] = {}
        self.image_url = ""  # og:image of the page being made
        self.local_images = False  # whether the page being made shows a local image
        self.renderer = PublicationRenderer(
            RenderOptions(style="barron", abstract="shown", bibtex=True, math=app.config.scholar_math),
            me=NameMatcher((name, True) for name in app.config.scholar_me),
            resolve_file=self._resolve_file,
            make_id=lambda entry: "paper",
            labels=self.labels,
        )
        # The site's name as every other page gives it (our theme's og:site_name is the docstitle).
        self.site_name = " ".join((app.config.html_title or app.config.project).split())

    # -- where pages go ----------------------------------------------------------

    def page_file(self, pagename: str) -> str | None:
        """The output file of a paper page, or None (with a warning) when it
        would leave the output folder (a symbolic link inside it pointing out)."""
        path = os.fspath(self.builder.get_outfilename(pagename))
        if self._real(path).startswith(self.outdir.rstrip(os.sep) + os.sep):
            return path
        logger.warning(
            "paper page %s would be written outside the output folder; skipped",
            pagename,
            type="scholar",
            subtype="path",
        )
        return None

    def _real(self, path: str) -> str:
        """``os.path.realpath(path)``, resolving each folder once per build
        (every page of the paper folder shares it)."""
        folder, name = os.path.split(path)
        if folder not in self._real_folders:
            self._real_folders[folder] = os.path.realpath(folder)
        if os.path.islink(path):
            return os.path.realpath(path)
        return os.path.join(self._real_folders[folder], name)

    def absolute(self, pagename: str) -> str:
        base = self.app.config.html_baseurl
        return urljoin(base.rstrip("/") + "/", self.builder.get_target_uri(pagename)) if base else ""

    # -- images ------------------------------------------------------------------

    def _resolve_file(self, entry: Publication, kind: str, path: str) -> LocalFile | None:
        if kind not in {"preview", "preview_hover"}:
            return None  # local files are published by the pages that list them
        app, builder = self.app, self.builder
        full = entry_file(entry, kind, path, app.config)
        if full is None:
            return None
        key = os.path.relpath(full, app.srcdir).replace(os.sep, "/")
        if kind == "preview" and app.config.html_baseurl:
            # og:image names the original (the page itself shows resized copies).
            if key not in builder.images:
                builder.images[key] = free_image_name(builder.images, key)  # the builder copies it after this
            self.image_url = urljoin(
                app.config.html_baseurl.rstrip("/") + "/", f"{builder.imagedir}/{builder.images[key]}"
            )
        self.local_images = True
        try:
            width, height = imagesize.get(full)
        except Exception:
            width = height = -1
        return LocalFile(key, int(width), int(height)) if width > 0 and height > 0 else LocalFile(key)

    # -- navigation ----------------------------------------------------------------

    def toctree(self, pagename: str):
        """The ``toctree()`` of a page's template, rendered once per folder and arguments."""
        folder = pagename.rpartition("/")[0]

        def toctree(**kwargs) -> str:
            key = (folder, tuple(sorted((name, repr(value)) for name, value in kwargs.items())))
            if key not in self._toctrees:
                self._toctrees[key] = self.builder._get_local_toctree(pagename, **kwargs)
            return self._toctrees[key]

        return toctree

    def asset_tag(self, folder: str, name: str, make):
        """A page's ``css_tag``/``js_tag``, once per folder and asset: Sphinx
        resolves the asset's path on disk for every page that links it."""

        def tag(asset) -> str:
            key = _asset_key(asset)
            if key is None:
                return make(asset)
            key = (folder, name, *key)
            if key not in self._asset_tags:
                self._asset_tags[key] = make(asset)
            return self._asset_tags[key]

        return tag

    # -- one page ------------------------------------------------------------------

    def context(self, pub: Publication, pagename: str, location: tuple[str, str] | None) -> dict:
        """The template context of the page of ``pub``."""
        self.builder.imgpath = relative_uri(self.builder.get_target_uri(pagename), self.builder.imagedir)
        self.image_url, self.local_images = "", False
        page = self._tree(pub, pagename, location)
        if self.local_images:
            optimize_images(self.app, page, pagename)
            publish_originals(self.builder, page)
        with _one_formatter(self.builder, self._formatters):
            body = self.builder.render_partial(page)["fragment"]
        metatags = citation_meta(
            pub, page_url=self.absolute(pagename), image_url=self.image_url, site_name=self.site_name
        )
        # The templates take "title" as HTML (a document's rendered title).
        return {
            "title": escape(pub.title.text),
            "body": body,
            "metatags": metatags,
            "scholar_paper": True,
            "toctree": self.toctree(pagename),
            "scholar_paper_build": self,
        }

    def _tree(self, pub: Publication, pagename: str, location: tuple[str, str] | None) -> nodes.Element:
        """The page's body: title, the entry (barron, abstract, BibTeX), the way back, JSON-LD."""
        page = nodes.container(classes=["scholar", "scholar-paper-page"])
        heading = nodes.rubric("", "", *self.renderer._rich(pub.title), classes=["scholar-paper-title"])
        heading["heading-level"] = 1
        page += heading
        page += self.renderer.render_list([pub])
        if location is not None:
            page += self._back_link(pagename, location)
        page += json_ld(data=json_ld_text(paper_json_ld(pub, page_url=self.absolute(pagename))))
        plain_divs(page)
        return page

    def _back_link(self, pagename: str, location: tuple[str, str]) -> nodes.paragraph:
        docname, anchor = location
        here = self.builder.get_target_uri(pagename)
        back = relative_uri(here, self.builder.get_target_uri(docname)) + "#" + anchor
        text = "\u2190 " + self.labels.gettext("Back to the publication list")
        return nodes.paragraph("", "", nodes.reference("", text, refuri=back), classes=["scholar-back"])


def _asset_key(asset) -> tuple | None:
    """What a style sheet or script tag depends on besides the page's folder."""
    if isinstance(asset, str):
        return ("", asset)
    filename, attributes = getattr(asset, "filename", None), getattr(asset, "attributes", None)
    if filename is None or not isinstance(attributes, dict):
        return None
    return (os.fspath(filename), repr(sorted(attributes.items())))


def _reuse_shared_tags(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """On a paper page, the template's asset tags come from the build's memo."""
    shared = context.get("scholar_paper_build")
    if not isinstance(shared, _PaperBuild):
        return
    folder = pagename.rpartition("/")[0]
    for name in ("css_tag", "js_tag"):
        if callable(context.get(name)):
            context[name] = shared.asset_tag(folder, name, context[name])


@contextlib.contextmanager
def _one_formatter(builder, made: dict):
    """Reuse one Pygments formatter for the BibTeX blocks of paper pages.

    Sphinx makes a new formatter (and its style sheet) for every block it
    highlights; a formatter keeps no state between blocks, and the same
    arguments give the same formatter, so the HTML is the same.
    """
    highlighter = getattr(builder, "highlighter", None)
    original = getattr(highlighter, "get_formatter", None)
    if original is None or "get_formatter" in vars(highlighter):
        yield
        return

    def get_formatter(**kwargs):
        try:
            key = tuple(sorted((name, repr(value)) for name, value in kwargs.items()))
        except TypeError:  # pragma: no cover - arguments that do not sort
            return original(**kwargs)
        if key not in made:
            made[key] = original(**kwargs)
        return made[key]

    highlighter.get_formatter = get_formatter
    try:
        yield
    finally:
        del highlighter.get_formatter


def _read_manifest(app: Sphinx) -> dict:
    """Key -> [signature, pagename] of the pages written by the last build."""
    try:
        with open(_manifest_path(app), encoding="utf-8") as handle:
            manifest = json.load(handle)
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


def _write_manifest(app: Sphinx, fresh: dict[str, list[str]]) -> None:
    os.makedirs(os.path.dirname(_manifest_path(app)), exist_ok=True)
    with open(_manifest_path(app), "w", encoding="utf-8") as handle:
        json.dump(fresh, handle)


#: The manifest's entry for the signature of all pages together (no BibTeX key is empty).
_ALL = ""


def _collect(app: Sphinx):
    """The pages to write (those whose entry or site changed); forget removed ones.
    When neither the site nor any .bib changed, no .bib is read."""
    if not supports_paper_pages(app):
        return []
    manifest = _read_manifest(app)
    domain = cast("ScholarDomain", app.env.get_domain("scholar"))
    site = _site_signature(app)
    locations = domain.locations()
    bibs = [(path, current_digest(path)) for path in configured_bibfiles(app.config)]
    whole = hashlib.sha256(repr((site, bibs, sorted(domain.paper_pages.items()), sorted(locations.items()))).encode())
    everything = [whole.hexdigest(), ""]
    if manifest.get(_ALL) == everything and _all_written(app, manifest):
        return []
    shared = _PaperBuild(app)
    pages = []
    fresh: dict[str, list[str]] = {_ALL: everything}
    for pub in entries_of(configured_bibfiles(app.config)):
        pagename = domain.paper_pages.get(pub.key)
        if pagename is None or pub.key in fresh:
            continue
        outfile = shared.page_file(pagename)
        if outfile is None:
            continue
        location = locations.get(pub.key)
        signature = hashlib.sha256(repr((pub.digest, location, site, pagename)).encode()).hexdigest()
        fresh[pub.key] = [signature, pagename]
        if manifest.get(pub.key) == fresh[pub.key] and os.path.exists(outfile):
            continue
        pages.append((pagename, shared.context(pub, pagename, location), "page.html"))
    written = {pagename for key, (_, pagename) in fresh.items() if key != _ALL}
    _remove_stale_pages(app, shared, manifest, written)
    _write_manifest(app, fresh)
    return pages


def _all_written(app: Sphinx, manifest: dict) -> bool:
    """Whether every page of the last build is still in the output folder."""
    builder = app.builder
    return all(
        os.path.exists(builder.get_outfilename(old[1]))  # type: ignore[attr-defined]
        for key, old in manifest.items()
        if key != _ALL and isinstance(old, list) and len(old) == 2 and isinstance(old[1], str)
    )


def _remove_stale_pages(app: Sphinx, shared: _PaperBuild, manifest: dict, written: set[str]) -> None:
    """Delete the pages no entry has any more: only names this module gave (a
    safe slug in the paper folder, not a page written now), only inside the
    output folder."""
    folder = app.config.scholar_paper_dir.strip("/")
    for key, old in manifest.items():
        if key == _ALL:
            continue
        if isinstance(old, list) and len(old) == 2 and isinstance(old[1], str):
            pagename = old[1]
        else:  # a manifest of version 1 (key -> signature): the page was named by the key itself
            pagename = f"{folder}/{key}" if folder else key
        if pagename in written or pagename in app.env.found_docs:
            continue
        if folder:
            stem = pagename[len(folder) + 1 :] if pagename.startswith(folder + "/") else None
        else:
            stem = pagename
        if stem is None or not _SLUG.fullmatch(stem):
            continue
        outfile = shared.page_file(pagename)
        if outfile is not None:
            with contextlib.suppress(OSError):
                os.remove(outfile)


def setup_paper_pages(app: Sphinx) -> None:
    app.connect("html-collect-pages", _collect)
    app.connect("html-page-context", _reuse_shared_tags)
