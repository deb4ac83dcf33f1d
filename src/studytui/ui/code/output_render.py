"""Cell outputs (core ``CellOutputs`` blocks) as Rich renderables for the code pane."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from studytui.core.kernel import (
    Block,
    CellOutputs,
    ErrorBlock,
    RichBlock,
    StreamBlock,
    as_text,
    hidden_marker,
    shown_text,
)
from studytui.core.text import clean_text
from studytui.ui.code.echo import EchoedCode
from studytui.ui.code.image_preview import HalfBlockImage
from studytui.ui.code.table_render import TableOrText
from studytui.ui.code.thumbnails import ThumbnailCache
from studytui.ui.widgets.safe_text import ansi_text, data_text

_STREAM_STYLE = {"stderr": "red"}
# IPython's traceback opens with a 75-dash rule and pads the error's name to 75 columns before
# "Traceback (most recent call last)": both wrap into broken lines in a pane narrower than that.
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_PADDED_HEADER = re.compile(r" {3,}(?=Traceback \(most recent call last\))")
IMAGES_DRAWN_PER_CELL = 8  # more are saved and counted, not drawn: 300 plots would bury the log
DRAWN_SUFFIXES = (".png", ".jpg")


def render_echo(number: int | str, code: str, note: str = "") -> EchoedCode:
    return EchoedCode(number, code, note)


def render_stream(block: StreamBlock, tail: int | None = None) -> Text | None:
    view = block.text.view(tail)
    style = _STREAM_STYLE.get(block.name, "")
    parts: list[Text] = []
    if view.head:
        parts.append(ansi_text("\n".join(view.head), style=style))
    if view.hidden:
        parts.append(data_text(hidden_marker(view.hidden, view.spill_path), style="italic dim"))
    if view.tail:
        parts.append(ansi_text("\n".join(view.tail), style=style))
    return Text("\n").join(parts) if parts else None


def render_rich(block: RichBlock, thumbnails: ThumbnailCache | None = None, overlay: bool = False) -> RenderableType:
    prompt = Text(f"Out[{block.execution_count}]: ", style="bold red") if block.execution_count else None
    if block.image_path is not None:
        text = data_text(f"[image saved: {block.image_path}]", style="bold cyan")
        label = as_text(block.data.get("text/plain"))
        if label:
            text.append(f"  {clean_text(label)}", style="dim")
        caption = prompt + text if prompt else text
        if block.image_path.suffix in DRAWN_SUFFIXES and thumbnails is not None:
            return Group(caption, HalfBlockImage(block.image_path, thumbnails, overlay=overlay))
        return caption
    body = render_text(block.data)
    if isinstance(body, Text):
        return prompt + body if prompt else body
    return body if prompt is None else Group(prompt, body)


def render_text(data: dict[str, Any]) -> RenderableType:
    """The bundle's text part the terminal shows (core's `shown_text` chooses): markdown rendered, an
    HTML table as a table, LaTeX or HTML as their text, else text/plain; all of it data, never markup."""
    shown = shown_text(data)
    if shown.table is not None:
        return TableOrText(shown.table, shown.text)
    if shown.kind == "text/markdown":
        from rich.markdown import Markdown  # here, not at launch (6 ms): few cells display markdown

        return Markdown(clean_text(shown.text), hyperlinks=False)  # a link shows where it goes
    if shown.kind == "text/plain":
        return ansi_text(shown.text)
    return data_text(shown.text)


def render_error(block: ErrorBlock) -> Text:
    if block.traceback:
        return ansi_text("\n".join(compact_traceback(list(block.traceback))))
    return data_text(f"{block.ename}: {block.evalue}", style="bold red")


def compact_traceback(lines: list[str]) -> list[str]:
    """The traceback as drawn in the code pane: without IPython's rule of dashes, and the error's
    name two spaces from "Traceback (most recent call last)" (the notebook keeps it as it came)."""
    shown = []
    for entry in lines:
        parts = entry.split("\n")
        parts = [part for part in parts if not _is_rule(part)]
        if parts:
            shown.append("\n".join(_PADDED_HEADER.sub("  ", part) for part in parts))
    return shown


def _is_rule(line: str) -> bool:
    plain = _ANSI.sub("", line).strip()
    return len(plain) >= 20 and set(plain) == {"-"}


def render_block(
    block: Block, tail: int | None = None, thumbnails: ThumbnailCache | None = None, overlay: bool = False
) -> RenderableType | None:
    if isinstance(block, StreamBlock):
        return render_stream(block, tail)
    if isinstance(block, ErrorBlock):
        return render_error(block)
    return render_rich(block, thumbnails, overlay)


def _is_image(block: Block) -> bool:
    return isinstance(block, RichBlock) and block.image_path is not None


def images_drawn(outputs: CellOutputs) -> list[Path]:
    """The images of a cell that are drawn (the first IMAGES_DRAWN_PER_CELL)."""
    paths = [block.image_path for block in outputs.blocks if isinstance(block, RichBlock) and block.image_path]
    return [path for path in paths[:IMAGES_DRAWN_PER_CELL] if path.suffix in DRAWN_SUFFIXES]


def render_outputs(
    outputs: CellOutputs, tail: int | None = None, thumbnails: ThumbnailCache | None = None, overlay: bool = False
) -> list[RenderableType]:
    """Every block drawn; with ``tail``, streams show only their last lines (the live view);
    ``overlay`` for the output log, which draws Sixel pictures over their half-blocks.

    Images past the first IMAGES_DRAWN_PER_CELL are counted in one line, not drawn.
    """
    rendered: list[RenderableType] = []
    images = 0
    not_drawn: list[Path] = []
    for block in outputs.blocks:
        if _is_image(block):
            images += 1
            if images > IMAGES_DRAWN_PER_CELL:
                not_drawn.append(block.image_path)  # type: ignore[union-attr, arg-type]
                continue
        item = render_block(block, tail, thumbnails, overlay)
        if item is not None:
            rendered.append(item)
    if not_drawn:
        rendered.append(
            Text(
                f"[{len(not_drawn):,} more images not shown; all are saved in {not_drawn[-1].parent}]",
                style="italic dim",
            )
        )
    return rendered
