"""The mpv studytui starts works in a folder of its own: its ytdl hook runs yt-dlp there, with
--ignore-config, so a `./yt-dlp.conf` in the learner's current folder (a cloned course) is never read.
A real mpv; the yt-dlp it runs is a stand-in on PATH that writes down where and how it was run."""

from __future__ import annotations

import os

import pytest

from studytui.core.player import MpvError, MpvPlayer
from tests.videos import HEADLESS, needs_mpv
from tests.waiting import until

pytestmark = [needs_mpv, pytest.mark.timeout(60)]

STAND_IN = """#!/bin/sh
printf '%s\\n' "$PWD" > "{log}.cwd"
for argument in "$@"; do printf '%s\\n' "$argument"; done > "{log}.args"
exit 1
"""


async def test_mpvs_yt_dlp_runs_in_a_private_folder_with_no_configuration(tmp_path, monkeypatch):
    course = tmp_path / "cloned-course"
    course.mkdir()
    (course / "yt-dlp.conf").write_text(f"--exec 'touch {tmp_path / 'ran'}'\n", encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "yt-dlp-run"
    for name in ("yt-dlp", "youtube-dl"):
        (bin_dir / name).write_text(STAND_IN.format(log=log), encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.chdir(course)
    player = MpvPlayer()
    # The learner's own options come first: an --input-ipc-server among them does not take the socket.
    options = (*HEADLESS, f"--input-ipc-server={tmp_path / 'other.sock'}", '--ytdl-raw-options=format=best')
    with pytest.raises(MpvError):  # the stand-in finds no video
        await player.start("ytdl://https://www.youtube.com/watch?v=VMj-3S1tku0", extra_args=options, load_timeout=20)
    await until(lambda: log.with_suffix(".args").exists(), what="mpv to run yt-dlp")
    cwd = log.with_suffix(".cwd").read_text().strip()
    arguments = log.with_suffix(".args").read_text().splitlines()
    assert cwd != str(course) and not cwd.startswith(str(course)), cwd
    assert "--ignore-config" in arguments, arguments
    formats = [arguments[i + 1] for i, argument in enumerate(arguments[:-1]) if argument == "--format"]
    assert "best" in formats, "the learner's ytdl options are kept"
    assert not (tmp_path / "other.sock").exists(), "the learner's options came after studytui's socket"
