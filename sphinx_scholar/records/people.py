"""Plain records of the YAML data: people, profile, courses, talks, CV entries.

Built from validated dicts; nothing here knows about Sphinx or files.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["Course", "CVEntry", "Person", "PersonRef", "Position", "Profile", "Talk", "parse_date"]

STUDENT_ROLES = frozenset({"phd", "master", "intern", "bachelor", "student"})
ROLE_LABELS = {
    "phd": "PhD students", "postdoc": "Postdocs", "master": "Master students", "intern": "Interns",
    "engineer": "Engineers", "visitor": "Visitors", "bachelor": "Bachelor students",
}


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
    def from_dict(cls, data: dict[str, Any], line: int | None = None) -> Person:
        def refs(items: Any) -> tuple[PersonRef, ...]:
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
    def from_dict(cls, data: dict[str, Any]) -> Course:
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
    def from_dict(cls, data: dict[str, Any]) -> Talk:
        links = tuple((k, data[k]) for k in ("slides", "video", "url") if data.get(k))
        return cls(data["title"], data.get("event", ""), data.get("location", ""), str(data.get("date", "") or ""), links)


CV_TYPES = (
    ("EducationEntry", {"institution", "area"}),
    ("ExperienceEntry", {"company", "position"}),
    ("PublicationEntry", {"title", "authors"}),
    ("NormalEntry", {"name"}),
    ("OneLineEntry", {"label", "details"}),
    ("BulletEntry", {"bullet"}),
    ("NumberedEntry", {"number"}),
    ("ReversedNumberedEntry", {"reversed_number"}),
)


@dataclass(frozen=True)
class CVEntry:
    """A RenderCV entry: its type (from its keys, as RenderCV decides) and fields."""

    type: str
    fields: tuple[tuple[str, object], ...]

    def get(self, name: str, default: Any = "") -> Any:
        return dict(self.fields).get(name, default)

    @classmethod
    def from_value(cls, value: Any) -> CVEntry:
        if isinstance(value, str):
            return cls("TextEntry", (("text", value),))
        keys = set(value)
        kind = next((name for name, needed in CV_TYPES if needed <= keys), "NormalEntry")
        return cls(kind, tuple(value.items()))
