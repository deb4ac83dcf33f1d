"""Search the notes (alt+f: this lesson's; the palette: every lesson's), as vim's `/` does.

Typing shows the hits at once, each with its stamp; Enter goes to the one highlighted. With no
hit, Enter says so and the search stays open: what is typed next goes on into the search, never
into the notes. Escape closes it, the focus back where it was. Both act as the App takes the key
(see `Dialog`): the keys typed right after a hit was gone to reach the notes' editor, in order.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from studytui.core.notes import NoteHit
from studytui.core.timecode import format_time
from studytui.ui.screens.dialog import Dialog
from studytui.ui.widgets.safe_text import data_text

TITLE_SHOWN = 32  # characters of a lesson's title before each hit of the search across lessons


class NotesSearchScreen(Dialog[NoteHit | None]):
    BINDINGS = [
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    def __init__(
        self, title: str, search: Callable[[str], list[NoteHit]], titles: dict[str, str] | None = None
    ) -> None:
        super().__init__(id="notes-search")
        self._title = title
        self._search = search
        self._titles = titles  # lesson id -> title: the hits of every lesson say whose they are
        self._hits: list[NoteHit] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="notes-search-box"):
            yield Static(Text(self._title, style="bold"))
            yield Input(placeholder="words in your notes · Enter goes there · Escape closes", id="notes-query")
            yield Static(Text("type to search", style="dim"), id="notes-search-status")
            yield OptionList(id="notes-hits")

    @property
    def hits(self) -> list[NoteHit]:
        return list(self._hits)

    @on(Input.Changed, "#notes-query")
    def query_changed(self, event: Input.Changed) -> None:
        query = event.value
        self._hits = self._search(query) if query.strip() else []
        results = self.query_one(OptionList)
        results.clear_options()
        for number, hit in enumerate(self._hits):
            results.add_option(Option(self._line(hit, query), id=str(number)))
        if self._hits:
            results.highlighted = 0
        self._say(query)

    def _line(self, hit: NoteHit, query: str) -> Text:
        line = Text()
        if self._titles is not None:
            title = self._titles.get(hit.lesson_id, hit.lesson_id)
            line.append_text(data_text(title[:TITLE_SHOWN] + ("…" if len(title) > TITLE_SHOWN else "") + "  ",
                                       style="bold"))
        line.append(f"{format_time(hit.seconds)}  " if hit.seconds is not None else "-  ", style="cyan")
        line.append_text(data_text(hit.text))  # the learner's words, shown as written (no markup)
        line.highlight_words(query.split(), style="bold yellow", case_sensitive=False)
        return line

    def _say(self, query: str, after_enter: bool = False) -> None:
        status = self.query_one("#notes-search-status", Static)
        if not query.strip():
            status.update(Text("type to search", style="dim"))
        elif not self._hits:
            style = "bold yellow" if after_enter else "yellow"
            status.update(data_text(f"No note has “{query.strip()}”: type more or other words, Escape closes.",
                                    style=style))
        else:
            count = len(self._hits)
            status.update(Text(f"{count} hit{'s' if count != 1 else ''} · Enter goes there", style="dim"))

    def action_move(self, step: int) -> None:
        results = self.query_one(OptionList)
        if results.option_count:
            current = results.highlighted if results.highlighted is not None else 0
            results.highlighted = max(0, min(results.option_count - 1, current + step))

    def enter(self) -> None:
        self._choose(self.query_one(OptionList).highlighted, self.query_one(Input).value)

    @on(OptionList.OptionSelected, "#notes-hits")
    def selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option_index, self.query_one(Input).value)  # a click

    def _choose(self, number: int | None, query: str) -> None:
        if number is not None and number < len(self._hits):
            self.dismiss(self._hits[number])
            return
        self._say(query, after_enter=True)  # no hit: the search stays, and so do the keys typed next
        self.query_one(Input).focus()
