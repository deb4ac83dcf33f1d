"""The notes, rendered: one entry per heading, note and paragraph; Enter on a stamped note seeks there."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.markdown import Markdown
from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from studytui.core.notes import STAMP, note_kind
from studytui.core.timecode import format_time, parse_time

KIND_LOOK = {
    "concept": ("•", "cyan"),
    "observation": ("! observation", "bold yellow"),
    "question": ("? question", "bold magenta"),
    "experiment": ("~ experiment", "bold green"),
    "bookmark": ("⚑ bookmark", "bold blue"),
}


@dataclass
class SeekRequested(Message):
    seconds: float


def preview_blocks(document: str) -> list[tuple[float | None, list[str]]]:
    """Split notes into blocks: (stamp seconds or None, lines). A note keeps its continuation lines."""
    blocks: list[tuple[float | None, list[str]]] = []
    for line in document.split("\n"):
        match = STAMP.match(line)
        if match:
            blocks.append((parse_time(match["time"]), [line]))
        elif line.startswith((" ", "\t")) and line.strip() and blocks and blocks[-1][0] is not None:
            blocks[-1][1].append(line)
        elif not line.strip():
            blocks.append((None, []))
        elif blocks and blocks[-1][0] is None and blocks[-1][1] and not line.startswith("#"):
            blocks[-1][1].append(line)
        else:
            blocks.append((None, [line]))
    return [block for block in blocks if block[1]]


class NotesPreview(OptionList):
    def show_document(self, document: str) -> None:
        highlighted = self.highlighted
        self.clear_options()
        for seconds, lines in preview_blocks(document):
            if seconds is None:
                self.add_option(Option(Markdown("\n".join(lines)), disabled=lines[0].startswith("#")))
                continue
            self.add_option(Option(_render_note(seconds, lines), id=f"t{seconds:g}-{self.option_count}"))
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id
        if option_id and option_id.startswith("t"):
            event.stop()
            self.post_message(SeekRequested(float(option_id[1:].split("-")[0])))


def _render_note(seconds: float, lines: list[str]) -> Group:
    match = STAMP.match(lines[0])
    kind, words = note_kind(match["text"] if match else "")
    marker, style = KIND_LOOK[kind]
    head = Text()
    head.append(f"[{format_time(seconds)}] ", style="bold cyan underline")
    head.append(f"{marker} ", style=style)
    body = "\n".join([words, *(line.strip() for line in lines[1:])]).strip()
    return Group(head, Markdown(body)) if body else Group(head)
