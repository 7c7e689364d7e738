"""Downloadable copies of a publication list: ``.bib``, CSL-JSON and RIS files.

The directive leaves a :class:`download_links` placeholder holding the keys
it shows; when an HTML page is written, the files are written next to the
site (``_scholar/``) and the placeholder becomes a row of links. Other
builders drop it.
"""

from __future__ import annotations

import hashlib
import os
import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from ..formats.exporters import EXPORT_FORMATS, entry_bibtex, to_bibtex, to_csl_json, to_ris
from ..nodes.elements import download_links
from ..sphinxext.sources import entries_of, get_bibliography

__all__ = ["FORMAT_LABELS", "entry_filename", "make_stem", "setup_downloads"]

FORMAT_LABELS = {"bib": "BibTeX", "csl": "CSL-JSON", "ris": "RIS"}
#: writers of the list formats; "bib" is made per build (it keeps ``scholar_download_display_fields``)
_WRITERS = {"csl": to_csl_json, "ris": to_ris}


def entry_filename(key: str) -> str:
    """A file name for an entry's key; keys with other characters, or longer
    than 80 characters (file names stop at 255 bytes), get a hash."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", key).strip(".-")[:80].rstrip(".-") or "entry"
    if safe != key:
        safe += "-" + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{safe}.bib"


def _ours(node: nodes.Node) -> bool:
    return isinstance(node, download_links) or (
        isinstance(node, nodes.reference) and "scholar_entry_bib" in node.attributes
    )


def _entry_links(app: Sphinx, links: list[nodes.reference], docname: str) -> None:
    """Point each entry's "bib" link at its own file, written now (HTML only)."""
    if app.builder.format != "html":
        for ref in links:
            before = ref.parent.index(ref) - 1
            if before >= 0 and isinstance(ref.parent[before], nodes.Text):
                ref.parent.remove(ref.parent[before])
            ref.parent.remove(ref)
        return
    by_source: dict[str, dict] = {}
    for ref in links:
        source = ref["scholar_entry_source"]
        if source not in by_source:
            bibliography = get_bibliography(source)
            by_source[source] = bibliography.by_key if bibliography is not None else {}
    folder = os.path.join(app.outdir, "_scholar", "entries")
    os.makedirs(folder, exist_ok=True)
    here = app.builder.get_target_uri(docname)
    keep = app.config.scholar_download_display_fields
    for ref in links:
        key = ref["scholar_entry_bib"]
        pub = by_source[ref["scholar_entry_source"]].get(key)
        name = entry_filename(key)
        if pub is not None:
            with open(os.path.join(folder, name), "w", encoding="utf-8") as handle:
                handle.write(entry_bibtex(pub, keep) + "\n")
        ref["refuri"] = relative_uri(here, f"_scholar/entries/{name}")
        del ref["scholar_entry_bib"], ref["scholar_entry_source"]


def _write_downloads(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    keep = app.config.scholar_download_display_fields
    writers = {"bib": lambda pubs: to_bibtex(pubs, keep), **_WRITERS}
    found = list(doctree.findall(_ours))  # one walk of the page for both kinds
    links = [node for node in found if isinstance(node, nodes.reference)]
    if links:
        _entry_links(app, links, docname)
    for node in found:
        if not isinstance(node, download_links):
            continue
        if app.builder.format != "html" or not node["keys"]:
            node.parent.remove(node)
            continue
        by_key = {p.key: p for p in entries_of(node["bibfiles"])}
        pubs = [by_key[k] for k in node["keys"] if k in by_key]
        folder = os.path.join(app.outdir, "_scholar")
        os.makedirs(folder, exist_ok=True)
        row = nodes.paragraph(classes=["scholar-downloads"])
        row += nodes.Text(node.get("label", "Download this list:") + " ")
        here = app.builder.get_target_uri(docname)
        for number, name in enumerate(node["formats"]):
            filename = f"{node['stem']}.{EXPORT_FORMATS[name]}"
            with open(os.path.join(folder, filename), "w", encoding="utf-8") as handle:
                handle.write(writers[name](pubs))
            if number:
                row += nodes.Text(" / ")
            label = FORMAT_LABELS[name]
            row += nodes.reference(
                label,
                label,
                refuri=relative_uri(here, f"_scholar/{filename}"),
                classes=["scholar-download", f"scholar-download-{name}"],
            )
        node.replace_self(row)


def make_stem(docname: str, number: int) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", docname) + (f"-{number}" if number > 1 else "")


def setup_downloads(app: Sphinx) -> None:
    app.connect("doctree-resolved", _write_downloads)
