"""`html_theme = "sphinx_scholar"` alone (no `extensions`) loads the extension."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from conftest import sphinx_build

ROOT = Path(__file__).resolve().parent.parent


def test_theme_alone_loads_directives_domain_and_config_checks(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "publications.bib").write_bytes((ROOT / "example_site" / "publications.bib").read_bytes())
    (src / "conf.py").write_text(
        'html_theme = "sphinx_scholar"\nscholar_bibfiles = ["publications.bib"]\nscholar_me = ["David Picard"]\n'
    )
    (src / "index.rst").write_text(
        "Home\n====\n\n.. publications::\n   :group-by: year\n   :thumbnails: no\n\nSee :pub:`zhu2023h3wb`.\n"
    )
    out = tmp_path / "out"
    run = sphinx_build(src, out)
    assert run.returncode == 0, run.stderr
    page = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(page.select(".scholar-pub")) == 22
    assert page.select_one("a .scholar-pub-ref").get_text() == "Zhu et al., 2023"  # the domain resolved it
    assert page.select_one("header.scholar-topbar") is not None
    assert "Last updated" in page.select_one("footer").get_text()  # the theme's config-inited default ran
    # An incremental rebuild reuses the pickled environment with the domain in it.
    (src / "index.rst").write_text((src / "index.rst").read_text() + "\nMore text.\n")
    run = sphinx_build(src, out)
    assert run.returncode == 0, run.stderr
    assert "More text." in (out / "index.html").read_text(encoding="utf-8")
    # And a config check runs: a bad choice is a warning (so -W fails).
    (src / "conf.py").write_text((src / "conf.py").read_text() + 'scholar_style = "fancy"\n')
    run = sphinx_build(src, tmp_path / "bad")
    assert run.returncode != 0 and "scholar_style" in run.stderr
