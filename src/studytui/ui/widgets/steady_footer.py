"""The key footer, rebuilt only when the keys it shows change.

Textual's ``Footer`` recomposes all its key widgets whenever the focused widget changes: each one
mounted and styled again, about 25 ms of every f2/f3/f4 in tmux (f3, then f4 `1+1` Enter in one
write to the answer: 89 ms before, 61-66 after). studytui's footer shows app keys, which are the
same whatever has focus, so that was paid for nothing, and at launch the keys typed right after the
first screen waited behind it. ``SteadyFooter`` keeps what it last showed and
recomposes only when that differs (another key, label, or a key enabled or disabled). It shows
the keys from its first frame on. `relabel` gives a key another label for now (ctrl+n is "Bookmark"
in pass 1), or None to keep its own; `hide` leaves a key out for now (one the screen has no room for).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from studytui.ui.textual_private import FooterKey, footer_starts_full


class SteadyFooter(Footer):
    """A ``Footer`` that skips the rebuild when the keys it would show are those it shows."""

    def __init__(
        self,
        *args: Any,
        relabel: Callable[[str], str | None] = lambda _action: None,
        hide: Callable[[str], bool] = lambda _action: False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._shown: tuple[object, ...] | None = None
        self.relabel = relabel
        self.hide = hide

    def compose(self) -> ComposeResult:
        # Textual's footer composes empty and fills itself after the first frame, a second layout
        # and ~15 ms just as the first keys come; the app's keys are known now, so it starts full.
        footer_starts_full(self)
        self._shown = self._keys_to_show(self.screen)
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                if self.hide(widget.action):
                    continue
                if (label := self.relabel(widget.action)) is not None:
                    widget.description = label
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        shown = self._keys_to_show(screen)
        if shown == self._shown:
            return
        self._shown = shown
        super().bindings_changed(screen)

    def _keys_to_show(self, screen: Screen) -> tuple[object, ...]:
        """What ``Footer.compose`` draws: each shown key's display, label, action and state."""
        app = screen.app
        return (
            *(
                (binding.key, app.get_key_display(binding), self.relabel(binding.action) or binding.description,
                 binding.action, binding.group, enabled, tooltip)
                for (_, binding, enabled, tooltip) in screen.active_bindings.values()
                if (binding.show and not self.hide(binding.action)) or binding.action == "command_palette"
            ),
            app.app_focus, self.compact, self.show_command_palette,
        )
