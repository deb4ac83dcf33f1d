"""Writing card ids into notes files that are not open in the editor, or queuing them for the app.

`NotesFile` writes atomically and keeps another program's version beside ours if the file changed
under us, so adding ` ^id` never loses the learner's text. While studytui has the notes open (it
holds the workspace lock) an export writes nothing into them: it queues the ids it gave in the study
log, and the app writes them into the notes (review.ReviewController); until then every export and
review finds them there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from studytui.core.notes import NotesFile, NotesReadOnly
from studytui.core.review.card_ids import IdPlan, plan_card_id, plan_ids
from studytui.core.review.cards import Card
from studytui.core.review.records import QueuedId, ReviewRecords
from studytui.core.study import StudyLog


@dataclass
class GivenIds:
    """What giving ids to the cards of some lessons did."""

    plans: dict[str, IdPlan] = field(default_factory=dict)  # lesson id -> its notes' ids
    written: int = 0  # ids written into notes files
    queued: int = 0  # ids queued for the app to write
    notices: list[str] = field(default_factory=list)  # one line each, for the learner

    def cards(self, lesson_id: str) -> list[Card]:
        """The lesson's cards, each with its id."""
        plan = self.plans.get(lesson_id)
        return plan.with_ids() if plan is not None else []


def give_cards_ids(
    lesson_ids: Iterable[str],
    notes_path: Callable[[str], Path],
    log: StudyLog,
    write: bool,
    root: Path | None = None,
) -> GivenIds:
    """An id for every card of these lessons' notes: written into them when `write`, else queued.

    Linear in the notes' length. A notes file that cannot be read is left out with a notice; one that
    cannot be written gets its ids queued instead.
    """
    records = ReviewRecords(log)
    queued = _by_lesson(records.queued_ids())
    given = GivenIds()
    for lesson_id in lesson_ids:
        path = notes_path(lesson_id)
        if not path.is_file():
            continue
        notes = NotesFile(path, "", root)
        try:
            text = notes.read()
        except (OSError, NotesReadOnly) as error:
            given.notices.append(f"cannot read {path}: {_reason(error)}")
            continue
        plan = plan_ids(text, lesson_id, queued[lesson_id])
        given.plans[lesson_id] = plan
        stored = write and _save(notes, plan.apply(text), plan, given)
        for insertion in plan.insertions:
            if insertion.replaced is not None:
                later = "" if stored else " (written into the notes when studytui next saves them)"
                given.notices.append(
                    f"{path.name} line {insertion.row + 1}: ^{insertion.replaced} is already the id of another "
                    f"card; this card gets its own, ^{insertion.block_id}{later}."
                )
        if stored:
            given.written += len(plan.insertions)
            used = plan.queued_used
            stale = {entry.block_id for entry in queued[lesson_id]} - used  # their cards are gone
            records.forget_queued_ids(lesson_id, sorted(used | stale))
        else:
            entries = plan.queue_entries()
            if entries and records.queue_ids(entries):
                given.queued += len(entries)
    return given


def store_card_id(path: Path, card: Card, log: StudyLog | None = None) -> str | None:
    """The card's id, written into its notes file first when it has none. None when the card is gone.

    With `log`, an id an export queued for the card is the one written (and leaves the queue).
    Raises OSError when the file cannot be read or written.
    """
    notes = NotesFile(path, "")
    text = _read(notes)
    records = ReviewRecords(log) if log is not None else None
    queued = records.queued_ids(card.lesson_id) if records is not None else []
    plan = plan_card_id(text, card, queued)
    if plan is None:
        return None
    if plan.insertion is not None:
        _save_or_raise(notes, plan.insertion.apply(text))
        if records is not None:
            records.forget_queued_ids(card.lesson_id, [plan.insertion.block_id])
    return plan.card_id


def store_queued_ids(path: Path, lesson_id: str, log: StudyLog) -> int:
    """Write the ids an export queued into a notes file the app holds but has not open; how many."""
    records = ReviewRecords(log)
    queued = records.queued_ids(lesson_id)
    if not queued or not path.is_file():
        return 0
    notes = NotesFile(path, "")
    text = _read(notes)
    plan = plan_ids(text, lesson_id, queued, only_queued=True)
    if plan.insertions:
        _save_or_raise(notes, plan.apply(text))
    records.forget_queued_ids(lesson_id, sorted({entry.block_id for entry in queued}))  # written, or card gone
    return len(plan.insertions)


def _save(notes: NotesFile, text: str, plan: IdPlan, given: GivenIds) -> bool:
    if not plan.insertions:
        return True
    try:
        notes.save(text)
    except (OSError, NotesReadOnly) as error:
        given.notices.append(f"cannot add card ids to {notes.path}: {_reason(error)}; they are kept for later")
        return False
    return True


def _read(notes: NotesFile) -> str:
    try:
        return notes.read()
    except NotesReadOnly as error:
        raise OSError(error.reason) from error


def _save_or_raise(notes: NotesFile, text: str) -> None:
    try:
        notes.save(text)
    except NotesReadOnly as error:
        raise OSError(error.reason) from error


def _by_lesson(entries: list[QueuedId]) -> defaultdict[str, list[QueuedId]]:
    grouped: defaultdict[str, list[QueuedId]] = defaultdict(list)
    for entry in entries:
        grouped[entry.lesson].append(entry)
    return grouped


def _reason(error: Exception) -> str:
    return error.reason if isinstance(error, NotesReadOnly) else (getattr(error, "strerror", None) or str(error))
