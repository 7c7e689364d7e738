"""Plain records of the YAML data: people, profile, courses, talks, CV entries.

Built from validated dicts; nothing here knows about Sphinx or files.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from .labels import N_

__all__ = [
    "CVEntry",
    "CVLocale",
    "DEFAULT_GROUP_ORDER",
    "DEFAULT_ROLES",
    "Course",
    "Group",
    "NewsItem",
    "Person",
    "PersonRef",
    "Position",
    "Profile",
    "Project",
    "Role",
    "RoleRegistry",
    "Talk",
    "cv_section",
    "cv_section_title",
    "parse_date",
    "safe_slug",
]

STUDENT_ROLES = frozenset({"phd", "master", "intern", "bachelor", "student"})


@dataclass(frozen=True)
class Role:
    """A kind of position: its key in the people file, its group heading and its name on a card."""

    key: str
    label: str  # group heading, plural: "PhD students"
    singular: str  # on a card: "PhD student"
    student: bool = False


#: The built-in roles, in their default group order; ``scholar_roles`` or ``roles:`` in the file add or relabel.
DEFAULT_ROLES: tuple[Role, ...] = (
    Role("pi", N_("Principal investigators"), N_("Principal investigator")),
    Role("postdoc", N_("Postdocs"), N_("Postdoc")),
    Role("phd", N_("PhD students"), N_("PhD student"), student=True),
    Role("master", N_("Master students"), N_("Master student"), student=True),
    Role("engineer", N_("Engineers"), N_("Engineer")),
    Role("intern", N_("Interns"), N_("Intern"), student=True),
    Role("visitor", N_("Visitors"), N_("Visitor")),
    Role("bachelor", N_("Bachelor students"), N_("Bachelor student"), student=True),
    Role("student", N_("Students"), N_("Student"), student=True),
)
#: The default order of the groups of a team page; ``alumni`` is everyone whose positions have all ended.
DEFAULT_GROUP_ORDER: tuple[str, ...] = ("pi", "postdoc", "phd", "master", "engineer", "intern", "visitor", "alumni")


class RoleRegistry:
    """Roles by key, built-in ones first, then those of ``conf.py`` and of the people file.

    A role nobody declared still shows: its key, capitalised, is its label.
    """

    def __init__(
        self, extra: dict[str, Any] | None = None, order: Any = None, alumni_label: str = N_("Alumni")
    ) -> None:
        self._roles: dict[str, Role] = {role.key: role for role in DEFAULT_ROLES}
        self.alumni_label = alumni_label
        self.order: list[str] = list(DEFAULT_GROUP_ORDER)
        self.update(extra or {}, order)

    def update(self, extra: dict[str, Any], order: Any = None) -> None:
        """``{key: {label, singular, student}}`` (or ``{key: "Label"}``) and a new group order."""
        for key, value in extra.items():
            key = str(key).strip().lower()
            if key == "alumni":
                label = value.get("label") if isinstance(value, dict) else value
                self.alumni_label = str(label or self.alumni_label)
                continue
            old = self._roles.get(key)
            if isinstance(value, str):
                value = {"label": value}
            if not isinstance(value, dict):
                continue
            label = str(value.get("label") or (old.label if old else key.replace("_", " ").capitalize()))
            singular = str(value.get("singular") or (old.singular if old and not value.get("label") else label))
            student = bool(value.get("student", old.student if old else False))
            self._roles[key] = Role(key, label, singular, student)
            if key not in self.order:
                self.order.insert(self.order.index("alumni") if "alumni" in self.order else len(self.order), key)
        if order:
            keys = [str(k).strip().lower() for k in order]
            self.order = list(dict.fromkeys(keys))

    def get(self, key: str) -> Role:
        key = key.strip().lower()
        found = self._roles.get(key)
        if found is not None:
            return found
        label = key.replace("_", " ").capitalize()
        return Role(key, label, label)

    def label(self, key: str) -> str:
        return self.alumni_label if key == "alumni" else self.get(key).label

    def rank(self, key: str) -> float:
        """Position of a group in the order; undeclared roles after the declared ones, before alumni."""
        if key in self.order:
            return self.order.index(key)
        return (self.order.index("alumni") if "alumni" in self.order else len(self.order)) - 0.5

    def is_student(self, key: str) -> bool:
        return self.get(key).student


_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def safe_slug(text: str, fallback: str = "item", limit: int = 60) -> str:
    """A page name part from any text: ``[a-z0-9-]``, at most ``limit`` characters, never empty."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    folded = folded.replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("œ", "oe").replace("ł", "l")
    slug = _SLUG_DROP.sub("-", folded).strip("-")[:limit].strip("-")
    return slug or fallback


def parse_date(value: object) -> dt.date | None:
    """``2022``, ``2022-09``, ``2022-09-01`` -> a date (start of the period); ``present``/None -> None."""
    if value is None:
        return None
    text = str(value).strip().lower()
    match = re.match(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text)
    if not match:
        return None
    year, month, day = int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return dt.date(year, 1, 1)


def _end_of(value: object) -> dt.date | None:
    """The last day a date value covers: ``2025`` -> 2025-12-31."""
    start = parse_date(value)
    if start is None:
        return None
    text = str(value).strip()
    if re.fullmatch(r"\d{4}", text):
        return dt.date(start.year, 12, 31)
    if re.fullmatch(r"\d{4}-\d{1,2}", text):
        following = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return start


def _year(value: object) -> str:
    date = parse_date(value)
    return str(date.year) if date else ""


@dataclass(frozen=True)
class PersonRef:
    name: str
    affiliation: str = ""
    url: str = ""


@dataclass(frozen=True)
class Position:
    role: str
    start: str = ""
    end: str = ""  # "" or "present": still there
    supervisors: tuple[PersonRef, ...] = ()
    co_supervisors: tuple[PersonRef, ...] = ()
    thesis_title: str = ""
    thesis_url: str = ""
    thesis_key: str = ""

    def is_current(self, today: dt.date) -> bool:
        start = parse_date(self.start)
        if start is not None and start > today:
            return False
        if not self.end or str(self.end).lower() == "present":
            return True
        end = _end_of(self.end)
        return end is None or end >= today

    @property
    def ongoing(self) -> bool:
        """No end date (or ``present``): the position has not ended."""
        return not self.end or str(self.end).strip().lower() == "present"

    @property
    def years(self) -> str:
        """``2020-2023``; ``2024–present`` for a position without an end."""
        start, end = _year(self.start), _year(self.end)
        if self.ongoing and start:
            return f"{start}\u2013present"
        if start and end and start != end:
            return f"{start}-{end}"
        return end or start


@dataclass(frozen=True)
class Person:
    name: str
    positions: tuple[Position, ...]
    aliases: tuple[str, ...] = ()
    photo: str = ""
    url: str = ""
    page: str = ""
    links: tuple[tuple[str, str], ...] = ()
    now_title: str = ""
    now_organization: str = ""
    now_url: str = ""
    line: int | None = None
    bio: str = ""
    interests: tuple[str, ...] = ()
    slug: str = ""
    email: str = ""

    @property
    def latest(self) -> Position:
        return latest_position(self.positions)

    @property
    def page_slug(self) -> str:
        """The member page's name: the ``slug`` field or one made from the name, ``[a-z0-9-]`` only."""
        return safe_slug(self.slug or self.name, fallback="member")

    @property
    def names(self) -> tuple[str, ...]:
        """The name and its aliases: how the person appears in BibTeX author lists."""
        return (self.name, *self.aliases)

    def is_current(self, today: dt.date) -> bool:
        return any(p.is_current(today) for p in self.positions)

    @property
    def is_student(self) -> bool:
        return any(p.role.lower() in STUDENT_ROLES for p in self.positions)

    @classmethod
    def from_dict(cls, data: dict[str, Any], line: int | None = None) -> Person:
        def refs(items: Any) -> tuple[PersonRef, ...]:
            return tuple(PersonRef(i["name"], i.get("affiliation", ""), i.get("url", "")) for i in items or ())

        positions = tuple(
            Position(
                role=p["role"],
                start=str(p.get("start", "") or ""),
                end=str(p.get("end", "") or ""),
                supervisors=refs(p.get("supervisors")),
                co_supervisors=refs(p.get("co_supervisors")),
                thesis_title=(p.get("thesis") or {}).get("title", ""),
                thesis_url=(p.get("thesis") or {}).get("url", ""),
                thesis_key=(p.get("thesis") or {}).get("key", ""),
            )
            for p in data["positions"]
        )
        now = data.get("now") or {}
        return cls(
            name=data["name"],
            positions=positions,
            aliases=tuple(data.get("aliases", ())),
            photo=data.get("photo", ""),
            url=data.get("url", ""),
            page=data.get("page", ""),
            links=tuple((data.get("links") or {}).items()),
            now_title=now.get("title", ""),
            now_organization=now.get("organization", ""),
            now_url=now.get("url", ""),
            line=line,
            bio=data.get("bio", "") or "",
            interests=tuple(data.get("interests", ()) or ()),
            slug=data.get("slug", "") or "",
            email=data.get("email", "") or "",
        )


def latest_position(positions: Any) -> Position:
    """The position that started last (an ongoing one first among equals)."""
    latest: Position = max(positions, key=lambda p: (parse_date(p.start) or dt.date.min, p.ongoing, str(p.end)))
    return latest


def _lines(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


@dataclass(frozen=True)
class Profile:
    name: str
    photo: str = ""
    photo_alt: str = ""
    position: str = ""
    affiliation: tuple[str, ...] = ()
    address: tuple[str, ...] = ()
    email: str = ""
    links: tuple[tuple[str, str], ...] = ()
    pages: tuple[tuple[str, str], ...] = ()
    bio: str = ""
    interests: tuple[str, ...] = ()
    metrics: tuple[tuple[str, int], ...] = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Profile:
        return cls(
            name=data["name"],
            photo=data.get("photo", ""),
            photo_alt=data.get("photo_alt", ""),
            position=data.get("position", ""),
            affiliation=_lines(data.get("affiliation")),
            address=_lines(data.get("address")),
            email=data.get("email", ""),
            links=tuple((data.get("links") or {}).items()),
            pages=tuple((data.get("pages") or {}).items()),
            bio=data.get("bio", ""),
            interests=tuple(data.get("interests", ())),
            metrics=tuple((data.get("metrics") or {}).items()),
        )


@dataclass(frozen=True)
class Course:
    title: str
    code: str = ""
    institution: str = ""
    level: str = ""
    role: str = ""
    terms: tuple[str, ...] = ()
    hours: float | None = None
    links: tuple[tuple[str, str], ...] = ()

    @property
    def latest_year(self) -> int:
        years = [int(m) for t in self.terms for m in re.findall(r"\d{4}", str(t))]
        return max(years, default=0)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Course:
        return cls(
            title=data["title"],
            code=data.get("code", ""),
            institution=data.get("institution", ""),
            level=data.get("level", ""),
            role=data.get("role", ""),
            terms=tuple(str(t) for t in data.get("terms", ())),
            hours=data.get("hours"),
            links=tuple((data.get("links") or {}).items()),
        )


@dataclass(frozen=True)
class Talk:
    title: str
    event: str = ""
    location: str = ""
    date: str = ""
    links: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Talk:
        links = tuple((k, data[k]) for k in ("slides", "video", "url") if data.get(k))
        return cls(
            data["title"], data.get("event", ""), data.get("location", ""), str(data.get("date", "") or ""), links
        )


#: RenderCV's entry types with the keys only they have, in RenderCV's order
#: of detection: one of these keys makes the type (extra keys are allowed).
CV_TYPES = (
    ("OneLineEntry", {"label", "details"}),
    ("NormalEntry", {"name"}),
    ("ExperienceEntry", {"company", "position"}),
    ("EducationEntry", {"institution", "area", "degree"}),
    ("PublicationEntry", {"title", "authors", "doi", "journal"}),
    ("BulletEntry", {"bullet"}),
    ("NumberedEntry", {"number"}),
    ("ReversedNumberedEntry", {"reversed_number"}),
)

#: RenderCV's English words (its ``locale`` may replace each).
CV_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec")
CV_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_SMALL_WORDS = frozenset(
    [
        "a",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "if",
        "in",
        "into",
        "like",
        "near",
        "nor",
        "of",
        "off",
        "on",
        "onto",
        "or",
        "over",
        "so",
        "than",
        "that",
        "to",
        "upon",
        "when",
        "with",
        "yet",
    ]
)


def cv_section_title(key: str) -> str:
    """A section key as RenderCV titles it: ``selected_publications`` -> "Selected Publications".

    A key with a space or a capital letter is kept as written.
    """
    if " " in key or any(c.isupper() for c in key):
        return key
    return " ".join(w if w in _SMALL_WORDS else w.capitalize() for w in key.replace("_", " ").split(" "))


@dataclass(frozen=True)
class CVLocale:
    """How a CV writes dates: RenderCV's ``locale`` (v1 and v2 keys) and ``design.templates``."""

    months: tuple[str, ...] = CV_MONTHS
    present: str = "present"
    single: str = "MONTH_ABBREVIATION YEAR"
    range: str = "START_DATE \u2013 END_DATE"
    month_names: tuple[str, ...] = ()
    degree_with_area: str = "DEGREE in AREA"

    @classmethod
    def from_file(
        cls, data: dict[str, Any], months: tuple[str, ...] = (), month_names: tuple[str, ...] = ()
    ) -> CVLocale:
        """From the whole file; ``months``/``month_names``: the site language's, used unless the file gives its own."""
        locale: Any = data.get("locale") if isinstance(data.get("locale"), dict) else {}
        design: Any = data.get("design") if isinstance(data.get("design"), dict) else {}
        templates: Any = design.get("templates") if isinstance(design.get("templates"), dict) else {}

        def words(*keys: str) -> tuple[str, ...]:
            for key in keys:
                value = locale.get(key)
                if isinstance(value, list) and len(value) == 12:
                    return tuple(str(v) for v in value)
            return ()

        given = words("month_abbreviations", "abbreviations_for_months")
        names = words("month_names", "full_names_of_months")
        single = templates.get("single_date") or locale.get("date_template") or cls.single
        to = locale.get("to")
        date_range = templates.get("date_range") or (
            f"START_DATE {to} END_DATE" if isinstance(to, str) and to else cls.range
        )
        phrases: Any = locale.get("phrases") if isinstance(locale.get("phrases"), dict) else {}
        language = str(locale.get("language") or "english").lower()
        phrase = phrases.get("degree_with_area") or (
            cls.degree_with_area if language.startswith("en") else "DEGREE, AREA"
        )  # "in" is English
        return cls(
            months=given or months or CV_MONTHS,
            present=str(locale.get("present") or cls.present),
            single=str(single),
            range=str(date_range),
            month_names=names or month_names or (),
            degree_with_area=str(phrase),
        )

    def date(self, value: Any) -> str:
        """``2018-09`` -> "Sept 2018"; ``2021`` -> "2021"; ``present``; other text as written."""
        text = str(value).strip()
        if text.lower() == "present":
            return self.present
        match = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text)
        if not match or not match.group(2) or not 1 <= int(match.group(2)) <= 12:
            return text
        year, month, day = match.group(1), int(match.group(2)), match.group(3) or ""
        names = self.month_names or CV_MONTH_NAMES
        out = self.single
        for key, word in (
            ("MONTH_ABBREVIATION", self.months[month - 1]),
            ("MONTH_NAME", names[month - 1]),
            ("MONTH_IN_TWO_DIGITS", f"{month:02d}"),
            ("DAY_IN_TWO_DIGITS", f"{int(day or 1):02d}"),
            ("YEAR_IN_TWO_DIGITS", year[-2:]),
            ("MONTH", str(month)),
            ("DAY", str(int(day or 1))),
            ("YEAR", year),
        ):
            out = out.replace(key, word)
        return out

    def dates(self, entry: CVEntry) -> str:
        """An entry's date or range, as RenderCV prints it."""
        start, end, date = (entry.get(k) for k in ("start_date", "end_date", "date"))
        if start not in ("", None):
            end_text = self.date(end) if end not in ("", None) else self.present
            return self.range.replace("START_DATE", self.date(start)).replace("END_DATE", end_text)
        if date not in ("", None):
            return self.date(date)
        if end not in ("", None):
            return self.date(end)
        return ""


@dataclass(frozen=True)
class CVEntry:
    """A RenderCV entry: its type (from its keys, as RenderCV decides) and fields."""

    type: str
    fields: tuple[tuple[str, object], ...]

    def get(self, name: str, default: Any = "") -> Any:
        return dict(self.fields).get(name, default)

    @staticmethod
    def type_of(value: Any) -> str | None:
        """RenderCV's entry type of a YAML value; None when no type fits."""
        if isinstance(value, str):
            return "TextEntry"
        if not isinstance(value, dict):
            return None
        keys = set(value)
        return next((name for name, own in CV_TYPES if own & keys), None)

    @classmethod
    def from_value(cls, value: Any, kind: str | None = None) -> CVEntry:
        """``kind``: the section's type (that of its first entry, as in RenderCV)."""
        if isinstance(value, str):
            return cls("TextEntry", (("text", value),))
        kind = kind if kind and kind != "TextEntry" else (cls.type_of(value) or "NormalEntry")
        return cls(kind, tuple(value.items()))


def cv_section(entries: Any) -> list[CVEntry]:
    """A section's entries, all of the type of the first one RenderCV can identify."""
    kind = next((k for k in map(CVEntry.type_of, entries) if k), None)
    return [CVEntry.from_value(v, kind) for v in entries]


def _links(value: Any) -> tuple[tuple[str, str], ...]:
    return tuple((str(k), str(v)) for k, v in (value or {}).items())


@dataclass(frozen=True)
class NewsItem:
    """A dated announcement: ``text`` is inline Markdown (emphasis, code, links)."""

    date: str
    text: str
    link: str = ""
    image: str = ""
    image_alt: str = ""
    tags: tuple[str, ...] = ()
    line: int | None = None

    @property
    def day(self) -> dt.date:
        return parse_date(self.date) or dt.date.min

    @classmethod
    def from_dict(cls, data: dict[str, Any], line: int | None = None) -> NewsItem:
        return cls(
            date=str(data["date"]),
            text=str(data["text"]),
            link=data.get("link", "") or "",
            image=data.get("image", "") or "",
            image_alt=data.get("image_alt", "") or "",
            tags=tuple(str(t) for t in data.get("tags", ()) or ()),
            line=line,
        )


@dataclass(frozen=True)
class Project:
    """A research project: its team (names from the people file) and the papers it selects."""

    title: str
    slug: str
    summary: str = ""
    image: str = ""
    image_alt: str = ""
    people: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    status: str = "active"
    keys: tuple[str, ...] = ()
    filter: str = ""
    start: str = ""
    end: str = ""
    line: int | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any], line: int | None = None) -> Project:
        return cls(
            title=str(data["title"]),
            slug=safe_slug(str(data.get("id") or data["title"]), fallback="project"),
            summary=data.get("summary", "") or "",
            image=data.get("image", "") or "",
            image_alt=data.get("image_alt", "") or "",
            people=tuple(str(p) for p in data.get("people", ()) or ()),
            links=_links(data.get("links")),
            status=str(data.get("status", "active") or "active"),
            keys=tuple(str(k) for k in data.get("keys", ()) or ()),
            filter=data.get("filter", "") or "",
            start=str(data.get("start", "") or ""),
            end=str(data.get("end", "") or ""),
            line=line,
        )


@dataclass(frozen=True)
class Group:
    """A research group: the header of a lab's home page."""

    name: str
    logo: str = ""
    logo_alt: str = ""
    institution: tuple[str, ...] = ()
    address: tuple[str, ...] = ()
    email: str = ""
    links: tuple[tuple[str, str], ...] = ()
    pages: tuple[tuple[str, str], ...] = ()
    description: str = ""
    metrics: tuple[tuple[str, int], ...] = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Group:
        return cls(
            name=data["name"],
            logo=data.get("logo", "") or "",
            logo_alt=data.get("logo_alt", "") or "",
            institution=_lines(data.get("institution")),
            address=_lines(data.get("address")),
            email=data.get("email", "") or "",
            links=_links(data.get("links")),
            pages=_links(data.get("pages")),
            description=data.get("description", "") or "",
            metrics=tuple((data.get("metrics") or {}).items()),
        )

    def as_profile(self) -> Profile:
        """The same header as a person's ``profile-card``, with the logo as its picture."""
        return Profile(
            name=self.name,
            photo=self.logo,
            photo_alt=self.logo_alt or f"Logo of {self.name}",
            affiliation=self.institution,
            address=self.address,
            email=self.email,
            links=self.links,
            pages=self.pages,
            metrics=self.metrics,
        )
