"""`studytui add DIR` on a folder of videos made by ffmpeg: natural order, durations and chapters from
ffprobe, a subtitle file beside a video as its transcript; the course plays in the real mpv (headless)
with its transcript following."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from studytui.config import Settings
from studytui.core.lessons import load_library
from studytui.ui.app import StudyApp
from tests.courses import run_studytui
from tests.e2e.terminal import STUDYTUI
from tests.subtitles import write_vtt
from tests.ui.test_app import SIZE
from tests.ui.test_player import wait_for_mpv
from tests.videos import CHAPTERS, HEADLESS, needs_mpv
from tests.waiting import until

pytestmark = pytest.mark.timeout(90)


@pytest.fixture
def video_folder(tmp_path, videos) -> Path:
    folder = tmp_path / "My lectures"
    folder.mkdir()
    shutil.copy(videos.plain, folder / "1 - First steps.mkv")
    write_vtt(folder / "1 - First steps.en.vtt")
    shutil.copy(videos.chaptered, folder / "2 - With chapters.mkv")
    shutil.copy(videos.plain, folder / "10 - Tenth.mkv")
    (folder / "notes.txt").write_text("not a video", encoding="utf-8")
    return folder


def add_folder(folder: Path, notes: Path) -> Path:
    result = run_studytui("add", str(folder), "--notes", str(notes))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[3/3] added     Tenth" in result.stdout
    (course,) = [path for path in (notes / "courses").iterdir() if path.is_dir()]
    return course


def test_a_folder_of_videos_becomes_a_course_in_natural_order(video_folder, tmp_path):
    course = add_folder(video_folder, tmp_path / "notes")
    check = run_studytui("check-lessons", str(course))
    assert check.returncode == 0, check.stdout + check.stderr
    (loaded,) = load_library(course).courses()
    assert loaded.title == "My lectures"
    first, second, tenth = loaded.lessons
    assert [lesson.title for lesson in loaded.lessons] == ["First steps", "With chapters", "Tenth"]
    assert first.video == str(video_folder / "1 - First steps.mkv")
    assert all(lesson.duration == 600 and not lesson.duration_approximate for lesson in loaded.lessons)
    assert [(c.start, c.title) for c in second.chapters] == list(CHAPTERS)
    assert [c.title for c in first.chapters] == ["Start"]
    # The subtitles beside a video are copied into the transcripts folder under the lesson's id,
    # where a transcript may be read from (a lesson never names a file outside its pack).
    assert first.transcript is None and second.transcript is None and tenth.transcript is None
    copied = tmp_path / "notes" / "transcripts" / f"{first.id}.en.vtt"
    assert copied.read_text(encoding="utf-8") == (video_folder / "1 - First steps.en.vtt").read_text(encoding="utf-8")
    assert sorted(path.name for path in copied.parent.iterdir()) == [copied.name]

    again = run_studytui("add", str(video_folder), "--notes", str(tmp_path / "notes"))
    assert "0 added, 0 updated, 3 unchanged" in again.stdout, again.stdout


@needs_mpv
async def test_the_course_plays_in_mpv_with_its_transcript(video_folder, tmp_path):
    notes = tmp_path / "notes"
    course = add_folder(video_folder, notes)
    app = StudyApp(Settings(lessons_dir=tmp_path / "no-lessons", notes_dir=notes, start_pass=2, player="mpv",
                            mpv_args=HEADLESS, courses_dir=notes / "courses"))
    async with app.run_test(size=SIZE) as pilot:
        lesson = load_library(course).lessons[0]
        app.session.open_lesson(app.session.library.find(lesson.id))
        player = await wait_for_mpv(app)
        assert await player._conn.request("get_property", "path") == str(video_folder / "1 - First steps.mkv")
        await until(lambda: app.study_screen.transcript.loaded is not None
                    and app.study_screen.transcript.loaded.transcript is not None, 20, "the transcript read")
        cues = app.study_screen.transcript.loaded.transcript.cues
        assert cues[0].text == "welcome to this lecture on neural networks"
        await pilot.press("ctrl+t")
        await until(lambda: app.session.clock.position > 1, 10, "the video playing")
        await app.action_quit()


def test_ctrl_c_stops_cleanly_keeps_what_is_written_and_the_same_command_goes_on(tmp_path, videos):
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(1, 41):
        os.link(videos.plain, folder / f"{number} - Part {number}.mkv")
    notes = tmp_path / "notes"
    command = [str(STUDYTUI), "add", str(folder), "--notes", str(notes)]
    # ctrl+c as in a terminal: SIGINT at its default, whatever the test run was started with (a
    # shell starting a job in the background ignores SIGINT for it, and a child inherits that).
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               stdin=subprocess.DEVNULL,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert process.stdout is not None
    lines = [process.stdout.readline() for _ in range(3)]  # "Reading ...", then [1/40], [2/40]
    assert lines[2].startswith("[2/40] added"), lines
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, out + err
    assert "Traceback" not in err and "Stopped: what is written stays" in out
    (course,) = [path for path in (notes / "courses").iterdir() if path.is_dir()]
    written = len(list(course.glob("*.md"))) - 1  # course.md
    assert 2 <= written < 40
    assert run_studytui("check-lessons", str(course)).returncode == 0

    again = run_studytui(*command[1:])
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"{40 - written} added, 0 updated, {written} unchanged" in again.stdout
    assert len(list(course.glob("*.md"))) == 41
