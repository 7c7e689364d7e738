"""The :search: box in a real headless Chromium: typing, chips, URL hash, keyboard, no-JS."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from browser import needs_chromium
from conftest import ROOTS, soup_of, warnings_of

pytestmark = [pytest.mark.browser, needs_chromium]

BODY = """Papers
======

.. toctree::

   other

.. publications::
   :group-by: year
   :search:
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    root = tmp_path_factory.mktemp("filter") / "src"
    shutil.copytree(ROOTS / "test-fields", root)
    (root / "index.rst").write_text(BODY)
    app = SphinxTestApp("html", srcdir=root, status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings_of(app) == []
    return Path(app.outdir)


def visible_ids(page) -> list[str]:
    return page.eval_on_selector_all(".scholar-pub", "els => els.filter(e => e.offsetParent !== null).map(e => e.id)")


def test_the_box_filters_by_text_and_chips_and_keeps_state_in_the_hash(site, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site / "index.html").as_uri())
    assert page.is_visible(".scholar-filter")
    assert len(visible_ids(page)) == 6
    assert page.text_content(".scholar-filter-status") == "6 publications"

    page.fill(".scholar-filter-text", "gossip")
    assert visible_ids(page) == ["pub-fellus2015gossip"]
    assert page.text_content(".scholar-filter-status") == "1 publication of 6"
    # Headings of groups with nothing left are hidden too.
    headings = page.eval_on_selector_all(
        ".scholar-group-heading", "els => els.filter(e => e.offsetParent !== null).map(e => e.textContent)"
    )
    assert headings == ["2015"]

    page.fill(".scholar-filter-text", "")
    page.click(".scholar-chip[data-facet=year][data-value='2019']")
    assert visible_ids(page) == ["pub-proc2019child", "pub-proc2019"]
    page.click(".scholar-chip[data-facet=year][data-value='2014']")  # same facet: either year
    assert visible_ids(page) == ["pub-proc2019child", "pub-proc2019", "pub-negrel2014thesis"]
    page.fill(".scholar-filter-text", "child")  # text and chips combine
    assert visible_ids(page) == ["pub-proc2019child"]
    assert page.evaluate("location.hash") == "#q=child&year=2019,2014"

    # A shared link restores the view.
    fresh = browser.new_page()
    fresh.goto((site / "index.html").as_uri() + "#q=child&year=2019,2014")
    assert visible_ids(fresh) == ["pub-proc2019child"]
    assert fresh.input_value(".scholar-filter-text") == "child"
    assert fresh.get_attribute(".scholar-chip[data-value='2019']", "aria-pressed") == "true"
    assert errors == []


def test_keyboard_only(site, browser):
    page = browser.new_page()
    page.goto((site / "index.html").as_uri())
    page.focus(".scholar-filter-text")
    page.keyboard.type("pose")
    assert visible_ids(page) == ["pub-luvizon2018multitask"]
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.press("Tab")  # the first chip: newest year
    assert page.evaluate("document.activeElement.dataset.value") == "2020"
    page.keyboard.press("Space")
    assert visible_ids(page) == ["pub-many2020authors"]
    page.keyboard.press("Enter")
    assert len(visible_ids(page)) == 6


def test_without_javascript_the_full_list_shows(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((site / "index.html").as_uri())
    assert not page.is_visible(".scholar-filter")
    assert len(visible_ids(page)) == 6
    context.close()


def test_filter_script_is_small_and_only_where_needed(site):
    import gzip

    script = (site / "_static" / "sphinx-scholar-filter.js").read_bytes()
    assert len(gzip.compress(script, 9)) < 3 * 1024
    index = soup_of(type("App", (), {"outdir": site})(), "index")
    other = soup_of(type("App", (), {"outdir": site})(), "other")
    assert any("sphinx-scholar-filter.js" in (s.get("src") or "") for s in index.select("script"))
    assert not any("sphinx-scholar-filter.js" in (s.get("src") or "") for s in other.select("script"))


def test_a_keyword_without_a_chip_is_found_by_typing(tmp_path, browser):
    """Keyword chips are capped (scholar_max_keywords); the others are found
    through the text box, though they are not in the entries' text."""
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    root = tmp_path / "src"
    shutil.copytree(ROOTS / "test-fields", root)
    (root / "index.rst").write_text(BODY)
    bib = root / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("{CV, pose}", "{CV, pose, zebrafish}"), encoding="utf-8")
    with open(root / "conf.py", "a", encoding="utf-8") as handle:
        handle.write("\nscholar_max_keywords = 2\n")
    app = SphinxTestApp("html", srcdir=root, status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((Path(app.outdir) / "index.html").as_uri())
    chips = page.eval_on_selector_all(".scholar-chip[data-facet=keyword]", "els => els.map(e => e.dataset.value)")
    assert chips == ["lg", "theory"]
    assert "zebrafish" not in page.text_content("#pub-luvizon2018multitask").lower()
    page.fill(".scholar-filter-text", "zebrafish")
    page.wait_for_function("document.querySelector('.scholar-filter-status').textContent.startsWith('1 ')")
    assert visible_ids(page) == ["pub-luvizon2018multitask"]
    page.close()
