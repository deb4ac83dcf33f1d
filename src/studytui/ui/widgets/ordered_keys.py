"""Keys take effect in the order they were typed, in every text input and for app keys.

Textual's ``TextArea`` and ``Input`` insert a printable key in their ``_on_key`` handler, but run
their own bindings (backspace, delete, arrows, home/end, ctrl+w...) only once the key has bubbled
up to the App, several message queues later. A character read in the same burst from the terminal
(over SSH, or a fast typist's rollover) is inserted before: ``a b Backspace c`` gave ``ab``.
Upstream: Textualize/textual issue 6605. ``OrderedKeys`` runs the widget's own bindings inline, in
its key handler, so they take their turn in the widget's queue; drop it when Textual does the same.

App keys are priority bindings: they run as soon as the App reads the key, before the keys typed
just before them have reached the focused widget. ``after_typed_keys`` runs an action once the
focused widget has applied every key queued before it (ctrl+r must run the whole cell).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any, cast

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Input

from studytui.ui.textual_private import own_bindings


class OrderedKeys:
    """Mix in before ``TextArea`` or ``Input`` (a plain mixin, as Textual merges component
    classes only along Widget subclasses): its own key bindings run in typing order."""

    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable and await self._run_own_binding(event.key):
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)  # type: ignore[misc]

    async def _run_own_binding(self, key: str) -> bool:
        """Run this widget's non-priority binding for ``key``, as the App would have later."""
        widget = cast(Widget, self)
        for binding in own_bindings(widget, key):
            if not binding.priority and await widget.app.run_action(binding.action, widget):
                return True
        return False


async def run_after_typing(node: DOMNode, action: str, typed_into: str) -> None:
    """A key that acts on typed text runs its `action` (in `node`'s namespace) after the keys typed
    before it into `typed_into` (a widget id, or "*" for any input) are applied.

    Typed elsewhere, it runs now: a focus it moves (ctrl+n to the notes) catches the next keys.
    """
    app = node.app
    focused = app.focused
    if focused is not None and typed_into in ("*", focused.id):
        after_typed_keys(app, partial(app.run_action, action, node))
    else:
        await app.run_action(action, node)


def after_typed_keys(app: App[Any], action: Callable[[], Awaitable[Any] | Any]) -> None:
    """Run ``action`` after the keys already sent to the focused text input are applied.

    Events are handled in order per widget: a callback queued behind those keys runs after them,
    and keys read after it are queued behind it.
    """
    focused = app.focused
    if isinstance(focused, OrderedKeys):
        focused.call_later(action)  # a Widget: OrderedKeys is only mixed into widgets
    else:
        app.call_later(action)


class OrderedInput(OrderedKeys, Input):
    """A one-line ``Input`` whose editing keys apply in typing order (a dialog's line to type in)."""
