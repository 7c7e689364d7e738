"""Every option, style and field of ``publications``, asserted on parsed HTML."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOTS, soup_of, warnings_of

FIELDS = ROOTS / "test-fields"
ORDER_NEWEST = [
    "pub-many2020authors",
    "pub-proc2019child",
    "pub-proc2019",
    "pub-luvizon2018multitask",
    "pub-fellus2015gossip",
    "pub-negrel2014thesis",
]


@pytest.fixture
def project(tmp_path):
    """A copy of test-fields whose index.rst the test writes."""

    count = iter(range(100))

    def make(body: str, conf: str = "", name: str = "index.rst") -> Path:
        root = tmp_path / f"src{next(count)}"
        shutil.copytree(FIELDS, root)
        (root / name).write_text(body, encoding="utf-8")
        if conf:
            with open(root / "conf.py", "a", encoding="utf-8") as handle:
                handle.write("\n" + conf + "\n")
        return root

    return make


def directive(*options: str) -> str:
    lines = ["Title", "=====", "", ".. toctree::", "", "   other", "", ".. publications::"]
    lines += [f"   {option}" for option in options]
    return "\n".join(lines) + "\n"


def myst_directive(*options: str) -> str:
    quoted = []
    for option in options:
        # MyST reads option values as YAML scalars: one that starts with a
        # quote must be quoted as a whole (documented in the filter reference).
        name, _, value = option.partition(": ")
        if value[:1] in {'"', "'"}:
            option = f"{name}: '" + value.replace("'", "''") + "'"
        quoted.append(option)
    lines = ["# Title", "", "```{toctree}", "other", "```", "", "```{publications}", *quoted, "```"]
    return "\n".join(lines) + "\n"


MYST_CONF = 'extensions = ["myst_parser", "sphinx_scholar"]'


@pytest.fixture(params=["rst", "myst"])
def syntax_project(request, project):
    """The same directive options written in RST or in MyST Markdown."""

    def make(*options: str) -> Path:
        if request.param == "rst":
            return project(directive(*options))
        root = project(myst_directive(*options), conf=MYST_CONF, name="index.md")
        (root / "index.rst").unlink()
        return root

    make.syntax = request.param
    return make


def ids(page) -> list[str]:
    return [node["id"] for node in page.select(".scholar-pub")]


def test_list_citation_punctuation(project, build):
    page = soup_of(build(project(directive())))
    text = {
        li["id"]: re.sub(r"\s+", " ", li.select_one(".scholar-citation").get_text())
        for li in page.select(".scholar-pub")
    }
    assert text["pub-many2020authors"].startswith(
        "Anna Alpha, Bob Beta, Gus Gamma, Dan Delta, Eve Epsilon, David Pi\u00e7ard\u2020, et al. A paper"
    )
    assert text["pub-proc2019"] == "Proceedings of the Parent Conference. Parent Press, 2019."
    assert (
        text["pub-negrel2014thesis"]
        == "Romain Negrel. Representation learning for image retrieval. PhD thesis, Universit\u00e9 de Cergy-Pontoise, 2014."
    )


def test_default_list_newest_first_with_source_order_tiebreak(project, build):
    app = build(project(directive()))
    assert warnings_of(app) == []
    page = soup_of(app)
    # proc2019child and proc2019 share a year: the file order decides.
    assert ids(page) == ORDER_NEWEST
    assert page.select_one("ul.scholar-publications.scholar-style-list") is not None


def test_rst_and_myst_give_the_same_list(project, build, tmp_path):
    rst = soup_of(build(project(directive(":filter: year >= 2015", ":style: barron"))))
    myst_root = tmp_path / "myst"
    shutil.copytree(FIELDS, myst_root)
    (myst_root / "index.rst").unlink()
    (myst_root / "conf.py").write_text(
        (FIELDS / "conf.py").read_text() + '\nextensions = ["myst_parser", "sphinx_scholar"]\n'
    )
    (myst_root / "index.md").write_text(
        "# Title\n\n```{toctree}\nother\n```\n\n```{publications}\n:filter: year >= 2015\n:style: barron\n```\n"
    )
    myst_app = build(myst_root)
    assert warnings_of(myst_app) == []
    myst = soup_of(myst_app)
    assert ids(myst) == ids(rst) == ORDER_NEWEST[:-1]
    assert [t.get_text() for t in myst.select(".scholar-title")] == [t.get_text() for t in rst.select(".scholar-title")]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ([":keys: fellus2015gossip, negrel2014thesis"], ["pub-fellus2015gossip", "pub-negrel2014thesis"]),
        (
            [":keys: negrel2014thesis fellus2015gossip", ":sort: given"],
            ["pub-negrel2014thesis", "pub-fellus2015gossip"],
        ),
        ([":selected:"], ["pub-luvizon2018multitask"]),
        ([':filter: type in {"article", "phdthesis"}'], ["pub-fellus2015gossip", "pub-negrel2014thesis"]),
        ([':filter: "LG" in keywords and year < 2020'], ["pub-fellus2015gossip"]),
        ([":filter: code"], ["pub-luvizon2018multitask"]),
        ([':filter: "Negrel" in author'], ["pub-negrel2014thesis"]),
        (
            [':filter: "R. Negrel" in author or "Jerome Fellus" in author'],
            ["pub-fellus2015gossip", "pub-negrel2014thesis"],
        ),
        ([':filter: "P. Negrel" in author'], []),
        ([':filter: "Romain Negrel" in author'], ["pub-negrel2014thesis"]),
        ([':filter: "gossip" in title or venue == "neurocomputing"'], ["pub-fellus2015gossip"]),
        (
            [":filter: not selected and year >= 2019", ":sort: oldest"],
            ["pub-proc2019child", "pub-proc2019", "pub-many2020authors"],
        ),
        ([":sort: title", ":limit: 2"], ["pub-luvizon2018multitask", "pub-proc2019child"]),
        ([":limit: 1"], ["pub-many2020authors"]),
    ],
)
def test_selection_options(syntax_project, build, options, expected):
    app = build(syntax_project(*options))
    assert warnings_of(app) == []
    assert ids(soup_of(app)) == expected


@pytest.mark.parametrize(
    "expression",
    ["__import__('os').system('true')", "year >=", "title.upper() == 'X'", "[x for x in keywords]", "year ** 2 > 1"],
)
def test_bad_filter_is_a_located_warning_and_shows_everything(syntax_project, build, expression):
    app = build(syntax_project(f":filter: {expression}"))
    warnings = warnings_of(app)
    assert len(warnings) == 1
    line = 8 if syntax_project.syntax == "rst" else 7
    assert re.search(
        rf"index\.(rst|md):{line}: WARNING: publications: invalid filter .*\[scholar\.filter\]", warnings[0]
    )
    assert ids(soup_of(app)) == ORDER_NEWEST


def test_group_by_year_has_headings_one_level_below_the_section(project, build):
    page = soup_of(build(project(directive(":group-by: year"))))
    headings = page.select(".scholar-group-heading")
    assert [h.get_text() for h in headings] == ["2020", "2019", "2018", "2015", "2014"]
    assert {h.name for h in headings} == {"h2"}
    assert headings[0]["id"] == "pubs-2020"
    # Each heading is followed by its own list.
    assert [li["id"] for li in headings[1].find_next_sibling("ul").select("li")] == [
        "pub-proc2019child",
        "pub-proc2019",
    ]


def test_group_by_type_and_keyword(project, build):
    page = soup_of(build(project(directive(":group-by: type"))))
    assert [h.get_text() for h in page.select(".scholar-group-heading")] == [
        "Other",
        "Conference papers",
        "Edited proceedings",
        "Journal articles",
        "Theses",
    ]
    page = soup_of(build(project(directive(":group-by: keyword"))))
    headings = [h.get_text() for h in page.select(".scholar-group-heading")]
    assert headings == ["CV", "LG", "pose", "theory", "Other"]


def test_nested_section_headings_are_h3(project, build):
    body = "Title\n=====\n\n.. toctree::\n\n   other\n\nSub\n---\n\n.. publications::\n   :group-by: year\n"
    page = soup_of(build(project(body)))
    assert {h.name for h in page.select(".scholar-group-heading")} == {"h3"}


def test_owner_in_bold_with_initials_accents_and_marks(project, build):
    page = soup_of(build(project(directive())))
    for key in ("luvizon2018multitask", "fellus2015gossip", "many2020authors", "proc2019child"):
        mine = page.select(f"#pub-{key} .scholar-me")
        assert len(mine) == 1, key
        assert mine[0].name == "strong"
    # "Pi{\c{c}}ard, David$^\dagger$" keeps its mark as a superscript and still matches.
    mark = page.select_one("#pub-many2020authors .scholar-me sup.scholar-mark")
    assert mark is not None and mark.get_text() == "\u2020"
    assert page.select_one("#pub-negrel2014thesis .scholar-me") is None


def test_highlight_option_adds_names(project, build):
    page = soup_of(build(project(directive(":highlight: Romain Negrel; Tabia, Hedi"))))
    assert page.select_one("#pub-negrel2014thesis .scholar-me").get_text() == "Romain Negrel"
    names = [n.get_text() for n in page.select("#pub-luvizon2018multitask .scholar-me")]
    assert names == ["David Picard", "Hedi Tabia"]


def test_max_authors_cuts_with_et_al_and_keeps_the_owner(project, build):
    page = soup_of(build(project(directive(":max-authors: 3"))))
    authors = page.select_one("#pub-many2020authors .scholar-authors")
    text = authors.get_text()
    assert text.startswith("Anna Alpha, Bob Beta, Gus Gamma, \u2026, David Pi\u00e7ard")
    assert text.endswith("et al.")
    assert "Dan Delta" not in text
    # "and others" alone also gives et al.
    full = soup_of(build(project(directive())))
    assert full.select_one("#pub-many2020authors .scholar-etal").get_text() == "et al."


def test_latex_becomes_clean_text_emphasis_and_math(project, build):
    page = soup_of(build(project(directive())))
    title = page.select_one("#pub-many2020authors .scholar-title")
    assert title.select_one("em").get_text() == "emphasis"
    assert title.select_one("strong").get_text() == "strength"
    assert title.select_one("span.scholar-math").get_text() == "\u03b1"
    assert "\u2014 really" in title.get_text()
    for node in page.select(".scholar-title, .scholar-authors, .scholar-venue"):
        assert not re.search(r"[\\{}]", node.get_text()), node.get_text()
    # No math renderer is loaded for a symbol in a title.
    assert not any("mathjax" in (s.get("src") or "") for s in page.select("script"))


def test_math_can_be_rendered_by_mathjax(project, build):
    page = soup_of(build(project(directive(), conf='scholar_math = "render"')))
    title = page.select_one("#pub-many2020authors .scholar-title")
    assert title.select_one("span.math").get_text() == r"\(\alpha\)"
    assert any("mathjax" in (s.get("src") or "") for s in page.select("script"))
    assert page.select_one("#pub-fellus2015gossip .scholar-authors").get_text().startswith("J\u00e9r\u00f4me Fellus")
    assert (
        page.select_one("#pub-negrel2014thesis .scholar-venue").get_text()
        == "PhD thesis, Universit\u00e9 de Cergy-Pontoise, 2014"
    )


def test_links_fields_and_badges(project, build):
    app = build(project(directive(":style: barron")))
    page = soup_of(app)
    item = page.select_one("#pub-luvizon2018multitask")
    links = {a.get_text(): a["href"] for a in item.select(".scholar-links a")}
    assert links["arxiv"] == "https://arxiv.org/abs/1802.09232"
    assert links["doi"] == "https://doi.org/10.1109/CVPR.2018.00539"
    assert links["hal"] == "https://hal.science/hal-01815707"
    assert links["code"] == "https://github.com/dluvizon/deephar"
    assert re.fullmatch(r"_downloads/[0-9a-f]+/paper\.pdf", links["pdf"])
    assert list(links) == ["arxiv", "pdf", "code", "doi", "hal"]
    # The local PDF is published with the page, byte for byte.
    assert (Path(app.outdir) / links["pdf"]).read_bytes() == (FIELDS / "img" / "paper.pdf").read_bytes()
    badges = [b.get_text() for b in item.select(".scholar-badge")]
    assert badges == ["CVPR", "Oral"]
    assert item.select_one("a.scholar-title")["href"] == "https://arxiv.org/abs/1802.09232"
    assert item.select_one(".scholar-tldr").get_text() == "One network for pose and action."
    assert item.select_one(".scholar-annotation").get_text() == "* equal contribution"  # the mark is a superscript
    assert item.select_one(".scholar-annotation sup").get_text() == "*"
    assert item.select_one(".scholar-additional").get_text() == "Extended version in TPAMI."
    assert "scholar-highlight" in item["class"]
    # barron: a tldr replaces the abstract paragraph, which stays collapsed.
    assert item.select_one("details.scholar-abstract-box") is not None


def test_thumbnails_lazy_sized_with_hover_swap(project, build):
    app = build(project(directive(":style: barron")))
    page = soup_of(app)
    thumb = page.select_one("#pub-luvizon2018multitask .scholar-thumb")
    assert "scholar-thumb-swap" in thumb["class"]
    main, hover = thumb.select("img")
    assert thumb.select("a") == []  # not wrapped in links to the image files
    assert "scholar-thumb-main" in main["class"] and "scholar-thumb-hover" in hover["class"]
    for img in (main, hover):
        assert img["loading"] == "lazy"
        assert (img["width"], img["height"]) == ("320", "240")
        assert img["alt"].startswith("Figure from 2D/3D Pose Estimation")
        assert (Path(app.outdir) / img["src"]).is_file()
    no_thumbs = soup_of(build(project(directive(":style: barron", ":thumbnails: no"))))
    assert no_thumbs.select("img") == []
    assert "scholar-no-thumb" in no_thumbs.select_one("#pub-luvizon2018multitask .scholar-barron")["class"]


@pytest.mark.parametrize(("mode", "details", "shown"), [("hidden", 0, 0), ("collapsed", 1, 0), ("shown", 0, 1)])
def test_abstract_modes(project, build, mode, details, shown):
    page = soup_of(build(project(directive(f":abstract: {mode}"))))
    item = page.select_one("#pub-luvizon2018multitask")
    assert len(item.select("details.scholar-abstract-box")) == details
    assert len(item.select("p.scholar-abstract")) == details + shown
    if details:
        box = item.select_one("details.scholar-abstract-box")
        assert not box.has_attr("open")
        assert box.select_one("summary").get_text() == "abstract"


def test_bibtex_box_is_clean_with_copy_button(project, build):
    app = build(project(directive(":bibtex:")))
    page = soup_of(app)
    box = page.select_one("#pub-luvizon2018multitask details.scholar-bibtex-box")
    code = box.select_one("#pub-luvizon2018multitask-bibtex").get_text()
    assert code.startswith("@inproceedings{luvizon2018multitask,")
    assert "author = {Luvizon, Diogo and Picard, David and Tabia, Hedi}" in code
    assert "booktitle = {IEEE/CVF Conference on Computer Vision and Pattern Recognition}" in code
    for custom in ("preview", "selected", "abbr", "award", "tldr", "code", "google_scholar_id", "bibtex_show"):
        assert not re.search(rf"^\s*{custom}\s*=", code, re.M), custom
    button = box.select_one("button.scholar-copy")
    assert button["data-copy-target"] == "pub-luvizon2018multitask-bibtex"
    assert button.has_attr("hidden")  # shown by the script only
    assert any("sphinx-scholar.js" in (s.get("src") or "") for s in page.select("script"))
    # The script is not sent to pages without copy buttons.
    other = soup_of(app, "other")
    assert not any("sphinx-scholar.js" in (s.get("src") or "") for s in other.select("script"))
    assert any("sphinx-scholar.css" in link["href"] for link in other.select("link[rel=stylesheet]"))


def test_profile_style_card(project, build):
    page = soup_of(build(project(directive(":style: profile"))))
    card = page.select_one("#pub-luvizon2018multitask .scholar-profile-card")
    assert [b.get_text() for b in card.select(".scholar-badge-subject")] == ["CV", "pose"]
    assert card.select_one(".scholar-date").get_text() == "Jun 2018"
    code = card.select_one(".scholar-badge-code a")
    assert code.get_text() == "Code" and code["href"] == "https://github.com/dluvizon/deephar"
    assert card.select_one(".scholar-badge-org").get_text() == "ensea"
    assert "scholar-clamp" in card.select_one("p.scholar-abstract")["class"]
    many = page.select_one("#pub-many2020authors .scholar-authors").get_text()
    assert many.startswith("Anna Alpha, Bob Beta, Gus Gamma, \u2026, David Pi\u00e7ard") and many.endswith("et al.")


def test_cards_style_uses_sphinx_design_grid(project, build):
    page = soup_of(build(project(directive(":style: cards"))))
    grid = page.select_one(".scholar-style-cards")
    assert "sd-container-fluid" in grid["class"]
    cards = grid.select(".sd-col.scholar-pub .sd-card")
    assert len(cards) == len(ORDER_NEWEST)
    assert cards[ORDER_NEWEST.index("pub-luvizon2018multitask")].select_one("img.scholar-thumb-main") is not None
    assert any(
        "sphinx-design" in link["href"] or "sphinx_design" in link["href"]
        for link in page.select("link[rel=stylesheet]")
    )


def test_numbered_links_off_and_extra_classes(project, build):
    page = soup_of(build(project(directive(":numbered:", ":links: no", ":class: mine wide"))))
    assert page.select_one("ol.scholar-publications") is not None
    assert page.select(".scholar-links") == []
    assert {"mine", "wide"} <= set(page.select_one(".scholar-publication-list")["class"])


@pytest.mark.parametrize(
    "option",
    [
        ":style: baron",
        ":sort: random",
        ":group-by: month",
        ":limit: -3",
        ":abstract: maybe",
        ":bibtex: perhaps",
        ":max-authors: many",
    ],
)
def test_bad_option_value_warns_and_keeps_the_list(syntax_project, build, option):
    app = build(syntax_project(option))
    warnings = warnings_of(app)
    name = option.split(":")[1]
    assert (
        len(warnings) == 1
        and f"publications: invalid :{name}: option" in warnings[0]
        and "[scholar.option]" in warnings[0]
    )
    assert re.search(r"index\.(rst|md):\d+: WARNING", warnings[0])
    assert ids(soup_of(app)) == ORDER_NEWEST


def test_config_defaults_apply(project, build):
    root = project(directive(), conf='scholar_style = "barron"\nscholar_abstract = "hidden"\nscholar_max_authors = 2')
    page = soup_of(build(root))
    assert page.select_one("ul.scholar-style-barron") is not None
    assert page.select("p.scholar-abstract") == []
    assert page.select_one("#pub-fellus2015gossip .scholar-authors").get_text().endswith("et al.")


def test_bad_config_choice_warns_and_falls_back(project, build):
    app = build(project(directive(), conf='scholar_style = "fancy"'))
    assert any("scholar_style = 'fancy' is not one of" in w and "[scholar.config]" in w for w in warnings_of(app))
    assert soup_of(app).select_one("ul.scholar-style-list") is not None


def test_unknown_key_and_missing_bibfile_warn_with_location(project, build):
    app = build(project(directive(":keys: fellus2015gossip nope2000", ":bibfile: refs.bib missing.bib")))
    warnings = warnings_of(app)
    assert any(
        re.search(r"index\.rst:\d+: WARNING: publications: cannot read BibTeX file .*missing\.bib \[scholar\.file\]", w)
        for w in warnings
    )
    assert any(
        re.search(r"index\.rst:\d+: WARNING: publications: no entry with key 'nope2000'.*\[scholar\.key\]", w)
        for w in warnings
    )
    assert ids(soup_of(app)) == ["pub-fellus2015gossip"]


def test_pub_role_links_to_the_listing(project, build):
    body = (
        "Title\n=====\n\n.. toctree::\n\n   other\n\n"
        "See :pub:`fellus2015gossip`, :pub:`our CVPR paper <luvizon2018multitask>` and :pub:`many2020authors`.\n\n"
        ".. publications::\n   :keys: fellus2015gossip luvizon2018multitask\n"
    )
    root = project(body)
    (root / "other.rst").write_text("Other\n=====\n\nAlso :pub:`luvizon2018multitask` and :pub:`ghost`.\n")
    app = build(root)
    page = soup_of(app)
    refs = {a.get_text(): a["href"] for a in page.select("a.reference") if a.select_one(".scholar-pub-ref")}
    assert refs == {"Fellus et al., 2015": "#pub-fellus2015gossip", "our CVPR paper": "#pub-luvizon2018multitask"}
    other = soup_of(app, "other")
    assert other.select_one("a[href='index.html#pub-luvizon2018multitask']").get_text() == "Luvizon et al., 2018"
    warnings = warnings_of(app)
    assert any(
        re.search(r"index\.rst:\d+: WARNING: publication 'many2020authors' is not listed.*\[scholar\.ref\]", w)
        for w in warnings
    )
    assert any(
        re.search(r"other\.rst:\d+: WARNING: pub: no entry with key 'ghost'.*\[scholar\.key\]", w) for w in warnings
    )


def test_same_entry_listed_twice_gets_unique_ids(project, build):
    body = directive(":selected:") + "\n.. publications::\n   :keys: luvizon2018multitask\n"
    page = soup_of(build(project(body)))
    assert [li["id"] for li in page.select("li.scholar-pub")] == [
        "pub-luvizon2018multitask",
        "pub-luvizon2018multitask-2",
    ]


QUOTED = """@article{quoted2020,
  title = {The "Best" Model's Last Stand...},
  author = {O'Brien, Ada},
  journal = {J},
  year = {2020},
}
"""


@pytest.mark.parametrize("smartquotes", [True, False])
def test_smart_quotes_follow_the_sphinx_setting_but_not_in_bibtex(project, build, smartquotes):
    # The list is rendered outside Sphinx's read-time transforms (for speed);
    # smart quotes are still applied to it as Sphinx would, and only as it would.
    root = project(directive(":bibfile: quoted.bib", ":bibtex: yes"), conf=f"smartquotes = {smartquotes}")
    (root / "quoted.bib").write_text(QUOTED, encoding="utf-8")
    app = build(root)
    assert warnings_of(app) == []
    pub = soup_of(app).select_one(".scholar-pub")
    title = pub.select_one(".scholar-title").get_text()
    authors = pub.select_one(".scholar-authors").get_text()
    if smartquotes:
        assert title == "The \u201cBest\u201d Model\u2019s Last Stand\u2026"
        assert authors == "Ada O\u2019Brien"
    else:
        assert title == 'The "Best" Model\'s Last Stand...'
        assert authors == "Ada O'Brien"
    assert 'title = {The "Best" Model\'s Last Stand...}' in pub.select_one("pre").get_text()


def test_the_same_bad_name_warns_in_every_entry(project, build):
    root = project(directive(":bibfile: names.bib"))
    (root / "names.bib").write_text(
        "@misc{a, title = {A}, year = 2020, author = {Doe, Jane, Jr, Extra}}\n\n"
        "@misc{b, title = {B}, year = 2021, author = {Doe, Jane, Jr, Extra}}\n\n"
        "@misc{c, title = {C}, year = 2022, author = {Roe, Ann and Roe, Ann}}\n",
        encoding="utf-8",
    )
    app = build(root)
    warnings = [w for w in warnings_of(app) if "scholar.bibtex-name" in w]
    assert [re.search(r"names\.bib:(\d+)", w).group(1) for w in warnings] == ["1", "3"], warnings
    page = soup_of(app)
    assert len(page.select(".scholar-pub")) == 3
    assert [a.get_text() for a in page.select(".scholar-authors")][0] == "Ann Roe, Ann Roe"
