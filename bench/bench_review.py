"""What review costs: counting due cards for the outline's marks, reading schedules, exporting to Anki.

A copy of the bundled curriculum's lesson ids with a notes file each (2 KB, 20 KB, 200 KB; one card
in four notes), beside the anchor measured in the same run: reading the same files and finding their
stamps (`parse_stamps`, what every autosave already does). "after a save" recounts one lesson, as
the app does when its notes are saved; every lesson is recounted at start and after a review. Prints medians and ratios, asserts nothing.

    .venv/bin/python bench/bench_review.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from studytui.config import Settings, bundled_lessons_dir
from studytui.core.lessons import load_library
from studytui.core.notes import parse_stamps
from studytui.core.review import ReviewDeck, ReviewSession, store_card_id, write_apkg
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
            settings = Settings(lessons_dir=bundled_lessons_dir(), notes_dir=Path(folder))
            text = notes_text(size_kb)
            for lesson in library.lessons:
                settings.notes_path(lesson.id).write_text(text, encoding="utf-8")
            log = StudyLog(settings.study_log_path)
            deck = ReviewDeck(library, settings.notes_path, log)
            cards = deck.cards()
            # Grade the first 500 cards so the schedules table is not empty.
            session = ReviewSession(deck, lambda card: store_card_id(settings.notes_path(card.lesson_id), card))
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
                deck.due_by_lesson(list(lessons), log.reviews.schedules())

            runs = 10 if size_kb < 200 else 3
            base = median_ms(anchor, runs=runs)
            marks = median_ms(due_marks, runs=runs)
            one = median_ms(lambda: due_marks(tuple(library.lessons[:1])), runs=20)
            schedules = median_ms(log.reviews.schedules, runs=20)
            out = Path(folder) / "deck.apkg"
            started = time.perf_counter()
            write_apkg(cards[:2000], out)
            export = (time.perf_counter() - started) * 1000
            print(f"{size_kb:>9} KB {len(cards):>7} {base:>17.1f} ms {marks:>16.1f} ms {marks / base:>5.2f}x {one:>10.2f} ms "
                  f"{schedules:>12.2f} ms {grade_ms:>6.2f} ms {export:>10.0f} ms ({min(2000, len(cards))} cards)")
            log.close()


if __name__ == "__main__":
    main()
