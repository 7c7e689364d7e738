"""Issue 12, items 12 and 13, in a real headless Chromium.

The example site (with paper pages, feed, accent colours) is served with the
header ``Content-Security-Policy: default-src 'self'``: every page but
Sphinx's own search loads without one CSP violation (counted from
``securitypolicyviolation`` events) and its scripts work (dark mode
remembered, the filter box, the e-mail address, copy buttons). The filter
box survives a malformed hash.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from browser import needs_chromium, watch_console

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.browser, needs_chromium]
CSP = "default-src 'self'"

# Recorded from the first script on, before the page's own.
COUNT_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sourceFile || "") + ":" + e.lineNumber);
});
"""


class _StrictHandler(SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        super().end_headers()

    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve_strict(folder: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_StrictHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    src = tmp_path_factory.mktemp("csp") / "src"
    shutil.copytree(ROOT / "example_site", src, ignore=shutil.ignore_patterns("_build"))
    with open(src / "conf.py", "a", encoding="utf-8") as conf:
        conf.write(
            '\nscholar_paper_pages = True\nscholar_feed = True\nhtml_baseurl = "https://example.org/"\n'
            'html_theme_options["accent_color"] = "rgb(140, 21, 21)"\n'
            'html_theme_options["accent_color_dark"] = "rgb(244, 163, 163)"\n'
        )
    out = src.parent / "html"
    run = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(out)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    with serve_strict(out) as url:
        yield url, out


def pages_of(out: Path) -> list[str]:
    pages = [str(p.relative_to(out)) for p in out.rglob("*.html") if p.name != "search.html"]
    assert "index.html" in pages and any(p.startswith("papers/") for p in pages)
    return sorted(pages)


def test_every_page_but_search_works_under_a_strict_csp(site, browser):
    url, out = site
    context = browser.new_context()
    context.add_init_script(COUNT_VIOLATIONS)
    page = context.new_page()
    errors = watch_console(page)
    checked = 0
    for name in pages_of(out):
        page.goto(url + name)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__csp") == [], name
        assert page.evaluate("document.documentElement.dataset.mode") in {"light", "dark"}, name
        checked += 1
    assert checked >= 6
    assert [e for e in errors if "Content Security Policy" in e or "Refused" in e] == []
    context.close()


def test_scripts_work_under_a_strict_csp(site, browser):
    url, _ = site
    context = browser.new_context(color_scheme="light")
    context.add_init_script(COUNT_VIOLATIONS)
    page = context.new_page()
    errors = watch_console(page)
    page.goto(url + "index.html")
    # Accent colour: a stylesheet file, not an inline style.
    accent = "getComputedStyle(document.documentElement).getPropertyValue('--scholar-accent').trim()"
    assert page.evaluate(accent) == "rgb(140, 21, 21)"
    # The e-mail address is assembled by a script file.
    assert page.locator("a[href^='mailto:']").count() >= 1
    # Dark mode is remembered across pages: the snippet in <head> is a file.
    assert page.evaluate("document.documentElement.dataset.mode") == "light"
    page.click(".scholar-mode-button")
    page.goto(url + "publications.html")
    assert page.evaluate("document.documentElement.dataset.mode") == "dark"
    assert page.evaluate(accent) == "rgb(244, 163, 163)"
    # The filter box.
    total = page.locator(".scholar-pub").count()
    page.fill(".scholar-filter input", "pose")
    page.wait_for_function(f"document.querySelectorAll('.scholar-pub:not([hidden])').length < {total}")
    assert page.evaluate("window.__csp") == []
    assert errors == []
    context.close()


@pytest.mark.parametrize("fragment", ["#q=%", "#q=%E0%A4%A", "#%=%&q", "#q=%zz&y=%"])
def test_filter_survives_a_malformed_hash(site, browser, fragment):
    url, _ = site
    page = browser.new_page()
    errors = watch_console(page)
    page.goto(url + "publications.html" + fragment)
    page.wait_for_load_state("load")
    assert errors == []
    assert page.is_visible(".scholar-filter input")
    total = page.locator(".scholar-pub").count()
    page.fill(".scholar-filter input", "pose")
    page.wait_for_function(f"document.querySelectorAll('.scholar-pub:not([hidden])').length < {total}")
    page.close()
