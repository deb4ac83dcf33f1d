"""A cell wide enough for real code, measured on the screen as drawn: an 80-character line whole at
160 columns (60 with the transcript beside it), echoed code that wraps under its own indentation,
and text written while the code pane was hidden wrapped at the pane's width once it shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region

from studytui.config import Settings
from studytui.ui.app import StudyApp
from tests.ui.test_app import screen_text
from tests.ui.test_exercises import exercise_node
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)

DIGITS = "print(''.join(str(i % 10) for i in range({n})))"


def make_app(lessons_dir: Path, notes_dir: Path) -> StudyApp:
    return StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir, start_pass=2))


def pane_rows(app: StudyApp) -> list[str]:
    """The rows the code pane's log draws on the screen now, cell by cell, from its first column of text
    (after its padding)."""
    log = app.study_screen.code.log_widget
    width, height = log.outer_size
    return [strip.text[1:] for strip in log.render_lines(Region(0, 0, width, height))]


async def run(app: StudyApp, pilot, code: str) -> None:
    await pilot.press("f4")
    app.study_screen.code.input_widget.load_text(code)
    await pilot.press("ctrl+r")


async def test_at_160_columns_an_80_character_line_shows_whole_and_60_beside_the_transcript(
    lessons_dir, notes_dir
):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=(160, 45)) as pilot:
        await run(app, pilot, "for i in range(60): print(i)")  # a log taller than the pane: its scrollbar shows
        await until(lambda: app.study_screen.code.log_widget.show_vertical_scrollbar, 10, "the scrollbar")
        await run(app, pilot, DIGITS.format(n=80))
        line = "0123456789" * 8
        await until(lambda: any(line in row for row in pane_rows(app)), 10, "an 80-character line whole")
        assert any(line in row for row in screen_text(app).splitlines()), "on the screen as drawn"
        assert app.study_screen.outline.region.width, "beside the outline and the notes"

        await pilot.press("f8")  # the transcript beside: the outline steps aside, the code keeps 60
        await pilot.pause()
        await run(app, pilot, DIGITS.format(n=60))
        line = "0123456789" * 6
        await until(lambda: any(line in row for row in pane_rows(app)), 10, "a 60-character line whole")
        assert not app.study_screen.outline.region.width
        assert min(app.study_screen.notes.region.width, app.study_screen.transcript.region.width) >= 40
        await app.action_quit()


LONG_LINE = """\
def product(self, other):
    if other is not None:
        out = Value(self.data * other.data, (self, other), '*') + Value(self.data, (self,), 'x')
    return out"""


async def test_echoed_code_that_wraps_keeps_its_indentation(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await run(app, pilot, LONG_LINE)
        await until(lambda: any("return out" in row for row in pane_rows(app)), 10, "the cell echoed")
        rows = pane_rows(app)
        echo = next(index for index, row in enumerate(rows) if "def product" in row)
        prompt = rows[echo].index("def product")  # "In [n]: " and "   ...: " are as wide
        start = next(index for index, row in enumerate(rows) if "out = Value(self.data" in row)
        assert rows[start].startswith(" " * (prompt - 5) + "...:         out = Value(self.data"), rows[start]
        wrapped = rows[start + 1]
        assert wrapped.startswith(" " * (prompt + 8)) and wrapped[prompt + 8] != " ", f"a hanging indent: {wrapped!r}"
        assert "...:" in rows[start + 2] and "return out" in rows[start + 2], "the next line has its prompt"
        await app.action_quit()


LESSON = """\
---
id: ex-lesson
title: Hint lesson
course: Practice
duration: "10:00"
---
## 00:00 Adding

::: exercise add-one Add one
Write `add_one(x)`.

> hint: The plus operator adds two numbers, and one of them is the constant one in this exercise.

```python check
assert add_one(1) == 2
```
:::
"""


async def test_a_hint_written_while_the_code_pane_is_hidden_wraps_at_its_width_when_shown(tmp_path):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "01-hint.md").write_text(LESSON, encoding="utf-8")
    app = make_app(lessons, tmp_path / "notes")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")  # the code pane has been shown once
        await pilot.pause()
        outline = app.study_screen.outline
        outline.focus()  # one pane at a time: the outline in front, the code pane hidden
        node = exercise_node(app, "add-one").parent
        node.expand()
        await pilot.pause()
        outline.select_node(exercise_node(app, "add-one"))
        await pilot.press("f6")
        await pilot.pause()
        assert not app.study_screen.code.region.width, "written while hidden"
        await pilot.press("f4")
        await until(lambda: any("hint 1/1" in row for row in pane_rows(app)), 10, "the hint shown")
        rows = pane_rows(app)
        first = next(index for index, row in enumerate(rows) if "hint 1/1" in row)
        assert len(rows[first].rstrip()) > 60, f"wrapped at the pane's width: {rows[first:first + 3]}"
        assert "one in this exercise." in " ".join(rows[first : first + 2])
        await app.action_quit()
