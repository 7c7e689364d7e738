"""The scripts speak the page's language: the filter's count and the copy button, in French, in Chromium."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from browser import needs_chromium, serve
from conftest import ROOTS, warnings_of

pytestmark = [pytest.mark.browser, needs_chromium]

BODY = """Articles
========

.. toctree::

   other

.. publications::
   :group-by: year
   :search:
   :bibtex:
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from sphinx.testing.util import SphinxTestApp

    root = tmp_path_factory.mktemp("filter-fr") / "src"
    shutil.copytree(ROOTS / "test-fields", root)
    (root / "index.rst").write_text(BODY)
    app = SphinxTestApp("html", srcdir=root, status=StringIO(), warning=StringIO(), confoverrides={"language": "fr"})
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings_of(app) == []
    return Path(app.outdir)


def test_filter_counts_in_french(site, browser):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site / "index.html").as_uri())
    assert page.get_attribute(".scholar-filter-text", "placeholder") == "Filtrer les publications"
    assert page.text_content(".scholar-filter-status") == "6 publications"
    page.fill(".scholar-filter-text", "gossip")
    assert page.text_content(".scholar-filter-status") == "1 publication sur 6"
    page.fill(".scholar-filter-text", "zzzz-nothing")
    # French puts 0 in the singular (Intl.PluralRules), as the catalog's "one" form.
    assert page.text_content(".scholar-filter-status") == "0 publication sur 6"
    assert errors == []
    page.close()


def test_copy_button_says_copied_in_french(site, browser):
    with serve(site) as base:  # the clipboard needs a secure context: localhost
        context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
        page = context.new_page()
        page.goto(base + "index.html")
        button = page.locator("button.scholar-copy").first
        page.locator("details.scholar-bibtex-box").first.evaluate("d => d.open = true")
        assert button.text_content() == "Copier le BibTeX"
        button.click()
        page.wait_for_function("b => b.textContent === 'Copié'", arg=button.element_handle())
        context.close()
