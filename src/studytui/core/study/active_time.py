"""Study time that counts: the clock playing, or the learner at the keys.

The method asks pass 2 to take 2-3x the video: time with the app open and nobody at it (lunch, a
meeting) must not count towards that. A stretch of time counts while the lesson clock plays, and
while it is paused for `idle_after` seconds after each key (or click): reading, thinking and
typing are studying; the rest is idle and not counted. The time source is injected (`now`, a
monotonic clock), so a test moves it by hand.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

DEFAULT_IDLE_MINUTES = 5.0


@dataclass(frozen=True)
class TimeSpent:
    """Seconds since the last look: `active` counted as study, `idle` not."""

    active: float
    idle: float


class ActiveTime:
    """Tells the active from the idle part of the time between two looks (`tick`)."""

    def __init__(self, idle_after: float = DEFAULT_IDLE_MINUTES * 60,
                 now: Callable[[], float] = time.monotonic) -> None:
        self.idle_after = idle_after
        self.now = now
        self._last_input: float | None = None
        self._last_look = now()
        self._playing = False  # the clock's state since the last look
        self._active = 0.0
        self._idle = 0.0

    def input_seen(self) -> None:
        """A key (or a click) now: the time up to here is counted first with the inputs before it."""
        now = self.now()
        self._advance(now)
        self._last_input = now

    def tick(self, playing: bool) -> TimeSpent:
        """The time since the last tick, split; `playing`: the clock plays from now on."""
        self._advance(self.now())
        self._playing = playing
        spent = TimeSpent(self._active, self._idle)
        self._active = self._idle = 0.0
        return spent

    def _advance(self, now: float) -> None:
        start, self._last_look = self._last_look, now
        elapsed = max(0.0, now - start)
        if self._playing:
            active = elapsed
        elif self._last_input is None:
            active = 0.0
        else:
            active = min(elapsed, max(0.0, min(now, self._last_input + self.idle_after) - start))
        self._active += active
        self._idle += elapsed - active
