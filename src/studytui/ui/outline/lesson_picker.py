"""f10: find a lesson by typing part of its course, title or id; enter opens the first match.

Its own small screen rather than the command palette: the list is filtered on every key, at once
(a few dozen lessons), and enter reads the text as it is then, so `micrograd` and enter typed in one
burst (over SSH, say) open micrograd, never whatever was listed before the search ended. Enter and
escape act as the App takes them (see `Dialog`): the keys typed right after reach the lesson.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from studytui.core.lessons import Lesson, rank_lessons
from studytui.ui.screens.dialog import Dialog


def lesson_option(lesson: Lesson) -> Option:
    label = Text(lesson.title, style="bold")
    label.append(f"  {lesson.course} · {lesson.id}", style="dim")
    return Option(label, id=lesson.id)


class LessonPicker(Dialog[str | None]):
    """Dismissed with the chosen lesson's id, or None (escape, or enter when nothing matches)."""

    BINDINGS = [
        Binding("down", "move(1)", "Next lesson", show=False),
        Binding("up", "move(-1)", "Previous lesson", show=False),
    ]

    def __init__(self, lessons: list[Lesson]) -> None:
        super().__init__()
        self.lessons = lessons

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Input(placeholder="Find a lesson: words of its title, course or id; enter opens it",
                        id="picker-input")
            yield OptionList(*(lesson_option(lesson) for lesson in self.lessons), id="picker-list")

    def on_mount(self) -> None:
        self._show("")

    def _show(self, query: str) -> list[Lesson]:
        found = rank_lessons(self.lessons, query)
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(lesson_option(lesson) for lesson in found)
        options.highlighted = 0 if found else None
        return found

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show(event.value)

    def enter(self) -> None:
        """The lesson highlighted, when it matches the text typed, else the first that does."""
        options = self.query_one(OptionList)
        found = rank_lessons(self.lessons, self.query_one(Input).value)  # the text as it is now, whatever was drawn
        if options.highlighted is not None and options.highlighted < options.option_count:
            chosen = options.get_option_at_index(options.highlighted).id
            if any(lesson.id == chosen for lesson in found):
                self.dismiss(chosen)
                return
        self.dismiss(found[0].id if found else None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)  # a click

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            options.highlighted = ((options.highlighted or 0) + step) % options.option_count
