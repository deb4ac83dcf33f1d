"""Images from a real kernel: bounded before decoding, drawn from cached thumbnails, a few per cell."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from studytui.ui.code.output_render import IMAGES_DRAWN_PER_CELL
from studytui.ui.code.thumbnails import MAX_COLUMNS, MAX_ROWS, Thumbnail, make_thumbnail
from tests.ui.test_app import SIZE, log_text
from tests.ui.test_code_pane import LESSON, make_app, ready, run
from tests.ui.test_study import quit_app
from tests.waiting import until

pytestmark = [pytest.mark.timeout(120), pytest.mark.real_kernel]  # the kernel is what these test

THREE_HUNDRED_IMAGES = """\
import io
from IPython.display import Image, display
from PIL import Image as Picture
buffer = io.BytesIO()
Picture.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "PNG")
for i in range(300):
    display(Image(data=buffer.getvalue()))
"""

BOMBS = """\
import io
from IPython.display import Image, display
from PIL import Image as Picture
for side in (16000, 12000):
    buffer = io.BytesIO()
    Picture.new("1", (side, side)).save(buffer, "PNG")
    display(Image(data=buffer.getvalue()))
"""


def png(path: Path, size: tuple[int, int], mode: str = "RGB") -> Path:
    Image.new(mode, size).save(path, "PNG")
    return path


def test_a_bomb_is_refused_from_its_header(tmp_path):
    bomb = png(tmp_path / "bomb.png", (16000, 16000), mode="1")
    assert bomb.stat().st_size < 100_000, "small on disk, 256 megapixels inside"
    reason = make_thumbnail(bomb)
    assert isinstance(reason, str) and "too large to preview" in reason
    just_over = make_thumbnail(png(tmp_path / "big.png", (6000, 5000), mode="1"))
    assert isinstance(just_over, str) and "6000x5000" in just_over


def test_a_large_jpeg_is_shrunk_to_a_small_grid(tmp_path):
    photo = tmp_path / "photo.jpg"
    Image.new("RGB", (4000, 3000), (10, 120, 240)).save(photo, "JPEG")
    thumbnail = make_thumbnail(photo)
    assert isinstance(thumbnail, Thumbnail)
    assert thumbnail.columns <= MAX_COLUMNS and len(thumbnail.pixels) <= 2 * MAX_ROWS
    first = thumbnail.lines(30)
    assert first is thumbnail.lines(30), "drawn once per width, then reused"
    assert len(first[0]) <= 30


def test_a_broken_file_is_a_line_of_text(tmp_path):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n not really")
    assert isinstance(make_thumbnail(broken), str)


async def test_three_hundred_images_draw_a_few_and_the_notes_stay_responsive(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir, start_pass=2)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await run(app, pilot, THREE_HUNDRED_IMAGES)
        await pilot.press("f3", *"typed while images arrive")
        await until(lambda: "typed while images arrive" in app.study_screen.notes.editor.text, 20, "the notes echo")
        more = 300 - IMAGES_DRAWN_PER_CELL
        await until(lambda: f"{more} more images not shown" in log_text(app).replace("\n", ""), 60, "the count")
        assert log_text(app).count("[image saved:") == IMAGES_DRAWN_PER_CELL
        assert app.study_screen.code.thumbnails.made <= IMAGES_DRAWN_PER_CELL, "thumbnails only for the images drawn"
        assert len(list((notes_dir / "outputs" / LESSON).glob("*.png"))) == 1, "the same picture is saved once"
        await quit_app(app, pilot)


async def test_decompression_bombs_are_saved_not_drawn_and_the_app_goes_on(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir, start_pass=2)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await run(app, pilot, BOMBS)
        await until(lambda: log_text(app).count("[image not drawn:") == 2, 60, "both refused")
        await run(app, pilot, "6 * 7")
        await until(lambda: "Out[2]: 42" in log_text(app), 20, "the next cell")
        await quit_app(app, pilot)

