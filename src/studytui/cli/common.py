"""What the subcommands share: help text wrapping, the notes folder default, the study log, a lesson
named on the command line."""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from studytui.config import NOTES_ENV, Settings, default_courses_dir, default_lessons_dir, default_notes_dir
from studytui.user_config import UserConfig

IDS_LISTED = 12  # lesson ids listed when a name matches none

if TYPE_CHECKING:
    from studytui.core.lessons import Lesson, LessonLibrary
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


def courses_dir_of(config: UserConfig, notes_dir: Path) -> Path:
    """The learner's courses folder: the config file's courses_dir, else `courses` in the notes folder."""
    configured = config.get("courses_dir")
    return Path(configured).expanduser() if configured else default_courses_dir(notes_dir)


def command_settings(lessons: Path | None, notes: Path | None, config: UserConfig) -> Settings:
    """The folders a subcommand works in, as a launch would: the lessons folder, the notes folder and
    the learner's courses folder (so `export`, `export --anki` and `transcript fetch` find an added course)."""
    notes_dir = notes_dir_chosen(notes, config)
    return Settings(
        lessons_dir=lessons or default_lessons_dir(),
        notes_dir=notes_dir,
        courses_dir=courses_dir_of(config, notes_dir).resolve(),
    )


def command_library(settings: Settings) -> LessonLibrary:
    """Every lesson a launch with these settings studies: the lessons folder and the learner's courses."""
    from studytui.core.lessons import load_study_library

    return load_study_library(settings)


def study_log_for_command(settings: Settings, prog: str) -> StudyLog | None:
    """The study log for a subcommand; a damaged one is kept aside (said on stderr), None if unreadable."""
    import sqlite3

    from studytui.core.study import JsonFiles, open_study_log

    try:
        opened = open_study_log(settings.study_log_path, JsonFiles.of(settings))
    except (OSError, sqlite3.Error) as error:
        print(f"{prog}: cannot read the study log {settings.study_log_path}: {error}", file=sys.stderr)
        return None
    if opened.notice:
        print(f"{prog}: {opened.notice}", file=sys.stderr)
    return opened.log


def lesson_named(library: LessonLibrary, query: str, command: str, lessons_dir: Path) -> Lesson | None:
    """The lesson a command names (its id, the start of it, or words of its title); when it names
    none or several, None after saying so on stderr with up to five to choose from."""
    from studytui.core.lessons import match_lesson

    found = match_lesson(library, query)
    if found.lesson is None:
        print(f"{command}: no single lesson matches '{query}' in {lessons_dir}.", file=sys.stderr)
        if found.candidates:
            print("Did you mean:", file=sys.stderr)
            for candidate in found.candidates:
                print(f"  {candidate.id}  ({candidate.title})", file=sys.stderr)
        elif library.lessons:  # nothing close: the ids there are
            ids = [lesson.id for lesson in library.lessons]
            more = f" and {len(ids) - IDS_LISTED} more" if len(ids) > IDS_LISTED else ""
            print(f"Lessons: {', '.join(ids[:IDS_LISTED])}{more}", file=sys.stderr)
    return found.lesson
