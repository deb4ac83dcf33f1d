"""The default keys: one table drives the bindings, the footer, the help screen and the palette."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KeyAction:
    key: str
    action: str
    description: str
    show: bool = True


APP_KEYS: tuple[KeyAction, ...] = (
    KeyAction("ctrl+t", "toggle_clock", "Pause / resume the lesson"),
    KeyAction("ctrl+n", "new_note", "New note at the current time"),
    KeyAction("ctrl+r", "run_cell", "Run the code cell"),
    KeyAction("f2", "focus_outline", "Focus the outline"),
    KeyAction("f3", "focus_notes", "Focus the notes"),
    KeyAction("f4", "focus_code", "Focus the code cell"),
    KeyAction("f1", "help", "Help: every key"),
    KeyAction("ctrl+q", "quit", "Quit (notes are saved)"),
)

CODE_KEYS: tuple[KeyAction, ...] = (
    KeyAction("enter", "", "Run a complete cell (adds a line inside an open block)", show=False),
    KeyAction("ctrl+c", "interrupt", "Interrupt the running cell", show=False),
)

PALETTE_ONLY: tuple[KeyAction, ...] = (
    KeyAction("", "restart_kernel", "Restart the kernel (clears its variables)"),
    KeyAction("", "save_notes", "Save the notes now"),
)

HELP_ROWS: tuple[tuple[str, str], ...] = (
    *((k.key, k.description) for k in APP_KEYS),
    ("enter", "In the code cell: run it when complete, as in jupyter console"),
    ("ctrl+c", "In the code cell while a cell runs: interrupt the kernel"),
    ("ctrl+p", "Command palette: every action by name"),
)
