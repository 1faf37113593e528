"""The figure extractor's data tables (units, currencies, number words, cue phrases).

Read once from `qatool/data/{units,currencies,numbers}.toml` with tomllib; code never spells a
unit or cue word itself. A malformed table raises DataTableError listing every problem.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from qatool.errors import DataTableError


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit of measure: canonical symbol, dimension and factor to the dimension's base.
    `offset` is added before the factor applies (°F: (value - 32) x 5/9 in °C)."""

    symbol: str
    kind: str
    factor: Decimal
    base: str
    offset: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class Currency:
    code: str
    prefixes: tuple[str, ...]
    words: tuple[str, ...]
    minor: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Tables:
    """Everything the extractor reads from data files, keyed the way the grammar needs it."""

    units: dict[str, Unit]  # canonical symbol -> unit
    unit_words: dict[str, str]  # lower-cased word -> symbol
    unit_symbols: dict[str, str]  # symbol as written -> symbol
    unit_glued: dict[str, str]  # symbol only read glued to the number ("64GB") -> symbol
    currencies: dict[str, Currency]
    currency_prefixes: dict[str, str]  # "£" -> "GBP"
    currency_words: dict[str, str]  # lower-cased "pounds" -> "GBP"
    currency_minor: dict[str, str]  # "pence" / "p" -> "GBP"
    number_units: dict[str, int]
    multipliers: dict[str, int]
    scales: dict[str, int]
    scale_suffixes: dict[str, int]
    fractions: dict[str, int]
    percent_words: tuple[str, ...]
    point_words: tuple[str, ...]
    qualifiers_before: dict[str, str]
    qualifiers_after: dict[str, str]
    change_verbs: dict[str, str]  # word -> "increase"/"decrease"
    change_nouns: dict[str, str]
    change_adjectives: dict[str, str]
    change_after: dict[str, str]
    per: dict[str, str]
    reference_words: tuple[str, ...]
    reference_names: tuple[str, ...]
    name_after: tuple[str, ...]
    plain_capitals: frozenset[str]
    dated_documents: tuple[str, ...]
    name_before_year: tuple[str, ...]
    threshold_lead: tuple[str, ...]
    threshold_comparative: tuple[str, ...]
    threshold_always: tuple[str, ...]
    share_lead: tuple[str, ...]
    people_words: tuple[str, ...]
    relative_time: tuple[str, ...]
    phrase_stops: frozenset[str]
    zero_not_before: frozenset[str]


def _read(name: str) -> dict[str, Any]:
    try:
        raw = resources.files("qatool.data").joinpath(name).read_text(encoding="utf-8")
        return tomllib.loads(raw)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataTableError(f"data table {name}: {exc}") from exc


def _strs(value: Any, where: str, problems: list[str]) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{where} must be a list of strings")
        return ()
    return tuple(value)


def _ints(value: Any, where: str, problems: list[str]) -> dict[str, int]:
    if not isinstance(value, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in value.values()
    ):
        problems.append(f"{where} must map words to whole numbers")
        return {}
    return {str(k): int(v) for k, v in value.items()}


def _labels(value: Any, where: str, problems: list[str]) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        problems.append(f"{where} must map phrases to labels")
        return {}
    return {str(k).lower(): v for k, v in value.items()}


def _by_direction(value: Any, where: str, problems: list[str]) -> dict[str, str]:
    """{"increase": [...], "decrease": [...]} -> word -> direction."""
    out: dict[str, str] = {}
    if not isinstance(value, dict):
        problems.append(f"{where} must have increase/decrease lists")
        return out
    for direction in ("increase", "decrease"):
        for word in _strs(value.get(direction, []), f"{where}.{direction}", problems):
            out[word.lower()] = direction
    return out


@cache
def load_tables() -> Tables:
    """The extractor's tables, validated; raises DataTableError naming every problem."""
    problems: list[str] = []
    units_doc = _read("units.toml")
    base = units_doc.get("base", {})
    units: dict[str, Unit] = {}
    unit_words: dict[str, str] = {}
    unit_symbols: dict[str, str] = {}
    unit_glued: dict[str, str] = {}
    for i, entry in enumerate(units_doc.get("unit", [])):
        where = f"units.toml unit #{i + 1}"
        symbol, kind, factor = entry.get("symbol"), entry.get("kind"), entry.get("factor")
        if not isinstance(symbol, str) or not isinstance(kind, str):
            problems.append(f"{where}: needs a symbol and a kind")
            continue
        if kind not in base:
            problems.append(f"{where}: kind {kind!r} has no base unit")
            continue
        if not isinstance(factor, int | float) or isinstance(factor, bool) or factor <= 0:
            problems.append(f"{where}: factor must be a positive number")
            continue
        offset = entry.get("offset", 0)
        if not isinstance(offset, int | float) or isinstance(offset, bool):
            problems.append(f"{where}: offset must be a number")
            continue
        if symbol in units:
            problems.append(f"{where}: symbol {symbol!r} listed twice")
        units[symbol] = Unit(
            symbol, kind, Decimal(str(factor)), str(base[kind]), Decimal(str(offset))
        )
        for word in _strs(entry.get("words", []), f"{where} words", problems):
            if unit_words.get(word.lower(), symbol) != symbol:
                problems.append(f"{where}: word {word!r} already names {unit_words[word.lower()]}")
            unit_words[word.lower()] = symbol
        for sym in _strs(entry.get("symbols", []), f"{where} symbols", problems):
            unit_symbols[sym] = symbol
        for sym in _strs(entry.get("glued", []), f"{where} glued", problems):
            unit_glued[sym] = symbol

    cur_doc = _read("currencies.toml")
    currencies: dict[str, Currency] = {}
    prefixes: dict[str, str] = {}
    cwords: dict[str, str] = {}
    minor: dict[str, str] = {}
    for code, entry in cur_doc.items():
        where = f"currencies.toml {code}"
        if not isinstance(entry, dict) or len(code) != 3 or not code.isupper():
            problems.append(f"{where}: must be an ISO 4217 code with a table")
            continue
        cur = Currency(
            code,
            _strs(entry.get("prefixes", []), f"{where}.prefixes", problems),
            _strs(entry.get("words", []), f"{where}.words", problems),
            _strs(entry.get("minor", []), f"{where}.minor", problems),
        )
        currencies[code] = cur
        prefixes.update(dict.fromkeys(cur.prefixes, code))
        cwords.update(dict.fromkeys((w.lower() for w in cur.words), code))
        minor.update(dict.fromkeys(cur.minor, code))

    num = _read("numbers.toml")
    percent = num.get("percent", {})
    refs = num.get("references", {})
    thr = num.get("thresholds", {})
    tables = Tables(
        units=units,
        unit_words=unit_words,
        unit_symbols=unit_symbols,
        unit_glued=unit_glued,
        currencies=currencies,
        currency_prefixes=prefixes,
        currency_words=cwords,
        currency_minor=minor,
        number_units=_ints(num.get("units"), "numbers.toml [units]", problems),
        multipliers=_ints(num.get("multipliers"), "numbers.toml [multipliers]", problems),
        scales=_ints(num.get("scales"), "numbers.toml [scales]", problems),
        scale_suffixes=_ints(num.get("scale_suffixes"), "numbers.toml [scale_suffixes]", problems),
        fractions=_ints(num.get("fractions"), "numbers.toml [fractions]", problems),
        percent_words=_strs(percent.get("percent"), "numbers.toml percent", problems),
        point_words=_strs(percent.get("points"), "numbers.toml points", problems),
        qualifiers_before=_labels(num.get("qualifiers_before"), "qualifiers_before", problems),
        qualifiers_after=_labels(num.get("qualifiers_after"), "qualifiers_after", problems),
        change_verbs=_by_direction(num.get("change_verbs"), "change_verbs", problems),
        change_nouns=_by_direction(num.get("change_nouns"), "change_nouns", problems),
        change_adjectives=_by_direction(
            num.get("change_adjectives"), "change_adjectives", problems
        ),
        change_after=_by_direction(num.get("change_after"), "change_after", problems),
        per=_labels(num.get("per"), "numbers.toml [per]", problems),
        reference_words=_strs(refs.get("words"), "references.words", problems),
        reference_names=_strs(refs.get("names"), "references.names", problems),
        name_after=_strs(refs.get("name_after"), "references.name_after", problems),
        dated_documents=_strs(refs.get("dated_documents"), "references.dated_documents", problems),
        plain_capitals=frozenset(
            _strs(refs.get("plain_capitals"), "references.plain_capitals", problems)
        ),
        name_before_year=_strs(
            refs.get("name_before_year"), "references.name_before_year", problems
        ),
        threshold_lead=_strs(thr.get("lead"), "thresholds.lead", problems),
        threshold_comparative=_strs(thr.get("comparative"), "thresholds.comparative", problems),
        threshold_always=_strs(thr.get("always"), "thresholds.always", problems),
        share_lead=_strs(thr.get("share_lead"), "thresholds.share_lead", problems),
        people_words=_strs(thr.get("people"), "thresholds.people", problems),
        relative_time=_strs(num.get("relative_time", {}).get("words"), "relative_time", problems),
        zero_not_before=frozenset(
            _strs(num.get("zero", {}).get("not_before"), "zero.not_before", problems)
        ),
        phrase_stops=frozenset(
            w.lower()
            for w in _strs(num.get("phrase_stops", {}).get("words"), "phrase_stops", problems)
        ),
    )
    qualifier_labels = {"about", "over", "at least", "under", "up to", "almost", "exactly"}
    for phrase, label in {**tables.qualifiers_before, **tables.qualifiers_after}.items():
        if label not in qualifier_labels:
            problems.append(f"numbers.toml: qualifier {phrase!r} has unknown label {label!r}")
    if problems:
        raise DataTableError("; ".join(problems))
    return tables
