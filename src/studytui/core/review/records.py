"""Review schedules, the review log and the card ids an export queued: the review domain's records.

They are kept in the learner's one store (the study log's SQLite database, `core.study`), whose
schema holds their tables (`review_cards`, `review_log`, `card_ids_queued`); this module is what
reads and writes them. A card's schedule is kept as the scheduler's own JSON; each review keeps the
schedule it replaced, which is what makes "undo the last grade" exact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studytui.core.study import StudyLog



@dataclass(frozen=True)
class StoredSchedule:
    card: str
    lesson: str
    due: float  # epoch seconds
    schedule: str  # the scheduler's JSON


@dataclass(frozen=True)
class QueuedId:
    """A card id given by an export while the app held the notes: written into them by the next to hold them."""

    lesson: str
    block_id: str
    front: str  # the words of the card it was given for (its forward direction)
    back: str
    row: int


@dataclass(frozen=True)
class UndoneReview:
    card: str
    lesson: str
    rating: int


class ReviewRecords:
    """Reads and writes of the review tables in the study log's store; writes never raise (a full
    disk loses a review, not the app)."""

    def __init__(self, log: StudyLog) -> None:
        self._store = log.store
        self._db = log.store.connection

    def schedules(self) -> dict[str, StoredSchedule]:
        rows = self._db.execute("SELECT card, lesson, due, schedule FROM review_cards")
        return {row[0]: StoredSchedule(*row) for row in rows}

    def record_review(
        self,
        schedule: StoredSchedule,
        rating: int,
        at: float,
        was_due_review: bool,
        previous: str | None,
    ) -> bool:
        """The new schedule and the log entry, both or neither; False when the database refused."""
        return self._store.transaction(
            (
                "INSERT INTO review_cards (card, lesson, due, schedule) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (card) DO UPDATE SET lesson = excluded.lesson, due = excluded.due, "
                "schedule = excluded.schedule",
                (schedule.card, schedule.lesson, schedule.due, schedule.schedule),
            ),
            (
                "INSERT INTO review_log (card, lesson, rating, at, was_due_review, previous) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (schedule.card, schedule.lesson, rating, at, int(was_due_review), previous),
            ),
        )

    def undo_last_review(self, previous_due: Callable[[str], float]) -> UndoneReview | None:
        """Put back the schedule the last review replaced, and forget that review."""
        row = self._db.execute(
            "SELECT id, card, lesson, rating, previous FROM review_log ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        log_id, card, lesson, rating, previous = row
        restore: tuple[str, tuple[object, ...]]
        if previous is None:
            restore = ("DELETE FROM review_cards WHERE card = ?", (card,))
        else:
            restore = (
                "UPDATE review_cards SET due = ?, schedule = ? WHERE card = ?",
                (previous_due(previous), previous, card),
            )
        if not self._store.transaction(restore, ("DELETE FROM review_log WHERE id = ?", (log_id,))):
            return None
        return UndoneReview(card, lesson, rating)

    def queued_ids(self, lesson: str | None = None) -> list[QueuedId]:
        sql = "SELECT lesson, block_id, front, back, row FROM card_ids_queued"
        rows = self._db.execute(sql + " WHERE lesson = ?", (lesson,)) if lesson else self._db.execute(sql)
        return [QueuedId(*row) for row in rows]

    def queue_ids(self, entries: list[QueuedId]) -> bool:
        """Keep ids for cards whose notes could not be written now; False when the database refused."""
        return self._store.transaction(*(
            ("INSERT OR IGNORE INTO card_ids_queued (lesson, block_id, front, back, row) VALUES (?, ?, ?, ?, ?)",
             (entry.lesson, entry.block_id, entry.front, entry.back, entry.row))
            for entry in entries
        ))

    def forget_queued_ids(self, lesson: str, block_ids: list[str]) -> bool:
        """Queued ids now written into the notes (or whose card is gone)."""
        return self._store.transaction(*(
            ("DELETE FROM card_ids_queued WHERE lesson = ? AND block_id = ?", (lesson, block_id))
            for block_id in block_ids
        ))

    def reviews_per_day(self, since: float) -> dict[str, int]:
        """Local day (ISO) -> reviews that day, from `since` on."""
        counts: dict[str, int] = {}
        for (at,) in self._db.execute("SELECT at FROM review_log WHERE at >= ?", (since,)):
            day = dt.date.fromtimestamp(at).isoformat()
            counts[day] = counts.get(day, 0) + 1
        return counts

    def retention(self, since: float) -> tuple[int, int]:
        """(remembered, reviewed) among reviews of cards already learned, from `since` on.

        Reviews of new and relearning cards are left out: they measure learning, not memory.
        """
        remembered, reviewed = self._db.execute(
            "SELECT COALESCE(SUM(rating > 1), 0), COUNT(*) FROM review_log WHERE at >= ? AND was_due_review",
            (since,),
        ).fetchone()
        return int(remembered), int(reviewed)
