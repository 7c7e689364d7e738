"""Plain records of the YAML data: people, profile, courses, talks, CV entries.

Built from validated dicts; nothing here knows about Sphinx or files.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = [
    "CVEntry", "CVLocale", "Course", "Person", "PersonRef", "Position", "Profile", "Talk", "cv_section", "cv_section_title",
    "parse_date",
]

STUDENT_ROLES = frozenset({"phd", "master", "intern", "bachelor", "student"})
ROLE_LABELS = {
    "phd": "PhD students", "postdoc": "Postdocs", "master": "Master students", "intern": "Interns",
    "engineer": "Engineers", "visitor": "Visitors", "bachelor": "Bachelor students",
}


def parse_date(value) -> dt.date | None:
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


def _end_of(value) -> dt.date | None:
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


def _year(value) -> str:
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
    def years(self) -> str:
        start, end = _year(self.start), _year(self.end)
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

    @property
    def latest(self) -> Position:
        return max(self.positions, key=lambda p: (parse_date(p.start) or dt.date.min, str(p.end)))

    def is_current(self, today: dt.date) -> bool:
        return any(p.is_current(today) for p in self.positions)

    @property
    def is_student(self) -> bool:
        return any(p.role.lower() in STUDENT_ROLES for p in self.positions)

    @classmethod
    def from_dict(cls, data: dict, line: int | None = None) -> Person:
        def refs(items) -> tuple[PersonRef, ...]:
            return tuple(PersonRef(i["name"], i.get("affiliation", ""), i.get("url", "")) for i in items or ())

        positions = tuple(
            Position(
                role=p["role"], start=str(p.get("start", "") or ""), end=str(p.get("end", "") or ""),
                supervisors=refs(p.get("supervisors")), co_supervisors=refs(p.get("co_supervisors")),
                thesis_title=(p.get("thesis") or {}).get("title", ""), thesis_url=(p.get("thesis") or {}).get("url", ""),
                thesis_key=(p.get("thesis") or {}).get("key", ""),
            )
            for p in data["positions"]
        )
        now = data.get("now") or {}
        return cls(
            name=data["name"], positions=positions, aliases=tuple(data.get("aliases", ())), photo=data.get("photo", ""),
            url=data.get("url", ""), page=data.get("page", ""), links=tuple((data.get("links") or {}).items()),
            now_title=now.get("title", ""), now_organization=now.get("organization", ""), now_url=now.get("url", ""), line=line,
        )


def _lines(value) -> tuple[str, ...]:
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
    def from_dict(cls, data: dict) -> Profile:
        return cls(
            name=data["name"], photo=data.get("photo", ""), photo_alt=data.get("photo_alt", ""),
            position=data.get("position", ""), affiliation=_lines(data.get("affiliation")),
            address=_lines(data.get("address")), email=data.get("email", ""),
            links=tuple((data.get("links") or {}).items()), pages=tuple((data.get("pages") or {}).items()),
            bio=data.get("bio", ""), interests=tuple(data.get("interests", ())),
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
    def from_dict(cls, data: dict) -> Course:
        return cls(
            title=data["title"], code=data.get("code", ""), institution=data.get("institution", ""),
            level=data.get("level", ""), role=data.get("role", ""), terms=tuple(str(t) for t in data.get("terms", ())),
            hours=data.get("hours"), links=tuple((data.get("links") or {}).items()),
        )


@dataclass(frozen=True)
class Talk:
    title: str
    event: str = ""
    location: str = ""
    date: str = ""
    links: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_dict(cls, data: dict) -> Talk:
        links = tuple((k, data[k]) for k in ("slides", "video", "url") if data.get(k))
        return cls(data["title"], data.get("event", ""), data.get("location", ""), str(data.get("date", "") or ""), links)


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
_SMALL_WORDS = frozenset(
    ["a", "and", "as", "at", "but", "by", "for", "from", "if", "in", "into", "like", "near", "nor", "of", "off", "on", "onto", "or", "over", "so", "than", "that", "to", "upon", "when", "with", "yet"]
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
    def from_file(cls, data: dict, months: tuple[str, ...] = (), month_names: tuple[str, ...] = ()) -> CVLocale:
        """From the whole file; ``months``/``month_names``: the site language's, used unless the file gives its own."""
        locale = data.get("locale") if isinstance(data.get("locale"), dict) else {}
        design = data.get("design") if isinstance(data.get("design"), dict) else {}
        templates = design.get("templates") if isinstance(design.get("templates"), dict) else {}

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
        date_range = templates.get("date_range") or (f"START_DATE {to} END_DATE" if isinstance(to, str) and to else cls.range)
        phrases = locale.get("phrases") if isinstance(locale.get("phrases"), dict) else {}
        language = str(locale.get("language") or "english").lower()
        phrase = phrases.get("degree_with_area") or (
            cls.degree_with_area if language.startswith("en") else "DEGREE, AREA")  # "in" is English
        return cls(
            months=given or months or CV_MONTHS, present=str(locale.get("present") or cls.present),
            single=str(single), range=str(date_range), month_names=names or month_names or (),
            degree_with_area=str(phrase),
        )

    def date(self, value) -> str:
        """``2018-09`` -> "Sept 2018"; ``2021`` -> "2021"; ``present``; other text as written."""
        text = str(value).strip()
        if text.lower() == "present":
            return self.present
        match = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text)
        if not match or not match.group(2) or not 1 <= int(match.group(2)) <= 12:
            return text
        year, month, day = match.group(1), int(match.group(2)), match.group(3) or ""
        names = self.month_names or CV_MONTHS
        out = self.single
        for key, word in (("MONTH_ABBREVIATION", self.months[month - 1]), ("MONTH_NAME", names[month - 1]),
                          ("MONTH_IN_TWO_DIGITS", f"{month:02d}"), ("DAY_IN_TWO_DIGITS", f"{int(day or 1):02d}"),
                          ("YEAR_IN_TWO_DIGITS", year[-2:]), ("MONTH", str(month)), ("DAY", str(int(day or 1))),
                          ("YEAR", year)):
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

    def get(self, name: str, default=""):
        return dict(self.fields).get(name, default)

    @staticmethod
    def type_of(value) -> str | None:
        """RenderCV's entry type of a YAML value; None when no type fits."""
        if isinstance(value, str):
            return "TextEntry"
        if not isinstance(value, dict):
            return None
        keys = set(value)
        return next((name for name, own in CV_TYPES if own & keys), None)

    @classmethod
    def from_value(cls, value, kind: str | None = None) -> CVEntry:
        """``kind``: the section's type (that of its first entry, as in RenderCV)."""
        if isinstance(value, str):
            return cls("TextEntry", (("text", value),))
        kind = kind if kind and kind != "TextEntry" else (cls.type_of(value) or "NormalEntry")
        return cls(kind, tuple(value.items()))


def cv_section(entries) -> list[CVEntry]:
    """A section's entries, all of the type of the first one RenderCV can identify."""
    kind = next((k for k in map(CVEntry.type_of, entries) if k), None)
    return [CVEntry.from_value(v, kind) for v in entries]
