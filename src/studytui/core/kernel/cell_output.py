"""The outputs of one executed cell, as Jupyter defines them; headless (no Textual).

Streams go through a bounded ``TerminalText``; ``clear_output(wait=True)`` clears when the next
output arrives; ``update_display_data`` replaces the bundle of the display with that id; images
are saved to the output folder as they arrive (output_files.py). ``to_nbformat`` gives the notebook
outputs, with the files they left linked relative to the notebook.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from studytui.core.kernel.messages import (
    ClearOutput,
    DisplayData,
    ErrorOutput,
    Output,
    RichResult,
    StreamText,
)
from studytui.core.kernel.output_buffer import TerminalText
from studytui.core.kernel.output_files import relative_link
from studytui.core.kernel.rich_output import image_type, plain_text, save_image

_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")


@dataclass
class StreamBlock:
    name: str
    text: TerminalText


@dataclass
class RichBlock:
    data: dict[str, Any]
    display_id: str | None = None
    execution_count: int | None = None  # set for an execute_result
    image_path: Path | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass
class ErrorBlock:
    ename: str
    evalue: str
    traceback: tuple[str, ...]


Block = StreamBlock | RichBlock | ErrorBlock


class CellOutputs:
    """Everything one cell printed or displayed."""

    def __init__(self, output_dir: Path | None, label: str) -> None:
        self.output_dir = output_dir
        self.label = label  # file names in output_dir start with it, e.g. "cell-3"
        self.blocks: list[Block] = []
        self._clear_pending = False
        self._files = 0

    def add(self, output: Output) -> None:
        if isinstance(output, ClearOutput):
            if output.wait:
                self._clear_pending = True
            else:
                self._clear()
            return
        if isinstance(output, DisplayData) and output.update:
            self._update_display(output.display_id, output.data)
            return
        if self._clear_pending:
            self._clear()
        if isinstance(output, StreamText):
            last = self.blocks[-1] if self.blocks else None
            if not (isinstance(last, StreamBlock) and last.name == output.name):
                last = StreamBlock(output.name, TerminalText(spill_to=self._spill_path(output.name)))
                self.blocks.append(last)
            last.text.write(output.text)
        elif isinstance(output, RichResult):
            self.blocks.append(self._rich(output.data, None, output.execution_count))
        elif isinstance(output, DisplayData):
            self.blocks.append(self._rich(output.data, output.display_id, None))
        elif isinstance(output, ErrorOutput):
            self.blocks.append(ErrorBlock(output.ename, output.evalue, output.traceback))

    def _update_display(self, display_id: str | None, data: dict[str, Any]) -> None:
        """Replace the bundle of every display with ``display_id``."""
        for index, block in enumerate(self.blocks):
            if isinstance(block, RichBlock) and display_id and block.display_id == display_id:
                self.blocks[index] = self._rich(data, display_id, block.execution_count)

    def close(self) -> None:
        for block in self.blocks:
            if isinstance(block, StreamBlock):
                block.text.close()

    def _clear(self) -> None:
        self.close()
        self.blocks.clear()
        self._clear_pending = False

    def _next_name(self, what: str) -> str:
        self._files += 1
        return f"{self.label}-{what}-{self._files}" if self._files > 1 else f"{self.label}-{what}"

    def _spill_path(self, stream: str) -> Callable[[], Path] | None:
        folder = self.output_dir
        if folder is None:
            return None
        return lambda: folder / f"{self._next_name(stream)}.txt"

    def _rich(self, data: dict[str, Any], display_id: str | None, count: int | None) -> RichBlock:
        block = RichBlock(dict(data), display_id, count)
        if image_type(data) and self.output_dir is not None:
            block.image_path = save_image(data, self.output_dir)
        return block

    def to_nbformat(self, relative_to: Path | None = None) -> list[dict[str, Any]]:
        """The outputs as nbformat v4 dictionaries (floods keep their head and tail).

        The files they left (an image, a flood's full text) are named in the output's metadata
        (``studytui.file``), relative to `relative_to` (the notebook's folder); a flood's file is
        also linked in a markdown output after its stream, which JupyterLab opens.
        """
        outputs: list[dict[str, Any]] = []
        for block in self.blocks:
            if isinstance(block, StreamBlock):
                spill = block.text.spill_path
                shown = _link(spill, relative_to) if spill is not None else None
                text = block.text.text(shown)
                if text:
                    outputs.append({"output_type": "stream", "name": block.name, "text": text})
                if shown is not None:
                    outputs.append(file_link_output(shown))
            elif isinstance(block, ErrorBlock):
                outputs.append(
                    {
                        "output_type": "error",
                        "ename": block.ename,
                        "evalue": block.evalue,
                        "traceback": list(block.traceback),
                    }
                )
            else:
                metadata = dict(block.metadata)
                if block.image_path is not None:
                    metadata[FILE_KEY] = {"file": _link(block.image_path, relative_to)}
                if block.execution_count is not None:
                    outputs.append({"output_type": "execute_result", "execution_count": block.execution_count,
                                    "data": block.data, "metadata": metadata})
                else:
                    outputs.append({"output_type": "display_data", "data": block.data, "metadata": metadata})
        return outputs


FILE_KEY = "studytui"  # the output metadata key naming the file an output left


NOTED_LINES = 40  # lines of a cell's output taken into the notes (the rest is counted)


def outputs_as_text(outputs: CellOutputs, lines: int = NOTED_LINES) -> str:
    """What a cell printed and returned, as plain text (ANSI colours out), for the learner's notes:
    streams and results as text, an image as its file, an error as its last line; at most `lines`."""
    parts: list[str] = []
    for block in outputs.blocks:
        if isinstance(block, StreamBlock):
            parts.append(block.text.text().rstrip("\n"))
        elif isinstance(block, ErrorBlock):
            parts.append(f"{block.ename}: {block.evalue}")
        elif block.image_path is not None:
            parts.append(f"[image: {block.image_path.name}]")
        else:
            parts.append(plain_text(block.data))
    kept = "\n".join(part for part in parts if part).split("\n") if any(parts) else []
    kept = [_ANSI.sub("", line) for line in kept]
    if len(kept) > lines:
        kept = [*kept[:lines], f"... ({len(kept) - lines} more lines)"]
    return "\n".join(kept)


def file_link_output(link: str) -> dict[str, Any]:
    """A markdown output linking a flood's full text (`link` relative to the notebook)."""
    return {
        "output_type": "display_data",
        "data": {
            "text/markdown": f"[full output: {Path(link).name}]({quote(link)})",
            "text/plain": f"full output in {link}",
        },
        "metadata": {FILE_KEY: {"file": link}},
    }


def _link(path: Path, relative_to: Path | None) -> str:
    return relative_link(path, relative_to) if relative_to is not None else str(path)
