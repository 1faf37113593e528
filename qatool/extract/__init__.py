"""The figure extractor: every stated amount in a question or answer, as `Figure`s.

`find_figures(text, …)` reads one block of text; `extract_figures(record)` reads a record's
question and answer and fills `path`, `record`, `source` and `part`.
"""

from __future__ import annotations

from collections.abc import Sequence

from qatool.extract.engine import find_figures
from qatool.models import BlockName, Figure, Part, Record

__all__ = ["extract_figures", "find_figures", "part_spans"]


def part_spans(text: str, parts: Sequence[Part]) -> list[tuple[int, str]]:
    """(start offset, label) of each part inside `text`, in order, for labelling figures."""
    spans: list[tuple[int, str]] = []
    cursor = 0
    for part in parts:
        if not part.text:
            continue
        probe = part.text[: min(len(part.text), 40)]
        at = text.find(probe, cursor)
        if at < 0:
            continue
        spans.append((at, part.label))
        cursor = at + 1
    return spans


def extract_figures(
    record: Record, sources: Sequence[BlockName] = ("question", "answer")
) -> list[Figure]:
    """Every figure in the record's question and answer (question first), labelled with
    the file, record id, block and part they came from."""
    out: list[Figure] = []
    for name in sources:
        block = record.question if name == "question" else record.answer
        if block is None or not block.text:
            continue
        out.extend(
            find_figures(
                block.text,
                source=name,
                parts=part_spans(block.text, block.parts),
                path=record.source.path,
                record=record.id,
            )
        )
    return out
