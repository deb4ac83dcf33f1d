"""Course sources for `studytui add` without a network: yt-dlp info JSON as `yt-dlp -J URL` writes it,
and the installed command run on it."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

from tests.e2e.terminal import STUDYTUI
from tests.subtitles import LECTURE, vtt_time

PLAYLIST_URL = "https://www.youtube.com/playlist?list=PLtest0000000000"
CHAPTERS = [(0, "Intro"), (95, "The Value object"), (1204.5, "Backward pass")]


def captions_vtt(lines: list[tuple[float, str]] = LECTURE) -> str:
    blocks = ["WEBVTT", ""]
    for index, (start, text) in enumerate(lines):
        end = lines[index + 1][0] if index + 1 < len(lines) else start + 5
        blocks += [f"{vtt_time(start)} --> {vtt_time(end)}", text, ""]
    return "\n".join(blocks)


def video_info(number: int, title: str | None = None, duration: float | None = 1800.5,
               chapters: list[tuple[float, str]] | None = None, captions: str | None = None,
               auto_captions: str | None = None) -> dict[str, Any]:
    """One video's info as yt-dlp's YouTube extractor gives it (what processing needs of it)."""
    video_id = f"vid{number:08d}"
    info: dict[str, Any] = {
        "_type": "video", "id": video_id, "title": title if title is not None else f"Lecture {number}",
        "webpage_url": f"https://www.youtube.com/watch?v={video_id}", "original_url": f"https://youtu.be/{video_id}",
        "extractor": "youtube", "extractor_key": "Youtube", "channel": "Test Channel", "uploader": "Test Channel",
        "formats": [{"format_id": "18", "url": f"https://example.invalid/{video_id}.mp4", "ext": "mp4",
                     "vcodec": "avc1", "acodec": "mp4a", "protocol": "https", "width": 640, "height": 360}],
    }
    if duration is not None:
        info["duration"] = duration
    if chapters:
        info["chapters"] = [
            {"start_time": start, "end_time": chapters[i + 1][0] if i + 1 < len(chapters) else duration,
             "title": name} for i, (start, name) in enumerate(chapters)
        ]
    if captions is not None:
        info["subtitles"] = {"en": [{"ext": "vtt", "data": captions, "name": "English"}]}
    if auto_captions is not None:
        info["automatic_captions"] = {"en": [{"ext": "vtt", "data": auto_captions, "name": "English (auto)"}]}
    return info


def playlist_info(videos: list[dict[str, Any]], title: str = "Neural nets from scratch") -> dict[str, Any]:
    return {
        "_type": "playlist", "id": "PLtest0000000000", "title": title, "channel": "Test Channel",
        "uploader": "Test Channel", "webpage_url": PLAYLIST_URL, "extractor": "youtube:tab",
        "extractor_key": "YoutubeTab", "playlist_count": len(videos), "entries": videos,
    }


def three_videos() -> list[dict[str, Any]]:
    """A video with chapters, one without, one with captions (manual ones, and automatic ones too)."""
    return [
        video_info(1, "Building micrograd", 2 * 3600 + 25 * 60 + 52, chapters=CHAPTERS),
        video_info(2, "Bigrams", 600),
        video_info(3, "An MLP", 900, captions=captions_vtt(),
                   auto_captions="WEBVTT\n\n00:00.000 --> 00:01.000\nauto\n"),
    ]


def write_info(path: Path, info: dict[str, Any]) -> Path:
    path.write_text(json.dumps(info), encoding="utf-8")
    return path


def run_studytui(*args: str, env: dict[str, str] | None = None, timeout: float = 100) -> subprocess.CompletedProcess:
    return subprocess.run([str(STUDYTUI), *args], capture_output=True, text=True, timeout=timeout,
                          env=env or dict(os.environ), stdin=subprocess.DEVNULL)
