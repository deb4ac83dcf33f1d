"""The `studytui` command: launch the app, or check a lessons folder."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from studytui import __version__
from studytui.config import KERNEL_ENV, NOTES_ENV, Settings, default_lessons_dir, default_notes_dir
from studytui.core.study import WorkspaceBusy, WorkspaceLock
from studytui.user_config import UserConfig, load_user_config

if TYPE_CHECKING:
    from studytui.core.kernel import KernelSession


def _launch_parser(config: UserConfig) -> argparse.ArgumentParser:
    notes_default = notes_dir_without_flag(config)
    parser = argparse.ArgumentParser(
        prog="studytui",
        description=(
            "A study companion for the second pass through a video lesson: the lesson outline, "
            "timestamped notes and a live Python kernel on one screen."
        ),
        epilog=(
            f"Notes are saved as one markdown file per lesson in {notes_default} "
            f"(change it with --notes DIR or the {NOTES_ENV} environment variable). "
            f"Options are read from {config.path} (see docs/configuration.md). "
            "Other commands: `studytui check-lessons DIR` reports every problem in a lessons folder; "
            "`studytui export LESSON` writes a markdown digest of a lesson."
        ),
    )
    parser.add_argument(
        "lessons_dir",
        nargs="?",
        type=Path,
        help="folder of lesson markdown files (default: ./lessons if present, else the bundled curriculum)",
    )
    parser.add_argument(
        "--notes", type=Path, metavar="DIR", help=f"notes folder (default: {notes_default})"
    )
    parser.add_argument(
        "--kernel",
        default=None,
        metavar="NAME",
        help=f"Jupyter kernelspec to start (default: python3, or {KERNEL_ENV})",
    )
    parser.add_argument(
        "--existing",
        type=Path,
        metavar="CONNECTION_FILE",
        help="attach to a running kernel (as `jupyter console --existing`); quitting leaves it running",
    )
    parser.add_argument(
        "--pass",
        dest="study_pass",
        type=int,
        choices=(1, 2),
        help="start the lesson in pass 1 (just watch) or pass 2 (notes and code)",
    )
    parser.add_argument(
        "--player",
        choices=("stopwatch", "mpv"),
        default=None,
        help="the lesson clock: a stopwatch (default), or the mpv video player playing the lesson's video",
    )
    parser.add_argument(
        "--mpv-socket",
        type=Path,
        metavar="PATH",
        help="drive an mpv already started with --input-ipc-server=PATH (quitting leaves it running)",
    )
    parser.add_argument("--version", action="version", version=f"studytui {__version__}")
    return parser


def _check_lessons(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="studytui check-lessons",
        description="Report every problem in a lessons folder as file:line: message.",
    )
    parser.add_argument("lessons_dir", type=Path, nargs="?", default=None)
    args = parser.parse_args(argv)
    from studytui.core.lessons import check_lessons, load_library

    root = args.lessons_dir or default_lessons_dir()
    if not root.is_dir():
        print(f"{root}: not a folder", file=sys.stderr)
        return 2
    problems = check_lessons(root)
    for problem in problems:
        print(problem)
    library = load_library(root)
    summary = f"{len(library.lessons)} lessons, {len(library.broken)} broken, {len(problems)} problems"
    print(summary, file=sys.stderr)
    return 1 if problems else 0


def _export(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="studytui export",
        description="Write one markdown digest of a lesson: notes, open questions, exercises, code.",
    )
    parser.add_argument("lesson", help="lesson id (the notes file's name without .md)")
    parser.add_argument("--lessons", type=Path, metavar="DIR", help="lessons folder (default as for studytui)")
    parser.add_argument("--notes", type=Path, metavar="DIR", help="notes folder (default as for studytui)")
    parser.add_argument("--out", type=Path, metavar="FILE", help="where to write (default: <notes>/digests/)")
    args = parser.parse_args(argv)
    from studytui.core.notes import write_digest
    from studytui.core.lessons import load_library
    from studytui.core.study import StudyLog

    config = load_user_config()
    lessons_dir = args.lessons or default_lessons_dir()
    library = load_library(lessons_dir)
    lesson = library.find(args.lesson)
    if lesson is None:
        known = ", ".join(sorted(l.id for l in library.lessons))
        print(f"studytui export: no lesson '{args.lesson}' in {lessons_dir}. Known: {known}", file=sys.stderr)
        return 2
    notes_dir = (args.notes or notes_dir_without_flag(config)).expanduser().resolve()
    settings = Settings(lessons_dir=lessons_dir, notes_dir=notes_dir)
    log = StudyLog(settings.study_log_path)
    try:
        path = write_digest(settings, lesson, log, args.out)
    except OSError as error:
        print(f"studytui export: cannot write the digest: {error}", file=sys.stderr)
        return 1
    finally:
        log.close()
    print(path)
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "check-lessons":
        return _check_lessons(argv[1:])
    if argv and argv[0] == "export":
        return _export(argv[1:])
    config = load_user_config()
    args = _launch_parser(config).parse_args(argv)
    lessons_dir = args.lessons_dir or default_lessons_dir()
    if not lessons_dir.is_dir():
        print(f"studytui: {lessons_dir} is not a folder", file=sys.stderr)
        return 2
    settings = settings_from(args, config, lessons_dir)
    lock = WorkspaceLock(settings.workspace_dir / "lock")
    try:
        lock.acquire()
    except WorkspaceBusy as busy:
        print(
            f"studytui: {busy}.\nClose it first, or open another notes folder with --notes DIR.",
            file=sys.stderr,
        )
        return 1
    except OSError as error:
        print(f"studytui: cannot use the notes folder {settings.notes_dir}: {error}", file=sys.stderr)
        return 1
    # A repaint waits for the next frame tick: at 120 a second a key or a result waits ~4 ms
    # on average instead of ~8 (frames are drawn only when something changed).
    os.environ.setdefault("TEXTUAL_FPS", "120")
    try:
        kernel = _kernel_booting(settings)  # boots while the screen below is imported and built
        from studytui.ui.app import StudyApp

        StudyApp(settings, kernel).run()
    finally:
        lock.release()
    return 0


def _kernel_booting(settings: Settings) -> KernelSession:
    from studytui.core.kernel import kernel_session_for

    kernel = kernel_session_for(settings)
    kernel.launch_now()
    return kernel


def notes_dir_without_flag(config: UserConfig) -> Path:
    """STUDYTUI_NOTES, else the config file's notes_dir, else the documents folder."""
    configured = config.get("notes_dir")
    if configured and not os.environ.get(NOTES_ENV):
        return Path(configured).expanduser()
    return default_notes_dir()


def settings_from(args: argparse.Namespace, config: UserConfig, lessons_dir: Path) -> Settings:
    """Command line first, then the environment, then the config file, then the defaults."""
    return Settings(
        lessons_dir=lessons_dir.resolve(),
        notes_dir=(args.notes or notes_dir_without_flag(config)).expanduser().resolve(),
        kernel_name=args.kernel or os.environ.get(KERNEL_ENV) or config.get("kernel") or "python3",
        existing_kernel=args.existing.expanduser().resolve() if args.existing else None,
        pause_on_note=config.get("pause_on_note"),
        stamp_offset=float(config.get("stamp_offset")),
        refuse_paste_code=config.get("refuse_paste_code"),
        refuse_paste_notes=config.get("refuse_paste_notes"),
        notes_paste_limit=config.get("notes_paste_limit"),
        start_pass=args.study_pass,
        keymap=dict(config.get("keys")),
        config_problems=config.problems,
        player=args.player or config.get("player"),
        mpv_socket=_path_or_none(args.mpv_socket or config.get("mpv_socket")),
        video_overrides={str(k): str(v) for k, v in config.get("videos").items()},
    )


def _path_or_none(value: Path | str | None) -> Path | None:
    return Path(value).expanduser() if value else None


if __name__ == "__main__":
    raise SystemExit(main())
