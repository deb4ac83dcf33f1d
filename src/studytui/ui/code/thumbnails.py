"""Thumbnails of a cell's images: bounded, made off the UI thread, drawn once and cached.

An image's size is read from its header before anything is decoded, and a picture over
`MAX_PIXELS` is never decoded (a 16000x16000 PNG is 31 KB on disk and 768 MB in memory). The rest
are decoded at a fraction of their size where the format allows (`draft` for JPEG, `reduce`),
shrunk to at most `MAX_COLUMNS` x `MAX_ROWS` terminal cells in a worker thread, and kept as a
small pixel grid; the segments for a width are built once and reused on every frame.
"""

from __future__ import annotations

import asyncio
import warnings
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rich.color import Color
from rich.segment import Segment
from rich.style import Style

from studytui.ui.code.terminal_pictures import TerminalPicture, make_picture
from studytui.ui.widgets.terminal_graphics import ImageMethod

MAX_COLUMNS = 64  # a plot a learner can read at a glance without taking over the output log
MAX_ROWS = 16
MAX_PIXELS = 25_000_000  # a 5000x5000 picture; larger ones are saved but not drawn
CACHED_THUMBNAILS = 256
UPPER_HALF = "▀"

RGB = tuple[int, int, int]

# Pillow warns (on stderr, under the UI) about pictures past its own limit; ours is lower and says so.
warnings.filterwarnings("ignore", message=r"Image size \(\d+ pixels\) exceeds limit", module="PIL")


@dataclass
class Thumbnail:
    """A picture as at most MAX_COLUMNS x (2 * MAX_ROWS) pixels: two pixel rows per terminal line."""

    pixels: list[list[RGB]]  # rows of pixels; an even number of rows
    picture: TerminalPicture | None = None  # the same picture in the terminal's graphics, on the same cells
    _lines: dict[int, list[list[Segment]]] = field(default_factory=dict)

    @property
    def columns(self) -> int:
        return len(self.pixels[0])

    def lines(self, columns: int) -> list[list[Segment]]:
        """The picture as half-block lines at most `columns` wide (built once per width)."""
        columns = max(1, min(columns, self.columns))
        if columns not in self._lines:
            self._lines[columns] = self._draw(columns)
        return self._lines[columns]

    def _draw(self, columns: int) -> list[list[Segment]]:
        pixels = self.pixels
        if columns < self.columns:  # narrower pane: nearest neighbour on the small grid is enough
            rows = max(2, round(len(pixels) * columns / self.columns / 2) * 2)
            pixels = [
                [pixels[y * len(pixels) // rows][x * self.columns // columns] for x in range(columns)]
                for y in range(rows)
            ]
        lines = []
        for top, bottom in zip(pixels[0::2], pixels[1::2], strict=True):
            lines.append(
                [
                    Segment(UPPER_HALF, Style(color=Color.from_rgb(*up), bgcolor=Color.from_rgb(*down)))
                    for up, down in zip(top, bottom, strict=True)
                ]
            )
        return lines


def make_thumbnail(path: Path, method: ImageMethod = "halfblocks") -> Thumbnail | str:
    """The thumbnail of a PNG or JPEG file, or a sentence saying why there is none; with a graphics
    `method`, it carries the picture drawn that way too."""
    from PIL import Image, ImageFilter, UnidentifiedImageError  # loaded with the first picture

    try:
        with Image.open(path) as picture:
            width, height = picture.size  # from the header: nothing is decoded yet
            if width * height > MAX_PIXELS:
                return f"[image not drawn: {width}x{height} pixels is too large to preview; the file is saved]"
            columns = max(1, min(MAX_COLUMNS, width))
            # Terminal cells are about twice as tall as wide; a cell holds two pixel rows.
            rows = max(1, round(height * columns / width / 2))
            if rows > MAX_ROWS:
                columns, rows = max(1, columns * MAX_ROWS // rows), MAX_ROWS
            # A picture for the terminal's graphics decodes the whole file first (draft is then a no-op).
            drawn = make_picture(picture, columns, rows, method) if method != "halfblocks" else None
            picture.draft("RGB", (columns * 4, rows * 8))  # JPEG: decode at 1/2..1/8 of the size
            factor = min(picture.width // (columns * 4), picture.height // (rows * 8))
            image: Image.Image = picture.reduce(factor) if factor >= 2 else picture
            image = image.convert("RGB")
            shrink = image.width / columns
            if shrink >= 3:  # thin plot lines would average away: widen the dark strokes first
                image = image.filter(ImageFilter.MinFilter(min(9, int(shrink) // 2 * 2 + 1)))
            small = image.resize((columns, rows * 2), Image.Resampling.BOX)
    except Image.DecompressionBombError:
        return f"[image not drawn: over {MAX_PIXELS:,} pixels is too large to preview; the file is saved]"
    except (OSError, UnidentifiedImageError, ValueError, MemoryError) as error:
        return f"[image not drawn: {error}]"
    # Pillow deprecates getdata for get_flattened_data (removal in Pillow 14); older Pillows have only getdata.
    pixels = getattr(small, "get_flattened_data", None) or small.getdata
    data = list(pixels())
    return Thumbnail([data[row * columns : (row + 1) * columns] for row in range(rows * 2)], drawn)


class ThumbnailCache:
    """Thumbnails by file, made one at a time in a worker thread; `on_ready` runs on the event loop."""

    def __init__(
        self, on_ready: Callable[[], None], size: int = CACHED_THUMBNAILS, method: ImageMethod = "halfblocks"
    ) -> None:
        self._on_ready = on_ready
        self.method = method
        self._size = size
        self._done: OrderedDict[Path, Thumbnail | str] = OrderedDict()
        self._pending: set[Path] = set()
        self._executor: ThreadPoolExecutor | None = None
        self.made = 0  # thumbnails made so far (for tests and benchmarks)

    def get(self, path: Path) -> Thumbnail | str | None:
        """The thumbnail (or why there is none); None while it is being made (it is requested now)."""
        found = self._done.get(path)
        if found is not None:
            self._done.move_to_end(path)
            return found
        if path not in self._pending:
            self._pending.add(path)
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="thumbnails")
            loop = asyncio.get_running_loop()
            future = self._executor.submit(make_thumbnail, path, self.method)
            future.add_done_callback(lambda done: loop.call_soon_threadsafe(self._finished, path, done))
        return None

    def _finished(self, path: Path, future: Future[Thumbnail | str]) -> None:
        self._pending.discard(path)
        try:
            result = future.result()
        except Exception as error:
            result = f"[image not drawn: {error}]"
        self.made += 1
        self._done[path] = result
        while len(self._done) > self._size:
            self._done.popitem(last=False)
        self._on_ready()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
