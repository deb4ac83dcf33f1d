"""`studytui check-lessons [DIR]`: every problem in a lessons folder, as file:line: message."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from studytui.cli.common import HelpFormatter
from studytui.config import default_lessons_dir


def check_lessons(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="studytui check-lessons",
        formatter_class=HelpFormatter,
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
