"""The learner's exercise results, kept in the study log: every check once (`exercise_checks`:
lesson, exercise, status, message, time) and the hints opened (`exercise_hints`).

One record per exercise, keyed "<lesson id>/<exercise id>", read back from those rows: the last
status and message, how many times it was checked, when it first passed and when it was last
checked (ISO 8601, UTC, to the second), and how many hints were opened. `record` and
`hint_opened` change it in memory; `save` writes them in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from studytui.core.lessons import CheckResult, CheckStatus
from studytui.core.study.schema import INSERT_CHECK
from studytui.core.study.store import Parameters

if TYPE_CHECKING:
    from studytui.core.study.study_log import StudyLog

NOT_TRIED = "not tried"  # the status of an exercise with no check recorded

_HINTS = (
    "INSERT INTO exercise_hints (lesson, exercise, opened) VALUES (?, ?, ?) "
    "ON CONFLICT (lesson, exercise) DO UPDATE SET opened = MAX(opened, excluded.opened)"
)


@dataclass
class ExerciseRecord:
    status: str = NOT_TRIED  # "passed", "failing" or "not tried"
    message: str = ""
    attempts: int = 0
    hints_opened: int = 0
    first_passed: str | None = None  # ISO 8601, UTC
    last_checked: str | None = None


@dataclass
class ExerciseProgress:
    log: StudyLog
    records: dict[str, ExerciseRecord] = field(default_factory=dict)
    _unsaved: list[tuple[str, Parameters]] = field(default_factory=list)

    @staticmethod
    def key(lesson_id: str, exercise_id: str) -> str:
        return f"{lesson_id}/{exercise_id}"

    @classmethod
    def load(cls, log: StudyLog) -> ExerciseProgress:
        progress = cls(log)
        rows = log.store.rows(
            "SELECT lesson, exercise, status, message, at FROM exercise_checks ORDER BY lesson, exercise, at, rowid"
        )
        for lesson, exercise, status, message, at in rows:
            entry = progress.records.setdefault(cls.key(lesson, exercise), ExerciseRecord())
            _add_check(entry, status, message, at)
        for lesson, exercise, opened in log.store.rows("SELECT lesson, exercise, opened FROM exercise_hints"):
            progress.records.setdefault(cls.key(lesson, exercise), ExerciseRecord()).hints_opened = opened
        return progress

    def status(self, lesson_id: str, exercise_id: str) -> str:
        record = self.records.get(self.key(lesson_id, exercise_id))
        return record.status if record is not None else NOT_TRIED

    def record(self, lesson_id: str, exercise_id: str, result: CheckResult, now: datetime | None = None) -> None:
        """Remember a check result (only passes and failures say something about the learner's work)."""
        if not result.recorded:
            return
        at = (now or datetime.now(UTC)).timestamp()
        entry = self.records.setdefault(self.key(lesson_id, exercise_id), ExerciseRecord())
        _add_check(entry, str(result.status), result.message, at)
        self._unsaved.append((INSERT_CHECK, (lesson_id, exercise_id, str(result.status), result.message, at)))

    def hint_opened(self, lesson_id: str, exercise_id: str, count: int) -> None:
        entry = self.records.setdefault(self.key(lesson_id, exercise_id), ExerciseRecord())
        entry.hints_opened = max(entry.hints_opened, count)
        self._unsaved.append((_HINTS, (lesson_id, exercise_id, entry.hints_opened)))

    def save(self) -> None:
        """Write the checks and hints recorded since the last save. OSError when the study log
        refuses (they stay to be written by the next save); nothing once the log is closed."""
        store = self.log.store
        if not self._unsaved or store.closed:
            return
        if not store.transaction(*self._unsaved):
            raise OSError(f"the study log {self.log.path} refused the write ({store.last_error})")
        self._unsaved.clear()


def _add_check(entry: ExerciseRecord, status: str, message: str, at: float) -> None:
    stamp = datetime.fromtimestamp(at, UTC).isoformat(timespec="seconds")
    entry.status = status
    entry.message = message
    entry.attempts += 1
    entry.last_checked = stamp
    if status == CheckStatus.PASSED and entry.first_passed is None:
        entry.first_passed = stamp
