"""The review feature: opens the review screen, writes card ids, marks the outline with due cards.

A widget with nothing to show of its own (the review is a screen pushed over the study screen):
it counts due cards in a thread worker on itself, adds a card's `^id` through the notes pane's API
when its lesson is open there, and rewatches through the session.
"""

from __future__ import annotations

import datetime as dt

from textual import work
from textual.widget import Widget

from studytui.core.lessons import Lesson
from studytui.core.review import Card, ReviewDeck, ReviewSession, store_card_id
from studytui.core.study import StoredSchedule
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
        """The card's id; written into its note first if it has none (through the notes pane when open there)."""
        if card.card_id is not None:
            return card.card_id
        path = self.deck.notes_path(card.lesson_id)
        if self.notes.shows(path):
            return self.notes.add_card_id(card)
        return store_card_id(path, card)

    def refresh_due_marks(self, lesson_ids: list[str] | None = None) -> None:
        """Count due cards per lesson off the UI thread, then mark the outline.

        Every lesson at start and after a review; after a save only that lesson (one file to read).
        """
        deck = self.deck
        deck.library = self.session.library
        if deck.log.closed:  # quitting: the last save's message arrives after the log is closed
            return
        stored = deck.log.reviews.schedules()  # on the UI thread: the database is not shared with threads
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
