"""What the app remembers for the learner between runs: the lesson open last and each lesson's clock.

Kept as JSON in the workspace (`.studytui/state.json` beside the notes), written atomically.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from studytui.core.files import write_text_atomic


@dataclass
class StudyState:
    path: Path
    last_lesson: str | None = None
    positions: dict[str, float] = field(default_factory=dict)
    passes: dict[str, int] = field(default_factory=dict)  # the pass each lesson is in: 1 or 2

    @classmethod
    def load(cls, path: Path) -> StudyState:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(path)
        if not isinstance(raw, dict):
            return cls(path)
        positions = raw.get("positions")
        positions = {
            str(k): float(v)
            for k, v in (positions.items() if isinstance(positions, dict) else [])
            if isinstance(v, (int, float))
        }
        passes = raw.get("passes")
        passes = {
            str(k): v for k, v in (passes.items() if isinstance(passes, dict) else []) if v in (1, 2)
        }
        last = raw.get("last_lesson")
        return cls(path, last if isinstance(last, str) else None, positions, passes)

    def position_of(self, lesson_id: str) -> float:
        return self.positions.get(lesson_id, 0.0)

    def remember(self, lesson_id: str, position: float) -> None:
        self.last_lesson = lesson_id
        self.positions[lesson_id] = round(position, 1)

    def pass_of(self, lesson_id: str) -> int:
        """Pass 2 unless the learner chose pass 1: most opening studytui are here to study."""
        return self.passes.get(lesson_id, 2)

    def set_pass(self, lesson_id: str, study_pass: int) -> None:
        self.passes[lesson_id] = study_pass

    def save(self) -> None:
        data = {"last_lesson": self.last_lesson, "positions": self.positions, "passes": self.passes}
        write_text_atomic(self.path, json.dumps(data, indent=2, sort_keys=True) + "\n")
