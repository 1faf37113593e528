"""Language tables (month, weekday and party names, page chrome), loaded once from data files.

The tables live in `qatool/data/lang/<code>.toml`, one file per language; code never spells a
month or party name itself. `LANGUAGES` lists the codes shipped.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from qatool.errors import DataTableError

LANGUAGES: tuple[str, ...] = ("en", "cy")


@dataclass(frozen=True)
class Language:
    """One language's strings, as read from its data file."""

    code: str
    months: dict[str, int]
    weekdays: dict[str, int]
    parties: dict[str, str]
    answered: tuple[str, ...]
    date_connectors: tuple[str, ...]
    photo_prefix: str
    chrome_lines: tuple[str, ...]
    votes_yes: str
    votes_no: str
    house_by_question: dict[str, str]


def _need(table: dict[str, Any], key: str, kind: type, problems: list[str], where: str) -> Any:
    value = table.get(key)
    if not isinstance(value, kind):
        problems.append(f"{where}: '{key}' must be a {kind.__name__}")
        return kind()
    return value


@cache
def load_language(code: str) -> Language:
    """The strings of language `code` ("en", "cy"); raises DataTableError listing every problem."""
    name = f"{code}.toml"
    try:
        raw = resources.files("qatool.data.lang").joinpath(name).read_text(encoding="utf-8")
        data = tomllib.loads(raw)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataTableError(f"language table {name}: {exc}") from exc
    problems: list[str] = []
    months = _need(data, "months", dict, problems, name)
    weekdays = _need(data, "weekdays", dict, problems, name)
    parties = _need(data, "parties", dict, problems, name)
    chrome = _need(data, "chrome", dict, problems, name)
    if months and sorted(set(months.values())) != list(range(1, 13)):
        problems.append(f"{name}: months must cover 1..12")
    if problems:
        raise DataTableError("; ".join(problems))
    return Language(
        code=code,
        months={k.lower(): int(v) for k, v in months.items()},
        weekdays={k.lower(): int(v) for k, v in weekdays.items()},
        parties=dict(parties),
        answered=tuple(chrome.get("answered", ())),
        date_connectors=tuple(chrome.get("date_connectors", ())),
        photo_prefix=str(chrome.get("photo_prefix", "Photo of ")),
        chrome_lines=tuple(chrome.get("lines", ())),
        votes_yes=str(chrome.get("votes_yes", "")),
        votes_no=str(chrome.get("votes_no", "")),
        house_by_question=dict(data.get("house_by_question", {})),
    )


@cache
def all_months() -> dict[str, int]:
    """Month names and abbreviations of every shipped language, lower-cased → month number."""
    merged: dict[str, int] = {}
    for code in LANGUAGES:
        merged.update(load_language(code).months)
    return merged


@cache
def all_parties() -> dict[str, str]:
    """Every party name as printed (any language) → its English name."""
    merged: dict[str, str] = {}
    for code in LANGUAGES:
        merged.update(load_language(code).parties)
    return merged
