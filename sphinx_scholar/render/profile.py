"""A profile record to the header of a home page."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from docutils import nodes

from ..nodes.elements import email_address, icon
from ..records.labels import ENGLISH, N_, Labels
from ..records.people import Profile
from ..records.publication import Publication
from ..records.urls import is_safe_url
from ..selection.choose import citation_count

__all__ = ["LINK_LABELS", "compute_metrics", "link_url", "render_profile"]

LINK_LABELS = {
    "github": "GitHub",
    "scholar": "Google Scholar",
    "orcid": "ORCID",
    "dblp": "DBLP",
    "hal": "HAL",
    "linkedin": "LinkedIn",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "website": N_("Website"),
    "x": "X",
}
METRIC_LABELS = (
    ("h_index", N_("h-index")),
    ("i10_index", N_("i10-index")),
    ("papers", N_("Papers")),
    ("citations", N_("Citations")),
)


def link_url(kind: str, value: str) -> str:
    """Profile identifiers to addresses: an ORCID iD, a GitHub user name..."""
    value = value.strip()
    if "://" in value or value.startswith("mailto:"):
        return value
    bases = {
        "github": "https://github.com/",
        "orcid": "https://orcid.org/",
        "scholar": "https://scholar.google.com/citations?user=",
        "linkedin": "https://www.linkedin.com/in/",
        "bluesky": "https://bsky.app/profile/",
        "x": "https://x.com/",
        "dblp": "https://dblp.org/pid/",
        "hal": "https://cv.hal.science/",
    }
    return bases.get(kind, "") + value if kind in bases else value


def compute_metrics(pubs: Sequence[Publication], counts: Mapping[str, int] | None = None) -> dict[str, int]:
    """h-index, i10-index, papers and citations from synced counts, falling back to the ``citations`` fields."""
    ranked = sorted((c for c in (citation_count(p, counts) for p in pubs) if c is not None), reverse=True)
    h_index = sum(1 for rank, count in enumerate(ranked, start=1) if count >= rank)
    return {
        "h_index": h_index,
        "i10_index": sum(1 for c in ranked if c >= 10),
        "papers": len(pubs),
        "citations": sum(ranked),
    }


def render_profile(
    profile: Profile,
    *,
    photo: nodes.Node | None,
    bio: list[nodes.Node],
    page_link: Callable[[str, str], nodes.Node],
    metrics: dict[str, int] | None,
    metrics_as_of: str = "",
    labels: Labels = ENGLISH,
) -> nodes.container:
    card = nodes.container(classes=["scholar", "scholar-profile"])
    if photo is not None:
        card += photo
    text = _identity(profile)
    row = _links_row(profile, page_link, labels)
    if row is not None:
        text += row
    if metrics:
        text += _metrics_line(metrics, metrics_as_of, labels)
    card += text
    if bio:
        card += nodes.paragraph("", "", *bio, classes=["scholar-profile-bio"])
    if profile.interests:
        interests = nodes.paragraph(classes=["scholar-profile-interests"])
        interests += nodes.Text(
            labels.gettext("Interests: %(interests)s") % {"interests": labels.separator.join(profile.interests)}
        )
        card += interests
    return card


def _identity(profile: Profile) -> nodes.container:
    """Name, position, affiliation and address lines."""
    text = nodes.container(classes=["scholar-profile-text"])
    text += nodes.paragraph("", "", nodes.strong(profile.name, profile.name), classes=["scholar-profile-name"])
    if profile.position:
        text += nodes.paragraph("", profile.position, classes=["scholar-profile-position"])
    for classes, lines in (
        ("scholar-profile-affiliation", profile.affiliation),
        ("scholar-profile-address", profile.address),
    ):
        if lines:
            block = nodes.line_block(classes=[classes])
            for line in lines:
                block += nodes.line(line, line)
            text += block
    return text


def _links_row(profile: Profile, page_link: Callable[[str, str], nodes.Node], labels: Labels) -> nodes.paragraph | None:
    """Email, links and pages, " / " between them; None when there is none."""
    items: list[nodes.Node] = []
    if profile.email and "@" in profile.email:
        user, _, domain = profile.email.partition("@")
        items.append(
            nodes.inline(
                "",
                "",
                icon(name="email"),
                email_address(user=user, domain=domain, label=labels.gettext("Email")),
                classes=["scholar-profile-link"],
            )
        )
    for kind, value in profile.links:
        url = link_url(kind, value)
        if not is_safe_url(url):
            continue
        label = labels.gettext(LINK_LABELS[kind]) if kind in LINK_LABELS else kind.replace("_", " ").capitalize()
        items.append(
            nodes.inline(
                "",
                "",
                icon(name=kind if kind in LINK_LABELS else "link"),
                nodes.reference(label, label, refuri=url),
                classes=["scholar-profile-link"],
            )
        )
    for label, docname in profile.pages:
        items.append(
            nodes.inline("", "", icon(name="page"), page_link(label, docname), classes=["scholar-profile-link"])
        )
    if not items:
        return None
    row = nodes.paragraph(classes=["scholar-profile-links"])
    for number, item in enumerate(items):
        if number:
            row += nodes.Text(" / ")
        row += item
    return row


def _metrics_line(metrics: dict[str, int], as_of: str, labels: Labels) -> nodes.paragraph:
    """h-index, i10-index, papers, citations (those given), then "(as of ...)"."""
    stats = nodes.paragraph(classes=["scholar-profile-metrics"])
    for key, label in METRIC_LABELS:
        if key in metrics:
            value = labels.number(metrics[key])
            stats += nodes.inline(
                "",
                "",
                nodes.strong(value, value),
                nodes.Text(" " + labels.gettext(label)),
                classes=["scholar-metric", f"scholar-metric-{key.replace('_', '-')}"],
            )
            stats += nodes.Text(" ")
    if as_of:
        text = "(" + labels.gettext("as of %(date)s") % {"date": labels.date_text(as_of)} + ")"
        stats += nodes.inline("", text, classes=["scholar-metrics-as-of"])
    return stats
