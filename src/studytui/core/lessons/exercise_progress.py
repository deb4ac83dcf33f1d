"""The learner's exercise results: kept as JSON in the workspace (`.studytui/exercises.json`).

One record per exercise, keyed "<lesson id>/<exercise id>": the last status and message, how many
times it was checked, when it first passed and when it was last checked, and how many hints were
opened. Written atomically after every recorded result.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from studytui.core.files import write_text_atomic
from studytui.core.lessons.exercises import CheckResult, CheckStatus

FORMAT_VERSION = 1
NOT_TRIED = "not tried"


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
    path: Path
    records: dict[str, ExerciseRecord] = field(default_factory=dict)

    @staticmethod
    def key(lesson_id: str, exercise_id: str) -> str:
        return f"{lesson_id}/{exercise_id}"

    @classmethod
    def load(cls, path: Path) -> ExerciseProgress:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(path)
        entries = raw.get("exercises") if isinstance(raw, dict) else None
        records: dict[str, ExerciseRecord] = {}
        for key, value in (entries.items() if isinstance(entries, dict) else []):
            if not isinstance(value, dict):
                continue
            known = {name: value[name] for name in ExerciseRecord.__dataclass_fields__ if name in value}
            try:
                records[str(key)] = ExerciseRecord(**known)
            except TypeError:
                continue
        return cls(path, records)

    def status(self, lesson_id: str, exercise_id: str) -> str:
        record = self.records.get(self.key(lesson_id, exercise_id))
        return record.status if record is not None else NOT_TRIED

    def record(self, lesson_id: str, exercise_id: str, result: CheckResult, now: datetime | None = None) -> None:
        """Remember a check result (only passes and failures say something about the learner's work)."""
        if not result.recorded:
            return
        stamp = (now or datetime.now(UTC)).isoformat(timespec="seconds")
        entry = self.records.setdefault(self.key(lesson_id, exercise_id), ExerciseRecord())
        entry.status = str(result.status)
        entry.message = result.message
        entry.attempts += 1
        entry.last_checked = stamp
        if result.status is CheckStatus.PASSED and entry.first_passed is None:
            entry.first_passed = stamp

    def hint_opened(self, lesson_id: str, exercise_id: str, count: int) -> None:
        entry = self.records.setdefault(self.key(lesson_id, exercise_id), ExerciseRecord())
        entry.hints_opened = max(entry.hints_opened, count)

    def save(self) -> None:
        data = {"version": FORMAT_VERSION, "exercises": {k: asdict(v) for k, v in sorted(self.records.items())}}
        write_text_atomic(self.path, json.dumps(data, indent=2) + "\n")
