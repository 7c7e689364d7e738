"""A data error found by a loader, located for a Sphinx warning."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Problem"]


@dataclass(frozen=True, slots=True)
class Problem:
    """A data error found while loading a file, located for a warning."""

    subtype: str
    message: str
    path: str
    line: int | None = None
    column: int | None = None
    entry_line: int | None = None  # where the entry holding the problem starts

    @property
    def text(self) -> str:
        """The message, saying where the entry starts when that is elsewhere."""
        if self.entry_line and self.entry_line != self.line:
            return f"{self.message} (in the entry that starts at line {self.entry_line})"
        return self.message

    @property
    def location(self) -> str:
        if self.line is None:
            return self.path
        return f"{self.path}:{self.line}"
