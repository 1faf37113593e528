"""qatool.markup: HTML fragments → clean text (paragraphs, line breaks, lists, tables, entities)."""

from __future__ import annotations

from qatool.markup import Cell, html_to_blocks, html_to_text, looks_like_markup, table_lines


def test_paragraphs_joined_by_one_blank_line() -> None:
    assert html_to_text("<p>One.</p><p>Two.</p>\n<p>Three.</p>") == "One.\n\nTwo.\n\nThree."


def test_white_space_folds_inside_a_paragraph() -> None:
    assert html_to_text("<p>  a\n   b\t c  </p>") == "a b c"


def test_empty_and_nbsp_paragraphs_dropped() -> None:
    html = "<p>We will act.</p><p>\u00a0</p><p>&nbsp;</p><p> </p><p>Then report.</p>"
    assert html_to_text(html) == "We will act.\n\nThen report."


def test_entities_decoded_without_a_dtd() -> None:
    text = html_to_text(
        "<p>&pound;5&nbsp;million for &quot;pilots&quot; &amp; trials &#8211; 2024&ndash;25</p>"
    )
    assert text == '£5 million for "pilots" & trials – 2024–25'
    assert "\u00a0" not in text


def test_bare_ampersands_kept() -> None:
    assert html_to_text("<p>F&S and R&D and DE&S</p>") == "F&S and R&D and DE&S"


def test_br_is_a_line_break_and_two_end_the_paragraph() -> None:
    assert html_to_text("<p>one<br>two<br/>three</p>") == "one\ntwo\nthree"
    assert html_to_text("<p>first. <br> <br> As part of it</p>") == "first.\n\nAs part of it"


def test_lists_are_lines() -> None:
    html = "<p>Including:</p><ul><li>£150 million in 2023-24;</li><li>£150 million in 2024-25.</li></ul>"
    assert html_to_blocks(html) == [
        "Including:",
        "£150 million in 2023-24;\n£150 million in 2024-25.",
    ]


def test_link_text_kept_and_inline_elements_add_no_space() -> None:
    html = '<p>See <a href="https://example.invalid">the data</a>: 48 micro-pm<sup>-3</sup>, <strong>1,200</strong>.</p>'
    assert html_to_text(html) == "See the data: 48 micro-pm-3, 1,200."


def test_table_rows_are_aligned_lines_and_cells_never_merge() -> None:
    html = (
        "<p>Below:</p><table><tbody>"
        "<tr><td><strong>Year</strong></td><td>Count</td><td>Cost</td></tr>"
        "<tr><td>2022</td><td>1</td><td>000</td></tr>"
        "<tr><td>2023</td><td>12,345</td><td>&pound;6m</td></tr>"
        "</tbody></table><p>After.</p>"
    )
    blocks = html_to_blocks(html)
    assert blocks[0] == "Below:"
    assert blocks[2] == "After."
    lines = blocks[1].split("\n")
    assert lines == ["Year  Count   Cost", "2022  1       000", "2023  12,345  £6m"]
    # Cells are at least two spaces apart: "1" and "000" never read as "1 000".
    assert "1 000" not in blocks[1]
    # Folding the spaces gives the cells joined by single spaces.
    assert [" ".join(line.split()) for line in lines][1] == "2022 1 000"


def test_table_empty_cells_colspan_and_trailing_cells() -> None:
    html = (
        '<table><tr><td colspan="3"><i>Table 1: Title that is long enough to span</i></td></tr>'
        "<tr><td>Low</td><td></td><td></td></tr>"
        "<tr><td></td><td>1</td><td>0-33</td></tr></table>"
    )
    lines = html_to_text(html).split("\n")
    assert lines[0] == "Table 1: Title that is long enough to span"
    assert lines[1] == "Low"
    assert lines[2].split() == ["1", "0-33"]
    assert lines[2].startswith(" ")  # the empty first cell keeps the columns aligned


def test_table_line_helper_pads_columns() -> None:
    rows = [[Cell("a"), Cell("bbbb"), Cell("c")], [Cell("dddd"), Cell(""), Cell("e")]]
    assert table_lines(rows) == ["a     bbbb  c", "dddd        e"]


def test_broken_table_markup_still_gives_rows() -> None:
    html = "<table><tr><td>Closed<td>14<tr><td>Opened<td>3</table><p>Provisional"
    assert html_to_text(html) == "Closed  14\nOpened  3\n\nProvisional"


def test_nested_table_runs_on_in_its_cell() -> None:
    html = "<table><tr><td>Outer</td><td><table><tr><td>in 1</td><td>in 2</td></tr></table></td></tr></table>"
    assert " ".join(html_to_text(html).split()) == "Outer in 1 in 2"


def test_script_style_and_head_dropped() -> None:
    html = (
        "<html><head><title>Page title</title><style>p{}</style></head><body>"
        "<script>var x = '<p>no</p>';</script><p>Yes.</p></body></html>"
    )
    assert html_to_text(html) == "Yes."


def test_unclosed_head_does_not_swallow_the_body() -> None:
    assert html_to_text("<html><head><title>T</title><body><p>Body text.</p>") == "Body text."


def test_plain_text_passes_through() -> None:
    assert html_to_text("Just text, 5 < 6 and 7 > 3.") == "Just text, 5 < 6 and 7 > 3."


def test_looks_like_markup() -> None:
    assert looks_like_markup("<p>x</p>")
    assert looks_like_markup("a &amp; b")
    assert looks_like_markup("line<br/>line")
    assert not looks_like_markup("5 < 6 and R&D")
    assert not looks_like_markup("There are 3,406 properties.")
