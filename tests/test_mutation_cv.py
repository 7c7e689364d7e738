"""Fast tests of the CV renderer (``render/cv.py``), written to kill mutmut's surviving mutants
(CONTRIBUTING.md, "Mutation testing"): RenderCV values in, docutils nodes out, no Sphinx build.

Each test compares the exact doctree (``str(node)`` with the text escaped: tags, classes, link targets and text) so a
value that starts with markup (``*Cambridge* College``) is seen as markup inside the bold text, not
as the text of its first node; and it covers the combinations the earlier tests left out: a section
mixing numbered and reversed-numbered entries, a text entry inside a section of another type, empty
values in the lists of the header.
"""

from __future__ import annotations

from html import escape

from docutils import nodes

from sphinx_scholar.records.people import CVEntry, CVLocale, cv_section
from sphinx_scholar.render.cv import render_cv_entries, render_cv_header, social_url


def xml(node: nodes.Node) -> str:
    """``str(node)`` with the text escaped: a node made text (``<emphasis>`` as letters) is told apart."""
    if isinstance(node, nodes.Text):
        return escape(str(node), quote=False)
    if not node.children:
        return node.emptytag()
    return node.starttag() + "".join(xml(child) for child in node.children) + node.endtag()


def entry(kind: str, **fields) -> CVEntry:
    return CVEntry(kind, tuple(fields.items()))


def section(*values) -> str:
    return xml(render_cv_entries(cv_section(list(values))))


def connection(icon: str, inner: str) -> str:
    return f'<inline classes="scholar-cv-connection"><icon name="{icon}"/>{inner}</inline>'


def contact(*connections: str) -> str:
    return '<paragraph classes="scholar-cv-contact">' + " \u00b7 ".join(connections) + "</paragraph>"


def head_item(kind: str, head: str, *rest: str) -> str:
    return (
        f'<list_item classes="scholar-cv-entry scholar-cv-{kind}entry">'
        f'<paragraph classes="scholar-cv-entry-head">{head}</paragraph>{"".join(rest)}</list_item>'
    )


def entries(*items: str) -> str:
    return f'<bullet_list classes="scholar-cv-entries">{"".join(items)}</bullet_list>'


# -- header -------------------------------------------------------------------------------------


def test_header_name_headline_and_every_kind_of_connection_exactly():
    header = render_cv_header(
        {
            "name": "Ada Lovelace",
            "headline": ' *Maths* and #underline[engines], #link("https://x.org")[site] #a-b[c] #Up[d] ',
            "location": 7,
            "email": ["", " ", "ada@example.org", "@x.org", "ada@", "plain"],
            "phone": ["", "(0)", "+1 2"],
            "website": ["", "https://www.a.org/x/", "http://b.org", "www.c.org", "/local"],
            "social_networks": [
                {"network": "Mastodon", "username": "@a@m.s"},
                {"network": "LinkedIn", "username": "ada"},
                {"network": "Twitter", "username": "t"},
                {"network": "Nope"},
                {"username": "u"},
            ],
            "custom_connections": [
                {"placeholder": "P", "url": None},
                {"placeholder": "Q", "url": "https://q.org"},
                {},
            ],
        }
    )
    assert xml(header) == (
        '<container classes="scholar-cv-header">'
        '<paragraph classes="scholar-cv-name"><strong>Ada Lovelace</strong></paragraph>'
        # Markdown read; Typst markup (lower-case function names) reduced to its text.
        '<paragraph classes="scholar-cv-headline"><emphasis>Maths</emphasis> and engines, site c #Up[d]</paragraph>'
        + contact(
            connection("page", "7"),
            connection("email", '<email_address domain="example.org" user="ada"/>'),
            connection("email", "@x.org"),  # not an address: shown as written
            connection("email", "ada@"),
            connection("email", "plain"),
            connection("link", '<reference classes="scholar-cv-phone" refuri="tel:0">(0)</reference>'),
            connection("link", '<reference classes="scholar-cv-phone" refuri="tel:+12">+1 2</reference>'),
            connection(
                "website", '<reference classes="scholar-cv-website" refuri="https://www.a.org/x/">a.org/x</reference>'
            ),
            connection("website", '<reference classes="scholar-cv-website" refuri="http://b.org">b.org</reference>'),
            connection(
                "mastodon",
                '<reference classes="scholar-cv-social" reftitle="Mastodon" refuri="https://m.s/@a">@a@m.s</reference>',
            ),
            connection(
                "linkedin",
                '<reference classes="scholar-cv-social" reftitle="LinkedIn" refuri="https://linkedin.com/in/ada">'
                "ada</reference>",
            ),
            connection(
                "x",
                '<reference classes="scholar-cv-social" reftitle="Twitter" refuri="https://twitter.com/t">t</reference>',
            ),
            connection("link", ": u"),
            connection("link", "P"),
            connection("link", '<reference classes="scholar-cv-social" refuri="https://q.org">Q</reference>'),
        )
        + "</container>"
    )


def test_header_headline_starting_with_markup_and_single_values():
    header = render_cv_header(
        {"headline": "**Bold** start", "email": "a@b.c", "phone": "12", "website": "https://w.org"}
    )
    assert xml(header) == (
        '<container classes="scholar-cv-header">'
        '<paragraph classes="scholar-cv-headline"><strong>Bold</strong> start</paragraph>'
        + contact(
            connection("email", '<email_address domain="b.c" user="a"/>'),
            connection("link", '<reference classes="scholar-cv-phone" refuri="tel:12">12</reference>'),
            connection("website", '<reference classes="scholar-cv-website" refuri="https://w.org">w.org</reference>'),
        )
        + "</container>"
    )


def test_header_empty_values_give_no_connection():
    # An empty string in a list of e-mails (or phones, websites) is skipped, not shown as an empty item.
    for empty in ("", None, [], [""], [" ", ""], [None]):  # [None]: `email: [~]` in the YAML
        header = render_cv_header({"email": empty, "phone": empty, "website": empty, "location": ""})
        assert (header["classes"], header.children) == (["scholar-cv-header"], []), empty
    header = render_cv_header({"email": ["", "a@b.c"], "social_networks": None, "custom_connections": None})
    assert xml(header) == (
        '<container classes="scholar-cv-header">'
        + contact(connection("email", '<email_address domain="b.c" user="a"/>'))
        + "</container>"
    )


def test_header_social_networks_icons_and_google_scholar_label():
    header = render_cv_header(
        {
            "social_networks": [
                {"network": "Google Scholar", "username": "Q"},
                {"network": "GitHub", "username": "g"},
                {"network": "ORCID", "username": "o"},
                {"network": "X", "username": "x"},
                {"network": "YouTube", "username": "y"},
            ]
        }
    )
    refs = [
        ("scholar", "Google Scholar", "https://scholar.google.com/citations?user=Q", "Google Scholar"),
        ("github", "GitHub", "https://github.com/g", "g"),
        ("orcid", "ORCID", "https://orcid.org/o", "o"),
        ("x", "X", "https://x.com/x", "x"),
        ("link", "YouTube", "https://youtube.com/@y", "y"),
    ]
    assert xml(header) == (
        '<container classes="scholar-cv-header">'
        + contact(
            *(
                connection(
                    icon, f'<reference classes="scholar-cv-social" reftitle="{name}" refuri="{url}">{shown}</reference>'
                )
                for icon, name, url, shown in refs
            )
        )
        + "</container>"
    )


def test_social_url_edges():
    assert social_url("LINKEDIN", "a") == "https://linkedin.com/in/a"
    assert social_url("Mastodon", " @a@m.s ") == "https://m.s/@a"
    assert social_url("Mastodon", "@a@m@s") == ""
    assert social_url("Nope", "") == "" and social_url("GitHub", "") == ""


# -- entries with heads -------------------------------------------------------------------------


def test_education_entries_whose_values_start_with_markup():
    assert section(
        {"institution": "*Cam* bridge", "degree": "**PhD**", "area": "*Maths* x"},
        {"institution": "Oxford", "area": "*Physics*"},
        {"institution": "Paris", "degree": "*MSc*"},
        {"institution": "Lyon"},
    ) == entries(
        head_item(
            "education",
            "<strong><emphasis>Cam</emphasis> bridge</strong>, <strong>PhD</strong> in <emphasis>Maths</emphasis> x",
        ),
        head_item("education", "<strong>Oxford</strong>, <emphasis>Physics</emphasis>"),
        head_item("education", "<strong>Paris</strong>, <emphasis>MSc</emphasis>"),
        head_item("education", "<strong>Lyon</strong>"),
    )


def test_education_degree_with_area_of_the_locale():
    locale = CVLocale(degree_with_area="AREA (DEGREE)")
    out = render_cv_entries(cv_section([{"institution": "I", "degree": "D", "area": "A"}]), locale)
    assert xml(out) == entries(head_item("education", "<strong>I</strong>, A (D)"))


def test_experience_entry_with_summary_highlights_and_a_text_entry_in_the_section():
    assert section(
        {
            "company": "*ACME* co",
            "position": "*Dev* ops",
            "location": "Here",
            "summary": "*Built* it",
            "highlights": ["*a* b - *c* d - e", "", " ", "f"],
        },
        "*Plain* text entry",  # a text entry (starting with markup) inside a section of another type
        {"company": "Foo", "position": " "},
    ) == entries(
        head_item(
            "experience",
            "<strong><emphasis>ACME</emphasis> co</strong>, <emphasis>Dev</emphasis> ops"
            '<inline classes="scholar-cv-when"> \u2014 Here</inline>',
            '<paragraph classes="scholar-cv-summary"><emphasis>Built</emphasis> it</paragraph>',
            '<bullet_list classes="scholar-cv-highlights"><list_item><paragraph><emphasis>a</emphasis> b</paragraph>'
            '<bullet_list classes="scholar-cv-highlights">'
            "<list_item><paragraph><emphasis>c</emphasis> d</paragraph></list_item>"
            "<list_item><paragraph>e</paragraph></list_item></bullet_list></list_item>"
            "<list_item><paragraph>f</paragraph></list_item></bullet_list>",
        ),
        '<list_item classes="scholar-cv-entry"><paragraph><emphasis>Plain</emphasis> text entry</paragraph></list_item>',
        head_item("experience", "<strong>Foo</strong>"),
    )


def test_publication_entries_authors_links_and_journal():
    assert section(
        {"title": "*P* q", "authors": ["*A*", "B", "", " "], "journal": "*J* x"},
        {"title": "T", "doi": "http://dx.doi.org/10.1/x"},
        {"title": "T2", "doi": "DOI:10.2/y", "journal": "K"},
        {"title": "T3", "url": "/local/p/"},
        {"title": "T4", "url": "https://www.u.org/", "journal": "J"},
        {"title": "T5", "authors": [], "url": "javascript:x"},
    ) == entries(
        head_item(
            "publication",
            "<strong><emphasis>P</emphasis> q</strong>",
            '<paragraph classes="scholar-cv-authors"><emphasis>A</emphasis>, B</paragraph>',
            '<paragraph classes="scholar-cv-where"><emphasis>J</emphasis> x</paragraph>',
        ),
        head_item(
            "publication",
            "<strong>T</strong>",
            '<paragraph classes="scholar-cv-where">'
            '<reference refuri="https://doi.org/10.1/x">http://dx.doi.org/10.1/x</reference></paragraph>',
        ),
        head_item(
            "publication",
            "<strong>T2</strong>",
            '<paragraph classes="scholar-cv-where"><reference refuri="https://doi.org/10.2/y">DOI:10.2/y</reference> (K)</paragraph>',
        ),
        head_item(
            "publication",
            "<strong>T3</strong>",
            '<paragraph classes="scholar-cv-where"><reference refuri="/local/p/">/local/p</reference></paragraph>',
        ),
        head_item(
            "publication",
            "<strong>T4</strong>",
            '<paragraph classes="scholar-cv-where"><reference refuri="https://www.u.org/">u.org</reference> (J)</paragraph>',
        ),
        head_item("publication", "<strong>T5</strong>"),
    )


def test_one_line_and_normal_entries_starting_with_markup_and_their_dates():
    assert section({"label": "*Lang* x", "details": "*Fr* y"}) == entries(
        head_item("oneline", "<strong><emphasis>Lang</emphasis> x:</strong> <emphasis>Fr</emphasis> y")
    )
    assert section(
        {"name": "*N* m", "date": "2020"},
        {"name": "O", "location": "L"},
        {"name": "E", "end_date": "2019-02"},
        {"name": "Both", "location": "L", "start_date": "2018", "end_date": "2019"},
    ) == entries(
        head_item(
            "normal", '<strong><emphasis>N</emphasis> m</strong><inline classes="scholar-cv-when"> \u2014 2020</inline>'
        ),
        head_item("normal", '<strong>O</strong><inline classes="scholar-cv-when"> \u2014 L</inline>'),
        head_item("normal", '<strong>E</strong><inline classes="scholar-cv-when"> \u2014 Feb 2019</inline>'),
        head_item(
            "normal", '<strong>Both</strong><inline classes="scholar-cv-when"> \u2014 L, 2018 \u2013 2019</inline>'
        ),
    )


# -- lists without heads ------------------------------------------------------------------------


def test_text_and_bullet_sections_starting_with_markup():
    assert section("*a* b", "c") == (
        '<container classes="scholar-cv-text"><paragraph><emphasis>a</emphasis> b</paragraph>'
        "<paragraph>c</paragraph></container>"
    )
    # A text entry in a bullet section is one more bullet.
    assert section({"bullet": "*a* b"}, "t *u*") == (
        '<bullet_list classes="scholar-cv-bullets">'
        "<list_item><paragraph><emphasis>a</emphasis> b</paragraph></list_item>"
        "<list_item><paragraph>t <emphasis>u</emphasis></paragraph></list_item></bullet_list>"
    )


NUMBERED = '<enumerated_list classes="scholar-cv-numbered" enumtype="arabic" prefix="" suffix=".">'


def test_numbered_sections_and_a_section_mixing_numbered_and_reversed_entries():
    assert section({"number": "*a* b"}, {"number": "c"}) == (
        NUMBERED + "<list_item><paragraph><emphasis>a</emphasis> b</paragraph></list_item>"
        "<list_item><paragraph>c</paragraph></list_item></enumerated_list>"
    )
    mixed = [entry("NumberedEntry", number="*n* 1"), entry("ReversedNumberedEntry", reversed_number="*r* 2")]
    expected = (
        NUMBERED + "<list_item><paragraph><emphasis>n</emphasis> 1</paragraph></list_item>"
        "<list_item><paragraph><emphasis>r</emphasis> 2</paragraph></list_item></enumerated_list>"
    )
    assert xml(render_cv_entries(mixed)) == expected
    assert xml(render_cv_entries(mixed[::-1])) == (
        NUMBERED + "<list_item><paragraph><emphasis>r</emphasis> 2</paragraph></list_item>"
        "<list_item><paragraph><emphasis>n</emphasis> 1</paragraph></list_item></enumerated_list>"
    )


def test_reversed_numbered_section_counts_down_with_markup_first():
    assert section({"reversed_number": "*a* b"}, {"reversed_number": "c"}) == (
        '<bullet_list classes="scholar-cv-numbered scholar-cv-reversed">'
        '<list_item><paragraph><inline classes="scholar-cv-number">2. </inline><emphasis>a</emphasis> b</paragraph></list_item>'
        '<list_item><paragraph><inline classes="scholar-cv-number">1. </inline>c</paragraph></list_item></bullet_list>'
    )


def test_a_text_entry_in_a_numbered_section_is_one_more_numbered_item():
    # Bug found by the mutation work: the numbered entry was shown as an empty bold head (its text lost).
    assert section({"number": "n"}, "*t* u") == (
        NUMBERED + "<list_item><paragraph>n</paragraph></list_item>"
        "<list_item><paragraph><emphasis>t</emphasis> u</paragraph></list_item></enumerated_list>"
    )
    assert section({"reversed_number": "r"}, "*t* u") == (
        '<bullet_list classes="scholar-cv-numbered scholar-cv-reversed">'
        '<list_item><paragraph><inline classes="scholar-cv-number">2. </inline>r</paragraph></list_item>'
        '<list_item><paragraph><inline classes="scholar-cv-number">1. </inline><emphasis>t</emphasis> u</paragraph>'
        "</list_item></bullet_list>"
    )


def test_header_values_are_shown_without_their_surrounding_spaces():
    header = render_cv_header({"email": [" a@b.c "], "phone": " 12 ", "website": [" https://w.org/ "]})
    assert xml(header) == (
        '<container classes="scholar-cv-header">'
        + contact(
            connection("email", '<email_address domain="b.c" user="a"/>'),
            connection("link", '<reference classes="scholar-cv-phone" refuri="tel:12">12</reference>'),
            connection("website", '<reference classes="scholar-cv-website" refuri="https://w.org/">w.org</reference>'),
        )
        + "</container>"
    )


def test_null_fields_and_a_trailing_capital_x_in_an_address():
    # `position: ~` in the YAML is no position (not "None"); only slashes are cut from an address's end.
    assert section({"company": "Foo", "position": None, "location": None}) == entries(
        head_item("experience", "<strong>Foo</strong>")
    )
    header = render_cv_header({"website": "https://a.org/X/"})
    assert xml(header) == (
        '<container classes="scholar-cv-header">'
        + contact(
            connection(
                "website", '<reference classes="scholar-cv-website" refuri="https://a.org/X/">a.org/X</reference>'
            )
        )
        + "</container>"
    )


def test_a_section_of_numbered_reversed_and_text_entries_is_one_numbered_list():
    out = [
        entry("NumberedEntry", number="n"),
        entry("ReversedNumberedEntry", reversed_number="r"),
        entry("TextEntry", text="t"),
    ]
    assert xml(render_cv_entries(out)) == (
        NUMBERED + "<list_item><paragraph>n</paragraph></list_item><list_item><paragraph>r</paragraph></list_item>"
        "<list_item><paragraph>t</paragraph></list_item></enumerated_list>"
    )
