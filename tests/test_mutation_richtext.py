"""The LaTeX decoder (records/richtext.py) with exact expected output (issue 19).

test_richtext_fast.py checks that the tokenizer decodes as pylatexenc does; a
change made to both paths at once (the segment builder, the link rule, the
space rules) or a tokenizer that hands a field over to pylatexenc where it
should not goes unseen there. Here every case names the segments a reader
sees, which path decodes it, and the Unicode form of inline math.
No Sphinx build: strings in, segments out.
"""

from __future__ import annotations

import pickle

import pytest

from sphinx_scholar.records import richtext
from sphinx_scholar.records.richtext import (
    LinkSegment,
    RichText,
    Segment,
    expand_macros,
    latex_to_plain,
    latex_to_rich,
    math_parts,
    math_to_unicode,
    preamble_macros,
)


def segs(rich):
    """Segments as tuples; a link adds its address."""
    return [(s.kind, s.text, s.url) if isinstance(s, LinkSegment) else (s.kind, s.text) for s in rich]


def tokenized(source: str) -> list[tuple[str, ...]]:
    """The tokenizer's output for ``source`` (raises _Unsupported where it hands over)."""
    builder = richtext._Builder()
    richtext._Tokenizer(source, builder).run()
    return segs(richtext._normalise_spaces(builder.segments))


# -- the tokenizer: what it decodes itself, exactly -------------------------------------

#: Decoded by the tokenizer (no pylatexenc), and by pylatexenc to the same segments.
FAST = [
    (
        r"\emph{a} \textbf{b} {\em c} {\bf d} \textit{e} \textsl{f}",
        [("emph", "a"), ("text", " "), ("strong", "b"), ("text", " "), ("emph", "c")]
        + [("text", " "), ("strong", "d"), ("text", " "), ("emph", "e"), ("text", " "), ("emph", "f")],
    ),
    (r"\mkbibemph{a}\mkbibbold{b}", [("emph", "a"), ("strong", "b")]),
    (r"\textbf{x \emph{y}} z", [("strong", "x y"), ("text", " z")]),
    (r"\textbf{\em a} b", [("strong", "a"), ("text", " b")]),
    (r"\textbf{{\it a}} b", [("strong", "a"), ("text", " b")]),
    (r"{\bf a \em b}", [("strong", "a "), ("emph", "b")]),
    (r"{\em a \bf b}", [("emph", "a "), ("strong", "b")]),
    (r"{\it a}{\it b} c", [("emph", "ab"), ("text", " c")]),
    (
        r"{\sl a} {\itshape b} {\slshape c} {\bfseries d}",
        [("emph", "a"), ("text", " "), ("emph", "b"), ("text", " "), ("emph", "c"), ("text", " "), ("strong", "d")],
    ),
    (r"\emph{a}\emph{b}", [("emph", "ab")]),
    (r"\emph {spaced} x", [("emph", "spaced"), ("text", " x")]),
    (
        r"\textsc{Ab} \texttt{c} \mbox{d} \textsf{e} \textrm{f} \textup{g} \textmd{h} \text{i} \NoCaseChange{j}"
        r" \nolinkurl{k}",
        [("text", "Ab c d e f g h i j k")],
    ),
    (r"a\,b\ c\;d\:e\-f\!g\/h\@i", [("text", "a b c d e\xadfghi")]),
    (r"a\)b\*c\+d\<e\>f\?g\]h\|i\!j", [("text", "abcdefghij")]),
    (r"\#1 \$2 \%3 \&4 \_5", [("text", "#1 $2 %3 &4 _5")]),
    (r"\{set\} and \textbackslash{} and \textbraceleft x\textbraceright", [("text", "{set} and \\ and {x}")]),
    (r"\ss\ \o\ \aa\ \AE\ \L\ \i\ \j", [("text", "ß ø å Æ Ł ı ȷ")]),
    (r"\ae\oe\OE\ss{}", [("text", "æœŒß")]),
    (r"\'e\'E\`a\^o\"u\~n\=a\.z", [("text", "éÉàôüñāż")]),
    (r"\'{e} \' e \'{ } \'{\i} \'\i \v{\j} \'{ab} \'\j", [("text", "é é í íǰ áb́ j́")]),
    (r"\c{c} \H{o} \k{a} \b{b} \d{a} \r{a} \u{g} \v{s}", [("text", "ç ő ą ḇ ạ å ğ š")]),
    (
        r"\vec{v} \dot x \hat a \check c \breve u \acute e \grave e \tilde n \bar o \ddot u \not a",
        [("text", "v⃗ ẋ â č ŭ é è ñ o̅ ü a̸")],
    ),
    (r"a--b---c~d-e", [("text", "a–b—c\xa0d-e")]),
    (r"\& ``quoted'' `single' !`Hola! ?`Que?", [("text", "& “quoted” `single' ¡Hola! ¿Que?")]),
    (r"a & b\\c", [("text", "a b c")]),
    (r"50\% of 10 % a comment", [("text", "50% of 10 % a comment")]),
    (
        r"$x$ and $$y$$ and \(z\) and \[w\]",
        [("math", "x"), ("text", " and "), ("math", "y"), ("text", " and "), ("math", "z")]
        + [("text", " and "), ("math", "w")],
    ),
    (r"$ x^2 $ and $ $ and $\alpha$.", [("math", "x^2"), ("text", " and and "), ("math", r"\alpha"), ("text", ".")]),
    (r"$a{b}c$ and ${x}$", [("math", "a{b}c"), ("text", " and "), ("math", "{x}")]),
    (r"$\alpha\beta$ and $\alpha \beta$", [("math", r"\alpha\beta"), ("text", " and "), ("math", r"\alpha \beta")]),
    (
        r"\url{https://a.org/x\_y\%z\&q\#f\~u\$d}",
        [("link", "https://a.org/x_y%z&q#f~u$d", "https://a.org/x_y%z&q#f~u$d")],
    ),
    (r"\url { https://a.org } end", [("link", "https://a.org", "https://a.org"), ("text", " end")]),
    (r"\href{mailto:a@b.org}{mail \emph{me}}", [("link", "mail me", "mailto:a@b.org")]),
    (r"\href {https://a.org} {$\alpha$ link}", [("link", "α link", "https://a.org")]),
    (r"\href{javascript:alert(1)}{not \emph{a} link}", [("text", "not "), ("emph", "a"), ("text", " link")]),
    (r"\url{file:///etc/passwd}", [("text", "file:///etc/passwd")]),
    (r"\url{ }\href{https://a.org}{}x", [("text", "x")]),
    (
        r"\url{https://a.org}\url{https://b.org}",
        [("link", "https://a.org", "https://a.org"), ("link", "https://b.org", "https://b.org")],
    ),
    (r"\noopsort{zz}Name and \noopsort {x}y", [("text", "Name and y")]),
    ("line one\n\tline  two  \\&", [("text", "line one line two &")]),
    (r"  \emph{lead}  trail  ", [("emph", "lead"), ("text", " trail")]),
    (r"a\\ b", [("text", "a b")]),
    (r"{}{{}}x{}\&", [("text", "x&")]),
    (r"Erd\H{o}s--R\'enyi", [("text", "Erdős–Rényi")]),
    (r"\textbf{$\beta$-decay}", [("math", r"\beta"), ("strong", "-decay")]),
    (r"\emph{a $x$ b}", [("emph", "a "), ("math", "x"), ("emph", " b")]),
    (r"\href{https://a.org}{{Big} data}", [("link", "Big data", "https://a.org")]),
    (r"$\{x\}$ and $a\,$", [("math", r"\{x\}"), ("text", " and "), ("math", r"a\,")]),
    (
        r"$\mathbb{R}^n$, ${{a}}$, $X_1$",
        [("math", r"\mathbb{R}^n"), ("text", ", "), ("math", "{{a}}")] + [("text", ", "), ("math", "X_1")],
    ),
]


@pytest.mark.parametrize(("source", "expected"), FAST)
def test_the_tokenizer_decodes_these_itself(source, expected, monkeypatch):
    monkeypatch.setattr(richtext, "_decode_with_pylatexenc", None)  # a call would raise
    assert segs(richtext._decode(source)) == expected


@pytest.mark.parametrize(("source", "expected"), FAST)
def test_pylatexenc_decodes_them_to_the_same_segments(source, expected):
    assert segs(richtext._decode_with_pylatexenc(source)) == expected


#: LaTeX the tokenizer hands over to pylatexenc (the reason it gives), and the segments shown.
SLOW = [
    (r"\foo{bar} \emph{x}", "macro \\foo", [("text", "bar "), ("emph", "x")]),
    (r"\S 3 \emph{x}", "macro \\S", [("text", "3 "), ("emph", "x")]),
    (r"\textnormal{n} x", "macro \\textnormal", [("text", "n x")]),
    (r"\not=", "accent argument", [("text", "≠")]),
    (r"\'!", "accent argument", [("text", "!\u0301")]),
    (r"\'{\foo}", "accent argument", []),
    (r"\'\ss", "accent argument", [("text", "ß\u0301")]),
    (r"\'", "accent at the end", [("text", "\u0301")]),
    (r"\^", "accent at the end", [("text", "\u0302")]),
    (r"\\* x", "\\\\ with arguments", [("text", "x")]),
    (r"\\[2pt] x", "\\\\ with arguments", [("text", "x")]),
    (r"{\em x", "unclosed {", [("emph", "x")]),
    (r"x}", "stray }", [("text", "x")]),
    (r"\emph x", "argument without braces", [("emph", "x")]),
    (r"\textbf x", "argument without braces", [("strong", "x")]),
    (r"\textsc x", "argument without braces", [("text", "x")]),
    (r"\url x", "argument without braces", [("text", "x")]),
    (r"\emph{50%}", "comment", [("emph", "50%")]),
    (r"{50% in a group}", "comment", [("text", "50% in a group")]),
    ("50% first\nsecond", "comment", [("text", "50% first second")]),
    (r"\url{a%b}", "comment in an argument", [("text", "a%b")]),
    (r"\url{a", "unclosed argument", [("text", "a")]),
    (r"$\(x\)$", "math delimiter in math", [("text", "$(x)$")]),
    (r"$a\)b$", "math delimiter in math", [("math", "ab")]),
    (r"$a\]b$", "math delimiter in math", [("math", "ab")]),
    (r"$x \q $", "a macro's argument would be the closing delimiter", [("text", "$x q$")]),
    (r"$x} y$", "} in math", [("math", "x y")]),
    (r"$x$ $y % z$", "$ or % in math", [("math", "x"), ("text", " $y % z$$")]),
    (r"$$unclosed", "unclosed math", [("math", "unclosed")]),
    (r"$x \foo $ y", "a macro's argument would be the closing delimiter", [("text", "$x foo$ y")]),
    (r"\unknownmacro", "macro \\unknownmacro", []),
    ("trailing\\", "trailing backslash", [("text", "trailing")]),
    (r"\§", "control symbol '§'", []),
]


@pytest.mark.parametrize(("source", "reason", "expected"), SLOW)
def test_the_tokenizer_hands_these_to_pylatexenc(source, reason, expected):
    with pytest.raises(richtext._Unsupported) as raised:
        tokenized(source)
    assert str(raised.value) == reason
    assert segs(latex_to_rich(source)) == expected


def test_a_missing_argument_hands_over_and_shows_no_placeholder():
    # pylatexenc's text for a bare \url is "<%s>" and for a bare \href the macro's name.
    for source in (r"see \url", r"see \href{https://a.org}", r"\href{a}{b", r"\url{a"):
        with pytest.raises(richtext._Unsupported):
            tokenized(source)
    for source in (r"$a\(b$", r"$a\)b$", r"$a\[b$", r"$a\]b$"):
        with pytest.raises(richtext._Unsupported, match="math delimiter in math"):
            tokenized(source)
    with pytest.raises(richtext._Unsupported, match="unclosed argument"):
        tokenized(r"\href{a}{b")
    assert segs(latex_to_rich(r"see \url")) == [("text", "see")]
    assert segs(latex_to_rich(r"see \href{https://a.org}")) == [("text", "see https://a.org")]
    assert segs(latex_to_rich(r"see \href")) == [("text", "see")]


def test_an_unclosed_math_is_reported_as_such():
    with pytest.raises(richtext._Unclosed):
        tokenized(r"$$x")
    with pytest.raises(richtext._Unclosed):
        tokenized(r"\(x")
    assert tokenized(r"$5 and \emph{x}") == [("text", "$5 and "), ("emph", "x")]


#: What pylatexenc's path (the walk over its nodes) shows: a \foo first sends the field there.
WALKED = [
    (r"\foo{} \textbf{x \emph{y}} z", [("strong", "x y"), ("text", " z")]),
    (r"\foo{} {\bf a \em b}", [("strong", "a "), ("emph", "b")]),
    (r"\foo{} {\em a \bf b}", [("emph", "a "), ("strong", "b")]),
    (r"\foo{} {\bf \it a}", [("emph", "a")]),
    (r"\foo{} \textbf{{\em a}}", [("strong", "a")]),
    (r"\foo{} \textbf{\emph{s}} \emph{\textbf{t}}", [("strong", "s"), ("text", " "), ("strong", "t")]),
    (r"\foo{} \textit{\textbf{t}}", [("strong", "t")]),
    (r"\foo{} \mkbibemph{a}\mkbibbold{b}", [("emph", "a"), ("strong", "b")]),
    (r"\foo{} \url{https://a.org/x\_y}", [("link", "https://a.org/x_y", "https://a.org/x_y")]),
    (r"\foo{} \href{https://a.org}{the \emph{x}}", [("link", "the x", "https://a.org")]),
    (r"\foo{} \href{javascript:x}{bad}", [("text", "bad")]),
    (r"\foo{} \url{ftp://x}", [("text", "ftp://x")]),
    (r"\foo{} \noopsort{z}N", [("text", "N")]),
    (r"\foo{} \{ \} \textbackslash{} \textbraceleft \textbraceright", [("text", "{ } \\ {}")]),
    (r"\foo{} \textsc{Sc} \mbox{M}", [("text", "Sc M")]),
    (r"\foo{} $x^2$ $ $", [("math", "x^2")]),
    (r"\foo{} 50% off", [("text", "50% off")]),
    ("\\foo{} 5% x\nnext", [("text", "5% x next")]),
    (r"\foo{} a--b---c~d", [("text", "a–b—c\xa0d")]),
    (r"\foo{} {\it a}{\it b}", [("emph", "ab")]),
    (r"\foo{} \'e \ss", [("text", "é ß")]),
    (r"\foo[opt]{x} y", [("text", "[opt]x y")]),
    (r"\foo{} {\em}x", [("text", "x")]),
    (
        r"\foo{} $\alpha$\href{https://a.org}{b}\href{https://a.org}{c}",
        [("math", r"\alpha"), ("link", "b", "https://a.org"), ("link", "c", "https://a.org")],
    ),
    (r"\foo{} \textbf{a}\textbf{b} \emph{c}", [("strong", "ab"), ("text", " "), ("emph", "c")]),
]


@pytest.mark.parametrize(("source", "expected"), WALKED)
def test_the_pylatexenc_path_shows(source, expected):
    assert segs(latex_to_rich(source)) == expected


def test_when_pylatexenc_itself_fails_the_field_is_its_plain_text(monkeypatch):
    def fail(self, nodelist, kind):
        raise ValueError("pylatexenc gave up")

    monkeypatch.setattr(richtext._Builder, "walk", fail)
    assert segs(richtext._decode_with_pylatexenc("a--b---c~{d}\\x  y")) == [("text", "a–b—c\xa0dx y")]


def test_a_macro_pylatexenc_cannot_convert_is_its_source_without_braces(monkeypatch):
    class Broken:
        def nodelist_to_text(self, nodelist):
            raise ValueError("no")

    latex = richtext._latex()
    monkeypatch.setattr(latex, "converter", Broken())
    assert segs(richtext._decode_with_pylatexenc(r"a \foo{b} c")) == [("text", "a foob c")]
    # node by node (the field's own fallback would have made the dashes an en dash)
    assert segs(richtext._decode_with_pylatexenc(r"a--b \foo{c}")) == [("text", "a--b fooc")]


def test_plain_fields_never_enter_a_parser(monkeypatch):
    monkeypatch.setattr(richtext, "_Tokenizer", None)
    monkeypatch.setattr(richtext, "_decode_with_pylatexenc", None)
    before = richtext.decoder_calls()
    assert segs(richtext._decode("  {Protected} a--b---c~d\n e  ")) == [("text", "Protected a–b—c\xa0d e")]
    assert segs(richtext._decode(" {} ")) == []
    assert richtext.decoder_calls() == before
    assert not richtext.needs_parser("a--b {c}")
    assert richtext.needs_parser("a\\b") and richtext.needs_parser("$x$") and richtext.needs_parser("5%")


# -- the segments --------------------------------------------------------------------------


def test_rich_text_plain_keeps_math_source_and_text_shows_unicode():
    rich = latex_to_rich(r"Energy $E_0 = \alpha^2$ at \url{https://a.org}")
    assert rich.plain == r"Energy E_0 = \alpha^2 at https://a.org"
    assert rich.text == "Energy E₀ = α² at https://a.org"
    assert latex_to_plain(r"\emph{a} $\beta$") == r"a \beta"


def test_a_link_segment_is_a_pair_with_an_address_and_survives_pickling():
    link = LinkSegment("shown", "https://a.org")
    assert tuple(link) == ("link", "shown") and link.url == "https://a.org"
    again = pickle.loads(pickle.dumps(RichText((Segment("text", "a"), link))))
    assert segs(again) == [("text", "a"), ("link", "shown", "https://a.org")]
    assert isinstance(again[1], LinkSegment)


def test_the_builder_joins_text_of_one_kind_and_keeps_math_and_links_apart():
    builder = richtext._Builder()
    builder.add("text", "a{")
    builder.add("text", "")
    builder.add("text", "}\\")
    builder.add("emph", "b")
    builder.add("text", "c")
    builder.add_clean("text", "d")
    builder.add("math", "x")
    builder.add("math", "y")
    builder.append(LinkSegment("l", "https://a.org"))
    builder.append(LinkSegment("m", "https://b.org"))
    builder.add_clean("text", "e")
    builder.add("text", "f")
    builder.extend(
        [Segment("text", "g"), Segment("math", "z"), LinkSegment("n", "https://c.org"), Segment("emph", "h")]
    )
    assert segs(builder.segments) == [
        ("text", "a"),
        ("emph", "b"),
        ("text", "cd"),
        ("math", "x"),
        ("math", "y"),
        ("link", "l", "https://a.org"),
        ("link", "m", "https://b.org"),
        ("text", "efg"),
        ("math", "z"),
        ("link", "n", "https://c.org"),
        ("emph", "h"),
    ]


def test_the_builder_rejoins_a_kind_interrupted_by_nothing():
    builder = richtext._Builder()
    builder.add("emph", "a")
    builder.add("text", "{}")  # nothing left once braces are dropped
    builder.add("emph", "b")
    assert segs(builder.segments) == [("emph", "ab")]
    builder.segments = [Segment("text", "x")]
    builder.add("text", "y")
    assert segs(builder.segments) == [("text", "xy")]


def test_spaces_are_normalised_but_math_and_link_addresses_are_kept():
    segments = [
        Segment("text", "  a \n\t b "),
        Segment("math", " x  y "),
        LinkSegment("l  \n m", "https://a.org"),
        Segment("emph", " \u00a0c  "),
    ]
    out = richtext._normalise_spaces(segments)
    assert segs(out) == [("text", "a b "), ("math", " x  y "), ("link", "l m", "https://a.org"), ("emph", " \u00a0c")]
    assert segs(richtext._normalise_spaces([Segment("math", " x "), Segment("text", "  ")])) == [("math", " x ")]
    assert richtext._normalise_spaces([]) == []


def test_link_segments_unescape_the_address_and_refuse_unsafe_ones():
    assert segs(richtext._link_segments(r" https://a.org/{x}\_y ", None)) == [
        ("link", "https://a.org/x_y", "https://a.org/x_y")
    ]
    text = RichText((Segment("emph", " shown "),))
    assert segs(richtext._link_segments("https://a.org", text)) == [("link", "shown", "https://a.org")]
    assert segs(richtext._link_segments("data:text/html,x", text)) == [("emph", " shown ")]
    assert segs(richtext._link_segments("relative/page", None)) == [("text", "relative/page")]
    assert richtext._link_segments("", None) == []
    assert richtext._link_segments("https://a.org", RichText((Segment("text", "  "),))) == []


def test_accented_letters_are_composed_and_dotless_letters_take_their_accent():
    assert richtext._accented("a\u0131\u0237z", "\u0301") == "á\u00edj\u0301\u017a"
    assert richtext._accented("", "\u0301") == ""


# -- the memory of decoded fields -----------------------------------------------------------


def test_a_field_is_decoded_once_and_offered_fields_are_taken_without_decoding():
    before = richtext.decoder_calls()
    first = latex_to_rich(r"\emph{once}")
    assert latex_to_rich(r"\emph{once}") is first
    assert richtext.decoder_calls() == before + 1
    offered = RichText((Segment("text", "from an earlier build"),))
    richtext.remember([(r"\emph{offered}", offered), (r"\emph{once}", RichText())])
    richtext.remember([(r"\textbf{second}", offered)])
    assert latex_to_rich(r"\emph{offered}") is offered
    assert latex_to_rich(r"\textbf{second}") is offered
    assert latex_to_rich(r"\emph{once}") is first  # what this process decoded wins
    assert richtext.decoder_calls() == before + 1
    richtext.forget_decoded()
    assert segs(latex_to_rich(r"\emph{offered}")) == [("emph", "offered")]
    assert richtext.decoder_calls() == before + 2


def test_offered_fields_are_looked_at_before_decoding_a_new_one():
    richtext.remember([(r"\emph{new}", RichText((Segment("text", "kept"),)))])
    before = richtext.decoder_calls()
    assert segs(latex_to_rich(r"\emph{other}")) == [("emph", "other")]
    assert segs(latex_to_rich(r"\emph{new}")) == [("text", "kept")]
    assert richtext.decoder_calls() == before + 1


def test_refused_math_is_named_even_for_a_field_decoded_by_an_earlier_build():
    source = r"a $\input{x}$ b $x$ \href{https://a.org}{$\def$}"
    assert segs(latex_to_rich(source)) == [
        ("text", "a $inputx$ b "),
        ("math", "x"),
        ("text", " "),
        ("link", "$def$", "https://a.org"),
    ]
    assert richtext.refused_math(source) == (r"\input{x}", r"\def")
    rich = latex_to_rich(source)
    richtext.forget_decoded()
    richtext.remember([(source, rich)])
    assert richtext.refused_math(source) == (r"\input{x}", r"\def")
    slow = r"\foo{} $\input{y}$"
    assert segs(latex_to_rich(slow)) == [("text", "$inputy$")]
    assert richtext.refused_math(slow) == (r"\input{y}",)
    assert richtext.refused_math(r"$x$ costs \$5") == ()


def test_refused_math_decodes_again_only_a_remembered_field_showing_a_dollar():
    plain = r"\emph{x} and text"
    shown = r"a $\input{x}$ b"
    rich_plain, rich_shown = latex_to_rich(plain), latex_to_rich(shown)
    richtext.forget_decoded()
    richtext.remember([(plain, rich_plain), (shown, rich_shown)])
    before = richtext.decoder_calls()
    assert richtext.refused_math(plain) == ()
    assert richtext.decoder_calls() == before
    assert richtext.refused_math(shown) == (r"\input{x}",)
    assert richtext.decoder_calls() == before + 1
    assert richtext.refused_math(shown) == (r"\input{x}",)
    assert richtext.decoder_calls() == before + 1


def test_a_decoding_inside_a_decoding_adds_its_refusals_to_the_outer_one():
    # \href's text is decoded while the field is: its refused formula belongs to both.
    source = r"\href{https://a.org}{$\catcode$} and $\alpha$"
    latex_to_rich(source)
    assert richtext.refused_math(source) == (r"\catcode",)
    assert richtext._refused[r"$\catcode$"] == (r"\catcode",)


def test_a_fast_path_refusal_is_not_counted_twice_when_pylatexenc_takes_over():
    source = r"$\input{a}$ then \foo{}"
    assert segs(latex_to_rich(source)) == [("text", "$inputa$ then")]
    assert richtext.refused_math(source) == (r"\input{a}",)


# -- inline math as Unicode -------------------------------------------------------------------

MATH = [
    ("H_0", (("text", "H₀"),)),
    ("x^{2}", (("text", "x²"),)),
    ("a_{ij}", (("text", "aᵢⱼ"),)),
    ("x^+ y_-", (("text", "x⁺y₋"),)),
    ("x^{n+1}", (("text", "xⁿ⁺¹"),)),
    ("10^{-3}", (("text", "10⁻³"),)),
    ("x_1^2", (("text", "x₁²"),)),
    ("{a}^2", (("text", "a²"),)),
    ("_1", (("text", "₁"),)),
    ("a^{}", (("text", "a"),)),
    ("x_{ }", (("text", "x"),)),
    ("T_c", (("text", "T"), ("sub", "c"))),
    (r"x^{\mathrm{Q}}", (("text", "x"), ("sup", "Q"))),
    (r"x_{\alpha}", (("text", "x"), ("sub", "α"))),
    (r"x^{\beta}", (("text", "xᵝ"),)),
    (r"e^{i\pi}", (("text", "e"), ("sup", "iπ"))),
    (r"x^{\text{a b}}", (("text", "x"), ("sup", "a b"))),
    (r"x_\text{max}", (("text", "xₘₐₓ"),)),
    ("a=b", (("text", "a = b"),)),
    ("=x", (("text", "= x"),)),
    ("x=", (("text", "x ="),)),
    (r"x \; = y", (("text", "x = y"),)),
    (r"a \leq b", (("text", "a ≤ b"),)),
    (r"\alpha \to \beta", (("text", "α → β"),)),
    ("-x", (("text", "−x"),)),
    ("a-b", (("text", "a − b"),)),
    ("a - -b", (("text", "a − −b"),)),
    ("(-1)", (("text", "(−1)"),)),
    ("[-x]", (("text", "[−x]"),)),
    ("|-x|", (("text", "|−x|"),)),
    (r"\langle -x \rangle", (("text", "⟨−x⟩"),)),
    (r"a \times b", (("text", "a × b"),)),
    (r"\pm 1", (("text", "±1"),)),
    (r"x \pm y", (("text", "x ± y"),)),
    (r"a \cdot -b", (("text", "a · −b"),)),
    (r"\sin -x", (("text", "sin−x"),)),
    (r"x\sin(y)", (("text", "x sin(y)"),)),
    (r"\sin\cos x", (("text", "sin cos x"),)),
    (r"2\sin", (("text", "2 sin"),)),
    (r"\sin x^2", (("text", "sin x²"),)),
    (r"\sin{x}", (("text", "sin x"),)),
    (r"\sin\,x", (("text", "sin\u2009x"),)),
    (r"x^2\sin", (("text", "x² sin"),)),
    (r"x_b\sin", (("text", "x"), ("sub", "b"), ("text", " sin"))),
    (r"\log", (("text", "log"),)),
    (r"n \log n", (("text", "n log n"),)),
    (r"a \log b \sin", (("text", "a log b sin"),)),
    (r"\lim_{n}", (("text", "limₙ"),)),
    (r"\operatorname{rank} A", (("text", "rank A"),)),
    (r"\mathbb{R}", (("text", "ℝ"),)),
    (r"\mathbb{N A}", (("text", "ℕ𝔸"),)),
    (r"\mathbb{1}", (("text", "𝟙"),)),
    (r"\mathcal{L}", (("text", "ℒ"),)),
    (r"\mathscr{B}", (("text", "ℬ"),)),
    (r"\mathfrak{g}", (("text", "𝔤"),)),
    (r"\mathfrak{C}", (("text", "ℭ"),)),
    (r"\mathbf{x1}", (("text", "𝐱𝟏"),)),
    (r"\mathbf{(a)}", (("text", "(𝐚)"),)),
    (r"\bm{v}", (("text", "𝐯"),)),
    (r"\mathsf{A}", (("text", "𝖠"),)),
    (r"\mathtt{z}", (("text", "𝚣"),)),
    (r"\mathrm{d}x", (("text", "dx"),)),
    (r"a\mathrm{ b  c }", (("text", "ab c"),)),
    (r"\text{a}\text{b}", (("text", "ab"),)),
    (r"\text x", (("text", "x"),)),
    (r"\mathrm{}", ()),
    (r"\vec{v}", (("text", "v⃗"),)),
    (r"\bar x", (("text", "x̅"),)),
    (r"\hat{\alpha}", (("text", "α̂"),)),
    (r"a\,b\;c\:d\!e\ f\quad g\qquad h", (("text", "a\u2009b c de f g h"),)),
    (r"x \ \ y", (("text", "x y"),)),
    (r"\, x", (("text", "x"),)),
    ("a~b", (("text", "a b"),)),
    (r"\{x\}", (("text", "{x}"),)),
    (r"\|x\|", (("text", "‖x‖"),)),
    (r"\%", (("text", "%"),)),
    (r"\&\#\$\_", (("text", "&#$_"),)),
    ("f''(x)", (("text", "f′′(x)"),)),
    (r"\left( x \right)", (("text", "(x)"),)),
    (r"\big| x", (("text", "|x"),)),
    (r"\displaystyle x", (("text", "x"),)),
    (r"\text^2", (("text", "2"),)),
    (r"\mathbb{R}\sin", (("text", "ℝ sin"),)),
    (r"\hat{a}\sin", (("text", "â sin"),)),
    (r"_1\sin", (("text", "₁ sin"),)),
    (r"^2\sin", (("text", "² sin"),)),
    (r"x'\sin", (("text", "x′ sin"),)),
    ("a~~b", (("text", "a b"),)),
    ("a~-x", (("text", "a − x"),)),
    ("X_1", (("text", "X₁"),)),
    (r"\dot{x}\ddot{x}\tilde{n}\check{c}\breve{u}\acute{e}\grave{e}", (("text", "ẋẍñčŭéè"),)),
    (r"\|-x\|", (("text", "‖−x‖"),)),
    (r"\mathrm}", ()),
    (r"\mathrm{d}\sin", (("text", "d sin"),)),
]


@pytest.mark.parametrize(("source", "parts"), MATH)
def test_math_parts(source, parts):
    assert math_parts(source) == parts


#: No faithful Unicode form: real math, and pylatexenc's best effort for plain-text places.
NO_UNICODE = [
    (r"\frac12", "1/2"),
    (r"\sqrt{2}", "√(2)"),
    (r"\ket{0}", "|0⟩"),
    (r"\vec{ab}", "a⃗b⃗"),
    (r"\hat{}", ""),
    (r"\hat", "\u0302"),
    (r"\mathbb{é}", "é"),
    (r"\mathbb{\alpha}", "α"),
    (r"\mathbb{\Gamma}", "Γ"),
    (r"\mathbb", ""),
    (r"\mathcal{1}", "1"),
    (r"\text{\alpha}", "α"),
    (r"\text{$x$}", "x"),
    (r"\mathrm{a\,b}", "a b"),
    (r"\text", ""),
    (r"\text{a", "a"),
    ("&", ""),
    ("x #", "x #"),
    ("x_", "x_"),
    ("x^{", "x^"),
    ("{x}}", "x"),
    ("x_{a_b}", "x_a_b"),
    ("x_{a^b}", "x_a^b"),
    (r"x_{\frac12}", "x_1/2"),
    (r"\unknown", ""),
    (r"\sqrt", "sqrt"),
    ("a\\\\b", "a\nb"),
    ("$", ""),
]


@pytest.mark.parametrize(("source", "shown"), NO_UNICODE)
def test_math_without_a_unicode_form(source, shown):
    assert math_parts(source) is None
    assert math_to_unicode(source) == shown


def test_math_to_unicode_writes_scripts_without_a_unicode_form_with_their_sign():
    assert math_to_unicode(r"T_c^{\mathrm{Q}} + x_{\alpha}") == "T_c^Q + x_α"
    assert math_to_unicode(r"H_0") == "H₀"


def test_math_to_unicode_falls_back_to_the_source_without_braces(monkeypatch):
    class Broken:
        def latex_to_text(self, source):
            raise ValueError("no")

    monkeypatch.setattr(richtext._latex(), "math_converter", Broken())
    assert math_to_unicode(r" \frac{a}{b} ") == "fracab"


def test_math_fonts_style_letters_and_digits_and_refuse_the_rest():
    assert richtext._font("mathbb", "R 1(") == "ℝ𝟙("
    assert richtext._font("mathcal", "Ab") == "𝒜𝒷"
    assert richtext._font("mathfrak", "Hz") == "ℌ𝔷"
    assert richtext._font("mathsf", "a9") == "𝖺𝟫"
    for name, text in (("mathbb", "é"), ("mathcal", "1"), ("mathbb", "\\")):
        if text == "\\":
            assert richtext._font(name, text) == "\\"
            continue
        with pytest.raises(richtext._NoUnicode):
            richtext._font(name, text)


def test_math_classes():
    assert [richtext._math_class(c) for c in "=+(x"] == ["rel", "bin", "open", "ord"]
    assert richtext._math_class("\u2264") == "rel" and richtext._math_class("\u00d7") == "bin"


def test_the_math_reader_reads_arguments_and_raw_groups():
    reader = richtext._MathReader(r" {a{b}c} x")
    assert reader.raw_group() == "a{b}c"
    assert reader.raw_group() == "x"
    with pytest.raises(richtext._NoUnicode):
        reader.raw_group()
    reader = richtext._MathReader(r"  {ab} c")
    assert reader.group_text() == "ab"
    assert reader.group_text() == "c"
    with pytest.raises(richtext._NoUnicode):
        reader.group_text()
    with pytest.raises(richtext._NoUnicode):
        richtext._MathReader("{a_b}").group_text()
    with pytest.raises(richtext._NoUnicode):
        richtext._MathReader("{a").raw_group()
    assert richtext._MathReader(r"\mathrm{\alpha}").raw_group() == "mathrm"
    assert richtext._MathReader(r"{\alpha_1^2 x}").raw_group() == r"\alpha_1^2 x"


def test_math_atoms():
    assert richtext._MathReader(r"a^2 \leq \sin x'").atoms() == [
        ("ord", "a"),
        ("sup", "2"),
        ("rel", "≤"),
        ("op", "sin"),
        ("ord", "x"),
        ("ord", "′"),
    ]
    assert richtext._MathReader(r"^2 ~-\,").atoms() == [
        ("ord", ""),
        ("sup", "2"),
        ("space", " "),
        ("bin", "−"),
        ("space", "\u2009"),
    ]
    assert richtext._MathReader(r"\!\left(\right)\|\operatorname{r}").atoms() == [
        ("open", "("),
        ("ord", ")"),
        ("open", "‖"),
        ("op", "r"),
    ]
    with pytest.raises(richtext._NoUnicode):
        richtext._MathReader("a}").atoms()
    with pytest.raises(richtext._NoUnicode):
        richtext._MathReader("{a").atoms()


# -- macros defined in @preamble ---------------------------------------------------------------


def test_preamble_macros_with_a_fixed_text_are_read_with_their_argument_count():
    preamble = (
        r"\newcommand{\A}{Alpha} \newcommand\B[2]{B} \providecommand*{\C}{ C } \renewcommand{\D}[1]{#1}"
        r" \DeclareRobustCommand{\E}{E} \def\F#1#2{F} \def\G{G} \newcommand{\emph}{X} \newcommand{\textbf}{Y}"
        r" \newcommand{\H}{" + "x" * 201 + r"} \newcommand{\L}{" + "y" * 200 + r"} \newcommand{\I}{unclosed"
    )
    assert preamble_macros(preamble) == {
        "A": (0, "Alpha"),
        "B": (2, "B"),
        "C": (0, "C"),
        "E": (0, "E"),
        "F": (2, "F"),
        "G": (0, "G"),
        "L": (0, "y" * 200),
    }
    assert preamble_macros(
        r"\newcommand{\A}{one}\newcommand{\A}{two} \newcommand { \K } [ 1 ] { k {n} } \newcommand{\N}{\textbf{x}}"
    ) == {"A": (0, "one"), "K": (1, "k {n}"), "N": (0, r"\textbf{x}")}
    assert preamble_macros(r"\newcommand{\Z}{a\}b}") == {"Z": (0, r"a\}b")}
    assert preamble_macros("") == {}
    assert preamble_macros(r"\newcommand{\I}{x \newcommand{\J}{j}") == {"J": (0, "j")}
    assert expand_macros(r"\F{a}{b}c", preamble_macros(r"\def\F#1#2{F}")) == "Fc"


def test_expand_macros_replaces_each_use_and_its_arguments():
    macros = {"A": (0, "Alpha"), "B": (2, "B"), "AB": (0, "ab"), "K": (1, "k")}
    assert expand_macros(r"\A \B{x}{y}z \AB \ABC \\A", macros) == r"AlphaBz ab\ABC \\A"
    assert expand_macros(r"\B x y z", macros) == "B z"
    assert expand_macros(r"\B{x", macros) == "B{x"
    assert expand_macros(r"\K", macros) == "k"
    assert expand_macros(r"\K  {a{b}}c", macros) == "kc"
    assert expand_macros(r"\K{a\}b}c", macros) == "kc"
    assert expand_macros(r"\A\A", macros) == "AlphaAlpha"
    assert expand_macros(r"\B{x}{y}\A", macros) == "BAlpha"
    assert expand_macros("\\A x\\", macros) == "Alphax\\"
    assert expand_macros(r"\\A", macros) == r"\\A"
    assert expand_macros(r"\\A \A", macros) == r"\\A Alpha"
    assert expand_macros(r"\K{}c \K{{x}}c", macros) == "kc kc"
    assert expand_macros(r"\AX \Ax \A", {"A": (0, "a")}) == r"\AX \Ax a"
    assert expand_macros(r"\A", {}) == r"\A"
    assert expand_macros("no macros", macros) == "no macros"


def test_balanced_finds_the_closing_brace_within_bounds():
    assert richtext._balanced("a{b}c}d", 0) == 6
    assert richtext._balanced(r"a\}b}", 0) == 5
    assert richtext._balanced("abc", 0) is None
    assert richtext._balanced("ab}", 0, 2) is None
    assert richtext._balanced("ab}", 1, 3) == 3
    assert richtext._balanced(r"\}}x}", 0) == 3


# -- the symbol table (records/latex_symbols.py) ------------------------------------------------


def test_symbol_table_spot_values():
    """A module-level table (mutmut makes no mutant of it): exact values of the letters,
    dashes and math symbols that real .bib files use; test_richtext_fast.py checks
    every seventh entry against pylatexenc."""
    from sphinx_scholar.records.latex_symbols import SYMBOLS

    spot = {
        "ss": "ß",
        "AA": "Å",
        "aa": "å",
        "o": "ø",
        "O": "Ø",
        "L": "Ł",
        "l": "ł",
        "ae": "æ",
        "i": "ı",
        "j": "ȷ",
        "alpha": "α",
        "Gamma": "Γ",
        "leq": "≤",
        "neq": "≠",
        "infty": "∞",
        "to": "→",
        "times": "×",
        "pm": "±",
        "cdot": "·",
        "ldots": "…",
        "textendash": "–",
        "textemdash": "—",
        "dag": "†",
        "textregistered": "®",
        "textbackslash": "\ue002",  # a literal backslash, restored when a segment is made
        "langle": "⟨",
        "hbar": "ħ",
        "CYRA": "А",
    }
    assert {name: SYMBOLS.get(name) for name in spot} == spot
    assert all(name.isalpha() for name in SYMBOLS)
