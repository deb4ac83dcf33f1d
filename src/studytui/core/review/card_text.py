"""The words of a card, line by line: separators, block ids, fenced code, answers kept with their indentation.

What the card parser (cards.py) builds on. Every rule here is about one line or one run of lines;
which lines make a card is decided there.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from studytui.core.notes import read_stamp

# An Obsidian block reference at the end of a line, `^k3x9qa`, or alone on a line after a code block.
BLOCK_ID = re.compile(r"\s\^(?P<id>[A-Za-z0-9-]+)\s*$")
BLOCK_ID_LINE = re.compile(r"^\s*\^(?P<id>[A-Za-z0-9-]+)\s*$")
# The plugin's scheduling comment (`<!--SR:!2026-12-01,3,250-->`), kept out of a card's words.
SCHEDULE_COMMENT = re.compile(r"<!--SR:.*?-->")
# The separators need a space on both sides, so code such as `x[::2]` or `std::vector` is never a card.
BOTH_WAYS = re.compile(r"\s:::\s")
ONE_WAY = re.compile(r"\s::\s")
MULTI_LINE, MULTI_LINE_BOTH_WAYS = "?", "??"  # a line holding only this, between question and answer
BULLET = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d+[.)])\s+")
HEADING = re.compile(r"^#{1,6}(?:\s|$)")
TIMED_HEADING = re.compile(r"^#{1,6}\s+(?P<time>\d+(?::\d{2}){1,2})\b")
_TAG = re.compile(r"#[^\s#`]+")
_FENCE = re.compile(r"^\s*(?P<marker>`{3,}|~{3,})")


@dataclass(frozen=True)
class NoteLine:
    """One line of the notes as a card reads it: its words without bullet, stamp, `^id` and schedule comment."""

    words: str
    seconds: float | None  # the note's stamp
    block_id: str | None
    stamped: bool  # a note of its own (a stamped bullet): where a multi-line card's question starts


def note_line(line: str) -> NoteLine:
    block = BLOCK_ID.search(line)
    block_id = block["id"] if block else None
    if block:
        line = line[: block.start()]
    line = SCHEDULE_COMMENT.sub("", line)
    stamp = read_stamp(line)
    if stamp is not None:
        words = stamp.text if stamp.kind != "question" else f"? {stamp.text}"
        return NoteLine(words.strip(), stamp.seconds, block_id, True)
    bullet = BULLET.match(line)
    words = line[bullet.end():] if bullet else line
    return NoteLine(words.strip(), None, block_id, False)


def fenced_rows(lines: list[str]) -> list[bool]:
    """For each row: is it a code fence or inside a fenced block (top-level or indented)?"""
    inside: list[bool] = []
    opened: str | None = None  # the opening marker, ``` or ~~~ (or longer)
    for line in lines:
        fence = _FENCE.match(line)
        if opened is None:
            if fence:
                opened = fence["marker"]
            inside.append(fence is not None)
            continue
        inside.append(True)
        closing = fence and fence["marker"][0] == opened[0] and len(fence["marker"]) >= len(opened)
        if closing and not line.strip().strip(opened[0]):
            opened = None
    return inside


def is_fence(line: str) -> bool:
    return _FENCE.match(line) is not None


def separator_line(line: str) -> str | None:
    """`?` or `??` when the line holds only that: the line between a multi-line card's two sides."""
    words = line.strip()
    return words if words in (MULTI_LINE, MULTI_LINE_BOTH_WAYS) else None


def is_tag_line(line: str) -> bool:
    """A line of tags only (`#flashcards`, `#flashcards/ml`): for Obsidian, never part of a card's words."""
    words = line.split()
    return bool(words) and all(_TAG.fullmatch(word) for word in words)


def split_inline(words: str) -> tuple[str, str, bool] | None:
    """(front, back, both ways) of a one-line card; None when the words hold no separator outside code."""
    padded = f" {words} "
    for pattern, both in ((BOTH_WAYS, True), (ONE_WAY, False)):
        for match in pattern.finditer(padded):
            if padded[: match.start()].count("`") % 2 == 0:  # not inside an inline code span
                return padded[: match.start()].strip(), padded[match.end():].strip(), both
    return None


def is_question(words: str) -> bool:
    return words.startswith("? ") and len(words) > 2


def without_question_mark(words: str) -> str:
    """A `? why tanh` front reads `why tanh`: the prefix marks the kind of note, not the words."""
    return words[2:].strip() if is_question(words) else words


def indent(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip())


def answer_rows(lines: list[str], row: int, fenced: list[bool]) -> range:
    """The rows indented under the list item on `row` (continuation lines, sub-bullets, code blocks)."""
    own = indent(lines[row])
    end = row + 1
    while end < len(lines):
        line = lines[end]
        if not fenced[end] and (not line.strip() or indent(line) <= own):
            break
        end += 1
    return range(row + 1, end)


def block_text(lines: list[str], fenced: list[bool]) -> str:
    """Lines of a card's side as markdown: indentation kept relative to the block, `^id`s and comments out.

    A side that is one sub-bullet (`  - the answer`) reads as its words, without the bullet; several
    stay a list.
    """
    kept: list[str] = []
    for line, code in zip(lines, fenced, strict=True):
        line = line.expandtabs(4).rstrip()
        if not code:
            line = SCHEDULE_COMMENT.sub("", line).rstrip()
            if BLOCK_ID_LINE.match(line):
                continue
            line = BLOCK_ID.sub("", line)
        kept.append(line)
    text = textwrap.dedent("\n".join(kept)).strip("\n")
    rows = text.split("\n")
    bullet = BULLET.match(rows[0])
    if bullet and not any(BULLET.match(other) and not indent(other) for other in rows[1:]):
        rest = textwrap.dedent("\n".join(rows[1:])) if len(rows) > 1 else ""
        text = rows[0][bullet.end():] + ("\n" + rest if rest else "")
    return text.strip("\n")
