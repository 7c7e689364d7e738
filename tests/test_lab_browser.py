"""The lab example's team grid and member page in a real headless Chromium:
phone and desktop, light and dark. Screenshots go to tests/artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import needs_chromium, screenshot, serve, watch_console
from conftest import sphinx_build

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.browser, needs_chromium]

PHOTOS = """
[...document.querySelectorAll('.scholar-person-card img.scholar-person-photo')].map(img => {
  const box = img.getBoundingClientRect();
  return {src: img.currentSrc, loaded: img.complete && img.naturalWidth > 0, width: box.width, height: box.height,
          natural: img.naturalWidth / img.naturalHeight, fit: getComputedStyle(img).objectFit};
})
"""
CARDS = """
[...document.querySelectorAll('.scholar-person-card')].map(card => {
  const box = card.getBoundingClientRect();
  return {left: box.left, right: box.right, overflow: card.scrollWidth - card.clientWidth};
})
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("lab") / "html"
    run = sphinx_build(ROOT / "examples" / "lab", out)
    assert run.returncode == 0, run.stderr
    with serve(out) as url:
        yield url


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_team_grid_fits_and_photos_keep_their_shape(site, browser, width, scheme):
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    errors = watch_console(page)
    for name in ("team", "people/lea-dubois", "index", "projects", "news"):
        page.goto(site + f"{name}.html")
        assert page.evaluate("document.documentElement.dataset.mode") == scheme
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} overflows by {overflow}px at {width}px"
        screenshot(page, f"lab-{name.replace('/', '-')}-{width}-{scheme}")
        if name != "team":
            continue
        # The photos are lazy: load them all before measuring.
        page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(img => { img.loading = 'eager'; })")
        page.wait_for_function("[...document.images].every(img => img.complete)")
        photos = page.evaluate(PHOTOS)
        assert len(photos) >= 12
        for photo in photos:
            assert photo["loaded"], photo["src"]
            # Square photos in a square box, or any photo cropped rather than stretched.
            ratio = photo["width"] / photo["height"]
            assert photo["fit"] == "cover" or abs(ratio - photo["natural"]) < 0.02, photo
            assert abs(photo["width"] - photo["height"]) < 1, photo
            assert 48 <= photo["width"] <= 160, photo
        viewport = page.evaluate("document.documentElement.clientWidth")
        cards = page.evaluate(CARDS)
        for card in cards:
            assert card["left"] >= 0 and card["right"] <= viewport + 0.5 and card["overflow"] <= 0, card
        # One column on a phone, three on a desktop.
        columns = len({round(card["left"]) for card in cards})
        assert columns == (1 if width == 375 else 3), columns
        # Icon links have a name a screen reader reads, and a target large enough to tap.
        names = page.evaluate(
            "[...document.querySelectorAll('a.scholar-icon-link')].map(a => [a.innerText.trim() || a.textContent.trim(), a.getBoundingClientRect().width, a.getBoundingClientRect().height])"
        )
        assert names and all(text and w >= 24 and h >= 24 for text, w, h in names), names
    assert errors == []
    page.close()
