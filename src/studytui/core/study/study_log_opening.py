"""Opening the study log so that a damaged file never stops the app or an export.

A log SQLite cannot read (not a database, damaged pages) is moved aside, kept for the learner
or a repair tool, and a new log is started; the caller shows the notice.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from studytui.core.files import unused_path
from studytui.core.study.json_import import JsonFiles
from studytui.core.study.study_log import StudyLog


@dataclass(frozen=True)
class OpenedStudyLog:
    log: StudyLog
    notice: str | None = None  # what happened to a damaged log or to a migration, for the learner


def open_study_log(path: Path, json_files: JsonFiles | None = None) -> OpenedStudyLog:
    """The study log at `path`, with today's JSON files (`json_files`) taken in; a damaged one is
    kept aside and replaced. OSError (a link or a FIFO there) and sqlite3.OperationalError (locked,
    read-only, cannot open, written by a newer studytui) propagate: those files are not damaged."""
    try:
        log = StudyLog(path, json_files=json_files)
        damage = None
    except sqlite3.OperationalError:
        raise
    except sqlite3.DatabaseError as error:
        kept = _move_aside(path)
        log = StudyLog(path, json_files=json_files)
        damage = (
            f"The study log {path} was damaged ({error}). It is kept as {kept.name} and a new log "
            "was started: what it held (time and counts, positions and passes, exercise results, "
            "review schedules) is in the kept file only."
        )
    migration = [f"Moving your progress into the study log: {problem}." for problem in log.migration_problems]
    return OpenedStudyLog(log, " ".join(notice for notice in (damage, *migration) if notice) or None)


def _move_aside(path: Path) -> Path:
    kept = unused_path(path.parent, f"{path.stem}.damaged", path.suffix)
    for suffix in ("-wal", "-shm"):  # SQLite's companions go with it, under the kept name
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.replace(kept.with_name(kept.name + suffix))
    path.replace(kept)
    return kept
