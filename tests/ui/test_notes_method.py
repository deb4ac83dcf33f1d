"""Notes that teach the method: the kinds in f1 and in the empty notes pane, coloured in the editor,
stamps styled as links with their URL kept in the file, f3 at the end of the last note."""

from __future__ import annotations

import pytest

from studytui.config import Settings
from studytui.ui.app import StudyApp
from studytui.ui.notes.note_marks import LINK_STYLE, STAMP_STYLE
from tests.ui.test_app import SIZE, screen_text, widget_text
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)

NOTES = (
    "# Sample micrograd\n\n## 08:08 derivative\n\n"
    "- [08:30](https://youtu.be/VMj-3S1tku0?t=510) ! slope goes wrong\n"
    "- [09:12] ? why tiny h\n- [10:05] plain words\n- [10:30](https://example.org/other) another video\n\n"
)


def styles_at(app: StudyApp, row: int, column: int) -> str:
    line = app.study_screen.notes.editor.get_line(row)
    return " ".join(str(span.style) for span in line.spans if span.start <= column < span.end)


async def test_empty_notes_teach_the_kinds_and_f1_lists_them(lessons_dir, notes_dir):
    app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir))
    async with app.run_test(size=SIZE) as pilot:
        empty = app.query_one("#notes-empty")
        assert empty.display
        shown = widget_text(empty)  # as drawn: the notes pane wraps it
        for words in ("! grad adds up", "? why does tanh", "~ h=1e-15", "concept in your own words"):
            assert words in shown, words
        await pilot.press("ctrl+n", *"first")
        await until(lambda: not empty.display, what="the guide to step aside after the first note")
        await pilot.press("f1")
        await until(lambda: "observation, something unexpected" in screen_text(app), what="the kinds in f1")
        assert "question to revisit" in screen_text(app) and "experiment" in screen_text(app)
        await pilot.press("escape")
        await app.action_quit()


async def test_kinds_are_coloured_stamps_are_links_and_f3_goes_to_the_last_note(lessons_dir, notes_dir):
    notes_dir.mkdir(parents=True, exist_ok=True)
    (notes_dir / "sample-micrograd.md").write_text(NOTES)
    app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir))
    async with app.run_test(size=SIZE) as pilot:
        assert not app.query_one("#notes-empty").display
        editor = app.study_screen.notes.editor
        assert editor.document.get_line(4) == "- [08:30] ! slope goes wrong", "the stamp is short in the editor"
        assert STAMP_STYLE in styles_at(app, 4, 3), "the stamp looks like a link"
        assert "yellow" in styles_at(app, 4, 20), "an observation is coloured"
        assert "magenta" in styles_at(app, 5, 15), "a question is coloured"
        assert styles_at(app, 6, 12) == "", "a concept stays plain"
        assert editor.document.get_line(7).startswith("- [10:30](https://example.org/other)"), "another link stays"
        assert LINK_STYLE in styles_at(app, 7, 14), "and is dimmed"
        await pilot.press("f4", "f3")
        assert editor.cursor_location == (7, len("- [10:30](https://example.org/other) another video"))
        await pilot.press(*" more")
        saved = notes_dir / "sample-micrograd.md"
        await until(lambda: "another video more" in saved.read_text(), what="saved")
        text = saved.read_text()
        assert "- [08:30](https://youtu.be/VMj-3S1tku0?t=510) ! slope goes wrong" in text, "the file keeps the link"
        assert "- [09:12](https://youtu.be/VMj-3S1tku0?t=552) ? why tiny h" in text, "a short stamp gets it back"
        assert "- [10:30](https://example.org/other) another video more" in text
        await app.action_quit()
