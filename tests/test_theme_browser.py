"""The sphinx_scholar theme on the example site, in a real headless Chromium.

Screenshots go to tests/artifacts/ (phone and desktop, light and dark).
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from browser import needs_chromium, screenshot, serve, watch_console
from conftest import sphinx_build

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.browser, needs_chromium]
PAGES = ["index", "publications", "teaching", "cv", "search"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("themed") / "html"
    run = sphinx_build(ROOT / "example_site", out)
    assert run.returncode == 0, run.stderr
    with serve(out) as url:
        yield url, out


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_render_cleanly(site, browser, width, scheme):
    url, _ = site
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    errors = watch_console(page)
    for name in PAGES:
        page.goto(url + f"{name}.html")
        assert page.evaluate("document.documentElement.dataset.mode") == scheme
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} overflows by {overflow}px at {width}px"
        screenshot(page, f"{name}-{width}-{scheme}")
    assert errors == []
    page.close()


def test_phone_menu_opens_and_closes_with_mouse_and_keyboard(site, browser):
    url, _ = site
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(url + "index.html")
    button = page.locator(".scholar-menu-button")
    assert button.is_visible() and not page.is_visible("#scholar-menu")
    button.click()
    assert button.get_attribute("aria-expanded") == "true" and page.is_visible("#scholar-menu a[href='teaching.html']")
    button.click()
    assert not page.is_visible("#scholar-menu")
    button.focus()
    page.keyboard.press("Enter")
    assert page.is_visible("#scholar-menu")
    page.keyboard.press("Escape")
    assert (
        not page.is_visible("#scholar-menu")
        and page.evaluate("document.activeElement.className") == "scholar-menu-button"
    )
    desktop = browser.new_page(viewport={"width": 1280, "height": 800})
    desktop.goto(url + "teaching.html")
    assert not desktop.is_visible(".scholar-menu-button") and desktop.is_visible("#scholar-menu")
    current = desktop.locator("#scholar-menu a.current")
    assert current.inner_text() == "Teaching"


def test_dark_mode_choice_persists_across_pages(site, browser):
    url, _ = site
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(url + "index.html")
    assert page.evaluate("document.documentElement.dataset.mode") == "light"
    page.click(".scholar-mode-button")
    assert page.evaluate("document.documentElement.dataset.mode") == "dark"
    assert page.get_attribute(".scholar-mode-button", "aria-pressed") == "true"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.goto(url + "publications.html")
    assert page.evaluate("document.documentElement.dataset.mode") == "dark"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == background != "rgb(255, 255, 255)"
    context.close()


def test_thumbnail_swaps_on_hover_and_focus(site, browser):
    url, _ = site
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url + "index.html")
    item = page.locator("#pub-zhu2023h3wb")
    hover = item.locator("img.scholar-thumb-hover")
    assert hover.evaluate("e => getComputedStyle(e).opacity") == "0"
    item.locator(".scholar-thumb").hover()
    page.wait_for_timeout(350)
    assert hover.evaluate("e => getComputedStyle(e).opacity") == "1"
    page.mouse.move(5, 5)
    item.locator("a").first.focus()
    page.wait_for_timeout(350)
    assert hover.evaluate("e => getComputedStyle(e).opacity") == "1"


def test_abstract_and_bibtex_toggles(site, browser):
    url, _ = site
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url + "publications.html")
    box = page.locator("#pub-zhu2023h3wb details.scholar-abstract-box")
    assert not box.locator("p.scholar-abstract").is_visible()
    box.locator("summary").click()
    assert box.locator("p.scholar-abstract").is_visible()
    bibtex = page.locator("#pub-zhu2023h3wb details.scholar-bibtex-box")
    bibtex.locator("summary").focus()
    page.keyboard.press("Enter")
    assert bibtex.locator("pre").is_visible()
    assert "@inproceedings{zhu2023h3wb," in bibtex.locator("pre").inner_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(site, browser, scheme):
    from axe_playwright_python.sync_playwright import Axe

    url, _ = site
    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    axe = Axe()
    problems = []
    for name in PAGES:
        page.goto(url + f"{name}.html")
        results = axe.run(page)
        for violation in results.response["violations"]:
            if violation["impact"] in {"serious", "critical"}:
                problems.append(
                    f"{name}: {violation['id']} ({violation['impact']}): "
                    f"{[n['target'] for n in violation['nodes']][:3]}"
                )
    assert problems == []


def test_page_weight_and_no_third_party_requests(site, browser):
    url, out = site
    total = 0
    for name in (
        "scholar-theme.css",
        "sphinx-scholar.css",
        "scholar-theme.js",
        "sphinx-scholar.js",
        "sphinx-scholar-filter.js",
    ):
        total += len(gzip.compress((out / "_static" / name).read_bytes(), 9))
    assert total < 25 * 1024, total
    page = browser.new_page()
    hosts = set()
    page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
    for name in PAGES:
        page.goto(url + f"{name}.html")
    assert hosts == {url.split("/")[2]}


def test_theme_options_colour_links_and_default_mode(tmp_path, browser):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'html_theme = "sphinx_scholar"\n'
        "html_theme_options = {\n"
        '    "accent_color": "rgb(140, 21, 21)", "accent_color_dark": "rgb(244, 163, 163)",\n'
        '    "default_mode": "dark", "nav_links": "Lab|https://lab.example.org/, Blog|blog.html",\n'
        '    "footer_text": "Funded by <ERC>", "social_links": "github|https://github.com/example",\n'
        "}\n"
    )
    (src / "index.rst").write_text("Home\n====\n\nA `link <https://example.org/>`_.\n")
    run = sphinx_build(src, tmp_path / "out")
    assert run.returncode == 0, run.stderr
    accent = "getComputedStyle(document.documentElement).getPropertyValue('--scholar-accent').trim()"
    with serve(tmp_path / "out") as url:
        context = browser.new_context(color_scheme="light")
        page = context.new_page()
        errors = watch_console(page)
        page.goto(url + "index.html")
        # default_mode "dark" wins over the system's light preference on a first visit.
        assert page.evaluate("document.documentElement.dataset.mode") == "dark"
        assert page.evaluate(accent) == "rgb(244, 163, 163)"
        page.click(".scholar-mode-button")
        assert page.evaluate("document.documentElement.dataset.mode") == "light"
        assert page.evaluate(accent) == "rgb(140, 21, 21)"
        assert page.evaluate("getComputedStyle(document.querySelector('.body p a')).color") == "rgb(140, 21, 21)"
        extra = page.eval_on_selector_all(
            ".scholar-extra-links a", "as => as.map(a => [a.textContent, a.getAttribute('href')])"
        )
        assert extra == [["Lab", "https://lab.example.org/"], ["Blog", "blog.html"]]
        footer = page.text_content(".scholar-footer")
        assert "Funded by <ERC>" in footer and "github" in footer
        assert errors == []
        context.close()
