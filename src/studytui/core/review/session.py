"""One sitting of review: the due cards in turn, grades, and undo of the last grade.

Headless: the screen shows `current` and calls `grade` and `undo`. Giving a card its `^id` is
left to `write_id`, because only the app knows whether the card's notes are open in the editor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from studytui.core.review.cards import Card
from studytui.core.review.deck import DeckCard, ReviewDeck


@dataclass
class _Graded:
    shown: DeckCard  # the card as it was shown (its schedule before the grade)
    graded: DeckCard  # the same card with its id and new schedule
    requeued: bool  # graded "again": it comes back at the end of this sitting


@dataclass
class ReviewSession:
    deck: ReviewDeck
    write_id: Callable[[Card], str | None]  # the card's id, written into its note if new; None if gone
    cards: list[DeckCard] = field(default_factory=list)  # every card, read once: counts need no disk
    queue: list[DeckCard] = field(default_factory=list)
    graded: list[_Graded] = field(default_factory=list)
    reviewed: int = 0

    def start(self) -> None:
        self.cards = self.deck.cards()
        self.queue = self.deck.due_cards(self.cards)
        self.graded.clear()
        self.reviewed = 0

    @property
    def current(self) -> DeckCard | None:
        return self.queue[0] if self.queue else None

    @property
    def remaining(self) -> int:
        return len(self.queue)

    def grade(self, grade: int) -> str | None:
        """Grade the shown card (1 again .. 4 easy) and move on.

        A message for the learner when it could not be graded, or when the card got an id of its own
        instead of one another card carries.
        """
        shown = self.current
        if shown is None:
            return None
        card_id = self.write_id(shown.card)  # OSError when the note cannot be written: nothing graded
        if card_id is None:
            self.queue.pop(0)
            return "That card is no longer in the notes: skipped."
        schedule = self.deck.grade(card_id, shown.lesson.id, shown.schedule, grade)  # OSError: not graded
        self.queue.pop(0)
        block_id = card_id[len(shown.lesson.id) + 1:].split("/")[0]  # `<lesson>/<block>[/reverse]`
        graded = replace(shown, card=replace(shown.card, block_id=block_id), schedule=schedule)
        self._replace_card(shown, graded)
        requeued = grade == 1
        if requeued:  # forgotten: see it again before the sitting ends
            self.queue.append(graded)
        self.graded.append(_Graded(shown, graded, requeued))
        self.reviewed += 1
        if shown.card.duplicate_id is not None:
            return (
                f"Graded. This card carried ^{shown.card.duplicate_id}, the id of another card in its notes: "
                f"it now has its own, ^{block_id}."
            )
        return None

    def undo(self) -> bool:
        """Take back the last grade: its schedule is restored and the card is shown again."""
        if not self.graded or self.deck.undo_last_grade() is None:
            return False
        last = self.graded.pop()
        if last.requeued and self.queue:
            self.queue.pop()
        self.queue.insert(0, last.shown)
        self._replace_card(last.graded, last.shown)
        self.reviewed -= 1
        return True

    def _replace_card(self, old: DeckCard, new: DeckCard) -> None:
        for index, card in enumerate(self.cards):
            if card is old:
                self.cards[index] = new
                return
