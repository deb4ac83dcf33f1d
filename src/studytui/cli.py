"""The `studytui` command: launch the app, or check a lessons folder."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from studytui import __version__
from studytui.config import KERNEL_ENV, NOTES_ENV, Settings, default_lessons_dir, default_notes_dir


def _launch_parser() -> argparse.ArgumentParser:
    notes_default = default_notes_dir()
    parser = argparse.ArgumentParser(
        prog="studytui",
        description=(
            "A study companion for the second pass through a video lesson: the lesson outline, "
            "timestamped notes and a live Python kernel on one screen."
        ),
        epilog=(
            f"Notes are saved as one markdown file per lesson in {notes_default} "
            f"(change it with --notes DIR or the {NOTES_ENV} environment variable). "
            "Other command: `studytui check-lessons DIR` reports every problem in a lessons folder."
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
        default=os.environ.get(KERNEL_ENV, "python3"),
        metavar="NAME",
        help="Jupyter kernelspec to start (default: python3)",
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


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "check-lessons":
        return _check_lessons(argv[1:])
    args = _launch_parser().parse_args(argv)
    lessons_dir = args.lessons_dir or default_lessons_dir()
    if not lessons_dir.is_dir():
        print(f"studytui: {lessons_dir} is not a folder", file=sys.stderr)
        return 2
    settings = Settings(
        lessons_dir=lessons_dir.resolve(),
        notes_dir=(args.notes or default_notes_dir()).expanduser().resolve(),
        kernel_name=args.kernel,
    )
    from studytui.ui.app import StudyApp

    StudyApp(settings).run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
