"""Export cards as an Anki deck (`.apkg`, written by genanki).

One Anki note per card, with its lesson, chapter and a link to that second of the video. The
model id, each course's deck id and each note's guid are derived from names and card ids, never
random, so importing a newer export updates the notes instead of adding copies.
"""

from __future__ import annotations

import hashlib
import html
import os
import tempfile
from pathlib import Path

import genanki

from studytui.core.review.deck import DeckCard
from studytui.core.timecode import format_time

MODEL_ID = 1_607_392_319  # fixed forever: Anki matches notes to their note type by it
MODEL = genanki.Model(
    MODEL_ID,
    "studytui card",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Lesson"}, {"name": "Chapter"}, {"name": "Video"}],
    templates=[
        {
            "name": "Card",
            "qfmt": "{{Front}}",
            "afmt": '{{FrontSide}}<hr id="answer">{{Back}}'
            '<div class="source">{{Lesson}} · {{Chapter}}<br>{{Video}}</div>',
        }
    ],
    css=".card { font-family: sans-serif; font-size: 20px; text-align: left; }"
    " .source { margin-top: 1.5em; font-size: 14px; color: #777; }",
)


def stable_id(*names: str) -> int:
    """A deck id from names: the same names give the same id on every machine and every run."""
    digest = hashlib.sha256("\x1f".join(names).encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def note_guid(card: DeckCard) -> str:
    """From the card's `^id` when it has one, else from its words (which then must not change)."""
    key = card.card.card_id
    if key is None:
        key = "\x1f".join(map(str, card.card.content_key))
    return genanki.guid_for("studytui", key)


def anki_note(card: DeckCard) -> genanki.Note:
    lesson, seconds = card.lesson, card.card.seconds
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
        fields=[_html(card.card.front), _html(card.card.back), _html(lesson.title), _html(chapter), video],
        guid=note_guid(card),
        tags=["studytui", _tag(lesson.id)],
    )


def write_apkg(cards: list[DeckCard], out: Path) -> int:
    """Write the cards to `out` (one deck per course); returns how many notes. Atomic: temp file, rename."""
    decks: dict[str, genanki.Deck] = {}
    for card in cards:
        course = card.lesson.course or "studytui"
        if course not in decks:
            decks[course] = genanki.Deck(stable_id("studytui deck", course), f"studytui::{course}")
        decks[course].add_note(anki_note(card))
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
    return len(cards)


def _html(text: str) -> str:
    """Notes text is data: escaped for Anki's HTML fields, line breaks kept."""
    return html.escape(text).replace("\n", "<br>")


def _tag(lesson_id: str) -> str:
    return "".join(char if char.isalnum() or char in "-_" else "_" for char in lesson_id)
