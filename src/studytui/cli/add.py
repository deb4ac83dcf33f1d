"""`studytui add URL|DIR`: a course of a playlist, a video or a folder of videos, in the learner's courses folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from studytui.cli.common import HelpFormatter, courses_dir_of, notes_dir_chosen
from studytui.config import OutsideWorkspace, default_courses_dir, path_inside
from studytui.user_config import UserConfig, load_user_config

if TYPE_CHECKING:
    from studytui.core.courses import AddProgress, AddReport, CourseSource

PROG = "studytui add"
SHOWN = 5  # titles listed per kind of news; the rest are counted


def add_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        formatter_class=HelpFormatter,
        description=(
            "Make a course of a YouTube playlist, a single video, any page yt-dlp understands, or a folder of "
            "videos: a course.md and one lesson file per video, in order, with its duration and its chapters. "
            "Online, only the metadata is read (no video is downloaded). Run it again to update the course: "
            "new videos are added, lessons you edited are never written over, videos gone from the source "
            "are reported and their lessons kept."
        ),
        epilog=(
            "The course goes into your courses folder (`courses` in the notes folder, or courses_dir in the "
            "config file), which studytui loads beside its own lessons. ctrl+c stops; what is written stays, "
            "and running the same command again goes on."
        ),
    )
    parser.add_argument("source", nargs="?", metavar="URL|DIR",
                        help="a playlist or video URL, a page yt-dlp reads, a folder of video files, or an "
                        "info JSON saved by `yt-dlp -J URL`")
    parser.add_argument("--to", type=Path, metavar="DIR",
                        help="the courses folder to add to (default: your courses folder)")
    parser.add_argument("--notes", type=Path, metavar="DIR", help="notes folder (default as for studytui)")
    parser.add_argument("--transcripts", action="store_true",
                        help="also fetch each video's captions (manual first, then automatic) into "
                        "<notes>/transcripts/")
    parser.add_argument("--language", metavar="CODE",
                        help="captions and subtitles language (default: transcript_language in the config, else en)")
    parser.add_argument("--load-info-json", type=Path, metavar="FILE",
                        help="read the course from an info JSON written by `yt-dlp -J URL` instead (no network)")
    return parser


def add(argv: list[str]) -> int:
    args = add_parser().parse_args(argv)
    if (args.source is None) == (args.load_info_json is None):
        print(f"{PROG}: give a URL or a folder, or --load-info-json FILE (one of them)", file=sys.stderr)
        return 2
    from studytui.core.courses import CourseSourceError, add_course, one_line
    from studytui.core.text import clean_text
    from studytui.core.transcripts import transcripts_dir

    config = load_user_config()
    notes_dir = notes_dir_chosen(args.notes, config)
    language = args.language or config.get("transcript_language")
    try:
        courses_dir = _courses_dir(args.to, config, notes_dir)
        transcripts = path_inside(notes_dir, transcripts_dir(notes_dir).name)
    except OutsideWorkspace as refused:
        print(f"{PROG}: {refused}", file=sys.stderr)
        return 2
    try:
        # A folder's subtitles are always copied in beside the fetched captions; a URL's captions
        # are fetched with --transcripts only.
        folder = args.load_info_json is None and Path(args.source).expanduser().is_dir()
        captions_dir = transcripts if args.transcripts or folder else None
        source = _source(args, language, captions_dir)
        count = f"{source.count} video{'s' if source.count != 1 else ''}" if source.count is not None else "its videos"
        print(f"Reading {clean_text(one_line(source.title))}: {count}...", flush=True)
        report = add_course(source, courses_dir, notes_dir / ".studytui", transcripts_dir=captions_dir,
                            on_progress=_show_progress)
    except CourseSourceError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"\n{PROG}: stopped before any lesson was written.", file=sys.stderr)
        return 130
    except OSError as error:
        print(f"{PROG}: cannot write the course: {error}", file=sys.stderr)
        return 1
    _show_report(report, courses_dir, config, notes_dir)
    return 130 if report.stopped else 0


def _courses_dir(to: Path | None, config: UserConfig, notes_dir: Path) -> Path:
    if to is not None:
        return to.expanduser().resolve()
    if config.get("courses_dir"):
        return courses_dir_of(config, notes_dir).resolve()
    return path_inside(notes_dir, default_courses_dir(notes_dir).name)


def _source(args: argparse.Namespace, language: str, captions_dir: Path | None) -> CourseSource:
    from studytui.core.courses import read_info_json, read_source

    if args.load_info_json is not None:
        return read_info_json(args.load_info_json, language, captions_dir)
    return read_source(args.source, language, captions_dir)


def _show_progress(progress: AddProgress) -> None:
    print(progress.line(), flush=True)


def _show_report(report: AddReport, courses_dir: Path, config: UserConfig, notes_dir: Path) -> None:
    from studytui.core.text import clean_text

    for line in report.summary(SHOWN):
        print(clean_text(line))
    if report.stopped:
        print("Stopped: what is written stays; run the same command again to go on.")
        return
    default = _courses_dir(None, config, notes_dir)
    where = "" if courses_dir == default else f" {courses_dir}"
    print(f"Open it: studytui{where}  (check it: studytui check-lessons {report.folder})")
