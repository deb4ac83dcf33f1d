"""What the transcript pane shows: the cues around the clock with the current one marked; typing searches them.

The search field keeps the focus: what is typed searches this lesson's transcript, up/down move
through the list, Enter moves the clock to the highlighted cue. With no search the list follows
the clock, unless the learner moved through it.

The pane starts hidden and most launches never show it: its children are mounted the first time
it shows (`build`). Until then every method keeps the state only (the transcript, the status, the
clock's position), and `build` shows what was kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widget import AwaitMount
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from studytui.core.timecode import format_time
from studytui.core.transcripts import Transcript, TranscriptMatch, fold_words
from studytui.ui.widgets.safe_text import data_text

CUES_BEFORE = 12  # cues shown before the current one
CUES_AFTER = 40
CURRENT_STYLE = "bold reverse"
MATCHES_SHOWN = 100  # a one-letter prefix matches most cues: list the first ones, in time order
SEARCH_SETTLE = 0.03  # seconds: a burst of typed keys is searched once, after its last key
Searcher = Callable[[str], list[TranscriptMatch]]


@dataclass
class TranscriptSeek(Message):
    """Move the lesson clock (and the video) to a moment of the transcript."""

    seconds: float


class TranscriptSearch(Input):
    BINDINGS = [
        Binding("down", "move(1)", "Next cue", show=False),
        Binding("up", "move(-1)", "Previous cue", show=False),
        Binding("pagedown", "move(10)", show=False),
        Binding("pageup", "move(-10)", show=False),
    ]

    def action_move(self, step: int) -> None:
        pane = self.parent
        if isinstance(pane, TranscriptView):
            pane.move_highlight(step)


class TranscriptView(Vertical):
    """The search field, the status line and the cues; `TranscriptPane` drives it."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.transcript: Transcript | None = None
        self._search: Searcher | None = None
        self._current: int | None = None
        self._shown: list[int] = []  # cue index of each option, in order
        self._user_moved = False
        self._position = 0.0
        self._status = ""
        self._search_timer: Timer | None = None
        self._mounting: AwaitMount | None = None
        self._field: TranscriptSearch | None = None  # the children, once built
        self._status_line: Static | None = None
        self._cues: OptionList | None = None

    async def build(self) -> None:
        """The search field, the status line and the cues, the first time the pane shows; then
        what was kept meanwhile (the transcript, its status, the clock's position) is shown."""
        if self._mounting is not None:
            await self._mounting
            return
        field = TranscriptSearch(placeholder="type to search this lecture · Enter: go there", id="transcript-search")
        status, cues = Static("", id="transcript-status"), OptionList(id="transcript-cues")
        self._mounting = self.mount(field, status, cues)
        await self._mounting
        self._field, self._status_line, self._cues = field, status, cues
        self.restart_following()

    @property
    def search_field(self) -> TranscriptSearch | None:
        """None until the pane is first shown."""
        return self._field

    @property
    def cue_list(self) -> OptionList | None:
        """None until the pane is first shown."""
        return self._cues

    @property
    def query_text(self) -> str:
        return self._field.value.strip() if self._field is not None else ""

    def bind_search(self, search: Searcher) -> None:
        self._search = search

    def show_transcript(self, transcript: Transcript | None, status: str = "") -> None:
        self.transcript = transcript
        self._current = None
        self._status = status
        if self._field is not None:
            self._field.value = ""
        self.restart_following()

    def follow(self, position: float) -> None:
        """Keep the list on the cue being spoken (called on every clock tick)."""
        self._position = position
        if self.transcript is None or self.query_text:
            return
        if self.transcript.cue_index_at(position) != self._current:
            self._show_around(position)

    def restart_following(self) -> None:
        self._user_moved = False
        self._set_status(self._status)
        if not self.query_text:
            self._show_around(self._position)

    def _set_status(self, status: str) -> None:
        line = self._status_line
        if line is None:
            return
        line.update(data_text(status, style="dim"))  # file names come from packs and video sites
        line.display = bool(status)

    def highlighted_cue(self) -> int | None:
        highlighted = self._cues.highlighted if self._cues is not None else None
        if highlighted is None or highlighted >= len(self._shown):
            return None
        return self._shown[highlighted]

    def move_highlight(self, step: int) -> None:
        cues = self._cues
        if cues is None or not cues.option_count:
            return
        self._user_moved = True
        current = cues.highlighted if cues.highlighted is not None else 0
        cues.highlighted = max(0, min(cues.option_count - 1, current + step))

    # ----- list contents ----------------------------------------------------------------------

    def _show_around(self, position: float) -> None:
        transcript, cues = self.transcript, self._cues
        if cues is None:
            return  # shown once built
        if transcript is None:
            self._shown = []
            cues.clear_options()
            return
        keep = self.highlighted_cue() if self._user_moved else None
        self._current = transcript.cue_index_at(position)
        self._shown = list(transcript.around(position, CUES_BEFORE, CUES_AFTER))
        cues.clear_options()
        cues.add_options(self._cue_option(index) for index in self._shown)
        target = keep if keep in self._shown else self._current
        if target in self._shown:
            cues.highlighted = self._shown.index(target)
        elif self._shown:
            cues.highlighted = 0

    def _cue_option(self, index: int, words: list[str] | None = None) -> Option:
        assert self.transcript is not None
        cue = self.transcript.cues[index]
        current = index == self._current and not words
        line = Text(no_wrap=False)
        line.append("▶ " if current else "  ", style="bold yellow")
        line.append(f"{format_time(cue.start):>7}  ", style="cyan")
        line.append(cue.text, style=CURRENT_STYLE if current else "")
        if words:
            line.highlight_words(words, style="bold yellow", case_sensitive=False)
        return Option(line, id=f"c{index}")

    @on(Input.Changed, "#transcript-search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_SETTLE, self._run_search)

    def _run_search(self) -> None:
        self._search_timer = None
        query = self.query_text
        if not query:
            self.restart_following()
            return
        matches = self._search(query) if self._search is not None and self.transcript is not None else []
        matches = matches[:MATCHES_SHOWN]
        self._shown = [match.cue_index for match in matches]
        words = fold_words(query)
        cues = self._cues
        if cues is None:
            return
        cues.clear_options()
        cues.add_options(self._cue_option(index, words) for index in self._shown)
        count = f"first {MATCHES_SHOWN} matches" if len(matches) == MATCHES_SHOWN else (
            f"{len(matches)} match{'es' if len(matches) != 1 else ''}"
        )
        self._set_status(f"{count} for {query!r}")
        if self._shown:
            cues.highlighted = 0

    @on(Input.Submitted, "#transcript-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._search_timer is not None:  # Enter right after typing: search first, then go
            self._search_timer.stop()
            self._run_search()
        self._seek_highlighted()

    @on(OptionList.OptionHighlighted, "#transcript-cues")
    def _cue_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_list.has_focus:  # the learner is moving through the list: it stops following
            self._user_moved = True

    @on(OptionList.OptionSelected, "#transcript-cues")
    def _cue_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._seek_highlighted()

    def _seek_highlighted(self) -> None:
        index = self.highlighted_cue()
        if index is None or self.transcript is None:
            return
        self._user_moved = False
        self.post_message(TranscriptSeek(self.transcript.cues[index].start))
