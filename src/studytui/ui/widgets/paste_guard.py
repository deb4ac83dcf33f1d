"""Refusing pastes: the method says type it yourself, so a paste gets a friendly no and is counted."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.message import Message

REFUSAL = "Type it yourself: it is how it sticks."


@dataclass
class PasteRefused(Message):
    where: str  # "code" or "notes"
    length: int


class PasteGuard:
    """Mix into a TextArea: pastes longer than `paste_limit` characters are refused (None: all accepted).

    Bracketed pastes arrive as one Paste event; terminals without bracketed paste send keystrokes,
    which are typing as far as anyone can tell, and are accepted.
    """

    paste_limit: int | None = None
    paste_area = "text"

    async def _on_paste(self, event: events.Paste) -> None:
        if self.paste_limit is None or len(event.text) <= self.paste_limit:
            return  # the TextArea's own handler inserts it
        event.prevent_default()
        event.stop()
        self.notify(  # type: ignore[attr-defined]
            f"{REFUSAL} (paste of {len(event.text)} characters refused in the {self.paste_area})",
            title="Paste refused",
            severity="warning",
        )
        self.post_message(PasteRefused(self.paste_area, len(event.text)))  # type: ignore[attr-defined]
