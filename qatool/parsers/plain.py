"""`plain`: any other text — a "To ask …" question paragraph and an answer, or only an answer.

Input looks like::

    To ask the Secretary of State for Health how many nurses …

    There were 1,200 nurses in 2023.

It accepts any text at a low score, so figures can be read from whatever a user has.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from qatool.errors import Failure
from qatool.models import Record, Source, TextBlock
from qatool.parsers.base import Input
from qatool.text import (
    fold_spaces,
    house_from_question,
    join_paragraphs,
    normalise_newlines,
    paragraphs_of,
    split_parts,
    stable_id,
)

_TO_ASK = regex.compile(r"^\s*To ask\b", regex.IGNORECASE)


class PlainParser:
    name = "plain"
    description = "any other text: a 'To ask …' question paragraph and an answer, or only an answer"

    def detect(self, text: str) -> float:
        return 0.1 if text.strip() else 0.0

    def parse(self, source: Input) -> Iterator[Record | Failure]:
        text = fold_spaces(normalise_newlines(source.text))
        paras = paragraphs_of(text)
        if not paras:
            yield Failure(source.path, "no text")
            return
        start = next((i for i, p in enumerate(paras) if _TO_ASK.match(p)), None)
        warnings: list[str] = []
        if start is None:
            question_text, answer_text = "", join_paragraphs(paras)
            warnings.append("no question found; all text taken as the answer")
        else:
            if start:
                warnings.append(
                    f"unplaced text before the question: {' '.join(paras[:start])[:80]!r}"
                )
            question_text = paras[start]
            answer_text = join_paragraphs(paras[start + 1 :])
        yield Record(
            id=stable_id(question_text, answer_text),
            house=house_from_question(question_text),
            question=TextBlock(text=question_text, parts=split_parts(question_text))
            if question_text
            else None,
            answer=TextBlock(text=answer_text, parts=split_parts(answer_text, answer_style=True))
            if answer_text
            else None,
            source=Source(format=self.name, path=source.path, encoding=source.encoding),
            warnings=warnings,
        )
