"""What the subcommands share: help text wrapping, the notes folder default, the study log."""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from studytui.config import NOTES_ENV, Settings, default_notes_dir
from studytui.user_config import UserConfig

if TYPE_CHECKING:
    from studytui.core.study import StudyLog


class HelpFormatter(argparse.HelpFormatter):
    """Wraps help between words only: a long path moves to its own line whole, never cut in two."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return textwrap.wrap(" ".join(text.split()), width, break_long_words=False, break_on_hyphens=False)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return textwrap.fill(" ".join(text.split()), width, initial_indent=indent, subsequent_indent=indent,
                             break_long_words=False, break_on_hyphens=False)


def notes_dir_without_flag(config: UserConfig) -> Path:
    """STUDYTUI_NOTES, else the config file's notes_dir, else the documents folder."""
    configured = config.get("notes_dir")
    if configured and not os.environ.get(NOTES_ENV):
        return Path(configured).expanduser()
    return default_notes_dir()


def notes_dir_chosen(flag: Path | None, config: UserConfig) -> Path:
    """The notes folder a command uses: its --notes, else as without the flag; absolute."""
    return (flag or notes_dir_without_flag(config)).expanduser().resolve()


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
