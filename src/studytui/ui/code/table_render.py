"""An HTML output's table (a pandas DataFrame) drawn as a Rich table in the code pane.

The table is drawn when it fits the pane's width unwrapped, else the kernel's ``text/plain`` (pandas
lays a wide frame out in blocks of columns, which reads better than cells squeezed to a few
columns); with no ``text/plain`` worth showing, the table always, its cells wrapped. The choice is
made at each width the log draws at, so widening the pane brings the table back. Every cell is data:
``data_text``, never markup.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from studytui.core.kernel import HtmlTable
from studytui.ui.widgets.safe_text import ansi_text, data_text

UNBOUNDED = 100_000  # columns: a table's natural width, measured without the pane's limit


def _numeric(cell: str) -> bool:
    if cell in ("", "...", "…", "NaN", "nan", "None", "NaT", "<NA>"):
        return True
    try:
        float(cell.replace(",", ""))
    except ValueError:
        return False
    return True


def rich_table(table: HtmlTable) -> Table:
    """The table with its header rows joined per column, its index columns bold, numbers on the right."""
    drawn = Table(box=box.SIMPLE_HEAD, show_header=bool(table.header), show_edge=False, pad_edge=False,
                  header_style="bold")
    for column in range(table.columns):
        heading = "\n".join(row[column] for row in table.header if row[column])
        numbers = all(_numeric(row[column]) for row in table.rows)
        drawn.add_column(
            data_text(heading),
            justify="right" if numbers else "left",
            style="bold" if column < table.index_columns else "",
            overflow="fold",
        )
    for row in table.rows:
        drawn.add_row(*(data_text(cell) for cell in row))
    return drawn


def table_notes(table: HtmlTable) -> list[Text]:
    """What the table leaves out, and the text around it ("5 rows × 3 columns")."""
    lines = [data_text(note, style="dim") for note in table.notes]
    if table.more_rows or table.more_columns:
        left_out = []
        if table.more_rows:
            left_out.append(f"{table.more_rows:,} more rows")
        if table.more_columns:
            left_out.append(f"{table.more_columns:,} more columns")
        lines.append(data_text(f"[{' and '.join(left_out)} not shown]", style="italic dim"))
    return lines


class TableOrText:
    """The table where it fits unwrapped (or when there is no text/plain), else the text/plain."""

    def __init__(self, table: HtmlTable, plain: str) -> None:
        self.table = rich_table(table)
        self.plain = ansi_text(plain) if plain.strip() else None
        self.notes = table_notes(table)

    def natural_width(self, console: Console, options: ConsoleOptions) -> int:
        return Measurement.get(console, options.update_width(UNBOUNDED), self.table).maximum

    def shown(self, console: Console, options: ConsoleOptions) -> RenderableType:
        if self.plain is None or self.natural_width(console, options) <= options.max_width:
            return self.table
        return self.plain

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        parts: list[RenderableType] = [self.table, *self.notes]
        if self.plain is not None:
            parts.append(self.plain)
        sizes = [Measurement.get(console, options, part) for part in parts]
        return Measurement(max(size.minimum for size in sizes), max(size.maximum for size in sizes))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.shown(console, options)
        yield from self.notes
