"""Giving cards their stable ids: a ` ^id` block reference written into the card's note.

A card's id is fixed the first time an export or a review sees it, and never changes after: it is
derived from the card's lesson and words (so whoever sees the card first, the review in the app or
an export from the command line, finds the same one), and an id that could not be written yet (the
app holds the notes) is queued in the study log with the words it was given for; whoever writes ids
later takes the queued one, found again by the card's words, or for an edited card by its front, its
back or its row. Ids are found again by the card's words, not its line number, so notes added above
in the meantime do not matter. Each change is an insertion at the end of one line (or the replacement
of a duplicate id), which the app can apply through the notes editor: the learner's text is never
replaced. Planning a whole file is linear in its length.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from studytui.core.review.card_text import BLOCK_ID, BLOCK_ID_LINE
from studytui.core.review.cards import Card, parse_cards
from studytui.core.review.records import QueuedId

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class IdInsertion:
    """Put `text` over columns [column, end) of `row`: ` ^id` at the end of a line, or a duplicate id replaced."""

    row: int
    column: int
    end: int
    text: str
    block_id: str
    replaced: str | None = None  # the duplicate id this replaces

    def apply(self, document: str) -> str:
        return apply_insertions(document, [self])


@dataclass(frozen=True)
class CardIdPlan:
    """The card's id in this text, and the insertion to make when the text does not hold it yet."""

    card_id: str
    insertion: IdInsertion | None


@dataclass(frozen=True)
class IdPlan:
    """The ids of every note of one text: those it holds, and those to write (`insertions`)."""

    lesson_id: str
    cards: tuple[Card, ...]  # the text's cards, as read (before the insertions)
    ids: dict[int, str]  # the row of a note's first line -> its block id
    insertions: tuple[IdInsertion, ...]
    queued_used: frozenset[str]  # queued ids this text holds already or gets now

    def apply(self, document: str) -> str:
        return apply_insertions(document, self.insertions)

    def with_ids(self) -> list[Card]:
        """The cards with the ids this plan gives them."""
        return [
            replace(card, block_id=self.ids[card.line], duplicate_id=None) if card.line in self.ids else card
            for card in self.cards
        ]

    def queue_entries(self) -> list[QueuedId]:
        """What to queue when the insertions cannot be written now: the new ids with their cards' words."""
        new = {insertion.block_id for insertion in self.insertions}
        return [
            QueuedId(self.lesson_id, self.ids[card.line], *card.note_words, card.line)
            for card in self.cards
            if not card.reverse and self.ids.get(card.line) in new
        ]


def plan_ids(document: str, lesson_id: str, queued: Sequence[QueuedId] = (), only_queued: bool = False) -> IdPlan:
    """An id for every note of `document` that has none (only the queued ones with `only_queued`)."""
    cards = parse_cards(document, lesson_id)
    lines = document.split("\n")
    notes = [card for card in cards if not card.reverse]
    taken = {card.block_id for card in notes if card.block_id is not None}
    pending = [entry for entry in queued if entry.lesson == lesson_id]
    queued_used = {entry.block_id for entry in pending if entry.block_id in taken}
    pending = [entry for entry in pending if entry.block_id not in taken]
    taken |= {entry.block_id for entry in pending}
    missing = [note for note in notes if note.block_id is None]
    from_queue = _match_queued(missing, pending)
    ids = {note.line: note.block_id for note in notes if note.block_id is not None}
    insertions = []
    for note in missing:
        block_id = from_queue.get(note.line)
        if block_id is not None:
            queued_used.add(block_id)
        elif only_queued:
            continue
        else:
            block_id = derived_block_id(lesson_id, *note.note_words, taken)
            taken.add(block_id)
        ids[note.line] = block_id
        insertions.append(_insertion(lines, note, block_id))
    return IdPlan(lesson_id, tuple(cards), ids, tuple(insertions), frozenset(queued_used))


def plan_card_id(document: str, card: Card, queued: Sequence[QueuedId] = ()) -> CardIdPlan | None:
    """Find `card` in `document` (by its words) and say what its id is or will be.

    None when the card is no longer in the text (the learner deleted or rewrote it meanwhile).
    """
    if card.card_id is not None:
        return CardIdPlan(card.card_id, None)
    cards = parse_cards(document, card.lesson_id)
    found = _find(cards, card)
    if found is None:
        return None
    if found.block_id is not None:  # the other direction of a `:::` card got it first
        return CardIdPlan(replace(card, block_id=found.block_id).card_id or "", None)
    note = next(other for other in cards if other.line == found.line and not other.reverse)
    taken = {other.block_id for other in cards if other.block_id is not None}
    pending = [entry for entry in queued if entry.lesson == card.lesson_id and entry.block_id not in taken]
    block_id = _match_queued([note], pending).get(note.line)
    if block_id is None:
        block_id = derived_block_id(card.lesson_id, *note.note_words, taken | {e.block_id for e in pending})
    insertion = _insertion(document.split("\n"), note, block_id)
    return CardIdPlan(replace(card, block_id=block_id).card_id or "", insertion)


def add_missing_ids(document: str, lesson_id: str) -> str:
    """Every card of the text with an id (for a stable Anki export); the text otherwise unchanged."""
    return plan_ids(document, lesson_id).apply(document)


def derived_block_id(lesson_id: str, front: str, back: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """Six letters and digits from the card's lesson and words, not in `taken` (Obsidian's style of id).

    The same card gets the same id whoever sees it first; an id already used in the notes moves on
    to the next candidate.
    """
    for attempt in range(1_000_000):
        digest = hashlib.sha256("\x1f".join((lesson_id, front, back, str(attempt))).encode("utf-8")).digest()
        number = int.from_bytes(digest[:8], "big")
        candidate = ""
        for _ in range(6):
            number, digit = divmod(number, 36)
            candidate += _DIGITS[digit]
        if candidate not in taken:
            return candidate
    raise RuntimeError("no free card id")  # 36**6 ids: never reached by a notes file


def apply_insertions(document: str, insertions: Iterable[IdInsertion]) -> str:
    """All the insertions at once, each at its row of `document` as it is now."""
    lines = document.split("\n")
    for insertion in sorted(insertions, key=lambda i: (i.row, i.column), reverse=True):
        line = lines[insertion.row]
        lines[insertion.row] = line[: insertion.column] + insertion.text + line[insertion.end:]
    return "\n".join(lines)


def _insertion(lines: list[str], note: Card, block_id: str) -> IdInsertion:
    row = note.id_line
    line = lines[row]
    if note.duplicate_id is not None:
        found = BLOCK_ID.search(line) or BLOCK_ID_LINE.match(line)
        if found is not None and found["id"] == note.duplicate_id:
            return IdInsertion(row, found.start("id"), found.end("id"), block_id, block_id, note.duplicate_id)
    if note.id_own_line:
        # After a closing fence: a line of its own, indented one space, as the plugin reads a block id.
        return IdInsertion(row, len(line), len(line), f"\n ^{block_id}", block_id)
    column = len(line.rstrip())
    return IdInsertion(row, column, column, f" ^{block_id}", block_id)


def _match_queued(notes: list[Card], pending: list[QueuedId]) -> dict[int, str]:
    """Note row -> a queued id: same words first, then the same front, back or row (an edited card)."""
    found: dict[int, str] = {}
    used: set[str] = set()
    left = list(notes)
    keys = (
        lambda words, row: words,
        lambda words, row: ("front", words[0]),
        lambda words, row: ("back", words[1]),
        lambda words, row: ("row", row),
    )
    for key in keys:
        candidates: dict[object, list[QueuedId]] = defaultdict(list)
        for entry in pending:
            if entry.block_id not in used:
                candidates[key((entry.front, entry.back), entry.row)].append(entry)
        still = []
        for note in left:
            options = [e for e in candidates.get(key(note.note_words, note.line), []) if e.block_id not in used]
            if not options:
                still.append(note)
                continue
            best = min(options, key=lambda entry: abs(entry.row - note.line))
            used.add(best.block_id)
            found[note.line] = best.block_id
        left = still
    return found


def _find(cards: list[Card], wanted: Card) -> Card | None:
    same = [card for card in cards if card.content_key == wanted.content_key]
    if not same:
        # The learner edited the words since the card was shown: fall back to its row and direction.
        same = [card for card in cards if card.line == wanted.line and card.reverse == wanted.reverse]
    return min(same, key=lambda card: abs(card.line - wanted.line)) if same else None
