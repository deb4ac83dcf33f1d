"""`studytui export [LESSON]`: one markdown digest of a lesson, or with `--notebook` its clean
notebook (`--anki` is in anki.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from studytui.cli.common import HelpFormatter, command_library, command_settings, lesson_named, study_log_for_command
from studytui.config import Settings
from studytui.user_config import load_user_config


def export_digest(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="studytui export",
        formatter_class=HelpFormatter,
        description="Write one markdown digest of a lesson: notes, open questions, exercises, code.",
        epilog="`studytui export --anki [LESSON|--course C|--all] -o FILE.apkg` writes the notes' cards as an Anki "
        "deck instead (`studytui export --anki --help`).",
    )
    parser.add_argument(
        "lesson", nargs="?", default=None,
        help="lesson id, a unique start of it, or words of its title (default: the lesson studied last)",
    )
    parser.add_argument("--lessons", type=Path, metavar="DIR", help="lessons folder (default as for studytui)")
    parser.add_argument("--notes", type=Path, metavar="DIR", help="notes folder (default as for studytui)")
    parser.add_argument("-o", "--out", type=Path, metavar="FILE", help="where to write (default: <notes>/digests/)")
    parser.add_argument(
        "--notebook", action="store_true",
        help="write the lesson's clean notebook (.ipynb) instead: the cells that ran without error, in order, "
             "renumbered, that jupyter nbconvert --execute runs through",
    )
    parser.add_argument("--all-sessions", action="store_true",
                        help="with --notebook: the cells of every kernel session, not only the last one")
    args = parser.parse_args(argv)
    if args.all_sessions and not args.notebook:
        parser.error("--all-sessions goes with --notebook")
    from studytui.core.notes import write_digest
    from studytui.core.review import unanswered_questions
    from studytui.core.study import StudyState

    settings = command_settings(args.lessons, args.notes, load_user_config())
    library = command_library(settings)
    lessons_dir, notes_dir = settings.lessons_dir, settings.notes_dir
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
    if args.notebook:
        log.close()
        return _export_notebook(settings, lesson.id, args.out, args.all_sessions)
    try:
        path = write_digest(settings, lesson, log, args.out, open_questions=unanswered_questions)
    except OSError as error:  # OutsideWorkspace included
        print(f"studytui export: cannot write the digest: {error}", file=sys.stderr)
        return 1
    finally:
        log.close()
    print(path)
    return 0


def export(argv: list[str]) -> int:
    """`studytui export`: a digest, or with --anki an Anki deck (anki.py)."""
    if "--anki" in argv:
        from studytui.cli.anki import export_anki

        return export_anki(argv)
    return export_digest(argv)


LEFT_OUT_LISTED = 20  # cells left out of a clean notebook named one a line


def _export_notebook(settings: Settings, lesson_id: str, out: Path | None, all_sessions: bool) -> int:
    from studytui.core.kernel import NothingToExport, export_lesson_notebook

    try:
        written = export_lesson_notebook(settings, lesson_id, out, all_sessions=all_sessions)
    except (OSError, ValueError, NothingToExport) as error:  # OutsideWorkspace and NotAFile included
        print(f"studytui export: no clean notebook written: {error}", file=sys.stderr)
        return 1
    print(written.summary(), file=sys.stderr)
    for line in written.left_out_lines()[:LEFT_OUT_LISTED]:
        print(f"  {line}", file=sys.stderr)
    print(written.path)
    return 0
