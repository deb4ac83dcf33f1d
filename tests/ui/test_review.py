"""Reviewing due cards on the screen: f12, space, 1-4, undo, rewatch at the stamp, the outline's marks."""

from __future__ import annotations

from pathlib import Path

import pytest

from studytui.config import Settings
from studytui.core.review import ReviewRecords
from studytui.ui.app import StudyApp
from studytui.ui.review import ReviewScreen
from tests.ui.test_app import SIZE, screen_text, tree_labels
from tests.waiting import until

pytestmark = pytest.mark.timeout(90)

MICROGRAD_NOTES = """\
# Sample micrograd

## 08:08 derivative of a simple function

- [08:10] What does backward() accumulate? :: the gradient
- [08:30] ? why does grad start at 0
  - nothing depends on it yet
- [08:40] ? no answer yet, so no card
"""

BIGRAMS_NOTES = """\
# Sample bigrams

## 12:45 counting in a tensor

- [13:05] How big is the bigram table? :: 27 by 27
"""


def write_cards(notes_dir: Path) -> None:
    notes_dir.mkdir(parents=True, exist_ok=True)
    (notes_dir / "sample-micrograd.md").write_text(MICROGRAD_NOTES, encoding="utf-8")
    (notes_dir / "sample-bigrams.md").write_text(BIGRAMS_NOTES, encoding="utf-8")


def shown(app: StudyApp, text: str) -> bool:
    return isinstance(app.screen, ReviewScreen) and text in screen_text(app)


async def test_review_three_due_cards_grade_undo_and_rewatch_at_the_stamp(lessons_dir, notes_dir):
    write_cards(notes_dir)
    app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir))
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: any("↻2" in label for label in tree_labels(app)), 10, "outline marks due cards")
        assert any("Sample bigrams" in label and "↻1" in label for label in tree_labels(app))
        await pilot.press("f12")
        await until(lambda: shown(app, "3 left in this sitting"), 10, "the review screen")
        assert "What does backward() accumulate?" in screen_text(app)
        assert "the gradient" not in screen_text(app)  # the back waits for space
        await pilot.press("space")
        await until(lambda: "the gradient" in screen_text(app), 5, "the back")
        await pilot.press("3")
        await until(lambda: shown(app, "why does grad start at 0"), 5, "the second card")
        await pilot.press("space", "4")
        await until(lambda: shown(app, "How big is the bigram table?"), 5, "the third card")
        await pilot.press("space", "3")
        await until(lambda: shown(app, "Nothing due"), 5, "no card left")
        assert "due now 0" in screen_text(app)

        # The ids went into the notes: through the editor for the open lesson, atomically for the other.
        open_text = app.study_screen.notes.editor.text
        assert open_text.count(" ^") == 2 and "no card ^" not in open_text
        # Saved: the same ids on disk (the file keeps each stamp's video link, the editor shows it short).
        saved = lambda: (notes_dir / "sample-micrograd.md").read_text(encoding="utf-8")  # noqa: E731
        await until(lambda: saved().count(" ^") == 2 and "no card ^" not in saved(), 5, "saved")
        assert (notes_dir / "sample-bigrams.md").read_text(encoding="utf-8").count(" ^") == 1

        await pilot.press("u")
        await until(lambda: shown(app, "How big is the bigram table?"), 5, "the undone card again")
        assert "due now 1" in screen_text(app)
        await pilot.press("w")
        await until(lambda: not isinstance(app.screen, ReviewScreen), 5, "back to the lesson")
        assert app.session.lesson is not None and app.session.lesson.id == "sample-bigrams"
        assert int(app.session.clock.position) == 13 * 60 + 5
        notes_file = app.study_screen.notes.notes_file
        assert notes_file is not None and notes_file.path.name == "sample-bigrams.md"
        marked = lambda: any("Sample bigrams" in label and "↻1" in label for label in tree_labels(app))  # noqa: E731
        await until(marked, 10, "mark back")
        assert not any("Sample micrograd" in label and "↻" in label for label in tree_labels(app))
        await app.action_quit()


async def test_keys_for_the_lesson_panes_wait_while_reviewing(lessons_dir, notes_dir):
    write_cards(notes_dir)
    app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir, start_in_review=True))
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: shown(app, "3 left in this sitting"), 10, "the review screen at start")
        before = app.study_screen.notes.editor.text
        await pilot.press("ctrl+n", "f2", "f3", "f4", "ctrl+o", "ctrl+l", "f12")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and len(app.screen_stack) == 2
        assert app.focused is None or app.focused.screen is app.screen
        assert app.study_screen.notes.editor.text == before  # no note slipped in behind the review
        await pilot.press("escape")
        await until(lambda: not isinstance(app.screen, ReviewScreen), 5, "the lesson again")
        await pilot.press("f12")
        await until(lambda: shown(app, "3 left in this sitting"), 5, "f12 opens the review")
        await app.action_quit()


async def test_an_answered_question_leaves_the_revisit_list_for_the_review(lessons_dir, notes_dir):
    from textual.widgets import OptionList

    from studytui.ui.notes import RevisitScreen

    write_cards(notes_dir)
    app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+l")
        await until(lambda: isinstance(app.screen, RevisitScreen), 5, "the revisit list")
        options = app.screen.query_one(OptionList)
        listed = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert len(listed) == 1 and "no answer yet, so no card" in listed[0]
        await pilot.press("escape")
        await app.action_quit()


async def test_card_text_is_shown_as_written_never_as_markup(lessons_dir, notes_dir):
    notes_dir.mkdir(parents=True, exist_ok=True)
    (notes_dir / "sample-micrograd.md").write_text(
        "- [00:10] what does [b]grad[/b] hold? :: [red]the slope[/red] \x07\n", encoding="utf-8"
    )
    app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir, start_in_review=True))
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: shown(app, "what does [b]grad[/b] hold?"), 10, "the front, literally")
        await pilot.press("space")
        await until(lambda: "[red]the slope[/red]" in screen_text(app), 5, "the back, literally")
        assert "\x07" not in screen_text(app)
        await app.action_quit()


def shown_lines(app: StudyApp, selector: str) -> list[str]:
    """The lines a widget of the review screen draws, as the terminal shows them."""
    from textual.geometry import Region
    from textual.widgets import Static

    widget = app.screen.query_one(selector, Static)
    width, height = widget.size
    return [strip.text.rstrip() for strip in widget.render_lines(Region(0, 0, width, height))]


async def test_a_code_answer_is_shown_as_code_with_its_indentation(lessons_dir, notes_dir):
    from textual.geometry import Region
    from textual.widgets import Static

    notes_dir.mkdir(parents=True, exist_ok=True)
    (notes_dir / "sample-micrograd.md").write_text(
        "- [00:10] ? how do you step the parameters\n"
        "  ```python\n"
        "  for p in params:\n"
        "      p.data -= lr * p.grad\n"
        "  ```\n",
        encoding="utf-8",
    )
    app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir, start_in_review=True))
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: shown(app, "how do you step the parameters"), 10, "the front")
        await pilot.press("space")
        await until(lambda: any("p.grad" in line for line in shown_lines(app, "#review-back")), 5, "the back")
        lines = [line for line in shown_lines(app, "#review-back") if line.strip()]
        assert lines == ["  for p in params:", "      p.data -= lr * p.grad"]
        assert "```" not in screen_text(app)
        # Highlighted as Python: the keyword `for` in a colour of its own, the names not.
        back = app.screen.query_one("#review-back", Static)
        strips = back.render_lines(Region(0, 0, *back.size))
        colours = {segment.text.strip(): segment.style.color for strip in strips for segment in strip if segment.style}
        assert colours["for"] is not None and colours["for"] != colours["params:"]
        await app.action_quit()


async def test_ids_an_export_queued_while_the_app_held_the_notes_are_written_in_by_the_app(
    lessons_dir, notes_dir, tmp_path
):
    from studytui.cli import main
    from studytui.core.study import WorkspaceLock

    write_cards(notes_dir)
    app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir))
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: "What does backward()" in app.study_screen.notes.editor.text, 10, "the notes open")
        with WorkspaceLock(notes_dir / ".studytui" / "lock"):  # held by the app when it runs from the command line
            out = tmp_path / "deck.apkg"
            command = ["export", "--anki", "-o", str(out), "--lessons", str(lessons_dir), "--notes", str(notes_dir)]
            assert main(command) == 0
        queued = {entry.block_id for entry in ReviewRecords(app.study_log).queued_ids()}
        assert len(queued) == 3  # two notes of the open lesson, one of the other
        micrograd, bigrams = notes_dir / "sample-micrograd.md", notes_dir / "sample-bigrams.md"
        assert micrograd.read_text(encoding="utf-8").count(" ^") == 0

        await pilot.press("f3", "end")
        await pilot.press(*" typed")  # the next save writes them in: the open lesson through the editor
        await until(lambda: micrograd.read_text(encoding="utf-8").count(" ^") == 2, 10, "ids in the open notes")
        assert bigrams.read_text(encoding="utf-8").count(" ^") == 1  # the other lesson's file directly
        written = {
            line.rsplit(" ^", 1)[1]
            for path in (micrograd, bigrams) for line in path.read_text(encoding="utf-8").split("\n") if " ^" in line
        }
        assert written == queued and ReviewRecords(app.study_log).queued_ids() == []
        await until(lambda: "no card typed" in micrograd.read_text(encoding="utf-8"), 10, "the typing saved too")
        await app.action_quit()
