"""Lesson files and the lesson reopened, with the installed `studytui` in a real terminal (tmux):
a lesson file edited the moment the header says the kernel is idle shows at once, every time; the
lesson opened from the palette, its exercise checked and the terminal resized is the one reopened, and
so is a lesson opened and quit with the learner's own mpv attached (its position never reached)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from studytui.core.lessons import TrustStore
from tests.conftest import SAMPLE_LESSON, SECOND_LESSON
from tests.e2e.terminal import STUDYTUI, Terminal
from tests.ui.test_exercises import LESSON as EXERCISE_LESSON
from tests.ui.test_player import LESSON_WITH_CHAPTERS, LESSON_WITHOUT_CHAPTERS
from tests.videos import HEADLESS, MPV, make_test_videos, needs_mpv
from tests.waiting import until_sync

pytestmark = [
    pytest.mark.timeout(300),
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

LAUNCHES = 20


def header(terminal: Terminal) -> str:
    return terminal.screen().splitlines()[0]


def wait_header(terminal: Terminal, text: str, timeout: float = 30) -> None:
    try:
        until_sync(lambda: text in header(terminal), timeout=timeout, what=repr(text))
    except AssertionError:
        raise AssertionError(f"{text!r} never in the header; the screen was:\n{terminal.screen()}") from None


def quit_app(terminal: Terminal) -> None:
    terminal.keys("C-q")
    until_sync(terminal.exited, timeout=30, what="studytui to quit")
    terminal.close()


@contextmanager
def launched(like: Terminal, lessons: Path) -> Iterator[Terminal]:
    """studytui in a terminal of its own (`like`'s folder and environment), its kernel idle; closed after."""
    run = Terminal(like.cwd, like.env)
    try:
        run.start([str(STUDYTUI), str(lessons)])
        wait_header(run, "kernel: idle", timeout=60)
        yield run
    finally:
        run.close()


def relaunch_opens(terminal: Terminal, lessons: Path, title: str) -> None:
    with launched(terminal, lessons) as again:
        wait_header(again, title)
        quit_app(again)


def test_a_lesson_file_edited_the_moment_the_header_says_idle_shows_every_time(terminal, tmp_path):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    lesson = lessons / "01-micrograd.md"
    lesson.write_text(SAMPLE_LESSON, encoding="utf-8")
    (lessons / "02-bigrams.md").write_text(SECOND_LESSON, encoding="utf-8")
    title = "Sample micrograd"
    for launch in range(1, LAUNCHES + 1):
        with launched(terminal, lessons) as run:
            wait_header(run, title)
            title = f"Micrograd edited {launch}"
            lesson.write_text(SAMPLE_LESSON.replace("Sample micrograd", title), encoding="utf-8")
            try:
                wait_header(run, title)
            except AssertionError as error:
                raise AssertionError(f"launch {launch} of {LAUNCHES}: {error}") from None
            run.wait_for(f"▼ {title}")  # the outline too
            quit_app(run)


def test_the_lesson_opened_from_the_palette_with_an_exercise_checked_and_a_resize_is_reopened(terminal, tmp_path):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "01-micrograd.md").write_text(SAMPLE_LESSON, encoding="utf-8")
    with_video = 'duration: "10:00"\nvideo: https://youtu.be/PaCmpygFfXo\norder: 2'
    (lessons / "02-exercises.md").write_text(EXERCISE_LESSON.replace('duration: "10:00"', with_video), encoding="utf-8")
    TrustStore().trust(lessons)  # a folder of one's own: its checks run once trusted
    terminal.start([str(STUDYTUI), str(lessons)])
    wait_header(terminal, "kernel: idle", timeout=60)
    wait_header(terminal, "Sample micrograd")
    terminal.keys("C-p", "exercise lesson")
    terminal.wait_for("Practice · Exercise lesson")
    terminal.keys("Enter")
    wait_header(terminal, "Exercise lesson")
    terminal.keys("C-o", "F2", "Down", "Down", "Enter")  # pass 2; the second chapter unfolded
    terminal.wait_for("○ Double it")
    terminal.keys("Down", "Enter")
    terminal.wait_for("f5 checks it in the kernel", timeout=30)
    terminal.keys("F5")
    terminal.wait_for("✗ Double it: failing: define `double` first", timeout=60)  # not written yet: the check says so
    terminal.tmux("resize-window", "-t", "main", "-x", "80", "-y", "24")
    until_sync(lambda: len(terminal.screen().splitlines()) == 24, timeout=20, what="the terminal at 80x24")
    wait_header(terminal, "Exercise lesson")
    quit_app(terminal)

    relaunch_opens(terminal, lessons, "Exercise lesson")


@needs_mpv
def test_with_the_learners_own_mpv_attached_the_lesson_opened_and_quit_is_reopened(terminal, tmp_path):
    """An mpv the learner started, its position never reached by studytui: the lesson is kept all the same."""
    (tmp_path / "videos").mkdir()
    videos = make_test_videos(tmp_path / "videos")
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "01.md").write_text(LESSON_WITH_CHAPTERS.format(video=videos.plain), encoding="utf-8")
    (lessons / "02.md").write_text(LESSON_WITHOUT_CHAPTERS.format(video=videos.chaptered), encoding="utf-8")
    socket_path = tmp_path / "mpv.sock"
    config = tmp_path / "config.toml"
    config.write_text(f'mpv_socket = "{socket_path}"\n', encoding="utf-8")
    terminal.env["STUDYTUI_CONFIG"] = str(config)
    mpv = subprocess.Popen([MPV, *HEADLESS, f"--input-ipc-server={socket_path}", "--pause", str(videos.plain)],
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        until_sync(socket_path.exists, timeout=20, what="mpv's socket")
        terminal.start([str(STUDYTUI), str(lessons)])
        wait_header(terminal, "kernel: idle", timeout=60)
        wait_header(terminal, "Lesson with chapters")
        terminal.keys("F10", "without chapters", "Enter")
        wait_header(terminal, "Lesson without chapters")
        quit_app(terminal)

        relaunch_opens(terminal, lessons, "Lesson without chapters")
    finally:
        mpv.kill()
        mpv.wait()
