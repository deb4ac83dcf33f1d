"""The `studytui` command: launch the app, or check a lessons folder."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from studytui import __version__
from studytui.config import KERNEL_ENV, NOTES_ENV, Settings, default_lessons_dir, default_notes_dir
from studytui.core.study import StudyLog, WorkspaceBusy, WorkspaceLock
from studytui.startup_heap import hold_collection

if TYPE_CHECKING:
    from studytui.core.kernel import ServerAddress

TOKEN_ENV = "JUPYTER_TOKEN"  # as studytui.core.kernel.TOKEN_ENV; the kernel stack loads only when needed
from studytui.user_config import UserConfig, load_user_config

if TYPE_CHECKING:
    from studytui.core.kernel import KernelSession


class _HelpFormatter(argparse.HelpFormatter):
    """Wraps help between words only: a long path moves to its own line whole, never cut in two."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return textwrap.wrap(" ".join(text.split()), width, break_long_words=False, break_on_hyphens=False)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return textwrap.fill(" ".join(text.split()), width, initial_indent=indent, subsequent_indent=indent,
                             break_long_words=False, break_on_hyphens=False)


def _launch_parser(config: UserConfig) -> argparse.ArgumentParser:
    notes_default = notes_dir_without_flag(config)
    parser = argparse.ArgumentParser(
        prog="studytui",
        formatter_class=_HelpFormatter,
        description=(
            "A study companion for the second pass through a video lesson: the lesson outline, "
            "timestamped notes and a live Python kernel on one screen."
        ),
        epilog=(
            f"Notes are saved as one markdown file per lesson in {notes_default} "
            f"(change it with --notes DIR or the {NOTES_ENV} environment variable). "
            f"Options are read from {config.path} (see docs/configuration.md). "
            "Other commands: `studytui check-lessons DIR` reports every problem in a lessons folder; "
            "`studytui export [LESSON]` writes a markdown digest of a lesson (default: the last one studied); "
            "`studytui transcript fetch [LESSON|--course C|--all]` downloads captions with yt-dlp; "
            "`studytui review` opens on the review of due cards; "
            "`studytui export --anki [LESSON|--course C|--all] -o FILE.apkg` writes an Anki deck."
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
        "--server",
        metavar="URL",
        help="run the kernel on a Jupyter Server or gateway: the URL `jupyter server list` prints, "
        "?token= included (see docs/remote-kernels.md)",
    )
    parser.add_argument(
        "--token",
        metavar="TOKEN",
        help=f"the server's token, if not in the URL (better: the {TOKEN_ENV} environment variable, "
        "which `ps` does not show)",
    )
    parser.add_argument(
        "--kernel-id",
        metavar="ID",
        help="with --server: attach to this running kernel (from --list-kernels); quitting leaves it running",
    )
    parser.add_argument(
        "--list-kernels",
        action="store_true",
        help="with --server: print the server's kernelspecs and running kernels, then exit",
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
        formatter_class=_HelpFormatter,
        description="Report every problem in a lessons folder as file:line: message.",
    )
    parser.add_argument("lessons_dir", type=Path, nargs="?", default=None)
    args = parser.parse_args(argv)
    from studytui.core.lessons import library_problems, load_library
    from studytui.core.text import clean_text

    root = args.lessons_dir or default_lessons_dir()
    if not root.is_dir():
        print(f"{root}: not a folder", file=sys.stderr)
        return 2
    library = load_library(root)  # the app's own loader: what passes here opens there
    problems = library_problems(library)
    for problem in problems:
        print(clean_text(str(problem)))  # file names and messages quote the pack: no escapes reach the terminal
    summary = f"{len(library.lessons)} lessons, {len(library.broken)} broken, {len(problems)} problems"
    print(summary, file=sys.stderr)
    return 1 if problems else 0


def _export(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="studytui export",
        formatter_class=_HelpFormatter,
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
    from studytui.core.notes import write_digest
    from studytui.core.lessons import load_library

    from studytui.core.lessons import match_lesson
    from studytui.core.study import StudyState

    config = load_user_config()
    lessons_dir = args.lessons or default_lessons_dir()
    library = load_library(lessons_dir)
    notes_dir = (args.notes or notes_dir_without_flag(config)).expanduser().resolve()
    settings = Settings(lessons_dir=lessons_dir, notes_dir=notes_dir)
    query = args.lesson
    if query is None:
        query = StudyState.load(settings.state_path).last_lesson
        if query is None:
            print(f"studytui export: no lesson studied yet in {notes_dir}: name one (an id or words of its title).",
                  file=sys.stderr)
            return 2
    found = match_lesson(library, query)
    lesson = found.lesson
    if lesson is None:
        print(f"studytui export: no lesson matches '{query}' in {lessons_dir}.", file=sys.stderr)
        if found.candidates:
            print("Did you mean:", file=sys.stderr)
            for candidate in found.candidates:
                print(f"  {candidate.id}  ({candidate.title})", file=sys.stderr)
        return 2
    log = study_log_for_command(settings, "studytui export")
    if log is None:
        return 1
    try:
        path = write_digest(settings, lesson, log, args.out)
    except OSError as error:  # OutsideWorkspace included
        print(f"studytui export: cannot write the digest: {error}", file=sys.stderr)
        return 1
    finally:
        log.close()
    print(path)
    return 0


def _transcript(argv: list[str]) -> int:
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
    from studytui.core.lessons import load_library
    from studytui.core.transcripts import INSTALL_HINT, fetch_captions, host_of, transcripts_dir, yt_dlp_command

    config = load_user_config()
    library = load_library(args.lessons or default_lessons_dir())
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
    folder = transcripts_dir((args.notes or notes_dir_without_flag(config)).expanduser().resolve())
    language = config.get("transcript_language")
    failed = 0
    for number, lesson in enumerate(online, start=1):
        print(f"[{number}/{len(online)}] {lesson.id}: fetching {language} captions...", flush=True)
        outcome = fetch_captions(yt_dlp, lesson.video or "", lesson.id, folder, language)
        if outcome.offline:
            print(f"studytui transcript: offline: cannot reach {host_of(lesson.video or '')}; nothing more fetched.")
            return 1
        if outcome.error:
            failed += 1
            print(f"    failed: {outcome.error}")
        elif outcome.files:
            print("    " + ", ".join(str(path) for path in outcome.files))
        else:
            print(f"    no {language} captions for this video")
    return 1 if failed else 0


def study_log_for_command(settings: Settings, prog: str) -> StudyLog | None:
    """The study log for a subcommand; a damaged one is kept aside (said on stderr), None if unreadable."""
    import sqlite3

    from studytui.core.study import open_study_log

    try:
        opened = open_study_log(settings.study_log_path)
    except (OSError, sqlite3.Error) as error:
        print(f"{prog}: cannot read the study log {settings.study_log_path}: {error}", file=sys.stderr)
        return None
    if opened.notice:
        print(f"{prog}: {opened.notice}", file=sys.stderr)
    return opened.log


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "transcript":
        return _transcript(argv[1:])
    if argv and argv[0] == "check-lessons":
        return _check_lessons(argv[1:])
    if argv and argv[0] == "export" and "--anki" in argv[1:]:
        from studytui.cli_anki import export_anki

        return export_anki(argv[1:])
    if argv and argv[0] == "export":
        return _export(argv[1:])
    config = load_user_config()
    start_in_review = bool(argv) and argv[0] == "review"
    if start_in_review:
        argv = argv[1:]
    args = _launch_parser(config).parse_args(argv)
    from studytui.core.kernel import ServerAddressError

    try:
        server = server_from(args, config)
    except ServerAddressError as error:
        print(f"studytui: {error}", file=sys.stderr)
        return 2
    if (args.list_kernels or args.kernel_id) and server is None:
        print("studytui: --list-kernels and --kernel-id need --server URL", file=sys.stderr)
        return 2
    if server is not None and args.existing:
        print("studytui: --existing attaches to a local kernel; it cannot go with --server", file=sys.stderr)
        return 2
    if args.list_kernels:
        return list_server_kernels(server)
    if server is not None and server.clear_text_warning:
        print(f"studytui: warning: {server.clear_text_warning}", file=sys.stderr)
    lessons_dir = args.lessons_dir or default_lessons_dir()
    if not lessons_dir.is_dir():
        print(f"studytui: {lessons_dir} is not a folder", file=sys.stderr)
        return 2
    settings = settings_from(args, config, lessons_dir, server)
    if start_in_review:
        settings = replace(settings, start_in_review=True)
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
        return _run_app(settings)
    finally:
        lock.release()


def _run_app(settings: Settings) -> int:
    """Run the app; an unexpected error leaves a crash report and a non-zero exit status."""
    from studytui.core.crash_report import write_crash_report

    hold_collection()  # until the first screen is drawn: see startup_heap
    try:
        kernel = _kernel_booting(settings)  # boots while the screen below is imported and built
        from studytui.ui.app import StudyApp

        app = StudyApp(settings, kernel)
        app.run()
    except Exception as error:  # before or after the screen: Textual has not reported it
        report = write_crash_report(settings.workspace_dir, error)
        print(f"studytui stopped on an unexpected error: {error!r}", file=sys.stderr)
        if report is not None:
            print(f"The crash report with the traceback is in {report}", file=sys.stderr)
        return 1
    if app.crash_report is not None:
        print(
            "studytui stopped on an unexpected error; your notes were saved. "
            f"The crash report with the traceback is in {app.crash_report}",
            file=sys.stderr,
        )
    return app.return_code or 0


def _kernel_booting(settings: Settings) -> KernelSession | None:
    """A local kernel started now; a kernel on a server is reached by the app itself."""
    if settings.server_url:
        return None
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


def server_from(args: argparse.Namespace, config: UserConfig) -> ServerAddress | None:
    """The server to run kernels on, if any; the token from --token, the URL, JUPYTER_TOKEN or
    the config file, in that order. JUPYTER_TOKEN leaves the environment so no child inherits it."""
    from studytui.core.kernel import parse_server_url

    env_token = os.environ.pop(TOKEN_ENV, None)
    url = args.server or config.get("server")
    if not url:
        return None
    return parse_server_url(url, token=args.token, env_token=env_token or config.get("server_token"))


def list_server_kernels(server: ServerAddress) -> int:
    """Print the server's kernelspecs (the default starred) and its running kernels."""
    import asyncio

    from studytui.core.kernel import RemoteKernelError, ServerApi

    async def listing() -> list[str]:
        api = ServerApi(server)
        try:
            default, specs = await api.kernelspecs()
            lines = [f"kernelspecs on {server.shown} (use with --kernel NAME):"]
            for spec in specs:
                star = " (default)" if spec.name == default else ""
                lines.append(f"  {spec.name}{star}  {spec.display_name}")
            try:
                running = await api.kernels()
            except RemoteKernelError:
                running = []  # a gateway may not list its kernels
            lines.append("running kernels (use with --kernel-id ID):" if running else "no running kernels")
            lines.extend(f"  {kernel.id}  {kernel.name}  {kernel.execution_state}" for kernel in running)
            return lines
        finally:
            api.close()

    try:
        lines = asyncio.run(listing())
    except RemoteKernelError as error:
        print(f"studytui: {error}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


def settings_from(
    args: argparse.Namespace, config: UserConfig, lessons_dir: Path, server: ServerAddress | None = None
) -> Settings:
    """Command line first, then the environment, then the config file, then the defaults."""
    from studytui.ui.keymap_check import check_keymap

    keys = check_keymap(dict(config.get("keys")), config.lines, config.path)
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
        keymap=keys.keymap,
        config_problems=config.problems + keys.problems,
        player=args.player or config.get("player"),
        mpv_socket=_path_or_none(args.mpv_socket or config.get("mpv_socket")),
        video_overrides={str(k): str(v) for k, v in config.get("videos").items()},
        transcript_language=config.get("transcript_language"),
        own_words_check=config.get("own_words_check"),
        own_words_run=config.get("own_words_run"),
        transcript_in_pass_1=config.get("transcript_in_pass_1"),
        server_url=server.base_url if server else None,
        server_token=server.token if server else "",
        remote_kernel_id=getattr(args, "kernel_id", None),
        keep_remote_kernel=config.get("keep_remote_kernel"),
    )


def _path_or_none(value: Path | str | None) -> Path | None:
    return Path(value).expanduser() if value else None


if __name__ == "__main__":
    raise SystemExit(main())
