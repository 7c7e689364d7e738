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

import os
import shutil
from pathlib import Path

import pytest
from browser import needs_chromium, serve, watch_console
from conftest import sphinx_build

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]
THEMES = ["alabaster", "furo", "pydata_sphinx_theme", "sphinx_book_theme", "sphinx_rtd_theme", "sphinx_scholar"]

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

# One evaluate per page: a list of failures, each a short readable string.
MEASURE = r"""
() => {
  const failures = [];
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext("2d", {willReadFrequently: true});
  // Any CSS colour (hex, rgb, color(srgb ...), oklch ...) -> [r, g, b, a 0..1].
  const rgba = (css) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = "rgba(0, 0, 0, 0)";
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  };
  const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  // The colour really painted behind an element: the backgrounds of it and its
  // ancestors, composited from the first opaque one (or the canvas) upwards.
  const painted = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 0.99) break;
    }
    let base = [255, 255, 255, 1];
    const root = layers.length && layers[layers.length - 1][3] >= 0.99 ? layers.pop() : null;
    if (root) base = root;
    else {
      // Nothing opaque: the canvas colour (the root's, or white / the dark default).
      const scheme = getComputedStyle(document.documentElement).colorScheme;
      const dark = matchMedia("(prefers-color-scheme: dark)").matches && /dark/.test(scheme);
      base = dark ? [18, 18, 18, 1] : [255, 255, 255, 1];
    }
    for (let i = layers.length - 1; i >= 0; i--) base = over(layers[i], base);
    return base;
  };
  const opacity = (el) => { let o = 1; for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity); return o; };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    // Text for screen readers only (clipped to 1 px) is not painted.
    if (el.closest(".scholar-visually-hidden")) return false;
    const s = getComputedStyle(el);
    return s.visibility !== "hidden" && s.display !== "none" && !el.closest("details:not([open]) > :not(summary)");
  };
  const name = (el) => (el.tagName.toLowerCase() + "." + [...el.classList].join(".")).slice(0, 80);

  const blocks = [...document.querySelectorAll(".scholar")].filter((b) => !b.parentElement.closest(".scholar"));
  if (!blocks.length) return ["no .scholar block on the page"];

  // 1. Widths: the page, and our elements within the content column.
  const vw = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > vw + 1)
    failures.push(`page scrollWidth ${document.documentElement.scrollWidth} > viewport ${vw}`);
  for (const block of blocks) {
    const column = block.parentElement.closest("section") ? block.closest("section").parentElement : block.parentElement;
    const box = column.getBoundingClientRect();
    const left = Math.max(0, box.left), right = Math.min(vw, box.right);
    // What is painted: text (its own bounds), images, and boxes with a
    // background or a border. Layout boxes (sphinx-design's rows with their
    // negative gutters, furo's headings with their padded hover band) are not.
    for (const el of [block, ...block.querySelectorAll("*")]) {
      if (!visible(el) || el.closest("pre")) continue;
      const s = getComputedStyle(el);
      const rects = [];
      if (["IMG", "svg", "BUTTON", "INPUT"].includes(el.tagName) || rgba(s.backgroundColor)[3] > 0
          || parseFloat(s.borderLeftWidth) + parseFloat(s.borderRightWidth) > 0) rects.push(el.getBoundingClientRect());
      for (const n of el.childNodes) {
        if (n.nodeType !== 3 || !n.textContent.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        rects.push(range.getBoundingClientRect());
      }
      const r = rects.find((q) => q.width > 0 && (q.right > right + 1 || q.left < left - 1));
      if (r) {
        failures.push(`${name(el)} spans ${Math.round(r.left)}..${Math.round(r.right)} outside the column ${Math.round(left)}..${Math.round(right)}`);
        break;
      }
    }
  }

  // 2. Cards: text inset and gaps.
  const cards = [...document.querySelectorAll(".scholar .sd-card, .scholar .scholar-profile-card")].filter(visible);
  for (const card of cards) {
    const inner = card.querySelector(".sd-card-body") || card;
    const s = getComputedStyle(inner);
    const pad = Math.min(parseFloat(s.paddingLeft), parseFloat(s.paddingRight), parseFloat(s.paddingTop));
    if (pad < 8) { failures.push(`${name(inner)} padding ${s.padding} < 8px`); break; }
    const c = card.getBoundingClientRect();
    const text = [...inner.querySelectorAll("p, li, summary")].filter(visible).map((e) => e.getBoundingClientRect());
    const inset = Math.min(...text.map((t) => Math.min(t.left - c.left, c.right - t.right)));
    if (text.length && inset < 8) { failures.push(`${name(card)} text inset ${inset.toFixed(1)} px < 8`); break; }
  }
  const boxes = cards.map((c) => [c, c.getBoundingClientRect()]);
  let gapFailures = 0;
  for (let i = 0; i < boxes.length && gapFailures < 2; i++) {
    for (let j = i + 1; j < boxes.length && gapFailures < 2; j++) {
      const [a, b] = [boxes[i][1], boxes[j][1]];
      const yOverlap = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
      const xOverlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1;
      const hgap = Math.max(b.left - a.right, a.left - b.right);
      const vgap = Math.max(b.top - a.bottom, a.top - b.bottom);
      if (yOverlap && xOverlap) { failures.push(`cards ${name(boxes[i][0])} #${i} and #${j} overlap`); gapFailures++; }
      else if (yOverlap && hgap < 8) { failures.push(`cards #${i} and #${j} side by side ${hgap.toFixed(1)} px apart`); gapFailures++; }
      else if (xOverlap && vgap < 8 && vgap > -1) { failures.push(`cards #${i} and #${j} one above the other ${vgap.toFixed(1)} px apart`); gapFailures++; }
    }
  }

  // 3. Images not stretched.
  for (const img of document.querySelectorAll(".scholar img")) {
    if (!visible(img) || !img.naturalWidth || !img.naturalHeight) continue;
    const fit = getComputedStyle(img).objectFit;
    if (["cover", "contain", "scale-down"].includes(fit)) continue;
    const r = img.getBoundingClientRect();
    const natural = img.naturalWidth / img.naturalHeight, shown = r.width / r.height;
    if (Math.abs(shown - natural) / natural > 0.03)
      failures.push(`${name(img)} ${img.getAttribute("src")} stretched: ${natural.toFixed(2)} shown at ${shown.toFixed(2)}`);
  }

  // 4. Contrast of every text of ours against what is painted behind it.
  const probe = document.createElement("a");
  probe.href = "#x";
  probe.textContent = "probe";
  blocks[0].parentElement.insertBefore(probe, blocks[0]);
  const themeLink = ratio(rgba(getComputedStyle(probe).color), painted(probe));
  probe.remove();
  // Inline code as the theme styles it everywhere (the Read the Docs theme's is red on white, 3.8:1).
  const code = document.createElement("code");
  code.className = "docutils literal notranslate";
  code.innerHTML = '<span class="pre">probe</span>';
  blocks[0].parentElement.insertBefore(code, blocks[0]);
  const themeCode = ratio(rgba(getComputedStyle(code.firstChild).color), painted(code.firstChild));
  code.remove();
  const seen = new Set();
  for (const block of blocks) {
    for (const el of [block, ...block.querySelectorAll("*")]) {
      if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
      if (!visible(el) || el.closest("pre")) continue;
      const s = getComputedStyle(el);
      const bg = painted(el);
      const fg = rgba(s.color);
      fg[3] *= opacity(el);
      const value = ratio(over(fg, bg), bg);
      const size = parseFloat(s.fontSize), bold = Number(s.fontWeight) >= 700;
      const large = size >= 24 || (bold && size >= 18.66);
      const isLink = !!el.closest("a");
      const isCode = !!el.closest("code.literal");
      const floor = large ? 3 : isLink ? Math.min(4.5, themeLink - 0.01) : isCode ? Math.min(4.5, themeCode - 0.01) : 4.5;
      if (value < floor) {
        const key = name(el);
        if (seen.has(key)) continue;
        seen.add(key);
        failures.push(`contrast ${value.toFixed(2)} < ${floor.toFixed(2)}: ${key} "${el.textContent.trim().slice(0, 24)}" ${s.color} on rgb(${bg.slice(0, 3).map(Math.round)})`);
      }
    }
  }
  return failures;
}
"""


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


def _artifacts(tmp_path_factory) -> Path:
    folder = os.environ.get("SCHOLAR_ARTIFACTS")
    path = Path(folder) if folder else tmp_path_factory.getbasetemp() / "artifacts"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module", params=THEMES)
def site(request, tmp_path_factory):
    theme = request.param
    src = tmp_path_factory.mktemp(theme) / "src"
    _project(src, theme)
    out = src / "_build" / "html"
    run = sphinx_build(src, out)
    assert run.returncode == 0, run.stderr
    with serve(out) as url:
        yield theme, url


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_geometry_and_contrast(site, browser, width, scheme, tmp_path_factory):
    theme, url = site
    artifacts = _artifacts(tmp_path_factory)
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    errors = watch_console(page)
    found: dict[str, list[str]] = {}
    for name in PAGES:
        if name in ("software", "news", "contact"):
            continue
        page.goto(url + f"{name}.html")
        page.wait_for_load_state("load")
        page.evaluate("document.fonts.ready")
        page.screenshot(path=str(artifacts / f"geometry-{theme}-{name}-{width}-{scheme}.png"), full_page=True)
        failures = page.evaluate(MEASURE)
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
