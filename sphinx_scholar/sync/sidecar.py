"""Write the citation-count sidecar: atomically, after every entry, so an interrupted sync keeps what it fetched.

The build side reads it with :mod:`sphinx_scholar.loaders.citations`, which
documents the format.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..loaders.citations import SIDECAR_FORMAT

__all__ = ["Sidecar"]


class Sidecar:
    """The sidecar's content in memory, saved with :meth:`save` (write a temporary file, then rename)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.document: dict = {"format": SIDECAR_FORMAT, "as_of": "", "complete": True, "entries": {}}
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            loaded = None
        if (
            isinstance(loaded, dict)
            and isinstance(loaded.get("entries"), dict)
            and loaded.get("format") == SIDECAR_FORMAT
        ):
            self.document.update(loaded)
        self.original = json.dumps(self.document, sort_keys=True)

    @property
    def entries(self) -> dict[str, dict]:
        return self.document["entries"]

    def text(self) -> str:
        return json.dumps(self.document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    def changed(self) -> bool:
        return json.dumps(self.document, sort_keys=True) != self.original

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        with temporary.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(self.text())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.path)
