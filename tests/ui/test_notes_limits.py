"""Notes that are not a file, too large, or with a line too long open read-only with the reason;
the app around them keeps working, and nothing is written over them."""

from __future__ import annotations

import os
import stat

import pytest

from studytui.core.notes import LARGEST_NOTES, LONGEST_LINE
from tests.ui.test_app import SIZE
from tests.ui.test_study import make_app, notified, quit_app
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)

LESSON = "sample-micrograd"


async def test_a_fifo_at_the_notes_path_opens_read_only_and_the_app_works(lessons_dir, notes_dir):
    notes_dir.mkdir(parents=True, exist_ok=True)
    path = notes_dir / f"{LESSON}.md"
    os.mkfifo(path)
    app = make_app(lessons_dir, notes_dir)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await until(lambda: notified(app, "it is a FIFO (named pipe), not a file"), 5, "the reason")
            assert app.study_screen.notes.editor.read_only
            await pilot.press("ctrl+n", *"typed")  # refused with a notice, never written
            await until(lambda: notified(app, "The notes are read-only"), 5, "the refusal")
            await quit_app(app, pilot)
    finally:
        try:  # a reader stuck on the FIFO lets go
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass
    assert stat.S_ISFIFO(path.lstat().st_mode)  # still the FIFO: never replaced by a file


@pytest.mark.parametrize(("length", "reason", "cut"), [
    (10_000_000, "it is 9.5 MB, more than the 2 MB studytui edits", "the rest of the file, 7.5 MB, is not shown"),
    (1_000_000, f"line 3 is 1,000,000 characters long, more than the {LONGEST_LINE:,}", "999,000 more characters"),
])
async def test_a_very_long_line_opens_read_only_with_the_reason(lessons_dir, notes_dir, length, reason, cut):
    notes_dir.mkdir(parents=True, exist_ok=True)
    path = notes_dir / f"{LESSON}.md"
    original = "# Sample micrograd\n\n" + "x" * length + "\n- [00:01] after the long line\n"
    path.write_text(original, encoding="utf-8")
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: notified(app, reason), 10, "the reason")
        editor = app.study_screen.notes.editor
        assert editor.read_only and cut in editor.text
        assert max(len(line) for line in editor.text.split("\n")) < LONGEST_LINE
        await pilot.press("f3", *"QQQQQQQ")
        await pilot.pause()
        assert "Q" not in editor.text
        await quit_app(app, pilot)
    assert path.read_text(encoding="utf-8") == original


async def test_a_file_past_the_size_limit_opens_read_only_with_its_start_shown(lessons_dir, notes_dir):
    notes_dir.mkdir(parents=True, exist_ok=True)
    path = notes_dir / f"{LESSON}.md"
    line = "- [00:01] a note in my own words about gradients\n"
    original = "# Sample micrograd\n\n" + line * (LARGEST_NOTES // len(line) + 10)
    path.write_text(original, encoding="utf-8")
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: notified(app, "more than the 2 MB studytui edits"), 10, "the reason")
        assert app.study_screen.notes.editor.read_only and "is not shown]" in app.study_screen.notes.editor.text
        await quit_app(app, pilot)
    assert path.read_text(encoding="utf-8") == original


async def test_a_line_just_under_the_limit_is_edited(lessons_dir, notes_dir):
    notes_dir.mkdir(parents=True, exist_ok=True)
    path = notes_dir / f"{LESSON}.md"
    path.write_text("# Sample micrograd\n\n" + "y" * (LONGEST_LINE - 1) + "\n", encoding="utf-8")
    app = make_app(lessons_dir, notes_dir, start_pass=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n", *"QQQQQQQ")
        await until(lambda: "QQQQQQQ" in path.read_text(encoding="utf-8"), 5, "the keys saved")
        assert not app.study_screen.notes.editor.read_only
        await quit_app(app, pilot)
