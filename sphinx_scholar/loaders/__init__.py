"""Readers of the user's files (BibTeX, YAML): parsing, validation, caching.

This package's own import is light; the readers import their libraries
(pybtex, jsonschema) when first used.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Generic, TypeVar

__all__ = ["ContentCache", "file_digest"]

K = TypeVar("K")
V = TypeVar("V")


def file_digest(data: bytes) -> str:
    """The content hash that caches and change detection compare."""
    return hashlib.sha256(data).hexdigest()


class ContentCache(Generic[K, V]):
    """What was parsed from a file, kept for the next time the same content is asked for.

    The owner keys it by the file's path and checks the content digest stored
    with the value (or keys it by the digest itself), so an answer depends on
    the file's bytes alone, never on the build that asked: it is safe to keep
    across builds and in forked ``-j`` workers (what a worker adds dies with
    it, costing a re-parse at most). It is bounded: past ``maxsize`` keys the
    least recently used one is dropped.
    """

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.maxsize:
            self._items.popitem(last=False)

    def pop(self, key: K) -> V | None:
        return self._items.pop(key, None)

    def clear(self) -> None:
        self._items.clear()

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)
