"""Shared fixtures: Sphinx's own test fixtures over the projects in tests/roots."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOTS = Path(__file__).parent / "roots"

# CI machines set CI=true, which makes Sphinx colour its messages even into a
# pipe; tests read warnings as plain text (in this process and in the builds
# they start), so colour is switched off for the whole run.
os.environ["NO_COLOR"] = "1"
os.environ.pop("FORCE_COLOR", None)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", help="also run the tests marked slow (CI does)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``slow`` run with ``--run-slow`` or when ``-m`` names them."""
    if config.getoption("--run-slow") or "slow" in (config.getoption("markexpr") or ""):
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]


#: modules whose process-wide caches are emptied before each test
_CACHED_MODULES = (
    "sphinx_scholar.records.richtext",
    "sphinx_scholar.records.math_guard",
    "sphinx_scholar.records.markup",
    "sphinx_scholar.selection.names",
    "sphinx_scholar.selection.filter",
    "sphinx_scholar.formats.exporters",
)


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test decodes, parses and reads anew, as a new process would: the
    process-wide caches (memoised functions, the decoded fields, the parsed
    .bib and YAML files) would otherwise answer from an earlier test, and under
    mutation testing from the unmutated code that filled them before the
    mutant's process was forked, so that every mutant behind a cache survived."""
    import importlib

    from sphinx_scholar.loaders import bibtex
    from sphinx_scholar.records import richtext
    from sphinx_scholar.sphinxext import sources

    for name in _CACHED_MODULES:
        module = importlib.import_module(name)
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", "") == name:
                value.cache_clear()
    richtext._decoded.clear()
    richtext._refused.clear()
    bibtex.forget_parsed()
    sources._yaml_cache.clear()


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def sphinx_build(src: Path, out: Path, builder: str = "html") -> subprocess.CompletedProcess:
    """``python -m sphinx -W --keep-going -q -b BUILDER SRC OUT`` in a new process,
    as a user runs it (entry points, a fresh import, a real exit code)."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", builder, str(src), str(out)],
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright, one per test module."""
    from browser import chromium

    with chromium() as b:
        yield b


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


def write_project(root: Path, files: dict[str, str]) -> Path:
    """Write a Sphinx project (file name -> text) under ``root``."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def build_project(srcdir: Path, buildername: str = "html", *, clean_up: bool = True, **kwargs):
    """Build a project folder in this process; returns the finished app (status and warnings inside).

    Each app is cleaned up right after its build, so a test may build several
    projects (or the same one again, incrementally) without them interfering.
    Module-scoped fixtures call it to share one build between tests.
    """
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    kwargs.setdefault("status", StringIO())
    kwargs.setdefault("warning", StringIO())
    app = SphinxTestApp(buildername, srcdir=srcdir, **kwargs)
    try:
        app.build()
    finally:
        if clean_up:
            app.cleanup()
    return app


@pytest.fixture
def build():
    """:func:`build_project`, as a fixture."""
    return build_project
