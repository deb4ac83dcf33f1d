"""`studytui add` on a 200-video playlist from saved info JSON (yt-dlp's own processing, no network).

- the installed `studytui add --load-info-json` end to end (Python start, yt-dlp import, 200 videos
  processed by yt-dlp, 200 lesson files and the course record written), first run and second run
  (every lesson unchanged), median of N runs each in a fresh notes folder;
- inside one process: `read_info_json` + `add_course` alone, and yt-dlp's `process_ie_result` alone.

Each video has 12 chapters, 20 formats and English captions, like a real lecture's info.

    .venv/bin/python bench/bench_add.py [runs] [videos]
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.courses

from tests.courses import captions_vtt, playlist_info, video_info

from studytui.core.courses import add_course, read_info_json

STUDYTUI = Path(sys.executable).with_name("studytui")


def big_playlist(videos: int) -> dict:
    entries = []
    for number in range(1, videos + 1):
        chapters = [(minute * 300.0, f"Part {minute} of lecture {number}") for minute in range(12)]
        info = video_info(number, f"Lecture {number}: a title of ordinary length", 3600 + number, chapters=chapters,
                          captions=captions_vtt())
        info["formats"] = [dict(info["formats"][0], format_id=str(f), height=144 * (1 + f % 6), tbr=100.0 * f)
                           for f in range(1, 21)]
        entries.append(info)
    return playlist_info(entries, title="A long course")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    videos = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    with tempfile.TemporaryDirectory() as folder:
        info_path = Path(folder) / "playlist.json"
        info_path.write_text(json.dumps(big_playlist(videos)), encoding="utf-8")
        first, second = [], []
        for run in range(runs):
            notes = Path(folder) / f"notes-{run}"
            for times in (first, second):
                started = time.perf_counter()
                command = [str(STUDYTUI), "add", "--load-info-json", str(info_path), "--notes", str(notes)]
                result = subprocess.run(command, capture_output=True, text=True, check=False)
                times.append(time.perf_counter() - started)
                if result.returncode != 0:
                    raise SystemExit(result.stdout + result.stderr)
        print(f"studytui add, {videos} videos, first run:   {statistics.median(first):6.2f} s (median of {runs})")
        print(f"studytui add, {videos} videos, second run:  {statistics.median(second):6.2f} s (all unchanged)")

        core = []
        for run in range(runs):
            notes = Path(folder) / f"core-{run}"
            started = time.perf_counter()
            add_course(read_info_json(info_path), notes / "courses", notes / ".studytui")
            core.append(time.perf_counter() - started)
        print(f"read_info_json + add_course in process:  {statistics.median(core):6.2f} s")

        import yt_dlp

        info = json.loads(info_path.read_text(encoding="utf-8"))
        with yt_dlp.YoutubeDL({"quiet": True, "skip_download": True}) as ydl:
            started = time.perf_counter()
            for entry in info["entries"]:
                ydl.process_ie_result(dict(entry), download=False)
            print(f"yt-dlp process_ie_result alone:          {time.perf_counter() - started:6.2f} s")


if __name__ == "__main__":
    main()
