"""Translations: the catalog is complete and current, the example site speaks
French and German, dates and numbers follow the locale, labels can be overridden."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from docutils import nodes

from sphinx_scholar.records.labels import Labels
from sphinx_scholar.records.people import Person, Profile
from sphinx_scholar.render.people import render_people
from sphinx_scholar.render.profile import render_profile

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "sphinx_scholar"
LOCALE = PACKAGE / "locale"
POT = LOCALE / "sphinx_scholar.pot"
LANGUAGES = ("fr", "de", "es", "it", "pt_BR", "zh_CN", "ja")
FIELD = re.compile(r"%\((\w+)\)s")


def _read_po(path: Path):
    with open(path, "rb") as handle:
        return read_po(handle)


def _msgids(catalog) -> set:
    return {message.id for message in catalog if message.id}


def _extracted() -> set:
    """The message ids in the sources now, as ``pybabel extract -F babel.cfg`` finds them."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(str(ROOT), method_map, options_map):
        if isinstance(message, tuple):
            message = message if len(message) > 1 and all(message) else message[0]
        if message:
            found.add(message)
    return found


# -- the catalog ----------------------------------------------------------------


def test_committed_pot_holds_every_string_of_the_sources():
    """Fails when a label is added (or removed) without re-extracting the template:
    run the command of docs/translations.md, then update the .po files."""
    committed = _msgids(_read_po(POT))
    extracted = _extracted()
    assert extracted - committed == set(), "new strings: re-run pybabel extract and translate them"
    assert committed - extracted == set(), "strings no longer used: re-run pybabel extract"
    assert len(committed) > 80


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalog_translates_every_message_with_the_same_fields(language):
    catalog = _read_po(LOCALE / language / "LC_MESSAGES" / "sphinx_scholar.po")
    assert _msgids(catalog) == _msgids(_read_po(POT))
    assert not catalog.fuzzy
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        assert all(strings), f"{language}: {message.id!r} is not translated"
        assert "fuzzy" not in message.flags, message.id
        for string in strings:
            # The same %(fields)s, or formatting the text fails at build time.
            assert set(FIELD.findall(string)) == set(FIELD.findall(ids[-1])), (language, message.id, string)


@pytest.mark.parametrize("language", LANGUAGES)
def test_committed_mo_match_the_po(language):
    folder = LOCALE / language / "LC_MESSAGES"
    po = _read_po(folder / "sphinx_scholar.po")
    with open(folder / "sphinx_scholar.mo", "rb") as handle:
        mo = read_mo(handle)

    def table(catalog) -> dict:
        def key(value):
            return tuple(value) if isinstance(value, (list, tuple)) else value

        return {key(m.id): key(m.string) for m in catalog if m.id}

    assert table(po) == table(mo), "recompile: pybabel compile -d sphinx_scholar/locale -D sphinx_scholar"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalog_states_its_review_status(language):
    header = (LOCALE / language / "LC_MESSAGES" / "sphinx_scholar.po").read_text(encoding="utf-8").split("msgid", 1)[0]
    assert "# Status:" in header


def test_wheel_ships_the_catalogs():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for pattern in ("locale/*.pot", "locale/*/LC_MESSAGES/*.po", "locale/*/LC_MESSAGES/*.mo"):
        assert pattern in text


# -- no English literal left behind ------------------------------------------------

#: Modules that write what readers see; warnings are excepted (they are logged).
EMITTING = [
    *sorted((PACKAGE / "render").glob("*.py")),
    *sorted((PACKAGE / "directives").glob("*.py")),
    *sorted((PACKAGE / "outputs").glob("*.py")),
    PACKAGE / "nodes" / "html.py",
]
#: Node constructors whose first two arguments are (rawsource, text).
TEXT_NODES = {"Text", "paragraph", "inline", "strong", "emphasis", "reference", "rubric", "summary", "literal", "title"}
#: Literal text that is not language: punctuation, separators, brand names, format names.
NOT_WORDS = re.compile(
    r"^[\s\W\d]*$|^(?:BibTeX|CSL-JSON|RIS|GitHub|Google Scholar|ORCID|DBLP|HAL|LinkedIn|Bluesky|Mastodon|X)$"
)


def _words_in(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
    return []


def _literal_labels(path: Path) -> list[str]:
    found = []
    for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(call, ast.Call):
            continue
        name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
        candidates = []
        if name in TEXT_NODES:
            candidates += call.args[:2]
        if name == "_inline":
            candidates += [k.value for k in call.keywords if k.arg == "text"]
        candidates += [k.value for k in call.keywords if k.arg in {"label", "alt", "title", "done"}]
        for candidate in candidates:
            for text in _words_in(candidate):
                if not NOT_WORDS.match(text):
                    found.append(f"{path.name}:{call.lineno}: {text!r}")
    return found


def test_no_english_literal_is_written_into_a_page():
    """A label written as a plain literal (``nodes.Text("Download")``) never
    reaches the catalog: it must be ``labels.gettext("Download")``."""
    found = [hit for path in EMITTING for hit in _literal_labels(path)]
    assert found == []


def test_the_literal_check_can_fail(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('from docutils import nodes\nnodes.Text("Download")\nnodes.paragraph("", "No data.")\n')
    assert len(_literal_labels(bad)) == 2


def _template_words(text: str) -> list[str]:
    text = re.sub(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}|<script.*?</script>|<style.*?</style>", " ", text, flags=re.S)
    words = re.findall(r">([^<>]*[A-Za-z]{2,}[^<>]*)<", text)
    words += re.findall(r'\b(?:title|aria-label|alt|placeholder)="([^"{]*[A-Za-z]{2,}[^"{]*)"', text)
    return [w.strip() for w in words if w.strip()]


def test_theme_templates_hold_no_untranslated_text():
    for template in (PACKAGE / "theme").rglob("*.html"):
        assert _template_words(template.read_text(encoding="utf-8")) == [], template
    assert _template_words('<span>Menu</span> <a title="Dark mode">xy</a>') == ["Menu", "xy", "Dark mode"]


def test_scripts_write_no_text_of_their_own():
    """The scripts take their words from the page (data-* attributes)."""
    assignment = re.compile(r"""(?:textContent|innerText|title|placeholder|ariaLabel)\s*=\s*["'][^"']*[A-Za-z]{2,}""")
    for script in [*(PACKAGE / "static").glob("*.js"), *(PACKAGE / "theme").rglob("*.js")]:
        text = script.read_text(encoding="utf-8")
        assert not assignment.search(text), script
        assert not re.search(r"""["'] ?publications?\b""", text), script
    assert assignment.search('button.textContent = "Copied";')


# -- the example site in French and German ---------------------------------------------

#: Classes of elements holding the researcher's own data (titles, names, venues...):
#: English there is the author's, not ours.
USER_DATA = (
    ".scholar-title, .scholar-authors, .scholar-venue, .scholar-abstract, .scholar-tldr, .scholar-annotation, "
    ".scholar-additional, .scholar-bibtex, .scholar-thesis, .scholar-person-name, .scholar-course-title, "
    ".scholar-profile-bio, .scholar-profile-name, .scholar-profile-position, .scholar-profile-affiliation, "
    ".scholar-profile-address, .scholar-cv-entry, .scholar-cv-header, .scholar-cv-section, .scholar-talk strong, "
    ".scholar-cv-bullets, .scholar-cv-text, .scholar-cv-numbered, "
    ".scholar-chip, .scholar-badge-venue, .scholar-badge-subject, .scholar-badge-org, .scholar-now, "
    ".scholar-brand, .scholar-menu .toctree-wrapper, .scholar-menu .toctree-l1, .scholar-course, .scholar-profile-links a, "
    "img.scholar-profile-photo, .scholar-news-text, .scholar-news-tag, .scholar-member-bio, .scholar-member-name, "
    ".scholar-project-summary, .scholar-project-title, img.scholar-project-image, .scholar-group-card .scholar-profile-bio"
)


def _english_labels(language: str) -> list[tuple[str, re.Pattern]]:
    """Every message id whose translation differs from the English, as a pattern
    matching the English text (fields match anything)."""
    catalog = _read_po(LOCALE / language / "LC_MESSAGES" / "sphinx_scholar.po")
    out = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english in ids:
            if english in strings:
                continue  # the same word in both languages ("pdf", "et al.")
            body = r".+?".join(re.escape(part) for part in FIELD.split(english)[::2])
            out.append((english, re.compile(rf"(?<![\w-]){body}(?![\w-])")))
    return out


def _visible_texts(html: str) -> list[str]:
    """What the package wrote: the theme's top bar and footer and the directives'
    output, minus the researcher's data; text and the attributes people hear or see."""
    soup = BeautifulSoup(html, "html.parser")
    for machine in soup.select("script, style"):
        machine.decompose()
    data = soup.select(USER_DATA)
    # Alt texts quote titles ("Figure from <title>"): the title part is the author's.
    quoted = sorted(
        {d.get_text(" ", strip=True) for d in data if len(d.get_text(strip=True)) > 3}, key=len, reverse=True
    )
    for element in data:
        element.decompose()
    texts = []
    for part in soup.select(".scholar-skip, .scholar-topbar, .scholar-footer, .scholar, .scholar-back"):
        texts += [t.strip() for t in part.find_all(string=True) if t.strip()]
        texts.append(" ".join(part.get_text(" ", strip=True).split()))  # labels around a link or a number
        for element in part.find_all(True):
            texts += [element[a] for a in ("alt", "title", "aria-label", "placeholder") if element.get(a)]
            texts += [
                v
                for k, v in element.attrs.items()
                if k.startswith(("data-label", "data-copied")) and isinstance(v, str)
            ]
    out = []
    for text in texts:
        for title in quoted:
            text = text.replace(title, "\u2026")
        out.append(text)
    return out


def _build(language: str, out: Path, source: Path = ROOT / "example_site") -> Path:
    extra = ["-D", "scholar_search=1", "-D", "scholar_bibtex=1"] if source.name == "example_site" else []
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            "-D",
            f"language={language}",
            *extra,
            str(source),
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return out


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("languages")
    return {language: _build(language, base / language) for language in ("fr", "de", "en")}


def _english_found(site: Path, language: str) -> list[str]:
    patterns = _english_labels(language)
    found = []
    for page in sorted(site.rglob("*.html")):
        for text in _visible_texts(page.read_text(encoding="utf-8")):
            found += [f"{page.name}: {english!r} in {text!r}" for english, pattern in patterns if pattern.search(text)]
    return found


@pytest.mark.slow
@pytest.mark.parametrize("language", ["fr", "de"])
def test_example_site_shows_no_english_label(sites, language):
    assert _english_found(sites[language], language) == []


@pytest.mark.slow
def test_lab_example_in_french(tmp_path):
    """The lab example (team, news, projects, member and project pages, news feed) in French."""
    site = _build("fr", tmp_path / "lab", ROOT / "examples" / "lab")
    assert _english_found(site, "fr") == []
    team = " | ".join(p.get_text() for p in _page(site, "team").select(".scholar-person-role"))
    assert "Responsable scientifique, 2015\u2013présent" in team
    news = _page(site, "news").select_one(".scholar-news-date").get_text()
    assert re.fullmatch(r"\d{1,2} [a-zéû]+\.? \d{4}", news), news
    projects = _page(site, "projects").select_one(".scholar-project-meta").get_text(" ", strip=True)
    assert re.match(r"(En cours|Terminé|Prévu) \d+ articles?", projects), projects
    feed = (site / "news.atom").read_text(encoding="utf-8")
    assert 'xml:lang="fr"' in feed and "Visual Learning Lab\u00a0: actualités" in feed


@pytest.mark.slow
def test_the_english_label_check_can_fail(sites):
    """The same check on the English build finds the English labels."""
    found = "\n".join(_english_found(sites["en"], "fr"))
    for label in (
        "'Current'",
        "'Alumni'",
        "'abstract'",
        "'Skip to content'",
        "'Filter publications'",
        "'Last updated %(date)s'",
        "'Copied'",
        "'%(first)s and %(last)s'",
        "'Figure from %(title)s'",
        "'Built with %(sphinx)s and %(scholar)s'",
    ):
        assert label in found


def _page(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.slow
def test_french_site_dates_headings_and_lang(sites):
    fr = sites["fr"]
    home = _page(fr, "index")
    assert home.html["lang"] == "fr"
    assert [h.get_text() for h in home.select(".scholar-students .scholar-group-heading")] == [
        "Doctorants actuels",
        "Anciens doctorants",
    ]
    assert "avec Jérémie Mary (Criteo)" in home.select_one(".scholar-person-line").get_text()
    assert re.search(
        r"Dernière mise à jour le \d{1,2} [a-zéû]+\.? \d{4}", home.select_one(".scholar-footer").get_text()
    )
    cv = _page(fr, "cv")
    assert "sept. 2020 \u2013 présent" in cv.select_one(".scholar-cv-when").get_text()
    assert "juin 2023" in " ".join(t.get_text() for t in cv.select(".scholar-talk"))
    pubs = _page(fr, "publications")
    assert pubs.select_one(".scholar-abstract-box summary").get_text() == "Résumé"
    box = pubs.select_one(".scholar-filter")
    assert box.select_one("input")["placeholder"] == "Filtrer les publications"
    assert box["data-label-of-one"] == "%(shown)s publication sur %(total)s"
    assert box["data-label-of-other"] == "%(shown)s publications sur %(total)s"
    assert box.select_one(".scholar-filter-status").get_text() == "22 publications"
    assert "Articles de revue" in box.get_text()
    assert pubs.select_one(".scholar-copy")["data-copied"] == "Copié"


@pytest.mark.slow
def test_parallel_build_speaks_the_same_french(sites, tmp_path):
    """Worker processes read the same catalog: -j 2 writes the same French pages."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-j",
            "2",
            "-b",
            "html",
            "-D",
            "language=fr",
            "-D",
            "scholar_search=1",
            "-D",
            "scholar_bibtex=1",
            str(ROOT / "example_site"),
            str(tmp_path / "j2"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    for name in ("index", "publications", "cv", "teaching"):
        assert _page(tmp_path / "j2", name).select_one("main").get_text(" ", strip=True) == _page(
            sites["fr"], name
        ).select_one("main").get_text(" ", strip=True)


@pytest.mark.slow
def test_german_site_dates(sites):
    de = sites["de"]
    assert _page(de, "index").html["lang"] == "de"
    assert "Sept. 2020 \u2013 heute" in _page(de, "cv").select_one(".scholar-cv-when").get_text()
    assert "Juni 2023" in " ".join(t.get_text() for t in _page(de, "cv").select(".scholar-talk"))


# -- renderers: numbers, words and grammar in the labels' locale ---------------------------


def catalog_labels(language: str) -> Labels:
    """Labels reading the shipped catalog, as a site in ``language`` has them."""
    import gettext

    from sphinx_scholar.sphinxext.labels import LOCALE_DIR

    translations = gettext.translation("sphinx_scholar", str(LOCALE_DIR), languages=[language])
    return Labels(language, translations.gettext, translations.ngettext)


def test_metrics_numbers_follow_the_locale():
    profile = Profile.from_dict({"name": "Ada", "interests": ["vision", "learning"]})
    card = render_profile(
        profile,
        photo=None,
        bio=[],
        page_link=lambda label, doc: nodes.Text(label),
        metrics={"citations": 3480, "h_index": 21},
        labels=catalog_labels("fr"),
    )
    text = card.astext().replace("\u202f", " ").replace("\xa0", " ")
    assert "3 480 citations" in text
    assert "21 indice h" in text
    assert "Thèmes de recherche : vision, learning" in text
    english = render_profile(
        profile,
        photo=None,
        bio=[],
        page_link=lambda label, doc: nodes.Text(label),
        metrics={"citations": 3480},
        labels=Labels(),
    )
    assert "3,480 Citations" in english.astext()


def _people_text(labels: Labels) -> str:
    person = Person.from_dict(
        {
            "name": "Ana",
            "now": {"title": "Researcher", "organization": "Inria"},
            "positions": [
                {
                    "role": "phd",
                    "start": "2019",
                    "end": "2022",
                    "co_supervisors": [{"name": "B", "affiliation": "X"}, {"name": "C", "affiliation": "X"}],
                }
            ],
        }
    )
    import datetime as dt

    out = render_people([person], today=dt.date(2024, 1, 1), name_node=lambda p: nodes.Text(p.name), labels=labels)
    return "\n".join(node.astext() for node in out)


def test_people_lines_in_french_and_japanese():
    labels = catalog_labels
    assert _people_text(Labels()) == "Alumni\nAna, 2019-2022, with B and C at X, now Researcher at Inria"
    assert (
        _people_text(labels("fr"))
        == "Anciens doctorants\nAna, 2019-2022, avec B et C (X), désormais Researcher à Inria"
    )
    assert "B、C（X）と共同指導" in _people_text(labels("ja"))


def test_dates_in_every_shipped_locale():
    assert Labels("fr").date(2022, 7, 20) == "20 juil. 2022"
    assert catalog_labels("fr").period("2022-07", "") == "juil. 2022 \u2013 présent"
    assert Labels("fr").period("2022-07", "present") == "juil. 2022 \u2013 present"  # no catalog: English words
    assert Labels().date(2022, 7, 20) == "Jul 20, 2022"
    assert Labels("ja").date(2022, 7) == "2022年7月"
    assert Labels("xx").date(2022, 7, 20) == "Jul 20, 2022"  # a locale Babel does not know: English formats
    assert Labels("de").date(2022) == "2022"


def test_overrides_win_and_plural_overrides_take_either_form():
    labels = Labels(
        "eu", overrides={"Journal articles": "Aldizkari-artikuluak", "%(count)s publications": "%(count)s argitalpen"}
    )
    assert labels.gettext("Journal articles") == "Aldizkari-artikuluak"
    assert labels.gettext("Books") == "Books"
    assert labels.ngettext("%(count)s publication", "%(count)s publications", 5) == "%(count)s argitalpen"


# -- a page in another language, a language we do not ship -------------------------------

BASIC = ROOT / "tests" / "roots" / "test-basic"


def _project(tmp_path: Path, conf: str, index: str) -> Path:
    from conftest import write_project

    return write_project(
        tmp_path / "src",
        {
            "conf.py": 'extensions = ["sphinx_scholar"]\nscholar_bibfiles = ["refs.bib"]\n' + conf,
            "refs.bib": (BASIC / "refs.bib").read_text(encoding="utf-8"),
            "index.rst": "Home\n====\n\n" + index,
        },
    )


def test_language_option_switches_one_directive(tmp_path, build):
    """A bilingual page: the site is English, one list is French and says so (lang="fr")."""
    src = _project(
        tmp_path,
        'language = "en"\nhtml_theme = "sphinx_scholar"\n',
        ".. publications::\n   :group-by: type\n\n"
        ".. publications::\n   :group-by: type\n   :language: fr\n   :search:\n\n"
        ".. publications::\n   :language: pt-BR\n   :keys: zhu2023h3wb\n",
    )
    app = build(src)
    from conftest import soup_of, warnings_of

    assert warnings_of(app) == []
    page = soup_of(app)
    assert page.html["lang"] == "en"
    english, french, portuguese = page.select(".scholar-publication-list")
    assert "lang" not in english.attrs
    assert french["lang"] == "fr" and portuguese["lang"] == "pt-BR"
    assert "Conference papers" in [h.get_text() for h in english.select(".scholar-group-heading")]
    assert "Articles de conférence" in [h.get_text() for h in french.select(".scholar-group-heading")]
    assert french.select_one("summary").get_text() == "Résumé"
    assert french.select_one(".scholar-filter input")["placeholder"] == "Filtrer les publications"
    assert portuguese.select_one("summary").get_text() == "Resumo"
    # Anchors do not depend on the language: links to a group survive a translation.
    assert french.select_one(".scholar-group-heading")["id"].startswith("pubs-")
    assert page.select_one(".scholar-footer").get_text().count("Built with") == 1


def test_bad_language_option_is_a_located_warning(tmp_path, build):
    src = _project(
        tmp_path,
        'scholar_talks = "talks.yaml"\n',
        ".. publications::\n   :language: not a language\n\n.. talks::\n   :language: fr!\n",
    )
    (src / "talks.yaml").write_text("talks:\n  - title: A talk\n    date: 2023-06\n", encoding="utf-8")
    app = build(src)
    from conftest import soup_of, warnings_of

    found = warnings_of(app)
    assert len(found) == 2 and all("index.rst" in w and ":language:" in w and "[scholar.option]" in w for w in found)
    assert "Jun 2023" in soup_of(app).select_one(".scholar-talk").get_text()  # the site's language, still shown


def test_labels_overridable_for_a_language_we_do_not_ship(tmp_path, build):
    """Basque is not shipped: English labels, except those scholar_labels gives."""
    src = _project(
        tmp_path,
        'language = "eu"\nscholar_labels = {"Journal articles": "Aldizkari-artikuluak", '
        '"abstract": "Laburpena", "fr": {"abstract": "Synthèse"}}\n',
        ".. publications::\n   :group-by: type\n\n.. publications::\n   :language: fr\n   :keys: zhu2023h3wb\n",
    )
    app = build(src)
    from conftest import soup_of

    page = soup_of(app)
    headings = [h.get_text() for h in page.select(".scholar-group-heading")]
    assert "Aldizkari-artikuluak" in headings and "Conference papers" in headings
    summaries = [s.get_text() for s in page.select("summary")]
    assert summaries[0] == "Laburpena" and summaries[-1] == "Synthèse"


def test_a_project_catalog_adds_a_language(tmp_path, build):
    """A sphinx_scholar.po in the project's locale_dirs translates the labels
    (compiled by the build), and wins over ours for a shipped language."""
    src = _project(tmp_path, 'language = "eu"\nlocale_dirs = ["locales"]\n', ".. publications::\n   :group-by: type\n")
    po = src / "locales" / "eu" / "LC_MESSAGES" / "sphinx_scholar.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Conference papers"\nmsgstr "Biltzarretako artikuluak"\n',
        encoding="utf-8",
    )
    app = build(src)
    from conftest import soup_of

    assert "Biltzarretako artikuluak" in [h.get_text() for h in soup_of(app).select(".scholar-group-heading")]


def test_feed_title_and_hreflang_follow_the_language(tmp_path, build):
    src = _project(
        tmp_path,
        'language = "de"\nproject = "Labor"\nscholar_feed = True\nhtml_baseurl = "https://example.org/"\n',
        ".. publications::\n",
    )
    app = build(src)
    from conftest import soup_of

    link = soup_of(app).select_one('link[type="application/atom+xml"]')
    assert link["title"] == "Labor: Publikationen" and link["hreflang"] == "de"
    feed = (Path(app.outdir) / "publications.atom").read_text(encoding="utf-8")
    assert 'xml:lang="de"' in feed and "<title>Labor: Publikationen</title>" in feed
