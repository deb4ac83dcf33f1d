"""The lesson clock. A `Player` tells where the learner is in the video and can pause and seek.

`Stopwatch` imitates the video when no real player is attached: it runs while playing and
stands still while paused. `studytui.core.player.MpvPlayer` drives the real video player.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol


class Player(Protocol):
    @property
    def position(self) -> float: ...
    @property
    def playing(self) -> bool: ...
    def play(self) -> None: ...
    def pause(self) -> None: ...
    def toggle(self) -> None: ...
    def seek(self, seconds: float) -> None: ...
    def seek_by(self, seconds: float) -> None: ...
    @property
    def speed(self) -> float: ...
    def set_speed(self, speed: float) -> None: ...
    async def close(self) -> None: ...


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
        self.speed = 1.0

    def _clamp(self, seconds: float) -> float:
        seconds = max(0.0, seconds)
        if self.duration is not None:
            seconds = min(seconds, self.duration)
        return seconds

    @property
    def position(self) -> float:
        if self._started_at is None:
            return self._base
        return self._clamp(self._base + (self._now() - self._started_at) * self.speed)

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

    def seek_by(self, seconds: float) -> None:
        self.seek(self.position + seconds)

    def set_speed(self, speed: float) -> None:
        self.seek(self.position)  # the time so far was at the old speed
        self.speed = speed

    async def close(self) -> None:
        """Nothing to release: the stopwatch is only numbers."""


SPEEDS: tuple[float, ...] = (0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)


def next_speed(current: float, faster: bool) -> float:
    """The next playback speed up or down the usual steps (stays at the ends)."""
    if faster:
        return next((s for s in SPEEDS if s > current + 1e-6), SPEEDS[-1])
    return next((s for s in reversed(SPEEDS) if s < current - 1e-6), SPEEDS[0])
