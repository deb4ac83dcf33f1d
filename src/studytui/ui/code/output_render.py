"""Cell outputs (core ``CellOutputs`` blocks) as Rich renderables for the code pane."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.text import Text

from studytui.core.kernel import Block, CellOutputs, ErrorBlock, RichBlock, StreamBlock
from studytui.core.kernel import hidden_marker
from studytui.core.kernel import as_text, plain_text, text_type
from studytui.core.text import clean_text
from studytui.ui.code.image_preview import HalfBlockImage
from studytui.ui.widgets.safe_text import ansi_text, data_text

_STREAM_STYLE = {"stderr": "red"}


def render_echo(number: int, code: str, note: str = "") -> Text:
    lines = code.rstrip("\n").split("\n")
    text = Text()
    text.append(f"In [{number}]: ", style="bold green")
    text.append(clean_text(lines[0]))
    for line in lines[1:]:
        text.append("\n" + " " * (len(str(number)) + 4) + "...: ", style="green")
        text.append(clean_text(line))
    if note:
        text.append(f"  {note}", style="italic yellow")
    return text


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


def render_rich(block: RichBlock) -> RenderableType:
    prompt = Text(f"Out[{block.execution_count}]: ", style="bold red") if block.execution_count else None
    if block.image_path is not None:
        text = data_text(f"[image saved: {block.image_path}]", style="bold cyan")
        label = as_text(block.data.get("text/plain"))
        if label:
            text.append(f"  {clean_text(label)}", style="dim")
        caption = prompt + text if prompt else text
        if block.image_path.suffix in (".png", ".jpg"):
            return Group(caption, HalfBlockImage(block.image_path))
        return caption
    if text_type(block.data) == "text/markdown":
        markdown = Markdown(clean_text(as_text(block.data["text/markdown"])))
        return markdown if prompt is None else Group(prompt, markdown)
    body = ansi_text(plain_text(block.data))
    return prompt + body if prompt else body


def render_error(block: ErrorBlock) -> Text:
    if block.traceback:
        return ansi_text("\n".join(block.traceback))
    return data_text(f"{block.ename}: {block.evalue}", style="bold red")


def render_block(block: Block, tail: int | None = None) -> RenderableType | None:
    if isinstance(block, StreamBlock):
        return render_stream(block, tail)
    if isinstance(block, ErrorBlock):
        return render_error(block)
    return render_rich(block)


def render_outputs(outputs: CellOutputs, tail: int | None = None) -> list[RenderableType]:
    """Every block drawn; with ``tail``, streams show only their last lines (the live view)."""
    rendered = (render_block(block, tail) for block in outputs.blocks)
    return [item for item in rendered if item is not None]
