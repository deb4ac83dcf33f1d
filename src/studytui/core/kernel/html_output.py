"""What a terminal can show of an HTML output: its one table as rows of text, or its text; headless.

A pandas DataFrame displays itself as HTML (``_repr_html_``: a ``<table class="dataframe">`` after a
``<style>`` and before a ``<p>5 rows × 3 columns</p>``); IPython's ``HTML`` object sends HTML with a
``text/plain`` that only names the object. The HTML is read with the standard library's
``html.parser`` and is data: scripts and styles are skipped, entities are decoded and the text
cleaned (``core.text.clean_text``) so no escape reaches the terminal, and everything is bounded (the
HTML read, the rows and columns kept, each cell's length, spans).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

from studytui.core.text import clean_text

MAX_HTML = 200_000  # characters of HTML read (0.1-0.2 s: pandas shows 60 rows in ~20 kB); past it, text/plain
MAX_ROWS = 200  # body rows kept (pandas itself shows at most 60); the others are counted
MAX_COLUMNS = 40  # columns kept; the others are counted
MAX_CELL = 120  # characters of a cell shown
MAX_SPAN = 40  # a colspan or rowspan larger than this counts as this
MAX_TEXT = 20_000  # characters of an HTML output's text (no table) shown
SKIPPED = frozenset({"script", "style", "template", "head", "title", "noscript", "svg", "math", "iframe", "object"})
BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "ul", "ol"})


@dataclass(frozen=True)
class HtmlTable:
    """The table of an HTML output: its header rows and body rows, each as wide as the table."""

    header: tuple[tuple[str, ...], ...]
    rows: tuple[tuple[str, ...], ...]
    index_columns: int  # leading columns of row labels (`<th>` in the body: a DataFrame's index)
    more_rows: int  # body rows past MAX_ROWS, not kept
    more_columns: int  # columns past MAX_COLUMNS, not kept
    notes: tuple[str, ...]  # text around the table ("5 rows × 3 columns")

    @property
    def columns(self) -> int:
        return len(self.rows[0]) if self.rows else len(self.header[0])


def _cell_text(parts: list[str]) -> str:
    text = " ".join(clean_text("".join(parts)).split())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _span(value: str | None) -> int:
    try:
        return max(1, min(MAX_SPAN, int(value or 1)))
    except ValueError:
        return 1


class _TableReader(HTMLParser):
    """Collects the rows of the tables in a page, their cells' text, and the text around them."""

    def __init__(self, all_text: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.all_text = all_text  # only the text, a table's too: no rows kept
        self.tables = 0
        self.nested = False
        self.depth = 0  # tables open
        self.skipping = 0  # inside a script, a style...
        self.header: list[list[tuple[str, int, int, bool]]] = []
        self.body: list[list[tuple[str, int, int, bool]]] = []
        self.body_rows = 0
        self.section = ""
        self.row: list[tuple[str, int, int, bool]] | None = None
        self.cell: list[str] | None = None
        self.cell_attrs: tuple[int, int, bool] = (1, 1, False)
        self.outside: list[str] = []
        self.outside_length = 0
        self.cell_length = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.skipping += 1
            return
        if self.all_text:
            self.outside.append("\n" if tag in BLOCKS else "  " if tag in ("td", "th") else "")
            return
        if tag == "table":
            self.tables += 1
            self.nested = self.nested or self.depth > 0
            self.depth += 1
        elif self.depth != 1 or self.skipping:
            if tag in BLOCKS and self.depth == 0:
                self.outside.append("\n")
            return
        elif tag in ("thead", "tbody", "tfoot"):
            self.section = tag
        elif tag == "tr":
            self._end_row()
            self.row = []
        elif tag in ("td", "th"):
            self._end_cell()
            if self.row is None:
                self.row = []
            named = dict(attrs)
            self.cell, self.cell_length = [], 0
            self.cell_attrs = (_span(named.get("colspan")), _span(named.get("rowspan")), tag == "th")
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif self.all_text:
            self.outside.append("\n" if tag in BLOCKS else "")
        elif tag == "table" and self.depth:
            if self.depth == 1:
                self._end_row()
            self.depth -= 1
        elif self.depth == 1 and tag in ("td", "th"):
            self._end_cell()
        elif self.depth == 1 and tag == "tr":
            self._end_row()
        elif self.depth == 1 and tag in ("thead", "tbody", "tfoot"):
            self._end_row()
            self.section = ""
        elif self.depth == 0 and tag in BLOCKS:
            self.outside.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.depth == 0 or self.all_text:
            if self.outside_length < MAX_TEXT:
                self.outside.append(data)
                self.outside_length += len(data)
        elif self.cell is not None and self.cell_length < MAX_CELL * 4:
            self.cell.append(data)
            self.cell_length += len(data)

    def close(self) -> None:
        super().close()
        self._end_row()  # a table left open at the end of the HTML

    def _end_cell(self) -> None:
        if self.cell is not None and self.row is not None:
            colspan, rowspan, heading = self.cell_attrs
            if len(self.row) < MAX_COLUMNS * 2:
                self.row.append((_cell_text(self.cell), colspan, rowspan, heading))
        self.cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self.row is None or self.tables > 1:
            self.row = None
            return
        row, self.row = self.row, None
        if not row:
            return
        heading_row = all(heading for _text, _colspan, _rowspan, heading in row)
        if self.section == "thead" or (heading_row and not self.body and self.section != "tbody"):
            if len(self.header) < MAX_SPAN:
                self.header.append(row)
        else:
            self.body_rows += 1
            if len(self.body) < MAX_ROWS:
                self.body.append(row)


def _laid_out(rows: list[list[tuple[str, int, int, bool]]]) -> list[list[tuple[str, bool]]]:
    """Rows with their spans spread: a spanned cell's text in its first place, empty places after
    it and below it (as pandas prints a sparse index)."""
    laid: list[list[tuple[str, bool]]] = []
    below: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
    heading_above: dict[int, bool] = {}  # column -> whether that rowspan's cell is a heading
    for row in rows:
        out: list[tuple[str, bool]] = []
        cells = iter(row)
        column = 0
        while True:
            if below.get(column, 0) > 0:
                below[column] -= 1
                out.append(("", heading_above.get(column, False)))
                column += 1
                continue
            cell = next(cells, None)
            if cell is None:
                break
            text, colspan, rowspan, heading = cell
            for offset in range(colspan):
                out.append((text if offset == 0 else "", heading))
                if rowspan > 1:
                    below[column + offset] = rowspan - 1
                    heading_above[column + offset] = heading
            column += colspan
        while any(below.get(later, 0) > 0 for later in range(column, column + MAX_SPAN)):
            if below.get(column, 0) > 0:  # a rowspan from above past the row's own cells
                below[column] -= 1
            out.append(("", False))
            column += 1
        laid.append(out)
    return laid


def _notes(outside: list[str]) -> tuple[str, ...]:
    lines = (" ".join(line.split()) for line in clean_text("".join(outside)).split("\n"))
    return tuple(line[:MAX_CELL] for line in lines if line)[:5]


@lru_cache(maxsize=32)  # the live view draws a running cell's outputs again every frame
def read_html_table(html: str) -> HtmlTable | None:
    """The one table of an HTML output, or None: none, more than one, one inside another, no body
    rows, or more HTML than MAX_HTML."""
    if len(html) > MAX_HTML or "<table" not in html.lower():
        return None
    reader = _TableReader()
    reader.feed(html)
    reader.close()
    if reader.tables != 1 or reader.nested or not reader.body:
        return None
    header, body = _laid_out(reader.header), _laid_out(reader.body)
    width = max(len(row) for row in header + body)
    kept = min(width, MAX_COLUMNS)

    def fitted(row: list[tuple[str, bool]]) -> tuple[str, ...]:
        texts = [text for text, _heading in row[:kept]]
        return tuple(texts + [""] * (kept - len(texts)))

    index_columns = 0
    while index_columns < kept and all(len(row) > index_columns and row[index_columns][1] for row in body):
        index_columns += 1
    return HtmlTable(
        header=tuple(fitted(row) for row in header),
        rows=tuple(fitted(row) for row in body),
        index_columns=index_columns,
        more_rows=reader.body_rows - len(body),
        more_columns=width - kept,
        notes=_notes(reader.outside),
    )


@lru_cache(maxsize=32)
def html_text(html: str) -> str:
    """The text of an HTML output, without its tags, scripts and styles, a line per block, bounded."""
    reader = _TableReader(all_text=True)
    reader.feed(html[:MAX_HTML])
    reader.close()
    lines = (" ".join(line.split()) for line in clean_text("".join(reader.outside)).split("\n"))
    return "\n".join(line for line in lines if line)[:MAX_TEXT]
