"""qatool.markup's fast path (`blocks_of_plain_html`) gives exactly what html.parser gives.

`html_to_blocks` cuts plainly written fragments into tags and text with one pattern and only
hands the rest to html.parser (`blocks_by_html_parser`). Each case here says whether the fast
path must take the fragment, and when it does, its paragraphs must be html.parser's, to the
character. The properties do the same for random joins of the same pieces.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qatool.markup import (
    TextBuilder,
    _FragmentParser,
    blocks_by_html_parser,
    blocks_of_plain_html,
    html_to_blocks,
)
from qatool.text import fold_line, fold_spaces

# (fragment, whether the fast path takes it)
CASES: list[tuple[str, bool]] = [
    # entities, named, numeric, without ";", unknown, cut by a tag, at the very end
    ("<p>&nbsp;&pound;5 &#163;6 &#xA3;7 &amp; &lt;b&gt; &quot;q&quot; &apos;</p>", True),
    ("<p>&nbsp;</p><p>\u00a0</p><p>&#160;</p><p>x</p>", True),
    ("<p>&pound5 &copy2024 &notit; &amp &AMP; &#0; &#x110000; &#65</p>", True),
    ("<p>R&D &S; &reserved DE&S F&amp;S</p>", True),
    ("<p>&am<b></b>p; &#16<i>3;</i></p>", True),
    ("<p>a &am", True),
    ("a&", True),
    ("&", True),
    # <br> singly, in pairs, with spaces between, written every way
    ("<p>a<br><br>b</p>", True),
    ("<p>first. <br> <br> As part of it</p>", True),
    ("<br><br>x<br>", True),
    ("<p><br>x<br></p><br><p>y</p>", True),
    ("<p>a<br/>b<BR>c<br >d<Br />e</p>", True),
    ("<p>a</br>b</BR></p>", True),
    ("<p>a<br>&nbsp;<br>b</p>", True),
    ("<p>a<br>\u200b<br>b</p>", True),
    # nested inline tags add nothing, block and line tags break
    ("<p><strong><em>1,200</em></strong> pm<sup>-3</sup>, CO<sub>2</sub></p>", True),
    ("<div><p>a</p>b<span>c</span></div>d", True),
    ("<ul><li>a<li>b</ul><ol><li>c</li></ol>after", True),
    ("<p>a<hr>b<hr/>c<img src=x.png>d</p>", True),
    # attributes: ">" inside quotes, bare values (with "/"), spaces round "=", names alone
    ("<p><a href=\"x>y\" title='a>b'>link</a> after</p>", True),
    ("<p><a href=foo/>x</a> <a href=foo/ >y</a></p>", True),
    ('<p class = "c" id=x hidden data-a_b:c.d="1">t</p>', True),
    ("<p\n class='x'\n>t</p\n>", True),
    # upper case and self-closing tags
    ("<P>One</P><P ALIGN=center>Two</p><DIV>Three</DIV>", True),
    ("<p/>x<p/>y<div/>z<li/>w", True),
    ("<p>a<b/>b<span/>c</p>", True),
    # tables (cells' colspan read from every way of writing it), <pre>, dropped elements
    (
        '<table><tr><td colspan="2">Title</td></tr><tr><td>1</td><td>000</td></tr></table>',
        True,
    ),
    (
        "<TABLE><TR><TD COLSPAN=2>T</TD></TR><tr><td colspan='&#50;'>u</td><td>v</td></tr>"
        '<tr><td colspan>w</td><td colspan="">x</td><td colspan=" 3 ">y</td></tr></TABLE>',
        True,
    ),
    ("<table><tr><td>Closed<td>14<tr><td>Opened<td>3</table><p>Provisional", True),
    ("<table><tr><td>a<table><tr><td>b</td></tr></table></td></tr></table>", True),
    ("<table><tr><td/><td>x</td></tr><tr><th>h</th></tr></table>tail", True),
    ("<p>a<table/>b</p><pre/>c\n  d", True),
    ("<pre>a\n  b\n\nc</pre>d", True),
    ("<html><head><title>T</title></head><body><p>B</p></body></html>", False),
    ("<head><meta charset=utf-8><p>hidden</p><body><p>shown</p>", True),
    ("<svg><p>no</p></svg><template>no</template><p>yes</p>", True),
    # raw-text elements, comments, declarations, CDATA, processing instructions: html.parser
    ("<script>var x = '<p>no</p>';</script><p>yes</p>", False),
    ("<style>p{}</style>y", False),
    ("<p>x</script>y</p>", False),
    ("<textarea><p>t</p></textarea>", False),
    ("<p>a<!-- c -->b</p>", False),
    ("<p>a<!-- open", False),
    ("<p><![CDATA[x < y]]></p>", False),
    ("<?xml version='1.0'?><p>x</p>", False),
    ("<!DOCTYPE html><p>x</p>", False),
    ("<p>a</>b</p>", False),
    # "<" that is text, and "<" that html.parser reads its own way
    ("<p>5 < 6 and 7 > 3</p>", True),
    ("<p>a<</p>", True),
    ("<p>a <3 <= b</p>x <", True),
    ("<<p>a</p>", True),
    ("<p>a<", True),
    ("< p>a</p>", True),
    ("<p>a</ p>b</p>", False),
    ("<p>if a<b then</p>", False),
    ("<p>x<b", False),
    ("<p>x</p", False),
    ("<p>x<a href='y", False),
    ('<a b="x<y">z</a>', False),
    ('<a b="x"c="y">z</a>', False),
    ("<a b= >c</a>", False),
    ("<a b==c>d</a>", False),
    ("<a /b>c</a>", False),
    ("<p/x>y", False),
    ("<p.x>y</p.x>", True),
    ("<o:p>x</o:p>", True),
    ('<p"x>y</p>', False),
    ("<p\x0b>y</p>", False),
    ("<p\u00a0class=x>y</p>", False),
    ("<a b=c\u00a0d>e</a>", False),
    # white space, odd spaces, zero-width characters, NUL
    ("<p>a\n\tb\r\nc\x0cd\x0be\x1cf</p>", True),
    ("<p>a\u00a0\u00a0b\u2009c\u3000d\u200be\ufeff f\u00adg\u2028h\x85i</p>", True),
    ("<p>a\u200b \u200bb</p><p> \u200b </p>", True),
    ("<p>a\x00b</p>", True),
    ("", True),
    ("   ", True),
    ("just text, no tags", True),
]


@pytest.mark.parametrize(("fragment", "fast"), CASES, ids=[repr(c[0])[:60] for c in CASES])
def test_fast_path_gives_what_html_parser_gives(fragment: str, fast: bool) -> None:
    parsed = blocks_by_html_parser(fragment)
    plain = blocks_of_plain_html(fragment)
    assert (plain is not None) == fast
    if plain is not None:
        assert plain == parsed
    assert html_to_blocks(fragment) == parsed


def test_fast_path_on_known_answers() -> None:
    html = (
        "<p>We will act.</p><p>\u00a0</p><p>&pound;5&nbsp;million &ndash; 2024&ndash;25</p>"
        '<p>See <a href="https://example.invalid/?a=1&amp;b=2">the data</a>.<br> <br> Next</p>'
    )
    assert blocks_of_plain_html(html) == [
        "We will act.",
        "£5 million – 2024–25",
        "See the data.",
        "Next",
    ]


# Pieces the fast path takes however they are joined ...
PLAIN_PIECES = [
    *("<p>", "</p>", "<P>", "</P >", "<p/>", "<div>", "</div>", "<div/>", "<h2>", "</h2>"),
    *("<br>", "<br/>", "<BR />", "</br>", "<hr>", "<img src=x>"),
    *("<b>", "</b>", "<strong>", "</strong>", "<sup>", "</sup>", "<span/>"),
    *('<a href="x>y">', "<a href='q' title=\"t\">", "<a href=foo/>", "<a hidden>", "</a>"),
    *("<ul>", "<ol>", "<li>", "</li>", "</ul>", "<li/>", "<dt>", "<dd>", "<caption>"),
    *("<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "<td/>"),
    *('<td colspan="2">', "<TD COLSPAN=3>", "<td colspan='&#50;'>", "<tbody>"),
    *("<pre>", "</pre>", "<head>", "</head>", "<body>", "<svg>", "</svg>", "<o:p>"),
    *("&nbsp;", "&pound;", "&#163;", "&#xA3;", "&amp;", "&lt;p&gt;", "&", "&pound", "&am"),
    *("p;", "R&D", "&#16", "3;", "&S;"),
    *(" ", "  ", "\n", "\t", "\r\n", "\x0c", "\u00a0", "\u2009", "\u3000", "\u200b", "\ufeff"),
    *(" < ", "<3", "5<6", "<<p>", ">", "1", "000", "word", "£", "a) "),
]
# ... and pieces that may send a fragment to html.parser.
OTHER_PIECES = [
    *("<!--", "-->", "<![CDATA[", "]]>", "<?xml?>", "<!DOCTYPE html>", "</>", "<"),
    *("<script>", "</script>", "<style>", "</style>", "<textarea>", "<title>", "</title>"),
    *('<a b="', "<a b=", "</ p>", "<p/x>", "<p\x0b>", "<a b c>", '<a b="x"c="y">', "x<y"),
    *("/", "=", '"', "'", "p>", "a", "/p>"),
]
random_text = st.text(st.characters(codec="utf-8"), max_size=3)
plain_fragments = st.lists(st.sampled_from(PLAIN_PIECES), max_size=40).map("".join)
any_fragments = st.lists(
    st.one_of(st.sampled_from(PLAIN_PIECES + OTHER_PIECES), random_text), max_size=40
).map("".join)


@settings(max_examples=400, deadline=None)
@given(fragment=plain_fragments)
def test_fast_path_takes_plain_fragments_and_agrees(fragment: str) -> None:
    plain = blocks_of_plain_html(fragment)
    assert plain is not None
    assert plain == blocks_by_html_parser(fragment)


@settings(max_examples=400, deadline=None)
@given(fragment=any_fragments)
def test_fast_path_agrees_whenever_it_takes_a_fragment(fragment: str) -> None:
    parsed = blocks_by_html_parser(fragment)
    plain = blocks_of_plain_html(fragment)
    if plain is not None:
        assert plain == parsed
    assert html_to_blocks(fragment) == parsed


def _blocks_as_html_parser_reads(fragment: str) -> list[str]:
    """html.parser on the fragment as it is, with nothing escaped first."""
    builder = TextBuilder()
    parser = _FragmentParser(builder)
    parser.feed(fragment)
    parser.close()
    return builder.blocks()


@settings(max_examples=400, deadline=None)
@given(fragment=any_fragments)
def test_escaping_unclosed_tags_changes_nothing_html_parser_reads(fragment: str) -> None:
    # A "<" that no ">" follows cannot start a tag: escaping it (to avoid html.parser's
    # quadratic re-reading) must give the same text. Unclosed comments are lost on purpose.
    if "<!--" not in fragment:
        assert blocks_by_html_parser(fragment) == _blocks_as_html_parser_reads(fragment)


SPACING = " \t\n\r\x0b\x0c\x1c\x1f\x85\u00a0\u1680\u2000\u2009\u200a\u2028\u202f\u3000"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


@pytest.mark.parametrize("char", [chr(c) for c in range(128)] + list(SPACING + ZERO_WIDTH))
def test_fold_line_is_fold_spaces_then_split(char: str) -> None:
    for text in (f"a{char}b", f"{char}a {char} b{char}", f"a {char}{char}b", char):
        assert fold_line(text) == " ".join(fold_spaces(text).split())


@settings(max_examples=400, deadline=None)
@given(text=st.text(st.one_of(st.characters(codec="utf-8"), st.sampled_from(SPACING + ZERO_WIDTH))))
def test_fold_line_is_fold_spaces_then_split_on_any_text(text: str) -> None:
    assert fold_line(text) == " ".join(fold_spaces(text).split())
