"""Readers of the user's files (BibTeX, YAML): parsing, validation, caching.

This package's own import is light; the readers import their libraries
(pybtex, jsonschema) when first used.
"""

from __future__ import annotations

import hashlib

__all__ = ["file_digest"]


def file_digest(data: bytes) -> str:
    """The content hash that caches and change detection compare."""
    return hashlib.sha256(data).hexdigest()
