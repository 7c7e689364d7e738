"""Fast tests of ``records/urls.py``, ``records/labels.py``, ``records/publication.py`` and
``records/people.py``, written to kill mutmut's surviving mutants (CONTRIBUTING.md, "Mutation
testing"): plain values in, plain values out.

What they pin: which addresses may become links and which one stands for an entry (a wrong
answer is an XSS or a dead title link), arXiv and DOI normalisation, the words and dates a page
shows in each language, short citation labels, and the YAML records (roles, dates, slugs, CV
locales) exactly as the renderers receive them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from sphinx_scholar.loaders.bibtex import parse_bibliography
from sphinx_scholar.records.labels import ENGLISH, N_, Labels, bcp47
from sphinx_scholar.records.people import (
    DEFAULT_GROUP_ORDER,
    DEFAULT_ROLES,
    CVEntry,
    CVLocale,
    Group,
    NewsItem,
    Person,
    Position,
    Profile,
    Project,
    Role,
    RoleRegistry,
    Talk,
    _end_of,
    cv_section,
    cv_section_title,
    latest_position,
    parse_date,
    safe_slug,
)
from sphinx_scholar.records.publication import DISPLAY_FIELDS, Author, Link, Publication
from sphinx_scholar.records.urls import (
    PREFERENCE,
    SAFE_SCHEMES,
    arxiv_abs_url,
    arxiv_id,
    arxiv_pdf_url,
    doi_url,
    is_safe_url,
    primary_link,
    same_address,
)


def one(source: str) -> Publication:
    found, _ = parse_bibliography(source, "x.bib")
    return found[0]


# -- urls ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://x.org", "remote"),
        ("http://x.org", "remote"),
        ("MailTo:a@b.org", "remote"),
        ("//cdn.org/x.js", "remote"),
        ("ftp://x.org", None),
        ("a+b.c-d:x", None),
        ("java\x7fscript:x", None),
        ("java\x9fscript:x", None),
        ("java\u202escript:x", None),
        ("java\ufeffscript:x", None),
        ("java\u2028script:x", None),
        ("\x00\x20", None),
        ("1http://x", None),
        ("docs/a b.pdf", "local"),
        ("files/paper.pdf?x=1:2", "local"),
        ("c:x", None),
        ("x\\y", None),
        ("#top", "local"),
    ],
)
def test_is_safe_url(url, expected):
    assert is_safe_url(url) == expected


def test_the_link_rules():
    assert frozenset({"http", "https", "mailto"}) == SAFE_SCHEMES
    assert PREFERENCE == ("html", "url", "arxiv", "doi", "pdf", "website", "hal")


def _with_links(*links: Link) -> Publication:
    return one("@misc{k, title={T}, year=2020}").__class__(
        **{**{f: getattr(one("@misc{k, title={T}, year=2020}"), f) for f in Publication.__slots__}, "links": links}
    )


def test_primary_link_follows_the_preference_and_skips_local_and_unsafe_links():
    pdf_local = Link("pdf", "pdf", "files/a.pdf", local=True)
    html_unsafe = Link("html", "html", "javascript:x")
    code = Link("code", "code", "https://c.org")
    pdf = Link("pdf", "pdf", "https://p.org/a.pdf")
    pdf2 = Link("pdf", "pdf", "https://p2.org/a.pdf")
    doi = Link("doi", "doi", "https://doi.org/10.1/x")
    arxiv = Link("arxiv", "arxiv", "https://arxiv.org/abs/2101.00001")
    url = Link("url", "url", "//u.org")
    html = Link("html", "html", "https://h.org")
    hal = Link("hal", "hal", "https://hal.science/x")
    website = Link("website", "website", "https://w.org")
    assert primary_link(_with_links()) is None
    assert primary_link(_with_links(pdf_local, html_unsafe, code)) is None
    assert primary_link(_with_links(hal, website)) is website
    assert primary_link(_with_links(hal, website, pdf2, pdf)) is pdf2
    assert primary_link(_with_links(pdf, doi)) is doi
    assert primary_link(_with_links(doi, arxiv)) is arxiv
    assert primary_link(_with_links(arxiv, url)) is url
    assert primary_link(_with_links(url, html_unsafe, html)) is html
    assert primary_link(_with_links(hal)) is hal


@pytest.mark.parametrize(
    ("url", "others", "expected"),
    [
        ("https://www.x.org/a/", ["http://x.org/a"], True),
        ("HTTPS://X.ORG/A", ["x.org/a"], True),
        ("https://dx.doi.org/10.1/x", ["https://doi.org/10.1/x"], True),
        ("https://arxiv.org/pdf/2101.00001v2.pdf", ["https://arxiv.org/abs/2101.00001"], True),
        ("https://arxiv.org/pdf/2101.00001", ["http://www.arxiv.org/abs/2101.00001v1"], True),
        ("https://arxiv.org/abs/2101.00001?x=1", ["https://arxiv.org/abs/2101.00001"], False),
        ("  https://x.org  ", ["x.org///"], True),
        ("https://x.org/a", ["https://x.org/b", "https://y.org/a"], False),
        ("https://x.org", [], False),
        ("ftp://x.org/a", ["https://x.org/a"], True),
        ("https://wwwx.org", ["https://x.org"], False),
    ],
)
def test_same_address(url, others, expected):
    assert same_address(url, others) is expected


@pytest.mark.parametrize(
    ("value", "primary_class", "expected"),
    [
        ("2101.12345", "", "2101.12345"),
        (" {2101.12345v3} ", "", "2101.12345"),
        ("arXiv:2101.1234", "", "2101.1234"),
        ("ARXIV:  2101.12345v12", "", "2101.12345"),
        ("https://export.arxiv.org/abs/2101.12345", "", "2101.12345"),
        ("HTTPS://WWW.ARXIV.ORG/PDF/2101.12345v3.PDF", "", "2101.12345"),
        ("https://arxiv.org/html/2101.12345v1/", "", "2101.12345"),
        ("arxiv.org/abs//2101.12345", "", "2101.12345"),
        ("2101.123456", "", "2101.123456"),  # not an identifier: kept as written
        ("21010.12345", "", "21010.12345"),
        ("2101.123", "", "2101.123"),
        ("quant-ph/9905086v2", "", "quant-ph/9905086"),
        ("Math.GT/0309136", "", "math/0309136"),
        ("hep-th/990508", "", "hep-th/990508"),
        ("9905086", "quant-ph", "quant-ph/9905086"),
        ("9905086v1", "arXiv: Quant-Ph", "quant-ph/9905086"),
        ("9905086", "cs.LG", "cs/9905086"),
        ("9905086", " ", "9905086"),
        ("9905086", "42", "9905086"),
        ("9905086", "-x", "9905086"),
        ("  something else  ", "", "something else"),
        ("XtraX", "", "XtraX"),
        ("9905086v2", "", "9905086"),  # no class given: the number alone
        ("a.pdf", "", "a"),
    ],
)
def test_arxiv_id(value, primary_class, expected):
    assert arxiv_id(value, primary_class) == expected
    if not primary_class:
        assert arxiv_id(value) == expected


def test_arxiv_and_doi_urls_are_quoted():
    assert arxiv_abs_url("hep-th/99_1.2") == "https://arxiv.org/abs/hep-th/99_1.2"
    assert arxiv_pdf_url("a b?<") == "https://arxiv.org/pdf/a%20b%3F%3C"
    assert arxiv_abs_url("a b?<") == "https://arxiv.org/abs/a%20b%3F%3C"
    assert doi_url(" DOI: 10.1/a(b);c:d_e-f.g h#") == "https://doi.org/10.1/a(b);c:d_e-f.g%20h%23"
    assert doi_url("HTTPS://DX.DOI.ORG/10.1/x") == "https://doi.org/10.1/x"
    assert doi_url("https://example.org/10.1/x") == "https://doi.org/https://example.org/10.1/x"


# -- labels ----------------------------------------------------------------------------------------


def test_words_overrides_and_plurals():
    assert N_("abc") == "abc" and bcp47("pt_BR") == "pt-BR" and bcp47(None) == "en" and bcp47("") == "en"
    french = Labels("fr", translate={"abstract": "résumé"}.get, translate_plural=lambda s, p, n: f"{n}:{s}|{p}")
    assert french.gettext("abstract") == "résumé"
    assert french.ngettext("one", "many", 3) == "3:one|many"
    assert ENGLISH.ngettext("one", "many", 1) == "one" and ENGLISH.ngettext("one", "many", 0) == "many"
    assert ENGLISH.gettext("x") == "x"
    custom = Labels(overrides={"abstract": 12, "%(count)s paper": "%(count)s article"})
    assert custom.gettext("abstract") == "12" and custom.gettext("bibtex") == "bibtex"
    assert custom.ngettext("%(count)s paper", "%(count)s papers", 1) == "%(count)s article"
    assert custom.ngettext("%(count)s paper", "%(count)s papers", 2) == "%(count)s article"
    both = Labels(overrides={"%(count)s paper": "un", "%(count)s papers": "des"})
    assert both.ngettext("%(count)s paper", "%(count)s papers", 1) == "un"
    assert both.ngettext("%(count)s paper", "%(count)s papers", 5) == "des"
    plural_only = Labels(overrides={"%(count)s papers": "des"})
    assert plural_only.ngettext("%(count)s paper", "%(count)s papers", 1) == "des"
    assert plural_only.ngettext("%(count)s paper", "%(count)s papers", 2) == "des"


def test_join_and_separator():
    assert ENGLISH.join([]) == "" and ENGLISH.join(["A"]) == "A"
    assert ENGLISH.join(["A", "B"]) == "A and B"
    assert ENGLISH.join(["A", "B", "C"]) == "A, B and C"
    assert Labels("ja").join(["A", "B", "C"]) == "A\u3001B and C"
    assert Labels("zh_TW").separator == "\u3001" and Labels("fr").separator == ", "
    french = Labels("fr", overrides={"%(first)s and %(last)s": "%(first)s et %(last)s"})
    assert french.join(["A", "B", "C"]) == "A, B et C"


def test_dates_in_a_language():
    french = Labels("fr")
    assert ENGLISH.date(None) == "" and ENGLISH.date(0, 5) == ""
    assert ENGLISH.date(2022) == "2022" and ENGLISH.date(2022, 0) == "2022" and ENGLISH.date(2022, 13) == "2022"
    assert ENGLISH.date(2022, 12) == "Dec 2022" and ENGLISH.date(2022, 1) == "Jan 2022"
    assert ENGLISH.date(2022, 7, 20) == "Jul 20, 2022" and ENGLISH.date(2022, 2, 30) == "Feb 2022"
    assert french.date(2022, 7, 20) == "20 juil. 2022" and french.date(2022, 7) == "juil. 2022"
    assert ENGLISH.date_text("2022-07-20") == "Jul 20, 2022" and ENGLISH.date_text(" 2022-7 ") == "Jul 2022"
    assert ENGLISH.date_text(2022) == "2022" and ENGLISH.date_text(None) == "" and ENGLISH.date_text("soon") == "soon"
    assert ENGLISH.date_text("2022-07-20x") == "2022-07-20x"
    for word in ("present", "Now", "CURRENT"):
        assert ENGLISH.date_text(word) == "present"
    for word in ("present", "PRESENT", "now", "current"):
        assert Labels("fr", overrides={"present": "présent"}).date_text(word) == "présent"
    assert ENGLISH.period("2020-07", "") == "Jul 2020 \u2013 present"
    assert ENGLISH.period(2019, "2021") == "2019 \u2013 2021"
    assert french.period("2020-07", None) == "juil. 2020 \u2013 present"


def test_numbers_and_locales():
    assert ENGLISH.number(3480) == "3,480" and Labels("fr").number(3480) == "3\u202f480"
    assert ENGLISH.number("3480") == "3,480" and ENGLISH.number("2.5") == "2.5" and ENGLISH.number(2.5) == "2.5"
    assert ENGLISH.number("x") == "x" and ENGLISH.number("1.2.3") == "1.2.3"
    assert ENGLISH.number(True) == "True" and ENGLISH.number(None) == "None"
    assert str(Labels("xx-bad").locale) == "en" and str(Labels("").locale) == "en"
    assert str(Labels("pt_BR").locale) == "pt_BR"


# -- publication -----------------------------------------------------------------------------------


def test_display_fields():
    assert (
        frozenset(
            [
                "abbr",
                "preview",
                "preview_hover",
                "selected",
                "bibtex_show",
                "pdf",
                "code",
                "html",
                "supp",
                "slides",
                "poster",
                "video",
                "blog",
                "website",
                "arxiv",
                "hal",
                "award",
                "award_name",
                "annotation",
                "additional_info",
                "altmetric",
                "dimensions",
                "google_scholar_id",
                "inspirehep_id",
                "tldr",
                "highlight",
                "citations",
                "owner",
                "timestamp",
                "file",
            ]
        )
        == DISPLAY_FIELDS
    )


def test_author_names():
    assert Author("Jean", "de la", "Fontaine").full_name == "Jean de la Fontaine"
    assert Author(last="Doe", jr="III").full_name == "Doe, III"
    assert Author(von="van", last="Dam").short_name == "van Dam"
    assert Author(first="Cher").full_name == "Cher" and Author().short_name == ""
    assert Author(first="A", last="B", others=True).full_name == "et al."


def test_fields_selected_and_sort_key():
    pub = one("@misc{k, title={T}, year=2020, month=mar, day=4, selected={ TRUE }, note={}}")
    assert pub.field("selected") == " TRUE " or pub.field("selected").strip() == "TRUE"
    assert pub.selected and pub.sort_key == (2020, 3, 4)
    assert pub.field("nope") == "" and pub.field("nope", "d") == "d" and pub.field("title", "d") == "T"
    assert pub.has("year") and not pub.has("nope")
    for value, chosen in (("1", True), ("yes", True), ("no", False), ("0", False), ("truth", False)):
        assert one(f"@misc{{k, title={{T}}, selected={{{value}}}}}").selected is chosen
    assert one("@misc{k, title={T}}").sort_key == (0, 0, 0)


@pytest.mark.parametrize(
    ("people", "label"),
    [
        ("author={Zhu, Yue and others}", "Zhu et al., 2020"),
        ("author={Zhu, Yue and Mary, J. and others}", "Zhu et al., 2020"),
        ("author={Zhu, Yue and Mary, J.}", "Zhu and Mary, 2020"),
        ("editor={Ed, Ita and Roe, R.}", "Ed and Roe, 2020"),
        ("editor={Ed, Ita and Roe, R. and Li, W.}", "Ed et al., 2020"),
        ("editor={Ed, Ita and others}", "Ed et al., 2020"),
        ("editor={Ed, Ita}", "Ed, 2020"),
        ("author={others}, editor={Ed, Ita}", "Ed, 2020"),
        ("", "A title that is longer than forty charac, 2020"),
    ],
)
def test_short_labels(people, label):
    pub = one(f"@misc{{k, {people}, title={{A title that is longer than forty characters}}, year=2020}}")
    assert pub.short_label == label


def test_short_labels_in_another_language_and_without_a_year_or_title():
    french = Labels("fr", overrides={"%(first)s and %(last)s": "%(first)s et %(last)s", "et al.": "et coll."})
    assert one("@misc{k, author={Zhu, Y. and Mary, J.}, year=2020}").short_label_in(french) == "Zhu et Mary, 2020"
    assert one("@misc{k, author={Zhu, Y. and others}, year=2020}").short_label_in(french) == "Zhu et coll., 2020"
    assert one("@misc{k, author={Zhu, Y.}}").short_label == "Zhu"
    assert one("@misc{thekey, title={}}").short_label == "thekey"


# -- people: roles ---------------------------------------------------------------------------------


def test_default_roles_and_order():
    assert [(r.key, r.label, r.singular, r.student) for r in DEFAULT_ROLES] == [
        ("pi", "Principal investigators", "Principal investigator", False),
        ("postdoc", "Postdocs", "Postdoc", False),
        ("phd", "PhD students", "PhD student", True),
        ("master", "Master students", "Master student", True),
        ("engineer", "Engineers", "Engineer", False),
        ("intern", "Interns", "Intern", True),
        ("visitor", "Visitors", "Visitor", False),
        ("bachelor", "Bachelor students", "Bachelor student", True),
        ("student", "Students", "Student", True),
    ]
    assert DEFAULT_GROUP_ORDER == ("pi", "postdoc", "phd", "master", "engineer", "intern", "visitor", "alumni")


def test_role_registry_relabels_adds_and_orders():
    roles = RoleRegistry()
    assert roles.label("alumni") == "Alumni" and roles.label("phd") == "PhD students"
    assert roles.get(" PhD ") == DEFAULT_ROLES[2] and roles.is_student("phd") and not roles.is_student("pi")
    assert roles.get("research_fellow") == Role("research_fellow", "Research fellow", "Research fellow")
    assert roles.rank("pi") == 0 and roles.rank("alumni") == 7 and roles.rank("nobody") == 6.5
    roles.update(
        {
            " Staff ": {"label": "Staff", "singular": "Staff member"},
            "PHD": "Doctoral students",
            "postdoc": {"singular": "Research fellow"},
            "fellow": {"student": True},
            "ALUMNI": {"label": "Former members"},
            "ignored": 3,
        }
    )
    assert roles.get("staff") == Role("staff", "Staff", "Staff member", False)
    assert roles.get("phd") == Role("phd", "Doctoral students", "Doctoral students", True)
    assert roles.get("postdoc") == Role("postdoc", "Postdocs", "Research fellow", False)
    assert roles.get("fellow") == Role("fellow", "Fellow", "Fellow", True)
    assert roles.label("alumni") == "Former members" and roles.get("ignored").label == "Ignored"
    assert roles.order == [*DEFAULT_GROUP_ORDER[:-1], "staff", "fellow", "alumni"]
    roles.update({"alumni": "Past"}, order=[" Fellow", "PI", "fellow"])
    assert roles.alumni_label == "Past" and roles.order == ["fellow", "pi"]
    assert roles.rank("pi") == 1 and roles.rank("phd") == 1.5  # no alumni in the order: after the last
    roles.update({"new": "New"})
    assert roles.order == ["fellow", "pi", "new"]
    assert RoleRegistry({"alumni": {"label": ""}}).alumni_label == "Alumni"
    assert RoleRegistry({"alumni": None}, alumni_label="Gone").alumni_label == "Gone"
    assert RoleRegistry(order=["phd"]).order == ["phd"]
    assert RoleRegistry({"phd": {"student": False}}).is_student("phd") is False


# -- people: dates, slugs, positions ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Élodie Straße", "elodie-strasse"),
        ("Søren Łukasz Æsop Œuvre", "soren-lukasz-aesop-oeuvre"),
        ("  --Hello,   World!--  ", "hello-world"),
        ("日本", "item"),
        ("", "item"),
        ("a" * 70, "a" * 60),
        ("a" * 59 + " b", "a" * 59),
        ("!" + "a" * 60, "a" * 60),  # the leading dash goes before the cut
    ],
)
def test_safe_slug(text, slug):
    assert safe_slug(text) == slug


def test_safe_slug_fallback_and_limit():
    assert safe_slug("!!", fallback="member") == "member" and safe_slug("abcdef", limit=3) == "abc"


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("2023-02", dt.date(2023, 2, 1), dt.date(2023, 2, 28)),
        ("2023-11", dt.date(2023, 11, 1), dt.date(2023, 11, 30)),
        (" 2023 ", dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
        ("2023-9-5", dt.date(2023, 9, 5), dt.date(2023, 9, 5)),
        ("2023-02-30", dt.date(2023, 1, 1), dt.date(2023, 1, 1)),
        ("2023 spring", dt.date(2023, 1, 1), dt.date(2023, 1, 1)),
        ("PRESENT", None, None),
        ("x2023", None, None),
    ],
)
def test_start_and_end_of_a_date(value, start, end):
    assert parse_date(value) == start and _end_of(value) == end


def test_positions():
    today = dt.date(2024, 6, 15)
    assert Position("phd", start="2024-06-15").is_current(today)
    assert not Position("phd", start="2024-06-16").is_current(today)
    assert Position("phd", start="2020", end="PRESENT").is_current(today)
    assert Position("phd", start="2020", end="2024-06").is_current(today)
    assert not Position("phd", start="2020", end="2024-05").is_current(today)
    assert Position("phd", start="2020", end="someday").is_current(today)
    assert Position("phd", start="2020", end=" Present ").ongoing and not Position("phd", end="2021").ongoing
    assert Position("phd", start="2020").years == "2020\u2013present"
    assert Position("phd", start="2020", end="2023").years == "2020-2023"
    assert Position("phd", start="2020", end="2020-12").years == "2020"
    assert Position("phd", start="", end="").years == ""
    assert Position("phd", start="soon", end="2021").years == "2021"
    first, ongoing, ended = Position("a", "2020"), Position("b", "2021"), Position("c", "2021", "2022")
    assert latest_position([first, ended, ongoing]) is ongoing
    assert latest_position([Position("x", "2021", "2023"), Position("y", "2021", "2024")]).role == "y"
    assert latest_position([Position("x", "2021"), Position("y", "")]).role == "x"


def test_person_derived_values():
    person = Person.from_dict(
        {
            "name": "Zoë d'Arc",
            "aliases": ["Z. Arc"],
            "positions": [{"role": "PhD", "start": "2020", "end": None}],
            "bio": None,
            "interests": None,
            "slug": None,
            "email": None,
        }
    )
    assert person.names == ("Zoë d'Arc", "Z. Arc") and person.page_slug == "zoe-d-arc"
    assert person.is_student and person.positions[0].end == "" and person.latest.role == "PhD"
    assert (person.bio, person.interests, person.slug, person.email) == ("", (), "", "")
    assert Person("x", (), slug="My Page").page_slug == "my-page" and Person("!", ()).page_slug == "member"
    assert person.is_current(dt.date(2021, 1, 1)) and not Person("x", ()).is_current(dt.date(2021, 1, 1))


# -- people: CV ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "title"),
    [
        ("selected_publications", "Selected Publications"),
        ("work_in_progress_of_the_lab", "Work in Progress of The Lab"),  # RenderCV's list of small words
        ("a_and_b", "a and B"),  # as RenderCV: a small word stays small, even first
        ("Already Titled", "Already Titled"),
        ("camelCase", "camelCase"),
        ("big__data", "Big  Data"),
        ("with space", "with space"),
    ],
)
def test_cv_section_title(key, title):
    assert cv_section_title(key) == title


def test_cv_locale_from_the_file():
    assert CVLocale.from_file({}) == CVLocale()
    assert CVLocale.from_file({"locale": "fr", "design": "x"}) == CVLocale()
    months = tuple(f"m{i}" for i in range(12))
    names = tuple(f"n{i}" for i in range(12))
    v1 = CVLocale.from_file(
        {
            "locale": {
                "abbreviations_for_months": list(months),
                "full_names_of_months": list(names),
                "present": "now",
                "to": "to",
                "date_template": "MONTH YEAR",
                "language": "French",
            }
        }
    )
    assert v1 == CVLocale(months, "now", "MONTH YEAR", "START_DATE to END_DATE", names, "DEGREE, AREA")
    v2 = CVLocale.from_file(
        {
            "locale": {
                "month_abbreviations": list(months),
                "abbreviations_for_months": ["x"] * 12,
                "month_names": ["short"] * 11,
                "to": "",
                "phrases": {"degree_with_area": "DEGREE of AREA"},
                "language": "english_uk",
            },
            "design": {"templates": {"single_date": "YEAR", "date_range": "START_DATE / END_DATE"}},
        },
        months=("site",) * 12,
        month_names=("site names",) * 12,
    )
    assert v2 == CVLocale(months, "present", "YEAR", "START_DATE / END_DATE", ("site names",) * 12, "DEGREE of AREA")
    site = CVLocale.from_file({"locale": {"to": 3}}, months=("s",) * 12)
    assert site.months == ("s",) * 12 and site.range == "START_DATE \u2013 END_DATE"


def test_cv_dates_with_every_template_word():
    every = CVLocale(
        single="MONTH_NAME|MONTH_ABBREVIATION|MONTH_IN_TWO_DIGITS|DAY_IN_TWO_DIGITS|YEAR_IN_TWO_DIGITS|MONTH|DAY|YEAR"
    )
    assert every.date("2018-09-05") == "September|Sept|09|05|18|9|5|2018"
    assert every.date("2018-3") == "March|Mar|03|01|18|3|1|2018"
    plain = CVLocale()
    assert plain.date("2018-12") == "Dec 2018" and plain.date("2018-01") == "Jan 2018"
    assert plain.date(2021) == "2021" and plain.date("2018-13") == "2018-13" and plain.date("2018-00") == "2018-00"
    assert plain.date(" Present ") == "present" and plain.date("soon") == "soon"
    named = CVLocale(single="MONTH_NAME", month_names=tuple(f"n{i}" for i in range(12)))
    assert named.date("2018-12") == "n11"
    entry = CVEntry.from_value
    assert (
        plain.dates(entry({"name": "N", "start_date": "2018-09", "end_date": "2020-01"})) == "Sept 2018 \u2013 Jan 2020"
    )
    assert plain.dates(entry({"name": "N", "start_date": 2018, "end_date": ""})) == "2018 \u2013 present"
    assert plain.dates(entry({"name": "N", "start_date": 2018, "end_date": None, "date": 1})) == "2018 \u2013 present"
    assert plain.dates(entry({"name": "N", "start_date": "", "date": "2019-05"})) == "May 2019"
    assert plain.dates(entry({"name": "N", "date": None, "end_date": "2019"})) == "2019"
    assert plain.dates(entry({"name": "N", "start_date": None})) == ""
    assert plain.dates(entry({"name": "N", "date": 0})) == "0"


def test_cv_entries_and_sections():
    assert CVEntry.type_of(3) is None and CVEntry.type_of("t") == "TextEntry"
    assert CVEntry.type_of({"label": 1, "name": 1}) == "OneLineEntry" and CVEntry.type_of({"x": 1}) is None
    assert CVEntry.from_value({"x": 1}) == CVEntry("NormalEntry", (("x", 1),))
    assert CVEntry.from_value({"name": "N"}, "BulletEntry") == CVEntry("BulletEntry", (("name", "N"),))
    assert CVEntry.from_value({"name": "N"}, "TextEntry") == CVEntry("NormalEntry", (("name", "N"),))
    assert cv_section([{"x": 1}, {"company": "C", "position": "P"}, "text"]) == [
        CVEntry("ExperienceEntry", (("x", 1),)),
        CVEntry("ExperienceEntry", (("company", "C"), ("position", "P"))),
        CVEntry("TextEntry", (("text", "text"),)),
    ]
    assert cv_section([{"x": 1}]) == [CVEntry("NormalEntry", (("x", 1),))]


# -- people: news, projects, groups, talks --------------------------------------------------------


def test_news_item():
    item = NewsItem.from_dict(
        {"date": dt.date(2024, 5, 17), "text": 3, "link": None, "image": None, "tags": [1, "b"]}, line=4
    )
    assert item == NewsItem("2024-05-17", "3", "", "", "", ("1", "b"), 4)
    assert item.day == dt.date(2024, 5, 17) and NewsItem("soon", "x").day == dt.date.min
    full = NewsItem.from_dict({"date": "2024", "text": "t", "link": "l", "image": "i", "image_alt": "a", "tags": None})
    assert full == NewsItem("2024", "t", "l", "i", "a", (), None)


def test_project():
    project = Project.from_dict(
        {
            "title": "Deep Ünits",
            "summary": None,
            "people": ["A", 2],
            "links": {"code": "https://c.org", 3: 4},
            "status": None,
            "keys": [1, "b"],
            "filter": None,
            "start": 2020,
            "end": None,
            "image": None,
            "image_alt": None,
        },
        line=9,
    )
    assert project == Project(
        "Deep Ünits",
        "deep-units",
        people=("A", "2"),
        links=(("code", "https://c.org"), ("3", "4")),
        keys=("1", "b"),
        start="2020",
        line=9,
    )
    assert Project.from_dict({"title": "T", "id": "My ID!", "status": "completed"}).slug == "my-id"
    assert Project.from_dict({"title": "T", "status": "completed"}).status == "completed"
    assert Project.from_dict({"title": "!!!"}).slug == "project"
    assert Project.from_dict({"title": "T", "filter": "year > 1", "summary": "S", "end": "2021"}) == Project(
        "T", "t", summary="S", filter="year > 1", end="2021"
    )


def test_group_and_its_profile():
    group = Group.from_dict(
        {
            "name": "Lab",
            "logo": "l.png",
            "institution": "Uni",
            "address": ["1 Road", "Town"],
            "email": None,
            "links": {"github": "lab"},
            "pages": {"Team": "team"},
            "description": None,
            "metrics": {"papers": 3},
        }
    )
    assert group == Group(
        "Lab",
        "l.png",
        "",
        ("Uni",),
        ("1 Road", "Town"),
        "",
        (("github", "lab"),),
        (("Team", "team"),),
        "",
        (("papers", 3),),
    )
    assert group.as_profile() == Profile(
        name="Lab",
        photo="l.png",
        photo_alt="Logo of Lab",
        affiliation=("Uni",),
        address=("1 Road", "Town"),
        links=(("github", "lab"),),
        pages=(("Team", "team"),),
        metrics=(("papers", 3),),
    )
    assert Group("G", logo_alt="Our logo", email="g@x.org").as_profile().photo_alt == "Our logo"
    assert Group("G", email="g@x.org").as_profile().email == "g@x.org"
    assert Group.from_dict({"name": "G"}) == Group("G")


def test_talk_links_in_their_order():
    talk = Talk.from_dict({"title": "T", "url": "u", "video": "v", "slides": "", "date": "2020-01"})
    assert talk == Talk("T", "", "", "2020-01", (("video", "v"), ("url", "u")))


def test_records_read_every_optional_key():
    person = Person.from_dict(
        {
            "name": "Ada",
            "positions": [{"role": "pi"}],
            "bio": "Hello.",
            "interests": ["ML"],
            "slug": "ada-l",
            "email": "ada@x.org",
        }
    )
    assert (person.bio, person.interests, person.slug, person.email) == ("Hello.", ("ML",), "ada-l", "ada@x.org")
    assert person.page_slug == "ada-l"
    project = Project.from_dict({"title": "T", "image": "i.png", "image_alt": "Alt"})
    assert (project.image, project.image_alt) == ("i.png", "Alt")
    assert Project.from_dict({"title": "T"}) == Project("T", "t")
    group = Group.from_dict({"name": "G", "logo_alt": "Our logo", "email": "g@x.org", "description": "About."})
    assert (group.logo_alt, group.email, group.description) == ("Our logo", "g@x.org", "About.")
    assert NewsItem.from_dict({"date": "2024", "text": "t"}) == NewsItem("2024", "t")
    assert Talk.from_dict({"title": "T"}) == Talk("T")


def test_cv_locale_month_names_of_each_version():
    names = tuple(f"n{i}" for i in range(12))
    assert CVLocale.from_file({"locale": {"month_names": list(names)}}).month_names == names
    assert CVLocale.from_file({"locale": {"full_names_of_months": list(names)}}).month_names == names
    assert CVLocale.from_file({"locale": {"month_abbreviations": list(names)}}).months == names
    assert CVLocale.from_file({"locale": {"abbreviations_for_months": list(names)}}).months == names


def test_numbers_written_as_text_keep_their_kind():
    assert ENGLISH.number("1234.5") == "1,234.5"
    assert ENGLISH.number("12345678901234567890") == "12,345,678,901,234,567,890"  # an int, not a float


def test_role_registry_update_goes_on_after_alumni_and_bad_values():
    roles = RoleRegistry({"alumni": "Past", "zz": "Zed", "bad": 3, "yy": "Why", "research_fellow": {"student": True}})
    assert roles.alumni_label == "Past" and roles.get("zz").label == "Zed" and roles.get("yy").label == "Why"
    assert roles.get("research_fellow") == Role("research_fellow", "Research fellow", "Research fellow", True)
    kept = RoleRegistry({"phd": {"student": False}}).get("phd")
    assert (kept.label, kept.singular, kept.student) == ("PhD students", "PhD student", False)


def test_cv_dates_skip_an_empty_date():
    entry = CVEntry.from_value({"name": "N", "date": "", "end_date": "2019-05"})
    assert CVLocale().dates(entry) == "May 2019"


def test_a_colon_after_the_first_slash_is_a_path():
    assert is_safe_url("x/a:b/c") == "local"
