"""Plain, immutable records shared by every renderer and exporter.

Nothing here knows about docutils or Sphinx.
"""

from __future__ import annotations

from dataclasses import dataclass

from .labels import ENGLISH, Labels
from .problem import Problem
from .richtext import RichText

__all__ = ["DISPLAY_FIELDS", "Author", "Link", "Problem", "Publication"]


#: Fields that only steer the display; they are stripped from clean BibTeX.
DISPLAY_FIELDS = frozenset(
    {
        "abbr",
        "preview",
        "preview_hover",
        "selected",
        "bibtex_show",
        "pdf",
        "code",
        "html",
        "supp",
        "slides",
        "poster",
        "video",
        "blog",
        "website",
        "arxiv",
        "hal",
        "award",
        "award_name",
        "annotation",
        "additional_info",
        "altmetric",
        "dimensions",
        "google_scholar_id",
        "inspirehep_id",
        "tldr",
        "highlight",
        "citations",
        "owner",
        "timestamp",
        "file",
    }
)


@dataclass(frozen=True, slots=True)
class Author:
    """One person of an author list, decoded to Unicode text."""

    first: str = ""  # first and middle names
    von: str = ""
    last: str = ""
    jr: str = ""
    marks: str = ""  # contribution marks such as "*" or "†"
    others: bool = False  # the "and others" placeholder

    @property
    def full_name(self) -> str:
        if self.others:
            return "et al."
        parts = [p for p in (self.first, self.von, self.last) if p]
        name = " ".join(parts)
        return f"{name}, {self.jr}" if self.jr else name

    @property
    def short_name(self) -> str:
        """``von Last`` (used in short labels such as "Zhu et al.")."""
        return " ".join(p for p in (self.von, self.last) if p) or self.first


@dataclass(frozen=True, slots=True)
class Link:
    """A typed link of an entry (pdf, code, arxiv...)."""

    kind: str
    label: str
    url: str
    local: bool = False  # a file of the project, copied by the builder


@dataclass(frozen=True, slots=True)
class Publication:
    """One bibliography entry, ready to render."""

    key: str
    type: str
    title: RichText
    authors: tuple[Author, ...]
    editors: tuple[Author, ...]
    venue: RichText
    year: int | None
    month: int | None
    day: int | None
    fields: tuple[tuple[str, str], ...]  # raw (LaTeX) fields, lower-case names
    keywords: tuple[str, ...]
    links: tuple[Link, ...]
    source: str  # path of the .bib file
    line: int | None
    index: int  # position in the file, the tiebreak of every sort
    bibtex: str  # clean BibTeX, display-only fields removed
    digest: str  # changes whenever anything rendered from this entry changes
    #: The fields with LaTeX, decoded once when the entry was parsed (cached with it).
    decoded: tuple[tuple[str, RichText], ...] = ()

    def field(self, name: str, default: str = "") -> str:
        for key, value in self.fields:
            if key == name:
                return value
        return default

    def has(self, name: str) -> bool:
        return any(key == name for key, _ in self.fields)

    @property
    def selected(self) -> bool:
        return self.field("selected").strip().lower() in {"true", "yes", "1"}

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year or 0, self.month or 0, self.day or 0)

    @property
    def short_label(self) -> str:
        """A short citation label such as ``Zhu et al., 2023``."""
        return self.short_label_in(ENGLISH)

    def short_label_in(self, labels: Labels) -> str:
        """:attr:`short_label` in the labels' language (``Zhu et Picard, 2023``)."""
        # The editors when there is no author; "and others" in the list counts as one more person.
        listed = self.authors if any(not a.others for a in self.authors) else self.editors
        people = [a for a in listed if not a.others]
        if not people:
            name = self.title.text[:40] or self.key
        elif len(people) == 1 and len(listed) < 2:
            name = people[0].short_name
        elif len(people) == 2 and len(listed) == 2:
            name = labels.gettext("%(first)s and %(last)s") % {
                "first": people[0].short_name,
                "last": people[1].short_name,
            }
        else:
            name = f"{people[0].short_name} {labels.gettext('et al.')}"
        return f"{name}, {self.year}" if self.year else name
