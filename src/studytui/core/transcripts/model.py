"""What a transcript is once read: timed cues of the lecture's words, and problems found reading it."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from studytui.core.problems import LocatedProblem


@dataclass(frozen=True)
class Cue:
    start: float  # seconds from the video start
    end: float
    text: str  # one line of plain text: tags and rolling repeats removed


TranscriptProblem = LocatedProblem  # a problem at a line of a file, as everywhere in the core


@dataclass(frozen=True)
class Transcript:
    path: Path
    cues: tuple[Cue, ...]  # in time order
    problems: tuple[TranscriptProblem, ...] = field(default=(), compare=False)

    @cached_property
    def _starts(self) -> list[float]:
        return [cue.start for cue in self.cues]

    def cue_index_at(self, seconds: float) -> int | None:
        """The cue being spoken at `seconds` (the last one started); None before the first."""
        index = bisect.bisect_right(self._starts, seconds)
        return index - 1 if index else None

    def cue_at(self, seconds: float) -> Cue | None:
        index = self.cue_index_at(seconds)
        return None if index is None else self.cues[index]

    def around(self, seconds: float, before: int, after: int) -> range:
        """Indexes of the cues around `seconds`: `before` earlier ones, the current one, `after` later ones."""
        current = self.cue_index_at(seconds)
        middle = 0 if current is None else current
        start = max(0, middle - before)
        return range(start, min(len(self.cues), middle + after + 1))
