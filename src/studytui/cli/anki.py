"""`studytui export --anki [LESSON|--course C|--all] -o FILE.apkg`: the notes' cards as an Anki deck."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from studytui.cli.common import lesson_named, notes_dir_chosen, study_log_for_command
from studytui.config import Settings, default_lessons_dir
from studytui.core.lessons import Lesson, LessonLibrary, load_library
from studytui.core.review import ReviewDeck, store_missing_ids, write_apkg
from studytui.core.study import WorkspaceBusy, WorkspaceLock
from studytui.user_config import load_user_config

COMMAND = "studytui export --anki"  # how its messages begin


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=COMMAND,
        description=(
            "Write the cards of your notes as an Anki deck (.apkg): one note per card with its lesson, "
            "chapter and a link to that second of the video. Importing a newer export updates the notes."
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

    lessons_dir = args.lessons or default_lessons_dir()
    library = load_library(lessons_dir)
    lessons = _chosen_lessons(library, args.lesson, args.course, lessons_dir)
    if lessons is None:
        return 2
    notes_dir = notes_dir_chosen(args.notes, load_user_config())
    settings = Settings(lessons_dir=lessons_dir, notes_dir=notes_dir)
    _give_cards_ids(settings, lessons)
    log = study_log_for_command(settings, COMMAND)
    if log is None:
        return 1
    try:
        cards = ReviewDeck(library, settings.notes_path, log).cards(lessons)
        count = write_apkg(cards, args.out)
    except OSError as error:
        print(f"{COMMAND}: cannot write {args.out}: {error}", file=sys.stderr)
        return 1
    finally:
        log.close()
    print(f"{args.out}: {count} card{'s' if count != 1 else ''} from {len(lessons)} lesson(s)")
    return 0


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


def _give_cards_ids(settings: Settings, lessons: list[Lesson]) -> None:
    """Write a `^id` into each card without one, so its Anki note keeps its identity when edited.

    Only while no studytui has the notes open (it would be writing the same files): otherwise
    cards without an id are matched in Anki by their words.
    """
    lock = WorkspaceLock(settings.lock_path)
    try:
        lock.acquire()
    except (WorkspaceBusy, OSError):
        print(
            "studytui is open on these notes: cards never reviewed keep no id yet, so Anki matches them "
            "by their words (editing one later adds a new note).",
            file=sys.stderr,
        )
        return
    try:
        for lesson in lessons:
            try:
                store_missing_ids(settings.notes_path(lesson.id), lesson.id)
            except OSError as error:
                print(f"cannot add card ids to {settings.notes_path(lesson.id)}: {error}", file=sys.stderr)
    finally:
        lock.release()
