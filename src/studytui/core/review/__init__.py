"""The review domain: cards written in the notes, their FSRS schedules, and Anki export.

Cards follow the forms of Obsidian's spaced-repetition plugin (`front :: back`, `:::` both ways, a
line holding only `?` between question and answer) and studytui's own `?` question with an answer
indented under it; each keeps its lesson and stamp, and a stable `^id` block reference, fixed the
first time a review or an export sees it (written into the note, or queued in the study log while
the app holds the notes). Schedules come from py-fsrs and are kept, with the review log and the
queued ids, in the study log's store (`ReviewRecords`, this domain's reads and writes of its tables
there); `next_intervals` says what each grade would schedule. `write_apkg` writes an Anki deck (one
note per card note, both directions as sibling cards) whose notes keep their guid from export to export.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from studytui.core.review.card_html import TextBlock, card_html, code_blocks
from studytui.core.review.card_ids import (
    CardIdPlan,
    IdInsertion,
    IdPlan,
    add_missing_ids,
    apply_insertions,
    derived_block_id,
    plan_card_id,
    plan_ids,
)
from studytui.core.review.cards import Card, parse_cards, unanswered_questions
from studytui.core.review.deck import GRADE_NAMES, DeckCard, DueCounts, ReviewDeck, ReviewStats
from studytui.core.review.intervals import interval_label, next_intervals
from studytui.core.review.notes_ids import GivenIds, give_cards_ids, store_card_id, store_queued_ids
from studytui.core.review.records import QueuedId, ReviewRecords, StoredSchedule, UndoneReview
from studytui.core.review.session import ReviewSession

__all__ = [
    "GRADE_NAMES",
    "Card",
    "CardIdPlan",
    "DeckCard",
    "DueCounts",
    "GivenIds",
    "IdInsertion",
    "IdPlan",
    "QueuedId",
    "ReviewDeck",
    "ReviewRecords",
    "ReviewSession",
    "ReviewStats",
    "StoredSchedule",
    "TextBlock",
    "UndoneReview",
    "WrittenDeck",
    "add_missing_ids",
    "apply_insertions",
    "card_html",
    "code_blocks",
    "derived_block_id",
    "give_cards_ids",
    "interval_label",
    "next_intervals",
    "note_guid",
    "parse_cards",
    "plan_card_id",
    "plan_ids",
    "stable_id",
    "store_card_id",
    "store_queued_ids",
    "unanswered_questions",
    "write_apkg",
]


if TYPE_CHECKING:  # for the type checker; at run time loaded on first use, below
    from studytui.core.review.anki import WrittenDeck, note_guid, stable_id, write_apkg

# genanki (the Anki deck writer) is only needed by `studytui export --anki`: loaded on first use,
# so the app's start does not pay for it.
_ANKI = ("WrittenDeck", "note_guid", "stable_id", "write_apkg")


def __getattr__(name: str) -> object:
    if name in _ANKI:
        from studytui.core.review import anki

        return getattr(anki, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

