"""The replay picker: the lesson's earlier cells, the ones that may run again ticked; enter replays."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from studytui.core.kernel import SavedCell
from studytui.core.text import clean_text

FIRST_LINE = 60  # characters of a cell's first line shown in the list


def cell_label(number: int, cell: SavedCell) -> Text:
    """A cell of the notebook on disk (anyone's file): its code and clock shown as data."""
    code = clean_text(cell.code)
    first = next((line for line in code.splitlines() if line.strip()), "")
    lines = code.count("\n") + 1
    label = Text(f"{number:>3} ", style="dim")
    if cell.video_clock:
        label.append(f"[{clean_text(cell.video_clock)}] ", style="cyan")
    label.append(first[:FIRST_LINE] + ("…" if len(first) > FIRST_LINE or lines > 1 else ""))
    if cell.skip_reason:
        label.append(f"  ({cell.skip_reason})", style="yellow")
    return label


class ReplayPicker(ModalScreen[list[int] | None]):
    """Dismissed with the indexes of the cells to replay, in order, or None."""

    BINDINGS = [
        Binding("enter", "replay", "Replay the ticked cells", priority=True),
        Binding("escape", "dismiss_none", "Cancel"),
        Binding("a", "all_ok", "Tick every cell that may replay"),
        Binding("n", "none", "Untick all"),
    ]

    def __init__(self, cells: list[SavedCell]) -> None:
        super().__init__()
        self.cells = cells

    def compose(self) -> ComposeResult:
        replayable = sum(cell.skip_reason is None for cell in self.cells)
        with Vertical(id="replay-box"):
            yield Static(Text.assemble(
                ("Rebuild the kernel's state", "bold"),
                f": {replayable} of {len(self.cells)} earlier cells are ticked. ",
                ("Failed, interrupted, input() and shell/pip cells are not, but you may tick them.", "dim"),
            ))
            yield SelectionList[int](
                *(Selection(cell_label(index + 1, cell), index, cell.skip_reason is None)
                  for index, cell in enumerate(self.cells)),
                id="replay-cells",
            )
            yield Static(Text("space ticks · a: all that may replay · n: none · enter replays in order (ctrl+c "
                              "stops it) · escape cancels", style="dim"))

    def action_replay(self) -> None:
        self.dismiss(sorted(self.query_one(SelectionList).selected))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def action_all_ok(self) -> None:
        chosen = self.query_one(SelectionList)
        chosen.deselect_all()
        for index, cell in enumerate(self.cells):
            if cell.skip_reason is None:
                chosen.select(index)

    def action_none(self) -> None:
        self.query_one(SelectionList).deselect_all()
