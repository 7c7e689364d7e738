"""Geometry of the lab directives under six themes, measured in Chromium.

The sibling of ``test_theme_geometry_browser.py`` for ``people`` (cards and
list styles, photos, the links row), ``news`` (the home page's limited list
and the archive), ``projects`` (the card grid) and ``group-card``. The lab
example (``examples/lab``) is built once per theme, with two raster photos of
the shapes people upload (landscape, portrait), a member without one (the
initials stand in) and a news item with a picture,
and each page is measured at 375 and 1,280 px, light and dark, with the same
measurements (widths, card padding and gaps, stretched images, contrast
against what the theme paints) plus the icon links: each has an accessible
name and a target of at least 24 x 24 px.

Screenshots go to ``$SCHOLAR_ARTIFACTS`` (else a temporary folder):
``lab-<theme>-<page>-<width>-<scheme>.png``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from browser import THEMES, built_site, measure_page, needs_chromium, watch_console

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]

EXTRA_PAGES = {
    "team-list.md": """# Team, one line each

```{people}
:style: list
```
""",
}
# page -> what must be on it (a CSS selector), so a page that lost its directive fails.
PAGES = {
    "index": ".scholar-group-card, .scholar-news",
    "team": ".scholar-people-cards .scholar-person-card .scholar-person-initials",
    "team-list": ".scholar-people .scholar-person",
    "news": ".scholar-news .scholar-news-image",
    "projects": ".scholar-project-cards .scholar-project-card",
    "contact": ".scholar-people",
}

# Icon links: an accessible name, and a target of at least 24 x 24 px; the initials placeholder.
ICON_LINKS = r"""
() => {
  const failures = [];
  const links = [...document.querySelectorAll(".scholar a")].filter((a) => {
    const r = a.getBoundingClientRect();
    return r.width > 0 && a.querySelector("svg, img") && !a.textContent.replace(/\s/g, "").length
      || a.classList.contains("scholar-icon-link");
  });
  for (const a of links) {
    const r = a.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const named = (a.getAttribute("aria-label") || "").trim() || a.textContent.trim()
      || [...a.querySelectorAll("img[alt]")].map((i) => i.alt.trim()).join("");
    const label = a.getAttribute("href");
    if (!named) failures.push(`icon link ${label} has no accessible name`);
    if (r.width < 24 - 0.5 || r.height < 24 - 0.5)
      failures.push(`icon link ${label} target ${r.width.toFixed(1)} x ${r.height.toFixed(1)} px < 24`);
    if (failures.length > 3) break;
  }
  // Photos are round whatever the theme does to images.
  for (const img of document.querySelectorAll(".scholar-person-card img.scholar-person-photo")) {
    const radius = getComputedStyle(img).borderTopLeftRadius;
    if (radius !== "50%" && parseFloat(radius) < img.getBoundingClientRect().width / 2 - 1) {
      failures.push(`photo ${img.getAttribute("src")} corners ${radius}, not round`);
      break;
    }
  }
  // The initials standing in for a photo: a circle as big as a photo, the letters in its middle.
  for (const el of document.querySelectorAll(".scholar-person-card .scholar-person-initials")) {
    const box = el.getBoundingClientRect();
    const photo = document.querySelector(".scholar-person-card img.scholar-person-photo");
    const range = document.createRange();
    range.selectNodeContents(el);
    const text = range.getBoundingClientRect();
    const dx = (text.left + text.right - box.left - box.right) / 2, dy = (text.top + text.bottom - box.top - box.bottom) / 2;
    if (Math.abs(dx) > 4 || Math.abs(dy) > 4)
      failures.push(`initials "${el.textContent}" ${dx.toFixed(0)}, ${dy.toFixed(0)} px off the centre of their circle`);
    if (photo && Math.abs(photo.getBoundingClientRect().width - box.width) > 1)
      failures.push(`initials circle ${box.width.toFixed(0)} px wide, a photo ${photo.getBoundingClientRect().width.toFixed(0)} px`);
  }
  return failures;
}
"""


def _project(src: Path, theme: str) -> None:
    from PIL import Image

    shutil.copytree(ROOT / "examples" / "lab", src, ignore=shutil.ignore_patterns("_build"))
    for name, text in EXTRA_PAGES.items():
        (src / name).write_text(text, encoding="utf-8")
    index = src / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("contact\n```", "contact\nteam-list\n```"), encoding="utf-8"
    )
    # Photos of the sizes people upload: cropped, never stretched.
    Image.new("RGB", (900, 600), (120, 150, 190)).save(src / "photos" / "wide.jpg", quality=85)
    Image.new("RGB", (500, 800), (190, 140, 120)).save(src / "photos" / "tall.png")
    people = (src / "people.yaml").read_text(encoding="utf-8")
    people = people.replace("photos/claire-martin.svg", "photos/wide.jpg", 1)
    people = people.replace("photos/tomas-herrera.svg", "photos/tall.png", 1)
    # Someone without a photo: the initials stand in for it.
    people = people.replace("    photo: photos/yuki-tanaka.svg\n", "", 1)
    (src / "people.yaml").write_text(people, encoding="utf-8")
    news = (src / "news.yaml").read_text(encoding="utf-8")
    news = news.replace(
        "news:\n",
        "news:\n  - date: 2026-02-20\n    text: A picture of the lab retreat.\n"
        "    image: photos/wide.jpg\n    image_alt: The lab at its retreat\n",
        1,
    )
    (src / "news.yaml").write_text(news, encoding="utf-8")
    conf = src / "conf.py"
    text = re.sub(r"^html_theme = .*$", f'html_theme = "{theme}"', conf.read_text(encoding="utf-8"), flags=re.M)
    if theme == "sphinx_scholar":
        text += '\nhtml_theme_options = {"description": "Test"}\n'
    conf.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module", params=THEMES)
def lab_site(request, tmp_path_factory):
    with built_site(tmp_path_factory, "lab-" + request.param, request.param, _project) as url:
        yield request.param, url


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_lab_geometry_and_contrast(lab_site, browser, width, scheme, tmp_path_factory):
    theme, url = lab_site
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    errors = watch_console(page)
    found: dict[str, list[str]] = {}
    for name, needed in PAGES.items():
        failures = measure_page(
            page, url, name, tmp_path_factory, f"lab-{theme}-{name}-{width}-{scheme}", needed=needed, extra=ICON_LINKS
        )
        if failures:
            found[name] = failures
    if theme == "sphinx_scholar" and width == 375:
        # The lab's name, "Menu" and the mode button on one line (no button alone on a second line).
        tops = page.evaluate("""['.scholar-brand', '.scholar-menu-button', '.scholar-mode-button'].map(
          (s) => document.querySelector(s).getBoundingClientRect()).map((r) => [r.top, r.bottom])""")
        if max(t for t, _ in tops) >= min(b for _, b in tops):
            found["topbar"] = [f"top bar items on separate lines at 375 px: {tops}"]
    context.close()
    assert found == {}, f"{theme} {width}px {scheme}: {found}"
    assert [e for e in errors if "Failed to load resource" not in e and "invalid theme mode" not in e] == []
