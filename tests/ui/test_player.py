"""studytui driving the real mpv (headless: --vo=null --ao=null) through Textual's Pilot."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest

from studytui.config import Settings
from studytui.core.player import MpvPlayer, Stopwatch
from studytui.core.timecode import format_time
from studytui.ui.app import StudyApp
from tests.core.test_mpv import alive
from tests.ui.test_app import SIZE, header_text, tree_labels
from tests.ui.test_study import notified, quit_app
from tests.videos import HEADLESS, MPV, VideoFiles, make_test_videos, needs_mpv
from tests.waiting import until

pytestmark = [needs_mpv, pytest.mark.timeout(60)]

LESSON_WITH_CHAPTERS = """\
---
id: lesson-chapters
title: Lesson with chapters
course: Player course
video: {video}
duration: "10:00"
order: 1
---
## 00:00:00 intro
The start.

## 00:02:00 second part
Two minutes in.

## 00:05:00 third part
Five minutes in.
"""

LESSON_WITHOUT_CHAPTERS = """\
---
id: lesson-bare
title: Lesson without chapters
course: Player course
video: {video}
duration: "10:00"
order: 2
---
No chapters here: the video has some.
"""


@pytest.fixture(scope="session")
def videos(tmp_path_factory) -> VideoFiles:
    return make_test_videos(tmp_path_factory.mktemp("videos"))


@pytest.fixture
def video_lessons(tmp_path, videos) -> Path:
    folder = tmp_path / "video-lessons"
    folder.mkdir()
    (folder / "01.md").write_text(LESSON_WITH_CHAPTERS.format(video=videos.plain), encoding="utf-8")
    (folder / "02.md").write_text(LESSON_WITHOUT_CHAPTERS.format(video=videos.chaptered), encoding="utf-8")
    return folder


def make_app(lessons: Path, notes: Path, **options) -> StudyApp:
    options.setdefault("player", "mpv")
    options.setdefault("mpv_args", HEADLESS)
    return StudyApp(Settings(lessons_dir=lessons, notes_dir=notes, start_pass=2, **options))


def mpv_of(app: StudyApp) -> MpvPlayer:
    assert isinstance(app.session.clock, MpvPlayer), f"the clock is {type(app.session.clock).__name__}"
    return app.session.clock


async def mpv_says(app: StudyApp, name: str):
    """A property as mpv itself reports it (not our local copy)."""
    return await mpv_of(app)._conn.request("get_property", name)


async def wait_for_mpv(app: StudyApp) -> MpvPlayer:
    await until(lambda: isinstance(app.session.clock, MpvPlayer), 15, "mpv to take over the clock")
    await until(lambda: " mpv" in header_text(app), 2, "the header to show mpv")
    return mpv_of(app)


async def test_ctrl_t_pauses_mpv_and_the_header_follows_it(video_lessons, notes_dir):
    app = make_app(video_lessons, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        player = await wait_for_mpv(app)
        pid = player.pid
        assert await mpv_says(app, "pause") is True, "mpv starts paused, as the stopwatch does"
        await pilot.press("ctrl+t")
        await until(lambda: "playing" in header_text(app), 2, "playing in the header")
        assert await mpv_says(app, "pause") is False
        await until(lambda: "0:00:02 / 0:10:00" in header_text(app), 5, "the header clock following mpv")
        await pilot.press("ctrl+t")
        assert await mpv_says(app, "pause") is True
        position = await player.settled_position()
        await until(lambda: f"{format_time(position)}" in format_time(app.session.clock.position), 2, "clock at mpv's")
        assert "paused" in header_text(app)
        await quit_app(app, pilot)
    assert not alive(pid), "no mpv studytui started outlives it"


async def test_chapter_pick_seeks_mpv_and_ctrl_n_stamps_its_position(video_lessons, notes_dir):
    app = make_app(video_lessons, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        player = await wait_for_mpv(app)
        node = next(n for n in app.study_screen.outline._lesson_nodes["lesson-chapters"].children
                    if "second part" in n.label.plain)
        app.study_screen.outline.jump_to(node)
        await until(lambda: "0:02:00 /" in header_text(app), 3, "the header at the chapter")
        assert await player.settled_position() == pytest.approx(120, abs=0.6)
        await pilot.press("ctrl+t")
        await until(lambda: app.session.clock.position > 122, 5, "playing past the chapter start")
        await pilot.press("ctrl+n")
        assert not app.session.clock.playing
        assert await mpv_says(app, "pause") is True, "a new note pauses mpv"
        at = await mpv_says(app, "time-pos")
        await pilot.press(*"the clock is mpv's")
        text = app.study_screen.notes.editor.text
        stamps = {f"[{format_time(at + delta)}]" for delta in (-0.5, 0, 0.5)}  # one frame is 0.5 s
        assert any(f"- {stamp} the clock is mpv's" in text for stamp in stamps), text
        await until(lambda: "the clock is mpv's" in (notes_dir / "lesson-chapters.md").read_text(), 3, "saved")
        await quit_app(app, pilot)


async def test_seek_and_speed_keys_drive_mpv(video_lessons, notes_dir):
    app = make_app(video_lessons, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        player = await wait_for_mpv(app)
        app.session.clock.seek(100)
        await pilot.press("alt+right")
        assert await player.settled_position() == pytest.approx(105, abs=0.6)
        await pilot.press("alt+left", "alt+left")
        assert await player.settled_position() == pytest.approx(95, abs=0.6)
        await pilot.press("alt+up", "alt+up")
        assert await mpv_says(app, "speed") == pytest.approx(1.5)
        await until(lambda: "1.5x" in header_text(app), 2, "the speed in the header")
        await pilot.press("alt+down")
        assert await mpv_says(app, "speed") == pytest.approx(1.25)
        await quit_app(app, pilot)


async def test_moving_to_a_stamp_seeks_mpv(video_lessons, notes_dir):
    notes_dir.mkdir(exist_ok=True)
    (notes_dir / "lesson-chapters.md").write_text("# Lesson with chapters\n\n- [03:30] here\n", encoding="utf-8")
    app = make_app(video_lessons, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        player = await wait_for_mpv(app)
        app.study_screen.notes.editor.focus()
        app.study_screen.notes.editor.move_cursor((2, 5))
        await pilot.press("ctrl+g")
        assert await player.settled_position() == pytest.approx(210, abs=0.6)
        await quit_app(app, pilot)


async def test_the_videos_chapters_fill_a_lesson_without_any(video_lessons, notes_dir):
    app = make_app(video_lessons, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_mpv(app)
        app.session.open_lesson(app.session.library.find("lesson-bare"))
        player = await wait_for_mpv(app)
        await until(lambda: any("Middle part" in label for label in tree_labels(app)), 5, "mpv's chapters")
        assert any("01:00 Middle part" in label for label in tree_labels(app))
        chapters = app.study_screen.outline._lesson_nodes["lesson-bare"].children
        node = next(n for n in chapters if "Ending" in n.label.plain)
        app.study_screen.outline.jump_to(node)
        await until(lambda: "0:05:00 /" in header_text(app), 3, "the header at the chapter")
        assert await player.settled_position() == pytest.approx(300, abs=0.6)
        await until(lambda: any(label.startswith("● 05:00 Ending") for label in tree_labels(app)), 2, "marked")
        await quit_app(app, pilot)


async def test_mpv_killed_mid_session_falls_back_and_starts_again(video_lessons, notes_dir):
    app = make_app(video_lessons, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        player = await wait_for_mpv(app)
        app.session.clock.seek(200)
        await player.settled_position()
        await pilot.press("ctrl+n", *"typed before the crash")
        os.kill(player.pid, signal.SIGKILL)
        await until(lambda: isinstance(app.session.clock, Stopwatch), 5, "the fallback to the stopwatch")
        assert notified(app, "The video player was stopped by signal SIGKILL")
        assert notified(app, "Start the video player")
        assert app.session.clock.position == pytest.approx(200, abs=0.6) and not app.session.clock.playing
        assert " mpv" not in header_text(app) and "0:03:20 /" in header_text(app)
        assert "typed before the crash" in app.study_screen.notes.editor.text
        await pilot.press("ctrl+t", "ctrl+t")  # the stopwatch works meanwhile
        await app.study_screen.run_action("start_player")
        restarted = await wait_for_mpv(app)
        assert restarted is not player and alive(restarted.pid)
        assert await restarted.settled_position() == pytest.approx(app.session.clock.position, abs=1)
        assert app.session.clock.position == pytest.approx(200, abs=1)
        await quit_app(app, pilot)
    assert "typed before the crash" in (notes_dir / "lesson-chapters.md").read_text(encoding="utf-8")
    assert not alive(restarted.pid)


async def test_attach_to_an_mpv_the_learner_started(video_lessons, notes_dir, videos, tmp_path):
    socket_path = tmp_path / "mpv.sock"
    process = subprocess.Popen(
        [MPV, *HEADLESS, f"--input-ipc-server={socket_path}", "--pause", "--start=42", str(videos.plain)],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        await until(socket_path.exists, 10, "mpv's socket")
        app = make_app(video_lessons, notes_dir, player="stopwatch", mpv_socket=socket_path)
        async with app.run_test(size=SIZE) as pilot:
            player = await wait_for_mpv(app)
            assert not player.started_by_us
            await until(lambda: "0:00:42 /" in header_text(app), 10, "the learner's mpv position")
            await pilot.press("ctrl+t")
            assert await mpv_says(app, "pause") is False
            await until(lambda: "0:00:43 /" in header_text(app), 10, "following the learner's mpv")
            await quit_app(app, pilot)
        assert process.poll() is None, "the learner's mpv keeps running"
    finally:
        process.kill()
        process.wait()


async def test_missing_mpv_says_how_to_install_and_keeps_the_stopwatch(video_lessons, notes_dir, tmp_path,
                                                                        monkeypatch):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    app = make_app(video_lessons, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: notified(app, "apt-get install mpv"), 5, "the install hint")
        assert notified(app, "stopwatch")
        assert isinstance(app.session.clock, Stopwatch)
        await pilot.press("ctrl+t")
        assert app.session.clock.playing and "playing" in header_text(app)
        await quit_app(app, pilot)


LESSON_LONGER_THAN_ITS_VIDEO = """\
---
id: lesson-long
title: Lesson longer than the local video
course: Player course
video: {video}
duration: "20:00"
order: 3
---
## 00:00:00 intro
## 00:05:00 middle
## 00:15:00 late
"""


async def test_a_remembered_position_past_the_videos_end_resumes_at_its_last_chapter(tmp_path, videos, notes_dir):
    folder = tmp_path / "long"
    folder.mkdir()
    (folder / "03.md").write_text(LESSON_LONGER_THAN_ITS_VIDEO.format(video=videos.plain), encoding="utf-8")
    first = make_app(folder, notes_dir, player="stopwatch")
    async with first.run_test(size=SIZE) as pilot:
        first.session.clock.seek(17 * 60)  # remembered from a longer copy of the video
        await quit_app(first, pilot)

    app = make_app(folder, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        player = await wait_for_mpv(app)
        await until(lambda: notified(app, "past this video's end"), 10, "the resume notice")
        # The notice names the position remembered, not where mpv stopped when asked for it.
        assert notified(app, "The remembered position 0:17:00 is past this video's end"), [
            n.message for n in app._notifications]
        assert await player.settled_position() == pytest.approx(300, abs=0.6), "the last chapter inside the video"
        assert app.study_state.position_of("lesson-long") == pytest.approx(300, abs=0.6)
        await pilot.pause()
        assert app.study_log.passes_done("lesson-long") == frozenset(), "nothing was watched: no pass is done"
        assert "✓" not in app.study_screen.outline._lesson_nodes["lesson-long"].label.plain
        await quit_app(app, pilot)
