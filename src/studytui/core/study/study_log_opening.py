"""Opening the study log so that a damaged file never stops the app or an export.

A log SQLite cannot read (not a database, damaged pages) is moved aside, kept for the learner
or a repair tool, and a new log is started; the caller shows the notice.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from studytui.core.files import unused_path
from studytui.core.study.study_log import StudyLog


@dataclass(frozen=True)
class OpenedStudyLog:
    log: StudyLog
    notice: str | None = None  # what happened to a damaged log, for the learner


def open_study_log(path: Path) -> OpenedStudyLog:
    """The study log at `path`; a damaged one is kept aside and replaced. OSError and
    sqlite3.OperationalError (locked, read-only, cannot open) propagate: those files are not damaged."""
    try:
        return OpenedStudyLog(StudyLog(path))
    except sqlite3.OperationalError:
        raise
    except sqlite3.DatabaseError as error:
        kept = _move_aside(path)
        log = StudyLog(path)
        return OpenedStudyLog(
            log,
            f"The study log {path} was damaged ({error}). It is kept as {kept.name} and a new log "
            "was started: the time and counts studied before are in the kept file only.",
        )


def _move_aside(path: Path) -> Path:
    kept = unused_path(path.parent, f"{path.stem}.damaged", path.suffix)
    for suffix in ("-wal", "-shm"):  # SQLite's companions go with it, under the kept name
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.replace(kept.with_name(kept.name + suffix))
    path.replace(kept)
    return kept
