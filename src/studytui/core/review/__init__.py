"""The review domain: cards written in the notes, their FSRS schedules, and Anki export.

Cards follow Obsidian's spaced-repetition convention (`front :: back`, `:::` both ways, a `?`
question with an answer under it); each keeps its lesson and stamp, and a stable `^id` block
reference written into the note on its first review. Schedules come from py-fsrs and are kept,
with the review log, in the study log. `write_apkg` writes an Anki deck with stable ids.
"""

from __future__ import annotations

from studytui.core.review.card_ids import CardIdPlan, IdInsertion, add_missing_ids, plan_card_id
from studytui.core.review.cards import Card, parse_cards, unanswered_questions
from studytui.core.review.deck import GRADE_NAMES, DeckCard, DueCounts, ReviewDeck, ReviewStats
from studytui.core.review.notes_ids import store_card_id, store_missing_ids
from studytui.core.review.session import ReviewSession

__all__ = [
    "GRADE_NAMES",
    "Card",
    "CardIdPlan",
    "DeckCard",
    "DueCounts",
    "IdInsertion",
    "ReviewDeck",
    "ReviewSession",
    "ReviewStats",
    "add_missing_ids",
    "note_guid",
    "parse_cards",
    "plan_card_id",
    "stable_id",
    "store_card_id",
    "store_missing_ids",
    "unanswered_questions",
    "write_apkg",
]


# genanki (the Anki deck writer) is only needed by `studytui export --anki`: loaded on first use,
# so the app's start does not pay for it.
_ANKI = ("note_guid", "stable_id", "write_apkg")


def __getattr__(name: str) -> object:
    if name in _ANKI:
        from studytui.core.review import anki

        return getattr(anki, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

