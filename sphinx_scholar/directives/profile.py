"""The ``profile-card`` directive: the header of a home page from ``profile.yaml``."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..formats.scholarly_meta import json_ld_text
from ..loaders.yaml_files import DataFile
from ..nodes.elements import json_ld
from ..records.people import Profile
from ..records.publication import Publication
from ..render.inline_markup import syntax_for
from ..sphinxext.labels import directive_labels
from ..sphinxext.sources import configured_bibfiles, directive_data, entries_of
from .card import CardDirective, same_as
from .markup import located_markup

__all__ = ["ProfileCardDirective", "setup_profile"]


class ProfileCardDirective(CardDirective):
    """Name, photo, position, affiliation and address, links row, bio, metrics."""

    def run(self) -> list[nodes.Node]:
        data = directive_data(self, "profile", self.config.scholar_profile)
        if data is None or not data.records:
            return []
        profile = Profile.from_dict(data.records[0])
        labels = directive_labels(self)
        alt = profile.photo_alt or labels.gettext("Photo of %(name)s") % {"name": profile.name}
        photo = self.picture(data, profile.photo, alt, "profile photo", ["scholar-profile-photo"])
        bio = self._bio(profile.bio, data)
        metrics = self.metrics(profile.metrics, self._entries)
        card = self.card(profile, picture=photo, bio=bio, metrics=metrics, labels=labels)
        return [card, json_ld(data=json_ld_text(_person(profile)))]

    def _bio(self, text: str, data: DataFile) -> list[nodes.Node]:
        """Data, not the page author's text: the safe inline subset (in the page's syntax), never roles or directives."""
        syntax = syntax_for(self.env.doc2path(self.env.docname))
        return located_markup(text, data.path, data.lines[0] if data.lines else None, "bio", syntax)

    def _entries(self) -> list[Publication]:
        """Every entry of ``scholar_bibfiles``, the first of each key (what the lists show)."""
        return entries_of(configured_bibfiles(self.config))


def _person(profile: Profile) -> dict:
    """The schema.org ``Person`` of the card."""
    person: dict = {"@context": "https://schema.org", "@type": "Person", "name": profile.name}
    if profile.position:
        person["jobTitle"] = profile.position
    if profile.affiliation:
        person["affiliation"] = {"@type": "Organization", "name": profile.affiliation[0]}
    same = same_as(profile.links)
    if same:
        person["sameAs"] = same
    return person


def setup_profile(app: Sphinx) -> None:
    app.add_directive("profile-card", ProfileCardDirective)
