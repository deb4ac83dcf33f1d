"""`studytui export --anki`: a zip holding an Anki collection (SQLite) with one note per card, stable ids."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

from studytui.cli import main
from tests.core.test_review_schedule import CARDS, write_notes


def anki_notes(apkg: Path, tmp_path: Path) -> list[tuple[str, list[str]]]:
    """(guid, fields) of every note in the deck, read back with sqlite from the zip."""
    assert zipfile.is_zipfile(apkg)
    with zipfile.ZipFile(apkg) as archive:
        assert "collection.anki2" in archive.namelist()
        archive.extract("collection.anki2", tmp_path / "unzipped")
    db = sqlite3.connect(tmp_path / "unzipped" / "collection.anki2")
    try:
        rows = db.execute("SELECT guid, flds FROM notes ORDER BY guid").fetchall()
        decks = db.execute("SELECT decks FROM col").fetchone()[0]
    finally:
        db.close()
    assert "studytui::Sample course" in decks
    return [(guid, fields.split("\x1f")) for guid, fields in rows]


def export(lessons_dir: Path, notes_dir: Path, out: Path, *selection: str) -> int:
    return main(["export", "--anki", *selection, "-o", str(out), "--lessons", str(lessons_dir), "--notes", str(notes_dir)])


def test_the_deck_holds_one_note_per_card_with_lesson_chapter_and_video_link(lessons_dir, notes_dir, tmp_path, capsys):
    write_notes(notes_dir)
    out = tmp_path / "deck.apkg"
    assert export(lessons_dir, notes_dir, out, "sample-micro") == 0
    assert "4 cards" in capsys.readouterr().out
    notes = anki_notes(out, tmp_path)
    fronts = sorted(fields[0] for _, fields in notes)
    assert fronts == sorted(
        ["What does backward() accumulate?", "why does grad start at 0", "tanh", "squashes into (-1, 1)"]
    )
    backward = next(fields for _, fields in notes if fields[0] == "What does backward() accumulate?")
    assert backward[1:4] == ["the gradient", "Sample micrograd", "derivative of a simple function"]
    assert 'href="https://youtu.be/VMj-3S1tku0?t=490"' in backward[4] and "08:10" in backward[4]


def test_reexport_keeps_the_guids_even_after_the_words_change(lessons_dir, notes_dir, tmp_path):
    path = write_notes(notes_dir)
    first = tmp_path / "first.apkg"
    assert export(lessons_dir, notes_dir, first, "--all") == 0
    with_ids = path.read_text(encoding="utf-8")
    assert with_ids.count(" ^") == 3  # ids written into the notes, so edits keep the notes' identity
    path.write_text(with_ids.replace("the gradient", "d output / d node, summed"), encoding="utf-8")
    second = tmp_path / "second.apkg"
    assert export(lessons_dir, notes_dir, second, "--course", "sample") == 0
    before = anki_notes(first, tmp_path / "a")
    after = anki_notes(second, tmp_path / "b")
    assert [guid for guid, _ in before] == [guid for guid, _ in after]
    assert any(fields[1] == "d output / d node, summed" for _, fields in after)


def test_text_from_notes_is_escaped_for_anki(lessons_dir, notes_dir, tmp_path):
    write_notes(notes_dir, CARDS + "- [09:00] what is <b>bold</b> here? :: it & stays text\n")
    out = tmp_path / "deck.apkg"
    assert export(lessons_dir, notes_dir, out) == 0
    fields = next(fields for _, fields in anki_notes(out, tmp_path) if "bold" in fields[0])
    assert fields[0] == "what is &lt;b&gt;bold&lt;/b&gt; here?" and fields[1] == "it &amp; stays text"


def test_an_unknown_lesson_is_refused_with_the_known_ones(lessons_dir, notes_dir, tmp_path, capsys):
    assert export(lessons_dir, notes_dir, tmp_path / "x.apkg", "nothing-like-it") == 2
    assert "sample-bigrams" in capsys.readouterr().err
    assert not (tmp_path / "x.apkg").exists()


def test_while_studytui_has_the_notes_open_the_export_leaves_them_alone(lessons_dir, notes_dir, tmp_path, capsys):
    from studytui.core.study import WorkspaceLock

    path = write_notes(notes_dir)
    with WorkspaceLock(notes_dir / ".studytui" / "lock"):
        assert export(lessons_dir, notes_dir, tmp_path / "deck.apkg") == 0
    assert path.read_text(encoding="utf-8") == CARDS
    assert "matches them by their words" in capsys.readouterr().err
    assert len(anki_notes(tmp_path / "deck.apkg", tmp_path)) == 4


def test_a_lesson_is_named_as_for_export_and_several_matches_are_offered(lessons_dir, notes_dir, tmp_path, capsys):
    assert export(lessons_dir, notes_dir, tmp_path / "x.apkg", "sample") == 2  # the start of several ids
    err = capsys.readouterr().err
    assert "Did you mean:" in err and "sample-bigrams" in err
    assert not (tmp_path / "x.apkg").exists()
    assert export(lessons_dir, notes_dir, tmp_path / "x.apkg", "sample-bigr") == 0  # the start of one id
    assert "from 1 lesson(s)" in capsys.readouterr().out
