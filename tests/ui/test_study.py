"""The method in the app: passes, bookmarks, revisit, stamps, preview, pastes, reloads, the study log."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import OptionList

from studytui.config import Settings
from studytui.core.notes import NotesJournal
from studytui.core.study import StudyLog
from studytui.ui.app import StudyApp
from studytui.ui.code.code_pane import CodePane
from studytui.ui.notes.notes_pane import NotesPane
from studytui.ui.notes.revisit import RevisitScreen
from studytui.ui.screens.confirm import ConfirmScreen
from studytui.ui.study.watch_view import WatchView
from tests.ui.test_app import SIZE, header_text, screen_text
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)


def make_app(lessons_dir: Path, notes_dir: Path, **options) -> StudyApp:
    return StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir, **options))


def notes_on_disk(notes_dir: Path) -> str:
    path = notes_dir / "sample-micrograd.md"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def notified(app: StudyApp, text: str) -> bool:
    """A toast with `text` is on screen (toasts wrap, so read their messages)."""
    return any(text in notification.message for notification in app._notifications)


async def quit_app(app: StudyApp, pilot) -> None:
    await app.action_quit()
    await pilot.pause()


async def test_pass_one_is_for_watching_and_ctrl_n_only_bookmarks(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir, start_pass=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.query_one(WatchView).display
        assert not app.query_one(NotesPane).display and not app.query_one(CodePane).display
        app.session.clock.seek(8 * 60 + 30)
        await pilot.press("ctrl+t")
        await until(lambda: "derivative of a simple function" in screen_text(app), 3, "chapter in progress")
        assert "pass 1: watch" in header_text(app)
        await pilot.press("ctrl+n")
        assert app.session.clock.playing, "a bookmark does not pause the video in pass 1"
        await until(lambda: "(bookmark)" in notes_on_disk(notes_dir), 2, "bookmark on disk")
        assert "- [08:3" in notes_on_disk(notes_dir)
        assert notified(app, "Pass 1 is for watching")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.query_one(NotesPane).display and app.query_one(CodePane).display
        assert not app.query_one(WatchView).display
        assert "pass 2: study" in header_text(app)
        await quit_app(app, pilot)
    assert StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir)).study_state.pass_of(
        "sample-micrograd"
    ) == 2


async def test_reaching_the_end_of_pass_one_offers_pass_two(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir, start_pass=1)
    async with app.run_test(size=SIZE) as pilot:
        app.session.clock.seek(app.session.lesson.duration - 1.5)
        await pilot.press("ctrl+t")  # played through the end, not jumped there
        await until(lambda: isinstance(app.screen, ConfirmScreen), 5, "the offer of pass 2")
        await pilot.press("y")
        await until(lambda: app.study_screen.study.current_pass() == 2, 2, "pass 2")
        assert app.session.clock.position < 1
        assert app.study_log.passes_done("sample-micrograd") == {1}
        labels = [node.label.plain for node in app.study_screen.outline.root.children[0].children]
        assert any(label.startswith("✓1 Sample micrograd") for label in labels), "pass marks come first"
        await quit_app(app, pilot)


async def test_revisit_list_and_stamp_under_cursor_move_the_clock(lessons_dir, notes_dir):
    notes_dir.mkdir(exist_ok=True)
    (notes_dir / "sample-micrograd.md").write_text(
        "# Sample micrograd\n\n## 08:08 derivative\n\n- [09:00] plain note\n- [10:00] ? why nudge by h\n"
        "- [11:00] (bookmark)\n",
        encoding="utf-8",
    )
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+l")
        await until(lambda: isinstance(app.screen, RevisitScreen), 2, "revisit list")
        options = app.screen.query_one(OptionList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert len(shown) == 2
        assert "? why nudge by h" in shown[0] and "(bookmark)" in shown[1]
        await pilot.press("down", "enter")
        await until(lambda: app.session.clock.position == 660, 2, "clock at the bookmark")
        app.study_screen.notes.editor.move_cursor((4, 3))
        await pilot.press("ctrl+g")
        assert app.session.clock.position == 540
        await quit_app(app, pilot)


async def test_preview_renders_kinds_and_enter_on_a_stamp_seeks(lessons_dir, notes_dir):
    notes_dir.mkdir(exist_ok=True)
    (notes_dir / "sample-micrograd.md").write_text(
        "# Sample micrograd\n\n## 19:09 the Value object\n\n- [20:00] **bold** words\n"
        "- [21:00] ! grads accumulate\n- [22:00] ~ removed the +=: wrong grads\n",
        encoding="utf-8",
    )
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert app.study_screen.notes.previewing and not app.study_screen.notes.editor.display
        shown = screen_text(app)
        assert "observation" in shown and "experiment" in shown and "**bold**" not in shown
        await pilot.press("down", "down", "enter")
        await until(lambda: app.session.clock.position == 21 * 60, 2, "clock at 21:00")
        await pilot.press("ctrl+f")
        assert app.study_screen.notes.editor.display
        await quit_app(app, pilot)


async def test_pastes_are_refused_with_a_reason_and_counted(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        code_input = app.study_screen.code.input_widget
        await pilot.press("f4")
        app.post_message(events.Paste("print('pasted')"))  # as the terminal delivers it
        await until(lambda: notified(app, "Type it yourself"), 2, "the refusal")
        assert code_input.text == ""
        editor = app.study_screen.notes.editor
        await pilot.press("f3")
        app.post_message(events.Paste("https://example.org/short-url"))
        await until(lambda: "short-url" in editor.text, 2, "a short paste accepted in notes")
        app.post_message(events.Paste("x" * 500))
        await pilot.pause()
        assert "x" * 500 not in editor.text
        await quit_app(app, pilot)
    log = StudyLog(notes_dir / ".studytui" / "study-log.sqlite")
    assert log.lesson_stats("sample-micrograd").pastes_refused == 2


async def test_pastes_allowed_when_the_options_say_so(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir, refuse_paste_code=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        app.post_message(events.Paste("print('pasted')"))
        await until(lambda: app.study_screen.code.input_widget.text == "print('pasted')", 2, "paste accepted")
        await quit_app(app, pilot)


async def test_clean_notes_follow_the_file_when_another_program_changes_it(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n", *"mine")
        notes_file = notes_dir / "sample-micrograd.md"
        await until(lambda: "mine" in notes_on_disk(notes_dir), 2, "first save")
        notes_file.write_text("# Sample micrograd\n\n- [00:01] edited in another editor\n", encoding="utf-8")
        await until(lambda: "edited in another editor" in app.study_screen.notes.editor.text, 2, "reload in place")
        assert "mine" not in app.study_screen.notes.editor.text
        assert not list(notes_dir.glob("*.from-disk-*")), "a clean buffer reloads; nothing to keep aside"
        await quit_app(app, pilot)


async def test_unsaved_text_in_the_journal_is_recovered(lessons_dir, notes_dir):
    journal = NotesJournal(notes_dir / ".studytui" / "unsaved", "sample-micrograd")
    journal.write("# Sample micrograd\n\n- [00:05] typed just before a crash\n", base=None)
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        assert "typed just before a crash" in app.study_screen.notes.editor.text
        await until(lambda: "typed just before a crash" in notes_on_disk(notes_dir), 2, "recovered text saved")
        await until(lambda: not journal.path.exists(), 2, "journal cleared after the save")
        assert not list(notes_dir.glob("*.from-disk-*")), "no file then, none now: nothing to keep aside"
        await quit_app(app, pilot)


async def test_note_options_no_pause_and_stamp_offset(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir, pause_on_note=False, stamp_offset=5)
    async with app.run_test(size=SIZE) as pilot:
        app.session.clock.seek(100)
        await pilot.press("ctrl+n", *"five back")
        await until(lambda: "- [01:35" in notes_on_disk(notes_dir), 2, "stamp 5 s back")
        await pilot.press("ctrl+t", "ctrl+n")
        assert app.session.clock.playing, "pause_on_note = false: the lesson keeps playing"
        await quit_app(app, pilot)


async def test_study_log_after_a_scripted_session(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n", *"one", "ctrl+n", *"two")
        await pilot.press("f4", *"x = 1", "enter", *"x + 1", "enter")
        log = app.study_screen.code.log_widget
        await until(lambda: "Out[2]" in "\n".join(str(s.text) for s in log.lines), 30, "2 cells")
        await until(lambda: notes_on_disk(notes_dir).count("- [") == 2, 2, "two notes saved")
        await quit_app(app, pilot)
    stats = StudyLog(notes_dir / ".studytui" / "study-log.sqlite").lesson_stats("sample-micrograd")
    assert (stats.notes, stats.cells, stats.pastes_refused) == (2, 2, 0)
    assert stats.study_seconds > 0 and stats.watch_seconds == 0


async def test_stats_screen_shows_the_figures(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.study_log.add_time("sample-micrograd", 2, 3600, 14400)
        app.study_log.set_count("sample-micrograd", "notes", 44)
        await pilot.press("ctrl+p", *"Study statistics", "enter")
        await until(lambda: "2.06x" in screen_text(app), 3, "the stats table")
        shown = screen_text(app)
        assert "days in a row: 1" in shown
        assert "Sample micrograd" in shown and "2.06x" in shown  # 5 h over 2:25:52
        assert "0.30" in shown, [line for line in shown.split("\n") if "micrograd" in line]
        await pilot.press("escape")
        await quit_app(app, pilot)


async def test_config_problems_are_shown_at_start(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir, config_problems=("config.toml:2: pause_on_note: bad",))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert notified(app, "config.toml:2: pause_on_note: bad")
        await quit_app(app, pilot)


async def test_keys_can_be_remapped(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir, keymap={"toggle_clock": "f12"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f12")
        assert app.session.clock.playing
        await pilot.press("f12")
        assert not app.session.clock.playing
        await quit_app(app, pilot)


async def test_an_approximate_duration_is_shown_as_such_and_does_not_stop_the_clock(tmp_path, notes_dir):
    lessons = tmp_path / "approx"
    lessons.mkdir()
    (lessons / "a.md").write_text(
        "---\ntitle: Approx\ncourse: C\nduration: \"~10:00\"\n---\n## 00:00 start\nText.\n", encoding="utf-8"
    )
    app = make_app(lessons, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "0:00:00 / ~0:10:00" in header_text(app)
        app.session.clock.seek(11 * 60)
        await pilot.pause()
        assert app.session.clock.position == 11 * 60, "the clock goes past an unverified duration"
        assert not isinstance(app.screen, ConfirmScreen)
        assert app.study_log.passes_done(app.session.lesson.id) == frozenset()
        await quit_app(app, pilot)


async def test_only_playing_through_the_end_finishes_a_pass(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        end = app.session.lesson.duration
        app.session.clock.seek(end)  # a jump to the end, paused: nothing was watched
        await pilot.pause()
        app.session.clock.play()
        study = app.study_screen.study
        await until(lambda: app.study_log is not None and study._last_look[1] >= end - 0.5, 3, "a look at the end")
        await pilot.pause()
        assert app.study_log.passes_done(app.session.lesson.id) == frozenset(), "jumping to the end is not watching it"
        app.session.clock.pause()
        await quit_app(app, pilot)

    again = make_app(lessons_dir, notes_dir)  # reopened at the end: still nothing watched
    async with again.run_test(size=SIZE) as pilot:
        assert again.session.clock.position >= end - 0.5
        again.session.clock.play()
        await until(lambda: again.study_screen.study._last_look[1] >= end - 0.5, 3, "a look at the end")
        await pilot.pause()
        assert again.study_log.passes_done(again.session.lesson.id) == frozenset()
        again.session.clock.seek(end - 1.2)
        again.session.clock.play()
        lesson_id = again.session.lesson.id
        await until(lambda: again.study_log.passes_done(lesson_id) == {2}, 5, "pass 2 finished by playing")
        await quit_app(again, pilot)


async def test_stats_fit_80_columns_current_course_first_exercises_passed_of_total(tmp_path):
    from studytui.config import bundled_lessons_dir
    from studytui.ui.study.stats import StatsScreen

    app = StudyApp(Settings(lessons_dir=bundled_lessons_dir(), notes_dir=tmp_path / "notes"))
    async with app.run_test(size=(80, 24)) as pilot:
        linear_algebra = next(c for c in app.session.library.courses() if c.id == "essence-of-linear-algebra")
        app.session.open_lesson(linear_algebra.lessons[0])
        course = next(c for c in app.session.library.courses() if app.session.lesson in c.lessons)
        micrograd = app.session.library.find("zth-01-micrograd")
        first = micrograd.exercises[0].id
        app.study_log.record_exercise(micrograd.id, first, True)
        app.study_log.record_exercise(micrograd.id, micrograd.exercises[1].id, False)
        await app.study_screen.run_action("study_stats")
        await until(lambda: isinstance(app.screen, StatsScreen), 3, "the statistics")
        await until(lambda: "notes/min" in screen_text(app), 3, "the table")
        table = app.screen.query_one("#stats-table")
        await until(lambda: table.virtual_size.width > 0 and "0:25:00" in screen_text(app), 3, "the rows laid out")
        assert table.virtual_size.width <= table.size.width, "no column beyond 80 columns"
        shown = screen_text(app)
        course_rows = [row for row in shown.split("\n") if "▶ " in row or "▼ " in row]
        assert f"▼ {course.title[:14]}" in course_rows[0], course_rows
        assert all("▶ " in row for row in course_rows[1:]), "the other courses are folded"

        zth = next(c for c in app.session.library.courses() if micrograd in c.lessons)
        table.move_cursor(row=table.get_row_index(f"course:{zth.title}"))
        await pilot.press("enter")

        def micrograd_row() -> str:
            try:
                return " ".join(str(cell) for cell in table.get_row(f"lesson:{micrograd.id}"))
            except Exception:  # not unfolded yet
                return ""

        await until(lambda: f"1/{len(micrograd.exercises)}" in micrograd_row(), 10, "micrograd: passed of all")
        await pilot.press("escape")
        await quit_app(app, pilot)
