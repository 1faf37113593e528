"""The `qatool` command: a thin Typer layer over the pure core (parsers, extractor, renderers).

Exit codes: 0 all fine; 1 some input could not be read or parsed (every other input is still
processed and printed); 2 usage error. Data goes to stdout only; each problem is one line on
stderr, `qatool: FILE: what is wrong`. Heavy modules are imported inside the commands so that
`qatool --help` starts fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Protocol

import typer

from qatool import __version__

if TYPE_CHECKING:
    from qatool.batch import Problem

EXAMPLES = """

\b
Examples:
  qatool parse samples/drugs-balkans.twfy.txt         a panel per record
  qatool facts samples/drugs-balkans.twfy.txt         a table of figures
  qatool facts --jsonl answers/*.json | jq -c 'select(.kind == "money")'
  qatool facts --csv --kind money,mass answer.txt > figures.csv
  cat answer.txt | qatool parse --json -
"""

app = typer.Typer(
    name="qatool",
    help="Typed records and every stated figure from parliamentary written questions and answers."
    + EXAMPLES,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class _State:
    debug = False


STATE = _State()


class Writer(Protocol):
    def write(self, item: Any) -> None: ...

    def close(self) -> None: ...


def _version(value: bool) -> None:
    if value:
        typer.echo(f"qatool {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
) -> None:
    STATE.debug = debug


Files = Annotated[
    list[str] | None,
    typer.Argument(
        help="Files or glob patterns to read; '-' or none reads standard input.", show_default=False
    ),
]
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format", "-f", help="Input format (see `qatool formats`); detected when not given."
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print ONE JSON array.")]
JsonlOpt = Annotated[
    bool, typer.Option("--jsonl", help="Print one JSON object per line, as it comes.")
]
TableOpt = Annotated[
    bool, typer.Option("--table", help="Print a view for people (the default on a terminal).")
]
JobsOpt = Annotated[
    int,
    typer.Option(
        "--jobs", "-j", min=0, help="Worker processes (0: one per core); output order is kept."
    ),
]
StrictOpt = Annotated[
    bool,
    typer.Option("--strict", help="Treat a record's warnings (e.g. truncated answer) as errors."),
]


def _pick_output(table: bool, json_: bool, jsonl: bool, csv: bool = False) -> str:
    chosen = [
        name
        for name, on in (("table", table), ("json", json_), ("jsonl", jsonl), ("csv", csv))
        if on
    ]
    if len(chosen) > 1:
        raise typer.BadParameter(f"choose one output: {', '.join('--' + c for c in chosen)}")
    if chosen:
        return chosen[0]
    return "table" if sys.stdout.isatty() else "jsonl"


def _check_format(name: str | None) -> None:
    if name is None:
        return
    from qatool.parsers import format_names

    if name not in format_names():
        raise typer.BadParameter(
            f"unknown format {name!r}; formats: {', '.join(format_names())}", param_hint="--format"
        )


def _report(problem: Problem) -> None:
    if STATE.debug and problem.error is not None:
        raise problem.error  # --debug: the traceback of the unexpected error
    sys.stdout.flush()
    sys.stderr.write(problem.line() + "\n")
    sys.stderr.flush()


def _record_writer(output: str) -> Writer:
    if output == "json":
        from qatool.render.jsonout import JsonArrayWriter

        return JsonArrayWriter(sys.stdout)
    if output == "jsonl":
        from qatool.render.jsonout import JsonLinesWriter

        return JsonLinesWriter(sys.stdout)
    from qatool.render.table import RecordPanels

    return RecordPanels(sys.stdout)


def _figure_writer(output: str) -> Writer:
    if output == "csv":
        from qatool.render.csvout import CsvWriter

        return CsvWriter(sys.stdout)
    if output == "table":
        from qatool.render.table import FigureTable

        return FigureTable(sys.stdout)
    return _record_writer(output)


def _emit(items: Iterable[Any], writer: Writer) -> bool:
    """Write each record or figure; report each problem on stderr. True if any problem."""
    from qatool.batch import Problem

    failed = False
    for item in items:
        if isinstance(item, Problem):
            failed = True
            _report(item)
        else:
            writer.write(item)
    return failed


@app.command()
def parse(
    files: Files = None,
    format: FormatOpt = None,
    json_: JsonOpt = False,
    jsonl: JsonlOpt = False,
    table: TableOpt = False,
    strict: StrictOpt = False,
    jobs: JobsOpt = 1,
) -> None:
    """One record per written question and answer (records.md).

    Example: qatool parse --json samples/drugs-balkans.twfy.txt
    """
    _check_format(format)
    output = _pick_output(table, json_, jsonl)
    from qatool.batch import iter_records

    writer = _record_writer(output)
    try:
        if jobs == 1:
            items: Any = iter_records(files or [], format, strict)
        else:
            from qatool.parallel import parallel_items

            serialize = output if output in ("json", "jsonl") else None
            items = parallel_items(files or [], format, strict, jobs=jobs, serialize=serialize)
        failed = _emit(items, writer)
    finally:
        writer.close()
    if failed:
        raise typer.Exit(1)


@app.command()
def facts(
    files: Files = None,
    format: FormatOpt = None,
    json_: JsonOpt = False,
    jsonl: JsonlOpt = False,
    csv: Annotated[
        bool, typer.Option("--csv", help="Print a header row and one row per figure.")
    ] = False,
    table: TableOpt = False,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind", "-k", help="Only these kinds, comma-separated (money,mass,percent…)."
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option("--source", "-s", help="Only figures from the 'answer' or the 'question'."),
    ] = None,
    strict: StrictOpt = False,
    jobs: JobsOpt = 1,
) -> None:
    """One row per figure stated in each question and answer (figures.md).

    Example: qatool facts --csv --kind money samples/drugs-balkans.twfy.txt
    """
    _check_format(format)
    output = _pick_output(table, json_, jsonl, csv)
    if source not in (None, "answer", "question"):
        raise typer.BadParameter("must be 'answer' or 'question'", param_hint="--source")
    kinds = frozenset(k.strip() for k in kind.split(",") if k.strip()) if kind else None
    sources: tuple[Any, ...] = (source,) if source else ("question", "answer")
    from qatool.batch import iter_figures, iter_records

    writer = _figure_writer(output)
    try:
        if jobs == 1:
            items: Any = iter_figures(iter_records(files or [], format, strict), kinds, sources)
        else:
            from qatool.parallel import parallel_items

            items = parallel_items(
                files or [],
                format,
                strict,
                jobs=jobs,
                figures=True,
                kinds=kinds,
                sources=sources,
                serialize=output if output in ("json", "jsonl", "csv") else None,
            )
        failed = _emit(items, writer)
    finally:
        writer.close()
    if failed:
        raise typer.Exit(1)


@app.command()
def schema(
    what: Annotated[
        str, typer.Argument(help="'record' or 'figure'.", metavar="record|figure")
    ] = "record",
) -> None:
    """Print the JSON Schema of a record or a figure, generated from the models."""
    import json

    from qatool.models import Figure, Record

    if what not in ("record", "figure"):
        raise typer.BadParameter("must be 'record' or 'figure'", param_hint="WHAT")
    model = Record if what == "record" else Figure
    typer.echo(json.dumps(model.model_json_schema(), indent=2))


@app.command()
def formats(json_: JsonOpt = False) -> None:
    """List the input formats qatool reads (detected from the content; --format overrides)."""
    import json

    from qatool.parsers import PARSERS

    if json_:
        typer.echo(
            json.dumps([{"name": p.name, "description": p.description} for p in PARSERS], indent=2)
        )
        return
    width = max(len(p.name) for p in PARSERS)
    for p in PARSERS:
        typer.echo(f"{p.name:<{width}}  {p.description}")


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def main() -> None:
    """Console entry point: runs the app, turning errors into one line and an exit code.

    0 all fine; 1 some input failed (or an unexpected error); 2 usage error, as one line
    `qatool: usage error: …`; a closed pipe (`| head`) ends quietly with 0; Ctrl-C gives 130.
    """
    from typer._click.exceptions import ClickException, NoArgsIsHelpError

    stdout = sys.stdout
    try:
        code = app(standalone_mode=False, prog_name="qatool")
    except BrokenPipeError:
        _quiet_pipe()
    except SystemExit as exc:
        # Typer and Rich catch a broken pipe themselves and exit 1 (Typer also swaps stdout).
        if exc.code == 1 and (
            sys.stdout is not stdout or isinstance(exc.__context__, BrokenPipeError)
        ):
            _quiet_pipe()
        raise
    except NoArgsIsHelpError as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except ClickException as exc:
        hint = ""
        ctx = getattr(exc, "ctx", None)
        if ctx is not None:
            hint = f" (hint: see '{ctx.command_path} --help')"
        kind = "usage error" if exc.exit_code == 2 else "error"
        sys.stderr.write(f"qatool: {kind}: {_one_line(exc.format_message())}{hint}\n")
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        sys.stderr.write("qatool: interrupted\n")
        sys.exit(130)
    except Exception as exc:
        from qatool.errors import QatoolError

        if STATE.debug:
            raise
        kind = "error" if isinstance(exc, QatoolError) else f"internal error: {type(exc).__name__}"
        sys.stderr.write(
            f"qatool: {kind}: {_one_line(str(exc))} (hint: run with --debug for the traceback)\n"
        )
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


def _quiet_pipe() -> NoReturn:
    """`qatool … | head`: the reader left; end quietly, without a second error on flush."""
    with contextlib.suppress(OSError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    sys.exit(0)
