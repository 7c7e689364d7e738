"""The ``profile-card`` directive: the header of a home page from ``profile.yaml``."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging

from ..formats.scholarly_meta import json_ld_text
from ..nodes.elements import json_ld
from ..records.people import Profile
from ..records.urls import is_safe_url
from ..render.inline_markup import syntax_for
from ..render.profile import compute_metrics, link_url, render_profile
from ..sphinxext.labels import directive_labels, mark_language
from ..sphinxext.sources import configured_bibfiles, directive_data, get_bibliography, get_citation_counts, project_file
from .markup import located_markup
from .options import ScholarDirective
from .students import today

__all__ = ["ProfileCardDirective", "setup_profile"]

logger = logging.getLogger(__name__)


class ProfileCardDirective(ScholarDirective):
    """Name, photo, position, affiliation and address, links row, bio, metrics."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {
        "metrics": directives.flag,
        "class": directives.class_option,
        "language": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        data = directive_data(self, "profile", self.config.scholar_profile)
        if data is None or not data.records:
            return []
        profile = Profile.from_dict(data.records[0])
        labels = directive_labels(self)
        photo = None
        if profile.photo:
            uri = project_file(self, data, profile.photo, "profile photo", data.lines[0])
            if uri:
                photo = nodes.image(
                    uri=uri,
                    alt=profile.photo_alt or labels.gettext("Photo of %(name)s") % {"name": profile.name},
                    classes=["scholar-profile-photo"],
                )
        # Data, not the page author's text: the safe inline subset, never roles or directives.
        syntax = syntax_for(self.env.doc2path(self.env.docname))
        bio = located_markup(profile.bio, data.path, data.lines[0] if data.lines else None, "bio", syntax)
        metrics = None
        as_of = ""
        if "metrics" in self.options or profile.metrics:
            pubs = []
            for path in configured_bibfiles(self.config):
                self.env.note_dependency(path)  # the metrics count every entry: any edit re-reads this page
                bibliography = get_bibliography(path)
                if bibliography is not None:
                    pubs.extend(bibliography.entries)
            synced = get_citation_counts(self.config, today(self.config))
            if synced is not None and synced.exists:
                # A new sync re-reads this page. (Not when missing: Sphinx would re-read it at every build.)
                self.env.note_dependency(synced.path)
            counts = synced.counts if synced is not None and synced.counts else None
            metrics = {**compute_metrics(pubs, counts), **dict(profile.metrics)}
            as_of = synced.as_of if counts is not None and synced is not None else ""

        def page_link(label: str, docname: str) -> nodes.Node:
            return addnodes.pending_xref(
                "",
                nodes.inline(label, label),
                refdomain="std",
                reftype="doc",
                reftarget="/" + docname,
                refexplicit=True,
                refwarn=True,
            )

        card = render_profile(
            profile, photo=photo, bio=bio, page_link=page_link, metrics=metrics, metrics_as_of=as_of, labels=labels
        )
        card["classes"] += self.options.get("class", [])
        mark_language(card, labels, self.config)
        self.set_source_info(card)
        person = {"@context": "https://schema.org", "@type": "Person", "name": profile.name}
        if profile.position:
            person["jobTitle"] = profile.position
        if profile.affiliation:
            person["affiliation"] = {"@type": "Organization", "name": profile.affiliation[0]}
        same = [link_url(k, v) for k, v in profile.links if is_safe_url(link_url(k, v)) == "remote"]
        if same:
            person["sameAs"] = same
        return [card, json_ld(data=json_ld_text(person))]


def setup_profile(app: Sphinx) -> None:
    app.add_directive("profile-card", ProfileCardDirective)
