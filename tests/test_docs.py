"""The documentation builds without a warning, its local links resolve, and it
documents every warning subtype and every option the code has."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import sphinx_build

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docs") / "html"
    run = sphinx_build(ROOT / "docs", out)
    assert run.returncode == 0, run.stderr
    return out


def test_local_links_and_anchors_resolve(docs):
    checked = 0
    for page in docs.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for link in soup.select("a[href]"):
            href = link["href"]
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("mailto:", "//")):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            assert target.exists(), f"{page.name}: {href}"
            if parts.fragment and target.suffix == ".html":
                ids = {
                    tag["id"] for tag in BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser").select("[id]")
                }
                assert unquote(parts.fragment) in ids, f"{page.name}: {href}"
            checked += 1
    assert checked > 50


def test_every_warning_subtype_is_documented():
    # Exactly, both ways, from the code's AST: see test_warnings.py.
    from test_warnings import documented_subtypes, emitted_subtypes

    assert emitted_subtypes() == set(documented_subtypes())


def _text(docs: Path, page: str) -> str:
    return BeautifulSoup((docs / page).read_text(encoding="utf-8"), "html.parser").get_text().replace("\u200b", "")


#: The configuration values users may set: removing or renaming one breaks their conf.py.
CONFIG_NAMES = {
    "scholar_bibfiles",
    "scholar_me",
    "scholar_style",
    "scholar_sort",
    "scholar_group_by",
    "scholar_abstract",
    "scholar_max_authors",
    "scholar_bibtex",
    "scholar_thumbnails",
    "scholar_search",
    "scholar_math",
    "scholar_download",
    "scholar_download_display_fields",
    "scholar_feed",
    "scholar_feed_size",
    "scholar_feed_title",
    "scholar_paper_pages",
    "scholar_paper_dir",
    "scholar_profile",
    "scholar_people",
    "scholar_teaching",
    "scholar_talks",
    "scholar_cv",
    "scholar_today",
    "scholar_preview_dir",
    # branch lab: people, news, projects, group card, member and project pages; branch realworld: citations
    "scholar_citations",
    "scholar_citations_max_age",
    "scholar_facets",
    "scholar_group",
    "scholar_max_keywords",
    "scholar_member_dir",
    "scholar_member_pages",
    "scholar_news",
    "scholar_news_feed",
    "scholar_project_dir",
    "scholar_project_pages",
    "scholar_projects",
    "scholar_role_order",
    "scholar_roles",
    # branch i18n
    "scholar_labels",
}


@pytest.fixture(scope="module")
def registered(tmp_path_factory):
    """What the extension registers in a real Sphinx app: config values with their
    defaults, and each directive's options."""
    from docutils.parsers.rst import directives as registry
    from sphinx.testing.util import SphinxTestApp

    src = tmp_path_factory.mktemp("registered")
    (src / "conf.py").write_text('extensions = ["sphinx_scholar"]\n')
    (src / "index.rst").write_text("x\n")
    app = SphinxTestApp("dummy", srcdir=src)
    try:
        config = {name: app.config[name] for name in dir(app.config) if name.startswith("scholar_")}
        directives = {
            name: cls
            for name, cls in registry._directives.items()
            if getattr(cls, "__module__", "").startswith("sphinx_scholar.directives")
        }
    finally:
        app.cleanup()
    return config, directives


def _reference_rows(docs: Path, page: str) -> list[list[str]]:
    soup = BeautifulSoup((docs / page).read_text(encoding="utf-8"), "html.parser")
    return [
        [td.get_text(" ", strip=True).replace("\u200b", "") for td in tr.select("td")]
        for tr in soup.select("table.scholar-reference tbody tr")
    ]


def test_the_config_reference_lists_what_sphinx_registers(docs, registered):
    config, _ = registered
    assert set(config) == CONFIG_NAMES
    rows = _reference_rows(docs, "reference/config.html")
    assert sorted(row[0] for row in rows) == sorted(config)
    assert {row[0]: row[1] for row in rows} == {name: repr(value) for name, value in config.items()}
    assert all(len(row[2]) > 20 for row in rows)


def test_each_directive_reference_lists_the_options_it_accepts(docs, registered):
    _, directives = registered
    assert set(directives) == {
        "publications",
        "profile-card",
        "students",
        "teaching",
        "talks",
        "cv",
        "people",
        "news",
        "projects",
        "group-card",
    }
    for name, directive in directives.items():
        rows = _reference_rows(docs, f"reference/{name}.html")
        options = [row[0] for row in rows if row[0].startswith(":")]
        assert options == [f":{option}:" for option in directive.option_spec], name
        takes_argument = bool(directive.optional_arguments or directive.required_arguments)
        assert (rows[0][0] == "argument") is takes_argument, name


def test_every_registered_directive_has_a_reference_page(docs, registered):
    _, directives = registered
    for name in directives:
        assert (docs / "reference" / f"{name}.html").exists(), name


def test_schema_fields_theme_options_and_css_variables_are_documented(docs):
    import json
    import re as re_

    root = ROOT / "sphinx_scholar"
    for kind, page in [
        ("profile", "profile-card"),
        ("people", "people"),
        ("teaching", "teaching"),
        ("talks", "talks"),
        ("cv", "cv"),
        ("news", "news"),
        ("projects", "projects"),
        ("group", "group-card"),
    ]:
        schema = json.loads((root / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        text = _text(docs, f"reference/{page}.html")
        top = schema["properties"]
        for field in top:
            assert field in text, (kind, field)
    theme_page = _text(docs, "theme.html")
    toml = (root / "theme" / "sphinx_scholar" / "theme.toml").read_text(encoding="utf-8")
    options = re_.findall(r"^([a-z_]+) = ", toml.split("[options]")[1], re_.M)
    assert len(options) >= 6
    for option in options:
        assert option in theme_page, option
    css = (root / "theme" / "sphinx_scholar" / "static" / "scholar-theme.css").read_text(encoding="utf-8")
    for prop in set(re_.findall(r"(--scholar-[a-z-]+):", css.split("}")[0])):
        assert prop in theme_page, prop


def test_user_guide_covers_what_users_ask(docs):
    for page, needles in {
        "getting-started.html": ["sphinx-scholar new", "--no-input"],
        "hosting.html": ["fail_on_warning", "upload-pages-artifact", "READTHEDOCS_CANONICAL_URL"],
        "migrating.html": ["papers.bib", "RenderCV", "preview_hover"],
        "theme.html": ['{% extends "!layout.html" %}', "accent_color_dark", "html_css_files"],
        "faq.html": ["suppress_warnings"],
        "lab.html": ["sphinx-scholar new --lab", "scholar_member_pages", "scholar_roles", "news.atom", "ablog"],
    }.items():
        text = _text(docs, page)
        for needle in needles:
            assert needle in text, (page, needle)
