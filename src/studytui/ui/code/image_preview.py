"""A picture in any terminal: each cell shows two pixels with the upper half block (▀), its
foreground the top pixel and its background the bottom one. Works wherever true colour does,
tmux included, with no graphics protocol to detect; the full image is saved beside the notes.
The pixels come from the thumbnail cache: drawing a frame never decodes an image.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.text import Text

from studytui.ui.code.thumbnails import MAX_COLUMNS, ThumbnailCache


class HalfBlockImage:
    """Rich renderable for a PNG or JPEG file, scaled to fit the available width."""

    def __init__(self, path: Path, thumbnails: ThumbnailCache, max_columns: int = MAX_COLUMNS) -> None:
        self.path = path
        self.thumbnails = thumbnails
        self.max_columns = max_columns

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        thumbnail = self.thumbnails.get(self.path)
        if thumbnail is None:
            yield Text("[drawing the image...]", style="dim")
            return
        if isinstance(thumbnail, str):
            yield Text(thumbnail, style="dim")
            return
        for line in thumbnail.lines(min(self.max_columns, options.max_width)):
            yield from line
            yield Segment.line()
