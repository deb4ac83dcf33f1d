"""A clean notebook from the lesson's record, that ``jupyter nbconvert --execute`` runs through; headless.

The record keeps every cell the learner ran, failed and interrupted ones too. The clean notebook
keeps the code cells that ran without error, in order, from the last kernel session (or all),
renumbered from 1: not one that asks for input (nobody answers it when the notebook runs alone),
nor one that reads a name last set by a cell left out (replay_plan.py), which would stop the run
at its NameError. Outputs stay as they were, their files linked relative to the new notebook.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studytui.config import Settings
from studytui.core.files import write_text_atomic
from studytui.core.kernel.cell_output import FILE_KEY, file_link_output
from studytui.core.kernel.nbformat_import import import_nbformat
from studytui.core.kernel.notebook_cells import RAISES, SKIP
from studytui.core.kernel.notebook_file import check_file_or_absent, read_regular_file
from studytui.core.kernel.output_files import relative_link
from studytui.core.kernel.replay import SavedCell, asks_for_input, saved_cells
from studytui.core.kernel.replay_plan import plan_replay
from studytui.core.kernel.rich_output import image_type

EARLIER_SESSION = "ran in an earlier kernel session"


class NothingToExport(Exception):
    """No cell of the record qualifies: nothing is written."""


@dataclass(frozen=True)
class CleanNotebook:
    path: Path
    cells: int  # code cells written
    left_out: tuple[tuple[int, str], ...]  # (the cell's number among the record's code cells, why)
    sessions: int  # the kernel sessions the cells came from
    all_sessions: bool = False  # from every kernel session, not only the last one

    def summary(self) -> str:
        """`5 cells from the last kernel session, renumbered; 2 left out`."""
        which = "every kernel session" if self.all_sessions else "the last kernel session"
        return (f"{self.cells} cell{'s' if self.cells != 1 else ''} from {which}, renumbered; "
                f"{len(self.left_out)} left out")

    def left_out_lines(self) -> list[str]:
        """`cell 2: did not finish ok`, one a cell left out, in order."""
        return [f"cell {number}: {reason}" for number, reason in self.left_out]


def clean_notebook_path(settings: Settings, lesson_id: str) -> Path:
    """Where the clean notebook of a lesson goes by default: beside its markdown digest."""
    return settings.path_in_notes("digests", f"{lesson_id}.ipynb")


def export_lesson_notebook(
    settings: Settings, lesson_id: str, out: Path | None = None, all_sessions: bool = False
) -> CleanNotebook:
    """The clean notebook of a lesson, written to `out` (default: `clean_notebook_path`).

    Raises OSError (FileNotFoundError when the lesson has no notebook yet, NotAFile, OutsideWorkspace),
    ValueError for a record that is not a notebook, NothingToExport."""
    return export_clean_notebook(settings.path_in_notes(f"{lesson_id}.ipynb"),
                                 out or clean_notebook_path(settings, lesson_id), all_sessions)


def export_clean_notebook(source: Path, target: Path, all_sessions: bool = False) -> CleanNotebook:
    """Write the clean notebook of the record at `source` to `target` (atomically)."""
    nbformat = import_nbformat()
    raw = read_regular_file(source)
    if raw is None:
        raise FileNotFoundError(f"{source} does not exist: no cell was run in this lesson yet")
    try:
        record = nbformat.reads(raw.decode("utf-8"), as_version=4)
    except Exception as error:
        raise ValueError(f"{source} is not a notebook nbformat can read ({error.__class__.__name__})") from None
    code_cells = [cell for cell in record.cells if cell.cell_type == "code"]
    saved = saved_cells(record.cells, source.parent)
    last = max((cell.session for cell in saved), default=0)

    def own_reason(cell: SavedCell) -> str | None:
        if not all_sessions and cell.session != last:
            return EARLIER_SESSION
        if cell.status != "ok":
            return "did not finish ok" if cell.status == "error" else cell.status
        return "asks for input" if asks_for_input(cell.code) else None

    choices = plan_replay(saved, own_reason, left_out="which is left out")
    kept = [index for index, choice in enumerate(choices) if choice.ticked]
    if not kept:
        which = "any kernel session" if all_sessions else "the last kernel session"
        raise NothingToExport(f"no cell of {source.name} from {which} ran without error")

    clean = nbformat.v4.new_notebook()
    clean.metadata.update({key: value for key, value in record.metadata.items() if not key.startswith("orig_")})
    for number, index in enumerate(kept, 1):
        clean.cells.append(_clean_cell(nbformat, code_cells[index], number, source.parent, target.parent))
    nbformat.validate(clean)
    check_file_or_absent(target)  # a plain file or nothing: never a FIFO, a device, a link
    write_text_atomic(target, nbformat.v4.writes(clean))
    left_out = tuple((index + 1, choice.reason) for index, choice in enumerate(choices)
                     if choice.reason and choice.reason != EARLIER_SESSION)
    return CleanNotebook(target, len(kept), left_out, len({saved[index].session for index in kept}), all_sessions)


def _clean_cell(nbformat: Any, cell: Any, number: int, source_dir: Path, target_dir: Path) -> Any:
    clean = nbformat.v4.new_code_cell(source=cell.source, execution_count=number)
    metadata = copy.deepcopy(dict(cell.metadata))
    ours = metadata.pop("studytui", None)
    if isinstance(ours, dict) and "video_time" in ours:
        metadata["studytui"] = {key: ours[key] for key in ("video_time", "video_clock") if key in ours}
    tags = [tag for tag in metadata.pop("tags", []) if tag not in (RAISES, SKIP)]
    if tags:
        metadata["tags"] = tags
    clean.metadata.update(metadata)
    clean.outputs = _relinked([copy.deepcopy(output) for output in cell.outputs], number, source_dir, target_dir)
    return clean


def _relinked(outputs: list[Any], number: int, source_dir: Path, target_dir: Path) -> list[Any]:
    """The outputs with the new execution count, and the files they name linked from `target_dir`."""
    links: dict[str, str] = {}
    for index, output in enumerate(outputs):
        if output.output_type == "execute_result":
            output.execution_count = number
        kept = output.get("metadata", {}).get(FILE_KEY)
        if not (isinstance(kept, dict) and isinstance(kept.get("file"), str)):
            continue
        old = kept["file"]
        new = relative_link(source_dir / old, target_dir)
        links[old] = new
        if image_type(output.get("data", {})):
            kept["file"] = new
        else:  # the link to a flood's full text
            outputs[index] = import_nbformat().from_dict(file_link_output(new))
    for output in outputs:
        if output.output_type == "stream":
            for old, new in links.items():
                output.text = output.text.replace(f"full output in {old} ", f"full output in {new} ")
    return outputs
