"""Cards written in the notes, as learners already write them (Obsidian's spaced-repetition convention).

- `front :: back` on one line is a card; `front ::: back` is a card both ways.
- A `?` question with an answer written under it (an indented line or a sub-bullet) is a card;
  a question without an answer is not (it stays on the revisit list).
- A card's id is an Obsidian-style block reference at the end of its first line, `^k3x9qa`,
  added on its first review: editing the words keeps the schedule, moving the line too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from studytui.core.notes import read_stamp
from studytui.core.timecode import parse_time

BLOCK_ID = re.compile(r"\s\^(?P<id>[A-Za-z0-9-]+)\s*$")
# The separator needs spaces around it, so code such as `x[::2]` in a note is never a card.
_BOTH_WAYS = re.compile(r"\s:::\s")
_ONE_WAY = re.compile(r"\s::\s")
_BULLET = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d+[.)])\s+")
_TIMED_HEADING = re.compile(r"^#{1,6}\s+(?P<time>\d+(?::\d{2}){1,2})\b")
_FENCE = "```"


@dataclass(frozen=True)
class Card:
    """One card of a lesson's notes: what is asked, the answer, and where in the video it was learned."""

    lesson_id: str
    front: str
    back: str
    line: int  # 0-based row of the card's first line in the notes
    seconds: float | None  # the note's stamp, else its chapter's start; None when neither is known
    block_id: str | None = None  # the `^id` kept in the note once the card has been reviewed
    reverse: bool = False  # the back-to-front card of a `:::` note

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


def parse_cards(document: str, lesson_id: str) -> list[Card]:
    """Every card in one lesson's notes, in the order they are written."""
    lines = document.split("\n")
    cards: list[Card] = []
    in_fence = False
    chapter_start: float | None = None
    for row, line in enumerate(lines):
        if line.lstrip().startswith(_FENCE):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        heading = _TIMED_HEADING.match(line)
        if heading:
            chapter_start = _seconds_or_none(heading["time"])
            continue
        cards.extend(_cards_on_line(lines, row, lesson_id, chapter_start))
    return cards


def unanswered_questions(document: str) -> list[int]:
    """Rows of `?` questions with no answer under them yet: these stay on the revisit list only."""
    lines = document.split("\n")
    rows = []
    for row, line in enumerate(lines):
        text, _, _ = _note_text(line)
        if _is_question(text) and not _ONE_WAY.search(f" {text} ") and not _answer_under(lines, row):
            rows.append(row)
    return rows


def _cards_on_line(lines: list[str], row: int, lesson_id: str, chapter_start: float | None) -> list[Card]:
    line = lines[row]
    text, stamp_seconds, block_id = _note_text(line)
    seconds = stamp_seconds if stamp_seconds is not None else chapter_start
    padded = f" {text} "
    both = _BOTH_WAYS.search(padded)
    if both:
        front, back = padded[: both.start()].strip(), padded[both.end():].strip()
        front = _without_question_mark(front)
        if not front or not back:
            return []
        return [
            Card(lesson_id, front, back, row, seconds, block_id),
            Card(lesson_id, back, front, row, seconds, block_id, reverse=True),
        ]
    one = _ONE_WAY.search(padded)
    if one:
        front, back = _without_question_mark(padded[: one.start()].strip()), padded[one.end():].strip()
        return [Card(lesson_id, front, back, row, seconds, block_id)] if front and back else []
    if _is_question(text):
        answer = _answer_under(lines, row)
        if answer:
            return [Card(lesson_id, _without_question_mark(text), answer, row, seconds, block_id)]
    return []


def _note_text(line: str) -> tuple[str, float | None, str | None]:
    """(words, stamp seconds, block id) of one line: without bullet, stamp and `^id`."""
    block = BLOCK_ID.search(line)
    block_id = block["id"] if block else None
    if block:
        line = line[: block.start()]
    stamp = read_stamp(line)
    if stamp is not None:
        words = stamp.text if stamp.kind != "question" else f"? {stamp.text}"
        return words.strip(), stamp.seconds, block_id
    bullet = _BULLET.match(line)
    text = line[bullet.end():] if bullet else line
    return text.strip(), None, block_id


def _is_question(text: str) -> bool:
    return text.startswith("? ") and len(text) > 2


def _without_question_mark(text: str) -> str:
    """A `? why tanh` front reads `why tanh`: the prefix marks the kind of note, not the words."""
    return text[2:].strip() if _is_question(text) else text


def _answer_under(lines: list[str], row: int) -> str:
    """The lines indented under a list item (continuation lines and sub-bullets), joined."""
    indent = _indent(lines[row])
    answer: list[str] = []
    for line in lines[row + 1:]:
        if not line.strip():
            break
        if _indent(line) <= indent:
            break
        bullet = _BULLET.match(line)
        words = line[bullet.end():] if bullet else line
        words = BLOCK_ID.sub("", words).strip()
        if words:
            answer.append(words)
    return "\n".join(answer)


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def _seconds_or_none(text: str) -> float | None:
    try:
        return parse_time(text)
    except ValueError:
        return None
