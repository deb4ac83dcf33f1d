"""The outputs of one executed cell, as Jupyter defines them; headless (no Textual).

Streams go through a bounded ``TerminalText``; ``clear_output(wait=True)`` clears when the next
output arrives; ``update_display_data`` replaces the bundle of the display with that id; images
are saved to the output folder as they arrive. ``to_nbformat`` gives the notebook outputs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studytui.core.kernel.messages import (
    ClearOutput,
    DisplayData,
    ErrorOutput,
    Output,
    RichResult,
    StreamText,
)
from studytui.core.kernel.output_buffer import TerminalText
from studytui.core.kernel.rich_output import image_type, save_image


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
            block.image_path = save_image(data, self.output_dir, self._next_name("image"))
        return block

    def to_nbformat(self) -> list[dict[str, Any]]:
        """The outputs as nbformat v4 dictionaries (floods keep their head and tail)."""
        outputs: list[dict[str, Any]] = []
        for block in self.blocks:
            if isinstance(block, StreamBlock):
                text = block.text.text()
                if text:
                    outputs.append({"output_type": "stream", "name": block.name, "text": text})
            elif isinstance(block, ErrorBlock):
                outputs.append(
                    {
                        "output_type": "error",
                        "ename": block.ename,
                        "evalue": block.evalue,
                        "traceback": list(block.traceback),
                    }
                )
            elif block.execution_count is not None:
                outputs.append(
                    {
                        "output_type": "execute_result",
                        "execution_count": block.execution_count,
                        "data": block.data,
                        "metadata": block.metadata,
                    }
                )
            else:
                outputs.append({"output_type": "display_data", "data": block.data, "metadata": block.metadata})
        return outputs
