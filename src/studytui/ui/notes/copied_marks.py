"""Marks on notes copied from the lecture: a gutter sign in the editor and a line under the note.

Which notes are copies is decided elsewhere (the own-words check); the notes pane only shows it.
The gutter is drawn over TextArea's line-number column, so it exists only while a lesson has a
transcript to check against: lessons without one keep the editor's full width.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Offset
from textual.strip import Strip

GUTTER_MARK = "⚠"
MARK_STYLE = Style(color="yellow", bold=True)


class CopiedMarksGutter:
    """Mixin for the notes TextArea: `copied_marks` maps a 0-based row to its message."""

    copied_marks: dict[int, str] = {}

    def show_copied_marks(self, marks: dict[int, str], gutter: bool) -> None:
        self.copied_marks = dict(marks)
        self.show_line_numbers = gutter
        self.refresh()  # type: ignore[attr-defined]

    def render_line(self, y: int) -> Strip:
        strip: Strip = super().render_line(y)  # type: ignore[misc]
        if not self.show_line_numbers:
            return strip
        width: int = self.gutter_width  # type: ignore[attr-defined]
        row = self._first_row_at(y)
        segments = list(strip)
        style = segments[0].style if segments else None
        if row is not None and row in self.copied_marks:
            gutter = Segment(GUTTER_MARK.ljust(width), (style or Style()) + MARK_STYLE)
        else:
            gutter = Segment(" " * width, style)  # no line numbers: only the marks
        return Strip.join([Strip([gutter], width), strip.crop(width, strip.cell_length)])

    def _first_row_at(self, y: int) -> int | None:
        """The document row shown at screen line `y`, when it is that row's first wrapped line."""
        wrapped = self.wrapped_document  # type: ignore[attr-defined]
        absolute = y + self.scroll_offset.y  # type: ignore[attr-defined]
        if absolute >= wrapped.height:
            return None
        row, column = wrapped.offset_to_location(Offset(0, absolute))
        return row if column == 0 else None
