"""Which URLs from user data may become links."""

from __future__ import annotations

import re

__all__ = ["SAFE_SCHEMES", "is_safe_url"]

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")


def is_safe_url(url: str) -> str | None:
    """Return ``"remote"`` or ``"local"`` for a URL that may be linked, else None.

    Browsers ignore control characters and white space inside a scheme
    (``java\\tscript:``), so those are removed before the scheme is read.
    """
    compact = _INVISIBLE.sub("", url)
    if not compact:
        return None
    match = _SCHEME.match(compact)
    if match:
        return "remote" if match.group(1).lower() in SAFE_SCHEMES else None
    if compact.startswith("//"):
        return "remote"
    if ":" in compact.split("/", 1)[0] or "\\" in compact:
        return None
    return "local"
