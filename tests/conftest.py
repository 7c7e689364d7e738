"""Shared fixtures: Sphinx's own test fixtures over the projects in tests/roots."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def soup_of(app, docname: str = "index") -> BeautifulSoup:
    """The parsed HTML of a built page."""
    path = Path(app.outdir) / f"{docname}.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def warnings_of(app) -> list[str]:
    """Warning lines of a build, without colour codes."""
    import re

    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]


@pytest.fixture
def soup():
    return soup_of


@pytest.fixture
def warnings():
    return warnings_of
