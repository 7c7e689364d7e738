"""The documentation builds without a warning, its local links resolve, and it
documents every warning subtype and every option the code has."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docs") / "html"
    run = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", str(ROOT / "docs"), str(out)],
        capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stderr
    return out


def test_local_links_and_anchors_resolve(docs):
    checked = 0
    for page in docs.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for link in soup.select("a[href]"):
            href = link["href"]
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("mailto:", "//")):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            assert target.exists(), f"{page.name}: {href}"
            if parts.fragment and target.suffix == ".html":
                ids = {tag["id"] for tag in BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser").select("[id]")}
                assert unquote(parts.fragment) in ids, f"{page.name}: {href}"
            checked += 1
    assert checked > 50


def test_every_warning_subtype_is_documented():
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "sphinx_scholar").rglob("*.py"))
    used = set(re.findall(r'subtype="([a-z-]+)"', code))
    used |= set(re.findall(r'Problem\(\s*"([a-z-]+)"', code))
    used |= set(re.findall(r'subtype = "([a-z-]+)"', code))
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", (ROOT / "docs" / "warnings.md").read_text(encoding="utf-8"), re.M))
    assert used and used <= documented, used - documented


def test_reference_tables_are_generated_from_the_code(docs):
    from sphinx_scholar.config import CONFIG_VALUES
    from sphinx_scholar.directives.publications import PublicationsDirective

    page = BeautifulSoup((docs / "publications.html").read_text(encoding="utf-8"), "html.parser")
    text = page.get_text()
    for name, *_ in CONFIG_VALUES:
        assert name in text
    for option in PublicationsDirective.option_spec:
        assert f":{option}:" in text
