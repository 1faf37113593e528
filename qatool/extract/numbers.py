"""Numbers as written → exact `Decimal`s, and `Decimal`s → JSON numbers.

Digits: "22,719" → 22719, "18.58", "0·5" (old Hansard's raised decimal point), "£l.1" (a
digitised "1" read as "l"). Words: "four", "twenty-five", "a hundred", "two hundred and fifty
thousand", "one and a half million", "a dozen", "two thirds", "half a million".

>>> parse_digits("22,719")
Decimal('22719')
>>> parse_words("one and a half million".split())
NumberWords(value=Decimal('1500000.0'), used=5, fraction=False)
>>> json_number(Decimal("300000000.0"))
300000000
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from qatool.extract.tables import load_tables

_T = load_tables()
UNIT_WORDS: dict[str, int] = _T.number_units
MULTIPLIERS: dict[str, int] = _T.multipliers
SCALES: dict[str, int] = {**_T.scales, **{f"{k}s": v for k, v in _T.scales.items()}}
FRACTIONS: dict[str, int] = _T.fractions
# Fraction words that are also ordinals ("the third time"): a fraction only after a numerator.
ORDINAL_FRACTIONS = frozenset(
    w for w in FRACTIONS if w not in {"half", "halves", "quarter", "quarters"}
)
_DIGIT_SLIPS = str.maketrans({"l": "1", "I": "1", "·": ".", ",": None})


# Vulgar fractions after a whole number in old Hansard: "3½ per cent." is 3.5.
VULGAR = {
    "½": Decimal("0.5"),
    "¼": Decimal("0.25"),
    "¾": Decimal("0.75"),
    "⅛": Decimal("0.125"),
    "⅓": Decimal(1) / 3,
    "⅔": Decimal(2) / 3,
}


def parse_digits(text: str) -> Decimal | None:
    """A number written in digits, thousands separators and all; None when it is not one."""
    extra = VULGAR.get(text[-1:])
    if extra is not None:
        text = text[:-1]
    try:
        value = Decimal(text.translate(_DIGIT_SLIPS))
    except InvalidOperation:
        return None
    return value + extra if extra is not None else value


@dataclass(frozen=True, slots=True)
class NumberWords:
    """A number read from words: its value, how many words it used, and whether it is a share."""

    value: Decimal
    used: int
    fraction: bool


def parse_words(words: list[str]) -> NumberWords | None:
    """Read the longest number at the start of `words` (lower-cased tokens, "and"/"a" kept).

    Returns None when the first word starts no number ("the", a bare ordinal "third")."""
    total: Decimal = Decimal(0)  # completed thousands/millions groups
    current: Decimal = Decimal(0)  # the group being built ("two hundred and fifty")
    used = 0
    seen = False
    fraction = False
    last = ""  # kind of the last word taken: unit, tens, mult, scale, frac
    i = 0
    while i < len(words):
        word = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if word in ("a", "an"):
            if not seen and (nxt in MULTIPLIERS or nxt in SCALES or nxt in FRACTIONS):
                current, seen, last = Decimal(1), True, "a"  # "a hundred", "a quarter"
            elif not (last == "frac" and nxt in SCALES) and not (
                last == "and" and nxt in FRACTIONS
            ):
                break  # only "half a million" and "one and a half" have an inner 'a'
            i += 1
            continue
        if word == "and":
            # "two hundred and fifty", "one and a half": 'and' joins only these.
            after = words[i + 2] if i + 2 < len(words) else ""
            joins_group = nxt in UNIT_WORDS and last in ("mult", "scale")
            joins_fraction = last in ("unit", "tens") and nxt in ("a", "an") and after in FRACTIONS
            if not (seen and (joins_group or joins_fraction)):
                break
            last = "and"
            i += 1
            continue
        if word in UNIT_WORDS:
            small = UNIT_WORDS[word]
            if last == "tens" and small < 10:
                current += small  # "twenty-five"
                last = "unit"
            elif last in ("", "scale", "and") or (last == "mult" and current % 100 == 0):
                current += small
                last = "tens" if small >= 20 and small % 10 == 0 else "unit"
            else:
                break
        elif word in MULTIPLIERS:
            if last in ("mult", "frac"):
                break
            current = (current if current else Decimal(1)) * MULTIPLIERS[word]
            last = "mult"
        elif word in SCALES:
            if not seen:
                break  # "millions of", "£ million" (a table heading): no amount
            if last == "scale" and current == 0:
                total *= SCALES[word]  # old British "two thousand million"
            else:
                total += (current if seen else Decimal(1)) * SCALES[word]
                current = Decimal(0)
            fraction = False
            last = "scale"
        elif word in FRACTIONS:
            denominator = Decimal(FRACTIONS[word])
            if last == "and":  # "one and a half"
                current += Decimal(1) / denominator
            elif last == "a" or (not seen and word in ("half", "halves")):
                current = Decimal(1) / denominator
            elif last in ("unit", "tens") and current >= 1 and (word.endswith("s") or current == 1):
                current = current / denominator  # "two thirds", "one fifth"
            else:
                break
            fraction = total == 0
            last = "frac"
        else:
            break
        seen = True
        i += 1
        used = i
    if not seen or used == 0:
        return None
    value = total + current
    return NumberWords(value=value, used=used, fraction=fraction and value < 1)


def json_number(value: Decimal, places: int | None = None) -> int | float:
    """Whole amounts as int (300000000, not 3e8), others as the nearest float."""
    if places is not None:
        value = round(value, places)
    if value == value.to_integral_value():
        return int(value)
    return float(value)
