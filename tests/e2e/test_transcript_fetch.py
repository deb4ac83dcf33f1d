"""`studytui transcript fetch`: yt-dlp's command line, a local file URL, offline, and yt-dlp missing.

No network: the "online" lesson is a local page (yt-dlp reads its <track> captions), the offline
one points at a port on 127.0.0.1 that nobody listens on.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from studytui.core.transcripts import fetch_arguments, read_transcript
from tests.e2e.terminal import STUDYTUI
from tests.subtitles import write_vtt

pytestmark = pytest.mark.timeout(120)
needs_yt_dlp = pytest.mark.skipif(
    shutil.which("yt-dlp") is None and importlib.util.find_spec("yt_dlp") is None, reason="yt-dlp is not installed"
)

LESSON = """\
---
id: lecture-one
title: Lecture one
course: Local course
duration: "10:00"
video: {video}
---
## 00:00 intro
"""


def lessons_with_video(tmp_path: Path, video: str) -> Path:
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "one.md").write_text(LESSON.format(video=video), encoding="utf-8")
    return folder


def run_fetch(tmp_path: Path, lessons: Path, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None):
    notes = str(tmp_path / "notes")
    command = [str(STUDYTUI), "transcript", "fetch", *args, "--lessons", str(lessons), "--notes", notes]
    return subprocess.run(command, capture_output=True, text=True, env=env or dict(os.environ), timeout=100, cwd=cwd)


def local_lecture_page(tmp_path: Path) -> Path:
    """A local page whose <track> yt-dlp reads as the lecture's captions."""
    captions = write_vtt(tmp_path / "captions.vtt")
    (tmp_path / "video.mp4").write_bytes(b"\0" * 64)
    page = tmp_path / "lecture.html"
    page.write_text(
        f'<html><head><title>Lecture</title></head><body><video src="{(tmp_path / "video.mp4").as_uri()}">'
        f'<track kind="captions" srclang="en" label="English" src="{captions.as_uri()}"></video></body></html>',
        encoding="utf-8",
    )
    return page


def test_the_yt_dlp_command_line_asks_for_captions_only(tmp_path):
    arguments = fetch_arguments("https://www.youtube.com/watch?v=VMj-3S1tku0", "zth-01", tmp_path, "de")
    assert arguments[:7] == ["--ignore-config", "--skip-download", "--write-subs", "--write-auto-subs", "--sub-langs",
                             "de", "--sub-format"]
    assert arguments[arguments.index("-o") + 1] == str(tmp_path / "zth-01.%(ext)s")
    assert arguments[-2:] == ["--", "https://www.youtube.com/watch?v=VMj-3S1tku0"]
    assert "--enable-file-urls" not in arguments


@needs_yt_dlp
def test_fetch_writes_the_captions_of_a_local_page_where_the_app_finds_them(tmp_path):
    page = local_lecture_page(tmp_path)
    result = run_fetch(tmp_path, lessons_with_video(tmp_path, page.as_uri()), "lecture-one")
    assert result.returncode == 0, result.stdout + result.stderr
    fetched = tmp_path / "notes" / "transcripts" / "lecture-one.en.vtt"
    assert result.stdout.splitlines()[0] == "[1/1] lecture-one: fetching en captions..."
    assert str(fetched) in result.stdout
    reading = read_transcript(fetched)
    assert reading.transcript is not None and reading.transcript.cues[5].text.startswith("now broadcasting")


@needs_yt_dlp
def test_offline_it_says_so_in_one_line(tmp_path):
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_fetch(tmp_path, lessons_with_video(tmp_path, f"http://127.0.0.1:{port}/watch?v=x"), "--all")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[-1] == "studytui transcript: offline: cannot reach 127.0.0.1; nothing more fetched."
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(importlib.util.find_spec("yt_dlp") is not None, reason="yt-dlp is importable here")
def test_without_yt_dlp_it_says_how_to_install_it(tmp_path):
    env = {**os.environ, "PATH": str(tmp_path / "empty")}
    result = run_fetch(tmp_path, lessons_with_video(tmp_path, "https://youtu.be/VMj-3S1tku0"), "lecture-one", env=env)
    assert result.returncode == 2
    assert "pip install 'studytui[transcripts]'" in result.stderr


@needs_yt_dlp
def test_a_yt_dlp_conf_in_the_current_folder_is_not_read(tmp_path):
    course = tmp_path / "cloned-course"  # the learner runs studytui in a course they cloned
    course.mkdir()
    ran = tmp_path / "exec-ran"
    cookies = tmp_path / "cookies-written"
    (course / "yt-dlp.conf").write_text(
        f'--exec "before_dl:touch {ran}"\n--exec "touch {ran}"\n--cookies {cookies}\n', encoding="utf-8")
    page = local_lecture_page(tmp_path)
    result = run_fetch(tmp_path, lessons_with_video(tmp_path, page.as_uri()), "lecture-one", cwd=course)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "notes" / "transcripts" / "lecture-one.en.vtt").is_file()
    assert not ran.exists() and not cookies.exists(), "yt-dlp read ./yt-dlp.conf"
    assert sorted(path.name for path in (tmp_path / "notes" / "transcripts").iterdir()) == ["lecture-one.en.vtt"]


def test_python_m_yt_dlp_never_imports_a_yt_dlp_folder_from_the_current_folder(tmp_path, monkeypatch):
    from studytui.core.transcripts import fetch_captions, yt_dlp_command

    course = tmp_path / "cloned-course"
    (course / "yt_dlp").mkdir(parents=True)
    marker = tmp_path / "imported"
    (course / "yt_dlp" / "__init__.py").write_text("")
    (course / "yt_dlp" / "__main__.py").write_text(
        f"import pathlib; pathlib.Path({str(marker)!r}).write_text('ran')\nprint('wrote /etc/hostname')\n")
    monkeypatch.chdir(course)
    outcome = fetch_captions([sys.executable, "-m", "yt_dlp"], "https://youtu.be/VMj-3S1tku0", "lecture-one",
                             tmp_path / "notes" / "transcripts", "en")
    assert not marker.exists(), "the folder's yt_dlp ran"
    assert outcome.files == () and outcome.error

    # The module beside studytui runs as an isolated Python: nothing from the current folder or PYTHONPATH.
    installed = tmp_path / "site"
    (installed / "yt_dlp").mkdir(parents=True)
    (installed / "yt_dlp" / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(installed))
    assert yt_dlp_command() == [sys.executable, "-I", "-m", "yt_dlp"]


@needs_yt_dlp
def test_a_transcripts_folder_linked_out_of_the_notes_is_refused(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "transcripts").symlink_to(elsewhere)
    page = local_lecture_page(tmp_path)
    result = run_fetch(tmp_path, lessons_with_video(tmp_path, page.as_uri()), "lecture-one")
    assert result.returncode == 2
    assert "nothing fetched" in result.stderr and "leads outside the notes folder" in result.stderr
    assert list(elsewhere.iterdir()) == []


@needs_yt_dlp
def test_a_link_at_the_captions_file_is_replaced_not_written_through(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    (tmp_path / "notes" / "transcripts").mkdir(parents=True)
    (tmp_path / "notes" / "transcripts" / "lecture-one.en.vtt").symlink_to(outside)
    page = local_lecture_page(tmp_path)
    result = run_fetch(tmp_path, lessons_with_video(tmp_path, page.as_uri()), "lecture-one")
    assert result.returncode == 0, result.stdout + result.stderr
    assert outside.read_text() == "keep me"
    fetched = tmp_path / "notes" / "transcripts" / "lecture-one.en.vtt"
    assert not fetched.is_symlink() and fetched.read_text(encoding="utf-8").startswith("WEBVTT")
