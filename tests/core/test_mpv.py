"""The real mpv over its JSON IPC, headless (--vo=null --ao=null), on small videos made by ffmpeg."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from studytui.core.player import MpvError, MpvNotFound, MpvPlayer, Stopwatch, next_speed
from tests.processes import alive
from tests.videos import (
    CHAPTERS,
    HEADLESS,
    MPV,
    VideoFiles,
    make_test_videos,
    needs_mpv,
)
from tests.waiting import until, until_sync

pytestmark = [needs_mpv, pytest.mark.timeout(20)]


@pytest.fixture(scope="session")
def videos(tmp_path_factory) -> VideoFiles:
    return make_test_videos(tmp_path_factory.mktemp("videos"))


async def started(videos: VideoFiles, source: Path | None = None, **kwargs) -> tuple[MpvPlayer, list[str]]:
    exits: list[str] = []
    player = MpvPlayer(on_exit=exits.append)
    await player.start(str(source or videos.plain), extra_args=HEADLESS, **kwargs)
    return player, exits


async def test_pause_and_resume_follow_time_pos(videos):
    player, _ = await started(videos, position=30)
    try:
        await until(lambda: player.duration is not None, what="duration from mpv")
        assert player.duration == pytest.approx(600, abs=1)
        assert not player.playing and player.position == pytest.approx(30, abs=0.6)
        player.play()
        assert player.playing, "play is visible at once"
        await until(lambda: player.position >= 31.5, what="time-pos moving while playing")
        player.pause()
        assert not player.playing
        settled = await player.settled_position()
        assert settled >= 31.5
        # Paused means paused: mpv's own time stays put.
        still = await player.settled_position()
        await asyncio.sleep(0.6)  # a span in which a playing video would move; the assert is on mpv's time
        assert await player.settled_position() == pytest.approx(still, abs=0.01)
        player.toggle()
        await until(lambda: player.position >= still + 1, what="playing again after toggle")
    finally:
        await player.close()


async def test_the_clock_moves_smoothly_between_frames(videos):
    """At 2 frames a second time-pos changes every 0.5 s; the position in between is extrapolated."""
    player, _ = await started(videos, position=5, paused=False)
    try:
        await until(lambda: player.position > 5.6, what="playing")
        seen = set()
        await until(lambda: seen.add(round(player.position, 1)) or len(seen) >= 4, timeout=3,
                    what="several distinct positions within one second")
    finally:
        await player.close()


async def test_seek_absolute_relative_and_speed(videos):
    player, _ = await started(videos, position=100)
    try:
        player.seek(250)
        assert player.position == pytest.approx(250)
        assert await player.settled_position() == pytest.approx(250, abs=0.6)
        player.seek_by(-5)
        assert await player.settled_position() == pytest.approx(245, abs=0.6)
        player.seek_by(5)
        assert await player.settled_position() == pytest.approx(250, abs=0.6)
        player.set_speed(next_speed(player.speed, faster=True))
        assert player.speed == 1.25
        await until(lambda: player.speed == 1.25, what="speed")
        assert await player._conn.request("get_property", "speed") == pytest.approx(1.25)
    finally:
        await player.close()


async def test_chapters_from_the_video(videos):
    player, _ = await started(videos, videos.chaptered)
    try:
        await until(lambda: len(player.chapters) == 3, what="chapter-list")
        assert player.chapters == CHAPTERS
    finally:
        await player.close()


async def test_killed_mpv_is_reported_once_and_the_position_kept(videos):
    player, exits = await started(videos, position=42)
    await until(lambda: player.position == pytest.approx(42, abs=0.6), what="start position")
    os.kill(player.pid, signal.SIGKILL)
    await until(lambda: exits, what="the exit report")
    assert exits == ["The video player was stopped by signal SIGKILL"]
    assert not player.playing and player.position == pytest.approx(42, abs=0.6)
    player.play()  # harmless once mpv is gone
    await player.close()
    assert exits == ["The video player was stopped by signal SIGKILL"]


async def test_close_quits_the_mpv_we_started(videos):
    player, exits = await started(videos)
    pid = player.pid
    assert alive(pid)
    await player.close()
    assert not alive(pid)
    assert exits == [], "closing on purpose is no crash"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_mpv_ends_when_studytui_is_killed(videos):
    """SIGKILL leaves studytui no time to quit its mpv: mpv hears of its parent's death from the kernel."""
    script = textwrap.dedent(f"""
        import sys
        from studytui.core.player import MpvProcess
        mpv = MpvProcess({str(videos.plain)!r}, position=0, paused=True, extra_args={HEADLESS!r})
        print(mpv.pid, flush=True)
        sys.stdin.read()  # until killed
    """)
    parent = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    mpv_pid = None
    try:
        mpv_pid = int(parent.stdout.readline())
        assert alive(mpv_pid)
        parent.kill()
        parent.wait()
        until_sync(lambda: not alive(mpv_pid), timeout=10, what="mpv ending after its parent was killed")
    finally:
        parent.kill()
        parent.wait()
        if mpv_pid is not None and alive(mpv_pid):
            os.kill(mpv_pid, signal.SIGKILL)


async def test_quit_from_the_mpv_window_is_reported(videos):
    player, exits = await started(videos)
    player._conn.send("quit")  # what pressing q in mpv's window does
    await until(lambda: exits, what="the exit report")
    assert exits == ["The video player was closed"]
    await player.close()


async def test_attach_to_an_mpv_started_elsewhere(videos, tmp_path):
    socket_path = tmp_path / "mpv.sock"
    process = subprocess.Popen(
        [MPV, *HEADLESS, f"--input-ipc-server={socket_path}", "--pause", "--start=77", str(videos.plain)],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        await until(socket_path.exists, what="mpv's socket")
        player = MpvPlayer()
        await player.attach(socket_path)
        await until(lambda: player.position == pytest.approx(77, abs=0.6), what="attached position")
        assert not player.started_by_us
        player.play()
        await until(lambda: player.position > 78, what="playing the attached mpv")
        await player.close()
        assert process.poll() is None, "an attached mpv is the learner's: it keeps running"
    finally:
        process.kill()
        process.wait()


async def test_attach_to_nothing_says_how(tmp_path):
    with pytest.raises(MpvError, match="mpv --input-ipc-server="):
        await MpvPlayer().attach(tmp_path / "none.sock")


async def test_missing_binary_says_how_to_install():
    with pytest.raises(MpvNotFound, match="apt-get install mpv"):
        await MpvPlayer().start("video.mkv", binary="mpv-that-does-not-exist")


async def test_a_file_mpv_cannot_play_is_reported(tmp_path):
    bad = tmp_path / "not-a-video.mkv"
    bad.write_text("hello", encoding="utf-8")
    player = MpvPlayer()
    with pytest.raises(MpvError, match="could not play the video"):
        await player.start(str(bad), extra_args=HEADLESS)
    assert not alive(player.pid)


def test_stopwatch_speed_and_relative_seek():
    now = [0.0]
    watch = Stopwatch(10, duration=100, now=lambda: now[0])
    watch.play()
    now[0] = 2
    watch.set_speed(2.0)
    now[0] = 4
    assert watch.position == pytest.approx(10 + 2 + 4)
    watch.seek_by(-20)
    assert watch.position == 0
    assert next_speed(1.0, True) == 1.25 and next_speed(0.5, False) == 0.5 and next_speed(3.0, True) == 3.0
