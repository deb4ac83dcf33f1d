"""The transcript pane, search, quotes and the own-words marks, on the screen (Pilot, real files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from studytui.config import Settings
from studytui.ui.app import StudyApp
from studytui.ui.transcript import TranscriptPane
from studytui.ui.transcript.search_screen import TranscriptSearchScreen
from tests.subtitles import lesson_with_transcript, write_srt
from tests.ui.test_app import SIZE, header_text, screen_text, widget_text
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)


def make_app(lessons_dir: Path, notes_dir: Path, **options) -> StudyApp:
    return StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir, **options))


def pane_text(app: StudyApp) -> str:
    cues = app.query_one(TranscriptPane).cue_list
    return "\n".join(str(cues.get_option_at_index(i).prompt) for i in range(cues.option_count))


async def quit_settled(app: StudyApp) -> None:
    """Quit once the kernel has started: a kernel state arriving while the screen closes is not under test."""
    await until(lambda: "kernel: idle" in header_text(app), 40, "the kernel ready")
    await app.action_quit()


def loaded(app: StudyApp) -> bool:
    return app.study_screen.transcript.loaded is not None and app.study_screen.transcript.loaded.transcript is not None


async def test_f8_shows_the_cue_at_the_clock_follows_it_and_enter_seeks(lessons_dir, notes_dir):
    lesson_with_transcript(lessons_dir)
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: loaded(app), 20, "the transcript read")
        app.session.clock.seek(16)
        await pilot.press("f8")
        pane = app.query_one(TranscriptPane)
        assert pane.display and pane.search_field.has_focus
        await until(lambda: "▶   00:15  if you nudge the input" in pane_text(app), 5, "the current cue marked")
        app.session.clock.seek(28)
        await until(lambda: "▶   00:27  now broadcasting" in pane_text(app), 5, "the pane following the clock")
        assert "▶   00:15" not in pane_text(app)
        await pilot.press("up", "up", "enter")
        await until(lambda: int(app.session.clock.position) == 15, 5, "the clock moved to the cue")
        assert "0:00:15" in header_text(app)
        await pilot.press("f8")
        assert not pane.display
        await quit_settled(app)



async def test_typing_in_the_pane_searches_this_lesson_and_enter_goes_there(lessons_dir, notes_dir):
    lesson_with_transcript(lessons_dir)
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: loaded(app), 20, "the transcript read")
        await pilot.press("f8", *"broadc")
        await until(lambda: "1 match for 'broadc'" in screen_text(app), 5, "the match count")
        assert "00:27" in pane_text(app) and "welcome" not in pane_text(app)
        await pilot.press("enter")
        await until(lambda: int(app.session.clock.position) == 27, 5, "the clock at the match")
        await quit_settled(app)



async def test_search_across_lessons_opens_the_other_lesson_at_the_moment(lessons_dir, notes_dir):
    lesson_with_transcript(lessons_dir)
    (notes_dir / "transcripts").mkdir(parents=True)
    bigrams = [(0.0, "counting pairs of letters"), (765.0, "broadcasting the counts into a table")]
    write_srt(notes_dir / "transcripts" / "sample-bigrams.srt", bigrams)
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: app.study_screen.transcript.index.lesson_ids == {"sample-micrograd", "sample-bigrams"}, 20,
                    "both lessons indexed")
        app.study_screen.action_search_transcripts()
        await until(lambda: isinstance(app.screen, TranscriptSearchScreen), 5, "the search screen")
        await pilot.press(*"broadcasting")
        await until(lambda: "2 matches in 2 lessons" in screen_text(app), 5, "matches in both lessons")
        assert screen_text(app).index("Sample micrograd  00:27") < screen_text(app).index("Sample bigrams  12:45")
        await pilot.press("down", "enter")
        await until(lambda: app.session.lesson is not None and app.session.lesson.id == "sample-bigrams", 5,
                    "the other lesson")
        await until(lambda: int(app.session.clock.position) == 765, 5, "the clock at the moment")
        await quit_settled(app)



async def test_quote_key_inserts_the_current_cue_as_a_quotation(lessons_dir, notes_dir):
    lesson_with_transcript(lessons_dir)
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: loaded(app), 20, "the transcript read")
        app.session.clock.seek(22)
        await pilot.press("alt+q")
        notes_file = notes_dir / "sample-micrograd.md"
        await until(lambda: notes_file.exists() and "> [00:21]" in notes_file.read_text(), 5, "the quote on disk")
        link = "https://youtu.be/VMj-3S1tku0?t=21"  # linked to the video like every other stamp
        assert f'> [00:21]({link}) "and the ratio of the two nudges is the slope"' in notes_file.read_text()
        shown = app.study_screen.notes.editor.text
        assert '> [00:21] "and the ratio of the two nudges is the slope"' in shown, "short on screen"
        await pilot.pause()
        assert "copied from the lecture" not in screen_text(app), "a quote is no copy"
        await quit_settled(app)



def copied_mark(app: StudyApp) -> str:
    """The notes pane's line about copied notes as drawn, its wrapped rows joined."""
    return widget_text(app.study_screen.notes.query_one("#notes-copied"))


async def test_a_copied_note_is_marked_and_the_mark_goes_when_rewritten(lessons_dir, notes_dir):
    lesson_with_transcript(lessons_dir)
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: loaded(app), 20, "the transcript read")
        app.session.clock.seek(10)
        await pilot.press("ctrl+n", *"first we look at what a derivative really measures")
        await until(lambda: "⚠ line 5: copied from the lecture at 00:09" in copied_mark(app), 5, "the copied mark")
        assert "⚠  - [00:10]" in screen_text(app), "the gutter marks the note's line"
        await until(lambda: app.study_log.lesson_stats("sample-micrograd").notes == 1, 5, "the note saved and counted")
        assert app.study_log.lesson_stats("sample-micrograd").notes_flagged == 1
        await pilot.press("ctrl+f")
        await until(lambda: "⚠ copied from the lecture at 00:09" in screen_text(app), 5, "the mark in the preview")
        await pilot.press("ctrl+f")
        app.study_screen.action_study_stats()
        await until(lambda: "own words" in screen_text(app), 5, "the statistics")
        await until(lambda: "0%" in screen_text(app), 5, "no note in the learner's own words yet")
        await pilot.press("escape")
        editor = app.study_screen.notes.editor
        row = editor.cursor_location[0]
        own_words = "- [00:10] a derivative: how much f moves per nudge of x"
        editor.replace(own_words, (row, 0), (row, len(editor.document[row])))
        await until(lambda: "copied from the lecture" not in screen_text(app), 5, "the mark gone")
        await until(lambda: app.study_log.lesson_stats("sample-micrograd").notes_flagged == 0, 5, "count down")
        await quit_settled(app)


async def test_on_a_narrow_screen_the_transcript_takes_the_code_panes_place(lessons_dir, notes_dir):
    lesson_with_transcript(lessons_dir)
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(lambda: loaded(app), 20, "the transcript read")
        await pilot.press("f8")
        pane = app.query_one(TranscriptPane)
        await until(lambda: "micrograd.vtt · 8 lines" in screen_text(app), 5, "the transcript on screen")
        assert pane.display and not app.study_screen.code.display
        await pilot.press("f4")
        await pilot.pause()
        assert app.study_screen.code.display and not pane.display
        assert app.study_screen.code.input_widget.has_focus
        await quit_settled(app)


async def test_pass_one_can_show_the_line_being_spoken_under_the_clock(lessons_dir, notes_dir):
    lesson_with_transcript(lessons_dir)
    app = make_app(lessons_dir, notes_dir, start_pass=1, transcript_in_pass_1=True)
    async with app.run_test(size=SIZE):
        await until(lambda: loaded(app), 20, "the transcript read")
        app.session.clock.seek(22)
        await until(lambda: "and the ratio of the two nudges is the slope" in screen_text(app), 5, "the caption")
        assert not app.query_one(TranscriptPane).display
        await quit_settled(app)


async def test_a_broken_transcript_is_reported_with_its_line_and_the_lesson_still_works(lessons_dir, notes_dir):
    lesson_with_transcript(lessons_dir)
    (lessons_dir / "micrograd.vtt").write_text("WEBVTT\n\n", encoding="utf-8")
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: app.study_screen.transcript.loaded is not None, 20, "the transcript tried")
        no_cues = f"{lessons_dir / 'micrograd.vtt'}:1: transcript has no cues"
        assert any(no_cues in n.message for n in app._notifications)
        await pilot.press("f8")
        await until(lambda: "could not be read" in screen_text(app), 5, "the pane says so")
        await pilot.press("f3", "ctrl+n", *"still works")
        await until(lambda: "still works" in app.study_screen.notes.editor.text, 5, "notes still work")
        await quit_settled(app)


async def test_f1_help_and_the_palette_list_the_transcript_actions(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Transcript: show it and search it", "Quote the lecture's current line",
                      "Search the transcripts of every lesson"):
            assert any(t.startswith(title) for t in titles), title
        await pilot.press("f1")
        await until(lambda: "Transcript: show it and search it" in screen_text(app), 5, "f8 in the help")
        assert "alt+q" in screen_text(app)
        await pilot.press("escape")
        await quit_settled(app)


async def test_in_the_pane_the_quote_key_and_enter_use_the_line_under_the_cursor(lessons_dir, notes_dir):
    lesson_with_transcript(lessons_dir)
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: loaded(app), 20, "the transcript read")
        app.session.clock.seek(34)
        await pilot.press("f8")
        await until(lambda: "▶   00:33" in pane_text(app), 5, "the current cue")
        await pilot.press("up", "alt+q")
        notes_file = notes_dir / "sample-micrograd.md"
        await until(lambda: notes_file.exists() and "> [00:27](" in notes_file.read_text(), 5, "the quote on disk")
        assert app.query_one(TranscriptPane).has_focus_within, "quoting leaves the learner in the pane"
        await pilot.press("tab", "up", "enter")  # into the list itself: Enter on a cue seeks there
        await until(lambda: int(app.session.clock.position) == 21, 5, "the clock at the cue")
        await quit_settled(app)
