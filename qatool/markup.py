"""HTML (and HTML-ish XML) fragments → clean text, as the stdlib's `html.parser` reads them.

The text follows the record contract (../shared/spec/records.md, "text block"):

* block elements (``<p>``, ``<div>``, headings, lists, tables…) are paragraphs, joined by one
  blank line; runs of white space inside a paragraph fold to one space;
* ``<br>`` is a line break inside a paragraph (two in a row end the paragraph);
* each list item is a line of its list's paragraph;
* a ``<table>`` is a paragraph of aligned lines, one per row, its cells padded into columns
  and separated by at least two spaces, so that no cell's number runs into its neighbour's
  ("1" and "000" stay "1  000", never "1 000"). Folding the spaces of a row gives its cells
  joined by single spaces;
* links keep their text; inline elements (``<sup>``, ``<i>``…) add no space ("pm<sup>-3</sup>"
  → "pm-3"); ``<script>``, ``<style>`` and ``<head>`` are dropped;
* entities are decoded from HTML's own table, so ``&nbsp;``, ``&pound;`` and ``&quot;`` work in
  fragments without a DTD; non-breaking and odd spaces fold to plain spaces.

`TextBuilder` takes parser events one by one, so format parsers (parlparse XML, TheyWorkForYou
pages) can build the text of just the elements they want; `html_to_text` does a whole fragment.

`html_to_blocks` reads most fragments (every answer of the API corpus) without `html.parser`:
when every "<" is a plainly written tag or plain text and no raw-text element (``<script>``,
``<style>``…) is there, one compiled pattern cuts the fragment into tags and text and gives
`TextBuilder` the events html.parser would give it (`blocks_of_plain_html`, several times
faster). Anything else — comments, declarations, loosely written tags — goes to html.parser
(`blocks_by_html_parser`). Both give the same text (tests/test_markup_fastpath.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

import regex

from qatool.text import fold_line

# Elements that start and end a paragraph.
BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "header", "footer", "main", "aside", "nav",
        "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table",
        "form", "fieldset", "address", "figure", "figcaption", "hr", "body", "html",
        "center", "details", "summary",
    }
)  # fmt: skip
# Elements that are a line of the paragraph they stand in.
LINE_TAGS = frozenset({"li", "dt", "dd", "caption"})
# Elements whose content is never text.
SKIP_TAGS = frozenset({"script", "style", "head", "title", "template", "noscript", "svg"})
# Elements that never have an end tag in HTML.
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)  # fmt: skip
CELL_TAGS = frozenset({"td", "th"})
# Columns are padded to at most this width; longer cells just push the rest of their row.
MAX_COLUMN_WIDTH = 30
CELL_GAP = "  "

_LOOKS_LIKE_MARKUP = regex.compile(
    r"<(?:[a-zA-Z][a-zA-Z0-9:-]*[\s/>]|/[a-zA-Z]|!--)|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});"
)


def clean_inline(text: str) -> str:
    """One line of text: odd spaces folded, white space runs → one space, ends stripped."""
    return fold_line(text)


def looks_like_markup(text: str) -> bool:
    """Whether `text` holds HTML/XML tags or entities (a quick test, not a parse)."""
    return _LOOKS_LIKE_MARKUP.search(text) is not None


@dataclass
class Cell:
    """A table cell's text and how many columns it spans."""

    text: str
    span: int = 1


@dataclass
class _Table:
    rows: list[list[Cell]] = field(default_factory=list)
    row: list[Cell] | None = None
    cell: list[str] | None = None
    span: int = 1

    def open_row(self) -> None:
        self.close_row()
        self.row = []

    def open_cell(self, span: int = 1) -> None:
        self.close_cell()
        if self.row is None:
            self.row = []
        self.cell = []
        self.span = span

    def close_cell(self) -> None:
        if self.cell is not None:
            if self.row is None:
                self.row = []
            self.row.append(Cell(clean_inline("".join(self.cell)), self.span))
            self.cell = None

    def close_row(self) -> None:
        self.close_cell()
        if self.row is not None:
            if any(cell.text for cell in self.row):
                self.rows.append(self.row)
            self.row = None

    def lines(self) -> list[str]:
        self.close_row()
        return table_lines(self.rows)


def _span(attrs: list[tuple[str, str | None]] | None) -> int:
    for name, value in attrs or ():
        if name == "colspan" and value and value.strip().isdigit():
            return max(1, min(int(value.strip()), 100))
    return 1


def table_lines(rows: list[list[Cell]]) -> list[str]:
    """Rows of cells → aligned lines: each column padded to its widest single-column cell (up
    to MAX_COLUMN_WIDTH), cells apart by at least two spaces, trailing empty cells dropped."""
    widths: dict[int, int] = {}
    for row in rows:
        col = 0
        for cell in row:
            if cell.span == 1:
                widths[col] = max(widths.get(col, 0), min(len(cell.text), MAX_COLUMN_WIDTH))
            col += cell.span
    lines: list[str] = []
    for row in rows:
        last = max((i for i, cell in enumerate(row) if cell.text), default=-1)
        pieces: list[str] = []
        col = 0
        for cell in row[: last + 1]:
            width = sum(widths.get(c, 0) for c in range(col, col + cell.span))
            width += len(CELL_GAP) * (cell.span - 1)
            pieces.append(cell.text.ljust(width))
            col += cell.span
        line = CELL_GAP.join(pieces).rstrip()
        if line.strip():
            lines.append(line)
    return lines


class TextBuilder:
    """Builds clean text from HTML parser events (`start`, `end`, `data`); `text()` at the end."""

    def __init__(self) -> None:
        self._blocks: list[str] = []
        self._lines: list[str] = []
        self._inline: list[str] = []
        self._tables: list[_Table] = []
        self._skip: list[str] = []
        self._pre = 0
        self._after_br = False

    # --- events --------------------------------------------------------------------------

    def start(self, tag: str, attrs: list[tuple[str, str | None]] | None = None) -> None:
        tag = tag.lower()
        if self._skip:
            if tag == self._skip[-1] and tag not in VOID_TAGS:
                self._skip.append(tag)
            elif tag == "body" and self._skip == ["head"]:
                self._skip.clear()
            return
        if tag in SKIP_TAGS:
            self._skip.append(tag)
            return
        if self._tables:
            table = self._tables[-1]
            if tag == "table":
                self._tables.append(_Table())
            elif tag == "tr":
                table.open_row()
            elif tag in CELL_TAGS:
                table.open_cell(_span(attrs))
            elif tag in BLOCK_TAGS or tag in LINE_TAGS or tag == "br":
                self._cell_space()
            return
        if tag == "br":
            self._br()
            return
        self._after_br = False
        if tag == "table":
            self._block_break()
            self._tables.append(_Table())
        elif tag in BLOCK_TAGS:
            self._block_break()
            if tag == "pre":
                self._pre += 1
        elif tag in LINE_TAGS:
            self._line_break()

    def end(self, tag: str) -> None:
        tag = tag.lower()
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.pop()
            return
        if tag in VOID_TAGS:
            return
        if self._tables:
            table = self._tables[-1]
            if tag == "table":
                self._tables.pop()
                lines = table.lines()
                if self._tables:  # a table inside a cell: its rows run on in that cell
                    outer = self._tables[-1]
                    if outer.cell is None:
                        outer.open_cell()
                    assert outer.cell is not None
                    outer.cell.append(" " + " ".join(lines) + " ")
                else:
                    self._block_break()
                    if lines:
                        self._blocks.append("\n".join(lines))
            elif tag == "tr":
                table.close_row()
            elif tag in CELL_TAGS:
                table.close_cell()
            elif tag in BLOCK_TAGS or tag in LINE_TAGS:
                self._cell_space()
            return
        self._after_br = False
        if tag in BLOCK_TAGS:
            self._block_break()
            if tag == "pre" and self._pre:
                self._pre -= 1
        elif tag in LINE_TAGS:
            self._line_break()

    def data(self, text: str) -> None:
        if self._skip or not text:
            return
        if self._tables:
            table = self._tables[-1]
            if table.cell is None:
                if not text.strip():
                    return
                table.open_cell()  # stray text in a table: a cell of its own
            assert table.cell is not None
            table.cell.append(text)
            return
        if text.strip():
            self._after_br = False
        if self._pre:
            first, *rest = text.split("\n")
            self._inline.append(first)
            for line in rest:
                self._line_break()
                self._inline.append(line)
            return
        self._inline.append(text)

    # --- results -------------------------------------------------------------------------

    def blocks(self) -> list[str]:
        """The paragraphs so far (closing any open table, list or paragraph)."""
        # An unclosed <script>/<style> would make end() ignore the closing tags below.
        self._skip.clear()
        while self._tables:
            self.end("table")
        self._block_break()
        return list(self._blocks)

    def text(self) -> str:
        """Paragraphs joined by one blank line."""
        return "\n\n".join(self.blocks())

    # --- internals -----------------------------------------------------------------------

    def _cell_space(self) -> None:
        table = self._tables[-1]
        if table.cell is not None:
            table.cell.append(" ")

    def _br(self) -> None:
        has_text = any(piece.strip() for piece in self._inline)
        if has_text:
            self._line_break()
            self._after_br = True
        elif self._after_br or self._lines:
            self._block_break()
            self._after_br = False
        self._inline.clear()

    def _line_break(self) -> None:
        if not self._inline:  # (most breaks: nothing since the last one)
            return
        line = clean_inline("".join(self._inline))
        self._inline.clear()
        if line:
            self._lines.append(line)

    def _block_break(self) -> None:
        self._line_break()
        if self._lines:
            self._blocks.append("\n".join(self._lines))
            self._lines = []


class _FragmentParser(HTMLParser):
    def __init__(self, builder: TextBuilder) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = builder

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.builder.start(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.builder.start(tag, attrs)
        if tag not in VOID_TAGS:
            self.builder.end(tag)

    def handle_endtag(self, tag: str) -> None:
        self.builder.end(tag)

    def handle_data(self, data: str) -> None:
        self.builder.data(data)


def defuse_open_comments(markup: str) -> str:
    """Escape what html.parser would re-scan from every later "<" (quadratic time):

    * every "<!--" that no "-->" follows (the text after it is lost anyway);
    * every "<" that no ">" follows: no tag can end there, so html.parser gives it back as
      text — the same text, once "&lt;" is decoded — after trying it again at each "<"."""
    last_close = markup.rfind("-->")
    tail_start = last_close + 3 if last_close >= 0 else 0
    if markup.find("<!--", tail_start) >= 0:
        markup = markup[:tail_start] + markup[tail_start:].replace("<!--", "&lt;!--")
    tail_start = markup.rfind(">") + 1
    if markup.find("<", tail_start) < 0:
        return markup
    return markup[:tail_start] + markup[tail_start:].replace("<", "&lt;")


def blocks_by_html_parser(fragment: str) -> list[str]:
    """The paragraphs of any HTML fragment, read by `html.parser` into a `TextBuilder`."""
    builder = TextBuilder()
    parser = _FragmentParser(builder)
    parser.feed(defuse_open_comments(fragment))
    parser.close()
    return builder.blocks()


# A tag written so plainly that html.parser must read it the same way: "</name>" with only
# white space before the ">" (group 1: the name), or "<name" (group 2) and its attributes
# (group 3) — each a name alone or name=value, the value quoted or bare, set apart by ASCII
# white space — then ">" or "/>" (group 4: the "/"). Quoted values may not hold "<", so
# every "<" either starts one of these tags or is not one at all, and a quote left open
# cannot carry a match past the next tag. Every repeat is possessive and each piece has one
# way to match, so a failed attempt never backtracks.
_PLAIN_TAG = re.compile(
    r"<(?:"
    r"/([a-zA-Z][-.a-zA-Z0-9:_]*+)[ \t\n\r\f]*+"
    r"|([a-zA-Z][-.a-zA-Z0-9:_]*+)"
    r"((?:[ \t\n\r\f]++[a-zA-Z_:][-.a-zA-Z0-9:_]*+"
    r"(?:[ \t\n\r\f]*+=[ \t\n\r\f]*+(?:\"[^\"<]*+\"|'[^'<]*+'|[^\s\"'<>=`]++))?+)*+)"
    r"[ \t\n\r\f]*+(/?)"
    r")>"
)
# One attribute of a _PLAIN_TAG: its name and its value as written (quotes included).
_PLAIN_ATTRIBUTE = re.compile(
    r"([a-zA-Z_:][-.a-zA-Z0-9:_]*+)"
    r"(?:[ \t\n\r\f]*+=[ \t\n\r\f]*+(\"[^\"<]*+\"|'[^'<]*+'|[^\s\"'<>=`]++))?+"
)
# What html.parser reads as markup where no plain tag stands: a tag it reads its own way, an
# end tag, a comment or declaration, a processing instruction. A "<" before anything else is
# text to both.
_MARKUP_OPENING = re.compile(r"<[a-zA-Z/!?]")
# Elements whose content html.parser (in some Python version) takes as raw text, not markup.
_RAW_TEXT_TAGS = frozenset(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"}
)


def _plain_attributes(written: str) -> list[tuple[str, str | None]]:
    """The attributes of a plain tag as html.parser gives them: names lower case, values
    unquoted and with their entities decoded, None for a name alone."""
    attributes: list[tuple[str, str | None]] = []
    for match in _PLAIN_ATTRIBUTE.finditer(written):
        value: str | None = match[2]
        if value is not None:
            if value[0] in "\"'":
                value = value[1:-1]
            if value:
                value = unescape(value)
        attributes.append((match[1].lower(), value))
    return attributes


def blocks_of_plain_html(fragment: str) -> list[str] | None:
    """The paragraphs of a fragment of plain tags and text, exactly as `blocks_by_html_parser`
    gives them; None when the fragment holds anything else (a comment, a declaration, a tag
    html.parser might read another way, a raw-text element such as <script>).

    The same `TextBuilder` gets the same events as from html.parser, read by one compiled
    pattern instead of html.parser's scan: tags, and the text between them with its entities
    decoded. html.parser hands text over in stretches cut at each "<"; no entity spans a "<"
    and `TextBuilder` only ever joins the stretches, so one piece gives the same text.
    """
    # [text, end tag name, start tag name, attributes, "/" or "", text, ...], names of the
    # kind of tag that is not there None.
    pieces = _PLAIN_TAG.split(fragment)
    builder = TextBuilder()
    last = len(pieces) - 1
    i = 0
    while True:
        text = pieces[i]
        if text:
            if "<" in text and _MARKUP_OPENING.search(text):
                return None
            builder.data(unescape(text) if "&" in text else text)
        if i == last:
            return builder.blocks()
        end_name, start_name, written_attributes, slash = pieces[i + 1 : i + 5]
        i += 5
        if end_name is not None:
            tag = end_name.lower()
            if tag in _RAW_TEXT_TAGS:
                return None
            builder.end(tag)
            continue
        tag = start_name.lower()
        if tag in _RAW_TEXT_TAGS:
            return None
        # Only a cell's colspan is ever read, so only cells need their attributes.
        attributes = _plain_attributes(written_attributes) if tag in CELL_TAGS else None
        builder.start(tag, attributes)
        if slash and tag not in VOID_TAGS:  # "<tag/>": a start and an end tag
            builder.end(tag)


def html_to_blocks(fragment: str) -> list[str]:
    """The paragraphs of an HTML fragment (each may hold several lines: <br>, list items,
    table rows)."""
    plain = blocks_of_plain_html(fragment)
    return plain if plain is not None else blocks_by_html_parser(fragment)


def html_to_text(fragment: str) -> str:
    """Clean text of an HTML fragment: paragraphs joined by one blank line (see module doc)."""
    return "\n\n".join(html_to_blocks(fragment))
