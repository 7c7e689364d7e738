"""The markup reader of data (records/markup.py) with exact expected output (issue 19).

Each syntax's edge cases (where inline markup may start and end, escapes,
roles, link targets, nesting, white space around breaks) as exact trees and
segments, with the exact refusal messages. No Sphinx build: strings in,
trees and segments out.
"""

from __future__ import annotations

import pytest

from sphinx_scholar.records import markup
from sphinx_scholar.records.markup import (
    MAX_MARKUP_LENGTH,
    Inline,
    allowed_link,
    has_html,
    markdown_to_rich,
    read_inline,
    rich_field,
    to_segments,
)
from sphinx_scholar.records.richtext import LinkSegment, Segment

ROLE = "role :{}: is not allowed in data (only emphasis, strong, literal and links); shown as text"
REFUSED = "link {!r} refused (only http, https, mailto and relative addresses); shown as text"
RELATIVE = "relative link {!r} is not allowed here (only http, https and mailto); shown as text"


def shape(tree):
    """A tree as nested tuples: text as itself, an element as (kind, url, text, children)."""
    return tuple(p if isinstance(p, str) else (p.kind, p.url, p.text, shape(p.children)) for p in tree)


def segs(rich):
    """Segments as tuples; a link adds its address."""
    return [(s.kind, s.text, s.url) if isinstance(s, LinkSegment) else (s.kind, s.text) for s in rich]


def em(*children):
    return ("emph", "", "", children)


def link(url, *children):
    return ("link", url, "", children)


# -- reStructuredText subset ---------------------------------------------------------------

RST = [
    ("*a*b", (em("a"), "b"), []),
    ("x*a* b", ("x*a* b",), []),
    ("(*a*)", ("(", em("a"), ")"), []),
    (
        "-*a*- /*a*/ '*a*' «*a*» <*a*> [*a*] {*a*} :*a*",
        ("-", em("a"), "- /", em("a"), "/ '", em("a"), "' «")
        + (em("a"), "» <", em("a"), "> [", em("a"), "] {", em("a"), "} :", em("a")),
        [],
    ),
    (
        '"*a*" \u2018*a*\u2019 \u201c*a*\u201d\t*a*',
        ('"', em("a"), '" \u2018', em("a"), "\u2019 \u201c", em("a"), "\u201d\t", em("a")),
        [],
    ),
    ("*a *", ("*a *",), []),
    ("* a*", ("* a*",), []),
    ("*\tb*", ("*\tb*",), []),
    ("*", ("*",), []),
    ("**", ("**",), []),
    ("a*b*", ("a*b*",), []),
    ("**a*", (em("*a"),), []),
    ("*a**", (em("a"), "*"), []),
    ("*a* *b", (em("a"), " *b"), []),
    ("**a** **b", (("strong", "", "", ("a",)), " **b"), []),
    ("*a* `b", (em("a"), " `b"), []),
    ("*a*\n*b*", (em("a"), " ", em("b")), []),
    ("a\nb", ("a b",), []),
    ("\\*a\\*", ("*a*",), []),
    ("\\", ("\\",), []),
    ("a\\", ("a\\",), []),
    ("a\\\\b", ("a\\b",), []),
    ("``code`` and ``more``", (("code", "", "code", ()), " and ", ("code", "", "more", ())), []),
    ("``a*b*``", (("code", "", "a*b*", ()),), []),
    ("``unclosed", ("``unclosed",), []),
    (":role:`x` y", (":role:`x` y",), [ROLE.format("role")]),
    (":r:`a` :s.t+u-v:`b`", (":r:`a` :s.t+u-v:`b`",), [ROLE.format("r"), ROLE.format("s.t+u-v")]),
    ("(:r:`a`)", ("(:r:`a`)",), [ROLE.format("r")]),
    ("x:role:`y`", ("x:role:", "y"), []),
    (":role:`unclosed", (":role:`unclosed",), []),
    (":role: x", (":role: x",), []),
    (":x:`a` `b`", (":x:`a` ", "b"), [ROLE.format("x")]),
    ("`a` :x:`b`", ("a", " :x:`b`"), [ROLE.format("x")]),
    ("`text`", ("text",), []),
    ("`a`b", ("a", "b"), []),
    ("` x`", ("` x`",), []),
    ("`a` *b*", ("a", " ", em("b")), []),
    ("`no target`_", ("no target",), []),
    ("`label <https://a.org>`_", (link("https://a.org", "label"),), []),
    ("`label <https://a.org>`__ x", (link("https://a.org", "label"), " x"), []),
    ("`<https://a.org>`_", (link("https://a.org", "https://a.org"),), []),
    ("`a <https://a.org/x y>`_", (link("https://a.org/xy", "a"),), []),
    ("`a <b c>`_", (link("bc", "a"),), []),
    ("`label <rel/page>`_", (link("rel/page", "label"),), []),
    ("`label<https://a.org>`_", ("label<https://a.org>",), []),
    ("`label <https://a.org>`", ("label <https://a.org>",), []),
    ("`  <https://a.org>`_", ("`  <https://a.org>`_",), []),
    ("`label <javascript:x>`_", ("label",), [REFUSED.format("javascript:x")]),
    ("`x <>`_", ("x",), [REFUSED.format("")]),
]


@pytest.mark.parametrize(("text", "tree", "problems"), RST)
def test_rst_subset_exactly(text, tree, problems):
    assert read_inline(text, "rst") == (markup_tree(tree), problems)


def markup_tree(tree):
    """The shape back as Inline elements (read_inline's own type)."""
    return tuple(p if isinstance(p, str) else Inline(p[0], markup_tree(p[3]), text=p[2], url=p[1]) for p in tree)


def test_rst_is_the_default_syntax():
    assert read_inline("*a*") == ((Inline("emph", ("a",)),), [])


def test_rst_reads_a_missing_closer_once_and_later_openers_as_text():
    reader = markup._RstReader("*a *b *c", [], True)
    assert reader.read() == ("*a *b *c",)
    assert reader.missing == {"*"}
    reader = markup._RstReader("*a* text", [], True)
    assert reader._closing("*", 1) == 2
    assert reader._closing("`", 0) == -1
    assert reader.missing == {"`"}
    assert reader._closing("`", 0) == -1


def test_rst_closing_needs_a_non_space_before_it():
    reader = markup._RstReader("*a * b* c", [], True)
    assert reader._closing("*", 1) == 6
    assert markup._RstReader("x *", [], True)._closing("*", 2) == -1


def test_rst_can_open_only_after_a_space_or_an_opener_and_before_a_non_space():
    reader = markup._RstReader("*a x* (*b *", [], True)
    assert reader._can_open(0, 1)
    assert not reader._can_open(4, 1)  # after "x"
    assert reader._can_open(7, 1)  # after "("
    assert not reader._can_open(10, 1)  # at the end
    assert not markup._RstReader("* a", [], True)._can_open(0, 1)


def test_embedded_targets():
    assert markup._embedded_target("label <https://a.org>") == ("label", "https://a.org")
    assert markup._embedded_target("<https://a.org>") == ("", "https://a.org")
    assert markup._embedded_target("a b <u r l>") == ("a b", "url")
    assert markup._embedded_target("label") is None
    assert markup._embedded_target("label<x>") is None
    assert markup._embedded_target("x >") is None


# -- Markdown ------------------------------------------------------------------------------

MARKDOWN = [
    (
        "*a* _b_ **c** __d__",
        (em("a"), " ", em("b"), " ", ("strong", "", "", ("c",)), " ", ("strong", "", "", ("d",))),
        [],
    ),
    ("***x***", (em(("strong", "", "", ("x",))),), []),
    ("`code`", (("code", "", "code", ()),), []),
    ("[t](https://a.org)", (link("https://a.org", "t"),), []),
    ("[t](mailto:a@b.org)", (link("mailto:a@b.org", "t"),), []),
    ("[t](rel)", (link("rel", "t"),), []),
    ("[t](javascript:x)", ("t",), [REFUSED.format("javascript:x")]),
    ("<https://a.org>", (link("https://a.org", "https://a.org"),), []),
    (
        "![alt](https://a.org/i.png)",
        ("alt",),
        ["image 'https://a.org/i.png' is not allowed in data; shown as its text"],
    ),
    ("a\nb", ("a b",), []),
    ("&amp; &lt;", ("& <",), []),
    ("\\*x\\*", ("*x*",), []),
    (
        "[*a*](https://a.org) **[b](https://b.org)**",
        (link("https://a.org", em("a")), " ", ("strong", "", "", (link("https://b.org", "b"),))),
        [],
    ),
    ("<b>html</b>", ("<b>html</b>",), []),
    ("**unclosed", ("**unclosed",), []),
    ("", (), []),
]


@pytest.mark.parametrize(("text", "tree", "problems"), MARKDOWN)
def test_markdown_subset_exactly(text, tree, problems):
    assert read_inline(text, "markdown") == (markup_tree(tree), problems)


def test_markdown_line_breaks_and_soft_breaks_in_the_tree():
    problems: list[str] = []
    assert shape(markup._markdown_tree("a  \nb\nc", problems, True)) == ("a", ("br", "", "", ()), "b", " ", "c")
    assert problems == []


def test_relative_links_refused_where_asked_in_both_syntaxes():
    assert read_inline("[t](rel)", "markdown", local_links=False) == (("t",), [RELATIVE.format("rel")])
    assert read_inline("`t <rel>`_", "rst", local_links=False) == (("t",), [RELATIVE.format("rel")])
    assert read_inline("[t](https://a.org)", "markdown", local_links=False)[0] == (
        Inline("link", ("t",), url="https://a.org"),
    )


def test_a_long_value_is_cut_with_a_message_and_no_value_is_empty():
    tree, problems = read_inline("a" * (MAX_MARKUP_LENGTH + 1))
    assert tree == ("a" * MAX_MARKUP_LENGTH,)
    assert problems == [f"text of {MAX_MARKUP_LENGTH + 1} characters cut to {MAX_MARKUP_LENGTH}"]
    assert read_inline("a" * MAX_MARKUP_LENGTH) == (("a" * MAX_MARKUP_LENGTH,), [])
    assert read_inline(None) == ((), [])  # type: ignore[arg-type]
    assert read_inline("a\nb", "markdown") == (("a b",), [])


# -- the link rule -------------------------------------------------------------------------


def test_allowed_link_messages():
    problems: list[str] = []
    assert allowed_link("https://a.org", problems)
    assert allowed_link("rel", problems)
    assert not allowed_link("rel", problems, local_links=False)
    assert not allowed_link("javascript:x", problems)
    assert not allowed_link("", problems)
    assert allowed_link("mailto:a@b.org", problems, local_links=False)
    assert problems == [RELATIVE.format("rel"), REFUSED.format("javascript:x"), REFUSED.format("")]


# -- HTML ----------------------------------------------------------------------------------

HTML = [
    ("<i>a</i><em>b</em><italic>c</italic><cite>d</cite><var>e</var><dfn>f</dfn>", [("emph", "abcdef")]),
    (
        "<b>a</b> <strong>b</strong> <bold>c</bold>",
        [("strong", "a"), ("text", " "), ("strong", "b"), ("text", " "), ("strong", "c")],
    ),
    (
        "H<sub>2</sub>O<inf>x</inf><sup>+</sup>",
        [("text", "H"), ("sub", "2"), ("text", "O"), ("sub", "x"), ("sup", "+")],
    ),
    (
        "<p>one</p><div>two</div><li>three</li><ul><ol>x</ol></ul><blockquote>q</blockquote><section>s</section>"
        "<title>t</title><abstract>a</abstract><sec>c</sec>",
        [("text", "one"), ("par", "\n\n"), ("text", "two"), ("par", "\n\n"), ("text", "three"), ("par", "\n\n")]
        + [("text", "x"), ("par", "\n\n"), ("text", "q"), ("par", "\n\n"), ("text", "s"), ("par", "\n\n")]
        + [("text", "t"), ("par", "\n\n"), ("text", "a"), ("par", "\n\n"), ("text", "c")],
    ),
    (
        "a<br>b<br/>c<br />d",
        [("text", "a"), ("br", "\n"), ("text", "b"), ("br", "\n"), ("text", "c"), ("br", "\n"), ("text", "d")],
    ),
    (
        "<head>h</head>x<template>t</template><style>s</style><script>a<script>b</script>c</script>d",
        [("text", "xcd")],
    ),
    ("a<script>x</script>b</script>c", [("text", "abc")]),
    ("</script>x", [("text", "x")]),
    ("<head><head>x</head>y</head>z", [("text", "z")]),
    ("<template><head>x</head>y</template>z", [("text", "z")]),
    ("</style>z<i>w</i>", [("text", "z"), ("emph", "w")]),
    ("<script>x", []),
    ("<jats:italic>J</jats:italic> <JATS:BOLD>K</JATS:BOLD>", [("emph", "J"), ("text", " "), ("strong", "K")]),
    (
        "<a href='https://a.org'>a</a> <a href=' https://b.org '>b</a> <a>c</a> <a href=''>d</a>"
        " <a href='javascript:x'>e</a> <a href='rel'>f</a> <A HREF='https://c.org'>g</A> <b href='https://d.org'>h</b>",
        [("link", "a", "https://a.org"), ("text", " "), ("link", "b", "https://b.org"), ("text", " c d e ")]
        + [("link", "f", "rel"), ("text", " "), ("link", "g", "https://c.org"), ("text", " "), ("strong", "h")],
    ),
    ("<span>x</span> <u>y</u>", [("text", "x y")]),
    ("<i>a<b>b</b>c</i>", [("emph", "a"), ("strong", "b"), ("emph", "c")]),
    ("<i>a<b>b</i>c</b>", [("emph", "a"), ("strong", "b"), ("text", "c")]),
    ("<b>x</i>y</b>", [("strong", "xy")]),
    ("<i>x<i>y</i>z</i>w", [("emph", "xyz"), ("text", "w")]),
    ("<i>unclosed", [("emph", "unclosed")]),
    ("x</i>", [("text", "x")]),
    ("<img src='x'/>a<i/>b<p/>c</p>d</br>e", [("text", "abc"), ("par", "\n\n"), ("text", "de")]),
    ("<p></p><p>a</p><p></p>", [("text", "a")]),
    ("<p>a<p>b", [("text", "a"), ("par", "\n\n"), ("text", "b")]),
    ("a<br><br>b", [("text", "a"), ("br", "\n\n"), ("text", "b")]),
    ("<p>a</p><br><p>b</p>", [("text", "a"), ("par", "\n\n"), ("br", "\n"), ("text", "b")]),
    ("<br/>a<br/>", [("text", "a")]),
    ("<br>", []),
    ("  <i> a </i>  b  ", [("emph", "a "), ("text", "b")]),
    ("a <p> b </p> c", [("text", "a"), ("par", "\n\n"), ("text", "b"), ("par", "\n\n"), ("text", "c")]),
    ("a\n\t <b>b</b>  \n c", [("text", "a "), ("strong", "b"), ("text", " c")]),
    ("x <b> y </b> z", [("text", "x "), ("strong", "y "), ("text", "z")]),
    ("<p>a <i>b</i></p> c", [("text", "a "), ("emph", "b"), ("par", "\n\n"), ("text", "c")]),
    ("a<br/> <i>b</i>", [("text", "a"), ("br", "\n"), ("emph", "b")]),
    ("<i>a</i> <i>b</i>", [("emph", "a"), ("text", " "), ("emph", "b")]),
    ("x<b></b>y", [("text", "xy")]),
    ("<b>a</b><b>b</b>", [("strong", "ab")]),
    ("<i>x &amp; &lt;y&gt; &#233;</i>", [("emph", "x & <y> é")]),
    (
        r"<i>caf\'e $\alpha$</i> \emph{x}",
        [("emph", "café "), ("math", r"\alpha"), ("text", " "), ("emph", "x")],
    ),
    (r"<a href='https://a.org'>$\alpha$ x</a>", [("link", "α", "https://a.org"), ("link", " x", "https://a.org")]),
    ("<i>$x$</i>", [("math", "x")]),
    ("<sub><b>y</b></sub>", [("strong", "y")]),
    ("<a href='https://a.org'><b>b</b><i>i</i></a>", [("link", "b", "https://a.org"), ("link", "i", "https://a.org")]),
    ("<a href='https://a.org'><a href='https://b.org'>x</a></a>", [("link", "x", "https://a.org")]),
]


@pytest.mark.parametrize(("source", "expected"), HTML)
def test_html_fields_exactly(source, expected):
    assert segs(rich_field(source)) == expected


def test_html_tags_are_recognised():
    assert [has_html(s) for s in ("a < b", "a <b> c", "<1>", "x", "</a>", "<a href='x'/>", "<jats:p>", "a<b")] == [
        False,
        True,
        False,
        False,
        True,
        True,
        True,
        False,
    ]


def test_a_field_without_html_is_decoded_as_latex_or_markdown():
    assert segs(rich_field(r"*y* \'e")) == [("text", "*y* é")]
    assert segs(rich_field(r"*y* \'e", markdown=True)) == [("emph", "y"), ("text", " é")]
    assert segs(rich_field(r"<i>\emph{x}</i> *y*", markdown=True)) == [("emph", "x"), ("text", " "), ("emph", "y")]


def test_html_the_parser_gives_up_on_is_shown_without_its_tags(monkeypatch):
    def fail(self, data):
        raise AssertionError("html.parser gave up")

    monkeypatch.setattr(markup._HtmlReader, "feed", fail)
    assert segs(rich_field(r"<i>caf\'e</i>x<b>y</b>")) == [("text", "café x y")]


def test_the_html_reader_tree():
    reader = markup._HtmlReader([])
    reader.feed("<li>a</li><i>b<br/>c</i><script>d</script></script></script><x:sup>e</x:sup>")
    assert shape(reader.tree()) == (
        ("par", "", "", ()),
        "a",
        ("par", "", "", ()),
        em("b", ("br", "", "", ()), "c"),
        ("sup", "", "", ("e",)),
    )
    assert reader.skipping == 0
    problems: list[str] = []
    reader = markup._HtmlReader(problems)
    reader.feed("<a href='javascript:x'>y</a>")
    assert shape(reader.tree()) == (("", "", "", ("y",)),)
    assert problems == [REFUSED.format("javascript:x")]


# -- the tree as segments --------------------------------------------------------------------


def test_to_segments_styles_nests_and_breaks():
    tree = (
        "a",
        Inline("par"),
        Inline("par"),
        Inline("emph", ("b", Inline("code", text="c"), Inline("strong", ("d",)), Inline("sub", ("e",)))),
        Inline("br"),
        Inline("par"),
        Inline("link", ("l", Inline("code", text="k"), Inline("emph", ("m",))), url="https://a.org"),
        Inline("", ("n",)),
        Inline("sup", (Inline("", ("o",)),)),
        Inline("code", text="p"),
    )
    assert segs(to_segments(tree)) == [
        ("text", "a"),
        ("par", "\n\n"),
        ("emph", "b"),
        ("emph", "c"),
        ("strong", "d"),
        ("sub", "e"),
        ("br", "\n"),
        ("link", "l", "https://a.org"),
        ("link", "k", "https://a.org"),
        ("link", "m", "https://a.org"),
        ("text", "n"),
        ("sup", "o"),
        ("code", "p"),
    ]
    assert segs(to_segments((Inline("par"), "x"))) == [("text", "x")]
    assert segs(to_segments(("a", Inline("br"), Inline("par")))) == [("text", "a"), ("br", "\n")]
    assert to_segments(()) == []


def test_to_segments_decodes_text_with_the_decoder_given():
    tree = (Inline("emph", ("$x$ y",)), Inline("link", ("$\\alpha$ z",), url="https://a.org"))
    assert segs(to_segments(tree, markup._latex_piece)) == [
        ("math", "x"),
        ("emph", " y"),
        ("link", "α", "https://a.org"),
        ("link", " z", "https://a.org"),
    ]


def test_styled_segments():
    text = [
        Segment("text", "a"),
        Segment("math", "x"),
        Segment("strong", "s"),
        Segment("br", "\n"),
        Segment("par", "\n\n"),
        Segment("code", "c"),
        LinkSegment("l", "https://b.org"),
        Segment("emph", "e"),
        Segment("sub", "u"),
    ]
    assert segs(markup._styled(text, "emph")) == [
        ("emph", "a"),
        ("math", "x"),
        ("strong", "s"),
        ("br", "\n"),
        ("par", "\n\n"),
        ("code", "c"),
        ("link", "l", "https://b.org"),
        ("emph", "e"),
        ("emph", "u"),
    ]
    linked = markup._styled(
        [Segment("text", "a"), Segment("math", r"\alpha"), Segment("strong", "s")], "link:https://a.org"
    )
    assert segs(linked) == [
        ("link", "a", "https://a.org"),
        ("link", "α", "https://a.org"),
        ("link", "s", "https://a.org"),
    ]
    assert segs(markup._styled([Segment("emph", "a"), Segment("sub", "u")], "text")) == [("emph", "a"), ("sub", "u")]


def test_inner_styles():
    cases = [
        ("link:u", Inline("emph")),
        ("link:u", Inline("link", url="v")),
        ("text", Inline("link", url="v")),
        ("emph", Inline("strong")),
        ("strong", Inline("emph")),
        ("emph", Inline("emph")),
        ("text", Inline("emph")),
        ("text", Inline("sub")),
        ("emph", Inline("")),
        ("sub", Inline("sup")),
        ("sub", Inline("emph")),
    ]
    assert [markup._inner_style(style, element) for style, element in cases] == [
        "link:u",
        "link:u",
        "link:v",
        "strong",
        "strong",
        "emph",
        "emph",
        "sub",
        "emph",
        "sup",
        "emph",
    ]


def test_edges_keep_the_spaces_a_decoder_trimmed():
    assert segs(markup._edges(" a ", [Segment("text", "a")])) == [("text", " "), ("text", "a"), ("text", " ")]
    assert segs(markup._edges("a", [Segment("text", "a")])) == [("text", "a")]
    assert segs(markup._edges("  ", [])) == [("text", " ")]
    assert segs(markup._edges("\ta\n", [])) == [("text", " "), ("text", " ")]
    assert segs(markup._edges("", [])) == []


def test_join_merges_one_kind_and_trims_the_ends():
    joined = markup._join(
        [
            Segment("text", " a"),
            Segment("text", ""),
            Segment("text", "b "),
            Segment("math", "x"),
            Segment("math", "y"),
            LinkSegment("l", "u"),
            LinkSegment("m", "u"),
            Segment("emph", " e "),
        ]
    )
    assert segs(joined) == [
        ("text", "ab "),
        ("math", "x"),
        ("math", "y"),
        ("link", "l", "u"),
        ("link", "m", "u"),
        ("emph", " e"),
    ]
    assert segs(markup._join([Segment("text", "  "), Segment("emph", "x"), Segment("text", "  ")])) == [("emph", "x")]
    assert segs(markup._join([Segment("br", "\n"), Segment("text", " x "), Segment("par", "\n\n")])) == [
        ("br", "\n"),
        ("text", " x "),
        ("par", "\n\n"),
    ]
    assert segs(markup._join([LinkSegment(" l ", "u")])) == [("link", "l", "u")]
    assert segs(markup._join([Segment("math", " x ")])) == [("math", " x ")]
    assert markup._join([]) == ()


def test_tidy_breaks():
    tidied = markup._tidy_breaks(
        [
            Segment("br", "\n"),
            Segment("text", " a  \n b "),
            Segment("par", "\n\n"),
            Segment("text", " c "),
            Segment("math", " x "),
            Segment("br", "\n"),
            Segment("math", " y "),
            Segment("text", " d "),
            Segment("text", " e"),
            LinkSegment(" f", "u"),
            Segment("text", "\t\tg"),
            Segment("par", "\n\n"),
        ]
    )
    assert segs(tidied) == [
        ("text", " a b"),
        ("par", "\n\n"),
        ("text", "c "),
        ("math", " x "),
        ("br", "\n"),
        ("math", " y "),
        ("text", "d "),
        ("text", "e"),
        ("link", " f", "u"),
        ("text", " g"),
    ]
    assert markup._tidy_breaks([Segment("par", "\n\n"), Segment("br", "\n")]) == []
    # only spaces are dropped where two meet: a no-break space stays
    assert segs(markup._tidy_breaks([Segment("text", "a "), Segment("text", " \u00a0b")])) == [
        ("text", "a "),
        ("text", "\u00a0b"),
    ]


def test_retext_keeps_a_link_address():
    assert segs([markup._retext(LinkSegment("a", "u"), "b"), markup._retext(Segment("emph", "a"), "c")]) == [
        ("link", "b", "u"),
        ("emph", "c"),
    ]


def test_tree_builder():
    build = markup._TreeBuilder()
    build.close()
    build.unwrap()
    build.text("")
    build.text("a")
    build.open("emph")
    build.text("b")
    build.open("link", "https://a.org")
    build.text("c")
    build.unwrap()
    build.leaf("code", "d")
    build.open("strong")
    assert build.depth == 2
    assert shape(build.tree()) == ("a", em("b", "c", ("code", "", "d", ()), ("strong", "", "", ())))
    assert build.depth == 0


def test_tree_builder_closes_what_is_left_open():
    build = markup._TreeBuilder()
    build.open("emph")
    build.text("b")
    build.open("strong")
    build.text("c")
    assert shape(build.tree()) == (em("b", ("strong", "", "", ("c",))),)


# -- Markdown as rich text (CV text, annotations) ------------------------------------------------


def test_markdown_to_rich_with_and_without_latex():
    source = r"caf\'e *\emph{x}* **$\alpha$** [\textbf{b} $x$](https://a.org) `c`"
    assert segs(markdown_to_rich(source)) == [
        ("text", "caf'e "),
        ("emph", r"\emph{x}"),
        ("text", " "),
        ("strong", r"$\alpha$"),
        ("text", " "),
        ("link", r"\textbf{b} $x$", "https://a.org"),
        ("text", " "),
        ("code", "c"),
    ]
    assert segs(markdown_to_rich(source, latex=True)) == [
        ("text", "café "),
        ("emph", "x"),
        ("text", " "),
        ("math", r"\alpha"),
        ("text", " "),
        ("link", "b", "https://a.org"),
        ("link", " ", "https://a.org"),
        ("link", "x", "https://a.org"),
        ("text", " "),
        ("code", "c"),
    ]
    assert segs(markdown_to_rich(" lead *a* trail ")) == [("text", "lead "), ("emph", "a"), ("text", " trail")]
    assert segs(markdown_to_rich(r"\url{https://a.org}", latex=True)) == [("link", "https://a.org", "https://a.org")]
    assert segs(markdown_to_rich(r"*x $\alpha$ y*", latex=True)) == [
        ("emph", "x "),
        ("math", r"\alpha"),
        ("emph", " y"),
    ]
    assert segs(markdown_to_rich("a\\\nb")) == [("text", "a"), ("br", "\n"), ("text", "b")]
    assert segs(markdown_to_rich("a\\\nb", latex=True)) == [("text", "a b")]
    assert segs(markdown_to_rich("[t](javascript:x) ![i](https://a/i.png)")) == [("text", "t i")]
