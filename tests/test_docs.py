"""The documentation builds without a warning, its local links resolve, and it
documents every warning subtype and every option the code has."""

from __future__ import annotations

import re
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
                ids = {tag["id"] for tag in BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser").select("[id]")}
                assert unquote(parts.fragment) in ids, f"{page.name}: {href}"
            checked += 1
    assert checked > 50


def test_every_warning_subtype_is_documented():
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "sphinx_scholar").rglob("*.py"))
    used = set(re.findall(r'subtype="([a-z-]+)"', code))
    used |= set(re.findall(r'Problem\(\s*"([a-z-]+)"', code))
    used |= set(re.findall(r'subtype = "([a-z-]+)"', code))
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", (ROOT / "docs" / "warnings.md").read_text(encoding="utf-8"), re.M))
    assert used and used <= documented, used - documented


def _text(docs: Path, page: str) -> str:
    return BeautifulSoup((docs / page).read_text(encoding="utf-8"), "html.parser").get_text().replace("\u200b", "")


def test_reference_tables_are_generated_from_the_code(docs):
    from sphinx.application import Sphinx  # noqa: F401 - the directives below are what setup() registers

    from sphinx_scholar.config import CONFIG_VALUES
    from sphinx_scholar.directives.cv import CVDirective
    from sphinx_scholar.directives.group import GroupCardDirective
    from sphinx_scholar.directives.news import NewsDirective
    from sphinx_scholar.directives.people import PeopleDirective, StudentsDirective
    from sphinx_scholar.directives.profile import ProfileCardDirective
    from sphinx_scholar.directives.projects import ProjectsDirective
    from sphinx_scholar.directives.publications import PublicationsDirective
    from sphinx_scholar.directives.teaching import TalksDirective, TeachingDirective

    text = _text(docs, "reference/config.html")
    for name, *_ in CONFIG_VALUES:
        assert name in text
    directives = {"publications": PublicationsDirective, "profile-card": ProfileCardDirective,
                  "students": StudentsDirective, "teaching": TeachingDirective, "talks": TalksDirective,
                  "cv": CVDirective, "people": PeopleDirective, "news": NewsDirective,
                  "projects": ProjectsDirective, "group-card": GroupCardDirective}
    for name, directive in directives.items():
        text = _text(docs, f"reference/{name}.html")
        for option in directive.option_spec:
            assert f":{option}:" in text, (name, option)


def test_every_registered_directive_has_a_reference_page(docs, tmp_path):
    from docutils.parsers.rst import directives as registry
    from sphinx.testing.util import SphinxTestApp

    (tmp_path / "conf.py").write_text('extensions = ["sphinx_scholar"]\n')
    (tmp_path / "index.rst").write_text("x\n")
    app = SphinxTestApp("html", srcdir=tmp_path)
    try:
        ours = {name for name, cls in registry._directives.items()
                if getattr(cls, "__module__", "").startswith("sphinx_scholar.directives")}
    finally:
        app.cleanup()
    assert ours >= {"publications", "profile-card", "students", "teaching", "talks", "cv", "people", "news", "projects",
                    "group-card"}
    for name in ours:
        assert (docs / "reference" / f"{name}.html").exists(), name


def test_schema_fields_theme_options_and_css_variables_are_documented(docs):
    import json
    import re as re_

    root = ROOT / "sphinx_scholar"
    for kind, page in [("profile", "profile-card"), ("people", "people"), ("teaching", "teaching"),
                       ("talks", "talks"), ("cv", "cv"), ("news", "news"), ("projects", "projects"),
                       ("group", "group-card")]:
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
