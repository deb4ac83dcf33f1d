"""Search as you type in a real terminal: a word typed in the transcript pane until its match shows.

The installed `studytui` in a private tmux server (160x45) over a lesson with a 2.5 h transcript
(3,000 cues). Beside it in the same run, the anchor: the same burst typed into the notes until it
shows there (the editor's echo). Prints medians and the ratio; asserts nothing.

    .venv/bin/python bench/bench_transcript_terminal.py [runs]
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from bench_transcripts import VOCABULARY, vtt_time

STUDYTUI = Path(sys.executable).with_name("studytui")
LESSON = """\
---
id: long-lecture
title: A long lecture
course: Bench
duration: "2:30:00"
transcript: long.vtt
---
## 00:00 start
"""


def write_long_transcript(path: Path, runs: int) -> None:
    rng = random.Random(3)
    blocks = ["WEBVTT", ""]
    for number in range(3000):
        start = number * 3.0
        words = " ".join(rng.choice(VOCABULARY) for _ in range(9))
        if number % (3000 // runs) == 7:
            words += f" tok{number // (3000 // runs):02d}"  # a word said once: one match to wait for
        blocks += [f"{vtt_time(start)} --> {vtt_time(start + 3.0)}", words, ""]
    path.write_text("\n".join(blocks), encoding="utf-8")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    socket = f"studytui-bench-{uuid.uuid4().hex[:8]}"
    with tempfile.TemporaryDirectory() as home:
        lessons = Path(home) / "lessons"
        lessons.mkdir()
        (lessons / "long.md").write_text(LESSON, encoding="utf-8")
        write_long_transcript(lessons / "long.vtt", runs)
        env = {**os.environ, "HOME": home, "STUDYTUI_NOTES": f"{home}/notes", "TERM": "xterm-256color"}
        env.pop("TMUX", None)

        def tmux(*args: str) -> str:
            return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, env=env).stdout

        def until_shown(text: str, timeout: float = 10.0) -> float:
            started = time.perf_counter()
            while text not in tmux("capture-pane", "-p", "-t", "b"):
                if time.perf_counter() - started > timeout:
                    raise SystemExit(f"{text!r} never showed")
                time.sleep(0.002)
            return (time.perf_counter() - started) * 1000

        tmux("-f", "/dev/null", "new-session", "-d", "-s", "b", "-x", "160", "-y", "45", "-c", home,
             str(STUDYTUI), str(lessons))
        try:
            until_shown("kernel: idle", 60)
            tmux("send-keys", "-t", "b", "F8")
            until_shown("long.vtt · 3000 lines")
            search, echo = [], []
            for number in range(runs):
                word = f"tok{number:02d}"
                started = time.perf_counter()
                tmux("send-keys", "-t", "b", word)
                until_shown(f"1 match for '{word}'")
                search.append((time.perf_counter() - started) * 1000)
                tmux("send-keys", "-t", "b", *["BSpace"] * len(word))
                until_shown("long.vtt · 3000 lines")
            tmux("send-keys", "-t", "b", "F3", "C-n")
            for number in range(runs):
                word = f"note{number:02d}"
                started = time.perf_counter()
                tmux("send-keys", "-t", "b", word, "Enter")
                until_shown(word)
                echo.append((time.perf_counter() - started) * 1000)
        finally:
            tmux("send-keys", "-t", "b", "C-q")  # quit cleanly: it writes the notes on the way out
            deadline = time.perf_counter() + 15
            while tmux("list-sessions") and time.perf_counter() < deadline:
                time.sleep(0.02)
            tmux("kill-server")
    search_ms, echo_ms = statistics.median(search), statistics.median(echo)
    print(f"{'typed 5 characters (one burst) until shown':<48} {'median':>8} {'max':>8}")
    print(f"{'transcript pane: search 3,000 cues, list match':<48} {search_ms:>5.0f} ms {max(search):>5.0f} ms")
    print(f"{'notes editor: echo (anchor)':<48} {echo_ms:>5.0f} ms {max(echo):>5.0f} ms")
    print(f"search / echo: {search_ms / echo_ms:.2f}x over {runs} runs")


if __name__ == "__main__":
    main()
