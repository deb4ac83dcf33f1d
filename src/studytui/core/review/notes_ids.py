"""Writing card ids into a notes file that is not open in the editor, through the notes file machinery.

`NotesFile` writes atomically and keeps another program's version beside ours if the file
changed under us, so adding ` ^id` never loses the learner's text.
"""

from __future__ import annotations

from pathlib import Path

from studytui.core.notes import NotesFile
from studytui.core.review.card_ids import add_missing_ids, plan_card_id
from studytui.core.review.cards import Card


def store_card_id(path: Path, card: Card) -> str | None:
    """The card's id, written into its notes file first when it has none. None when the card is gone.

    Raises OSError when the file cannot be read or written.
    """
    notes = NotesFile(path, "")
    text = notes.read()
    plan = plan_card_id(text, card)
    if plan is None:
        return None
    if plan.insertion is not None:
        notes.save(plan.insertion.apply(text))
    return plan.card_id


def store_missing_ids(path: Path, lesson_id: str) -> bool:
    """Give every card of the notes file an id; True when the file was changed. Raises OSError."""
    notes = NotesFile(path, "")
    if not path.exists():
        return False
    text = notes.read()
    with_ids = add_missing_ids(text, lesson_id)
    if with_ids == text:
        return False
    notes.save(with_ids)
    return True
