"""Giving a card its stable id: a ` ^id` block reference appended to the card's first line.

The id is found again by the card's words, not by its line number, so notes added above it in
the meantime do not matter. The change is an insertion at the end of one line, which the app
can apply through the notes editor when the lesson is open (the learner's text is never replaced).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from studytui.core.review.cards import BLOCK_ID, Card, parse_cards


@dataclass(frozen=True)
class IdInsertion:
    """Append `text` at (row, column): the end of the card's first line."""

    row: int
    column: int
    text: str
    block_id: str

    def apply(self, document: str) -> str:
        lines = document.split("\n")
        line = lines[self.row]
        lines[self.row] = line[: self.column] + self.text + line[self.column:]
        return "\n".join(lines)


@dataclass(frozen=True)
class CardIdPlan:
    """The card's id in this text, and the insertion to make when the text does not hold it yet."""

    card_id: str
    insertion: IdInsertion | None


def plan_card_id(document: str, card: Card) -> CardIdPlan | None:
    """Find `card` in `document` (by its words) and say what its id is or will be.

    None when the card is no longer in the text (the learner deleted or rewrote it meanwhile).
    """
    if card.card_id is not None:
        return CardIdPlan(card.card_id, None)
    found = _find(parse_cards(document, card.lesson_id), card)
    if found is None:
        return None
    if found.block_id is not None:  # the other direction of a `:::` card got it first
        return CardIdPlan(_with_id(card, found.block_id).card_id or "", None)
    block_id = new_block_id(document)
    line = document.split("\n")[found.line]
    column = len(line.rstrip())
    insertion = IdInsertion(found.line, column, f" ^{block_id}", block_id)
    return CardIdPlan(_with_id(card, block_id).card_id or "", insertion)


def add_missing_ids(document: str, lesson_id: str) -> str:
    """Every card of the text with an id (for a stable Anki export); the text otherwise unchanged."""
    for _ in range(len(document.split("\n"))):
        missing = [card for card in parse_cards(document, lesson_id) if card.block_id is None]
        if not missing:
            break
        plan = plan_card_id(document, missing[0])
        if plan is None or plan.insertion is None:
            break
        document = plan.insertion.apply(document)
    return document


def new_block_id(document: str) -> str:
    """Six random letters and digits, not used elsewhere in the document (Obsidian's style)."""
    used = {match["id"] for line in document.split("\n") if (match := BLOCK_ID.search(line))}
    while True:
        candidate = secrets.token_hex(3)
        if candidate not in used:
            return candidate


def _find(cards: list[Card], wanted: Card) -> Card | None:
    same = [card for card in cards if card.content_key == wanted.content_key]
    if not same:
        # The learner edited the words since the card was shown: fall back to its row and direction.
        same = [card for card in cards if card.line == wanted.line and card.reverse == wanted.reverse]
    return min(same, key=lambda card: abs(card.line - wanted.line)) if same else None


def _with_id(card: Card, block_id: str) -> Card:
    return Card(card.lesson_id, card.front, card.back, card.line, card.seconds, block_id, card.reverse)
