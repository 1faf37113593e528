"""Every real document in ../shared/samples that has a gold file: every gold parse field, compared
the way ../shared/tools/score.py compares them (text folded for case, spaces, NBSP and dashes;
records matched by order). Skips cleanly when ../shared is absent."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from qatool.models import Record
from qatool.parsers import parse_text

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
GOLD = SHARED / "gold"
DOCS = SHARED / "samples"

# Fields score.py scores for `parse`, in its order.
PARSE_FIELDS = (
    "heading",
    "house",
    "answering_body",
    "date_answered",
    "date_tabled",
    "asked_by.name",
    "asked_by.party",
    "answered_by.name",
    "answered_by.role",
    "votes",
    "question_parts",
    "answer_parts",
    "question_starts",
    "question_ends",
    "answer_starts",
    "answer_ends",
    "id",
)


def fold(text: str | None) -> str:
    """score.py's folding: NFKC, en/em dash → hyphen, runs of white space → one space, lower case."""
    text = unicodedata.normalize("NFKC", text or "").replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", text).strip().lower()


def _gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.gold.json")) if GOLD.is_dir() else []


def _params() -> list[Any]:
    params = []
    for gold in _gold_files():
        name = gold.name.removesuffix(".gold.json")
        params.append(pytest.param(gold, id=name))
    return params or [
        pytest.param(None, id="no-shared", marks=pytest.mark.skip("../shared is absent"))
    ]


def _get(record: dict[str, Any], dotted: str) -> Any:
    value: Any = record
    for key in dotted.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def field_problem(field: str, gold: Any, record: dict[str, Any]) -> str | None:
    """None when the record's field matches the gold value, else a message saying how."""
    if field.endswith("_parts"):
        block = record.get(field.split("_")[0]) or {}
        got: Any = [p["label"] for p in block.get("parts") or []]
        return None if got == gold else f"{field}: gold {gold!r}, got {got!r}"
    if field.endswith(("_starts", "_ends")):
        name, edge = field.split("_")
        text = fold((record.get(name) or {}).get("text"))
        ok = text.startswith(fold(gold)) if edge == "starts" else text.endswith(fold(gold))
        shown = text[:80] if edge == "starts" else text[-80:]
        return None if ok else f"{field}: gold {fold(gold)!r}, got {shown!r}"
    got = _get(record, field)
    if isinstance(gold, str) and isinstance(got, str):
        return None if fold(gold) == fold(got) else f"{field}: gold {gold!r}, got {got!r}"
    return None if gold == got else f"{field}: gold {gold!r}, got {got!r}"


@pytest.mark.parametrize("gold_path", _params())
def test_gold_parse_fields(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    doc = DOCS / gold["file"]
    if not doc.is_file():
        pytest.skip(f"{doc} is absent")
    records: list[Record] = list(parse_text(doc.read_text(encoding="utf-8"), path=str(doc)))
    got = [r.model_dump(mode="json") for r in records]
    assert len(got) >= len(gold["records"]), f"{len(got)} records for {len(gold['records'])} gold"
    problems = []
    for i, gold_record in enumerate(gold["records"]):
        for field in PARSE_FIELDS:
            if field in gold_record:
                problem = field_problem(field, gold_record[field], got[i])
                if problem:
                    problems.append(f"record {i}: {problem}")
    assert not problems, "\n".join(problems)


def test_gold_documents_keep_their_record_count(shared_dir: Path) -> None:
    """Every gold document gives exactly as many records as the gold lists."""
    for gold_path in _gold_files():
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = DOCS / gold["file"]
        records = list(parse_text(doc.read_text(encoding="utf-8"), path=str(doc)))
        assert len(records) == len(gold["records"]), gold["file"]
