"""Transcripts in memory: peak resident memory of loading one as the app does (read, index, own-words check).

Each case runs in a fresh Python process (its peak RSS is its own), with a generated file:

- a 2.5 h lecture (a cue every 3 s), the usual case, and as many such cues as the size allowed;
- one cue whose text is a single line of 27 MB (a hostile or broken file);
- 27 MB with no line break at all;
- one cue of a single line just under the size studytui accepts.

Prints the peak RSS of each beside an empty process's, and what the reading said. Then the same
27 MB file in the app: the installed `studytui` in a private tmux server (160x45) over a lesson that
names it, the transcript pane shown (f8), and the peak RSS of the studytui process (VmHWM) once the
pane says what it read, beside the same app over the 2.5 h lecture. Asserts nothing.

    .venv/bin/python bench/bench_transcript_memory.py
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

WORDS = ["the", "gradient", "flows", "backwards", "through", "graph", "and", "each", "node", "adds", "its", "share"]
LOAD = """
import json, sys
from pathlib import Path
from studytui.core.transcripts import OwnWordsCheck, TranscriptIndex, read_transcript
path = Path(sys.argv[1])
if path.name != "none":
    reading = read_transcript(path)
    transcript = reading.transcript
    if transcript is not None:
        TranscriptIndex().add("lesson", transcript)
        OwnWordsCheck(transcript)
    said = f"{len(transcript.cues)} cues" if transcript else "refused"
    problems = [str(problem).split(": ", 1)[1][:90] for problem in reading.problems]
else:
    said, problems = "", []
status = Path("/proc/self/status").read_text()  # VmHWM: this process's peak (ru_maxrss survives exec)
peak_kb = next(int(row.split()[1]) for row in status.splitlines() if row.startswith("VmHWM:"))
print(json.dumps({"peak_mb": peak_kb / 1024, "said": said, "problems": problems}))
"""


def vtt_time(seconds: float) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{int(hours):02d}:{int(minutes):02d}:{secs:06.3f}"


def words(size: int) -> str:
    sentence = " ".join(WORDS) + " "
    return (sentence * (size // len(sentence) + 1))[:size]


def lecture(path: Path, cues: int = 3000) -> Path:
    blocks = ["WEBVTT", ""]
    for number in range(cues):
        start = number * 3.0
        blocks += [f"{vtt_time(start)} --> {vtt_time(start + 3)}", words(60 + number % 7), ""]
    path.write_text("\n".join(blocks), encoding="utf-8")
    return path


def one_line_cue(path: Path, size: int) -> Path:
    path.write_text(f"WEBVTT\n\n00:00:00.000 --> 00:00:05.000\n{words(size)}\n", encoding="utf-8")
    return path


def no_line_break(path: Path, size: int) -> Path:
    path.write_text(words(size), encoding="utf-8")
    return path


def peak(path: Path | str) -> dict:
    result = subprocess.run([sys.executable, "-c", LOAD, str(path)], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


STUDYTUI = Path(sys.executable).with_name("studytui")
LESSON = """\
---
id: memory
title: Memory
course: Bench
duration: "2:30:00"
transcript: {name}
---
## 00:00 start
"""


def peak_in_app(transcript: Path, shown: tuple[str, ...]) -> tuple[float, str]:
    """Peak RSS (MB) of studytui in tmux once the transcript pane shows one of `shown`, and that line."""
    socket = f"studytui-bench-{uuid.uuid4().hex[:8]}"
    with tempfile.TemporaryDirectory() as home:
        lessons = Path(home) / "lessons"
        lessons.mkdir()
        shutil.copy(transcript, lessons / transcript.name)  # a lesson's transcript is read inside its folder
        (lessons / "memory.md").write_text(LESSON.format(name=transcript.name), encoding="utf-8")
        env = {**os.environ, "HOME": home, "STUDYTUI_NOTES": f"{home}/notes", "TERM": "xterm-256color"}
        env.pop("TMUX", None)

        def tmux(*args: str) -> str:
            return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, env=env).stdout

        def screen_line() -> str | None:
            for line in tmux("capture-pane", "-p", "-t", "b").splitlines():
                if any(words in line for words in shown):
                    return line.strip(" │┃")
            return None

        tmux("-f", "/dev/null", "new-session", "-d", "-s", "b", "-x", "160", "-y", "45", "-c", home,
             str(STUDYTUI), str(lessons))
        try:
            pid = tmux("display-message", "-p", "-t", "b", "#{pane_pid}").strip()
            deadline = time.monotonic() + 120
            while "kernel: idle" not in tmux("capture-pane", "-p", "-t", "b") and time.monotonic() < deadline:
                time.sleep(0.1)
            tmux("send-keys", "-t", "b", "F8")
            line = None
            while (line := screen_line()) is None and time.monotonic() < deadline:
                time.sleep(0.1)
            time.sleep(1.0)  # the pane drawn with what was read
            status = Path(f"/proc/{pid}/status").read_text()
            peak_kb = next(int(row.split()[1]) for row in status.splitlines() if row.startswith("VmHWM:"))
        finally:
            tmux("send-keys", "-t", "b", "C-q")
            deadline = time.monotonic() + 15
            while tmux("list-sessions") and time.monotonic() < deadline:
                time.sleep(0.05)
            tmux("kill-server")
    return peak_kb / 1024, line or "(nothing shown in 120 s)"


def main() -> None:
    from studytui.core.transcripts import LARGEST_TRANSCRIPT

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        cases = [
            ("empty process (imports only)", "none"),
            ("2.5 h lecture, 3,000 cues", lecture(root / "lecture.vtt")),
            ("105,000 cues, just under the size", lecture(root / "many.vtt", 105_000)),
            ("one cue, one 27 MB line", one_line_cue(root / "long.vtt", 27_000_000)),
            ("27 MB, no line break", no_line_break(root / "flat.vtt", 27_000_000)),
            (f"one cue, one line of {(LARGEST_TRANSCRIPT - 100) / 1e6:.1f} MB",
             one_line_cue(root / "limit.vtt", LARGEST_TRANSCRIPT - 100)),
        ]
        print(f"{'case':<36} {'file':>9} {'peak RSS':>10}  read")
        for name, path in cases:
            size = Path(path).stat().st_size / 1e6 if path != "none" else 0
            measured = peak(path)
            said = "; ".join([measured["said"], *measured["problems"][:2]]).strip("; ")
            print(f"{name:<36} {size:>6.1f} MB {measured['peak_mb']:>7.0f} MB  {said}")
        print()
        print("the app in tmux, transcript pane shown (f8)")
        for name, path in (cases[1], cases[2], cases[3], cases[5]):
            megabytes, line = peak_in_app(Path(path), ("lines", "could not be read", "Not read"))
            print(f"{name:<36} {Path(path).stat().st_size / 1e6:>6.1f} MB {megabytes:>7.0f} MB  {line[:70]}")


if __name__ == "__main__":
    main()
