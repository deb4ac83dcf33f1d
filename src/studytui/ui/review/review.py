"""The review feature: opens the review screen, writes card ids, marks the outline with due cards.

A widget with nothing to show of its own (the review is a screen pushed over the study screen):
it counts due cards in a thread worker on itself, adds a card's `^id` through the notes pane's API
when its lesson is open there, and rewatches through the session.

Ids an export gave while the app held the notes wait in the study log; they are written in whenever
the due marks are counted (at start, after each save of the notes, after a review), through the
notes pane for the open lesson (never on the line the cursor is on) and atomically for the others.
"""

from __future__ import annotations

import datetime as dt

from textual import work
from textual.widget import Widget

from studytui.core.lessons import Lesson
from studytui.core.review import (
    Card,
    ReviewDeck,
    ReviewSession,
    StoredSchedule,
    plan_card_id,
    plan_ids,
    store_card_id,
    store_queued_ids,
)
from studytui.ui.notes import NotesPane
from studytui.ui.outline import Outline
from studytui.ui.review.review_screen import ReviewScreen, Rewatch
from studytui.ui.session import StudySession


class Review(Widget):
    DEFAULT_CSS = "Review { display: none; }"

    def __init__(self, deck: ReviewDeck, session: StudySession, notes: NotesPane, outline: Outline) -> None:
        super().__init__()
        self.deck = deck
        self.session = session
        self.notes = notes
        self.outline = outline
        self.showing = False
        self.due_counts: dict[str, int] = {}  # lesson id -> cards due, as last counted

    def open_review(self) -> None:
        """Show the review screen over the study screen; the notes are saved first so their cards are current."""
        if self.showing:
            return
        self.showing = True
        self.notes.save_now()
        self.deck.library = self.session.library
        self.app.push_screen(ReviewScreen(ReviewSession(self.deck, self.write_card_id)), self.closed)

    def closed(self, rewatch: Rewatch | None) -> None:
        self.showing = False
        self.refresh_due_marks()
        if rewatch is not None:
            self.session.open_at(rewatch.lesson_id, rewatch.seconds, say=True)

    def write_card_id(self, card: Card) -> str | None:
        """The card's id; written into its note first if it has none (through the notes pane when open there).

        An id an export queued for the card is the one written. Raises OSError when it cannot be written.
        """
        if card.card_id is not None:
            return card.card_id
        notes, path = self.notes, self.deck.notes_path(card.lesson_id)
        if not notes.shows(path):
            return store_card_id(path, card, self.deck.log)
        if notes.read_only is not None:
            raise OSError(f"the notes are read-only: {notes.read_only.reason}")
        plan = plan_card_id(notes.text, card, self.deck.records.queued_ids(card.lesson_id))
        if plan is None:
            return None
        if plan.insertion is not None:
            notes.write_ids([plan.insertion])
            self.deck.records.forget_queued_ids(card.lesson_id, [plan.insertion.block_id])
        return plan.card_id

    def write_queued_ids(self) -> None:
        """Write into the notes the ids an export queued while the app held them (see the module's doc)."""
        log, records, notes = self.deck.log, self.deck.records, self.notes
        queued = records.queued_ids()
        for lesson_id in sorted({entry.lesson for entry in queued}):
            path = self.deck.notes_path(lesson_id)
            try:
                if not notes.shows(path):
                    store_queued_ids(path, lesson_id, log)
                elif notes.read_only is None:
                    plan = plan_ids(notes.text, lesson_id, queued, only_queued=True)
                    now = [insertion for insertion in plan.insertions if insertion.row != notes.cursor_row]
                    notes.write_ids(now)
                    later = {insertion.block_id for insertion in plan.insertions} - {i.block_id for i in now}
                    ours = {entry.block_id for entry in queued if entry.lesson == lesson_id}
                    records.forget_queued_ids(lesson_id, sorted(ours - later))  # written, or card gone
            except OSError:
                continue  # kept in the queue: tried again at the next count

    def refresh_due_marks(self, lesson_ids: list[str] | None = None) -> None:
        """Count due cards per lesson off the UI thread, then mark the outline.

        Every lesson at start and after a review; after a save only that lesson (one file to read).
        """
        deck = self.deck
        deck.library = self.session.library
        if deck.log.closed:  # quitting: the last save's message arrives after the log is closed
            return
        self.write_queued_ids()
        stored = deck.records.schedules()  # on the UI thread: the database is not shared with threads
        now = deck.now()
        lessons = [lesson for lesson in deck.library.lessons if lesson_ids is None or lesson.id in lesson_ids]
        self.count_due(lessons, stored, now)

    @work(thread=True, group="due-cards", exit_on_error=False)
    def count_due(self, lessons: list[Lesson], stored: dict[str, StoredSchedule], now: dt.datetime) -> None:
        counts = self.deck.due_by_lesson(lessons, stored, now)
        self.app.call_from_thread(self.show_due, counts)

    def show_due(self, counts: dict[str, int]) -> None:
        self.due_counts.update(counts)
        self.outline.show_due_cards({lesson_id: due for lesson_id, due in self.due_counts.items() if due})
