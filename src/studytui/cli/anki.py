"""`studytui export --anki [LESSON|--course C|--all] -o FILE.apkg`: the notes' cards as an Anki deck."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from studytui.cli.common import command_library, command_settings, lesson_named, study_log_for_command
from studytui.config import Settings
from studytui.core.lessons import Lesson, LessonLibrary
from studytui.core.review import DeckCard, GivenIds, WrittenDeck, give_cards_ids, write_apkg
from studytui.core.study import StudyLog, WorkspaceBusy, WorkspaceLock
from studytui.user_config import load_user_config

COMMAND = "studytui export --anki"  # how its messages begin


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=COMMAND,
        description=(
            "Write the cards of your notes as an Anki deck (.apkg): one note per card (both directions of a "
            "':::' card as two cards of one note) with its lesson, chapter and a link to that second of the "
            "video. Every card gets its ^id in the notes, so importing a newer export updates the notes."
        ),
    )
    parser.add_argument("--anki", action="store_true", required=True, help="write an Anki deck")
    parser.add_argument("lesson", nargs="?", help="a lesson: its id, the start of it, or words of its title")
    parser.add_argument("--course", metavar="C", help="every lesson of a course (words of its title)")
    parser.add_argument("--all", action="store_true", help="every lesson (the default)")
    parser.add_argument("-o", "--out", type=Path, metavar="FILE.apkg", required=True, help="where to write")
    parser.add_argument("--lessons", type=Path, metavar="DIR", help="lessons folder (default as for studytui)")
    parser.add_argument("--notes", type=Path, metavar="DIR", help="notes folder (default as for studytui)")
    return parser


def export_anki(argv: list[str]) -> int:
    args = _parser().parse_args(argv)

    settings = command_settings(args.lessons, args.notes, load_user_config())
    library = command_library(settings)
    lessons = _chosen_lessons(library, args.lesson, args.course, settings.lessons_dir)
    if lessons is None:
        return 2
    log = study_log_for_command(settings, COMMAND)
    if log is None:
        return 1
    try:
        given = _give_cards_ids(settings, lessons, log)
        cards = [DeckCard(card, lesson, None) for lesson in lessons for card in given.cards(lesson.id)]
        written = write_apkg(cards, args.out)
    except OSError as error:
        print(f"{COMMAND}: cannot write {args.out}: {error}", file=sys.stderr)
        return 1
    finally:
        log.close()
    for notice in [*given.notices, *written.skipped]:
        print(f"{COMMAND}: {notice}", file=sys.stderr)
    print(_summary(args.out, written, len(lessons)))
    return 0


def _summary(out: Path, written: WrittenDeck, lessons: int) -> str:
    if not written.cards:
        return f"{out}: no cards: the notes of {_count(lessons, 'lesson')} hold none"
    notes = f" ({_count(written.notes, 'note')})" if written.notes != written.cards else ""
    return f"{out}: {_count(written.cards, 'card')}{notes} from {_count(written.lessons, 'lesson')}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _chosen_lessons(library: LessonLibrary, wanted: str | None, course: str | None,
                    lessons_dir: Path) -> list[Lesson] | None:
    """The lessons whose cards to export; None (said on stderr) when the command names none."""
    if course:
        matches = [c for c in library.courses() if course.casefold() in c.title.casefold()]
        if not matches:
            courses = "; ".join(c.title for c in library.courses())
            print(f"{COMMAND}: no course matches '{course}'. Courses: {courses}", file=sys.stderr)
            return None
        return [lesson for c in matches for lesson in c.lessons]
    if not wanted:
        return list(library.lessons)
    lesson = lesson_named(library, wanted, COMMAND, lessons_dir)
    return None if lesson is None else [lesson]


def _give_cards_ids(settings: Settings, lessons: list[Lesson], log: StudyLog) -> GivenIds:
    """A `^id` for each card without one, so its Anki note keeps its identity from export to export.

    Written into the notes while no studytui has them open; otherwise queued in the study log, and
    the app writes them in (until then, every export and review takes the same ids from the queue).
    """
    lock = WorkspaceLock(settings.lock_path)
    try:
        lock.acquire()
    except (WorkspaceBusy, OSError):
        given = give_cards_ids((lesson.id for lesson in lessons), settings.notes_path, log, write=False)
        if given.queued:
            print(
                f"{COMMAND}: studytui is open on these notes: {_count(given.queued, 'new card id')} are kept in "
                "the study log for studytui to write into the notes; this deck already uses them.",
                file=sys.stderr,
            )
        return given
    try:
        return give_cards_ids(
            (lesson.id for lesson in lessons), settings.notes_path, log, write=True, root=settings.notes_dir
        )
    finally:
        lock.release()
