"""A text editor that never sends a control character of its document to the terminal.

A notes file is anyone's file: it may hold ESC sequences (clear the screen, rename the terminal,
write the clipboard). The document keeps its bytes (saving writes back what was read); only what
is drawn shows each control character as a visible symbol.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip

from studytui.core.text import has_controls, show_controls


class VisibleControls:
    """Mix into a TextArea subclass, before TextArea."""

    def render_line(self, y: int) -> Strip:
        strip: Strip = super().render_line(y)  # type: ignore[misc]
        if not any(has_controls(segment.text) for segment in strip):
            return strip
        width = strip.cell_length
        segments = [Segment(show_controls(segment.text), segment.style) for segment in strip]
        # A control character took no cell and its symbol takes one: keep the line its width.
        return Strip(segments).crop_extend(0, width, None)
