"""What mpv says is checked where it arrives, and an mpv the learner started is theirs: quitting leaves
it playing or paused, and its position never replaces the lesson's unless the learner reached it."""

from __future__ import annotations

import asyncio
import contextlib
import json
import subprocess
from pathlib import Path

import pytest

from studytui.core.player import MpvPlayer
from studytui.core.study import StudyState, open_study_log
from tests.core.test_mpv_socket_faults import socket_server
from tests.ui.test_app import SIZE, header_text
from tests.ui.test_player import make_app, video_lessons, videos  # noqa: F401 (pytest fixtures)
from tests.ui.test_study import quit_app
from tests.videos import HEADLESS, MPV, needs_mpv
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)

# Each as mpv's JSON would carry it (Python's json writes and reads Infinity and NaN, as mpv's may).
HOSTILE_VALUES = [float("inf"), float("-inf"), float("nan"), "12", [1, 2], {"a": 1}, True, None, 10**400, -5, 1e300]


def line(message: dict) -> bytes:
    return (json.dumps(message) + "\n").encode()


async def hostile_mpv(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Answers every command, with nonsense where a value is asked for, then reports nonsense
    properties, a line nested too deep to parse, and at last one good time."""
    try:
        while command := await reader.readline():
            try:
                request = json.loads(command)
            except ValueError:
                continue
            name = request["command"][-1]
            data = {"pause": "yes", "speed": float("nan"), "time-pos": float("inf")}.get(name)
            writer.write(line({"request_id": request["request_id"], "error": "success", "data": data}))
            if request["command"][0] == "observe_property" and name == "core-idle":  # the last observation
                for value in HOSTILE_VALUES:
                    for prop in ("time-pos", "duration", "speed", "pause", "core-idle"):
                        writer.write(line({"event": "property-change", "name": prop, "data": value}))
                writer.write(line({"event": "property-change", "name": "chapter-list",
                                   "data": [{"time": float("inf"), "title": "x"}, {"time": float("nan")},
                                            "garbage", {"time": 10**400}, {"time": 30, "title": ["list"]}]}))
                writer.write(b"[" * 100_000 + b"\n")
                writer.write(line({"request_id": True, "error": "success", "data": float("inf")}))
                writer.write(line({"event": "property-change", "name": "time-pos", "data": 42.0}))
            await writer.drain()
    except ConnectionError:
        pass
    writer.close()


async def test_nonsense_from_mpv_never_crashes_the_clock(lessons_dir, notes_dir, tmp_path):
    async with socket_server(tmp_path / "mpv.sock", hostile_mpv) as path:
        app = make_app(lessons_dir, notes_dir, player="stopwatch", mpv_socket=path)
        async with app.run_test(size=SIZE) as pilot:
            await until(lambda: isinstance(app.session.clock, MpvPlayer), 15, "the hostile mpv to be the clock")
            await until(lambda: "0:00:42 /" in header_text(app), 15, "the one good time")
            clock = app.session.clock
            assert clock.duration is None and clock.speed == 1.0
            assert clock.chapters == ((30.0, "Chapter 5"),)  # the one chapter with a real time
            await pilot.press("ctrl+t")
            await until(lambda: "0:00:42 /" in header_text(app), 5, "the clock still drawn")
            await quit_app(app, pilot)
        assert app.return_code in (None, 0) and app.crash_report is None


def stored_state(notes: Path) -> StudyState:
    """The positions and passes as the study log keeps them (read after the app is gone)."""
    return StudyState.load(open_study_log(notes / ".studytui" / "study-log.sqlite").log)


def remember(notes: Path, lesson_id: str, seconds: float) -> None:
    state = stored_state(notes)
    state.remember(lesson_id, seconds)
    state.save()


@contextlib.contextmanager
def learners_mpv(socket: Path, video: Path, *options: str):
    process = subprocess.Popen([MPV, *HEADLESS, f"--input-ipc-server={socket}", *options, str(video)],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield process
    finally:
        process.kill()
        process.wait()


async def ask_mpv(socket: Path, name: str) -> object:
    reader, writer = await asyncio.open_unix_connection(str(socket))
    try:
        writer.write(line({"command": ["get_property", name], "request_id": 7}))
        await writer.drain()
        while True:
            reply = json.loads(await asyncio.wait_for(reader.readline(), 5))
            if reply.get("request_id") == 7:
                return reply.get("data")
    finally:
        writer.close()


@needs_mpv
async def test_an_attached_mpv_sitting_elsewhere_never_overwrites_the_lessons_position(
    video_lessons, notes_dir, videos, tmp_path  # noqa: F811 (fixtures)
):
    socket = tmp_path / "mpv.sock"
    remember(notes_dir, "lesson-chapters", 313.0)  # 5:13
    with learners_mpv(socket, videos.plain, "--pause", "--start=0"):
        await until(socket.exists, 10, "mpv's socket")
        app = make_app(video_lessons, notes_dir, player="stopwatch", mpv_socket=socket)
        async with app.run_test(size=SIZE) as pilot:
            await until(lambda: isinstance(app.session.clock, MpvPlayer), 15, "the learner's mpv to be the clock")
            await until(lambda: "0:00:00 /" in header_text(app), 10, "mpv's own position shown")
            await quit_app(app, pilot)
        assert await ask_mpv(socket, "pause") is True
    state = stored_state(notes_dir)
    assert state.position_of("lesson-chapters") == 313.0


@needs_mpv
async def test_quitting_leaves_an_attached_mpv_playing(video_lessons, notes_dir, videos, tmp_path):  # noqa: F811
    socket = tmp_path / "mpv.sock"
    with learners_mpv(socket, videos.plain, "--no-pause", "--start=5"):
        await until(socket.exists, 10, "mpv's socket")
        app = make_app(video_lessons, notes_dir, player="stopwatch", mpv_socket=socket)
        async with app.run_test(size=SIZE) as pilot:
            await until(lambda: isinstance(app.session.clock, MpvPlayer) and app.session.clock.position > 7, 15,
                        "the learner's mpv playing under the clock")
            await quit_app(app, pilot)
        assert await ask_mpv(socket, "pause") is False, "quitting paused the learner's mpv"
    position = stored_state(notes_dir).position_of("lesson-chapters")
    assert position >= 5.0, "a position the learner played to is remembered"
