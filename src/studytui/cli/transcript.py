"""`studytui transcript fetch [LESSON|--course C|--all]`: captions downloaded with yt-dlp."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from studytui.cli.common import command_library, command_settings
from studytui.config import OutsideWorkspace, path_inside
from studytui.user_config import load_user_config


def transcript(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="studytui transcript",
        description="Download lessons' captions with yt-dlp into <notes>/transcripts/, where the app finds them.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    fetch = commands.add_parser("fetch", help="fetch the captions of a lesson, a course or every lesson")
    which = fetch.add_mutually_exclusive_group(required=True)
    which.add_argument("lesson", nargs="?", help="lesson id")
    which.add_argument("--course", metavar="C", help="every lesson of a course (its id or title)")
    which.add_argument("--all", action="store_true", help="every lesson with an online video")
    fetch.add_argument("--lessons", type=Path, metavar="DIR", help="lessons folder (default as for studytui)")
    fetch.add_argument("--notes", type=Path, metavar="DIR", help="notes folder (default as for studytui)")
    args = parser.parse_args(argv)
    from studytui.core.text import clean_text
    from studytui.core.transcripts import INSTALL_HINT, TRANSCRIPTS_FOLDER, fetch_captions, host_of, yt_dlp_command

    config = load_user_config()
    settings = command_settings(args.lessons, args.notes, config)
    library = command_library(settings)
    if args.lesson:
        lesson = library.find(args.lesson)
        lessons = [lesson] if lesson is not None else []
    elif args.course:
        lessons = [
            lesson for course in library.courses() if args.course in (course.id, course.title)
            for lesson in course.lessons
        ]
    else:
        lessons = list(library.lessons)
    if not lessons:
        print(f"studytui transcript: no lesson or course {args.lesson or args.course!r} here", file=sys.stderr)
        return 2
    online = [lesson for lesson in lessons if lesson.video and "://" in lesson.video]
    if not online:
        print("studytui transcript: none of these lessons has an online video to fetch captions from", file=sys.stderr)
        return 2
    yt_dlp = yt_dlp_command()
    if yt_dlp is None:
        print(f"studytui transcript: {INSTALL_HINT}", file=sys.stderr)
        return 2
    if len(online) < len(lessons):
        print(f"({len(lessons) - len(online)} lessons without an online video skipped)", flush=True)
    try:  # a transcripts folder that is a link out of the notes folder is not written through
        folder = path_inside(settings.notes_dir, TRANSCRIPTS_FOLDER)
    except OutsideWorkspace as refused:
        print(f"studytui transcript: nothing fetched: {refused}", file=sys.stderr)
        return 2
    language = config.get("transcript_language")
    failed = 0
    for number, lesson in enumerate(online, start=1):
        print(f"[{number}/{len(online)}] {lesson.id}: fetching {language} captions...", flush=True)
        outcome = fetch_captions(yt_dlp, lesson.video or "", lesson.id, folder, language)
        if outcome.offline:
            print(f"studytui transcript: offline: cannot reach {host_of(lesson.video or '')}; nothing more fetched.")
            return 1
        if outcome.error:  # yt-dlp's words (and the site's, through it): data, like the file names
            failed += 1
            print(f"    failed: {clean_text(outcome.error)}")
        elif outcome.files:
            print("    " + clean_text(", ".join(str(path) for path in outcome.files)))
        else:
            print(f"    no {language} captions for this video")
    return 1 if failed else 0
