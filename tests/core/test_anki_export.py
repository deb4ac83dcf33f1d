"""`studytui export --anki`, judged by the real Anki: the `anki` package imports every deck written here."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from studytui.cli import main
from studytui.core.review import ReviewRecords
from studytui.core.study import StudyLog, WorkspaceLock
from tests.anki_judge import AnkiCollection, AnkiNote
from tests.core.test_review_schedule import CARDS, Clock, deck_over, review_all, write_notes
from tests.waiting import until_sync

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def anki(tmp_path):
    collection = AnkiCollection(tmp_path / "anki")
    yield collection
    collection.close()


def export(lessons_dir: Path, notes_dir: Path, out: Path, *selection: str) -> int:
    return main(
        ["export", "--anki", *selection, "-o", str(out), "--lessons", str(lessons_dir), "--notes", str(notes_dir)]
    )


def by_front(notes: list[AnkiNote]) -> dict[str, AnkiNote]:
    return {note.fields["Front"]: note for note in notes}


def next_second() -> None:
    """Anki updates a note only from an export newer than its copy (by the second): let the clock move on."""
    second = int(time.time())
    until_sync(lambda: int(time.time()) > second, timeout=3, what="the next second")


def test_the_deck_holds_one_note_per_card_note_with_lesson_chapter_and_video_link(
    lessons_dir, notes_dir, tmp_path, capsys, anki
):
    write_notes(notes_dir)
    out = tmp_path / "deck.apkg"
    assert export(lessons_dir, notes_dir, out, "sample-micro") == 0
    assert capsys.readouterr().out.strip() == f"{out}: 4 cards (3 notes) from 1 lesson"
    assert anki.import_deck(out).new == 3
    notes = by_front(anki.notes())
    assert sorted(notes) == sorted(["What does backward() accumulate?", "why does grad start at 0", "tanh"])
    backward = notes["What does backward() accumulate?"]
    assert backward.fields["Back"] == "the gradient" and backward.notetype == "studytui card"
    assert backward.fields["Lesson"] == "Sample micrograd"
    assert backward.fields["Chapter"] == "derivative of a simple function"
    assert 'href="https://youtu.be/VMj-3S1tku0?t=490"' in backward.fields["Video"]
    assert "08:10" in backward.fields["Video"]
    assert backward.card_templates == ("Front to back",) and "studytui" in backward.tags
    assert notes["why does grad start at 0"].fields["Back"] == "nothing depends on it yet"
    # `tanh ::: ...` is one note with both directions as its two sibling cards.
    tanh = notes["tanh"]
    assert tanh.fields["Back"] == "squashes into (-1, 1)" and tanh.fields["Both ways"] == "y"
    assert tanh.card_templates == ("Front to back", "Back to front")
    assert anki.card_count() == 4 and "studytui::Sample course" in anki.deck_names()


def test_reexport_after_reviews_and_edits_updates_the_notes_and_adds_no_copy(lessons_dir, notes_dir, tmp_path, anki):
    path = write_notes(notes_dir)
    assert export(lessons_dir, notes_dir, tmp_path / "first.apkg") == 0
    assert path.read_text(encoding="utf-8").count(" ^") == 3  # every note got its id at its first export
    assert anki.import_deck(tmp_path / "first.apkg").new == 3
    first = {note.guid: note.fields["Front"] for note in anki.notes()}

    deck = deck_over(lessons_dir, notes_dir, Clock())
    review_all(deck, 3)
    deck.log.close()
    text = path.read_text(encoding="utf-8")
    text = text.replace("the gradient", "d output / d node, summed")
    text = text.replace("## 08:08", "- [08:00] new :: one\n\n## 08:08")
    path.write_text(text, encoding="utf-8")
    next_second()
    assert export(lessons_dir, notes_dir, tmp_path / "second.apkg", "--all") == 0
    imported = anki.import_deck(tmp_path / "second.apkg")
    assert (imported.new, imported.conflicting) == (1, 0)
    notes = anki.notes()
    assert len(notes) == 4 and anki.card_count() == 5
    assert {note.guid for note in notes} >= set(first)
    assert by_front(notes)["What does backward() accumulate?"].fields["Back"] == "d output / d node, summed"


def test_while_studytui_holds_the_notes_the_export_queues_the_ids_the_review_writes_them(
    lessons_dir, notes_dir, tmp_path, capsys, anki
):
    path = write_notes(notes_dir)
    with WorkspaceLock(notes_dir / ".studytui" / "lock"):  # as the running app holds it
        assert export(lessons_dir, notes_dir, tmp_path / "first.apkg") == 0
        assert path.read_text(encoding="utf-8") == CARDS  # the app's file is left to the app
        assert "3 new card ids are kept in the study log" in capsys.readouterr().err
        assert export(lessons_dir, notes_dir, tmp_path / "again.apkg") == 0
    assert anki.import_deck(tmp_path / "first.apkg").new == 3
    assert anki.import_deck(tmp_path / "again.apkg").new == 0
    guids = {note.guid for note in anki.notes()}

    # The learner edits one card before any id is in the notes, then reviews in the app.
    path.write_text(CARDS.replace("the gradient", "the slope of the output"), encoding="utf-8")
    deck = deck_over(lessons_dir, notes_dir, Clock())
    review_all(deck, 3)
    deck.log.close()
    assert path.read_text(encoding="utf-8").count(" ^") == 3
    assert ReviewRecords(StudyLog(notes_dir / ".studytui" / "study-log.sqlite")).queued_ids() == []

    next_second()
    assert export(lessons_dir, notes_dir, tmp_path / "second.apkg") == 0
    imported = anki.import_deck(tmp_path / "second.apkg")
    assert imported.new == 0 and imported.updated >= 1
    notes = anki.notes()
    assert {note.guid for note in notes} == guids and len(notes) == 3
    assert by_front(notes)["What does backward() accumulate?"].fields["Back"] == "the slope of the output"


def test_math_markdown_and_the_learners_html_reach_anki_as_it_renders_them(lessons_dir, notes_dir, tmp_path, anki):
    write_notes(notes_dir, """\
- [00:10] what is $\\frac{d}{dx} x^2$ when $x < 1$? :: **twice** *x*, `2 * x`, costs $5 not $10
- [00:20] the chain rule
?
$$
\\frac{dz}{dx} = \\frac{dz}{dy} \\frac{dy}{dx}
$$
- [00:30] what is <b>bold</b> here? :: it & <script>stays</script> text
- [00:40] ? write the update step
  ```python
  for p in params:
      p.data -= lr * p.grad
  ```
- [00:50] the three steps
?
- forward
- backward
- update
""")
    assert export(lessons_dir, notes_dir, tmp_path / "deck.apkg") == 0
    anki.import_deck(tmp_path / "deck.apkg")
    notes = {note.fields["Front"]: note.fields["Back"] for note in anki.notes()}
    assert notes["what is \\(\\frac{d}{dx} x^2\\) when \\(x &lt; 1\\)?"] == (
        "<strong>twice</strong> <em>x</em>, <code>2 * x</code>, costs $5 not $10"
    )
    assert notes["the chain rule"] == "\\[\\frac{dz}{dx} = \\frac{dz}{dy} \\frac{dy}{dx}\\]"
    assert notes["what is &lt;b&gt;bold&lt;/b&gt; here?"] == "it &amp; &lt;script&gt;stays&lt;/script&gt; text"
    assert notes["write the update step"] == (
        '<pre><code class="language-python">for p in params:\n    p.data -= lr * p.grad\n</code></pre>'
    )
    assert notes["the three steps"] == "<ul>\n<li>forward</li>\n<li>backward</li>\n<li>update</li>\n</ul>"


def test_two_cards_with_one_id_become_two_notes_and_the_second_gets_its_own(
    lessons_dir, notes_dir, tmp_path, capsys, anki
):
    path = write_notes(notes_dir, "- [00:10] one :: uno ^abc123\n- [00:20] two :: dos ^abc123\n")
    assert export(lessons_dir, notes_dir, tmp_path / "deck.apkg") == 0
    err = capsys.readouterr().err
    assert "line 2: ^abc123 is already the id of another card; this card gets its own" in err
    text = path.read_text(encoding="utf-8")
    assert text.startswith("- [00:10] one :: uno ^abc123\n- [00:20] two :: dos ^")
    assert text.count("^abc123") == 1
    assert anki.import_deck(tmp_path / "deck.apkg").new == 2
    assert len({note.guid for note in anki.notes()}) == 2


def test_the_count_names_the_lessons_that_have_cards(lessons_dir, notes_dir, tmp_path, capsys):
    write_notes(notes_dir)
    assert export(lessons_dir, notes_dir, tmp_path / "deck.apkg") == 0  # every lesson: one has cards
    assert capsys.readouterr().out.strip().endswith(": 4 cards (3 notes) from 1 lesson")
    assert export(lessons_dir, notes_dir, tmp_path / "none.apkg", "sample-bigrams") == 0
    assert capsys.readouterr().out.strip().endswith(": no cards: the notes of 1 lesson hold none")


def test_an_unknown_lesson_is_refused_with_the_known_ones(lessons_dir, notes_dir, tmp_path, capsys):
    assert export(lessons_dir, notes_dir, tmp_path / "x.apkg", "nothing-like-it") == 2
    assert "sample-bigrams" in capsys.readouterr().err
    assert not (tmp_path / "x.apkg").exists()


def test_a_lesson_is_named_as_for_export_and_several_matches_are_offered(lessons_dir, notes_dir, tmp_path, capsys):
    assert export(lessons_dir, notes_dir, tmp_path / "x.apkg", "sample") == 2  # the start of several ids
    err = capsys.readouterr().err
    assert "Did you mean:" in err and "sample-bigrams" in err
    assert not (tmp_path / "x.apkg").exists()
    write_notes(notes_dir)
    assert export(lessons_dir, notes_dir, tmp_path / "x.apkg", "sample-micr") == 0  # the start of one id
    assert "from 1 lesson" in capsys.readouterr().out
