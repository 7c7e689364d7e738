"""The ``profile-card`` directive: the header of a home page from ``profile.yaml``."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..formats.scholarly_meta import json_ld_text
from ..nodes.elements import json_ld
from ..records.people import Profile
from ..records.urls import is_safe_url
from ..render.profile import compute_metrics, link_url, render_profile
from ..sphinxext.labels import directive_labels, language_option
from ..sphinxext.sources import configured_bibfiles, directive_data, get_bibliography, project_file

__all__ = ["ProfileCardDirective", "setup_profile"]


class ProfileCardDirective(SphinxDirective):
    """Name, photo, position, affiliation and address, links row, bio, metrics."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {"metrics": directives.flag, "class": directives.class_option, "language": language_option}

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
                photo = nodes.image(uri=uri, alt=profile.photo_alt or labels.gettext("Photo of %(name)s") % {"name": profile.name},
                                    classes=["scholar-profile-photo"])
        bio: list[nodes.Node] = []
        if profile.bio:
            bio, messages = self.parse_inline(profile.bio, lineno=self.lineno)
            bio = [*bio, *messages]
        metrics = None
        if "metrics" in self.options or profile.metrics:
            pubs = []
            for path in configured_bibfiles(self.config):
                bibliography = get_bibliography(path)
                if bibliography is not None:
                    pubs.extend(bibliography.entries)
            metrics = {**compute_metrics(pubs), **dict(profile.metrics)}

        def page_link(label: str, docname: str) -> nodes.Node:
            return addnodes.pending_xref("", nodes.inline(label, label), refdomain="std", reftype="doc",
                                         reftarget="/" + docname, refexplicit=True, refwarn=True)

        card = render_profile(profile, photo=photo, bio=bio, page_link=page_link, metrics=metrics, labels=labels)
        card["classes"] += self.options.get("class", [])
        directive_labels(self, card)  # a :language: marks the card
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

