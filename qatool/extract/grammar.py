"""The extractor's regular expressions, compiled once at import from the data tables.

`TOKEN` finds, left to right in one pass, the things that can hold a number: calendar
expressions (kept apart because they are never figures), URLs and bracketed question numbers
(skipped), and the start of an amount (currency sign, digits or number words). The other
patterns are anchored: they read on from an amount (`UNIT`, `RANGE_TAIL`) or look back over a
short window before it (`*_BEFORE`). Alternations are built longest-first so that
"percentage points" beats "per cent" and "US$" beats "$". No pattern nests unbounded
repeats, so no input can make one backtrack catastrophically.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import regex

from qatool.extract.tables import load_tables
from qatool.lang import all_months

T = load_tables()
FLAGS = regex.VERBOSE | regex.V0
# Look-behind windows end in `$`: matched right to left, a miss fails at once at each position.
BEHIND = FLAGS | regex.REVERSE


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of `phrases`, longest first; inner spaces match any white space."""
    parts = []
    for phrase in sorted(set(phrases), key=lambda p: (-len(p), p)):
        escaped = regex.escape(phrase, special_only=True, literal_spaces=True).replace("#", r"\#")
        parts.append(regex.sub(r"\s+", lambda _: r"\s+", escaped))
    return "(?:" + "|".join(parts) + ")"


def compile_pattern(source: str, flags: int = 0) -> regex.Pattern[str]:
    """Compile with every white-space run bounded (at most 8 characters): no pattern then walks
    a long run of spaces or newlines from each position it is tried at. `\\L<name>` in the
    source is one of the NAMED_LISTS."""
    bounded = source.replace(r"\s*", r"\s{0,8}").replace(r"\s+", r"\s{1,8}")
    lists = {name: words for name, words in NAMED_LISTS.items() if f"\\L<{name}>" in bounded}
    return regex.compile(bounded, flags, **lists)


def trie(words: Iterable[str]) -> str:
    """An alternation of lower-case `words` as a prefix tree ("t(?:en|hree|…)"): at each
    position the engine rejects on the first character instead of trying every word."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return build(root)


def behind(pattern: regex.Pattern[str], window: str) -> regex.Match[str] | None:
    """`pattern.search(window)` for a look-behind pattern (REVERSE, ending in `$`): a match can
    only end at the end of the window or before a final newline, so try the end anchored first
    and search only when the window ends in a newline. Same result, no scan of the window."""
    m = pattern.match(window)
    if m is None and window.endswith("\n"):
        m = pattern.search(window)
    return m


# Long word lists are `regex` named lists (`\\L<name>`, matched through a set of strings,
# longest first, shorter ones on backtracking): the same matches as an alternation, compiled
# in a fraction of the time (TOKEN would otherwise be ~26,000 characters and take ~0.4 s).
_MONTH_NAMES = sorted({m.lower() for m in all_months()})
MONTH = r"(?:\L<months>)\.?"
MONTH_BEHIND = MONTH  # named lists read right to left too
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR4 = r"(?:1[89]\d\d|20\d\d)"
SCALE_WORDS = alternation([*T.scales, *(f"{w}s" for w in T.scales)])
SCALE_SUFFIX = alternation(T.scale_suffixes)
CURRENCY_PREFIX = alternation(T.currency_prefixes)
# Always used case-insensitively; no number word holds a space.
NUMBER_WORD = r"\L<number_words>"
DIGITS = r"""
    (?: \d{1,3} (?: ,\d{3} )+ (?!\d)          # 22,719 (thousands separators)
      | \d+                                   # 7193
    ) (?: [.·] \d+ | [½¼¾⅓⅔⅛] )?             # 18.58, old Hansard 0·5 and 3½
    | [.·] \d+                                # .5
"""
# What may follow a year and still leave it a year ("2023 tonnes" is not a year).
AMOUNT_FOLLOWER = r"\L<amount_followers>"
# Two-digit financial years, "23/24", "22-23": only consecutive years, so "15/20" is no year.
_SHORT_FY = [f"{a:02d}/{(a + 1) % 100:02d}" for a in range(100)]
NAMED_LISTS: dict[str, list[str]] = {
    "short_fy_slash": _SHORT_FY,
    "short_fy": [fy.replace("/", sep) for fy in _SHORT_FY for sep in "/-–"],
    "months": _MONTH_NAMES,
    "number_words": sorted(
        {w.lower() for w in (*T.number_units, *T.multipliers, *T.scales, *T.fractions)}
    ),
    "amount_followers": sorted(
        {
            w.lower()
            for w in (
                *T.unit_words,
                *T.percent_words,
                *T.point_words,
                *T.currency_words,
                *T.scales,
                *(f"{w}s" for w in T.scales),
            )
        }
    ),
}

# "May 5 schools close?": opening a question, "May" is the verb, not the month (a date opens
# no question in this way: "May 5 is the deadline?" is not written)
MODAL_MAY = r"(?<![\w,;]\s{1,8}|[\w,;])May\s+\d{1,2}\s+[a-z][^.!?\n]{0,200}\?"

# --- calendar expressions: never figures, sometimes a figure's `when` -------------------
TIME = rf"""
    (?P<fy_end>                                       # financial year ending 2023
        (?i: (?:(?:financial|fiscal|tax|academic|calendar)\s+)? year\s+
             (?:ending|ended|end|to)\s+ (?:in\s+)? (?:(?P<fe_day>{DAY})\s+)? (?:(?P<fe_mon>{MONTH})\s+)? )
        (?P<fe_year>{YEAR4}) (?![\d/–-])
    )
  | (?P<date_dmy> (?P<d1>{DAY}) \s+ (?i:of\s+)? (?P<m1>(?i:{MONTH})) ,? \s+ (?P<y1>{YEAR4}) (?!\d) )
  | (?P<date_mdy> (?P<m2>(?i:{MONTH})) \s+ (?P<d2>{DAY}) ,? \s+ (?P<y2>{YEAR4}) (?!\d) )
  | (?P<date_num>                                     # 10/03/2023, 1.1.2005, 2024-05-23
        (?P<d3>[0-3]?\d) (?P<sep3>[/.]) (?P<m3>[01]?\d) (?P=sep3) (?P<y3>{YEAR4}|\d\d) (?![\d/.]\d)
      | (?P<y4>{YEAR4}) - (?P<m4>[01]\d) - (?P<d4>[0-3]\d) (?!\d)
    )
  | (?P<fy>                                           # 2022-23, 2022/23, 2005-6, 2022/2023
        (?P<fy_a>{YEAR4}) \s?[-/–—]\s? (?P<fy_b>{YEAR4}|(?<=\d[-/–—])\d{{4}}|\d{{2}}|\d) (?![\d%]|\.\d|[-/–—]\d)
      | (?i:(?:financial|fiscal|academic|tax)\s+years?\s+) (?P<fy_c>\d\d)[-/–](?P<fy_d>\d\d) (?![\d%]|\.\d)
      | (?<=(?<![A-Za-z])(?i:FY)\s?|\((?i:FY)\)\s{{1,3}}) (?P<fy_e>\L<short_fy>) (?![\d%/]|\.\d)   # FY 23/24
      | (?<=(?<![\w'’])(?i:in|for|during|from|to|and|of|the|by|until|since|between)\s)
        (?P<fy_f>\L<short_fy_slash>) (?![\d%/]|\.\d)                                # for 23/24
    )
  | (?P<month_range>                                  # February to April 2010
        (?P<mr_a>(?i:{MONTH})) \s+ (?:[-–—]|(?i:to|and|until)) \s+ (?P<mr_b>(?i:{MONTH})) ,?\s+
        (?P<mr_year>{YEAR4}) (?![\d/–-]\d)
    )
  | (?P<month_year> (?P<m5>(?i:{MONTH})) ,? \s+ (?P<y5>{YEAR4}) (?![\d/–-]\d) )
  | (?P<quarter> (?i:Q)(?P<q6>[1-4]) \s? (?P<y6>{YEAR4}) (?!\d) )
  | (?P<decade> (?:the\s+|mid-|early\s+|late\s+)? {YEAR4}'?s (?!\w) )
  | (?P<year> (?<!(?i:circa|than|approximately|nearly|almost)\s) (?P<y7>{YEAR4}) (?![\d,.]\d|\w|\s*(?:%|£)) (?!\s*(?!(?i:calendar|financial|fiscal|academic|tax)\s+years?\b)(?i:{AMOUNT_FOLLOWER})(?!\w)) )
  | (?P<months_to>                                    # the 12 months to March 2024
        (?P<mt_n>\d{{1,2}}|(?i:{alternation(T.number_units)})) \s+ (?i:months) \s+
        (?i:to|ending|ended|up\s+to) \s+ (?:(?P<mt_day>{DAY})\s+)? (?P<mt_mon>(?i:{MONTH})) ,?\s+
        (?P<mt_year>{YEAR4}) (?!\d)
    )
  | (?P<day_range>                                    # 7 to 11 February 2023, 5–16 May
        (?P<dr_a>{DAY}) \s*(?:[-–—]|(?i:to|and))\s* (?P<dr_b>{DAY}) \s+ (?P<dr_mon>(?i:{MONTH}))
        (?:,?\s+(?P<dr_year>{YEAR4}))? (?!\w)
    )
  | (?P<day_month> {DAY} \s+ (?i:of\s+)? (?i:{MONTH}) (?!\w) )
  | (?P<month_day> (?=[A-Z]) (?!{MODAL_MAY}) (?i:{MONTH}) \s+ {DAY} (?![\w,.]\d|\w|\s*(?i:{AMOUNT_FOLLOWER})(?!\w)) )
  | (?P<clock>                                        # times of day
        (?:[01]?\d|2[0-3]) : [0-5]\d (?:\s?(?i:am|pm|a\.m\.|p\.m\.|hours|hrs))?
      | (?:1[0-2]|0?[1-9]) (?:[.:][0-5]\d)? \s? (?i:am|pm|a\.m\.|p\.m\.|noon|midnight|o'clock) (?!\w)
    )
"""

_URL_IDENT = r"""
    (?P<url> (?:https?://|www\d?\.) [^\s<>"]+ | [\w.-]{1,64}@[\w-]{1,64}\.[\w.]{1,64} )
  | (?P<ident> \[ [A-Za-z]{0,4} \s? \d+ \] | \b(?:HL|HC|UIN|PQ)\s?\d+ )   # [127299], HL4321
"""
_AMOUNT = rf"""
    (?P<amount>
        (?: (?<![\w.·/]|\d,|[A-Za-z]-)                # not inside a word, code or number
          | (?<=(?<!\w)c\.) | (?<=(?<!\w)[x×])        # but "c.20,000", "2021 x2",
          | (?<=(?<![\w-])(?i:minus)-) )               # "minus-5 yards"
        (?:(?P<cur>{CURRENCY_PREFIX}) \s?)?
        (?: (?P<digits> {DIGITS} | (?<=£)[lI] (?:[.·]\d+|,\d{{3}}) )
          | (?P<words> (?i: \b{NUMBER_WORD}\b (?: (?:\s+and\s+(?:an?\s+)?|\s+an?\s+|\s+|-) {NUMBER_WORD}\b ){{0,8}} )
                       | (?i:\ban?\s+{NUMBER_WORD}\b (?: (?:\s+and\s+|\s+|-) {NUMBER_WORD}\b ){{0,8}} ) )
        )
        (?: (?P<scale_space>\s?) (?P<scale> (?i:{SCALE_WORDS}) (?!\w) | {SCALE_SUFFIX} (?![\w]) ) )?
    )
"""
TOKEN = compile_pattern(
    rf"""{_URL_IDENT} | (?<![\w.·/]|\d,|\w-) (?:{TIME}) | {_AMOUNT}""",
    FLAGS,
)
# TOKEN without its calendar expressions: the same match where `time_may_start` says no
# calendar expression can start (the ~15 TIME alternatives are most of TOKEN's cost).
AMOUNT_TOKEN = compile_pattern(rf"""{_URL_IDENT} | {_AMOUNT}""", FLAGS)
# What may follow white space after a day or hour ("5 May", "7 to 11", "12 months", "9 am"):
# the words of TIME's alternatives that read on from one or two digits, month names as
# prefixes as `\L<months>` matches them.
_AFTER_DAY_WORDS = ("-", "of", "to", "and", "months", "am", "pm", "a.m.", "p.m.", "noon")
AFTER_DAY_WORDS = (*_AFTER_DAY_WORDS, "midnight", "o'clock", *_MONTH_NAMES)


def time_may_start(lowered: str, start: int, end: int) -> bool:
    """Whether a TIME alternative could match at `start`, where `lowered[start:end]` is a
    whole digit run (or a "£$€[" sign). False proves none can: every TIME alternative that
    starts with a digit reads a four-digit year 18xx–20xx, or one or two digits followed by
    "/.:-–—", a letter (st, nd, am, to …), or white space and then a dash, "of", "to", "and",
    "months", a clock word or a month. Non-ASCII text counts as possible (case folding)."""
    n = end - start
    if n == 4:
        return lowered.startswith(("18", "19", "20"), start)
    if n > 2 or lowered[start] in "£$€[":
        return False
    c = lowered[end : end + 1]
    if not c:
        return False
    if not c.isascii() or c in "/.:-" or c.isalpha():
        return True
    if not (c.isspace() or c < " "):
        return False  # ",", "%", ")": no TIME alternative reads on from a day so
    q = end
    while q < end + 8 and lowered[q : q + 1] in (" ", "\t", "\n", "\r", "\f", "\v"):
        q += 1  # TIME reads at most 8 white-space characters here
    ahead = lowered[q : q + 12]
    if not ahead.isascii() or ahead[:1] < " ":
        return True
    return ahead.startswith(AFTER_DAY_WORDS)


# How TIME's alternatives that start with a letter open (case-insensitive where TIME is; "the",
# "mid-", "early", "late" open a decade)
LETTER_TIME_STARTS = (
    *("financial", "fiscal", "tax", "academic", "calendar", "year"),
    *("the", "mid-", "early", "late"),
    *_MONTH_NAMES,
)


def word_time_may_start(lowered: str, start: int) -> bool:
    """Whether a TIME alternative could match at a number word at `start`: only one opening
    with a fiscal word, a month, a decade's lead word, "Q1"–"Q4", or "… months to …" can."""
    ahead = lowered[start : start + 64]  # "twelve months": a number unit, blanks, "months"
    if not ahead.isascii():
        return True
    return (
        ahead.startswith(LETTER_TIME_STARTS)
        or (ahead[:1] == "q" and ahead[1:2] in ("1", "2", "3", "4"))
        or "months" in ahead
    )


# Where an amount or a calendar expression may start: digits, currency signs, "[", number
# words. Searched with the standard `re` engine over the lower-cased text (several times
# faster than `regex` for this); the start is then refined by PREFIX_BEFORE and TOKEN matched.
ANCHOR_WORDS = frozenset(
    {w.lower() for w in (*T.number_units, *T.multipliers, *T.scales, *T.fractions)} | {"decade"}
)
ANCHOR_WORD = re.compile(r"(?<![a-z])" + trie(sorted(ANCHOR_WORDS)) + r"(?![a-z])")
# The `regex` engine scans for this character class several times quicker than `re`.
DIGIT_ANCHOR = regex.compile(r"\d+|[£$€\[]")


# White space above U+0250 (what `str.isspace` says; tests check the list is complete).
WIDE_SPACES = frozenset((0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000))


def _token_char_class() -> str:
    """A class of the characters that belong to a word token for the number-word gate: not
    white space, and not a non-letter below U+0250 (`str.split` after mapping those to spaces)."""
    cuts = sorted({c for c in range(0x250) if not chr(c).isalpha()} | WIDE_SPACES)
    ranges: list[list[int]] = []
    for c in cuts:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    body = "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)
    return f"[^{body}]"


_TOKEN_CHAR = _token_char_class()
# Whether a whole token of the text is a number word: the same answer as splitting the text on
# non-letters and intersecting with ANCHOR_WORDS, in one search.
ANCHOR_WORD_GATE = re.compile(
    f"(?<!{_TOKEN_CHAR})(?:{trie(sorted(ANCHOR_WORDS))})(?!{_TOKEN_CHAR})"
)


def anchors(lowered: str) -> list[tuple[int, int, bool]]:
    """(start, end, is a number word) of every digit run, currency sign, "[" and number word,
    in order.

    Number words are looked for only when the text holds one as a whole token (one search,
    which most answers, with figures in digits, fail quickly)."""
    found = [(m.start(), m.end(), False) for m in DIGIT_ANCHOR.finditer(lowered)]
    if ANCHOR_WORD_GATE.search(lowered) is not None:
        found.extend((*m.span(), True) for m in ANCHOR_WORD.finditer(lowered))
        found.sort()
    return found


# What may stand before an anchor and still belong to its token: "US$", "March ", "a ",
# "financial year ending ", "Q".
PREFIX_BEFORE = compile_pattern(
    rf"""
    (?: (?i:(?:financial|fiscal|academic|tax)\s+years?\s+)
      | (?i: (?:(?:financial|fiscal|tax|academic|calendar)\s+)? year\s+(?:ending|ended|end|to)\s+(?:in\s+)?
             (?:{DAY}\s+)? (?:{MONTH_BEHIND}\s+)? )
      | (?i:{MONTH_BEHIND}) \s+ (?:[-–—]|(?i:to|and|until)) \s+ (?i:{MONTH_BEHIND}) ,?\s+
      | (?i:{MONTH_BEHIND}) ,?\s+ (?:{DAY},?\s+)?
      | {CURRENCY_PREFIX} \s?
      | (?<![A-Za-z])Q
      | (?<![A-Za-z])(?i:an?)\s+
      | (?<![\w.,·]) [.·]                             # ".5 per cent": no leading nought
    ) $
    """,
    BEHIND,
)
URL_BEFORE = compile_pattern(r"(?:https?://|www\d?\.|@|/)[^\s<>\"]*$", BEHIND)
DECADE_BEFORE = compile_pattern(
    rf"""(?<!\w)(?i:over|across)\s+(?:(?i:the)\s+)?(?:(?i:{alternation(T.relative_time)})\s+)?
         (?:(?i:a)\s+)?$""",
    BEHIND,
)
NON_SPACE = compile_pattern(r"\S*")
WORD_RUN = compile_pattern(r"\w*(?:[-/]\w+)*")  # a code: "HL4321", "FY20-22", "COVID-19"

# Symbols that may also follow a hyphen, as adjectives do ("a 185-hp engine", "a 5-kg bag"):
# two or more characters from a letter on (not "5-m", "3-t", "2-g").
HYPHEN_SYMBOLS = [s for s in T.unit_symbols if len(s) > 1 and s[0].isalpha()]
# Read on from an amount: its unit. Groups say which table the unit came from.
UNIT = compile_pattern(
    rf"""
    (?P<points> \s* (?:%\s*|\s(?i:per\s+cent\.?)\s+) (?i:points?) (?!\w)
              | \s+ (?i:{alternation(T.point_words)}) (?!\w) )
  | (?P<percent> \s?% | \s?(?i:{alternation(w for w in T.percent_words if w not in ("%", "pc"))})(?!\w)
              | (?<=\d)pc(?!\w) )
  | (?P<curword> \s+ (?i:{alternation(T.currency_words)}) (?!\w|-\w) )  # not "pound-feet"
  | (?P<minor> (?<=\d)(?:p)(?!\w) | \s+(?i:{alternation(w for w in T.currency_minor if len(w) > 1)}) (?!\w) )
  | (?P<uword> (?:\s+|\s?-\s?) (?i:{alternation(T.unit_words)}) (?!\w) )
  | (?P<usym> \s? {alternation(T.unit_symbols)} (?![\w/])
            | -{alternation(HYPHEN_SYMBOLS)} (?![\w/-]) )      # "a 185-hp engine"
  | (?P<uglued> (?<=\d) {alternation(T.unit_glued)} (?![\w/]) )
    """,
    FLAGS,
)

# Read on from an amount: the second end of a range ("–35", " to 60", " and 10").
RANGE_TAIL = compile_pattern(
    rf"""
    \s* (?P<sep> [-–—] | (?i:to|and) (?=\s) ) \s*
    (?P<cur>{CURRENCY_PREFIX})? \s?
    (?: (?P<digits> (?:\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+)(?:[.·]\d+)? )
      | (?P<words> (?i:{NUMBER_WORD}) (?: (?:\s+|-) (?i:{NUMBER_WORD}) ){{0,5}} ) )
    (?![\w.·]\d|[/:]\d)
    (?: (?P<scale_space>\s?) (?P<scale> (?i:{SCALE_WORDS}) (?!\w) | {SCALE_SUFFIX} (?![\w]) ) )?
    """,
    FLAGS,
)

# "one in five", "1 in 10"
# "1:4", "8:1": a ratio (times of day are read first, as calendar expressions)
RATIO_TAIL = compile_pattern(r":\s?(?P<b>\d+(?:\.\d+)?)(?![\d:])", FLAGS)
RATIO_BEFORE = compile_pattern(r"(?<!\w)(?i:ratios?|outnumber(?:s|ed|ing)?)\b[^.;!?]{0,50}$", FLAGS)
TRUNCATED = compile_pattern(r"[,.·]\d*(?:\.\.\.|…)", FLAGS)
NAME_OF_BEFORE = compile_pattern(r"(?<!\w)[A-Z][a-z]+\s+of\s+$", BEHIND)
ONE_IN = compile_pattern(  # "one in five", "1 in every 10,000"
    r"\s+in\s+(?:every\s+)?(?P<n>\d{1,3}(?:,\d{3})*|(?i:" + NUMBER_WORD + r"))(?![\w,]\d|\w)", FLAGS
)
# "a quarter of a million"
OF_A_SCALE = compile_pattern(rf"\s+of\s+an?\s+(?P<scale>(?i:{SCALE_WORDS}))(?!\w)", FLAGS)

# --- look-behind windows (matched against the text just before an amount) ------------------
# What may stand between a reference word and its number: "s. 5, 6 and 7", "(a) 87 and (b) 98"
_LABEL = r"(?: \([a-z]{1,4}\) \s* )?"
_LIST_GLUE = rf"(?: [0-9]+(?:\.[0-9]+)*[A-Za-z]? (?:\([a-z0-9]{{1,4}}\))* \s* (?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*|to\s+|[-–]\s*)? \s* {_LABEL} )*"
REFERENCE_BEFORE = compile_pattern(
    rf"""
    (?: (?<![\w'’]) (?i:{alternation(T.reference_words)}) s?\.? \s* {_LABEL} \(?
      | (?<![\w'’]) {alternation(T.reference_names)} \s+ )
    {_LIST_GLUE} $
    """,
    BEHIND,
)
# "Of this figure 175 are ...": a demonstrative makes "figure"/"number" the amount just given,
# not a label ("Figure 3", "number 10").
DEMONSTRATIVE_AMOUNT_BEFORE = compile_pattern(
    r"(?<![\w'’])(?i:this|that|these|those)\s+(?i:figure|number|total)s?,?\s*$", BEHIND
)
QUALIFIER_BEFORE = compile_pattern(
    rf"(?<![\w'’])(?P<q>(?i:{alternation(T.qualifiers_before)}))\s*$", BEHIND
)
QUALIFIER_AFTER = compile_pattern(  # "5,000 people or more": after the counted noun too
    rf"(?:\s+[a-z][\w'’-]*){{0,2}}?\s*(?P<q>(?i:{alternation(T.qualifiers_after)}))(?!\w)", FLAGS
)
BETWEEN_BEFORE = compile_pattern(r"(?<!\w)(?i:between|from)\s+$", BEHIND)
LIST_MARKER_BEFORE = compile_pattern(r"(?:^|\n|[.:;]\s)[ \t]*\(?$", BEHIND)
THRESHOLD_BEFORE = compile_pattern(
    rf"""
    (?<![\w'’]) (?:
        (?i:{alternation(T.threshold_lead)}) \s+ (?i:{alternation(T.threshold_comparative)}) \s*
      | (?i:{alternation(T.threshold_always)}) \s+ (?:(?i:{alternation(T.threshold_comparative)})\s+)?
      | [A-Za-z]{{2,}}s \s+ (?i:with|having) \s+ (?i:{alternation(T.threshold_comparative)}) \s*  # schools with over
      | (?i:{alternation(T.share_lead)}) \s+
      | (?i:{alternation(T.people_words)}) \s+ (?i:over|under|above|below|aged) \s+
      | (?i:under|over)-
    ) $
    """,
    BEHIND,
)
# "16-year-olds", "16 to 18 year olds", "aged 5 and over": ages name a group.
AGE_AFTER = compile_pattern(r"(?:\s*-\s*|\s+)(?i:years?)(?:\s*-\s*|\s+)(?i:olds?)(?!\w)", FLAGS)
NAME_AFTER = compile_pattern(rf"\s+(?:[A-Z][a-z]+\s+)?{alternation(T.name_after)}(?!\w)", FLAGS)
RELATIVE_TIME_BEFORE = compile_pattern(
    rf"(?<!\w)(?i:{alternation(T.relative_time)})\s+(?:(?i:few|several)\s+)?$", BEHIND
)
PERIOD_BEFORE = compile_pattern(
    rf"""(?<!\w)(?i:over|across|spread\s+over|over\s+the\s+course\s+of)\s+
         (?:(?i:the)\s+)?(?:(?i:{alternation(T.relative_time)})\s+)?$""",
    BEHIND,
)
# Calendar cue words just before a time expression.
TIME_CUE_BEFORE = compile_pattern(
    r"""(?<!\w)(?P<cue>(?i:since|from|by|until|till|up\s+to|before|after|as\s+of|as\s+at|
                         at|in|during|for|between|to|ending|end\s+of|the\s+end\s+of))\s+
        (?:(?i:the)\s+)?$""",
    BEHIND,
)
# "the first six months of 2009-10", "the first half of 2021-22", "the third quarter of 2023"
PART_OF_YEAR_BEFORE = compile_pattern(
    rf"""(?<!\w)(?:(?i:the)\s+)?
        (?P<which>(?i:first|second|third|fourth|last|final))\s+
        (?: (?P<n>\d{{1,2}}|(?i:{NUMBER_WORD}))\s+(?P<unit>(?i:months|quarters|weeks))
          | (?P<half>(?i:half|quarter)) )
        \s+(?i:of)\s+(?:(?i:the)\s+)?(?:(?i:financial|fiscal|calendar|academic)\s+)?(?:(?i:year)\s+)?$""",
    BEHIND,
)
WHEN_JOIN = compile_pattern(r"\s*(?:[-–—]|(?i:to|until|till|and))\s*$", FLAGS)
EVENT_BEFORE = compile_pattern(rf"(?<![\w'’]){alternation(T.name_before_year)}\s+$", BEHIND)
# The date of a document named: "the Answer of 8 December 2023", "published on 19 July 2023".
DOCUMENT_DATE_BEFORE = compile_pattern(
    rf"""(?<![\w'’]) (?: (?i:{alternation(T.dated_documents)}) \s+ (?:(?i:given|made|sent|issued)\s+)?
                        (?i:of|on|dated)
                      | (?i:published|dated|issued|laid|tabled) (?:\s+(?i:on|in))? ) \s+ (?:(?i:the)\s+)? $""",
    BEHIND,
)
EVENT_AFTER = compile_pattern(r"[ ](?!(?:[A-Z][a-z]*\s+)?(?:to|and)\b)[A-Z][a-z]+", FLAGS)
# "at 2019 prices", "in 2022-23 cash terms": a price base, not the time a figure refers to
PRICE_BASE_AFTER = compile_pattern(
    r"\s+(?:cash\s+|real\s+)?(?:prices|price\s+base|terms|money|values)\b", FLAGS
)

# --- change cues ------------------------------------------------------------------------
_MARK = r"(?:\((?:[ivx]{1,4}|[a-h]|\d{1,2})\)\s*)?"
CHANGE_BY_BEFORE = compile_pattern(
    rf"""(?<![\w'’])(?P<cue>(?i:{alternation(T.change_verbs)}))\b (?:[^.;:!?]|\.(?=\s+[a-z])){{0,80}}? \s(?i:by)\s+ {_MARK} $""",
    BEHIND,
)
CHANGE_OF_BEFORE = compile_pattern(
    rf"""(?<![\w'’])(?P<cue>(?i:{alternation(T.change_nouns)}))\b (?:\s+[\w'’-]+){{0,5}}? \s+(?i:of|worth|totalling)\s+ {_MARK} $""",
    BEHIND,
)
CHANGE_ADJ_BEFORE = compile_pattern(
    rf"""(?<![\w'’])(?P<cue>(?i:{alternation(T.change_adjectives)})) (?:\s+[\w'’-]+){{0,2}}? (?:\s+(?i:of))? \s+ {_MARK} $""",
    BEHIND,
)
CHANGE_AFTER = compile_pattern(
    rf"""(?:\s+[A-Za-z-]+)?? \s+ (?P<cue>(?i:{alternation(T.change_nouns)})) (?!\w)
       | \s+ (?P<cue2>(?i:{alternation(T.change_after)})) (?!\w)""",
    FLAGS,
)
CHANGE_FROM_BEFORE = compile_pattern(
    rf"""(?<![\w'’])(?i:{alternation(T.change_verbs)})\b (?:[^.;:!?]|\.(?=\s+[a-z])){{0,60}}? \s(?i:from)\s+ $""",
    BEHIND,
)
# "rose by 1,200 to 148,000", "increased by 5 per cent to", "rose 3% to": the amount is a
# change and what follows "to" is the level it reached — two figures, not a range.
CHANGE_THEN_LEVEL_BEFORE = compile_pattern(
    rf"""(?<![\w'’])(?: (?i:by|up|down) | (?i:{alternation(T.change_verbs)}) )
         (?:\s+(?i:about|around|almost|nearly|over|some|roughly|approximately|just\s+over|just\s+under|more\s+than|less\s+than))?
         \s+ (?:[£$€]\s*)? $""",
    BEHIND,
)
COORDINATION = compile_pattern(rf"^\.?\s*(?:,\s*)?(?:(?i:and|or)\s+)?{_MARK}$", FLAGS)

# --- per ------------------------------------------------------------------------------
# units of more than one word name a denominator whole: "£12 per square foot", "per sq m"
_PER_UNITS = [w for w in (*T.unit_words, *T.unit_symbols) if " " in w and " per " not in w]
PER_AFTER = compile_pattern(
    rf"""(?<![\w'’])(?: (?P<phrase>(?i:{alternation(T.per)})) (?!\w)
                     | (?i:per|for\s+each|for\s+every) \s+ (?:[A-Z]{{2,}}\s+)?
                       (?P<noun>(?i:{alternation(_PER_UNITS)})(?!\w) | [a-z][a-z-]+) )""",
    FLAGS,
)

# --- sentences and clauses ----------------------------------------------------------------
SENTENCE_END = compile_pattern(
    r"""
    \n\s*                                              # a line break ends a sentence
  | (?<! \b(?:Mr|Mrs|Ms|Dr|No|Nos|St|Sr|Jr|Hon|Rt|c|ca|cf|vs|viz|approx|para|paras|vol|col|cols|art|reg|sec|Co|Ltd|Prof|Gen|Col|Lt|Capt|Cllr|Rev)
      | \b[A-Za-z] )
    [.!?] ["'’”)\]]* \s+                              # . ! ? then a capital, a digit
    (?=["'‘“(\[]?[A-Z0-9£$€] | \(?[a-z]{1,3}\)\s)       # or a list label: "b) Our …"
    """,
    FLAGS,
)
# A whole-text scan with a leading character class: the standard engine skips ahead on it.
# Read: "[;:()—]" | ",(?!\d{3})" | " – " | " but ", " while ", " whilst ", " whereas " (the
# first character decides which, so taking it first finds the same breaks).
CLAUSE_BREAK = re.compile(
    r"[;:()—,\t\n ](?:(?<=,)(?!\d{3})|(?<=[;:()—])"
    r"|(?<=[ \t\n])(?:[–-]|but|while|whilst|whereas)[ \t\n])"
)


# --- cheap gates: skip a pattern when none of its words is near ------------------------------
WORDS = re.compile(r"[a-z]+")
LEADING_LETTERS = re.compile(r"[^\W\d_]+")
NEXT_TOKEN = re.compile(r"[\s-]{1,3}([^\W\d_]+|[%°º])")


ASCII_BLANKS = " \t\n\r\f\v"
# What `after_blanks` returns for a character a gate cannot judge: non-ASCII ones (white space
# to `\s`, dashes, letters that fold to ASCII under (?i) such as "ſ" and "K") and controls.
UNSURE = "\x80"


def after_blanks(text: str, pos: int) -> str:
    """The character at `pos` past at most 8 ASCII blanks ("" at the end of the text or after
    9 or more: a pattern reading `\\s{0,8}` or `\\s{1,8}` then a character can match only if it
    is this one, or this one is non-ASCII or a control character, returned as "\\x80")."""
    c = text[pos : pos + 9].lstrip(ASCII_BLANKS)[:1]
    return UNSURE if c and (c >= "\x80" or c < " ") else c


def words_in(window: str) -> set[str]:
    """The lower-case words of a short window of text."""
    return set(WORDS.findall(window.lower()))


def _vocabulary(*phrase_lists: Iterable[str]) -> frozenset[str]:
    """Every word of the phrases, with its plurals ("table" → "tables")."""
    words = {w for phrases in phrase_lists for p in phrases for w in WORDS.findall(p.lower())}
    return frozenset(words | {w + "s" for w in words} | {w + "es" for w in words})


REFERENCE_VOCAB = _vocabulary(T.reference_words, T.reference_names)
THRESHOLD_VOCAB = _vocabulary(
    T.threshold_lead,
    T.threshold_always,
    T.share_lead,
    T.people_words,
    ["under", "over", "with", "having"],
)
QUALIFIER_VOCAB = _vocabulary(T.qualifiers_before)
# RATIO_BEFORE's words, each a whole letter run ((?<!\w) before it, \b after it)
RATIO_WORDS = frozenset(
    ("ratio", "ratios", "outnumber", "outnumbers", "outnumbered", "outnumbering")
)
# NAME_AFTER reads blanks then a capital (its names all open with one)
NAME_AFTER_FIRST = frozenset(
    (*"ABCDEFGHIJKLMNOPQRSTUVWXYZ", *(w[:1] for w in T.name_after), UNSURE)
)


def _glue_word(run: str) -> bool:
    """A letter run list glue may end in: "and", "or", "to", maybe after a letter ("5aand")."""
    return len(run) <= 4 and run.endswith(("and", "or", "to"))


def _last_runs(*phrase_lists: Iterable[str]) -> frozenset[str]:
    """The last letter run of each phrase that ends in a letter (lower-case)."""
    return frozenset(
        WORDS.findall(p.lower())[-1] for ps in phrase_lists for p in ps if p[-1:].isalpha()
    )


def _end_chars(*phrase_lists: Iterable[str]) -> frozenset[str]:
    """The last character of each phrase that does not end in a letter ("c.", "under-")."""
    return frozenset(p[-1] for ps in phrase_lists for p in ps if p and not p[-1].isalpha())


# What a look-behind pattern's phrase ends in, right before the blanks at the window's end
QUALIFIER_LAST_RUNS = _last_runs(T.qualifiers_before)
QUALIFIER_END_CHARS = _end_chars(T.qualifiers_before)
_ADJACENT = ["over", "under", "above", "below", "aged"]  # "people over", "children aged"
THRESHOLD_LAST_RUNS = _last_runs(
    T.threshold_comparative, T.threshold_always, T.share_lead, _ADJACENT
)
THRESHOLD_END_CHARS = _end_chars(
    T.threshold_comparative, T.threshold_always, T.share_lead, ["under-", "over-"]
)


def may_end_with(
    window: str, runs: list[str], last_runs: frozenset[str], ends: frozenset[str]
) -> bool:
    """Whether an ASCII `window` may end (before blanks) in a phrase whose last letter runs are
    `last_runs` and whose other last characters are `ends`; `runs`: the window's letter runs."""
    c = window.rstrip(ASCII_BLANKS)[-1:]
    if c.isalpha():
        return runs[-1] in last_runs
    return c in ends


def reference_may_end(window: str, runs: list[str]) -> bool:
    """Whether REFERENCE_BEFORE may match at the end of `window`; `runs` are the window's
    lower-case letter runs (`WORDS`). The match is a reference phrase (its words in
    REFERENCE_VOCAB) followed by list glue, whose letter runs are at most 4 long ("5a", "(iv)",
    "and", "to"): so a vocabulary word stands at or after the last run longer than 4. Exact for
    ASCII; other text (case folding) takes the whole-window test."""
    if not window.isascii():
        return not REFERENCE_VOCAB.isdisjoint(runs) or "Year" in window
    if window.rstrip(ASCII_BLANKS)[-1:].isalpha() and not (
        runs[-1] in REFERENCE_VOCAB or len(runs[-1]) == 1 or _glue_word(runs[-1])
    ):
        return False  # a match ending in a letter ends in a reference word or glue: "5a", "and"
    for run in reversed(runs):
        if run in REFERENCE_VOCAB:
            return True
        if len(run) > 4:
            return False
    return False


CHANGE_VOCAB = _vocabulary(T.change_verbs, T.change_nouns, T.change_adjectives)


def _first_letters(phrase: str) -> str:
    m = LEADING_LETTERS.match(phrase.lower())
    return m.group() if m else phrase[:1]


UNIT_STARTS = frozenset(
    _first_letters(p)
    for p in (
        *T.unit_words,
        *T.unit_symbols,
        *T.percent_words,
        *T.point_words,
        *T.currency_words,
        *T.currency_minor,
        "percentage",
        "points",
    )
)


def unit_may_follow(text: str, end: int) -> bool:
    """Whether a unit could start at `end` (most numbers are followed by a plain word)."""
    ch = text[end : end + 1]
    if not ch:
        return False
    if ch.isalpha() or ch in "%µμ°º":
        return True
    m = NEXT_TOKEN.match(text, end)
    return m is not None and (m.group(1) in "%°º" or m.group(1).lower() in UNIT_STARTS)


# First words of CHANGE_AFTER's cues (case-insensitive: compared lower-cased)
_CHANGE_NOUN_FIRSTS = tuple({p.lower().split()[0] for p in T.change_nouns})
_CHANGE_FIRSTS = (*_CHANGE_NOUN_FIRSTS, *{p.lower().split()[0] for p in T.change_after})
# Second words of QUALIFIER_AFTER's two-word phrases ("or more"); None if one is not two words
_QUALIFIER_SECONDS = (
    tuple({p.lower().split()[1] for p in T.qualifiers_after})
    if all(len(p.split()) == 2 for p in T.qualifiers_after)
    else None
)


def change_may_follow(after: str) -> bool:
    """Whether CHANGE_AFTER may match at the start of `after`: blanks, then a cue, or one word
    of letters and a change noun. Exact for ASCII (`str.split` cuts at every `\\s` and more)."""
    if not after.isascii():
        return True
    if not after[:1].isspace():
        return False
    words = after.lower().split(None, 2)
    return (bool(words) and words[0].startswith(_CHANGE_FIRSTS)) or (
        len(words) > 1 and words[1].startswith(_CHANGE_NOUN_FIRSTS)
    )


def qualifier_may_follow(after: str) -> bool:
    """Whether QUALIFIER_AFTER may match at the start of `after`: at most two words, then "and"
    or "or" (maybe glued to the word before) and the phrase's second word, which so opens the
    second, third or fourth blank-separated word. Exact for ASCII."""
    if _QUALIFIER_SECONDS is None or not after.isascii():
        return True
    words = after.lower().split(None, 4)
    return any(w.startswith(_QUALIFIER_SECONDS) for w in words[1:4])


def _key_run(phrase: str) -> str | None:
    runs = WORDS.findall(phrase.lower())
    return max(runs, key=len) if runs else None


# One letter run of each PER_AFTER phrase (its longest), and those of "per", "for each/every"
_PER_KEYS = {_key_run(p) for p in T.per} | {"per", "each", "every"}
PER_KEYS = frozenset(k for k in _PER_KEYS if k is not None) if None not in _PER_KEYS else None


def per_may_follow(window: str) -> bool:
    """Whether PER_AFTER may match in `window`: a match's words are whole letter runs of an
    ASCII window ((?<![\\w'’]) before, (?!\\w) or blanks after), so one of PER_KEYS is."""
    if PER_KEYS is None or not window.isascii():
        return True
    return not PER_KEYS.isdisjoint(WORDS.findall(window.lower()))
