"""What the app remembers for the learner between runs: the lesson open last and each lesson's
clock and pass, kept in the study log (`lesson_state` and `app_state`, see `schema`).

Read once when the app starts; `opened`, `remember` and `set_pass` change it in memory, `save`
writes what changed in one transaction.

A lesson never opened is in pass 1 (just watch), the method's first step. Every lesson written
here has its pass; a row an older studytui wrote without one was left in pass 2, its default then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from studytui.core.study.json_import import LAST_LESSON
from studytui.core.study.store import Parameters

if TYPE_CHECKING:
    from studytui.core.study.study_log import StudyLog


class StudyState:
    def __init__(self, log: StudyLog) -> None:
        self.log = log
        self.last_lesson: str | None = None
        self.positions: dict[str, float] = {}
        self.passes: dict[str, int] = {}  # the pass each lesson is in: 1 or 2
        self._changed: set[str] = set()
        self._last_saved: str | None = None

    @classmethod
    def load(cls, log: StudyLog) -> StudyState:
        state = cls(log)
        store = log.store
        for lesson, position, study_pass in store.rows("SELECT lesson, position, pass FROM lesson_state"):
            if isinstance(position, (int, float)):
                state.positions[lesson] = float(position)
            # No pass: an older studytui, whose lessons were in pass 2 unless the learner chose 1.
            state.passes[lesson] = study_pass if study_pass in (1, 2) else 2
        found = store.rows("SELECT value FROM app_state WHERE name = ?", (LAST_LESSON,))
        state.loaded_last_lesson(found[0][0] if found else None)
        return state

    def loaded_last_lesson(self, lesson_id: str | None) -> None:
        """The lesson open last, as the store has it (so a save writes it only when it changes)."""
        self.last_lesson = self._last_saved = lesson_id

    def position_of(self, lesson_id: str) -> float:
        return self.positions.get(lesson_id, 0.0)

    def opened(self, lesson_id: str) -> None:
        """`lesson_id` is the lesson open now: the one the next launch opens, whatever is done in it."""
        self.last_lesson = lesson_id
        if lesson_id not in self.passes:
            self.passes[lesson_id] = 1  # kept: the pass it is left in, from its first opening on
            self._changed.add(lesson_id)

    def remember(self, lesson_id: str, position: float) -> None:
        self.positions[lesson_id] = round(position, 1)
        self._changed.add(lesson_id)

    def pass_of(self, lesson_id: str) -> int:
        """The pass the lesson was left in; pass 1 (just watch) for a lesson never opened."""
        return self.passes.get(lesson_id, 1)

    def set_pass(self, lesson_id: str, study_pass: int) -> None:
        self.passes[lesson_id] = study_pass
        self._changed.add(lesson_id)

    def save(self) -> None:
        """Write what changed since the last save. OSError when the study log refuses (what changed
        stays to be written by the next save); nothing once the log is closed (the app is quitting)."""
        store = self.log.store
        if store.closed:
            return
        statements: list[tuple[str, Parameters]] = [
            (
                "INSERT INTO lesson_state (lesson, position, pass) VALUES (?, ?, ?) "
                "ON CONFLICT (lesson) DO UPDATE SET position = excluded.position, pass = excluded.pass",
                (lesson, self.positions.get(lesson), self.pass_of(lesson)),
            )
            for lesson in sorted(self._changed)
        ]
        if self.last_lesson != self._last_saved and self.last_lesson is not None:
            statements.append(
                ("INSERT OR REPLACE INTO app_state (name, value) VALUES (?, ?)", (LAST_LESSON, self.last_lesson))
            )
        if not statements:
            return
        if not store.transaction(*statements):
            raise OSError(f"the study log {self.log.path} refused the write ({store.last_error})")
        self._changed.clear()
        self._last_saved = self.last_lesson
