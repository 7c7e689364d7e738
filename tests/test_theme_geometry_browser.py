"""Geometry of every directive and style under six themes, measured in Chromium.

One project holds every directive and style (publications list, barron,
profile and cards; students list and cards; profile-card; teaching and talks;
cv) on ten pages. It is built once per theme (alabaster, furo,
pydata-sphinx-theme, sphinx-book-theme, the Read the Docs theme and ours) and
every page is measured at 375 and 1,280 px, light and dark:

- nothing of ours is wider than the content column, and the page no wider
  than the viewport (``scrollWidth``);
- card text is inset from the card border by at least 8 px (computed padding);
- cards are at least 8 px apart, side by side and one above the other
  (bounding boxes);
- images are not stretched (natural against rendered aspect ratio, unless
  ``object-fit`` crops or letterboxes them);
- every text of ours has a contrast of at least 4.5:1 (3:1 for large text)
  against the background the theme really paints: translucent tints are
  composited over what is behind them, and opacity is applied to the text.
  A link may be no less readable than the theme's own links, inline code
  no less than the theme's own inline code.

Our theme's top navigation stays on one line at 1,280 px with ten pages.

Screenshots go to ``$SCHOLAR_ARTIFACTS`` (else a temporary folder):
``geometry-<theme>-<page>-<width>-<scheme>.png``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from browser import THEMES, built_site, measure_page, needs_chromium, serve, watch_console
from conftest import sphinx_build

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]

PAGES = {
    "index": """David Picard
============

.. profile-card::

PhD Students
------------

.. students::
   :role: phd

Recent publications
-------------------

.. publications::
   :style: barron
   :filter: year >= 2018

.. toctree::
   :hidden:

   publications
   selected
   cards
   people
   teaching
   cv
   software
   news
   contact
""",
    "publications": """Publications
============

.. publications::
   :group-by: year
   :search:
   :bibtex:
   :download: bib csl ris
""",
    "selected": """Selected work
=============

.. publications::
   :style: profile
   :search:
   :bibtex:
""",
    "cards": """Cards
=====

.. publications::
   :style: cards
   :bibtex:
""",
    "people": """People
======

.. students::
   :style: cards
   :status: all

All of them
-----------

.. students::
   :status: all
""",
    "teaching": """Teaching
========

.. teaching::

Talks
-----

.. talks::
""",
    "cv": """Curriculum vitae
================

.. cv::
""",
    "software": "Software\n========\n\nCode of the group.\n",
    "news": "News and announcements\n======================\n\nNothing yet.\n",
    "contact": "Contact and directions\n======================\n\nWrite to us.\n",
}


def _project(src: Path, theme: str) -> None:
    from PIL import Image

    shutil.copytree(ROOT / "example_site", src, ignore=shutil.ignore_patterns("_build", "*.rst"))
    for name, text in PAGES.items():
        (src / f"{name}.rst").write_text(text, encoding="utf-8")
    # Raster photos of the sizes people upload (landscape and portrait), for
    # the students' cards: they must be cropped, never stretched.
    Image.new("RGB", (900, 600), (120, 150, 190)).save(src / "images" / "wide.jpg", quality=85)
    Image.new("RGB", (500, 800), (190, 140, 120)).save(src / "images" / "tall.png")
    people = (src / "people.yaml").read_text(encoding="utf-8")
    people = people.replace("  - name: Simon Lepage\n", "  - name: Simon Lepage\n    photo: images/wide.jpg\n", 1)
    people = people.replace("  - name: Nicolas Dufour\n", "  - name: Nicolas Dufour\n    photo: images/tall.png\n", 1)
    (src / "people.yaml").write_text(people, encoding="utf-8")
    conf = src / "conf.py"
    options = "{}" if theme != "sphinx_scholar" else '{"description": "Test"}'
    conf.write_text(
        conf.read_text(encoding="utf-8") + f'\nhtml_theme = "{theme}"\nhtml_theme_options = {options}\n',
        encoding="utf-8",
    )


@pytest.fixture(scope="module", params=THEMES)
def site(request, tmp_path_factory):
    with built_site(tmp_path_factory, request.param, request.param, _project) as url:
        yield request.param, url


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_geometry_and_contrast(site, browser, width, scheme, tmp_path_factory):
    theme, url = site
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    errors = watch_console(page)
    found: dict[str, list[str]] = {}
    for name in PAGES:
        if name in ("software", "news", "contact"):
            continue
        failures = measure_page(page, url, name, tmp_path_factory, f"geometry-{theme}-{name}-{width}-{scheme}")
        if failures:
            found[name] = failures
    if theme == "sphinx_scholar" and width == 1280:
        # Ten pages: the top bar stays one line high.
        height = page.evaluate("document.querySelector('.scholar-topbar').getBoundingClientRect().height")
        if height > 80:
            found["topbar"] = [f"top bar {height:.0f} px high with ten pages at 1,280 px"]
        # Every page is still one click away: on the bar or under "More".
        pages = page.evaluate("[...document.querySelectorAll('.scholar-menu a.reference')].map(a => a.textContent)")
        assert len(pages) == 9 and "Contact and directions" in pages, pages
        if page.locator(".scholar-more").is_visible():
            page.click(".scholar-more > summary")
            assert page.locator(".scholar-more-list a").first.is_visible()
    context.close()
    assert found == {}, f"{theme} {width}px {scheme}: {found}"
    assert [e for e in errors if "Failed to load resource" not in e and "invalid theme mode" not in e] == []


def test_example_home_page_first_load_under_300_kb(browser, tmp_path):
    """Every byte of the example site's home page on a first visit (no cache),
    as Chromium counts it on the wire: under 300 KB."""
    out = tmp_path / "html"
    run = sphinx_build(ROOT / "example_site", out)
    assert run.returncode == 0, run.stderr
    with serve(out) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        sizes: dict[str, int] = {}
        cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
        page.goto(url + "index.html")
        page.wait_for_load_state("networkidle")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # lazy images too
        page.wait_for_load_state("networkidle")
        context.close()
    assert 0 < sum(sizes.values()) < 300 * 1024, sizes
