"""Small real videos made by ffmpeg for the player tests, and mpv's presence."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

MPV = shutil.which("mpv")
needs_mpv = pytest.mark.skipif(MPV is None, reason="mpv is not installed (apt-get install mpv)")
# No window and no sound: the tests drive the real player headless.
HEADLESS = ("--vo=null", "--ao=null", "--no-config")

CHAPTERS = ((0.0, "Opening"), (60.0, "Middle part"), (300.0, "Ending"))


@dataclass(frozen=True)
class VideoFiles:
    plain: Path  # 10 minutes, 2 frames a second, no chapters
    chaptered: Path  # the same with CHAPTERS


def make_test_videos(folder: Path) -> VideoFiles:
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        pytest.skip("ffmpeg is not installed (apt-get install ffmpeg)")
    plain, chaptered, metadata = folder / "plain.mkv", folder / "chaptered.mkv", folder / "chapters.txt"
    lines = [";FFMETADATA1"]
    for index, (start, title) in enumerate(CHAPTERS):
        end = CHAPTERS[index + 1][0] if index + 1 < len(CHAPTERS) else 600.0
        lines += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={int(start * 1000)}", f"END={int(end * 1000)}",
                  f"title={title}"]
    metadata.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = [ffmpeg, "-v", "error", "-y"]
    subprocess.run([*run, "-f", "lavfi", "-i", "testsrc=duration=600:size=32x32:rate=2",
                    "-c:v", "libx264", "-preset", "ultrafast", "-g", "4", str(plain)], check=True)
    subprocess.run([*run, "-i", str(plain), "-i", str(metadata), "-map_metadata", "1",
                    "-map_chapters", "1", "-c", "copy", str(chaptered)], check=True)
    return VideoFiles(plain, chaptered)
