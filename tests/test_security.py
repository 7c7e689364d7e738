"""Hostile ``.bib`` and YAML never write, read or run anything outside their place (issue 12).

Each test builds a minimal project in ``tmp/src`` from hostile input, with a
canary file next to it (``tmp/canary.txt``, never a system file), and asserts
that nothing outside the output folder is written or deleted, nothing outside
the project (or any dotfile) is published, no ``javascript:`` link exists, and
the build exits 0 with located ``scholar.*`` warnings.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

CANARY = "CANARY-8d1f2"


def project(tmp_path: Path, files: dict[str, str | bytes], conf: str = "") -> Path:
    """``tmp/src`` with ``files`` and a ``conf.py``; a canary file next to it (``tmp/canary.txt``)."""
    (tmp_path / "canary.txt").write_text(CANARY, encoding="utf-8")
    src = tmp_path / "src"
    files = {"conf.py": 'extensions = ["sphinx_scholar"]\nexclude_patterns = ["_build"]\n' + conf, **files}
    for name, text in files.items():
        path = src / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return src


def build(src: Path, builder: str = "html", out: Path | None = None) -> tuple[int, str, Path]:
    """A real ``sphinx-build`` (exit code, warnings without colours, output folder)."""
    out = out or src.parent / "out"
    done = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", builder, str(src), str(out)],
                          capture_output=True, text=True, timeout=600)
    return done.returncode, re.sub(r"\x1b\[[0-9;]*m", "", done.stderr), out


def files_under(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def published(out: Path) -> str:
    """Every byte of the output, as text."""
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in out.rglob("*") if p.is_file())


def soup(out: Path, page: str = "index") -> BeautifulSoup:
    return BeautifulSoup((out / f"{page}.html").read_text(encoding="utf-8"), "html.parser")


# -- 2. data is never parsed as RST/MyST with the author's rights ---------------


@pytest.mark.parametrize("page,bio", [
    ("index.rst", "Hi :download:`x <../../canary.txt>` and `x <javascript:alert(1)>`_ and *fine*"),
    ("index.md", "Hi {download}`x <../../canary.txt>` and [x](javascript:alert(1)) and *fine*"),
])
def test_profile_bio_has_no_roles_and_no_unsafe_links(tmp_path, page, bio):
    heading = "# Home\n\n```{profile-card}\n```\n" if page.endswith(".md") else "Home\n====\n\n.. profile-card::\n"
    src = project(tmp_path, {"profile.yaml": f"name: Eve\nbio: '{bio}'\n", page: heading},
                  conf='scholar_profile = "profile.yaml"\n'
                       + ('extensions.append("myst_parser")\n' if page.endswith(".md") else ""))
    code, warnings, out = build(src)
    assert code == 0, warnings
    assert CANARY not in published(out)
    assert not (out / "_downloads").exists()
    page_soup = soup(out)
    assert page_soup.select_one(".scholar-profile-bio em").get_text() == "fine"
    assert not [a for a in page_soup.find_all("a") if "javascript" in a.get("href", "").lower()]
    assert re.search(r"profile\.yaml:1: WARNING: bio: role .*download.* \[scholar\.markup\]", warnings) or \
        "{download}" in page_soup.select_one(".scholar-profile-bio").get_text()
    assert re.search(r"profile\.yaml:1: WARNING: bio: link 'javascript:alert\(1\)' refused.*\[scholar\.markup\]",
                     warnings)
