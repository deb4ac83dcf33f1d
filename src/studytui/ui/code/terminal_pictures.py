"""A cell's picture in the terminal's own graphics: textual-image's Kitty graphics and Sixel.

Made in the thumbnail worker with the half-block thumbnail, on the same grid of cells, so a
frame never encodes anything: a Kitty picture is sent to the terminal from the worker and drawn
by the placeholder characters it answers with; a Sixel picture is kept as its data, which the
output log draws over the half-blocks of the same cells while the picture is wholly in view.
"""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING
from weakref import WeakValueDictionary

from rich.console import Console
from rich.control import Control
from rich.segment import ControlType, Segment

from studytui.ui.widgets.terminal_graphics import ImageMethod

if TYPE_CHECKING:  # Pillow loads with the first picture (in the thumbnail worker), not at launch
    from PIL import Image

LARGEST_CELL = (20, 40)  # pixels: a picture is decoded at no less than this per cell before it is scaled
SAVE_CURSOR, RESTORE_CURSOR = "\x1b7", "\x1b8"
_NO_MOVE = (ControlType.CURSOR_FORWARD, 0)  # a control segment moves nothing: Rich and Textual pass its text on
# A picture's marker: a word joiner, then its number in binary as zero-width (non-)joiners. No cells
# wide, so a crop keeps it whole; text, as Textual's styling keeps only a segment's text and style.
_MARK, _BITS = "\u2060", "\u200c\u200d"
_MARKED: WeakValueDictionary[int, TerminalPicture] = WeakValueDictionary()
_numbers = itertools.count(1)


@dataclass(frozen=True)
class TerminalPicture:
    """A picture drawn by the terminal, `columns` x `rows` cells."""

    method: ImageMethod
    columns: int
    rows: int
    placeholders: tuple[tuple[Segment, ...], ...] = ()  # kitty: one line of placeholder cells per row
    sixel: str = ""  # sixel: the picture's data, drawn from the top left cell

    def marker(self) -> Segment:
        """A segment of no width that stands for the picture at the end of its last line: Textual
        crops a log's lines counting a control segment's text as cells, so the output log puts the
        data (`overlay`) in its place only once the line is cropped and styled."""
        number = next(_numbers)
        _MARKED[number] = self
        return Segment(_MARK + format(number, "b").translate(_BINARY))

    def overlay(self) -> Segment:
        """For the end of the picture's last line: back to its first cell, the Sixel data, and back."""
        back = Control.move(-self.columns, -(self.rows - 1)).segment.text
        return Segment(SAVE_CURSOR + back + self.sixel + RESTORE_CURSOR, control=(_NO_MOVE,))


_BINARY = str.maketrans("01", _BITS)
_FROM_BINARY = str.maketrans(_BITS, "01")


def marked_picture(segment: Segment) -> TerminalPicture | None:
    """The picture a `marker` segment stands for (None for any other segment)."""
    text = segment.text
    if not text.startswith(_MARK) or len(text) < 2 or text.strip(_BITS) != _MARK:
        return None
    return _MARKED.get(int(text[1:].translate(_FROM_BINARY), 2))


def make_picture(picture: Image.Image, columns: int, rows: int, method: ImageMethod) -> TerminalPicture | None:
    """The picture as `method` draws it on `columns` x `rows` cells (None for half-blocks).

    `picture` is open with its size read; it is decoded here. For Kitty graphics, the picture is
    sent to the terminal now (textual-image writes it to stdout). A picture the library cannot
    draw gives None: the half-blocks stay."""
    if method == "halfblocks":
        return None
    try:
        return _made(picture, columns, rows, method)
    except Exception:  # the terminal's graphics are a bonus over the half-blocks, never a crash
        return None


def _made(picture: Image.Image, columns: int, rows: int, method: ImageMethod) -> TerminalPicture:
    from textual_image.renderable import SixelImage, TGPImage  # the terminal was asked before the app ran

    factor = min(picture.width // (columns * LARGEST_CELL[0]), picture.height // (rows * LARGEST_CELL[1]))
    image = picture.reduce(factor) if factor >= 2 else picture
    image = image.convert("RGB")
    console = Console(file=io.StringIO(), width=columns, height=rows, color_system="truecolor")
    options = console.options.update_width(columns).update_height(rows)
    if method == "kitty":
        segments = list(console.render(TGPImage(image, width=columns, height=rows), options))
        lines = [(Segment(segment.text.rstrip("\n"), segment.style),) for segment in segments if segment.text]
        return TerminalPicture("kitty", columns, rows, placeholders=tuple(lines))
    segments = list(console.render(SixelImage(image, width=columns, height=rows), options))
    data = next(segment.text for segment in segments if segment.control and segment.text.startswith("\x1bP"))
    return TerminalPicture("sixel", columns, rows, sixel=data)
