"""The learner's deck: the cards of every lesson's notes, joined with their FSRS schedules.

Scheduling is py-fsrs's (the maintained FSRS implementation); its schedules and the review log
live in the study log. A card never reviewed has no schedule and is due now.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fsrs import Card as Schedule
from fsrs import Scheduler, State

from studytui.core.files import read_regular_text
from studytui.core.lessons import Lesson, LessonLibrary
from studytui.core.review.cards import Card, parse_cards
from studytui.core.review.intervals import GRADES, next_intervals
from studytui.core.review.records import ReviewRecords, StoredSchedule, UndoneReview
from studytui.core.study import StudyLog

GRADE_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}
RETENTION_WINDOW = dt.timedelta(days=30)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class DeckCard:
    """A card with its lesson and, once reviewed, its schedule."""

    card: Card
    lesson: Lesson
    schedule: Schedule | None

    @property
    def due(self) -> dt.datetime | None:
        return self.schedule.due if self.schedule is not None else None

    def is_due(self, at: dt.datetime) -> bool:
        return self.schedule is None or self.schedule.due <= at


@dataclass(frozen=True)
class DueCounts:
    now: int
    today: int  # by the end of the local day
    week: int  # within seven days


@dataclass(frozen=True)
class ReviewStats:
    due: DueCounts
    reviews_per_day: tuple[tuple[str, int], ...]  # the last seven local days, oldest first
    remembered: int  # of the reviews of learned cards in the last 30 days
    reviewed: int

    @property
    def retention(self) -> float | None:
        return self.remembered / self.reviewed if self.reviewed else None


class ReviewDeck:
    """Cards from `<notes>/<lesson id>.md` for the library's lessons, scheduled by FSRS."""

    def __init__(
        self,
        library: LessonLibrary,
        notes_path: Callable[[str], Path],
        log: StudyLog,
        now: Callable[[], dt.datetime] = utc_now,
        scheduler: Scheduler | None = None,
    ) -> None:
        self.library = library
        self.notes_path = notes_path
        self.log = log
        self.records = ReviewRecords(log)  # the schedules and the review log, in the study log's store
        self.now = now
        self.scheduler = scheduler or Scheduler()

    # ----- reading -------------------------------------------------------------------------------

    def lesson_cards(self, lesson: Lesson, text: str | None = None) -> list[Card]:
        if text is None:
            text = _read(self.notes_path(lesson.id))
        return parse_cards(text, lesson.id) if text else []

    def cards(self, lessons: list[Lesson] | None = None) -> list[DeckCard]:
        stored = self.records.schedules()
        found = []
        for lesson in lessons if lessons is not None else self.library.lessons:
            for card in self.lesson_cards(lesson):
                entry = stored.get(card.card_id) if card.card_id else None
                schedule = _schedule_from(entry.schedule) if entry else None
                found.append(DeckCard(card, lesson, schedule))
        return found

    def due_cards(self, cards: list[DeckCard] | None = None, at: dt.datetime | None = None) -> list[DeckCard]:
        """Due now, earliest first; new cards after the ones already learned, in lesson order."""
        at = at or self.now()
        due = [card for card in (self.cards() if cards is None else cards) if card.is_due(at)]
        far = dt.datetime.max.replace(tzinfo=dt.UTC)
        return sorted(due, key=lambda card: (card.schedule is None, card.due or far))

    def due_counts(self, cards: list[DeckCard] | None = None) -> DueCounts:
        now = self.now()
        cards = self.cards() if cards is None else cards
        end_of_day = _end_of_local_day(now)
        week = now + dt.timedelta(days=7)
        return DueCounts(
            now=sum(card.is_due(now) for card in cards),
            today=sum(card.is_due(end_of_day) for card in cards),
            week=sum(card.is_due(week) for card in cards),
        )

    def due_by_lesson(
        self,
        lessons: list[Lesson],
        stored: dict[str, StoredSchedule] | None = None,
        at: dt.datetime | None = None,
    ) -> dict[str, int]:
        """Lesson id -> cards due, for every lesson given (0 included).

        Safe in a thread when `stored` (`records.schedules()`) was read beforehand: it then
        reads only the notes files, never the database.
        """
        stored = self.records.schedules() if stored is None else stored
        moment = (at or self.now()).timestamp()
        counts = {lesson.id: 0 for lesson in lessons}
        for lesson in lessons:
            for card in self.lesson_cards(lesson):
                entry = stored.get(card.card_id) if card.card_id else None
                if entry is None or entry.due <= moment:
                    counts[lesson.id] += 1
        return counts

    def stats(self, cards: list[DeckCard] | None = None) -> ReviewStats:
        now = self.now()
        days = [(now.astimezone() - dt.timedelta(days=back)).date() for back in range(6, -1, -1)]
        start = dt.datetime.combine(days[0], dt.time(), tzinfo=now.astimezone().tzinfo)
        per_day = self.records.reviews_per_day(start.timestamp())
        remembered, reviewed = self.records.retention((now - RETENTION_WINDOW).timestamp())
        return ReviewStats(
            due=self.due_counts(cards),
            reviews_per_day=tuple((day.isoformat(), per_day.get(day.isoformat(), 0)) for day in days),
            remembered=remembered,
            reviewed=reviewed,
        )

    # ----- grading -------------------------------------------------------------------------------

    def next_intervals(self, card: DeckCard) -> dict[int, dt.timedelta]:
        """Grade (1 again .. 4 easy) -> the interval that grade would schedule now (for "<10m / 4d" beside the keys)."""
        return next_intervals(self.scheduler, card.schedule, self.now())

    def grade(self, card_id: str, lesson_id: str, schedule: Schedule | None, grade: int) -> Schedule:
        """Schedule the card's next review from `grade` (1 again, 2 hard, 3 good, 4 easy) and log it.

        Raises OSError when the study log refuses the write (the card stays as it was).
        """
        now = self.now()
        before = schedule if schedule is not None else Schedule(card_id=0, due=now)
        was_due_review = schedule is not None and schedule.state == State.Review
        after, _ = self.scheduler.review_card(before, GRADES[grade], now)
        recorded = self.records.record_review(
            StoredSchedule(card_id, lesson_id, after.due.timestamp(), after.to_json()),
            grade,
            now.timestamp(),
            was_due_review,
            schedule.to_json() if schedule is not None else None,
        )
        if not recorded:
            raise OSError(f"the study log refused the review ({self.log.last_error})")
        return after

    def undo_last_grade(self) -> UndoneReview | None:
        def due_of(json: str) -> float:
            schedule = _schedule_from(json)
            return schedule.due.timestamp() if schedule is not None else 0.0

        return self.records.undo_last_review(due_of)


def _schedule_from(json: str) -> Schedule | None:
    """A damaged schedule in the log makes the card new again rather than stopping the review."""
    try:
        return Schedule.from_json(json)
    except (ValueError, KeyError, TypeError):
        return None


def _read(path: Path) -> str:
    try:
        return read_regular_text(path)  # a FIFO there would block the thread for ever
    except (OSError, UnicodeDecodeError):
        return ""  # a missing or unreadable notes file has no cards


def _end_of_local_day(now: dt.datetime) -> dt.datetime:
    local = now.astimezone()
    return dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(), tzinfo=local.tzinfo)
