"""Which of a lesson's earlier cells a replay runs by default, and why the others do not; headless.

A cell is ticked only if it may run again itself (``SavedCell.skip_reason``) and every name it
reads from earlier cells was last set by a ticked cell (cell_names.py reads the code): the cell
after an unticked ``name = input()`` that prints ``name`` is unticked too, "reads `name`, set by
cell 4 which will not run", so a replay never stops at its NameError. The clean export uses the
same rule with its own reasons.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from studytui.core.kernel.cell_names import cell_names
from studytui.core.kernel.replay import SavedCell


@dataclass(frozen=True)
class ReplayChoice:
    ticked: bool
    reason: str | None = None  # why it is not ticked


def plan_replay(
    cells: Sequence[SavedCell],
    own_reason: Callable[[SavedCell], str | None] | None = None,
    left_out: str = "which will not run",
) -> list[ReplayChoice]:
    """One choice per cell, in order. `own_reason` says why a cell stays out by itself (default:
    its `skip_reason`); cells are numbered from 1 in the reasons, as the picker lists them."""
    reason_of = own_reason or (lambda cell: cell.skip_reason)
    last_set_by: dict[str, int] = {}
    choices: list[ReplayChoice] = []
    for index, cell in enumerate(cells):
        names = cell_names(cell.code)
        reason = reason_of(cell)
        if reason is None:
            for name in names.reads:
                setter = last_set_by.get(name)
                if setter is not None and not choices[setter].ticked:
                    reason = f"reads `{name}`, set by cell {setter + 1} {left_out}"
                    break
        choices.append(ReplayChoice(reason is None, reason))
        for name in names.binds:
            last_set_by[name] = index
    return choices
