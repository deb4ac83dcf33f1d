"""Where a lesson resumes, and what counts as having watched it to the end.

A remembered position can lie past the end of the video actually played (a shorter local copy, a
position saved with an approximate duration): starting there would show the last frame and
"finish" a pass nobody watched. It resumes at the start of the last chapter instead, or at 0.
"""

from __future__ import annotations

from collections.abc import Iterable

END_MARGIN = 0.5  # seconds before the end that count as the end
MAX_SPEED = 3.0  # the fastest the clock plays (next_speed's limit)
SEEK_SLACK = 6.0  # seconds a small seek (alt+right) may add between two looks at the clock


def resume_position(position: float, duration: float | None, chapter_starts: Iterable[float]) -> float:
    """`position`, or the last chapter's start (else 0) when `position` is at or past the video's end."""
    if duration is None or position < duration - END_MARGIN:
        return position
    starts = [start for start in chapter_starts if 0 <= start < duration - END_MARGIN]
    return max(starts, default=0.0)


def played_through_end(before: float, after: float, elapsed: float, was_playing: bool, end: float) -> bool:
    """True when the clock went from before the end to the end by playing (not by a jump or a resume).

    `before` / `after`: positions at two looks `elapsed` seconds apart; `was_playing`: it played then.
    """
    if not was_playing or before >= end - END_MARGIN or after < end - END_MARGIN:
        return False
    return after - before <= elapsed * MAX_SPEED + SEEK_SLACK
