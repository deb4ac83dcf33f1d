"""The command palette, closed by the key that chose the command: no key typed after it is lost.

Textual's palette runs a command from its input's Enter: that key reaches the input several message
queues after the App took it, and the keys typed right after it (a burst: the cell the learner types
next) are handed to the palette's input meanwhile, where they vanish (a second Enter there closed the
palette twice). Here Enter and Escape are the palette's priority bindings, as in every dialog of
studytui: they act as the App takes the key, and the command runs then, so a dialog it opens or a
focus it moves catches the keys that follow, and a command that cannot run (it says why) leaves them
to the widget that had the focus.
"""

from __future__ import annotations

from inspect import isawaitable

from textual.binding import Binding
from textual.command import Command, CommandList, CommandPalette

LIST_SHOWN = "--visible"  # the class Textual's palette gives its list of commands while it shows


class StudyPalette(CommandPalette):
    BINDINGS = [
        Binding("enter", "run_command", "Run the command", show=False, priority=True),
        Binding("escape", "close", "Close the command palette", show=False, priority=True),
    ]

    async def action_run_command(self) -> None:
        """The highlighted command (the only one listed, or the first once Enter has picked it) runs now."""
        commands = self.query_one(CommandList)
        if not commands.has_class(LIST_SHOWN) or not commands.option_count:
            return  # still searching: nothing to run yet (as Textual's palette does)
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
