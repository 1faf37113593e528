"""Shared pieces of the text-layout parsers (hansard-text, parallel-parliament, senedd-text,
ldapi-text, plain): the `[layouts]` phrase tables of the language files, page-chrome lines,
printed member names, "[holding answer …]" prefixes and question ids.

The phrases are data (`qatool/data/lang/<code>.toml`, table `[layouts]`); this module only
reads them and builds the patterns once, at import.
"""

from __future__ import annotations

import copy
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import regex

from qatool.errors import DataTableError
from qatool.lang import LANGUAGES, all_parties, load_language
from qatool.models import House, Member
from qatool.text import english_party, house_from_question


def _merge(into: dict[str, Any], extra: dict[str, Any]) -> None:
    """Merge `extra` into `into`: lists are concatenated, tables merged, scalars kept first."""
    for key, value in extra.items():
        if key not in into:
            into[key] = value
        elif isinstance(into[key], list) and isinstance(value, list):
            into[key] = [*into[key], *value]
        elif isinstance(into[key], dict) and isinstance(value, dict):
            _merge(into[key], value)


@cache
def layouts_of(code: str) -> dict[str, Any]:
    """The `[layouts]` table of one language file ({} when it has none)."""
    name = f"{code}.toml"
    try:
        raw = resources.files("qatool.data.lang").joinpath(name).read_text(encoding="utf-8")
        table = tomllib.loads(raw).get("layouts", {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataTableError(f"language table {name}: {exc}") from exc
    if not isinstance(table, dict):
        raise DataTableError(f"language table {name}: 'layouts' must be a table")
    return table


@cache
def layouts() -> dict[str, Any]:
    """The `[layouts]` tables of every shipped language, merged (English first)."""
    merged: dict[str, Any] = {}
    for code in LANGUAGES:
        _merge(merged, copy.deepcopy(layouts_of(code)))
    return merged


def words_in(code: str, *keys: str) -> tuple[str, ...]:
    """A phrase list of one language only, e.g. words_in("cy", "senedd", "answers_issued")."""
    node: Any = layouts_of(code)
    for key in keys:
        node = node.get(key, {}) if isinstance(node, dict) else {}
    if isinstance(node, str):
        return (node,)
    return tuple(str(x) for x in node) if isinstance(node, list) else ()


def words(*keys: str) -> tuple[str, ...]:
    """A list of phrases from the layouts table, e.g. words("senedd", "minister_titles")."""
    node: Any = layouts()
    for key in keys:
        node = node.get(key, {}) if isinstance(node, dict) else {}
    if isinstance(node, str):
        return (node,)
    return tuple(str(x) for x in node) if isinstance(node, list) else ()


def table(*keys: str) -> dict[str, str]:
    """A key → value table from the layouts table, e.g. table("houses")."""
    node: Any = layouts()
    for key in keys:
        node = node.get(key, {}) if isinstance(node, dict) else {}
    return {str(k): str(v) for k, v in node.items()} if isinstance(node, dict) else {}


def alternation(phrases: tuple[str, ...]) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any space run."""
    escaped = (
        regex.escape(p).replace(r"\ ", r"\s+") for p in sorted(set(phrases), key=len, reverse=True)
    )
    return "(?:" + "|".join(escaped) + ")" if phrases else "(?!)"


# --- page chrome -----------------------------------------------------------------------------


def _chrome_key(line: str) -> str:
    return " ".join(line.replace("|", " ").split()).lower()


@cache
def chrome_lines() -> frozenset[str]:
    """Whole lines that are page furniture in any layout (TheyWorkForYou's too)."""
    lines = set(words("chrome_lines"))
    for code in LANGUAGES:
        lines.update(load_language(code).chrome_lines)
    return frozenset(_chrome_key(line) for line in lines)


@cache
def _chrome_prefixes() -> tuple[str, ...]:
    return tuple(_chrome_key(p) for p in words("chrome_prefixes"))


def is_chrome(line: str) -> bool:
    """True for a line that is only page furniture ("Previous Section | Index | Home Page"),
    also when a page runs several of its links together ("Previous Section Home Page")."""
    key = _chrome_key(line)
    return key in chrome_lines() or key.startswith(_chrome_prefixes()) or _chrome_run(key)


def _chrome_run(key: str) -> bool:
    """Whether `key` is two or more whole chrome lines one after another."""
    tokens = key.split()
    if not 2 <= len(tokens) <= 12:
        return False
    lines = chrome_lines()
    # ends[i]: the tokens up to i are a run of chrome lines
    ends = [True] + [False] * len(tokens)
    for i in range(1, len(tokens) + 1):
        ends[i] = any(ends[j] and " ".join(tokens[j:i]) in lines for j in range(i))
    return ends[-1]


# --- printed names -------------------------------------------------------------------------

_HONORIFICS = alternation(words("honorifics"))
_PARTICLES = frozenset(words("name_particles"))
_NAME_PREFIXES = tuple(sorted(words("name_prefixes"), key=len, reverse=True))
_ROLE_WORDS = frozenset(w.lower() for w in words("role_words"))
_HONORIFIC_START = regex.compile(rf"^{_HONORIFICS}\b\.?(?:\s|$)")
_THE_HONORIFIC = regex.compile(rf"^The\s+{_HONORIFICS}\b")
_ORAL_NUMBER = regex.compile(r"^(?:Q?\d{1,3}\.\s*)")
_PAREN_TAIL = regex.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>.+)\)$")
_LAST_PAREN = regex.compile(r"\s*\((?P<inner>[^()]{1,40})\)$")


def peel_party(text: str) -> tuple[str, str | None]:
    """ "Paul Flynn (Newport, West) (Lab)" → ("Paul Flynn (Newport, West)", "Labour"): a last
    bracket that holds a party name or abbreviation."""
    m = _LAST_PAREN.search(text)
    if m and m["inner"].strip() in all_parties():
        return text[: m.start()].strip(), all_parties()[m["inner"].strip()]
    return text, None


_NAME_TOKEN = regex.compile(
    r"^(?:\p{Lu}[\p{L}'’\-]*\.?|\p{Lu}\.(?:\p{Lu}\.)*|[\p{Lu}][\p{L}'’]*-[\p{L}'’\-]+)$"
)
_HOLDING = regex.compile(
    rf"^\s*[\[(]\s*{alternation(words('holding_answer'))}\b[^\])]*[\])]\s*:?\s*", regex.IGNORECASE
)
# A question's own number printed after it: "[10852]", "[HL1234]", "(AQW 1234/11-15)", "(WAQ53180)".
_QUESTION_ID = regex.compile(
    r"""\s*(?:\[(?P<id>(?:HL\s?)?\d{3,7})\]
          |[\[(](?P<id>AQ[WOT]\s?\d{1,6}/\d{2}-\d{2}|W[AQ]{1,2}\d{3,6}|OAQ\d{3,6}|S\d{1,2}[WOTF]-\d{3,6})[\])])
        \s*(?P<end>[.]?)\s*$""",
    regex.VERBOSE,
)
_TO_ASK = regex.compile(rf"^\s*{alternation(words('question_openers'))}\b")
_ASKED = regex.compile(rf"^\s*{alternation(words('asked_verb'))}\s+\S")


def strip_oral_number(text: str) -> str:
    """ "16. Mr. Lewis" → "Mr. Lewis" (an oral question's number before the asker)."""
    return str(_ORAL_NUMBER.sub("", text.strip(), count=1))


def has_role_word(text: str) -> bool:
    """ "The Minister of State", "The Advocate-General for Scotland" (a role word may be one
    half of a hyphenated title)."""
    for word in text.split():
        word = word.strip(",.()").lower()
        if word in _ROLE_WORDS or any(half in _ROLE_WORDS for half in word.split("-")):
            return True
    return False


def has_honorific(text: str) -> bool:
    """ "Mr. Lewis", "Lord Tyrie", "The Marquess of Lothian" (but not "The Economy")."""
    text = strip_oral_number(text)
    return bool(_HONORIFIC_START.match(text) or _THE_HONORIFIC.match(text))


def looks_like_name(text: str, *, min_words: int = 2, max_words: int = 8) -> bool:
    """A printed member name or speaker label: capitalised words and particles, titles kept,
    optionally "Role (Name)" or "Name (Constituency)". "Paul Flynn", "Mr. Sackville",
    "The Paymaster General (Dawn Primarolo)"; not "The figures are", not "Note"."""
    text, _ = peel_party(strip_oral_number(text))
    if not text or any(ch.isdigit() for ch in text) or text[-1] in ",;:":
        return False
    paren = _PAREN_TAIL.match(text)
    if paren:
        inner = paren["inner"].strip()
        if not inner or any(ch.isdigit() for ch in inner):
            return False
        text = paren["outer"]
        if has_role_word(text):
            return looks_like_name(inner, min_words=1) or has_role_word(inner)
    tokens = text.replace(",", " ").split()
    if not (min_words <= len(tokens) <= max_words):
        return False
    if has_role_word(text) and text.startswith("The "):
        return all(_NAME_TOKEN.match(t) or t in _PARTICLES for t in tokens)
    return bool(_NAME_TOKEN.match(tokens[0])) and all(
        _NAME_TOKEN.match(t) or t in _PARTICLES for t in tokens
    )


def member(printed: str, *, answerer: bool) -> Member:
    """A speaker label → Member: "The Paymaster General (Dawn Primarolo)" → name + role,
    "Mr. John Smith (Bristol, South)" → name + constituency; a bare role is both name and role."""
    text, party = peel_party(strip_oral_number(" ".join(printed.split())))
    paren = _PAREN_TAIL.match(text)
    if paren:
        outer, inner = paren["outer"].strip(), paren["inner"].strip()
        if has_role_word(outer) and not has_honorific(outer):
            return Member(name=inner, role=outer, party=party)
        if answerer and has_role_word(inner):
            return Member(name=outer, role=inner, party=party)
        return Member(name=outer, constituency=inner, party=party)
    if answerer and has_role_word(text) and not has_honorific(text):
        return Member(name=text, role=text, party=party)
    return Member(name=text, party=party)


def member_with_affiliation(
    name: str, affiliation: str | None, peer_kinds: tuple[str, ...]
) -> Member:
    """ "Lord Tyrie", "Non-affiliated - Life peer" → party Non-affiliated, no constituency;
    "Stephen Hammond", "Conservative - Wimbledon" → party and constituency."""
    if not affiliation:
        return Member(name=name)
    party, _, place = (p.strip() for p in affiliation.partition(" - "))
    kinds = {k.lower() for k in peer_kinds}
    constituency = None if not place or place.lower() in kinds else place
    return Member(
        name=name, party=english_party(party) if party else None, constituency=constituency
    )


# --- questions ---------------------------------------------------------------------------


def is_question_start(text: str) -> bool:
    """ "To ask the Secretary of State …" or historic "asked the Chancellor …"."""
    return bool(_TO_ASK.match(text) or _ASKED.match(text))


def house_of_question(text: str | None) -> House | None:
    """house_from_question, also for historic "asked the Chancellor …" (read as "To ask the …")."""
    if not text:
        return None
    asked = _ASKED.match(text)
    if asked:
        verb = words("asked_verb")[0] if words("asked_verb") else "asked"
        opener = words("question_openers")[0] if words("question_openers") else "To ask"
        text = opener + text.lstrip()[len(verb) :]
    return house_from_question(text)


def take_question_id(text: str) -> tuple[str, str | None]:
    """ "… since 1998. [10852]" → ("… since 1998.", "10852"); "[HL1234]" → "HL1234"."""
    text = text.rstrip()
    cut = max(0, len(text) - 40)  # an id is the last thing printed: look only at the end
    m = _QUESTION_ID.search(text, cut)
    if not m:
        return text, None
    qid = " ".join(m["id"].split())
    qid = qid.replace(" ", "") if qid.startswith("HL") else qid
    return text[: m.start()].rstrip() + m["end"], qid


def take_holding(text: str) -> tuple[str, bool]:
    """ "[holding answer 8 February 1994]: The figures …" → ("The figures …", True)."""
    m = _HOLDING.match(text)
    if not m:
        return text, False
    return text[m.end() :], True


def house_from_id(question_id: str | None) -> House | None:
    """ "HL1234" → Lords, "S6W-12345" → Scottish Parliament, "AQW 26195/17-22" → NI Assembly."""
    if not question_id:
        return None
    best: tuple[int, str] | None = None
    for prefix, house in table("id_houses").items():
        pattern = rf"^{regex.escape(prefix)}(?:\d?W)?[\s\-]?\d"
        if regex.match(pattern, question_id) and (best is None or len(prefix) > best[0]):
            best = (len(prefix), house)
    return best[1] if best else None  # type: ignore[return-value]


_ASKED_SPLIT = regex.compile(
    rf"^(?P<name>.{{2,160}}?)\s*(?P<rest>(?<=\p{{Ll}}|\)|\s){alternation(words('asked_verb'))}\s+\S.*)$",
    regex.DOTALL,
)


# "§ The Minister of State (Earl Ferrers): My Lords, …" / "§ Mr. Sackville [holding answer …]: …"
_MARK_COLON = regex.compile(
    rf"^(?P<name>[^:\[\]]{{2,160}}?)\s*(?P<rest>(?:[\[(]\s*{alternation(words('holding_answer'))}[^\])]*[\])]\s*)?:\s*\S.*)$",
    regex.DOTALL | regex.IGNORECASE,
)


@dataclass(frozen=True)
class Glued:
    """A speaker label split off the start of a paragraph."""

    name: str
    rest: str
    holding: bool = False


def split_asked(text: str) -> Glued | None:
    """ "Lord Sample asked Her Majesty's Government …" or run together "Mr. Chapmanasked the …"
    → the asker's name and the question from "asked" on."""
    asked = _ASKED_SPLIT.match(text.strip())
    if asked and looks_like_name(asked["name"].strip()):
        return Glued(asked["name"].strip(), asked["rest"])
    return None


_SENTENCE_OPENERS = frozenset(words("sentence_openers"))
_OPENS_TEXT = regex.compile(r"^[\p{Lu}\d\[“\"‘'£]")


def split_spaced_name(text: str) -> Glued | None:
    """ "Mr. Norman Lamont The top 5 per cent …" → ("Mr. Norman Lamont", "The top 5 …"): the
    longest run of name words (titled, not ending in a sentence opener) before a capital."""
    tokens = text.split()
    for n in range(min(10, len(tokens) - 1), 1, -1):
        name, rest = " ".join(tokens[:n]), " ".join(tokens[n:])
        if tokens[n - 1] in _SENTENCE_OPENERS or not _OPENS_TEXT.match(rest):
            continue
        if not (has_honorific(name) or (has_role_word(name) and name.endswith(")"))):
            continue
        if looks_like_name(name):
            rest, holding = take_holding(rest)
            return Glued(name, rest.lstrip(": ").strip(), holding)
    return None


def split_glued_name(text: str) -> Glued | None:
    """Historic Hansard runs the speaker's name into the text: "Mr. Chapmanasked the …",
    "Mr. Norman LamontThe top 5 per cent …", "The Minister (Mr. X)[holding answer …]The …"."""
    text = text.strip()
    asked = split_asked(text)
    if asked is not None:
        return asked
    colon = _MARK_COLON.match(text)
    if colon and looks_like_name(colon["name"].strip()):
        rest, holding = take_holding(colon["rest"])
        return Glued(colon["name"].strip(), rest.lstrip(": ").strip(), holding)
    for m in regex.finditer(r"(?<=[\p{Ll}).])(?=[\p{Lu}\d\[“\"‘'(])", text):
        cut = m.start()
        if cut > 160:
            break
        word = text[:cut].split()[-1] if text[:cut].split() else ""
        if text[cut] != "[" and text[cut - 1] == ".":
            continue  # "Mr.Lewis": no space after a title's full stop is not a glue point
        if any(word.lstrip("(") == p or word.lstrip("(").endswith(p) for p in _NAME_PREFIXES):
            continue
        name = text[:cut].strip()
        if not looks_like_name(name):
            continue
        rest, holding = take_holding(text[cut:])
        return Glued(name, rest.strip(), holding)
    if looks_like_name(text):
        return Glued(text, "")
    return None
