"""The lesson clock. A `Player` tells where the learner is in the video and can pause and seek.

`Stopwatch` imitates the video when no real player is attached: it runs while playing and
stands still while paused.
"""

from __future__ import annotations

import time
from typing import Callable, Protocol


class Player(Protocol):
    @property
    def position(self) -> float: ...
    @property
    def playing(self) -> bool: ...
    def play(self) -> None: ...
    def pause(self) -> None: ...
    def toggle(self) -> None: ...
    def seek(self, seconds: float) -> None: ...


class Stopwatch:
    """A clock that plays and pauses like a video, clamped to [0, duration]."""

    def __init__(
        self,
        position: float = 0.0,
        duration: float | None = None,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self._now = now
        self.duration = duration
        self._base = self._clamp(position)
        self._started_at: float | None = None

    def _clamp(self, seconds: float) -> float:
        seconds = max(0.0, seconds)
        if self.duration is not None:
            seconds = min(seconds, self.duration)
        return seconds

    @property
    def position(self) -> float:
        if self._started_at is None:
            return self._base
        return self._clamp(self._base + self._now() - self._started_at)

    @property
    def playing(self) -> bool:
        return self._started_at is not None

    def play(self) -> None:
        if self._started_at is None:
            self._started_at = self._now()

    def pause(self) -> None:
        if self._started_at is not None:
            self._base = self.position
            self._started_at = None

    def toggle(self) -> None:
        if self._started_at is None:
            self.play()
        else:
            self.pause()

    def seek(self, seconds: float) -> None:
        self._base = self._clamp(seconds)
        if self._started_at is not None:
            self._started_at = self._now()
