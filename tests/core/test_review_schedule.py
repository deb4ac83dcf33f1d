"""FSRS schedules in the study log: stored, restored after a restart, kept when a card is edited, undone."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from studytui.config import Settings
from studytui.core.lessons import load_library
from studytui.core.review import ReviewDeck, ReviewRecords, ReviewSession, store_card_id
from studytui.core.study import StudyLog

START = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)

CARDS = """\
# Sample micrograd

## 08:08 derivative of a simple function

- [08:10] What does backward() accumulate? :: the gradient
- [08:20] ? why does grad start at 0
  - nothing depends on it yet
- [08:30] tanh ::: squashes into (-1, 1)
"""


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now


def deck_over(lessons_dir: Path, notes_dir: Path, clock: Clock) -> ReviewDeck:
    settings = Settings(lessons_dir=lessons_dir, notes_dir=notes_dir)
    log = StudyLog(settings.study_log_path)
    return ReviewDeck(load_library(lessons_dir), settings.notes_path, log, now=clock)


def write_notes(notes_dir: Path, text: str = CARDS) -> Path:
    notes_dir.mkdir(parents=True, exist_ok=True)
    path = notes_dir / "sample-micrograd.md"
    path.write_text(text, encoding="utf-8")
    return path


def review_all(deck: ReviewDeck, grade: int) -> ReviewSession:
    """Grade every due card, as the app does: each card's id written into its notes (an export's queued one first)."""
    session = ReviewSession(deck, lambda card: store_card_id(deck.notes_path(card.lesson_id), card, deck.log))
    session.start()
    for _ in range(session.remaining):
        assert session.grade(grade) is None
    return session


def test_new_cards_are_due_and_a_grade_stores_a_schedule_that_survives_a_restart(lessons_dir, notes_dir):
    path = write_notes(notes_dir)
    clock = Clock()
    deck = deck_over(lessons_dir, notes_dir, clock)
    assert deck.due_counts().now == 4  # three notes, one of them both ways
    review_all(deck, 3)
    assert deck.due_counts().now == 0
    assert path.read_text(encoding="utf-8").count(" ^") == 3  # one id per note, on first review
    deck.log.close()

    clock.now = START + dt.timedelta(minutes=5)
    reopened = deck_over(lessons_dir, notes_dir, clock)
    cards = reopened.cards()
    assert all(card.schedule is not None for card in cards)
    assert reopened.due_counts().now == 0
    assert reopened.due_counts().today == 4  # good on a new card: its next learning step, 10 minutes on
    rows = sqlite3.connect(notes_dir / ".studytui" / "study-log.sqlite").execute("SELECT COUNT(*) FROM review_log")
    assert rows.fetchone()[0] == 4


def test_editing_a_card_and_moving_it_keeps_its_schedule(lessons_dir, notes_dir):
    path = write_notes(notes_dir)
    clock = Clock()
    deck = deck_over(lessons_dir, notes_dir, clock)
    review_all(deck, 4)
    before = {card.card.card_id: card.schedule.due for card in deck.cards()}
    text = path.read_text(encoding="utf-8")
    edited = text.replace("What does backward() accumulate?", "What does .backward() add up in .grad?")
    edited = edited.replace("## 08:08", "- [08:09] a new note above the cards\n\n## 08:08")
    path.write_text(edited, encoding="utf-8")
    after = {card.card.card_id: (card.card.front, card.schedule.due) for card in deck.cards()}
    assert {card_id: due for card_id, (_, due) in after.items()} == before
    assert "What does .backward() add up in .grad?" in {front for front, _ in after.values()}


def test_undo_puts_back_the_schedule_and_shows_the_card_again(lessons_dir, notes_dir):
    write_notes(notes_dir)
    deck = deck_over(lessons_dir, notes_dir, Clock())
    session = ReviewSession(deck, lambda card: store_card_id(deck.notes_path(card.lesson_id), card))
    session.start()
    first = session.current
    session.grade(3)
    assert session.current is not first and deck.due_counts().now == 3
    assert session.undo()
    assert session.current is first and deck.due_counts().now == 4
    assert not session.undo()  # only grades of this sitting


def test_again_brings_the_card_back_in_the_same_sitting_and_retention_counts_learned_cards(lessons_dir, notes_dir):
    write_notes(notes_dir, "- [00:10] one :: uno\n")
    clock = Clock()
    deck = deck_over(lessons_dir, notes_dir, clock)
    session = ReviewSession(deck, lambda card: store_card_id(deck.notes_path(card.lesson_id), card))
    session.start()
    session.grade(1)
    assert session.remaining == 1 and session.current.schedule is not None
    session.grade(4)  # easy: learned
    assert deck.stats().reviewed == 0  # learning steps are not memory
    clock.now = START + dt.timedelta(days=30)
    review_all(deck, 3)  # due again as a learned card
    stats = deck.stats()
    assert (stats.remembered, stats.reviewed, stats.retention) == (1, 1, 1.0)
    assert stats.reviews_per_day[-1][1] == 1


def test_an_old_study_log_gains_the_review_tables(tmp_path):
    path = tmp_path / "study-log.sqlite"
    old = sqlite3.connect(path)
    old.execute(
        "CREATE TABLE counters (lesson TEXT NOT NULL, name TEXT NOT NULL, value INTEGER NOT NULL DEFAULT 0, "
        "PRIMARY KEY (lesson, name))"
    )
    old.execute("INSERT INTO counters VALUES ('l', 'notes', 7)")
    old.commit()
    old.close()
    log = StudyLog(path)
    assert ReviewRecords(log).schedules() == {}
    assert log.lesson_stats("l").notes == 7
    log.close()


def test_a_review_the_database_refuses_is_not_half_written_and_the_card_stays(lessons_dir, notes_dir):
    write_notes(notes_dir, "- [00:10] one :: uno\n")
    deck = deck_over(lessons_dir, notes_dir, Clock())
    refuse = sqlite3.connect(deck.log.path)
    refuse.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON review_log BEGIN SELECT RAISE(ABORT, 'disk says no'); END"
    )
    refuse.commit()
    refuse.close()
    session = ReviewSession(deck, lambda card: store_card_id(deck.notes_path(card.lesson_id), card))
    session.start()
    shown = session.current
    try:
        session.grade(3)
    except OSError as error:
        assert "disk says no" in str(error)
    else:
        raise AssertionError("the refused review was taken as saved")
    assert session.current is shown and ReviewRecords(deck.log).schedules() == {}


def test_a_damaged_schedule_in_the_log_makes_the_card_new_again(lessons_dir, notes_dir):
    write_notes(notes_dir, "- [00:10] one :: uno ^abc123\n")
    deck = deck_over(lessons_dir, notes_dir, Clock())
    damage = sqlite3.connect(deck.log.path)
    damage.execute(
        "INSERT INTO review_cards (card, lesson, due, schedule) "
        "VALUES ('sample-micrograd/abc123', 'sample-micrograd', 0, '{not json')"
    )
    damage.commit()
    damage.close()
    (card,) = deck.cards()
    assert card.schedule is None and card.is_due(START)


def test_each_grade_says_the_interval_it_would_schedule_as_anki_shows_it(lessons_dir, notes_dir):
    from fsrs import Scheduler

    from studytui.core.review import interval_label

    write_notes(notes_dir, "- [00:10] one :: uno\n")
    clock = Clock()
    deck = deck_over(lessons_dir, notes_dir, clock)
    deck.scheduler = Scheduler(enable_fuzzing=False)  # FSRS's random fuzz, off: the preview is exact then
    (new,) = deck.cards()
    intervals = deck.next_intervals(new)
    assert [interval_label(intervals[grade]) for grade in (1, 2, 3)] == ["<1m", "<6m", "<10m"]
    assert intervals[4] >= dt.timedelta(days=1)
    session = review_all(deck, 4)  # easy: learned, as the preview said
    (learned,) = session.cards
    assert learned.schedule is not None and learned.schedule.due - START == intervals[4]
    clock.now = learned.schedule.due
    later = deck.next_intervals(learned)
    assert later[1] < later[2] < later[3] < later[4] and later[3] > intervals[4]
    assert [interval_label(dt.timedelta(**kw)) for kw in ({"hours": 5}, {"days": 4}, {"days": 45}, {"days": 800})] == [
        "5h", "4d", "1.5mo", "2.2y"
    ]
