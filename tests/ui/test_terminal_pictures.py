"""Pictures in the terminal's own graphics: which method a terminal gets, the pictures made in the
thumbnail worker, and the output log drawing a Sixel picture only while all of it is in view."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.screen import ModalScreen
from textual.widgets import Label

from studytui.ui.code.image_preview import HalfBlockImage
from studytui.ui.code.output_log import OutputLog
from studytui.ui.code.thumbnails import Thumbnail, ThumbnailCache, make_thumbnail
from studytui.ui.widgets.terminal_graphics import choose_method, method_from_environment
from studytui.user_config import load_user_config
from tests.waiting import until

SIXEL_START = "\x1bP"
KITTY_PLACEHOLDER = chr(0x10EEEE)


@pytest.mark.parametrize(
    ("env", "method"),
    [
        ({"TERM": "xterm-kitty"}, "kitty"),
        ({"TERM": "xterm-256color", "KITTY_WINDOW_ID": "3"}, "kitty"),
        ({"TERM": "xterm-ghostty", "TERM_PROGRAM": "ghostty"}, "kitty"),
        ({"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"}, "sixel"),
        ({"TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app"}, "sixel"),
        ({"TERM": "foot"}, "sixel"),
        ({"TERM": "foot-extra"}, "sixel"),
        ({"TERM": "xterm-256color", "KONSOLE_VERSION": "230805"}, "sixel"),
        ({"TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,1,0", "KITTY_WINDOW_ID": "3"}, "halfblocks"),
        ({"TERM": "screen-256color", "TERM_PROGRAM": "WezTerm"}, "halfblocks"),
        ({"TERM": "xterm-256color", "STY": "1.pts-0.host"}, "halfblocks"),
        ({"TERM": "xterm-256color"}, None),
    ],
)
def test_the_environment_names_the_method(env, method):
    assert method_from_environment(env) == method


def test_the_setting_wins_and_auto_without_a_terminal_is_half_blocks():
    assert choose_method("sixel", {"TERM": "xterm-kitty"}, is_terminal=True) == "sixel"
    assert choose_method("halfblocks", {"TERM": "xterm-kitty"}, is_terminal=True) == "halfblocks"
    assert choose_method("kitty", {}, is_terminal=False) == "kitty"
    assert choose_method("auto", {"TERM": "xterm-kitty"}, is_terminal=False) == "halfblocks"
    assert choose_method("auto", {"TERM": "xterm-kitty"}, is_terminal=True) == "kitty"


def test_the_images_setting_is_checked(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('images = "sixel"\n', encoding="utf-8")
    assert load_user_config(config).get("images") == "sixel" and not load_user_config(config).problems
    config.write_text('\nimages = "vector"\n', encoding="utf-8")
    loaded = load_user_config(config)
    assert loaded.get("images") == "auto"
    assert loaded.problems == (
        f"{config}:2: images: must be 'auto', 'kitty', 'sixel' or 'halfblocks', got 'vector'; "
        "using the default ('auto')",
    )


def plot(path: Path, size: tuple[int, int] = (640, 480), kind: str = "PNG") -> Path:
    picture = Image.new("RGB", size, (255, 255, 255))
    for x in range(size[0]):
        picture.putpixel((x, x * size[1] // size[0]), (200, 30, 30))
    picture.save(path, kind)
    return path


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_a_sixel_picture_is_made_on_the_half_blocks_cells(tmp_path, kind):
    thumbnail = make_thumbnail(plot(tmp_path / f"plot.{kind.lower()}", kind=kind), "sixel")
    assert isinstance(thumbnail, Thumbnail) and thumbnail.picture is not None
    picture = thumbnail.picture
    assert (picture.columns, picture.rows) == (thumbnail.columns, len(thumbnail.pixels) // 2)
    assert picture.sixel.startswith(SIXEL_START) and picture.sixel.endswith("\x1b\\")


def test_broken_and_huge_pictures_are_a_line_of_text_with_any_method(tmp_path):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n not really")
    bomb = tmp_path / "bomb.png"
    Image.new("1", (16000, 16000)).save(bomb, "PNG")
    for method in ("kitty", "sixel"):
        assert "[image not drawn:" in str(make_thumbnail(broken, method))
        assert "too large to preview" in str(make_thumbnail(bomb, method))


class Dialog(ModalScreen[None]):
    def compose(self) -> ComposeResult:
        yield Label("a dialog over the log")


class LogApp(App[None]):
    CSS = "OutputLog { height: 24; padding: 0 1; }"

    def compose(self) -> ComposeResult:
        yield OutputLog(wrap=True, markup=False, min_width=20)


async def drawn_log(tmp_path: Path, method: str, pilot, app: LogApp) -> tuple[OutputLog, ThumbnailCache]:
    log = app.query_one(OutputLog)
    cache = ThumbnailCache(lambda: None, method=method)  # type: ignore[arg-type]
    path = plot(tmp_path / "plot.png")
    cache.get(path)
    await until(lambda: cache.get(path) is not None, 20, "the thumbnail")
    log.write("In [1]: plt.plot(...)")
    log.write(HalfBlockImage(path, cache, overlay=True))
    await pilot.pause()
    return log, cache


def screen_text(log: OutputLog) -> str:
    strips = log.render_lines(Region(0, 0, log.size.width, log.size.height))
    return "".join(segment.text for strip in strips for segment in strip)


async def test_the_log_draws_a_sixel_picture_only_while_all_of_it_is_in_view(tmp_path):
    app = LogApp()
    async with app.run_test(size=(100, 30)) as pilot:
        log, cache = await drawn_log(tmp_path, "sixel", pilot, app)
        assert screen_text(log).count(SIXEL_START) == 1
        assert "▀" in screen_text(log)  # the same cells, under it
        log.write("\n".join(f"line {n}" for n in range(log.size.height - 6)))  # the picture's top scrolls out
        await pilot.pause()
        await until(lambda: log.scroll_offset.y > 0, 10, "the log to scroll")
        assert "▀" in screen_text(log) and SIXEL_START not in screen_text(log)
        log.scroll_home(animate=False)
        await pilot.pause()
        assert screen_text(log).count(SIXEL_START) == 1
        app.push_screen(Dialog())
        await pilot.pause()
        assert SIXEL_START not in screen_text(log), "never drawn over a dialog"
        cache.close()


async def test_the_log_draws_a_kitty_picture_with_its_placeholders(tmp_path):
    app = LogApp()
    async with app.run_test(size=(100, 30)) as pilot:
        log, cache = await drawn_log(tmp_path, "kitty", pilot, app)
        text = screen_text(log)
        assert KITTY_PLACEHOLDER in text and "▀" not in text and "\x1b" not in text
        log.styles.width = 30  # narrower than the picture: half-blocks
        await pilot.pause()
        await until(lambda: "▀" in screen_text(log), 10, "half-blocks at the narrower width")
        assert KITTY_PLACEHOLDER not in screen_text(log)
        cache.close()


async def test_the_live_view_draws_sixel_pictures_as_half_blocks(tmp_path):
    cache = ThumbnailCache(lambda: None, method="sixel")
    path = plot(tmp_path / "plot.png")
    cache.get(path)
    await until(lambda: cache.get(path) is not None, 20, "the thumbnail")
    from rich.console import Console

    console = Console(width=100, color_system="truecolor", record=True)
    console.print(HalfBlockImage(path, cache))  # no overlay: the live view
    assert "▀" in console.export_text() and "\u2060" not in console.export_text()
    cache.close()
