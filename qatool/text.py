"""Text helpers every parser shares: space folding, paragraphs, labelled parts, dates, house."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from functools import cache

import regex

from qatool.lang import all_months, all_parties, load_language
from qatool.models import House, Part, TextBlock

# Non-breaking and other odd spaces fold to a plain space (records.md: text blocks).
_ODD_SPACES = regex.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_ZERO_WIDTH = regex.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_RUNS_OF_SPACES = regex.compile(r" {2,}")


def fold_spaces(text: str) -> str:
    """Odd spaces → one plain space, zero-width characters dropped, line ends kept."""
    text = _ZERO_WIDTH.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    folded: str = _RUNS_OF_SPACES.sub(" ", text)
    return folded


# What str.split takes for white space in ASCII text, but for a single space: two spaces, the
# other ASCII white-space characters.
_ASCII_SPACING = ("  ", "\n", "\t", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x1f")


def fold_line(text: str) -> str:
    """One line of text: zero-width characters dropped, each run of white space (odd spaces
    included) → one space, ends stripped: `" ".join(fold_spaces(text).split())`, faster.

    Every odd space is white space to `str.split`, so only the zero-width characters need a
    regex, and ASCII text has none. ASCII text whose only white space is single spaces
    (most lines) needs no split at all; the scans for the rest are much cheaper than one.
    """
    if not text.isascii():
        return " ".join(_ZERO_WIDTH.sub("", text).split())
    for spacing in _ASCII_SPACING:
        if spacing in text:
            return " ".join(text.split())
    return text.strip(" ")


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR → LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    """Paragraphs (each folded and stripped, empty ones dropped) joined by one blank line."""
    kept = (fold_line(p) for p in paragraphs)
    return "\n\n".join(p for p in kept if p)


def paragraphs_of(text: str) -> list[str]:
    """Split text on blank lines into folded, single-line paragraphs."""
    return [p for p in (" ".join(block.split()) for block in regex.split(r"\n\s*\n", text)) if p]


def stable_id(*texts: str | None) -> str:
    """A stable id for a record whose source prints none: a short hash of its text."""
    digest = hashlib.sha1("\x1f".join(t or "" for t in texts).encode("utf-8")).hexdigest()
    return "h" + digest[:12]


# --- labelled parts -------------------------------------------------------------------------

_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
_BRACKETED = regex.compile(r"\((?P<label>\d{1,2}|[a-zA-Z]|[ivxIVX]{2,5})\)")
# Answer style "a) text": a label that opens the text or follows a sentence end or space.
_CLOSING_ONLY = regex.compile(r"(?:(?<=^)|(?<=[.:;!?]\s{1,3})|(?<=\n))(?P<label>[a-z]|\d{1,2})\)\s")


def _series(label: str, previous: dict[str, str]) -> str | None:
    """Which series a label continues or starts (digit/lower/upper/roman/ROMAN), else None."""
    if label.isdigit():
        n = int(label)
        last = previous.get("digit")
        return (
            "digit"
            if (n == 1 and last is None) or (last is not None and n == int(last) + 1)
            else None
        )
    low = label.lower()
    is_upper = label.isupper()
    letter_key, roman_key = ("upper", "ROMAN") if is_upper else ("lower", "roman")
    if len(label) == 1:
        last_letter = previous.get(letter_key)
        if (low == "a" and last_letter is None) or (
            last_letter is not None and ord(low) == ord(last_letter.lower()) + 1
        ):
            return letter_key
    if low in _ROMAN:
        last_roman = previous.get(roman_key)
        if (low == "i" and last_roman is None) or (
            last_roman is not None and _ROMAN.index(low) == _ROMAN.index(last_roman.lower()) + 1
        ):
            return roman_key
    return None


def split_parts(text: str, *, answer_style: bool = False) -> list[Part]:
    """The labelled parts of `text`, flat, in the order they stand.

    Question parts are bracketed: (1), (a), (i), (A). Answers may also use "a)" at a sentence
    start. A label counts only when it starts a series (1, a, A, i) or continues one, so a
    stray "(c)" or "(see b)" is not a part.
    """
    if ")" not in text:  # every label ends with one (most texts have none)
        return []
    found: list[tuple[int, int, str]] = [
        (m.start(), m.end(), m["label"]) for m in _BRACKETED.finditer(text)
    ]
    if answer_style:
        found += [(m.start(), m.end(), m["label"]) for m in _CLOSING_ONLY.finditer(text)]
        found.sort()
    previous: dict[str, str] = {}
    accepted: list[tuple[int, int, str]] = []
    for start, end, label in found:
        series = _series(label, previous)
        if series is None:
            continue
        previous[series] = label
        accepted.append((start, end, label))
    parts: list[Part] = []
    for i, (_, end, label) in enumerate(accepted):
        stop = accepted[i + 1][0] if i + 1 < len(accepted) else len(text)
        # Kept as it stands (only trimmed) so the part can be found again in the block text.
        parts.append(Part(label=label, text=text[end:stop].strip()))
    return parts


# --- dates ----------------------------------------------------------------------------------

_DAY_MONTH_YEAR = regex.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>\p{L}{3,10})\.?,?\s+(?P<year>\d{4})\b"
)
_MONTH_DAY_YEAR = regex.compile(
    r"\b(?P<month>\p{L}{3,10})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b"
)
_ISO = regex.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")
_SLASHED = regex.compile(r"\b(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})\b")


def text_block(text: str, *, answer: bool = False) -> TextBlock | None:
    """A question's or answer's block, its parts read (answers in their own style); None
    when there is no text — a field the source does not give is null."""
    if not text:
        return None
    return TextBlock(text=text, parts=split_parts(text, answer_style=answer))


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """The first date in `text`: "23 May 2024", "23 Mai 2024", "10th June 2002",
    "May 23, 2024", "2024-05-23", "23/05/2024" (UK order). None when there is none.
    """
    months = all_months()
    for m in _ISO.finditer(text):
        got = _make_date(int(m["year"]), int(m["month"]), int(m["day"]))
        if got:
            return got
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for m in pattern.finditer(text):
            month = months.get(m["month"].lower())
            if month:
                got = _make_date(int(m["year"]), month, int(m["day"]))
                if got:
                    return got
    for m in _SLASHED.finditer(text):
        got = _make_date(int(m["year"]), int(m["month"]), int(m["day"]))
        if got:
            return got
    return None


# --- members and houses ---------------------------------------------------------------------


def english_party(name: str | None) -> str | None:
    """A party name as printed (English or Welsh) → its English name; unknown names kept."""
    if not name:
        return None
    name = " ".join(name.split())
    return all_parties().get(name, name)


def house_from_question(question: str | None) -> House | None:
    """Which house a question was asked in, from how it opens ("To ask His Majesty's
    Government" → Lords; "To ask the Secretary of State" → Commons); None when unsure."""
    if not question:
        return None
    # The first 120 characters of the folded question: folding a prefix of the text gives a
    # prefix of the folded text, so a long question need not be folded whole.
    head = " ".join(question[:480].split())
    if len(head) < 120 and len(question) > 480:
        head = " ".join(question.split())
    head = head[:120].replace("\u2019", "'").lower()
    for prefix, house in _house_prefixes():
        if head.startswith(prefix):
            return house  # type: ignore[return-value]
    return None


@cache
def _house_prefixes() -> tuple[tuple[str, str], ...]:
    """(prefix in lower case, house), longest prefix first (ties in the table's order)."""
    table = load_language("en").house_by_question.items()
    ordered = sorted(table, key=lambda item: -len(item[0]))
    return tuple((prefix.lower(), house) for prefix, house in ordered)
