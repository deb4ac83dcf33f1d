"""What review costs: counting due cards for the outline's marks, reading schedules, exporting to Anki.

A copy of the bundled curriculum's lesson ids with a notes file each (2 KB, 20 KB, 200 KB; one card
in four notes), beside the anchor measured in the same run: reading the same files and finding their
stamps (`parse_stamps`, what every autosave already does). "after a save" recounts one lesson, as
the app does when its notes are saved; every lesson is recounted at start and after a review.
Prints medians and ratios, asserts nothing.

Then `studytui export --anki` end to end (the command as a learner runs it: ids given to every card,
written into the notes, the deck written) for one lesson's notes holding N cards never exported,
the hardest case for giving ids.

    .venv/bin/python bench/bench_review.py [--export-only] [N ...]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from studytui.config import Settings, bundled_lessons_dir
from studytui.core.lessons import LessonLibrary, load_library
from studytui.core.notes import parse_stamps
from studytui.core.review import ReviewDeck, ReviewRecords, ReviewSession, store_card_id, write_apkg
from studytui.core.study import StudyLog
from timing import median_ms

NOTE_LINES = (
    "- [12:34] a note in my own words about gradients and such\n",
    "- [12:40] What does backward() accumulate? :: the gradient of the output\n",
    "- [12:50] ! the loss went up when the learning rate doubled\n",
    "- [13:00] ~ tried h = 0.0001 and the slope matched\n",
)


def notes_text(size_kb: int) -> str:
    body = "".join(NOTE_LINES)
    return "# Lesson\n\n## 10:00 chapter\n\n" + body * max(1, size_kb * 1024 // len(body))


def main() -> None:
    library = load_library(bundled_lessons_dir())
    print(f"{len(library.lessons)} lessons, one notes file each")
    print(f"{'notes/lesson':>12} {'cards':>7} {'anchor: read+stamps':>20} {'due marks (thread)':>19} "
          f"{'ratio':>6} {'after a save':>13} {'schedules (UI)':>15} {'grade':>9} {'export .apkg':>13}")
    for size_kb in (2, 20, 200):
        with tempfile.TemporaryDirectory() as folder:
            measure(library, Settings(lessons_dir=bundled_lessons_dir(), notes_dir=Path(folder)), size_kb)


def measure(library: LessonLibrary, settings: Settings, size_kb: int) -> None:
    text = notes_text(size_kb)
    for lesson in library.lessons:
        settings.notes_path(lesson.id).write_text(text, encoding="utf-8")
    log = StudyLog(settings.study_log_path)
    deck = ReviewDeck(library, settings.notes_path, log)
    cards = deck.cards()
    # Grade the first 500 cards so the schedules table is not empty.
    session = ReviewSession(deck, lambda card: store_card_id(settings.notes_path(card.lesson_id), card, log))
    session.start()
    grades = []
    for _ in range(min(500, session.remaining)):
        started = time.perf_counter()
        session.grade(3)  # a new card: its ^id written into the notes file, then the log
        grades.append(time.perf_counter() - started)
    grade_ms = statistics.median(grades) * 1000

    def anchor() -> None:
        for lesson in library.lessons:
            parse_stamps(settings.notes_path(lesson.id).read_text(encoding="utf-8"))

    def due_marks(lessons: tuple = tuple(library.lessons)) -> None:
        deck.due_by_lesson(list(lessons), ReviewRecords(log).schedules())

    runs = 10 if size_kb < 200 else 3
    base = median_ms(anchor, runs=runs)
    marks = median_ms(due_marks, runs=runs)
    one = median_ms(lambda: due_marks(tuple(library.lessons[:1])), runs=20)
    schedules = median_ms(ReviewRecords(log).schedules, runs=20)
    out = settings.notes_dir / "deck.apkg"
    started = time.perf_counter()
    write_apkg(cards[:2000], out)
    export = (time.perf_counter() - started) * 1000
    print(f"{size_kb:>9} KB {len(cards):>7} {base:>17.1f} ms {marks:>16.1f} ms {marks / base:>5.2f}x "
          f"{one:>10.2f} ms {schedules:>12.2f} ms {grade_ms:>6.2f} ms {export:>10.0f} ms "
          f"({min(2000, len(cards))} cards)")
    log.close()


def export_scaling(sizes: list[int]) -> None:
    """`studytui export --anki` of N new cards in one lesson's notes, end to end (one run each): ids
    written into the notes, and ids queued in the study log while a studytui holds the notes."""
    from studytui.core.study import WorkspaceLock

    print(f"\n{'cards':>7} {'export --anki':>14} {'studytui open':>14}")
    for count in sizes:
        lines = [f"- [{n // 3600}:{n // 60 % 60:02d}:{n % 60:02d}] question {n} about gradients :: answer {n}\n"
                 for n in range(count)]
        times = []
        for app_open in (False, True):
            with tempfile.TemporaryDirectory() as folder:
                notes = Path(folder) / "notes"
                notes.mkdir()
                (notes / "zth-01-micrograd.md").write_text("# micrograd\n\n" + "".join(lines), encoding="utf-8")
                lock = WorkspaceLock(notes / ".studytui" / "lock")
                if app_open:
                    lock.acquire()
                try:
                    times.append(_export_seconds(notes, Path(folder) / "deck.apkg"))
                finally:
                    if app_open:
                        lock.release()
        print(f"{count:>7} {times[0]:>12.2f} s {times[1]:>12.2f} s")


def _export_seconds(notes: Path, out: Path) -> float:
    import contextlib
    import io

    from studytui.cli import main as studytui

    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = studytui(["export", "--anki", "zth-01", "-o", str(out),
                         "--lessons", str(bundled_lessons_dir()), "--notes", str(notes)])
    if code != 0:
        raise SystemExit(f"export --anki failed with exit {code}")
    return time.perf_counter() - started


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if "--export-only" not in arguments:
        main()
    export_scaling([int(a) for a in arguments if a.isdigit()] or [1_000, 6_000, 10_000])
