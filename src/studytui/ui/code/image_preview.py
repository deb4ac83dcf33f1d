"""A picture in any terminal: each cell shows two pixels with the upper half block (▀), its
foreground the top pixel and its background the bottom one. Works wherever true colour does,
tmux included, with no graphics protocol to detect; the full image is saved beside the notes.
Where the terminal draws pictures itself (Kitty graphics, Sixel: see `terminal_pictures`), the
same cells show the real picture. The pixels come from the thumbnail cache: drawing a frame never
decodes or encodes an image.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.text import Text

from studytui.ui.code.thumbnails import MAX_COLUMNS, ThumbnailCache


class HalfBlockImage:
    """Rich renderable for a PNG or JPEG file, scaled to fit the available width.

    A Kitty picture is drawn when its width fits; a Sixel one only with `overlay` (the output log,
    which draws it over the half-blocks while it is wholly in view); half-blocks otherwise."""

    def __init__(
        self, path: Path, thumbnails: ThumbnailCache, max_columns: int = MAX_COLUMNS, overlay: bool = False
    ) -> None:
        self.path = path
        self.thumbnails = thumbnails
        self.max_columns = max_columns
        self.overlay = overlay

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        thumbnail = self.thumbnails.get(self.path)
        if thumbnail is None:
            yield Text("[drawing the image...]", style="dim")
            return
        if isinstance(thumbnail, str):
            yield Text(thumbnail, style="dim")
            return
        width = min(self.max_columns, options.max_width)
        picture = thumbnail.picture
        if picture is not None and picture.method == "kitty" and picture.columns <= width:
            for placeholders in picture.placeholders:
                yield from placeholders
                yield Segment.line()
            return
        lines = thumbnail.lines(width)
        drawn_over = picture is not None and picture.method == "sixel" and self.overlay
        if drawn_over and picture is not None and picture.columns <= width and len(lines) == picture.rows:
            *above, last = lines
            lines = [*above, [*last, picture.marker()]]
        for line in lines:
            yield from line
            yield Segment.line()
