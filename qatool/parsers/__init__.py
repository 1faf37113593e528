"""The format registry: one parser per input format, chosen by content or by name.

`PARSERS` is the one place formats are registered (order breaks ties in detection).
`detect_format(text)` picks the highest-scoring parser; `parse_text(text, path, format)` parses.
"""

from __future__ import annotations

from collections.abc import Iterator

from qatool.errors import Failure, UnknownFormatError
from qatool.models import Record
from qatool.parsers.api_json import ApiJsonParser
from qatool.parsers.base import Input, Parser
from qatool.parsers.hansard_text import HansardTextParser
from qatool.parsers.ldapi_text import LdapiTextParser
from qatool.parsers.parallel_parliament import ParallelParliamentParser
from qatool.parsers.parlparse_xml import ParlparseXmlParser
from qatool.parsers.plain import PlainParser
from qatool.parsers.scotparl_text import ScotparlTextParser
from qatool.parsers.senedd_text import SeneddTextParser
from qatool.parsers.twfy_html import TwfyHtmlParser
from qatool.parsers.twfy_text import TwfyTextParser

PARSERS: tuple[Parser, ...] = (
    ApiJsonParser(),
    ParlparseXmlParser(),
    TwfyHtmlParser(),
    TwfyTextParser(),
    HansardTextParser(),
    ParallelParliamentParser(),
    SeneddTextParser(),
    LdapiTextParser(),
    ScotparlTextParser(),
    PlainParser(),
)
BY_NAME: dict[str, Parser] = {p.name: p for p in PARSERS}
# Below this score a format is not claimed; `plain` takes any text at its low fixed score.
DETECT_THRESHOLD = 0.05


def format_names() -> list[str]:
    return [p.name for p in PARSERS]


def get_parser(name: str) -> Parser:
    try:
        return BY_NAME[name]
    except KeyError:
        raise UnknownFormatError(
            "-", f"unknown format {name!r}", hint=f"formats: {', '.join(format_names())}"
        ) from None


def detect_format(text: str, path: str = "-") -> Parser:
    """The parser that scores highest on `text`; UnknownFormatError naming the formats tried."""
    best: Parser | None = None
    best_score = 0.0
    for parser in PARSERS:
        score = parser.detect(text)
        if score > best_score:
            best, best_score = parser, score
    if best is None or best_score < DETECT_THRESHOLD:
        raise UnknownFormatError(
            path,
            f"not a written question or answer in any known format (tried {', '.join(format_names())})",
        )
    return best


def parse_input(source: Input, format: str | None = None) -> Iterator[Record | Failure]:
    """Records (and per-record failures) from one decoded input."""
    parser = get_parser(format) if format else detect_format(source.text, source.path)
    return parser.parse(source)


def parse_text(text: str, path: str = "-", format: str | None = None) -> Iterator[Record]:
    """Library entry point: the records in `text`; raises InputError on the first failure."""
    from qatool.errors import InputError

    for item in parse_input(Input(text=text, path=path), format):
        if isinstance(item, Failure):
            raise InputError(item.path, item.message)
        yield item
