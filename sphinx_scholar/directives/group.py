"""The ``group-card`` directive: a lab's header (name, logo, institution, address,
links, description, metrics from its ``.bib``) from ``group.yaml``."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..formats.scholarly_meta import json_ld_text
from ..nodes.elements import json_ld
from ..records.people import Group
from ..sphinxext.lab import lab_entries
from ..sphinxext.labels import directive_labels
from ..sphinxext.sources import directive_data
from .card import CardDirective, same_as
from .markup import located_markup

__all__ = ["GroupCardDirective", "setup_group"]


class GroupCardDirective(CardDirective):
    """The profile card of a group: the logo takes the photo's place."""

    def run(self) -> list[nodes.Node]:
        data = directive_data(self, "group", self.config.scholar_group)
        if data is None or not data.records:
            return []
        group = Group.from_dict(data.records[0])
        labels = directive_labels(self)
        alt = group.logo_alt or labels.gettext("Logo of %(name)s") % {"name": group.name}
        logo = self.picture(data, group.logo, alt, "group logo", ["scholar-profile-photo", "scholar-group-logo"])
        metrics = self.metrics(group.metrics, lambda: lab_entries(self.config))
        bio = located_markup(group.description, data.path, data.lines[0] if data.lines else None, "description")
        card = self.card(
            group.as_profile(), picture=logo, bio=bio, metrics=metrics, labels=labels, classes=["scholar-group-card"]
        )
        return [card, json_ld(data=json_ld_text(_organization(group)))]


def _organization(group: Group) -> dict:
    """The schema.org ``ResearchOrganization`` of the card."""
    organization: dict = {"@context": "https://schema.org", "@type": "ResearchOrganization", "name": group.name}
    if group.institution:
        organization["parentOrganization"] = {"@type": "Organization", "name": group.institution[0]}
    if group.address:
        organization["address"] = ", ".join(group.address)
    same = same_as(group.links)
    if same:
        organization["sameAs"] = same
    return organization


def setup_group(app: Sphinx) -> None:
    app.add_directive("group-card", GroupCardDirective)
