"""What a learner feels at the keyboard, in a real terminal: studytui beside jupyter console, vim and
a bare Textual TextArea app, each in its own private tmux server (160x45), runs interleaved.

Figures (medians; the machine is shared, so read the ratios rather than the absolute times):

- launch to the answer of ``1+1``: from starting the program, wait until its input is on screen,
  type ``1+1`` and Enter in one write, until ``Out[1]: 2`` is on screen. Twice: the first launch in
  a new home, and a launch again in a home kept across rounds (as a learner launches every day:
  caches, history and notes from the launches before);
- ``1+1`` + Enter (one write) to ``Out[n]: 2`` on screen, then the same after 3,000 lines of output;
- a key typed at the top of a 2,000-line and a 10,000-line notes file to its echo (studytui's notes
  editor beside vim).

The screen is polled with ``tmux capture-pane`` (a few ms per poll, the same for every program).
Prints numbers; asserts nothing.

    .venv/bin/python bench/bench_terminal.py [--rounds N] [--studytui LABEL=PATH ...]

Several ``--studytui`` give a side-by-side of two builds in the same run (e.g. before and after a
change: install the older commit into another venv and pass its ``bin/studytui``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

BIN = Path(sys.executable).parent
FLOOR_APP = Path(__file__).with_name("textarea_floor.py")
KERNEL_FLOOR = Path(__file__).with_name("kernel_floor.py")  # the same kernel session, no study screen
ROUND_TRIPS = 10
NOTE_KEYS = 15
ANSWER = re.compile(r"Out\[(\d+)\]: 2")
FLOOD = 'print("\\n".join(map(str, range(3000))))'


class Tmux:
    """A private tmux server with one window running one program."""

    def __init__(self, home: Path) -> None:
        self.socket = f"bench-terminal-{uuid.uuid4().hex[:8]}"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")}
        self.env.update(HOME=str(home), TERM="xterm-256color", STUDYTUI_NOTES=str(home / "notes"))
        self.home = home

    def run(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, env=self.env
        ).stdout

    def start(self, command: list[str]) -> None:
        self.run("-f", "/dev/null", "new-session", "-d", "-s", "b", "-x", "160", "-y", "45",
                 "-c", str(self.home), *command)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "b")

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "b", *keys)

    def close(self) -> None:
        """End the program (its pane closes: SIGHUP) and wait until it has exited."""
        pid = self.run("display-message", "-p", "-t", "b", "#{pane_pid}").strip()
        self.run("kill-server")
        if pid.isdigit():
            wait_until(lambda: not Path(f"/proc/{pid}").exists(), timeout=20)


def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> float | None:
    """Seconds until ``condition`` held (polled as fast as tmux answers), None on timeout."""
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > timeout:
            return None
        time.sleep(0.001)
    return time.perf_counter() - started


class Subject:
    """A program that answers ``1+1``: how to start it and what its ready input looks like."""

    def __init__(self, name: str, command: list[str], ready: str, focus: tuple[str, ...] = ()) -> None:
        self.name, self.command, self.ready, self.focus = name, command, ready, focus

    def session(self, figures: dict[str, list[float]]) -> None:
        """A first launch (a new home): the launch figure, then the round trips."""
        with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as home:
            term = Tmux(Path(home))
            try:
                self._measure(term, figures)
            finally:
                term.close()

    def launch_again(self, home: Path, figures: dict[str, list[float]]) -> None:
        """A launch in a home used by the launches before (caches, history and notes in place)."""
        term = Tmux(home)
        try:
            started = self._started_and_typed(term)
            if started is not None and wait_until(lambda: "Out[1]: 2" in term.screen()) is not None:
                figures["launch again (same home) to the answer of 1+1"].append(time.perf_counter() - started)
        finally:
            term.close()

    def _started_and_typed(self, term: Tmux, shown: list[float] | None = None) -> float | None:
        """Start the program and type `1+1` Enter once its input shows: when it started (None if
        its input never showed). The time its input took to show goes into `shown`, if given."""
        started = time.perf_counter()
        term.start(self.command)
        if wait_until(lambda: self.ready in term.screen()) is None:
            print(f"  {self.name}: never showed {self.ready!r}", file=sys.stderr)
            return None
        if shown is not None:
            shown.append(time.perf_counter() - started)
        term.keys(*self.focus, "1+1", "Enter")
        return started

    def _measure(self, term: Tmux, figures: dict[str, list[float]]) -> None:
        started = self._started_and_typed(term, figures["launch to its input on screen"])
        if started is None:
            return
        if wait_until(lambda: "Out[1]: 2" in term.screen()) is not None:
            figures["launch to the answer of 1+1"].append(time.perf_counter() - started)
            count = 1
        else:  # the first cell was lost: no launch figure, but the round trips still count
            print(f"  {self.name}: no answer to the first 1+1", file=sys.stderr)
            term.keys("1+1", "Enter")
            if wait_until(lambda: ANSWER.search(term.screen()) is not None) is None:
                return
            count = max(int(n) for n in ANSWER.findall(term.screen()))
        count = self._round_trips(term, count, figures["1+1 round trip"])
        term.keys(FLOOD, "Enter")
        count += 1
        wait_until(lambda: "2999" in term.screen())
        self._round_trips(term, count, figures["1+1 round trip after 3,000 lines"])

    def _round_trips(self, term: Tmux, count: int, into: list[float]) -> int:
        for _ in range(ROUND_TRIPS):
            count += 1
            answer = f"Out[{count}]: 2"
            term.keys("1+1", "Enter")
            took = wait_until(lambda: answer in term.screen(), timeout=10)
            if took is None:
                print(f"  {self.name}: {answer!r} never shown", file=sys.stderr)
                return count
            into.append(took)
        return count


class NotesSubject:
    """A program that edits a long notes file: how to start it on the file and get typing at its top."""

    def __init__(self, name: str, command: Callable[[Path], list[str]], ready: str,
                 before_typing: tuple[str, ...] = (), typing_ready: str = "") -> None:
        self.name, self.command, self.ready = name, command, ready
        self.before_typing, self.typing_ready = before_typing, typing_ready

    def session(self, lines: int, figures: dict[str, list[float]], lesson_id: str) -> None:
        with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as home_name:
            home = Path(home_name)
            notes = home / "notes" / f"{lesson_id}.md"
            notes.parent.mkdir(parents=True)
            notes.write_text(long_notes(lines))
            term = Tmux(home)
            try:
                term.start(self.command(notes))
                if wait_until(lambda: self.ready in term.screen()) is None:
                    print(f"  {self.name}: never showed {self.ready!r}", file=sys.stderr)
                    return
                if self.before_typing:
                    term.keys(*self.before_typing)
                    wait_until(lambda: self.typing_ready in term.screen())
                for _ in range(NOTE_KEYS):
                    shown = term.screen().count("Q")
                    term.keys("Q")
                    took = wait_until(lambda: term.screen().count("Q") > shown, timeout=10)
                    if took is not None:
                        figures[f"a key in a {lines:,}-line notes file"].append(took)
            finally:
                term.close()


def long_notes(lines: int) -> str:
    body = [f"- [{i // 3600}:{i // 60 % 60:02d}:{i % 60:02d}] a note in my own words about step {i} of the lecture"
            for i in range(lines - 2)]
    return "# My notes\n\n" + "\n".join(body) + "\n"


def first_lesson_id() -> str:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from studytui.config import default_lessons_dir
    from studytui.core.lessons import load_library

    library = load_library(default_lessons_dir())
    return library.courses()[0].lessons[0].id


def show(table: dict[str, dict[str, list[float]]], anchors: tuple[str, ...]) -> None:
    names = list(table)
    figures = list(dict.fromkeys(f for name in names for f in table[name]))
    print(f"{'figure':40s}" + "".join(f"{name:>24s}" for name in names))
    for figure in figures:
        row = f"{figure:40s}"
        anchor = next((a for a in anchors if table.get(a, {}).get(figure)), "")
        base = table.get(anchor, {}).get(figure)
        for name in names:
            values = table[name].get(figure)
            if not values:
                row += f"{'':>24s}"
                continue
            median = statistics.median(values) * 1000
            cell = f"{median:.0f} ms"
            if base and name != anchor:
                cell += f" ({median / (statistics.median(base) * 1000):.2f}x)"
            row += f"{cell:>24s}"
        print(row)
    print(f"(medians; ratios against the first of {', '.join(anchors)} measured for the row)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--studytui", action="append", default=[], metavar="LABEL=PATH")
    parser.add_argument("--skip-notes", action="store_true")
    parser.add_argument("--skip-code", action="store_true", help="only the notes-typing figures")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("needs tmux")
    builds = [[label, str(Path(path).absolute())] for label, path in (e.split("=", 1) for e in args.studytui)] or [["studytui", str(BIN / "studytui")]]
    subjects = [
        Subject(label, [path, "--pass", "2"], "code  f4", focus=("F4",)) for label, path in builds  # at work: pass 2
    ]
    console = BIN / "jupyter-console"
    if console.exists():
        subjects.append(Subject("jupyter console", [str(console), "--simple-prompt"], "In [1]:"))
    euporie = shutil.which("euporie-console") or (BIN / "euporie-console")
    if Path(euporie).exists():
        subjects.append(Subject("euporie-console", [str(euporie)], "In [1]:"))
    subjects.append(Subject("bare TextArea app", [sys.executable, str(FLOOR_APP)], "ready"))
    # The first build's own interpreter: its studytui is installed with its bytecode.
    build_python = Path(builds[0][1]).parent / "python"
    subjects.append(Subject("code cell alone", [str(build_python), str(KERNEL_FLOOR)], "ready"))
    if args.skip_code:
        subjects = []
    table: dict[str, dict[str, list[float]]] = {label: defaultdict(list) for label, _ in builds}
    table.update({s.name: defaultdict(list) for s in subjects})
    notes_subjects: list[NotesSubject] = []
    if not args.skip_notes:
        notes_subjects = [
            NotesSubject(label, lambda notes, path=path: [path, "--pass", "2"], "notes  f3") for label, path in builds
        ]
        if shutil.which("vim"):
            notes_subjects.append(NotesSubject(
                "vim", lambda notes: ["vim", "-u", "NONE", "-N", "-n", str(notes)], "My notes",
                before_typing=("g", "g", "i"), typing_ready="-- INSERT --",
            ))
            table.setdefault("vim", defaultdict(list))
    lesson_id = first_lesson_id()
    homes = {subject.name: Path(tempfile.mkdtemp(prefix="bench-home-")) for subject in subjects}
    for subject in subjects:  # the first launch in each home is not measured: it fills the caches
        subject.launch_again(homes[subject.name], defaultdict(list))
    for round_number in range(args.rounds):
        print(f"round {round_number + 1}/{args.rounds}", file=sys.stderr)
        for subject in subjects:
            subject.session(table[subject.name])
            subject.launch_again(homes[subject.name], table[subject.name])
        for lines in (2_000, 10_000):
            for notes_subject in notes_subjects:
                notes_subject.session(lines, table[notes_subject.name], lesson_id)
    for home in homes.values():
        shutil.rmtree(home, ignore_errors=True)
    show(table, ("jupyter console", "vim", builds[0][0]))


if __name__ == "__main__":
    main()
