"""qatool: typed records and every stated figure from parliamentary written answers.

Library use::

    from qatool import parse_text, extract_figures
    for record in parse_text(open("answer.txt").read(), path="answer.txt"):
        for figure in extract_figures(record):
            print(figure.text, figure.value, figure.unit)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "extract_figures", "parse_text"]

if TYPE_CHECKING:
    from qatool.extract import extract_figures
    from qatool.parsers import parse_text


def __getattr__(name: str) -> Any:
    # Lazy: `import qatool` (and so `qatool --help`) stays cheap.
    if name == "parse_text":
        from qatool.parsers import parse_text

        return parse_text
    if name == "extract_figures":
        from qatool.extract import extract_figures

        return extract_figures
    raise AttributeError(name)
