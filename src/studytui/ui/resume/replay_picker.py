"""The replay picker: the lesson's earlier cells, `[x]` for those that run, `[ ]` with the reason for
those that do not; space ticks, enter replays."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static

from studytui.core.kernel import ReplayChoice, SavedCell
from studytui.core.text import clean_text

FIRST_LINE = 60  # characters of a cell's first line shown in the list


def cell_label(number: int, cell: SavedCell, ticked: bool, reason: str | None) -> Text:
    """A cell of the notebook on disk (anyone's file): its code and clock shown as data."""
    code = clean_text(cell.code)
    first = next((line for line in code.splitlines() if line.strip()), "")
    lines = code.count("\n") + 1
    label = Text("[x] " if ticked else "[ ] ", style="bold green" if ticked else "dim")
    label.append(f"{number:>3} ", style="dim")
    if cell.video_clock:
        label.append(f"[{clean_text(cell.video_clock)}] ", style="cyan")
    label.append(first[:FIRST_LINE] + ("…" if len(first) > FIRST_LINE or lines > 1 else ""))
    if reason and not ticked:
        label.append(f"  ({reason})", style="yellow")
    return label


class ReplayPicker(ModalScreen[list[int] | None]):
    """Dismissed with the indexes of the cells to replay, in order, or None."""

    BINDINGS = [
        Binding("enter", "replay", "Replay the ticked cells", priority=True),
        Binding("space", "tick", "Tick or untick the cell", priority=True),
        Binding("escape", "dismiss_none", "Cancel", priority=True),
        Binding("a", "all_ok", "Tick the cells ticked at first"),
        Binding("n", "none", "Untick all"),
    ]

    def __init__(self, cells: list[SavedCell], plan: list[ReplayChoice]) -> None:
        super().__init__()
        self.cells = cells
        self.plan = plan
        self.ticked = {index for index, choice in enumerate(plan) if choice.ticked}

    def compose(self) -> ComposeResult:
        with Vertical(id="replay-box"):
            yield Static(Text.assemble(
                ("Rebuild the kernel's state", "bold"),
                f": {len(self.ticked)} of {len(self.cells)} earlier cells are ticked. ",
                ("Failed, interrupted, input() and shell/pip cells are not, nor the cells that read what "
                 "they set; you may tick them.", "dim"),
            ))
            yield OptionList(*(self._label(index) for index in range(len(self.cells))), id="replay-cells")
            yield Static(Text("space ticks · a: the first choice · n: none · enter replays in order (ctrl+c "
                              "stops it) · escape cancels", style="dim"))

    def _label(self, index: int) -> Text:
        return cell_label(index + 1, self.cells[index], index in self.ticked, self.plan[index].reason)

    def _redraw(self, *indexes: int) -> None:
        options = self.query_one(OptionList)
        for index in indexes or range(len(self.cells)):
            options.replace_option_prompt_at_index(index, self._label(index))

    def action_tick(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self.ticked ^= {index}
            self._redraw(index)

    def action_replay(self) -> None:
        self.dismiss(sorted(self.ticked))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def action_all_ok(self) -> None:
        self.ticked = {index for index, choice in enumerate(self.plan) if choice.ticked}
        self._redraw()

    def action_none(self) -> None:
        self.ticked = set()
        self._redraw()
