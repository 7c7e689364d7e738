"""The directives without our theme: the example site's pages built with
alabaster, furo, pydata-sphinx-theme and the Read the Docs theme, looked at in
headless Chromium at phone and desktop widths, light and dark.

Screenshots go to tests/artifacts/themes-<theme>-<page>-<width>-<scheme>.png.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from browser import needs_chromium, screenshot, serve, watch_console
from conftest import sphinx_build

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.browser, needs_chromium]
THEMES = ["alabaster", "furo", "pydata_sphinx_theme", "sphinx_rtd_theme"]
PAGES = ["index", "publications", "cv"]

# WCAG contrast of the text of our blocks against what is really behind it.
CONTRAST = """
(selector) => {
  const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = parse(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const worst = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!el.offsetParent || !el.textContent.trim()) continue;
    const fg = parse(getComputedStyle(el).color).slice(0, 3);
    const [a, b] = [lum(fg), lum(background(el))].sort((x, y) => y - x);
    worst.push([(a + 0.05) / (b + 0.05), el.className, getComputedStyle(el).color]);
  }
  worst.sort((x, y) => x[0] - y[0]);
  // The theme's own link colour, measured where our block sits: our links may
  // be no less readable than the theme's, which we do not choose.
  const block = document.querySelector(".scholar");
  const probe = document.createElement("a");
  probe.href = "#";
  probe.textContent = "probe";
  block.parentElement.insertBefore(probe, block);
  const [p, q] = [lum(parse(getComputedStyle(probe).color).slice(0, 3)), lum(background(probe))].sort((x, y) => y - x);
  probe.remove();
  return {worst: worst.slice(0, 3), themeLink: (p + 0.05) / (q + 0.05)};
}
"""

TEXT = (
    ".scholar-title, .scholar-authors, .scholar-venue, .scholar-links a, .scholar-people li, .scholar-badge, "
    ".scholar-profile-text p, .scholar-cv li, .scholar-group-heading"
)


@pytest.fixture(scope="module", params=THEMES)
def site(request, tmp_path_factory):
    theme = request.param
    src = tmp_path_factory.mktemp(theme) / "src"
    shutil.copytree(ROOT / "example_site", src, ignore=shutil.ignore_patterns("_build"))
    conf = src / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8") + f'\nhtml_theme = "{theme}"\nhtml_theme_options = {{}}\n', encoding="utf-8"
    )
    out = src / "_build" / "html"
    run = sphinx_build(src, out)
    assert run.returncode == 0, run.stderr
    with serve(out) as url:
        yield theme, url


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_directives_look_intended_in_other_themes(site, browser, width, scheme):
    theme, url = site
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    errors = watch_console(page)
    missing = []
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 and "favicon.ico" not in r.url else None)
    for name in PAGES:
        page.goto(url + f"{name}.html")
        page.wait_for_load_state("load")
        screenshot(page, f"themes-{theme}-{name}-{width}-{scheme}")
        # Our stylesheet is there and styles the blocks.
        assert page.evaluate("[...document.styleSheets].some(s => (s.href || '').includes('sphinx-scholar.css'))")
        assert page.locator(".scholar").count() > 0, name
        # Nothing of ours sticks out of the viewport on a phone.
        overflow = page.evaluate(
            "(w) => [...document.querySelectorAll('.scholar, .scholar *')]"
            ".filter(e => e.getBoundingClientRect().right > w + 1 && e.offsetParent && !e.parentElement.closest('pre'))"
            ".map(e => e.className).slice(0, 3)",
            width,
        )
        assert overflow == [], (theme, name, width, overflow)
        # Every text of ours reads against the background the theme really paints:
        # WCAG AA (4.5), or, for links, at least as well as the theme's own links.
        found = page.evaluate(CONTRAST, TEXT)
        worst, floor = found["worst"], min(4.5, found["themeLink"] - 0.01)
        assert worst and worst[0][0] >= floor, (theme, name, scheme, worst, found["themeLink"])
        assert all(ratio >= 4.5 for ratio, classes, _ in worst if "reference" not in classes), worst
    page.goto(url + "index.html")
    # Thumbnails keep their column on a desktop and stack (at most 320 px) on a
    # phone; the photo is round; badges are tinted.
    box = page.locator(".scholar-thumb img").first.bounding_box()
    if width > 600:
        assert box and 40 <= box["width"] <= 160 and box["height"] <= 120, box
    else:
        assert box and 160 <= box["width"] <= 320, box
    radius = page.evaluate("getComputedStyle(document.querySelector('img.scholar-profile-photo')).borderRadius")
    assert radius not in ("", "0px"), radius
    badge = page.evaluate("getComputedStyle(document.querySelector('.scholar-badge')).backgroundColor")
    assert badge not in ("rgba(0, 0, 0, 0)", "transparent")
    # (pydata-sphinx-theme logs its own "invalid theme mode" on a first visit.)
    assert [e for e in errors if "Failed to load resource" not in e and "invalid theme mode" not in e] == []
    assert missing == []
    context.close()


def test_toggles_work_in_other_themes(site, browser):
    theme, url = site
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = watch_console(page)
    page.goto(url + "publications.html")
    box = page.locator("#pub-zhu2023h3wb details.scholar-abstract-box")
    assert not box.locator("p.scholar-abstract").is_visible()
    box.locator("summary").click()
    assert box.locator("p.scholar-abstract").is_visible()
    bibtex = page.locator("#pub-zhu2023h3wb details.scholar-bibtex-box")
    bibtex.locator("summary").focus()
    page.keyboard.press("Enter")
    assert "@inproceedings{zhu2023h3wb," in bibtex.locator("pre").inner_text()
    page.fill(".scholar-filter-text", "wholebody")
    page.wait_for_function("document.querySelector('.scholar-filter-status').textContent.startsWith('1 ')")
    assert page.locator(".scholar-pub:visible").count() == 1
    assert [e for e in errors if "invalid theme mode" not in e] == []
    page.close()
