"""What ``profile-card`` and ``group-card`` share: one header card (picture, links,
bio, metrics with their as-of date), built the same way for a person and a lab."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from ..loaders.yaml_files import DataFile
from ..nodes.elements import doc_link
from ..records.labels import Labels
from ..records.people import Profile
from ..records.publication import Publication
from ..records.urls import is_safe_url
from ..render.profile import compute_metrics, link_url, render_profile
from ..sphinxext.lab import today
from ..sphinxext.labels import mark_language
from ..sphinxext.sources import configured_bibfiles, get_citation_counts, project_file
from .options import ScholarDirective

__all__ = ["CardDirective", "same_as"]


def same_as(links: Sequence[tuple[str, str]]) -> list[str]:
    """The remote addresses of a links row: the ``sameAs`` of the card's JSON-LD."""
    return [link_url(k, v) for k, v in links if is_safe_url(link_url(k, v)) == "remote"]


class CardDirective(ScholarDirective):
    """Base of the header cards: the options, the picture, the metrics and the card itself."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {
        "metrics": directives.flag,
        "class": directives.class_option,
        "language": directives.unchanged,
    }

    def picture(self, data: DataFile, path: str, alt: str, what: str, classes: list[str]) -> nodes.image | None:
        """The photo or logo named in the data file, or None (a missing file has warned)."""
        if not path:
            return None
        uri = project_file(self, data, path, what, data.lines[0])
        return nodes.image(uri=uri, alt=alt, classes=classes) if uri else None

    def metrics(
        self, own: Mapping[str, int], entries: Callable[[], Sequence[Publication]]
    ) -> tuple[dict[str, int] | None, str]:
        """The metrics (computed from ``entries``, overridden by the file's own) and their as-of date,
        or ``(None, "")`` when neither ``:metrics:`` nor the file asks for them."""
        if "metrics" not in self.options and not own:
            return None, ""
        for path in configured_bibfiles(self.config):
            self.env.note_dependency(path)  # the metrics count every entry: any edit re-reads this page
        pubs = entries()
        synced = get_citation_counts(self.config, today(self.config))
        if synced is not None and synced.exists:
            # A new sync re-reads this page. (Not when missing: Sphinx would re-read it at every build.)
            self.env.note_dependency(synced.path)
        counts = synced.counts if synced is not None and synced.counts else None
        as_of = synced.as_of if counts is not None and synced is not None else ""
        return {**compute_metrics(pubs, counts), **dict(own)}, as_of

    def card(
        self,
        profile: Profile,
        *,
        picture: nodes.Node | None,
        bio: list[nodes.Node],
        metrics: tuple[dict[str, int] | None, str],
        labels: Labels,
        classes: Sequence[str] = (),
    ) -> nodes.container:
        """The rendered card, with the ``:class:`` option, the language and the source location."""
        values, as_of = metrics
        card = render_profile(
            profile, photo=picture, bio=bio, page_link=doc_link, metrics=values, metrics_as_of=as_of, labels=labels
        )
        card["classes"] += [*classes, *self.options.get("class", [])]
        mark_language(card, labels, self.config)
        self.set_source_info(card)
        return card
