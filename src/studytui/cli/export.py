"""`studytui export [LESSON]`: one markdown digest of a lesson (`--anki` is in anki.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from studytui.cli.common import HelpFormatter, lesson_named, notes_dir_chosen, study_log_for_command
from studytui.config import Settings, default_lessons_dir
from studytui.user_config import load_user_config


def export_digest(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="studytui export",
        formatter_class=HelpFormatter,
        description="Write one markdown digest of a lesson: notes, open questions, exercises, code.",
    )
    parser.add_argument(
        "lesson", nargs="?", default=None,
        help="lesson id, a unique start of it, or words of its title (default: the lesson studied last)",
    )
    parser.add_argument("--lessons", type=Path, metavar="DIR", help="lessons folder (default as for studytui)")
    parser.add_argument("--notes", type=Path, metavar="DIR", help="notes folder (default as for studytui)")
    parser.add_argument("--out", type=Path, metavar="FILE", help="where to write (default: <notes>/digests/)")
    args = parser.parse_args(argv)
    from studytui.core.lessons import load_library
    from studytui.core.notes import write_digest
    from studytui.core.review import unanswered_questions
    from studytui.core.study import StudyState

    config = load_user_config()
    lessons_dir = args.lessons or default_lessons_dir()
    library = load_library(lessons_dir)
    notes_dir = notes_dir_chosen(args.notes, config)
    settings = Settings(lessons_dir=lessons_dir, notes_dir=notes_dir)
    log = study_log_for_command(settings, "studytui export")
    if log is None:
        return 1
    query = args.lesson
    if query is None:
        query = StudyState.load(log).last_lesson
        if query is None:
            print(f"studytui export: no lesson studied yet in {notes_dir}: name one (an id or words of its title).",
                  file=sys.stderr)
            log.close()
            return 2
    lesson = lesson_named(library, query, "studytui export", lessons_dir)
    if lesson is None:
        log.close()
        return 2
    try:
        path = write_digest(settings, lesson, log, args.out, open_questions=unanswered_questions)
    except OSError as error:  # OutsideWorkspace included
        print(f"studytui export: cannot write the digest: {error}", file=sys.stderr)
        return 1
    finally:
        log.close()
    print(path)
    return 0
