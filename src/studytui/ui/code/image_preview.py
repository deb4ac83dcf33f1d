"""A picture in any terminal: each cell shows two pixels with the upper half block (▀), its
foreground the top pixel and its background the bottom one. Works wherever true colour does,
tmux included, with no graphics protocol to detect; the full image is saved beside the notes.
"""

from __future__ import annotations

from pathlib import Path

from rich.color import Color
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style

MAX_COLUMNS = 64  # a plot a learner can read at a glance without taking over the output log
MAX_ROWS = 16
UPPER_HALF = "▀"


class HalfBlockImage:
    """Rich renderable for a PNG or JPEG file, scaled to fit the available width."""

    def __init__(self, path: Path, max_columns: int = MAX_COLUMNS) -> None:
        self.path = path
        self.max_columns = max_columns

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from PIL import Image, ImageFilter, UnidentifiedImageError  # loaded with the first picture

        try:
            with Image.open(self.path) as picture:
                picture = picture.convert("RGB")
                columns = max(1, min(self.max_columns, options.max_width, picture.width))
                # Terminal cells are about twice as tall as wide; a cell holds two pixel rows.
                rows = max(1, round(picture.height * columns / picture.width / 2))
                if rows > MAX_ROWS:
                    columns, rows = max(1, columns * MAX_ROWS // rows), MAX_ROWS
                shrink = picture.width / columns
                if shrink >= 3:  # thin plot lines would average away: widen the dark strokes first
                    picture = picture.filter(ImageFilter.MinFilter(min(9, int(shrink) // 2 * 2 + 1)))
                pixels = picture.resize((columns, rows * 2), Image.Resampling.BOX).load()
        except (OSError, UnidentifiedImageError, ValueError):
            return
        for row in range(rows):
            for column in range(columns):
                top, bottom = pixels[column, row * 2], pixels[column, row * 2 + 1]
                style = Style(color=Color.from_rgb(*top), bgcolor=Color.from_rgb(*bottom))
                yield Segment(UPPER_HALF, style)
            yield Segment.line()
