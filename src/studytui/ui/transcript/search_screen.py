"""Search every lesson's transcript (palette): pick a moment, and that lesson opens there.

Enter and Escape act as the App takes the key (see `Dialog`): Enter searches what was typed before
it, if that search is still to come, and opens the moment highlighted; with no match it stays open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from studytui.core.timecode import format_time
from studytui.core.transcripts import TranscriptMatch, fold_words
from studytui.ui.screens.dialog import Dialog

RESULTS_SHOWN = 100
SEARCH_SETTLE = 0.03  # seconds: a burst of typed keys is searched once


@dataclass(frozen=True)
class ChosenMoment:
    lesson_id: str
    seconds: float


class TranscriptSearchScreen(Dialog[ChosenMoment | None]):
    BINDINGS = [
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    def __init__(
        self, search: Callable[[str], list[TranscriptMatch]], titles: dict[str, str], lessons_indexed: int
    ) -> None:
        super().__init__()
        self._search = search
        self._titles = titles
        self._indexed = lessons_indexed
        self._matches: list[TranscriptMatch] = []
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="transcript-search-box"):
            yield Static(Text("Search the transcripts of every lesson", style="bold"))
            yield Input(placeholder="words the lecturer said · Enter opens the lesson there", id="everywhere-query")
            yield Static(self._summary(None), id="everywhere-status")
            yield OptionList(id="everywhere-results")

    def _summary(self, count: int | None) -> Text:
        lessons = f"{self._indexed} lesson{'s' if self._indexed != 1 else ''} with a transcript"
        if count is None:
            return Text(lessons, style="dim")
        return Text(f"{count} match{'es' if count != 1 else ''} in {lessons}", style="dim")

    @on(Input.Changed, "#everywhere-query")
    def _query_changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SEARCH_SETTLE, self._run_search)

    def _run_search(self) -> None:
        self._timer = None
        query = self.query_one(Input).value
        self._matches = self._search(query)[:RESULTS_SHOWN] if query.strip() else []
        results = self.query_one(OptionList)
        results.clear_options()
        words = fold_words(query)
        for number, match in enumerate(self._matches):
            line = Text()
            line.append(f"{self._titles.get(match.lesson_id, match.lesson_id)[:40]}  ", style="bold")
            line.append(f"{format_time(match.start)}  ", style="cyan")
            line.append(match.text)
            line.highlight_words(words, style="bold yellow", case_sensitive=False)
            results.add_option(Option(line, id=str(number)))
        if self._matches:
            results.highlighted = 0
        summary = self._summary(len(self._matches) if query.strip() else None)
        self.query_one("#everywhere-status", Static).update(summary)

    def action_move(self, step: int) -> None:
        results = self.query_one(OptionList)
        if results.option_count:
            current = results.highlighted if results.highlighted is not None else 0
            results.highlighted = max(0, min(results.option_count - 1, current + step))

    def enter(self) -> None:
        if self._timer is not None:  # Enter right after typing: search first
            self._timer.stop()
            self._run_search()
        self._choose(self.query_one(OptionList).highlighted)

    @on(OptionList.OptionSelected, "#everywhere-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option_index)  # a click

    def _choose(self, number: int | None) -> None:
        if number is not None and number < len(self._matches):
            match = self._matches[number]
            self.dismiss(ChosenMoment(match.lesson_id, match.start))
