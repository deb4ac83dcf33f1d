"""Outside text in the screens Pilot reaches more easily than a terminal: a notebook on disk (anyone's
file) in the earlier cells and the replay picker, and the palette's lesson finder, whose highlight
must not read a title as markup."""

from __future__ import annotations

import json

import pytest
from textual.command import CommandPalette
from textual.widgets import OptionList

from studytui.config import Settings
from studytui.ui.app import StudyApp
from studytui.ui.resume.replay_picker import ReplayPicker
from tests.hostile import HOSTILE_LINE, HOSTILE_LINE_SHOWN, MARKERS, unsafe_characters
from tests.ui.test_app import SIZE, log_text
from tests.ui.test_hostile_ui import drawn
from tests.ui.test_resume import write_notebook
from tests.waiting import until

pytestmark = pytest.mark.timeout(90)


def assert_clean(app: StudyApp, where: str) -> str:
    text = drawn(app)
    assert not unsafe_characters(text), (where, sorted(set(unsafe_characters(text))))
    assert not any(marker in text for marker in MARKERS), f"an OSC payload was drawn ({where})"
    return text


async def test_a_notebooks_cells_are_shown_as_data_and_replayed_as_written(lessons_dir, notes_dir):
    notes_dir.mkdir(parents=True, exist_ok=True)
    line = HOSTILE_LINE.replace("\x00", "")  # Python refuses a NUL in code; every other character is there raw
    write_notebook(notes_dir, [(f'said = "{line}"  # {line}', [], "ok")])
    app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir))
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: "Earlier in this lesson" in log_text(app), what="the earlier cells")
        assert f"# {HOSTILE_LINE_SHOWN}" in " ".join(log_text(app).split())
        assert_clean(app, "the earlier cells")
        await app.study_screen.run_action("replay_cells")
        await until(lambda: isinstance(app.screen, ReplayPicker) and app.screen.query(OptionList), what="the picker")
        picker = app.screen.query_one(OptionList)
        labels = " ".join(str(picker.get_option_at_index(i).prompt) for i in range(picker.option_count))
        assert f'said = "{HOSTILE_LINE_SHOWN}' in labels and not unsafe_characters(labels), labels
        assert not any(marker in labels for marker in MARKERS)
        await pilot.press("enter")
        await until(lambda: "Replay done" in log_text(app), timeout=30, what="the replay")
        await pilot.press("f4")
        app.study_screen.code.input_widget.load_text("print(len(said), said.count(chr(27)))")
        await pilot.press("ctrl+r")
        await until(lambda: f"{len(line)} 4" in log_text(app), timeout=30, what="the code ran as written")
        await app.action_quit()


async def test_the_palette_shows_a_title_as_words_and_runs_no_link_in_it(tmp_path):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    title = "Title [@click=app.quit]quit[/] [b]markup[/b]"
    (lessons / "one.md").write_text(f"---\ntitle: {json.dumps(title)}\ncourse: C\nduration: '10:00'\n---\n")
    app = StudyApp(Settings(lessons_dir=lessons, notes_dir=tmp_path / "notes"))
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: app.session.lesson is not None, what="the lesson open")
        await pilot.press("ctrl+p", *"quit markup")
        await until(lambda: title in drawn(app), what="the title, as written, among the hits")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        for line in app.screen._compositor.render_update(full=True).strips:
            strips = [line] if hasattr(line, "_segments") else list(line)
            for strip in strips:
                for segment in strip:
                    meta = segment.style.meta if segment.style else {}
                    assert "@click" not in meta, f"a link in the title: {segment.text!r} {meta}"
        await app.action_quit()


async def test_a_transcript_path_leading_outside_the_pack_is_refused_in_the_pane(lessons_dir, notes_dir):
    from tests.subtitles import lesson_with_transcript
    from tests.ui.test_app import screen_text

    lesson = lesson_with_transcript(lessons_dir)
    lesson.write_text(lesson.read_text().replace("transcript: micrograd.vtt", "transcript: /proc/self/environ"))
    app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await until(lambda: app.study_screen.transcript.loaded is not None, 20, "the transcript looked for")
        assert app.study_screen.transcript.loaded.transcript is None
        refused = "transcript '/proc/self/environ' leads outside the lessons folder"
        assert any(refused in notice.message for notice in app._notifications)
        await pilot.press("f8")
        status = app.query_one("#transcript-status")
        await until(lambda: "Not read: transcript '/proc/self/environ'" in str(status.render()), 5, "the pane says why")
        assert "HOME=" not in screen_text(app)
        await app.action_quit()
