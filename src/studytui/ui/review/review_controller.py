"""The review feature's controller: opens the review screen, writes card ids, marks the outline.

Its dependencies are passed in: the deck (core), the notes pane (to add a card's `^id` through
the editor when its lesson is open there), and what it asks of the app: show a screen, open a
lesson at a time, mark lessons in the outline, run a thread worker.

Ids an export gave while the app held the notes wait in the study log; they are written in whenever
the due marks are counted (at start, after each save of the notes, after a review), through the
editor for the open lesson (never on the line the cursor is on) and atomically for the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from textual.screen import Screen

from studytui.core.lessons import LessonLibrary
from studytui.core.review import (
    Card,
    IdInsertion,
    ReviewDeck,
    ReviewSession,
    plan_card_id,
    plan_ids,
    store_card_id,
    store_queued_ids,
)
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
        """The card's id; written into its note first if it has none (through the editor when open there).

        An id an export queued for the card is the one written. Raises OSError when it cannot be written.
        """
        if card.card_id is not None:
            return card.card_id
        pane = self.notes()
        path = self.deck.notes_path(card.lesson_id)
        if not self._open_in_editor(path):
            return store_card_id(path, card, self.deck.log)
        if pane.read_only is not None:
            raise OSError(f"the notes are read-only: {pane.read_only.reason}")
        plan = plan_card_id(pane.editor.text, card, self.deck.log.reviews.queued_ids(card.lesson_id))
        if plan is None:
            return None
        if plan.insertion is not None:
            self._insert([plan.insertion])
            self.deck.log.reviews.forget_queued_ids(card.lesson_id, [plan.insertion.block_id])
        return plan.card_id

    def write_queued_ids(self) -> None:
        """Write into the notes the ids an export queued while the app held them (see the module's doc)."""
        log = self.deck.log
        queued = log.reviews.queued_ids()
        pane = self.notes()
        for lesson_id in sorted({entry.lesson for entry in queued}):
            path = self.deck.notes_path(lesson_id)
            try:
                if not self._open_in_editor(path):
                    store_queued_ids(path, lesson_id, log)
                elif pane.read_only is None:
                    plan = plan_ids(pane.editor.text, lesson_id, queued, only_queued=True)
                    cursor_row = pane.editor.cursor_location[0]
                    now = [insertion for insertion in plan.insertions if insertion.row != cursor_row]
                    self._insert(now)
                    later = {insertion.block_id for insertion in plan.insertions} - {i.block_id for i in now}
                    ours = {entry.block_id for entry in queued if entry.lesson == lesson_id}
                    log.reviews.forget_queued_ids(lesson_id, sorted(ours - later))  # written, or card gone
            except OSError:
                continue  # kept in the queue: tried again at the next count

    def _open_in_editor(self, path: Path) -> bool:
        notes_file = self.notes().notes_file
        return notes_file is not None and _same_file(notes_file.path, path)

    def _insert(self, insertions: list[IdInsertion]) -> None:
        """Into the editor, bottom up (a row moves nothing above it), the cursor kept; then saved."""
        if not insertions:
            return
        pane = self.notes()
        for insertion in sorted(insertions, key=lambda i: (i.row, i.column), reverse=True):
            start, end = (insertion.row, insertion.column), (insertion.row, insertion.end)
            pane.editor.replace(insertion.text, start, end, maintain_selection_offset=True)
        pane.save_now()

    def refresh_due_marks(self, lesson_ids: list[str] | None = None) -> None:
        """Count due cards per lesson off the UI thread, then mark the outline.

        Every lesson at start and after a review; after a save only that lesson (one file to read).
        """
        deck = self.deck
        deck.library = self.library()
        if deck.log.closed:  # quitting: the last save's message arrives after the log is closed
            return
        self.write_queued_ids()
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
