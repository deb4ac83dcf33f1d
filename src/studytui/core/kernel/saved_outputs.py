"""The outputs of a cell as the lesson notebook kept them, for showing a lesson's earlier cells; headless.

Read from the notebook's JSON without nbformat: the text of streams and results (their markdown,
HTML and LaTeX too, drawn as when the cell ran), errors with their traceback, and images as the
files they were saved to (``studytui.file`` in the output's metadata, relative to the notebook),
never their base64 data. A file is named only when its name stays in
the notebook's folder. ``outputs_view`` gives them as the code pane's blocks, to draw them as they
were drawn when the cell ran, with the files that are still plain files there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studytui.core.kernel.cell_output import FILE_KEY, Block, CellOutputs, ErrorBlock, RichBlock, StreamBlock
from studytui.core.kernel.html_output import MAX_HTML
from studytui.core.kernel.output_buffer import TerminalText
from studytui.core.kernel.rich_output import IMAGE_TYPES, as_text


@dataclass(frozen=True)
class SavedStream:
    name: str  # "stdout", "stderr"
    text: str


@dataclass(frozen=True)
class SavedRich:
    """A result or a display: its text, and the file it left (an image, a flood's full text)."""

    text: str  # text/plain
    markdown: str | None = None
    execution_count: int | None = None  # set for an execute_result
    file: Path | None = None  # absolute; None when there is none or it is gone
    image: bool = False
    html: str | None = None  # text/html (a DataFrame's table), when no longer than MAX_HTML
    latex: str | None = None


@dataclass(frozen=True)
class SavedError:
    ename: str
    evalue: str
    traceback: tuple[str, ...] = ()


SavedOutput = SavedStream | SavedRich | SavedError


def saved_output(output: Mapping[str, Any], folder: Path) -> SavedOutput | None:
    """One nbformat output as kept; None for one of an unknown type. `folder`: the notebook's."""
    kind = output.get("output_type")
    if kind == "stream":
        return SavedStream(str(output.get("name") or "stdout"), as_text(output.get("text")))
    if kind == "error":
        traceback = output.get("traceback")
        lines = tuple(map(str, traceback)) if isinstance(traceback, list) else ()
        return SavedError(str(output.get("ename") or ""), str(output.get("evalue") or ""), lines)
    if kind not in ("execute_result", "display_data"):
        return None
    data = output.get("data")
    data = data if isinstance(data, dict) else {}
    markdown = as_text(data.get("text/markdown")) or None
    count = output.get("execution_count") if kind == "execute_result" else None
    html = as_text(data.get("text/html"))
    return SavedRich(
        as_text(data.get("text/plain")),
        markdown,
        count if isinstance(count, int) else None,
        _kept_file(output.get("metadata"), folder),
        any(mime in data for mime in IMAGE_TYPES),
        html if html and len(html) <= MAX_HTML else None,
        as_text(data.get("text/latex")) or None,
    )


def _kept_file(metadata: Any, folder: Path) -> Path | None:
    """The file an output names, when the name stays in the notebook's folder (not checked on disk:
    `outputs_view` checks the files it draws)."""
    kept = metadata.get(FILE_KEY) if isinstance(metadata, dict) else None
    link = kept.get("file") if isinstance(kept, dict) else None
    if not isinstance(link, str) or not link or "\x00" in link:
        return None
    relative = Path(link)
    if relative.is_absolute() or ".." in relative.parts:
        return None
    return folder / relative


def existing_file(path: Path | None, folder: Path) -> Path | None:
    """`path` when it is a plain file inside `folder` once links are resolved, else None."""
    if path is None:
        return None
    try:
        resolved = path.resolve()
        return path if resolved.is_relative_to(folder.resolve()) and resolved.is_file() else None
    except (OSError, RuntimeError, ValueError):
        return None


def outputs_view(outputs: tuple[SavedOutput, ...], folder: Path) -> CellOutputs:
    """The outputs as the code pane's blocks (nothing is saved again: no output folder); a file
    is kept only when it is still a plain file inside `folder`, the notebook's."""
    view = CellOutputs(None, "saved")
    view.blocks = [_block(output, folder) for output in outputs]
    view.close()
    return view


def _block(output: SavedOutput, folder: Path) -> Block:
    if isinstance(output, SavedStream):
        text = TerminalText()
        text.write(output.text)
        return StreamBlock(output.name, text)
    if isinstance(output, SavedError):
        return ErrorBlock(output.ename, output.evalue, output.traceback)
    file = existing_file(output.file, folder)
    if output.file is not None and not output.image:  # a flood's full text
        return RichBlock({"text/plain": f"full output in {file or output.file}"})
    data = {"text/plain": output.text}
    if not output.image:
        kept = {"text/markdown": output.markdown, "text/html": output.html, "text/latex": output.latex}
        data.update((mime, value) for mime, value in kept.items() if value)
    return RichBlock(data, None, output.execution_count, file if output.image else None)
