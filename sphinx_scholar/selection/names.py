"""Match author names against name variants, robust to the ways people write them.

"David Picard", "D. Picard", "Picard, D.", "PICARD, David*" and "Dávid Picard"
all match; "Daniel Picard" matches "D. Picard" but not "David Picard".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..records.publication import Author
from ..records.richtext import latex_to_plain

__all__ = ["NameMatcher", "NamePattern", "fold"]

_SPLIT = re.compile(r"[\s\-\u2010\u2011.~]+")
_MARKS = str.maketrans("", "", "*\u2020\u2021\u00a7\u00b6#")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII-ish form: accents, case, marks and apostrophes removed."""
    text = unicodedata.normalize("NFKD", text.translate(_MARKS))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("œ", "oe")
    text = text.replace("ł", "l").replace("đ", "d").replace("ı", "i")
    return re.sub(r"['’`]", "", text.lower()).strip()


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(t for t in _SPLIT.split(fold(text)) if t)


def _given_tokens(text: str) -> tuple[tuple[str, ...], bool]:
    """Given names as tokens, Google Scholar's run of initials spelt out: ``AM``
    is ``A. M.``; so is ``Am`` when it is all there is (then ``loose`` is True:
    it could be a name)."""
    words = [w for w in re.split(r"[\s.~]+", text.strip()) if w]
    out: list[str] = []
    loose = False
    for word in words:
        letters = re.sub(r"[^\w]", "", word)
        if 2 <= len(letters) <= 4 and letters.isalpha() and letters.isupper():
            out.extend(fold(c) for c in letters)
        elif len(words) == 1 and len(letters) == 2 and letters.isalpha():
            out.extend(fold(c) for c in letters)
            loose = True
        else:
            out.extend(_tokens(word))
    return tuple(t for t in out if t), loose


def _compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Given-name tokens agree when each pair is equal or one is the other's initial;
    ``Zi-Jian`` is ``Zijian`` (hyphens and case in given names)."""
    if not a or not b:
        return True
    if "".join(a) == "".join(b):
        return True
    for x, y in zip(a, b):
        if x == y:
            continue
        if (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)):
            continue
        return False
    return True


@dataclass(frozen=True, slots=True)
class NamePattern:
    """A name variant such as ``"D. Picard"``, split into given and family names."""

    given: tuple[str, ...]
    family: tuple[str, ...]  # von part and last name together

    @classmethod
    def parse(cls, name: str) -> NamePattern:
        from pybtex.database import Person  # on first use: not when Sphinx loads the extension

        person = Person(name)
        given = " ".join(person.first_names + person.middle_names)
        family = " ".join(person.prelast_names + person.last_names)
        return cls(_tokens(latex_to_plain(given)), _tokens(latex_to_plain(family)))

    def matches(self, author: Author) -> bool:
        if author.others:
            return False
        family = _tokens(" ".join(p for p in (author.von, author.last) if p))
        # "von Neumann" may be written "Neumann, John von" or without the von part.
        if family != self.family and not self._same_family(family):
            return self._scrambled(family + _tokens(author.first))
        if _compatible(self.given, _tokens(author.first)):
            return True
        initials, loose = _given_tokens(author.first)
        if loose and len(initials) > len(self.given):
            return False  # "Zi Zhang" is not "Zijian Zhang"
        return _compatible(self.given, initials)

    def _scrambled(self, tokens: tuple[str, ...]) -> bool:
        """bioRxiv's exports reorder long names ("Martinez, Vergara Hernando" for
        Hernando Martínez Vergara): the same three or more full names match."""
        mine = self.given + self.family
        return len(mine) >= 3 and all(len(t) > 1 for t in mine) and sorted(mine) == sorted(tokens)

    def _same_family(self, family: tuple[str, ...]) -> bool:
        if not family or family[-len(self.family) :] != self.family[-len(family) :]:
            return False
        return len(family) == 1 or len(self.family) == 1


class NameMatcher:
    """Finds which of a set of named things an author is."""

    def __init__(self, variants: Iterable[tuple[str, object]] = ()) -> None:
        self._by_family: dict[str, list[tuple[NamePattern, object]]] = {}
        for name, value in variants:
            self.add(name, value)

    def add(self, name: str, value: object = True) -> None:
        if not name or not name.strip():
            return
        pattern = NamePattern.parse(name)
        if pattern.family:
            self._by_family.setdefault(pattern.family[-1], []).append((pattern, value))
            if len(pattern.given + pattern.family) >= 3:  # reordered long names (see _scrambled)
                for token in {*pattern.given, *pattern.family[:-1]} - {pattern.family[-1]}:
                    self._by_family.setdefault(token, []).append((pattern, value))

    def __bool__(self) -> bool:
        return bool(self._by_family)

    def match(self, author: Author) -> object | None:
        if author.others or not self._by_family:
            return None
        last = _tokens(author.last)
        if not last:
            return None
        for pattern, value in self._by_family.get(last[-1], ()):
            if pattern.matches(author):
                return value
        return None
