"""Timestamped notes: one markdown file per lesson, a bullet per note under its chapter's heading.

A note looks like `- [12:34] my words` or, when the lesson's video is online,
`- [12:34](https://youtu.be/ID?t=754) my words`. Chapter headings in the notes
carry the chapter's start time (`## 19:09 The Value object`), which is how a note finds its heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from studytui.core.text import one_line
from studytui.core.timecode import format_time, parse_time

_TIME = r"\d+(?::\d{2}){1,2}"
STAMP = re.compile(rf"^\s*[-*+]\s+\[(?P<time>{_TIME})\](?:\((?P<link>[^)\s]*)\))?[ \t]?(?P<text>.*)$")

# A prefix typed right after the stamp says what kind of note it is.
NOTE_KINDS = {"!": "observation", "?": "question", "~": "experiment"}
BOOKMARK = "(bookmark)"
KIND_MARKERS = {
    "concept": "•",
    "observation": "!",
    "question": "?",
    "experiment": "~",
    "bookmark": "⚑",
}
TIMED_HEADING = re.compile(rf"^(?P<hashes>#{{1,6}})\s+(?P<time>{_TIME})\b")
_ANY_HEADING = re.compile(r"^#{1,6}\s")
_LIST_ITEM = re.compile(r"^\s*[-*+]\s")
# An Obsidian block reference (`^k3x9qa`) ends a note that is a review card: an id, not words.
_BLOCK_REFERENCE = re.compile(r"\s\^[A-Za-z0-9-]+\s*$")
_NOT_WORDS = re.compile(r":{2,}|={2,}|\{{2,}|#|<|\^(?=[A-Za-z0-9-]+$)")


class ChapterLike(Protocol):
    """What note placement needs from a chapter (the lesson parser's `Chapter` fits)."""

    @property
    def start(self) -> float: ...

    @property
    def title(self) -> str: ...


@dataclass(frozen=True)
class Stamp:
    """A note's time stamp as read back from the notes text."""

    line: int  # 0-based line of the bullet
    seconds: float
    link: str | None
    kind: str = "concept"  # concept, observation, question, experiment or bookmark
    text: str = ""  # the note's words, without the kind prefix


@dataclass(frozen=True)
class NoteInsertion:
    """Where a new note goes: insert `text` at `location` (row, column); then put the cursor at `cursor`."""

    location: tuple[int, int]
    text: str
    cursor: tuple[int, int]

    def apply(self, document: str) -> str:
        lines = document.split("\n")
        row, column = self.location
        offset = sum(len(line) + 1 for line in lines[:row]) + column
        return document[:offset] + self.text + document[offset:]


def format_stamp(seconds: float, link: str | None = None) -> str:
    stamp = f"[{format_time(seconds)}]"
    return f"{stamp}({link})" if link else stamp


def parse_stamps(document: str) -> list[Stamp]:
    """Every stamped bullet in the notes, both `[12:34]` and `[12:34](url)` forms."""
    stamps = (read_stamp(line, row) for row, line in enumerate(document.split("\n")))
    return [stamp for stamp in stamps if stamp is not None]


def read_stamp(line: str, row: int = 0) -> Stamp | None:
    """The stamp of one line of notes (at `row`), or None when it is not a stamped bullet."""
    match = STAMP.match(line)
    if match is None:
        return None
    try:
        seconds = parse_time(match["time"])
    except ValueError:  # `[100:00]`, `[1:75]`: not a video time, so not a stamp
        return None
    kind, text = note_kind(_BLOCK_REFERENCE.sub("", match["text"]))
    return Stamp(row, seconds, match["link"] or None, kind, text)


def note_kind(text: str) -> tuple[str, str]:
    """(kind, words) of a note's text: `? why tanh` is a question about `why tanh`."""
    text = text.strip()
    if text == BOOKMARK:
        return "bookmark", ""
    if text[:1] in NOTE_KINDS and (len(text) == 1 or text[1] == " "):
        return NOTE_KINDS[text[:1]], text[1:].strip()
    return "concept", text


def stamp_at_line(document: str, row: int) -> Stamp | None:
    """The stamp of the note on `row`: its bullet line or one of its indented continuation lines."""
    lines = document.split("\n")
    for candidate in range(min(row, len(lines) - 1), -1, -1):
        stamp = read_stamp(lines[candidate], candidate)
        if stamp is not None:
            return stamp
        if not lines[candidate].startswith((" ", "\t")) or not lines[candidate].strip():
            return None
    return None


def new_notes_document(lesson_title: str) -> str:
    return f"# {heading_words(lesson_title)}\n\n"


def chapter_heading(chapter: ChapterLike) -> str:
    return f"## {format_time(chapter.start)} {heading_words(chapter.title)}"


def heading_words(title: str) -> str:
    """A pack's title as the words of a notes heading: one line, and nothing a card parser or a
    markdown viewer could take for more than words. `::` and `:::` (cards), `#` (a tag such as
    `#flashcards`), `==` and `{{` (clozes), a last ` ^id` (a card id) and `<` (HTML) are
    backslash-escaped: CommonMark shows them as written, and no parser finds a separator in them.
    """
    return _NOT_WORDS.sub(lambda match: "".join(f"\\{char}" for char in match[0]), one_line(title))


def insert_note(
    document: str,
    chapters: Sequence[ChapterLike],
    seconds: float,
    link: str | None = None,
    words: str = "",
    line: str | None = None,
) -> NoteInsertion:
    """Place a new stamped bullet under the heading of the chapter that contains `seconds`.

    The heading is created (in chapter order) when missing; bullets within a chapter stay in
    time order. Notes before the first chapter go at the top, after the title. `line` replaces the
    bullet with another line placed the same way (a quote of the lecture).
    """
    lines = document.split("\n")
    bullet = line if line is not None else f"- {format_stamp(seconds, link)} {words}"
    chapter = _chapter_at(chapters, seconds)
    headings = _timed_headings(lines)

    if chapter is None:
        start = _after_title(lines)
        end = headings[0][0] if headings else len(lines)
        return _insert_into_section(lines, start, end, seconds, bullet)

    for row, heading_time in headings:
        if abs(heading_time - chapter.start) < 0.5:
            end = _section_end(lines, row)
            return _insert_into_section(lines, row + 1, end, seconds, bullet)

    later = [row for row, heading_time in headings if heading_time > chapter.start]
    row = later[0] if later else _end_row(lines)
    block = [chapter_heading(chapter), "", bullet]
    return _insert_block(lines, row, block, cursor_index=2)


def _chapter_at(chapters: Sequence[ChapterLike], seconds: float) -> ChapterLike | None:
    current = None
    for chapter in sorted(chapters, key=lambda c: c.start):
        if chapter.start <= seconds:
            current = chapter
    return current


def _timed_headings(lines: list[str]) -> list[tuple[int, float]]:
    found = []
    in_fence = False
    for row, line in enumerate(lines):
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
            continue
        match = None if in_fence else TIMED_HEADING.match(line)
        if match:
            try:
                found.append((row, parse_time(match["time"])))
            except ValueError:
                continue
    return found


def _after_title(lines: list[str]) -> int:
    for row, line in enumerate(lines):
        if line.strip():
            return row + 1 if line.startswith("# ") else row
    return 0


def _section_end(lines: list[str], heading_row: int) -> int:
    for row in range(heading_row + 1, len(lines)):
        if _ANY_HEADING.match(lines[row]):
            return row
    return len(lines)


def _end_row(lines: list[str]) -> int:
    """The row before the document's final newline (an empty last line), or past the end."""
    return len(lines) - 1 if lines and lines[-1] == "" else len(lines)


def _insert_into_section(
    lines: list[str], start: int, end: int, seconds: float, bullet: str
) -> NoteInsertion:
    stamps = [(row, read_stamp(lines[row])) for row in range(start, end)]
    stamped = [(row, stamp.seconds) for row, stamp in stamps if stamp is not None]
    earlier = [row for row, secs in stamped if secs <= seconds]
    if earlier:
        row = _item_end(lines, earlier[-1], end)
        return _insert_block(lines, row, [bullet], cursor_index=0, tight=True)
    if stamped:
        return _insert_block(lines, stamped[0][0], [bullet], cursor_index=0, tight=True)
    content_end = start
    for row in range(start, end):
        if lines[row].strip():
            content_end = row + 1
    row = min(content_end, _end_row(lines))
    if row < len(lines) and not lines[row].strip() and row + 1 <= _end_row(lines):
        row += 1  # reuse the blank line after the heading or text
    return _insert_block(lines, row, [bullet], cursor_index=0)


def _item_end(lines: list[str], item_row: int, end: int) -> int:
    """The row after a list item and its continuation lines."""
    row = item_row + 1
    while row < end and lines[row].strip() and not _ANY_HEADING.match(lines[row]):
        if _LIST_ITEM.match(lines[row]) and not lines[row].startswith((" ", "\t")):
            break
        row += 1
    return row


def _insert_block(
    lines: list[str], row: int, block: list[str], cursor_index: int, tight: bool = False
) -> NoteInsertion:
    """Insert whole lines before `row`, keeping a blank line around new paragraphs."""
    block = list(block)
    if not tight:
        if row > 0 and row - 1 < len(lines) and lines[row - 1].strip():
            block.insert(0, "")
            cursor_index += 1
        if row < len(lines) and lines[row].strip():
            block.append("")
    cursor = (row + cursor_index, len(block[cursor_index]))
    if row >= len(lines):
        # No final newline: append after the last line.
        last = len(lines) - 1
        return NoteInsertion((last, len(lines[last])), "\n" + "\n".join(block), cursor)
    return NoteInsertion((row, 0), "\n".join(block) + "\n", cursor)


def cell_note(seconds: float, code: str, output: str, indent: str = "  ") -> str:
    """A note holding a code cell and its text output, as fenced blocks under its stamp: the
    learner's own cell kept with the moment of the lecture it belongs to."""
    lines = [f"- {format_stamp(seconds)} "]
    lines += _fenced(code.rstrip("\n"), "python", indent)
    if output.strip():
        lines += _fenced(output.rstrip("\n"), "text", indent)
    return "\n".join(lines)


def _fenced(text: str, language: str, indent: str) -> list[str]:
    """`text` in a code fence longer than any run of backticks inside it, indented under a bullet."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{indent}{fence}{language}", *(f"{indent}{line}" if line else "" for line in text.split("\n")),
            f"{indent}{fence}"]
