"""What each grade would schedule: the interval shown beside a grade key, as Anki shows "<10m" or "4d".

py-fsrs schedules; the preview leaves out its random fuzz (Anki's buttons show the interval before
fuzz too), so the card may come back a day or so off a long interval shown.
"""

from __future__ import annotations

import copy
import datetime as dt

from fsrs import Card as Schedule
from fsrs import Rating, Scheduler

GRADES = {1: Rating.Again, 2: Rating.Hard, 3: Rating.Good, 4: Rating.Easy}
_LEARN_AHEAD = dt.timedelta(minutes=20)  # Anki marks intervals within its learn-ahead limit with "<"


def next_intervals(scheduler: Scheduler, schedule: Schedule | None, now: dt.datetime) -> dict[int, dt.timedelta]:
    """Grade (1 again .. 4 easy) -> how long until the card is due again if graded so `now`."""
    preview = copy.copy(scheduler)
    preview.enable_fuzzing = False
    before = schedule if schedule is not None else Schedule(card_id=0, due=now)
    return {grade: preview.review_card(before, rating, now)[0].due - now for grade, rating in GRADES.items()}


def interval_label(interval: dt.timedelta) -> str:
    """`<1m`, `<10m`, `45m`, `3h`, `4d`, `1.5mo`, `2y`: short enough to sit beside a grade key."""
    seconds = max(0.0, interval.total_seconds())
    prefix = "<" if interval <= _LEARN_AHEAD else ""
    if seconds < 60:
        return "<1m"
    if seconds < 3600:
        return f"{prefix}{round(seconds / 60)}m"
    if seconds < 86_400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86_400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return _one_decimal(days / 30) + "mo"
    return _one_decimal(days / 365) + "y"


def _one_decimal(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text
