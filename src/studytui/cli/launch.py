"""`studytui [LESSONS_DIR] [options]` and `studytui review`: the options, the settings they make, and the app run."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from studytui import __version__
from studytui.cli.common import HelpFormatter, courses_dir_of, notes_dir_chosen, notes_dir_without_flag
from studytui.config import KERNEL_ENV, NOTES_ENV, Settings, check_own_folders, default_lessons_dir
from studytui.core.redact import register_secret
from studytui.startup_heap import hold_collection
from studytui.user_config import UserConfig, load_user_config

if TYPE_CHECKING:
    from studytui.core.kernel import KernelSession, ServerAddress
    from studytui.core.kernel_spawn import SpawnedKernel

TOKEN_ENV = "JUPYTER_TOKEN"  # as studytui.core.kernel.TOKEN_ENV; the kernel stack loads only when needed


LAUNCH_DESCRIPTION = (
    "A study companion for the second pass through a video lesson: the lesson outline, "
    "timestamped notes and a live Python kernel on one screen."
)
REVIEW_DESCRIPTION = (
    "Open studytui on the review of the cards due in your notes (f12 in the app); escape closes it onto the "
    "study screen. It takes the same options as a launch."
)


def launch_parser(
    config: UserConfig, *, prog: str = "studytui", description: str = LAUNCH_DESCRIPTION, list_commands: bool = False
) -> argparse.ArgumentParser:
    """The options of a launch (and of `studytui review`). With `list_commands`, for `--help`, the
    subcommands are listed too, each with its line: the commands are dispatched by name before this
    parser runs (see cli/__init__.py), so a LESSONS_DIR is never taken for one."""
    notes_default = notes_dir_without_flag(config)
    parser = argparse.ArgumentParser(
        prog=prog,
        usage=f"{prog} [LESSONS_DIR] [options]" + ("\n       studytui COMMAND [options]" if list_commands else ""),
        formatter_class=HelpFormatter,
        description=description,
        epilog=(
            f"Notes are saved as one markdown file per lesson in {notes_default} "
            f"(change it with --notes DIR or the {NOTES_ENV} environment variable). "
            f"Your own courses (made by `studytui add`) load from {courses_dir_of(config, notes_default)} "
            "beside the lessons. "
            f"Options are read from {config.path} (see docs/configuration.md)."
            + (" `studytui COMMAND --help` describes a command's own options." if list_commands else "")
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
    if list_commands:
        from studytui.cli.commands import COMMANDS

        commands = parser.add_subparsers(title="commands", metavar="COMMAND",
                                         description="with no command, studytui opens the study screen")
        for name, command in COMMANDS.items():
            commands.add_parser(name, help=command.summary, add_help=False)
    return parser


def _asks_for_help(argv: list[str]) -> bool:
    options = argv[: argv.index("--")] if "--" in argv else argv
    return "-h" in options or "--help" in options


def review(argv: list[str]) -> int:
    """`studytui review [LESSONS_DIR] [options]`: the app, opened on the review of due cards."""
    return launch(argv, review=True)


def launch(argv: list[str], review: bool = False) -> int:
    """`studytui [LESSONS_DIR] [options]`: the app (with `review`, opened on the review of due cards)."""
    config = load_user_config()
    start_in_review = review
    if review:
        parser = launch_parser(config, prog="studytui review", description=REVIEW_DESCRIPTION)
    else:
        parser = launch_parser(config, list_commands=_asks_for_help(argv))
    args = parser.parse_args(argv)
    env_token = token_from_environment()  # before any child, the kernel first
    server = None
    if args.server or config.get("server"):  # the kernel stack loads here only for a server
        from studytui.core.kernel import ServerAddressError

        try:
            server = server_from(args, config, env_token)
        except ServerAddressError as error:
            print(f"studytui: {error}", file=sys.stderr)
            return 2
    if (args.list_kernels or args.kernel_id) and server is None:
        print("studytui: --list-kernels and --kernel-id need --server URL", file=sys.stderr)
        return 2
    if server is not None and args.existing:
        print("studytui: --existing attaches to a local kernel; it cannot go with --server", file=sys.stderr)
        return 2
    if args.list_kernels and server is not None:
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
    try:
        check_own_folders(settings)
    except OSError as error:
        print(f"studytui: cannot use the notes folder {settings.notes_dir}: {error}", file=sys.stderr)
        return 1
    hold_collection()  # until the first screen is drawn: see startup_heap
    # A repaint waits for the next frame tick: at 120 a second a key or a result waits ~4 ms
    # on average instead of ~8 (frames are drawn only when something changed). Set before the
    # kernel is spawned: the environment it is spawned with must be the one the session would give.
    os.environ.setdefault("TEXTUAL_FPS", "120")
    # The kernel boots first, while the rest of the app is imported and its screen built (a kernel
    # started for a notes folder that turns out to be busy is ended as studytui exits).
    try:
        kernel = _kernel_booting(settings, _kernel_spawned(settings))
    except Exception:  # the app starts its own session, which says what goes wrong
        kernel = None
    settings = with_keymap(settings, config)
    from studytui.core.study import WorkspaceBusy, WorkspaceLock

    lock = WorkspaceLock(settings.lock_path)
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
    if settings.courses_dir is not None:  # watched from the start: a course `studytui add` writes shows at once
        with contextlib.suppress(OSError):
            settings.courses_dir.mkdir(parents=True, exist_ok=True)
    # A background thread holding the GIL (the notebook writer's imports, the transcript index)
    # hands it back every 5 ms by default; every 1 ms, the screen waits less behind it (first
    # answer after launch: median 1.12 -> 1.02 s, first round trip 40-69 -> 24-41 ms, in tmux).
    sys.setswitchinterval(0.001)
    try:
        return _run_app(settings, kernel)
    finally:
        lock.release()


def _run_app(settings: Settings, kernel: KernelSession | None) -> int:
    """Run the app; an unexpected error leaves a crash report and a non-zero exit status."""
    from studytui.core.crash_report import write_crash_report

    try:
        from studytui.ui.widgets.terminal_graphics import prepare_terminal

        settings = replace(settings, images=prepare_terminal(settings.images, os.environ))
        from studytui.ui.app import StudyApp

        app = StudyApp(settings, kernel)
        app.run()
    except Exception as error:  # before or after the screen: Textual has not reported it
        report = write_crash_report(settings.crash_reports_dir, error)
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


def _kernel_spawned(settings: Settings) -> SpawnedKernel | None:
    """The local python3 kernel's process, spawned before the kernel stack is even imported."""
    if settings.server_url or settings.existing_kernel is not None:
        return None
    from studytui.core.kernel_spawn import kernel_workdir, spawn_kernel

    try:
        return spawn_kernel(settings.kernel_name, kernel_workdir(settings), settings.kernel_log_path)
    except Exception:  # the session launches its own, and says what goes wrong
        return None


def _kernel_booting(settings: Settings, spawned: SpawnedKernel | None) -> KernelSession | None:
    """A local kernel started now (or the one spawned, adopted); a kernel on a server is reached by
    the app itself."""
    if settings.server_url:
        return None
    from studytui.core.kernel import kernel_session_for

    # The spawned kernel's folder, not a second choice: a private folder is made anew on each choice.
    kernel = kernel_session_for(settings, cwd=Path(spawned.cwd) if spawned is not None else None)
    kernel.launch_now(spawned)
    return kernel


def token_from_environment() -> str | None:
    """JUPYTER_TOKEN, taken out of the environment so no child process inherits it, and kept out of
    crash reports and logs (as every token)."""
    token = os.environ.pop(TOKEN_ENV, None)
    register_secret(token)
    return token


def server_from(args: argparse.Namespace, config: UserConfig, env_token: str | None) -> ServerAddress | None:
    """The server to run kernels on, if any; the token from --token, the URL, JUPYTER_TOKEN (taken out
    of the environment by the caller, so no child inherits it) or the config file, in that order."""
    from studytui.core.kernel import parse_server_url

    url = args.server or config.get("server")
    if not url:
        return None
    server = parse_server_url(url, token=args.token, env_token=env_token or config.get("server_token"))
    register_secret(server.token)
    return server


def list_server_kernels(server: ServerAddress) -> int:
    """Print the server's kernelspecs (the default starred) and its running kernels; a failure is
    one line on stderr. Names come from the server: printed as text, controls made harmless."""
    import asyncio

    from studytui.core.kernel import RemoteKernelError, ServerApi
    from studytui.core.text import clean_text

    if server.clear_text_warning:  # this command sends the token too
        print(f"studytui: warning: {server.clear_text_warning}", file=sys.stderr)

    async def listing() -> list[str]:
        api = ServerApi(server)
        try:
            default, specs = await api.kernelspecs()
            lines = [f"kernelspecs on {server.shown} (use with --kernel NAME):"]
            for spec in specs:
                star = " (default)" if spec.name == default else ""
                lines.append(f"  {clean_text(spec.name)}{star}  {clean_text(spec.display_name)}")
            try:
                running = await api.kernels()
            except RemoteKernelError as error:
                if error.status not in (401, 403, 405):
                    raise
                lines.append(
                    f"the server does not list its running kernels (HTTP {error.status}): a Kernel Gateway lists "
                    "them only when started with --JupyterWebsocketPersonality.list_kernels=True; "
                    "--kernel-id ID still attaches to a kernel you know"
                )
                return lines
            lines.append("running kernels (use with --kernel-id ID):" if running else "no running kernels")
            lines.extend(
                f"  {clean_text(kernel.id)}  {clean_text(kernel.name)}  {clean_text(kernel.execution_state)}"
                for kernel in running
            )
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
    """Command line first, then the environment, then the config file, then the defaults (the
    config file's keys are checked apart, by ``with_keymap``: the check loads the screen's key table)."""
    return Settings(
        lessons_dir=lessons_dir.resolve(),
        notes_dir=notes_dir_chosen(args.notes, config),
        kernel_name=args.kernel or os.environ.get(KERNEL_ENV) or config.get("kernel") or "python3",
        existing_kernel=args.existing.expanduser().resolve() if args.existing else None,
        pause_on_note=config.get("pause_on_note"),
        stamp_offset=float(config.get("stamp_offset")),
        idle_minutes=float(config.get("idle_minutes")),
        refuse_paste_code=config.get("refuse_paste_code"),
        refuse_paste_notes=config.get("refuse_paste_notes"),
        notes_paste_limit=config.get("notes_paste_limit"),
        start_pass=args.study_pass,
        config_problems=config.problems,
        player=args.player or config.get("player"),
        mpv_socket=_path_or_none(args.mpv_socket or config.get("mpv_socket")),
        mpv_args=tuple(config.get("mpv_options")),
        torch_cpu_index=config.get("torch_cpu_index"),
        video_overrides={str(k): str(v) for k, v in config.get("videos").items()},
        transcript_language=config.get("transcript_language"),
        own_words_check=config.get("own_words_check"),
        own_words_run=config.get("own_words_run"),
        transcript_in_pass_1=config.get("transcript_in_pass_1"),
        server_url=server.base_url if server else None,
        server_token=server.token if server else "",
        remote_kernel_id=getattr(args, "kernel_id", None),
        keep_remote_kernel=config.get("keep_remote_kernel"),
        courses_dir=courses_dir_of(config, notes_dir_chosen(args.notes, config)).resolve(),
        images=config.get("images"),
    )


def with_keymap(settings: Settings, config: UserConfig) -> Settings:
    """The settings with the config file's key remaps that passed the check, and the others' reasons."""
    from studytui.ui.keymap_check import check_keymap

    keys = check_keymap(dict(config.get("keys")), config.lines, config.path)
    return replace(settings, keymap=keys.keymap, config_problems=settings.config_problems + keys.problems)


def _path_or_none(value: Path | str | None) -> Path | None:
    return Path(value).expanduser() if value else None
