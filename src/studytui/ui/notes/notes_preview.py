"""The notes, rendered: one entry per heading, note and paragraph; Enter on a stamped note seeks there."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from studytui.core.notes import Stamp, read_stamp
from studytui.core.text import clean_text
from studytui.core.timecode import format_time

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


def preview_blocks(document: str) -> list[tuple[Stamp | None, list[str]]]:
    """Split notes into blocks: (stamp or None, lines). A note keeps its continuation lines."""
    blocks: list[tuple[Stamp | None, list[str]]] = []
    for row, line in enumerate(document.split("\n")):
        stamp = read_stamp(line, row)
        if stamp is not None:
            blocks.append((stamp, [line]))
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
    copied_marks: dict[int, str] = {}  # row of a note copied from the lecture -> what to tell

    def show_document(self, document: str) -> None:
        from rich.markdown import Markdown  # with markdown-it (15 ms): when the preview opens, not at launch

        highlighted = self.highlighted
        self.clear_options()
        for stamp, lines in preview_blocks(document):
            if stamp is None:
                self.add_option(Option(Markdown(clean_text("\n".join(lines))), disabled=lines[0].startswith("#")))
                continue
            option_id = f"t{stamp.seconds:g}-{self.option_count}"
            self.add_option(Option(_render_note(stamp, lines, self.copied_marks.get(stamp.line)), id=option_id))
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id
        if option_id and option_id.startswith("t"):
            event.stop()
            self.post_message(SeekRequested(float(option_id[1:].split("-")[0])))


def _render_note(stamp: Stamp, lines: list[str], copied: str | None = None) -> Group:
    from rich.markdown import Markdown

    marker, style = KIND_LOOK[stamp.kind]
    head = Text()
    head.append(f"[{format_time(stamp.seconds)}] ", style="bold cyan underline")
    head.append(f"{marker} ", style=style)
    body = "\n".join([stamp.text, *(line.strip() for line in lines[1:])]).strip()
    parts = [head, Markdown(clean_text(body))] if body else [head]
    if copied:
        parts.append(Text(f"⚠ {copied}", style="bold yellow"))
    return Group(*parts)
