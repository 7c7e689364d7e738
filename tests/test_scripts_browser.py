"""The extension's own script (sphinx-scholar.js) in Chromium: the BibTeX copy
button and the e-mail link, with and without JavaScript."""

from __future__ import annotations

import shutil

import pytest
from browser import needs_chromium, serve, watch_console
from conftest import ROOTS, build_project, warnings_of

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("scripts") / "src"
    shutil.copytree(ROOTS / "test-people", root)
    index = root / "index.rst"
    index.write_text(index.read_text(encoding="utf-8").replace(".. publications::", ".. publications::\n   :bibtex:"))
    app = build_project(root)
    assert warnings_of(app) == []
    with serve(app.outdir) as url:  # 127.0.0.1 is a secure context: the clipboard API is there
        yield url


def test_copy_button_copies_the_clean_bibtex(site, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))  # Sphinx's default theme has none
    errors = watch_console(page)
    page.goto(site + "index.html")
    button = page.locator("#pub-luvizon2020 button.scholar-copy")
    page.locator("#pub-luvizon2020 details.scholar-bibtex-box summary").click()
    assert button.is_visible() and button.text_content() == "Copy BibTeX"
    expected = page.locator("#pub-luvizon2020-bibtex").text_content().rstrip() + "\n"
    assert expected.startswith("@article{luvizon2020,")
    button.click()
    page.wait_for_function("document.querySelector('#pub-luvizon2020 button.scholar-copy').textContent === 'Copied'")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert button.get_attribute("aria-live") == "polite"
    assert errors == []
    context.close()


def test_email_becomes_a_link_only_with_javascript(site, browser):
    page = browser.new_page()
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    errors = watch_console(page)
    page.goto(site + "index.html")
    link = page.locator(".scholar-profile a.scholar-email")
    assert link.get_attribute("href") == "mailto:david.picard@enpc.fr"
    assert link.get_attribute("title") == "david.picard@enpc.fr"
    assert page.locator(".scholar-profile span.scholar-email").count() == 0
    assert errors == []
    page.close()

    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(site + "index.html")
    assert plain.locator("a.scholar-email").count() == 0
    assert plain.locator("span.scholar-email").text_content() == "david.picard [at] enpc [dot] fr"
    # No script, no copy button: it stays hidden rather than dead.
    assert not plain.locator("#pub-luvizon2020 button.scholar-copy").is_visible()
    context.close()


def test_cv_email_shows_the_address(site, browser):
    """A CV states the address (it is printed, and read by recruiters); the
    profile's links row says "Email" with the address as the link's title."""
    page = browser.new_page()
    errors = watch_console(page)
    page.goto(site + "cv.html")
    link = page.locator(".scholar-cv a.scholar-email")
    assert link.text_content() == "david.picard@enpc.fr"
    assert link.get_attribute("href") == "mailto:david.picard@enpc.fr"
    page.goto(site + "index.html")
    assert page.locator(".scholar-profile a.scholar-email").text_content() == "Email"
    assert [e for e in errors if "favicon" not in e and "Failed to load resource" not in e] == []
    page.close()
