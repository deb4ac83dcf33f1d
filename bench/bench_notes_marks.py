"""What colouring note kinds and stamps costs per key in the notes editor, at 2,000 and 10,000 lines.

One key = insert a character at the end of the last note, then draw every visible line again (the
edit clears the editor's line cache, as a real key does). Measured in a headless app (the screen is
drawn the same way, only not sent to a terminal), side by side in the same run:
a bare Textual TextArea (the anchor) and the notes editor with its marks. The best of 3 alternated medians of 200 keys.

    .venv/bin/python bench/bench_notes_marks.py
"""

from __future__ import annotations

import asyncio
import statistics
import time

from rich.text import Text
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widgets import TextArea

from studytui.core.notes import compact_stamps, expand_stamps
from studytui.ui.notes.note_marks import mark_note_line
from studytui.ui.notes.notes_editor import NotesEditor
from timing import median_ms

NOTE = "- [12:34](https://youtu.be/VMj-3S1tku0?t=754) {kind}a note in my own words about gradients"
KINDS = ("", "! ", "? ", "~ ")
KEYS = 200
ROUNDS = 3  # the best median of each is printed


def notes(lines: int) -> str:
    body = [NOTE.format(kind=KINDS[i % len(KINDS)]) for i in range(lines)]
    return "# Lesson\n\n## 10:00 chapter\n\n" + "\n".join(body)


class One(App[None]):
    def __init__(self, editor: TextArea) -> None:
        super().__init__()
        self.editor = editor

    def compose(self) -> ComposeResult:
        yield self.editor


async def per_key_ms(editor: TextArea, text: str) -> float:
    app = One(editor)
    async with app.run_test(size=(100, 40)) as pilot:
        editor.load_text(text)
        editor.focus()
        editor.move_cursor(editor.document.end, center=True)
        await pilot.pause()
        samples = []
        for _ in range(KEYS):
            started = time.perf_counter()
            editor.insert("a")
            editor.render_lines(Region(0, 0, editor.size.width, editor.size.height))
            samples.append(time.perf_counter() - started)
        app.exit()
    return statistics.median(samples) * 1000


def marks_alone_ms() -> float:
    """The marks alone: one screen (40 lines) of notes coloured, without the editor around them."""
    lines = [NOTE.format(kind=KINDS[i % len(KINDS)]) for i in range(40)]
    return median_ms(lambda: [mark_note_line(Text(line)) for line in lines], runs=200)


def link_for(seconds: float) -> str:
    return f"https://youtu.be/VMj-3S1tku0?t={int(seconds)}"


def stamps_ms(lines: int) -> tuple[float, float]:
    """Short stamps on load, links back on save: whole-document work, once a save (not a key)."""
    text = notes(lines)
    short = compact_stamps(text, link_for)
    return (median_ms(lambda: compact_stamps(text, link_for), runs=20),
            median_ms(lambda: expand_stamps(short, link_for), runs=20))


async def main() -> None:
    print(f"marks alone, 40 visible lines: {marks_alone_ms():.3f} ms")
    for lines in (2_000, 10_000):
        shorten, lengthen = stamps_ms(lines)
        print(f"{lines:>6} lines: short stamps on load {shorten:.2f} ms, links back on save {lengthen:.2f} ms")
    print(f"{'lines':>6} {'TextArea (anchor)':>18} {'notes editor':>13} {'ratio':>6}")
    for lines in (2_000, 10_000):
        text = notes(lines)
        anchors, ours_runs = [], []
        for _ in range(ROUNDS):  # alternated: a busy machine slows both alike
            anchors.append(await per_key_ms(TextArea(soft_wrap=True), text))
            ours_runs.append(await per_key_ms(NotesEditor(soft_wrap=True), text))
        anchor, ours = min(anchors), min(ours_runs)
        print(f"{lines:>6} {anchor:>15.3f} ms {ours:>10.3f} ms {ours / anchor:>5.2f}x")


if __name__ == "__main__":
    asyncio.run(main())
