"""The ``group-card`` directive: a lab's header (name, logo, institution, address,
links, description, metrics from its ``.bib``) from ``group.yaml``."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx

from ..formats.scholarly_meta import json_ld_text
from ..nodes.elements import json_ld
from ..records.people import Group
from ..records.urls import is_safe_url
from ..render.profile import compute_metrics, link_url, render_profile
from ..sphinxext.lab import lab_entries, today
from ..sphinxext.labels import directive_labels, mark_language
from ..sphinxext.sources import configured_bibfiles, directive_data, get_citation_counts, project_file
from .markup import located_markup
from .options import ScholarDirective

__all__ = ["GroupCardDirective", "setup_group"]


class GroupCardDirective(ScholarDirective):
    """The profile card of a group: the logo takes the photo's place."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {
        "metrics": directives.flag,
        "class": directives.class_option,
        "language": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        data = directive_data(self, "group", self.config.scholar_group)
        if data is None or not data.records:
            return []
        group = Group.from_dict(data.records[0])
        profile = group.as_profile()
        labels = directive_labels(self)
        logo = None
        if group.logo:
            uri = project_file(self, data, group.logo, "group logo", data.lines[0])
            if uri:
                logo = nodes.image(
                    uri=uri,
                    alt=group.logo_alt or labels.gettext("Logo of %(name)s") % {"name": group.name},
                    classes=["scholar-profile-photo", "scholar-group-logo"],
                )
        metrics = None
        as_of = ""
        if "metrics" in self.options or group.metrics:
            for path in configured_bibfiles(self.config):
                self.env.note_dependency(path)
            synced = get_citation_counts(self.config, today(self.config))
            if synced is not None and synced.exists:
                self.env.note_dependency(synced.path)  # a new sync re-reads this page
            counts = synced.counts if synced is not None and synced.counts else None
            metrics = {**compute_metrics(lab_entries(self.config), counts), **dict(group.metrics)}
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

        bio = located_markup(group.description, data.path, data.lines[0] if data.lines else None, "description")
        card = render_profile(
            profile, photo=logo, bio=bio, page_link=page_link, metrics=metrics, metrics_as_of=as_of, labels=labels
        )
        card["classes"] += ["scholar-group-card", *self.options.get("class", [])]
        mark_language(card, labels, self.config)
        self.set_source_info(card)
        organization: dict = {"@context": "https://schema.org", "@type": "ResearchOrganization", "name": group.name}
        if group.institution:
            organization["parentOrganization"] = {"@type": "Organization", "name": group.institution[0]}
        if group.address:
            organization["address"] = ", ".join(group.address)
        same = [link_url(k, v) for k, v in group.links if is_safe_url(link_url(k, v)) == "remote"]
        if same:
            organization["sameAs"] = same
        return [card, json_ld(data=json_ld_text(organization))]


def setup_group(app: Sphinx) -> None:
    app.add_directive("group-card", GroupCardDirective)
