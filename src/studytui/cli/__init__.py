"""The `studytui` command: launch the app, or run one of its subcommands.

Each subcommand lives in its own module, imported only when it runs, so a launch imports none.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    command = argv[0] if argv else ""
    if command == "transcript":
        from studytui.cli.transcript import transcript

        return transcript(argv[1:])
    if command == "check-lessons":
        from studytui.cli.check_lessons import check_lessons

        return check_lessons(argv[1:])
    if command == "export" and "--anki" in argv[1:]:
        from studytui.cli.anki import export_anki

        return export_anki(argv[1:])
    if command == "export":
        from studytui.cli.export import export_digest

        return export_digest(argv[1:])
    from studytui.cli.launch import launch

    return launch(argv)
