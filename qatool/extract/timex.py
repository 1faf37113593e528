"""Calendar expressions → ISO date spans (`When`).

A financial or academic year written "2022-23", "2022/23" or "2005-6" is a UK financial year
(1 April – 31 March); "financial year ending 2023" is the one that ends on 31 March 2023.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import regex

from qatool.extract import grammar as g
from qatool.extract.numbers import UNIT_WORDS
from qatool.lang import all_months

MONTHS = all_months()


@dataclass(slots=True)
class TimeSpan:
    """One calendar expression found in the text, with the dates it covers."""

    start: int
    end: int
    kind: str
    first: dt.date | None
    last: dt.date | None
    event: bool = False  # "the 2023 Spring Statement": a name, not a date
    full_last: dt.date | None = None  # the end a "since" cue took away
    day_month: tuple[int, int] | None = None  # "1st April" with no year: (day, month)


def _month(name: str | None) -> int:
    """Month number of a month name (0 when it is none)."""
    if not name:
        return 0
    return MONTHS.get(name.lower().rstrip("."), 0)


def _year(text: str) -> int:
    year = int(text)
    return year + (2000 if year < 50 else 1900) if year < 100 else year


_NOT_DIGIT = regex.compile(r"\D")


def _day(text: str) -> int:
    return int(_NOT_DIGIT.sub("", text))


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, 1)


def financial_year(first_year: int) -> tuple[dt.date, dt.date]:
    return dt.date(first_year, 4, 1), dt.date(first_year + 1, 3, 31)


def read_time(m: regex.Match[str]) -> TimeSpan | None:
    """The dates of one TIME match from `grammar.TOKEN` (None for unreadable ones)."""
    kind = m.lastgroup or ""
    first: dt.date | None = None
    last: dt.date | None = None
    if m.group("fy_end"):
        kind = "fy_end"
        year = int(m.group("fe_year"))
        month = _month(m.group("fe_mon")) or 3
        last = _month_span(year, month)[1]
        if m.group("fe_day"):
            last = _safe(year, month, _day(m.group("fe_day"))) or last
        first = _add_months(dt.date(year - 1, month, 1), 1)
    elif m.group("date_dmy") or m.group("date_mdy"):
        kind = "date"
        d, mon, y = (
            (m.group("d1"), m.group("m1"), m.group("y1"))
            if m.group("date_dmy")
            else (
                m.group("d2"),
                m.group("m2"),
                m.group("y2"),
            )
        )
        month = _month(mon)
        first = last = _safe(int(y), month, _day(d)) if month else None
    elif m.group("date_num"):
        kind = "date"
        if m.group("y4"):
            first = _safe(int(m.group("y4")), int(m.group("m4")), int(m.group("d4")))
        else:
            first = _safe(_year(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
        last = first
    elif m.group("fy"):
        kind = "fy"
        short = m.group("fy_e") or m.group("fy_f")
        if m.group("fy_c"):  # "financial year 24-25"
            a, b = _year(m.group("fy_c")), m.group("fy_d")
        elif short:  # "FY 23/24", "for 22/23"
            a, b = _year(short[:2]), short[3:]
        else:
            a, b = int(m.group("fy_a")), m.group("fy_b")
        b_full = int(b) if len(b) == 4 else (a // 10 ** len(b)) * 10 ** len(b) + int(b)
        if len(b) < 4 and b_full <= a:
            b_full += 10 ** len(b)
        if len(b) < 4 and a + 1 < b_full <= a + 5:  # "2023-25": financial years 2023-24 to 2024-25
            first, last = financial_year(a)[0], financial_year(b_full - 1)[1]
            return TimeSpan(m.start(), m.end(), "fy", first, last)
        if b_full != a + 1:
            return (
                TimeSpan(m.start(), m.end(), "years", dt.date(a, 1, 1), _month_span(b_full, 12)[1])
                if a < b_full <= a + 50
                else None
            )
        first, last = financial_year(a)
    elif m.group("month_range"):
        kind = "months"
        a, b, year = _month(m.group("mr_a")), _month(m.group("mr_b")), int(m.group("mr_year"))
        if a and b:
            first = dt.date(year - 1 if a > b else year, a, 1)
            last = _month_span(year, b)[1]
    elif m.group("month_year"):
        kind = "month"
        month = _month(m.group("m5"))
        if month:
            first, last = _month_span(int(m.group("y5")), month)
    elif m.group("quarter"):
        kind = "quarter"
        q, y = int(m.group("q6")), int(m.group("y6"))
        first = dt.date(y, 3 * q - 2, 1)
        last = _month_span(y, 3 * q)[1]
    elif m.group("day_range"):
        kind = "days"
        month = _month(m.group("dr_mon"))
        if month and m.group("dr_year"):
            year = int(m.group("dr_year"))
            first = _safe(year, month, _day(m.group("dr_a")))
            last = _safe(year, month, _day(m.group("dr_b")))
    elif m.group("day_month"):
        words = m.group("day_month").split()
        month = _month(words[-1])
        span = TimeSpan(m.start(), m.end(), "day_month", None, None)
        if month:
            span.day_month = (_day(words[0]), month)
        return span
    elif m.group("months_to"):
        kind = "months"
        n_text = m.group("mt_n")
        n = int(n_text) if n_text.isdigit() else UNIT_WORDS.get(n_text.lower(), 0)
        year, month = int(m.group("mt_year")), _month(m.group("mt_mon"))
        if month and 0 < n <= 120:
            last = _month_span(year, month)[1]
            if m.group("mt_day"):
                last = _safe(year, month, _day(m.group("mt_day"))) or last
            first = _add_months(dt.date(year, month, 1), 1 - n)
    elif m.group("year"):
        kind = "year"
        y = int(m.group("y7"))
        first, last = dt.date(y, 1, 1), dt.date(y, 12, 31)
    span = TimeSpan(m.start(), m.end(), kind, first, last)
    if kind == "year" and (
        g.EVENT_AFTER.match(m.string, m.end(), m.end() + 40)
        or g.EVENT_BEFORE.search(m.string, max(0, m.start() - 40), m.start())
    ):
        span.event = True
    if kind in ("year", "fy") and g.PRICE_BASE_AFTER.match(m.string, m.end(), m.end() + 40):
        span.event = True
    if g.behind(g.DOCUMENT_DATE_BEFORE, m.string[max(0, m.start() - 48) : m.start()]):
        span.event = True  # the date of a document named, not the time a figure refers to
    return span


def part_of_year(span: TimeSpan, window: str) -> int:
    """Narrow `span` to "the first six months of" / "the first half of" it, read from the text
    just before it; returns how many characters of `window` that wording took (0 when none)."""
    m = g.PART_OF_YEAR_BEFORE.search(window)
    if not m or span.first is None or span.last is None:
        return 0
    which = m.group("which").lower()
    months_total = (span.last.year - span.first.year) * 12 + span.last.month - span.first.month + 1
    if m.group("half"):
        size = months_total // 2 if m.group("half").lower() == "half" else months_total // 4
    else:
        n_text = m.group("n")
        n: int = int(n_text) if n_text.isdigit() else UNIT_WORDS.get(n_text.lower(), 0)
        unit = m.group("unit").lower()
        size = n * (3 if unit.startswith("quarter") else 1)
        if unit.startswith("week") or not 0 < size <= months_total:
            return 0
    index = {"first": 0, "second": 1, "third": 2, "fourth": 3}.get(which)
    if index is None:  # last / final
        start = _add_months(span.first, months_total - size)
    else:
        start = _add_months(span.first, index * size)
    end = _add_months(start, size) - dt.timedelta(days=1)
    span.first, span.last = start, end
    return len(window) - int(m.start())
