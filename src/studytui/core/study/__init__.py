"""The study domain: what the learner did and where they are, kept between runs.

It owns the passes and remembered positions of each lesson (`StudyState`), the study log in
SQLite (active time per lesson and pass, told from idle time by `ActiveTime`, notes and notes
copied from the lecture, cells, refused pastes, exercise results) and the lock that keeps one
studytui per notes folder.

All of the learner's state is in one store, the study log's SQLite database (`Store`, one schema
with a version, `schema`): besides the log, each lesson's position and pass and the lesson open
last (`StudyState`), every exercise check and the hints opened (`ExerciseProgress`), and the
tables of the review schedules, which the review domain reads and writes on this store (its
`ReviewRecords`): the study domain knows nothing of reviews. The JSON files the state was kept in
before (`state.json`, `exercises.json`) are taken in at the first start (`JsonFiles`) and kept
aside as `*.migrated`.
"""

from __future__ import annotations

from studytui.core.study.active_time import DEFAULT_IDLE_MINUTES, ActiveTime, TimeSpent
from studytui.core.study.exercise_progress import NOT_TRIED, ExerciseProgress, ExerciseRecord
from studytui.core.study.json_import import JsonFiles
from studytui.core.study.progress import StudyState
from studytui.core.study.schema import SCHEMA_VERSION, NewerStudyLog
from studytui.core.study.store import Store
from studytui.core.study.study_log import CELLS, NOTES, NOTES_FLAGGED, PASTES_REFUSED, LessonStats, StudyLog
from studytui.core.study.study_log_opening import OpenedStudyLog, open_study_log
from studytui.core.study.workspace_lock import WorkspaceBusy, WorkspaceLock

__all__ = [
    "CELLS",
    "DEFAULT_IDLE_MINUTES",
    "NOTES",
    "NOTES_FLAGGED",
    "NOT_TRIED",
    "PASTES_REFUSED",
    "SCHEMA_VERSION",
    "ActiveTime",
    "ExerciseProgress",
    "ExerciseRecord",
    "JsonFiles",
    "LessonStats",
    "NewerStudyLog",
    "OpenedStudyLog",
    "Store",
    "StudyLog",
    "StudyState",
    "TimeSpent",
    "WorkspaceBusy",
    "WorkspaceLock",
    "open_study_log",
]
