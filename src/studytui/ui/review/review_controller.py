"""The review feature's controller: opens the review screen, writes card ids, marks the outline.

Its dependencies are passed in: the deck (core), the notes pane (to add a card's `^id` through
the editor when its lesson is open there), and what it asks of the app: show a screen, open a
lesson at a time, mark lessons in the outline, run a thread worker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from textual.screen import Screen

from studytui.core.lessons import LessonLibrary
from studytui.core.review import Card, ReviewDeck, ReviewSession, plan_card_id, store_card_id
from studytui.ui.notes import NotesPane
from studytui.ui.review.review_screen import ReviewScreen, Rewatch


@dataclass
class ReviewController:
    deck: ReviewDeck
    library: Callable[[], LessonLibrary]  # the open library: lesson files are reloaded when they change
    notes: Callable[[], NotesPane]
    push_screen: Callable[[Screen, Callable[[Rewatch | None], None]], object]
    open_at: Callable[[str, float], None]  # lesson id, seconds
    mark_outline: Callable[[dict[str, int]], None]  # lesson id -> cards due
    in_thread: Callable[[Callable[[], None]], object]  # run off the UI thread
    call_from_thread: Callable[..., object]
    showing: bool = False
    due_counts: dict[str, int] = field(default_factory=dict)  # lesson id -> cards due, as last counted

    def action_review_cards(self) -> None:
        self.open_review()

    def open_review(self) -> None:
        """Show the review screen over the app; the notes are saved first so their cards are current."""
        if self.showing:
            return
        self.showing = True
        self.notes().save_now()
        self.deck.library = self.library()
        self.push_screen(ReviewScreen(ReviewSession(self.deck, self.write_card_id)), self._closed)

    def _closed(self, rewatch: Rewatch | None) -> None:
        self.showing = False
        self.refresh_due_marks()
        if rewatch is not None:
            self.open_at(rewatch.lesson_id, rewatch.seconds)

    def write_card_id(self, card: Card) -> str | None:
        """The card's id; written into its note first if it has none (through the editor when open there)."""
        if card.card_id is not None:
            return card.card_id
        pane = self.notes()
        path = self.deck.notes_path(card.lesson_id)
        if pane.notes_file is not None and _same_file(pane.notes_file.path, path):
            editor = pane.editor
            plan = plan_card_id(editor.text, card)
            if plan is None:
                return None
            if plan.insertion is not None:
                insertion = plan.insertion
                editor.insert(insertion.text, (insertion.row, insertion.column), maintain_selection_offset=True)
                pane.save_now()
            return plan.card_id
        return store_card_id(path, card)

    def refresh_due_marks(self, lesson_ids: list[str] | None = None) -> None:
        """Count due cards per lesson off the UI thread, then mark the outline.

        Every lesson at start and after a review; after a save only that lesson (one file to read).
        """
        deck = self.deck
        deck.library = self.library()
        if deck.log.closed:  # quitting: the last save's message arrives after the log is closed
            return
        stored = deck.log.reviews.schedules()  # on the UI thread: the database is not shared with threads
        now = deck.now()
        lessons = [
            lesson for lesson in deck.library.lessons if lesson_ids is None or lesson.id in lesson_ids
        ]

        def count() -> None:
            self.call_from_thread(self._show_due, deck.due_by_lesson(lessons, stored, now))

        self.in_thread(count)

    def _show_due(self, counts: dict[str, int]) -> None:
        self.due_counts.update(counts)
        self.mark_outline({lesson_id: due for lesson_id, due in self.due_counts.items() if due})


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return one == other
