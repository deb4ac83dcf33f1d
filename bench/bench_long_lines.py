"""Long lines and large notes files in a real terminal: how long seven keys typed into the notes
take to show, and where a file opens read-only instead. Prints a table; asserts nothing.

    .venv/bin/python bench/bench_long_lines.py
    git archive BEFORE src | tar -x -C /tmp/before
    .venv/bin/python bench/bench_long_lines.py --src before=/tmp/before/src --src now=src

Each case is a fresh home whose notes file for the first lesson holds `# My notes` and then
either one line of N characters ("line") or N bytes of ordinary 70-character notes ("file").
studytui starts on it in a private tmux server (160x45); once the notes pane shows, seven keys
are sent in one write and the time until all seven show is measured (tmux is polled every
millisecond). A file past the limits opens read-only: the figure is then the time from launch
to the read-only notice, and no keys are typed. A case still running after --limit seconds is
stopped and shown as "> limit".
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_terminal import Tmux, first_lesson_id, wait_until

STUDYTUI = Path(sys.executable).with_name("studytui")
LESSONS = Path(__file__).resolve().parents[1] / "lessons"
CASES = (
    ("line", 1_000), ("line", 5_000), ("line", 10_000), ("line", 20_000), ("line", 100_000),
    ("line", 1_000_000), ("line", 10_000_000), ("file", 1_000_000), ("file", 2_000_000), ("file", 8_000_000),
)
NOTE = "- [12:34] a note in my own words about gradients and such, for the lecture\n"


def notes_text(kind: str, size: int) -> str:
    if kind == "line":
        return "# My notes\n\n" + "x" * size + "\n"
    return "# My notes\n\n" + NOTE * (size // len(NOTE))


def command_for(src: str | None) -> list[str]:
    if src is None:
        return [str(STUDYTUI), "--pass", "2"]
    code = "import sys; sys.path.insert(0, sys.argv.pop(1)); from studytui.cli import main; sys.exit(main())"
    # A src/ folder alone has no bundled lessons beside it: the repository's are named.
    return [sys.executable, "-c", code, str(Path(src).resolve()), str(LESSONS), "--pass", "2"]


def one_run(src: str | None, kind: str, size: int, lesson: str, limit: float) -> tuple[str, float | None]:
    """("keys", seconds for seven keys to show) or ("read-only", seconds from launch to the notice)."""
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as home_name:
        home = Path(home_name)
        notes = home / "notes" / f"{lesson}.md"
        notes.parent.mkdir(parents=True)
        notes.write_text(notes_text(kind, size), encoding="utf-8")
        term = Tmux(home)
        try:
            started = time.perf_counter()
            term.start(command_for(src))
            if wait_until(lambda: "notes  f3" in term.screen(), timeout=limit) is None:
                return "never drawn", None
            if "read-only" in term.screen() or wait_until(lambda: "read-only" in term.screen(), timeout=2) is not None:
                return "read-only", time.perf_counter() - started
            term.keys("F3")
            before = term.screen().count("Q")
            sent = time.perf_counter()
            term.keys("QQQQQQQ")
            if wait_until(lambda: term.screen().count("Q") >= before + 7, timeout=limit) is None:
                return "keys", None
            return "keys", time.perf_counter() - sent
        finally:
            term.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", action="append", default=[], metavar="LABEL=PATH",
                        help="a src/ folder to run (default: the installed studytui)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=float, default=90.0)
    args = parser.parse_args()
    builds: list[tuple[str, str | None]] = [
        (label, path) for label, path in (entry.split("=", 1) for entry in args.src)
    ] or [("studytui", None)]
    lesson = first_lesson_id()
    print(f"{'case':>22}" + "".join(f"{label:>28}" for label, _ in builds))
    for kind, size in CASES:
        row = f"{kind} {size:>12,}".rjust(22)
        for _, src in builds:
            runs = [one_run(src, kind, size, lesson, args.limit) for _ in range(args.rounds)]
            what = runs[0][0]
            times = [seconds for _, seconds in runs if seconds is not None]
            if len(times) < len(runs):
                cell = f"{what} > {args.limit:.0f} s"
            else:
                cell = f"{what} {statistics.median(times) * 1000:,.0f} ms"
            row += f"{cell:>28}"
        print(row, flush=True)
    print("(medians; 'keys': seven keys sent at once until all show; 'read-only': launch to the notice)")


if __name__ == "__main__":
    main()
