"""Browser-test helpers: serve a built site on localhost, drive Debian's Chromium."""

from __future__ import annotations

import functools
import os
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).parent / "artifacts"
#: the themes our pages are measured in (tests/test_*geometry_browser.py)
THEMES = ["alabaster", "furo", "pydata_sphinx_theme", "sphinx_book_theme", "sphinx_rtd_theme", "sphinx_scholar"]
needs_chromium = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed (apt-get install chromium)"
)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve(folder: Path):
    """Serve ``folder`` over HTTP on a free localhost port; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def watch_console(page) -> list[str]:
    """Console errors and uncaught exceptions of a page, collected as they happen."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def artifacts_folder(tmp_path_factory) -> Path:
    """Where screenshots go: ``$SCHOLAR_ARTIFACTS``, else a temporary folder."""
    folder = os.environ.get("SCHOLAR_ARTIFACTS")
    path = Path(folder) if folder else tmp_path_factory.getbasetemp() / "artifacts"
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextmanager
def built_site(tmp_path_factory, name: str, theme: str, make_project):
    """Build ``make_project(src, theme)`` with sphinx-build and serve its HTML; yields the base URL."""
    from conftest import sphinx_build

    src = tmp_path_factory.mktemp(name) / "src"
    make_project(src, theme)
    out = src / "_build" / "html"
    run = sphinx_build(src, out)
    assert run.returncode == 0, run.stderr
    with serve(out) as url:
        yield url


# Lazy photos: every image loaded (and the fonts) before anything is measured.
_SETTLE = """async () => {
  for (const img of document.querySelectorAll('img[loading=lazy]')) img.loading = 'eager';
  await Promise.all([...document.images].map((i) => i.complete ? 0 : new Promise((r) => { i.onload = i.onerror = r; })));
  await document.fonts.ready;
}"""


def measure_page(
    page, url: str, name: str, tmp_path_factory, shot: str, needed: str = "", extra: str = ""
) -> list[str]:
    """Open ``name``.html, wait for its images and fonts, save a full-page
    screenshot ``shot``.png, and return the failures of MEASURE (and of the
    ``extra`` script, the same kind of function)."""
    page.goto(url + f"{name}.html")
    page.wait_for_load_state("load")
    page.evaluate(_SETTLE)
    if needed:
        assert page.locator(needed).count(), f"{name}.html: nothing matches {needed}"
    page.screenshot(path=str(artifacts_folder(tmp_path_factory) / f"{shot}.png"), full_page=True)
    return page.evaluate(MEASURE) + (page.evaluate(extra) if extra else [])


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
