"""The default keys: one table drives the bindings, the footer, the help screen and the palette."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KeyAction:
    key: str
    action: str
    description: str
    show: bool = True
    # Acts on typed text: waits for the keys typed before it into this input (its widget id, or
    # "*" for any input). Typed elsewhere, it acts at once, so a focus it moves catches what follows.
    after_typing: str = ""


APP_KEYS: tuple[KeyAction, ...] = (
    KeyAction("ctrl+t", "toggle_clock", "Pause / resume the lesson"),
    KeyAction("ctrl+n", "new_note", "New note at the current time", after_typing="notes-editor"),
    KeyAction("alt+left", "seek_back", "Video: back 5 seconds", show=False),
    KeyAction("alt+right", "seek_forward", "Video: forward 5 seconds", show=False),
    KeyAction("alt+down", "slower", "Video: slower (0.5x to 3x)", show=False),
    KeyAction("alt+up", "faster", "Video: faster (0.5x to 3x)", show=False),
    KeyAction("ctrl+r", "run_cell", "Run the code cell", after_typing="code-input"),
    KeyAction("f2", "focus_outline", "Focus the outline", show=False),
    KeyAction("f3", "focus_notes", "Focus the notes", show=False),
    KeyAction("f4", "focus_code", "Focus the code cell", show=False),
    KeyAction("ctrl+o", "switch_pass", "Switch pass 1 (watch) / pass 2 (study)", show=False),
    KeyAction("ctrl+l", "revisit", "Revisit list: questions and bookmarks", show=False, after_typing="notes-editor"),
    KeyAction("ctrl+g", "goto_stamp", "Move the clock to the note under the cursor", show=False, after_typing="notes-editor"),
    KeyAction("ctrl+f", "toggle_preview", "Notes: rendered preview / editor", show=False, after_typing="notes-editor"),
    KeyAction("f5", "check_exercise", "Check the exercise (under the cursor, or picked last)", show=False, after_typing="*"),
    KeyAction("f6", "exercise_hint", "Next hint of the exercise", show=False),
    KeyAction("f7", "exercise_file", "Write the exercise to a file: each save runs and checks it", show=False, after_typing="*"),
    KeyAction("f12", "review_cards", "Review due cards", show=False),
    KeyAction("f9", "restart_kernel", "Restart the kernel (asks first; clears its variables)", show=False),
    KeyAction("f1", "help", "Help: every key"),
    KeyAction("ctrl+q", "quit", "Quit (notes are saved)", after_typing="*"),
)

CODE_KEYS: tuple[KeyAction, ...] = (
    KeyAction("enter", "", "Run a complete cell (adds a line inside an open block)", show=False),
    KeyAction("ctrl+c", "interrupt", "Interrupt the running cell (else clear the cell)", show=False),
)

PALETTE_ONLY: tuple[KeyAction, ...] = (
    KeyAction("", "replay_cells", "Replay this lesson's earlier cells in the kernel"),
    KeyAction("", "save_notes", "Save the notes now"),
    KeyAction("", "start_player", "Start the video player (mpv) at the lesson clock"),
    KeyAction("", "finish_pass", "Finish this pass of the lesson"),
    KeyAction("", "study_stats", "Study statistics"),
    KeyAction("", "export_digest", "Export a digest of this lesson (markdown)"),
    KeyAction("", "trust_lessons", "Trust this lessons folder (lets its exercise checks run)"),
)

HELP_ROWS: tuple[tuple[str, str], ...] = (
    *((k.key, k.description) for k in APP_KEYS),
    ("enter", "In the code cell: run it when complete, as in jupyter console"),
    ("ctrl+c", "In the code cell: interrupt the running cell; else copy the selection, or clear the cell"),
    ("shift+pgup/pgdn", "In the code cell: scroll the output log (f4 in the cell focuses it: pgup/pgdn/home/end)"),
    ("tab", "In the code cell after a name: complete it from the kernel"),
    ("shift+tab", "In the code cell: the docs of the name at the cursor"),
    ("up / down", "In the code cell, on its first / last line: earlier cells of this lesson"),
    ("ctrl+p", "Command palette: every action by name"),
    ("space", "In the review (f12): show the answer"),
    ("1 2 3 4", "In the review: grade again / hard / good / easy"),
    ("u / ctrl+z", "In the review: undo the last grade"),
    ("w", "In the review: rewatch, the card's lesson at its stamp"),
)
