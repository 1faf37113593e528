"""Rich views for people: a panel per record (`parse`), a table of figures (`facts`)."""

from __future__ import annotations

from pathlib import PurePath
from typing import TextIO

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from qatool.models import Figure, Record


def _number(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) >= 1000 else f"{value:g}"


class RecordPanels:
    def __init__(self, out: TextIO) -> None:
        self.console = Console(file=out, soft_wrap=False)

    def write(self, record: Record) -> None:
        facts = Table.grid(padding=(0, 2))
        facts.add_column(style="bold")
        facts.add_column()
        rows = {
            "id": record.id,
            "house": record.house,
            "answering body": record.answering_body,
            "tabled": record.date_tabled,
            "answered": record.date_answered,
            "asked by": _member(record.asked_by),
            "answered by": _member(record.answered_by),
            "votes": f"yes {record.votes.yes} · no {record.votes.no}" if record.votes else None,
            "source": f"{record.source.format} ({record.source.language}) {record.source.path}",
        }
        for key, value in rows.items():
            if value:
                facts.add_row(key, str(value))
        body: list[Table | Text] = [facts]
        for name, block in (("Question", record.question), ("Answer", record.answer)):
            if block:
                body.append(Text(f"\n{name}", style="bold underline"))
                body.append(Text(block.text))
                if block.parts:
                    body.append(
                        Text("parts: " + ", ".join(p.label for p in block.parts), style="dim")
                    )
        for warning in record.warnings:
            body.append(Text(f"warning: {warning}", style="yellow"))
        self.console.print(
            Panel(Group(*body), title=record.heading or record.id, title_align="left")
        )

    def close(self) -> None:
        pass


def _member(member: object) -> str | None:
    from qatool.models import Member

    if not isinstance(member, Member) or not member.name:
        return None
    extra = ", ".join(x for x in (member.party, member.constituency, member.role) if x)
    return f"{member.name} ({extra})" if extra else member.name


class FigureTable:
    """Collects figures and prints one table at the end (a table needs its column widths).
    The record column is shown only when the figures come from more than one record."""

    def __init__(self, out: TextIO) -> None:
        self.console = Console(file=out)
        self.rows: list[tuple[str, ...]] = []
        self.records: set[tuple[str, str]] = set()

    def write(self, figure: Figure) -> None:
        if figure.value is None and figure.low is not None:
            value = f"{_number(figure.low)}–{_number(figure.high)}"
        else:
            value = _number(figure.value)
        if figure.qualifier:
            value = f"{figure.qualifier} {value}"
        rate = []
        if figure.per:
            rate.append(f"per {figure.per}")
        if figure.period:
            rate.append(f"over {_number(figure.period.value)} {figure.period.unit}")
        when = ""
        if figure.when:
            when = f"{figure.when.start or '…'} – {figure.when.end or '…'}"
        self.records.add((figure.path, figure.record))
        self.rows.append(
            (
                f"{PurePath(figure.path).name} {figure.record}",
                figure.source[0].upper() + (f"/{figure.part}" if figure.part else ""),
                figure.text,
                figure.kind + (f" ({figure.change})" if figure.change else ""),
                value,
                figure.unit or "",
                ", ".join(rate),
                when,
                figure.subject or figure.item or "",
            )
        )

    def close(self) -> None:
        if not self.rows:
            self.console.print("no figures found", style="dim")
            return
        many = len(self.records) > 1
        table = Table(header_style="bold")
        if many:
            table.add_column("record", overflow="fold")
        table.add_column("in", no_wrap=True)
        table.add_column("text")
        table.add_column("kind")
        table.add_column("value", justify="right", no_wrap=True)
        table.add_column("unit")
        table.add_column("per / period")
        table.add_column("when", overflow="fold")
        table.add_column("subject", overflow="fold")
        for row in self.rows:
            table.add_row(*(row if many else row[1:]))
        self.console.print(table)
