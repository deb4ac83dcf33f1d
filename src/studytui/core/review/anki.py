"""Export cards as an Anki deck (`.apkg`, written by genanki).

One Anki note per card note, of one note type with two templates: the second (back to front) is made
only for a `:::` / `??` note, so both directions are sibling cards of one note, as Anki expects. Each
note keeps its lesson, chapter and a link to that second of the video. The note type id, each
course's deck id and each note's guid (from the card's `^id`) are derived from names and ids, never
random, so importing a newer export updates the notes instead of adding copies.
"""

from __future__ import annotations

import hashlib
import html
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import genanki

from studytui.core.review.card_html import card_html
from studytui.core.review.card_ids import derived_block_id
from studytui.core.review.cards import Card
from studytui.core.review.deck import DeckCard
from studytui.core.timecode import format_time

# Fixed forever: Anki matches notes to their note type by it. (1_607_392_319 was the one-sided type
# of earlier exports.)
MODEL_ID = 1_607_392_320
_SOURCE = '<div class="source">{{Lesson}}{{#Chapter}} · {{Chapter}}{{/Chapter}}<br>{{Video}}</div>'
MODEL = genanki.Model(
    MODEL_ID,
    "studytui card",
    fields=[
        {"name": "Front"}, {"name": "Back"}, {"name": "Both ways"},
        {"name": "Lesson"}, {"name": "Chapter"}, {"name": "Video"},
    ],
    templates=[
        {
            "name": "Front to back",
            "qfmt": "{{Front}}",
            "afmt": '{{FrontSide}}<hr id="answer">{{Back}}' + _SOURCE,
        },
        {
            "name": "Back to front",
            "qfmt": "{{#Both ways}}{{Back}}{{/Both ways}}",
            "afmt": '{{FrontSide}}<hr id="answer">{{Front}}' + _SOURCE,
        },
    ],
    css=".card { font-family: sans-serif; font-size: 20px; text-align: left; }"
    " .source { margin-top: 1.5em; font-size: 14px; color: #777; }"
    " pre { text-align: left; font-size: 16px; }",
)


@dataclass(frozen=True)
class WrittenDeck:
    notes: int
    cards: int  # a both-ways note makes two
    lessons: int  # lessons with at least one card
    skipped: list[str] = field(default_factory=list)  # notes left out, one line each (a repeated guid)


def stable_id(*names: str) -> int:
    """A deck id from names: the same names give the same id on every machine and every run."""
    digest = hashlib.sha256("\x1f".join(names).encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def note_guid(card: Card) -> str:
    """From the card's `^id` (the one it has, or the one it will get): it never changes after."""
    block_id = card.block_id or derived_block_id(card.lesson_id, *card.note_words)
    return str(genanki.guid_for("studytui", f"{card.lesson_id}/{block_id}"))


def anki_note(card: DeckCard, both_ways: bool) -> genanki.Note:
    lesson, seconds = card.lesson, card.card.seconds
    front, back = card.card.note_words
    chapter = ""
    if seconds is not None:
        index = lesson.chapter_index_at(seconds)
        chapter = lesson.chapters[index].title if index is not None else ""
    video = ""
    if seconds is not None:
        link = lesson.video_link(seconds)
        at = html.escape(f"{lesson.title} at {format_time(seconds)}")
        video = f'<a href="{html.escape(link)}">{at}</a>' if link else at
    return genanki.Note(
        model=MODEL,
        fields=[
            card_html(front), card_html(back), "y" if both_ways else "",
            html.escape(lesson.title), html.escape(chapter), video,
        ],
        guid=note_guid(card.card),
        tags=["studytui", _tag(lesson.id)],
    )


def write_apkg(cards: list[DeckCard], out: Path) -> WrittenDeck:
    """Write the cards to `out` (one deck per course, one note per card note). Atomic: temp file, rename."""
    both_ways = {(card.lesson.id, card.card.line) for card in cards if card.card.reverse}
    decks: dict[str, genanki.Deck] = {}
    guids: set[str] = set()
    skipped: list[str] = []
    lessons: set[str] = set()
    notes = made = 0
    for card in cards:
        if card.card.reverse:
            continue
        note = anki_note(card, (card.lesson.id, card.card.line) in both_ways)
        if note.guid in guids:  # never two notes with one guid: Anki would merge them into one
            skipped.append(f"{card.lesson.id} line {card.card.line + 1}: the same id as another card")
            continue
        guids.add(note.guid)
        course = card.lesson.course or "studytui"
        if course not in decks:
            decks[course] = genanki.Deck(stable_id("studytui deck", course), f"studytui::{course}")
        decks[course].add_note(note)
        lessons.add(card.lesson.id)
        notes += 1
        made += 2 if (card.lesson.id, card.card.line) in both_ways else 1
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    os.close(fd)
    try:
        genanki.Package(list(decks.values())).write_to_file(temp)
        os.replace(temp, out)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return WrittenDeck(notes, made, len(lessons), skipped)


def _tag(lesson_id: str) -> str:
    return "".join(char if char.isalnum() or char in "-_" else "_" for char in lesson_id)
