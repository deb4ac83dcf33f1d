"""The command palette, closed by the key that chose the command: no key typed after it is lost.

Textual's palette runs a command from its input's Enter: that key reaches the input several message
queues after the App took it, and the keys typed right after it (a burst: the cell the learner types
next) are handed to the palette's input meanwhile, where they vanish (a second Enter there closed the
palette twice). Here Enter and Escape are the palette's priority bindings, as in every dialog of
studytui: they act as the App takes the key. Enter first lets the keys typed before it reach the
palette's line and the search for that line finish (the App hands on no key meanwhile), then runs
the command it found: a dialog the command opens catches the keys that follow, and a command that
cannot run (it says why) leaves them to the widget that had the focus. The waiting is the one every
dialog's Enter does (`dialog.py`), with the palette's search after it.
"""

from __future__ import annotations

import contextlib
from inspect import isawaitable

from textual import on
from textual.binding import Binding
from textual.command import Command, CommandInput, CommandList, CommandPalette
from textual.widgets import Input

from studytui.ui.screens.dialog import typed_keys_handled, within_limit

LIST_SHOWN = "--visible"  # the class Textual's palette gives its list of commands while it shows


class StudyPalette(CommandPalette):
    BINDINGS = [
        Binding("enter", "run_command", "Run the command", show=False, priority=True),
        Binding("escape", "close", "Close the command palette", show=False, priority=True),
    ]

    searched: str | None = None  # the line the last search was started for

    @on(Input.Changed)
    def search_started(self, event: Input.Changed) -> None:
        self.searched = event.value  # Textual's own handler starts the search for it

    async def settled(self) -> None:
        """The keys typed before Enter are in the line, and the search for the line has finished."""
        line = self.query_one(CommandInput)
        while True:
            await typed_keys_handled(self)  # the keys typed before Enter, then the Changed they posted
            searches = [worker for worker in self.app.workers if worker.node is self and not worker.is_finished]
            for search in searches:
                with contextlib.suppress(Exception):  # cancelled by a newer search: that one is waited on next
                    await search.wait()
            if not searches and self.searched in (None, line.value):
                return

    async def action_run_command(self) -> None:
        """The highlighted command (the only one listed, or the first once Enter has picked it) runs now."""
        await within_limit(self.settled())
        commands = self.query_one(CommandList)
        if not commands.has_class(LIST_SHOWN) or not commands.option_count:
            return  # nothing found (yet): as Textual's palette does
        index = commands.highlighted
        if index is None:
            if commands.option_count > 1:
                commands.highlighted = 0  # a first Enter picks the first command, as in Textual's palette
                return
            index = 0
        option = commands.get_option_at_index(index)
        if not isinstance(option, Command):
            return  # "No matches found"
        self.app.post_message(CommandPalette.Closed(option_selected=True))
        self.dismiss()
        result = option.hit.command()
        if isawaitable(result):
            await result

    def action_close(self) -> None:
        self.app.post_message(CommandPalette.Closed(option_selected=False))
        self.dismiss()
