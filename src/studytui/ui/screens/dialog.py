"""Dialogs that close as the App takes Enter or Escape: no key typed right after them is lost.

A dialog that closed on its line's `Input.Submitted` or its list's `OptionList.OptionSelected` acted
several message queues after the App took Enter: the keys typed right after it (a burst: f4 and the
cell the learner types next) were handed to the dialog meanwhile, and vanished with it. Here Enter
and Escape are the dialog's priority bindings: they act as the App takes the key, and the App hands
on no key until they are done. Enter first lets the keys typed before it reach the dialog's line and
the dialog handle what they changed (its search, its filter), for at most `SETTLE_LIMIT` seconds,
then `enter()` chooses: it dismisses the dialog with the choice, or says why there is none and keeps
the dialog open, as each dialog does. Escape closes it at once. The keys that follow reach the widget
that had the focus below, or a screen the choice opens. The command palette (`palette.py`) waits
for the typed keys the same way before it runs its command.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable
from typing import Any, TypeVar

from textual.binding import Binding
from textual.dom import DOMNode
from textual.message_pump import MessagePump
from textual.screen import ModalScreen, Screen

ResultType = TypeVar("ResultType")

SETTLE_LIMIT = 2.0  # seconds Enter waits at most for the keys typed before it and what they changed


async def behind_queued(pump: MessagePump) -> None:
    """Returns once `pump` has handled the messages queued for it before this call."""
    reached = asyncio.Event()
    pump.call_later(reached.set)
    await reached.wait()


def focus_chain(screen: Screen[Any]) -> list[MessagePump]:
    """The focused widget and its ancestors up to `screen`: the queues a typed key and what it posts pass."""
    chain: list[MessagePump] = []
    node: DOMNode | None = screen.focused
    while node is not None and node is not screen:
        chain.append(node)
        node = node.parent
    chain.append(screen)
    return chain


async def typed_keys_handled(screen: Screen[Any]) -> None:
    """The keys handed to `screen` before this call are applied, and what they posted (an Input's
    Changed) handled by the screen.

    A key is applied in the focused widget's queue, and the message it posts climbs one queue at a
    time: twice down the chain brings it to the screen. Again when the focus moved meanwhile (a
    dialog still being mounted gives its line the focus and the keys it kept).
    """
    chain: list[MessagePump] = []
    passes = 0
    while passes < 2:
        now = focus_chain(screen)
        if now != chain:
            chain, passes = now, 0
        for node in chain:
            await behind_queued(node)
        passes += 1


async def within_limit(settling: Awaitable[object]) -> None:
    """Waits for `settling`, at most `SETTLE_LIMIT` seconds: then Enter acts on what is there."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(settling, SETTLE_LIMIT)


class Dialog(ModalScreen[ResultType]):
    """A modal screen whose Enter (`enter`) and Escape (`escape`, dismissed with nothing) act as the App
    takes the key; a subclass may bind more keys to the two actions (`escape,q`)."""

    BINDINGS = [
        Binding("enter", "enter", "Choose", show=False, priority=True),
        Binding("escape", "escape", "Close", show=False, priority=True),
    ]

    async def settled(self) -> None:
        """What was typed before Enter is in, and handled; a dialog that searches later adds its search."""
        await typed_keys_handled(self)

    async def action_enter(self) -> None:
        await within_limit(self.settled())
        self.enter()

    def enter(self) -> None:
        """Dismiss with what is chosen, or say why nothing is and stay open (each dialog's own choice)."""

    def action_escape(self) -> None:
        self.dismiss()
