"""The review screen: due counts and stats, the front, space for the back, 1-4 to grade.

Inside this screen there is no text to type, so single keys are safe here: space, 1-4, u, w.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from studytui.core.review import GRADE_NAMES, DeckCard, ReviewSession, ReviewStats, code_blocks, interval_label
from studytui.core.text import clean_text
from studytui.core.timecode import format_time
from studytui.ui.widgets.safe_text import data_text


@dataclass(frozen=True)
class Rewatch:
    """Open `lesson_id` at `seconds` (the card's stamp) to rewatch it."""

    lesson_id: str
    seconds: float


class ReviewScreen(Screen[Rewatch | None]):
    # The app's own keys that still work here; the others act on the lesson's panes, hidden now.
    APP_ACTIONS = frozenset({"help", "quit", "toggle_clock"})
    BINDINGS = [
        Binding("space", "reveal", "Show the answer"),
        Binding("1", "grade(1)", "Again"),
        Binding("2", "grade(2)", "Hard"),
        Binding("3", "grade(3)", "Good"),
        Binding("4", "grade(4)", "Easy"),
        Binding("u,ctrl+z", "undo", "Undo the last grade"),
        # The keys that close the review act as the App takes them: the keys typed right after reach
        # the study screen, not a card.
        Binding("w", "rewatch", "Rewatch at the stamp", priority=True),
        Binding("escape,q", "close", "Close", priority=True),
    ]

    def __init__(self, session: ReviewSession) -> None:
        super().__init__(id="review-screen")
        self.session = session
        self.revealed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="review-box"):
            yield Static(id="review-counts")
            yield Static(id="review-stats")
            with VerticalScroll(id="review-card"):
                yield Static(id="review-source")
                yield Static(id="review-front")
                yield Static(id="review-back")
            yield Static(id="review-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.session.start()
        self.show()

    # ----- drawing -------------------------------------------------------------------------------

    def show(self) -> None:
        self._show_counts()
        card = self.session.current
        source, front, back = (self.query_one(f"#review-{name}", Static) for name in ("source", "front", "back"))
        hint = self.query_one("#review-hint", Static)
        if card is None:
            source.update("")
            front.update(Text("Nothing due. Well done.", style="bold green"))
            back.update(
                Text(
                    "Cards come from your notes: `front :: back`, `front ::: back` (both ways), a line "
                    "holding only `?` between a question and its answer, or a `? question` with its answer "
                    "indented under it. escape closes.",
                    style="dim",
                )
            )
            hint.update("")
            return
        source.update(_source_line(card))
        front.update(card_side(card.card.front, style="bold"))
        hidden = Text("space shows the answer", style="dim")
        back.update(card_side(card.card.back) if self.revealed else hidden)
        hint.update(
            self._grade_keys(card)
            if self.revealed
            else Text.assemble(("space", "bold"), " show the answer   ", ("w", "bold"), " rewatch")
        )

    def _grade_keys(self, card: DeckCard) -> Text:
        """The grade keys, each with the interval it would schedule, as Anki shows them (`<10m`, `4d`)."""
        intervals = self.session.deck.next_intervals(card)
        line = Text()
        for grade, name in GRADE_NAMES.items():
            line.append(str(grade), style="bold")
            line.append(f" {name} ")
            line.append(interval_label(intervals[grade]), style="bold cyan")
            line.append("   ")
        line.append_text(Text.assemble(("u", "bold"), " undo   ", ("w", "bold"), " rewatch   ",
                                       ("escape", "bold"), " close"))
        return line

    def _show_counts(self) -> None:
        deck = self.session.deck
        cards = self.session.cards  # read once per sitting: a grade never waits on the disk
        counts = self.query_one("#review-counts", Static)
        per_course: dict[str, int] = {}
        now = deck.now()
        for card in cards:
            if card.is_due(now):
                per_course[card.lesson.course] = per_course.get(card.lesson.course, 0) + 1
        line = Text.assemble(("Review", "bold"), f"   {self.session.remaining} left in this sitting   ")
        for course, due in per_course.items():
            line.append_text(data_text(f"{course}: ", style="dim"))
            line.append(f"{due} due   ")
        counts.update(line)
        self.query_one("#review-stats", Static).update(_stats_line(deck.stats(cards)))

    # ----- actions -------------------------------------------------------------------------------

    def action_reveal(self) -> None:
        if self.session.current is not None and not self.revealed:
            self.revealed = True
            self.show()

    def action_grade(self, grade: int) -> None:
        if self.session.current is None:
            return
        if not self.revealed:  # recall first, then grade against the answer
            self.action_reveal()
            return
        try:
            problem = self.session.grade(grade)
        except OSError as error:
            self.notify(f"Not graded: {error}", severity="error")
            return
        if problem:
            self.notify(problem, severity="warning")
        else:
            self.notify(f"Graded {GRADE_NAMES[grade]}.", timeout=2)
        self.revealed = False
        self.show()

    def action_undo(self) -> None:
        if self.session.undo():
            self.revealed = True
            self.notify("Last grade undone.", timeout=2)
        else:
            self.notify("No grade to undo in this sitting.", severity="warning")
        self.show()

    def action_rewatch(self) -> None:
        card = self.session.current
        if card is None:
            return
        if card.card.seconds is None:
            self.notify("This card has no stamp: its note has no time and no chapter.", severity="warning")
            return
        self.dismiss(Rewatch(card.lesson.id, card.card.seconds))

    def action_close(self) -> None:
        self.dismiss(None)


def card_side(text: str, style: str = "") -> RenderableType:
    """A side of a card: its words as written, its fenced code blocks as code with their indentation."""
    parts: list[RenderableType] = []
    for block in code_blocks(text):
        if block.language is None:
            parts.append(data_text(block.text, style=style))
        else:
            from rich.syntax import Syntax  # Pygments loads with the first card's code, not at launch

            code = Syntax(clean_text(block.text), block.language or "text", theme="ansi_dark",
                          background_color="default", word_wrap=True)
            parts.append(Padding(code, (0, 0, 0, 2)))
    return Group(*parts) if len(parts) != 1 else parts[0]


def _source_line(card: DeckCard) -> Text:
    lesson, seconds = card.lesson, card.card.seconds
    line = Text()
    line.append_text(data_text(lesson.course, style="dim"))
    line.append(" › ")
    line.append_text(data_text(lesson.title, style="bold"))
    if seconds is not None:
        index = lesson.chapter_index_at(seconds)
        if index is not None:
            line.append(" › ")
            line.append_text(data_text(lesson.chapters[index].title))
        line.append(f"  {format_time(seconds)}", style="cyan")
    if card.schedule is None:
        line.append("  new", style="bold magenta")
    return line


def _stats_line(stats: ReviewStats) -> Text:
    line = Text.assemble(
        ("due now ", "dim"), str(stats.due.now), ("   today ", "dim"), str(stats.due.today),
        ("   this week ", "dim"), str(stats.due.week), ("   reviews per day (7 days) ", "dim"),
        " ".join(str(count) for _, count in stats.reviews_per_day),
        ("   retention (30 days) ", "dim"),
    )
    retention = stats.retention
    line.append("-" if retention is None else f"{retention:.0%} of {stats.reviewed}")
    return line
