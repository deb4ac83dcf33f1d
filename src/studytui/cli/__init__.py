"""The `studytui` command: launch the app, or run one of its subcommands (commands.py).

Each subcommand lives in its own module, imported only when it runs, so a launch imports none.
"""

from __future__ import annotations

import importlib
import sys


def main(argv: list[str] | None = None) -> int:
    from studytui.cli.commands import COMMANDS

    argv = sys.argv[1:] if argv is None else argv
    command = COMMANDS.get(argv[0]) if argv else None
    if command is None:
        from studytui.cli.launch import launch

        return launch(argv)
    module = importlib.import_module(f"studytui.cli.{command.module}")
    status: int = getattr(module, command.function)(argv[1:])
    return status
