"""The method on the screen: passes per lesson, active study time, notes search, note this cell,
the review's intervals, earlier cells with their outputs, titles that tell lessons apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from studytui.config import Settings
from studytui.core.kernel import LessonNotebook
from studytui.core.study import ActiveTime, StudyLog, StudyState
from studytui.ui.app import StudyApp
from studytui.ui.notes.notes_search import NotesSearchScreen
from studytui.ui.review.review_screen import ReviewScreen
from tests.ui.conftest import left_in_pass_two
from tests.ui.test_app import SIZE, log_text, screen_text, tree_labels
from tests.ui.test_study import quit_app
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)

NOTES = ("# Sample micrograd\n\n## 19:09 the Value object\n\n- [19:14] a Value remembers its children\n"
         "- [21:40] grad starts at zero\n")
BIGRAM_NOTES = "# Sample bigrams\n\n## 12:45 counting in a tensor\n\n- [13:20] the tensor of counts is 27 by 27\n"


def make_app(lessons: Path, notes: Path, **options) -> StudyApp:
    return StudyApp(Settings(lessons_dir=lessons, notes_dir=notes, **options))


def stored_passes(notes: Path) -> dict[str, int]:
    log = StudyLog(Settings(lessons_dir=notes, notes_dir=notes).study_log_path)
    try:
        return dict(StudyState.load(log).passes)
    finally:
        log.close()


async def test_a_lesson_never_opened_opens_in_pass_1_and_then_in_the_pass_it_was_left_in(lessons_dir, tmp_path):
    notes = tmp_path / "fresh-notes"
    app = make_app(lessons_dir, notes)
    async with app.run_test(size=SIZE) as pilot:
        assert app.study_screen.study.current_pass() == 1 and "pass 1" in screen_text(app)
        await pilot.press("ctrl+o")  # micrograd to pass 2
        await pilot.pause()
        app.session.open_lesson(app.session.find("sample-bigrams"))  # never opened: pass 1
        await pilot.pause()
        assert app.study_screen.study.current_pass() == 1
        await quit_app(app, pilot)
    assert stored_passes(notes) == {"sample-micrograd": 2, "sample-bigrams": 1}


async def test_a_lesson_opened_in_pass_1_takes_the_focus_out_of_the_hidden_code_cell(lessons_dir, tmp_path):
    """From the code cell of a lesson in pass 2, f10 to a lesson never opened (pass 1: notes and code
    hidden): the keys typed next are not a cell run out of sight."""
    notes = tmp_path / "notes"
    left_in_pass_two(notes, "sample-micrograd")
    app = make_app(lessons_dir, notes)
    async with app.run_test(size=SIZE) as pilot:
        code = app.study_screen.code.input_widget
        await pilot.press("f4")
        assert code.has_focus
        await pilot.press("f10", *"bigrams", "enter", *"print('out of sight')", "enter")
        await until(lambda: app.study_screen.study.current_pass() == 1, what="the lesson in pass 1")
        await pilot.pause()
        assert not code.has_focus and app.study_screen.outline.has_focus_within
        assert "out of sight" not in code.text and "out of sight" not in log_text(app)
        await quit_app(app, pilot)


async def test_pass_at_launch_shows_that_lesson_in_it_and_stores_nothing(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir, start_pass=1)  # both lessons were left in pass 2
    async with app.run_test(size=SIZE) as pilot:
        assert app.session.lesson.id == "sample-micrograd" and app.study_screen.study.current_pass() == 1
        app.session.open_lesson(app.session.find("sample-bigrams"))
        await pilot.pause()
        assert app.study_screen.study.current_pass() == 2, "--pass applies to the lesson opened at launch only"
        app.session.open_lesson(app.session.find("sample-micrograd"))
        await pilot.pause()
        assert app.study_screen.study.current_pass() == 2, "back to it later: the pass it was left in"
        await quit_app(app, pilot)
    assert stored_passes(notes_dir) == {"sample-micrograd": 2, "sample-bigrams": 2}


class Clock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


async def test_idle_time_with_the_clock_paused_is_not_counted(lessons_dir, notes_dir):
    clock = Clock()
    app = make_app(lessons_dir, notes_dir, idle_minutes=5)
    app.session.activity = ActiveTime(300, now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")  # a key at 5000
        clock.now += 3600  # an hour away, the clock paused
        ticked = app.session.activity.tick  # wait for the study's own tick to take the hour

        async def one_tick() -> None:
            seen = []
            app.session.activity.tick = lambda playing: seen.append(1) or ticked(playing)  # type: ignore[method-assign]
            await until(lambda: bool(seen), 10, "a study tick")

        await one_tick()
        app.study_screen.study.flush_study_time()
        stats = app.study_log.lesson_stats("sample-micrograd")
        assert stats.study_paused_seconds == pytest.approx(300), "only the 5 minutes after the key"
        await pilot.press("ctrl+p")
        await pilot.pause()
        app.study_screen.study.show_stats()
        await pilot.pause()
        assert "idle time is not counted" in screen_text(app)


def notes_search_screen(app: StudyApp) -> NotesSearchScreen:
    assert isinstance(app.screen, NotesSearchScreen), f"the screen is {app.screen}"
    return app.screen


async def test_alt_f_finds_a_note_and_enter_goes_there_with_the_clock(lessons_dir, notes_dir):
    notes_dir.mkdir(exist_ok=True)
    (notes_dir / "sample-micrograd.md").write_text(NOTES, encoding="utf-8")
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4", "alt+f", *"grad", "enter")  # one burst: the keys after alt+f are the search's
        await until(lambda: app.screen is app.study_screen, 10, "the search gone to its hit")
        notes = app.study_screen.notes
        assert notes.cursor_row == 5 and app.focused is notes.editor
        assert app.session.clock.position == pytest.approx(21 * 60 + 40)
        assert notes.text == NOTES, "nothing typed landed in the notes"


async def test_a_search_with_no_hit_says_so_and_what_follows_stays_in_the_search(lessons_dir, notes_dir):
    notes_dir.mkdir(exist_ok=True)
    (notes_dir / "sample-micrograd.md").write_text(NOTES, encoding="utf-8")
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        code_cell = app.study_screen.code.input_widget
        await pilot.press("f4", "alt+f", *"zebra", "enter", *"qq", "enter")
        await pilot.pause()
        screen = notes_search_screen(app)
        assert screen.query_one(Input).value == "zebraqq"
        assert "No note has" in screen_text(app)
        await pilot.press("escape", *"x = 1")
        await pilot.pause()
        assert app.focused is code_cell and code_cell.text == "x = 1", "the focus back where it was"
        assert app.study_screen.notes.text == NOTES


async def test_the_palette_searches_every_lessons_notes_and_opens_the_lesson_at_the_note(lessons_dir, notes_dir):
    notes_dir.mkdir(exist_ok=True)
    (notes_dir / "sample-micrograd.md").write_text(NOTES, encoding="utf-8")
    (notes_dir / "sample-bigrams.md").write_text(BIGRAM_NOTES, encoding="utf-8")
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await app.study_screen.run_action("search_all_notes")
        await pilot.pause()
        await pilot.press(*"27 tensor")
        await pilot.pause()
        assert "Sample bigrams" in screen_text(app) and "13:20" in screen_text(app)
        await pilot.press("enter")
        await until(lambda: app.session.lesson.id == "sample-bigrams", 10, "the lesson of the hit opened")
        assert app.session.clock.position == pytest.approx(13 * 60 + 20)
        assert app.study_screen.notes.cursor_row == 4


async def test_note_this_cell_puts_the_last_cell_and_its_output_under_a_stamped_note(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.session.seek(19 * 60 + 30)
        await pilot.press("f4", *"print('hi' * 2)", "enter")
        await until(lambda: "hihi" in log_text(app), 10, "the cell's output")
        await pilot.press("alt+n", *"repeats")
        await pilot.pause()
        text = app.study_screen.notes.text
        assert "- [19:30] repeats\n  ```python\n  print('hi' * 2)\n  ```\n  ```text\n  hihi\n  ```" in text
        assert "## 19:09 the Value object" in text, "filed under its chapter"


async def test_the_grade_keys_show_their_next_interval(lessons_dir, notes_dir):
    notes_dir.mkdir(exist_ok=True)
    (notes_dir / "sample-micrograd.md").write_text("# S\n\n- [1:00] backprop :: the chain rule\n", encoding="utf-8")
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: any(label.startswith("↻1 ") for label in tree_labels(app)), 10, "due mark before the title")
        await pilot.press("f12")
        await until(lambda: isinstance(app.screen, ReviewScreen), 10, "the review")
        await pilot.press("space")
        await pilot.pause()
        hint = str(app.screen.query_one("#review-hint").render())
        assert "1 again <1m" in hint and "2 hard <6m" in hint and "3 good <10m" in hint and "4 easy 8d" in hint


async def test_reopening_a_lesson_shows_its_earlier_cells_with_their_outputs(lessons_dir, notes_dir):
    notes_dir.mkdir(exist_ok=True)
    notebook = LessonNotebook(notes_dir / "sample-micrograd.ipynb")
    notebook.append("print('from before')", [{"output_type": "stream", "name": "stdout", "text": "from before\n"}],
                    3, 60.0, "ok")
    notebook.append("1 / 0", [{"output_type": "error", "ename": "ZeroDivisionError", "evalue": "division by zero",
                               "traceback": []}], 4, 90.0, "error")
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: "ZeroDivisionError: division by zero" in log_text(app), 10, "the earlier outputs")
        log = log_text(app)
        assert "━━ Sample micrograd ━━" in log
        assert log.index("In [3]: print('from before')") < log.index("\nfrom before") < log.index("In [4]: 1 / 0")
        app.session.open_lesson(app.session.find("sample-bigrams"))
        await until(lambda: "━━ Sample bigrams ━━" in log_text(app), 10, "a separator with the new lesson's title")
        await pilot.pause()


async def test_outline_and_statistics_titles_show_what_tells_them_apart(tmp_path, notes_dir):
    lessons = tmp_path / "alike"
    lessons.mkdir()
    for part, name in ((2, "MLP"), (3, "Activations & Gradients, BatchNorm"), (4, "Becoming a Backprop Ninja")):
        (lessons / f"{part}.md").write_text(
            f"---\nid: part-{part}\ntitle: \"Building makemore Part {part}: {name}\"\ncourse: Alike\n"
            f"duration: \"1:00:00\"\norder: {part}\n---\n## 00:00 Start\n", encoding="utf-8")
    app = make_app(lessons, notes_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        rows = [line.split("│")[1] for line in screen_text(app).splitlines() if line.count("│") >= 2]
        assert any("…Part 3: Activ" in row for row in rows) and any("…Part 4: Becom" in row for row in rows)
        assert not any("▶ Building makemore P" in row for row in rows), "no row cut to the shared opening"
        app.study_screen.study.show_stats()
        await until(lambda: "…Part 3: Activation" in screen_text(app), 10, "the statistics' distinct titles")

