"""Cards written in the notes, in the forms of Obsidian's spaced-repetition plugin (and one of studytui's own).

- `front :: back` on one line is a card; `front ::: back` is a card both ways (a space on both sides of
  the separator, outside inline code).
- A line holding only `?` between a question and its answer makes a multi-line card (`??`: both ways).
  The question starts after a blank line or heading, or at the note (stamped bullet) it belongs to; the
  answer ends at a blank line, a heading or the next note.
- A `?` question with an answer indented under it (continuation lines, sub-bullets, code) is a card;
  a question without an answer is not (it stays on the revisit list).
- A heading (the lesson's title, a chapter's) is never a card, whatever its words.
- A card's id is an Obsidian-style block reference, `^k3x9qa`: at the end of its first line, or for a
  multi-line card at the end of its last line (on a line of its own after a closing code fence).
  Editing the words keeps the schedule, moving the lines too. When two notes carry the same id, the
  first keeps it and the other reads as having none (`duplicate_id`), so it gets one of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from studytui.core.review.card_text import (
    BLOCK_ID,
    BLOCK_ID_LINE,
    HEADING,
    MULTI_LINE_BOTH_WAYS,
    TIMED_HEADING,
    answer_rows,
    block_text,
    fenced_rows,
    is_fence,
    is_question,
    is_tag_line,
    note_line,
    separator_line,
    split_inline,
    without_question_mark,
)
from studytui.core.timecode import parse_time


@dataclass(frozen=True)
class Card:
    """One card of a lesson's notes: what is asked, the answer, and where in the video it was learned."""

    lesson_id: str
    front: str
    back: str
    line: int  # 0-based row of the card's first line in the notes
    seconds: float | None  # the note's stamp, else its chapter's start; None when neither is known
    block_id: str | None = None  # the `^id` kept in the note once the card has been reviewed or exported
    reverse: bool = False  # the back-to-front card of a `:::` (or `??`) note
    id_row: int | None = None  # the row holding its `^id`, or where a new one goes (default: `line`)
    id_own_line: bool = False  # a new `^id` goes on a line of its own after `id_row` (after a code fence)
    duplicate_id: str | None = None  # an id on this card that an earlier card carries: to be replaced

    @property
    def card_id(self) -> str | None:
        """The key of the card's schedule: lesson, block id, and the direction."""
        if self.block_id is None:
            return None
        return f"{self.lesson_id}/{self.block_id}" + ("/reverse" if self.reverse else "")

    @property
    def content_key(self) -> tuple[str, str, str, bool]:
        """What finds the same card again in an edited text before it has an id."""
        return (self.lesson_id, self.front, self.back, self.reverse)

    @property
    def note_words(self) -> tuple[str, str]:
        """(front, back) of the note the card comes from, in the order written: both directions share it."""
        return (self.back, self.front) if self.reverse else (self.front, self.back)

    @property
    def id_line(self) -> int:
        return self.line if self.id_row is None else self.id_row


@dataclass(frozen=True)
class _MultiLine:
    front: range
    separator: int
    back: range
    both_ways: bool


def parse_cards(document: str, lesson_id: str) -> list[Card]:
    """Every card in one lesson's notes, in the order they are written. Linear in the document's length."""
    lines = document.split("\n")
    fenced = fenced_rows(lines)
    multi_lines = {card.front.start: card for card in _multi_line_cards(lines, fenced)}
    covered = {row for card in multi_lines.values() for row in range(card.front.start, card.back.stop)}
    cards: list[Card] = []
    chapter_start: float | None = None
    for row, line in enumerate(lines):
        heading = None if fenced[row] else TIMED_HEADING.match(line)
        if heading:
            chapter_start = _seconds_or_none(heading["time"])
        if row in multi_lines:
            cards.extend(_multi_line_card(lines, fenced, multi_lines[row], lesson_id, chapter_start))
        elif not fenced[row] and row not in covered and not HEADING.match(line):  # headings: titles, chapters
            cards.extend(_cards_on_line(lines, fenced, row, lesson_id, chapter_start))
    return _without_duplicate_ids(cards)


def unanswered_questions(document: str) -> list[int]:
    """Rows of `?` questions with no answer under them yet: these stay on the revisit list only."""
    lines = document.split("\n")
    fenced = fenced_rows(lines)
    in_cards = {row for card in _multi_line_cards(lines, fenced) for row in card.front}
    rows = []
    for row, line in enumerate(lines):
        if fenced[row] or row in in_cards:
            continue
        words = note_line(line).words
        if is_question(words) and split_inline(words) is None and not _answer(lines, fenced, row):
            rows.append(row)
    return rows


def _cards_on_line(
    lines: list[str], fenced: list[bool], row: int, lesson_id: str, chapter_start: float | None
) -> list[Card]:
    note = note_line(lines[row])
    seconds = note.seconds if note.seconds is not None else chapter_start
    inline = split_inline(note.words)
    if inline is not None:
        front, back, both = inline
        front = without_question_mark(front)
        if not front or not back:
            return []
        card = Card(lesson_id, front, back, row, seconds, note.block_id)
        if not both:
            return [card]
        return [card, replace(card, front=back, back=front, reverse=True)]
    if is_question(note.words):
        answer = _answer(lines, fenced, row)
        if answer:
            return [Card(lesson_id, without_question_mark(note.words), answer, row, seconds, note.block_id)]
    return []


def _answer(lines: list[str], fenced: list[bool], row: int) -> str:
    rows = answer_rows(lines, row, fenced)
    if not rows:
        return ""
    return block_text([lines[r] for r in rows], [fenced[r] for r in rows])


def _multi_line_cards(lines: list[str], fenced: list[bool]) -> list[_MultiLine]:
    """Every `?` / `??` card: the question's rows above the separator line, the answer's rows below it."""
    found: list[_MultiLine] = []
    taken = 0  # rows before this belong to an earlier card
    for row, line in enumerate(lines):
        separator = None if fenced[row] or row < taken else separator_line(line)
        if separator is None:
            continue
        start = row
        while start > taken and _in_question(lines, fenced, start - 1):
            start -= 1
            if not fenced[start] and note_line(lines[start]).stamped:
                break  # the note the question belongs to starts here
        end = row + 1
        while end < len(lines) and _in_answer(lines, fenced, end):
            end += 1
        if start < row and end > row + 1:
            found.append(_MultiLine(range(start, row), row, range(row + 1, end), separator == MULTI_LINE_BOTH_WAYS))
            taken = end
    return found


def _in_question(lines: list[str], fenced: list[bool], row: int) -> bool:
    if fenced[row]:
        return True
    line = lines[row]
    if not line.strip() or HEADING.match(line) or is_tag_line(line) or separator_line(line):
        return False
    return split_inline(note_line(line).words) is None  # a one-line card is a card of its own


def _in_answer(lines: list[str], fenced: list[bool], row: int) -> bool:
    if fenced[row]:
        return True
    line = lines[row]
    return bool(line.strip()) and not HEADING.match(line) and not note_line(line).stamped


def _multi_line_card(
    lines: list[str], fenced: list[bool], card: _MultiLine, lesson_id: str, chapter_start: float | None
) -> list[Card]:
    first = note_line(lines[card.front.start])
    seconds = first.seconds if first.seconds is not None else chapter_start
    rest = range(card.front.start + 1, card.front.stop)
    front = without_question_mark(first.words)
    if rest:
        more = block_text([lines[r] for r in rest], [fenced[r] for r in rest])
        front = f"{front}\n{more}" if front else more
    back = block_text([lines[r] for r in card.back], [fenced[r] for r in card.back])
    if not front.strip() or not back.strip():
        return []
    block_id, id_row = None, card.back.stop - 1
    for row in range(card.front.start, card.back.stop):  # the last `^id` on the card's lines is its id
        found = None if fenced[row] else (BLOCK_ID.search(lines[row]) or BLOCK_ID_LINE.match(lines[row]))
        if found:
            block_id, id_row = found["id"], row
    own_line = block_id is None and is_fence(lines[id_row])
    made = Card(lesson_id, front, back, card.front.start, seconds, block_id, False, id_row, own_line)
    if not card.both_ways:
        return [made]
    return [made, replace(made, front=back, back=front, reverse=True)]


def _without_duplicate_ids(cards: list[Card]) -> list[Card]:
    """The first note with an id keeps it; a later note with the same id reads as new (`duplicate_id`)."""
    owner: dict[str, int] = {}  # block id -> the row of the note that keeps it
    kept: list[Card] = []
    for card in cards:
        if card.block_id is not None:
            first = owner.setdefault(card.block_id, card.line)
            if first != card.line:
                card = replace(card, block_id=None, duplicate_id=card.block_id)
        kept.append(card)
    return kept


def _seconds_or_none(text: str) -> float | None:
    try:
        return parse_time(text)
    except ValueError:
        return None
