"""The study domain: what the learner did and where they are, kept between runs.

It owns the passes and remembered positions of each lesson (`StudyState`), the study log in
SQLite (time per lesson and pass, notes and notes copied from the lecture, cells, refused pastes,
exercise results) and the lock that keeps one studytui per notes folder, and the review schedules of
the learner's cards with the card ids an export queued for the app (`ReviewRecords`, reached as
`StudyLog.reviews`).
"""

from __future__ import annotations

from studytui.core.study.progress import StudyState
from studytui.core.study.review_records import QueuedId, ReviewRecords, StoredSchedule, UndoneReview
from studytui.core.study.study_log import CELLS, NOTES, NOTES_FLAGGED, PASTES_REFUSED, LessonStats, StudyLog
from studytui.core.study.study_log_opening import OpenedStudyLog, open_study_log
from studytui.core.study.workspace_lock import WorkspaceBusy, WorkspaceLock

__all__ = [
    "CELLS",
    "NOTES",
    "NOTES_FLAGGED",
    "PASTES_REFUSED",
    "LessonStats",
    "OpenedStudyLog",
    "QueuedId",
    "ReviewRecords",
    "StoredSchedule",
    "StudyLog",
    "StudyState",
    "UndoneReview",
    "WorkspaceBusy",
    "WorkspaceLock",
    "open_study_log",
]
