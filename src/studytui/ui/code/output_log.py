"""The code pane's output log: finished cells, drawn again at the new width when the pane resizes.

It has the focus only to be scrolled by keyboard (alt+o): a printable key typed there is the code
cell's, and takes the focus there with it.

A ``RichLog`` keeps only lines rendered at the width it had when they were written: after a resize
they stay cut (or narrow). This log also keeps what it was given (a bounded number of writes, each
a cell's echo, its kept outputs or a notice) and renders them again for the new width. A write made
while the log is hidden (another pane in front on a narrow screen) has no width to wrap at: RichLog
draws it at its minimum width, and this log draws it again when it shows.
"""

from __future__ import annotations

from collections import deque
from typing import NamedTuple

from rich.console import RenderableType
from textual.events import Key, Resize
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import RichLog

from studytui.ui.code.terminal_pictures import marked_picture

WRITES_KEPT = 2_000  # writes drawn again after a resize (older ones keep their old width)


class _Write(NamedTuple):
    content: RenderableType | object
    width: int | None
    expand: bool
    shrink: bool


class OutputLog(RichLog):
    typing_goes_to: Widget | None = None  # the code cell

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._writes: deque[_Write] = deque(maxlen=WRITES_KEPT)
        self._replaying = False
        self._drawn_width = 0
        self._hidden_writes = False  # written while hidden: drawn at the minimum width, again once shown

    def on_mount(self) -> None:
        # Anchored, the layout pass of a write already shows its end: a RichLog that is not
        # scrolls one frame later (after a refresh), so a result would take two frames to appear.
        self.anchor()

    def write(
        self,
        content: RenderableType | object,
        width: int | None = None,
        expand: bool = False,
        shrink: bool = True,
        scroll_end: bool | None = None,
        animate: bool = False,
    ) -> OutputLog:
        if not self._replaying:
            self._writes.append(_Write(content, width, expand, shrink))
            if self._size_known and not self.scrollable_content_region.width:
                self._hidden_writes = True
        super().write(content, width, expand, shrink, scroll_end, animate)
        return self

    def render_lines(self, crop: Region) -> list[Strip]:
        """The log's lines as the screen draws them; a Sixel picture ending on one of them is drawn
        over its half-blocks only while all of it is in view and this screen is the one shown (it
        would cover what is above the log, or a dialog): otherwise the half-blocks show. Added
        here, after Textual has cropped the lines (its crop counts a control segment's text as cells)."""
        strips = super().render_lines(crop)
        shown = self.screen.is_active
        top = crop.y - self.gutter.top
        for index, strip in enumerate(strips):
            segments = list(strip)
            pictures = [marked_picture(segment) for segment in segments]
            if not any(pictures):
                continue
            strips[index] = Strip(
                [
                    segment if picture is None else picture.overlay()
                    for segment, picture in zip(segments, pictures, strict=True)
                    if picture is None or (shown and picture.rows - 1 <= top + index)
                ],
                strip.cell_length,
            )
        return strips

    def on_key(self, event: Key) -> None:
        """A printable key goes to the cell, in typing order: the keys of a burst that reached the
        log before the focus moved follow the first one, each in its turn."""
        cell = self.typing_goes_to
        if cell is None or not event.is_printable:
            return
        event.stop()
        event.prevent_default()
        self.screen.set_focus(cell)
        cell.post_message(Key(event.key, event.character))

    def on_resize(self, event: Resize) -> None:
        # Runs before RichLog's own handler, which replays the writes made before the first size.
        width = event.size.width
        if not self._size_known:
            self._drawn_width = width
            self._replaying = True
            self.call_next(self._replayed)
            return
        if (width != self._drawn_width or self._hidden_writes) and width and self._writes:
            self._drawn_width = width
            self._hidden_writes = False
            self.call_later(self._rewrap)

    def _replayed(self) -> None:
        self._replaying = False

    def _rewrap(self) -> None:
        writes = list(self._writes)
        self.clear()
        self._replaying = True
        try:
            for write in writes:
                super().write(write.content, write.width, write.expand, write.shrink, scroll_end=False)
        finally:
            self._replaying = False
        self.scroll_end(animate=False, immediate=True)
