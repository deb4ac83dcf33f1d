"""The default keys: one table drives the bindings, the footer, the help screen and the palette."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class KeyAction:
    key: str
    action: str
    description: str
    show: bool = True
    explain: str = ""  # the palette's second line: what the command does, beyond its name
    pass_one: bool = False  # shown in the footer in pass 1 (just watching) too
    # Acts on typed text: waits for the keys typed before it into this input (its widget id, or
    # "*" for any input). Typed elsewhere, it acts at once, so a focus it moves catches what follows.
    after_typing: str = ""
    footer: str = ""  # the footer's short label (the description is its tooltip there)
    footer_pass_one: str = ""  # its label in pass 1, when the key does something else there
    # The app's key, not the study screen's: it works over every screen (the review's too).
    app_wide: bool = False

    @property
    def bound_action(self) -> str:
        """What its binding runs: the action, or for a key that acts on typed text, the action
        behind the keys typed before it."""
        return f"after_typing('{self.action}', '{self.after_typing}')" if self.after_typing else self.action

    def palette_help(self) -> str:
        key = f"{self.key}  " if self.key else ""
        return f"{key}{self.explain}".strip() or self.description


APP_KEYS: tuple[KeyAction, ...] = (
    KeyAction("ctrl+t", "toggle_clock", "Pause / resume the lesson", footer="Play/pause",
              explain="the lesson clock, and the video when mpv plays it", pass_one=True, app_wide=True),
    KeyAction("ctrl+n", "new_note", "New note at the current time", footer="New note", footer_pass_one="Bookmark",
              explain="pass 2: a note stamped with the video time, filed under its chapter; pass 1: a bookmark",
              pass_one=True, after_typing="notes-editor"),
    KeyAction("alt+left", "seek_back", "Video: back 5 seconds", show=False),
    KeyAction("alt+right", "seek_forward", "Video: forward 5 seconds", show=False),
    KeyAction("alt+down", "slower", "Video: slower (0.5x to 3x)", show=False),
    KeyAction("alt+up", "faster", "Video: faster (0.5x to 3x)", show=False),
    KeyAction("ctrl+r", "run_cell", "Run the code cell", footer="Run",
              explain="runs what you typed in the kernel, output below", after_typing="code-input"),
    KeyAction("f2", "focus_outline", "Focus the outline", show=False, explain="courses, lessons, chapters, exercises"),
    KeyAction("f3", "focus_notes", "Focus the notes", show=False,
              explain="the cursor at the end of your last note, or where you left it"),
    KeyAction("f4", "focus_code", "Focus the code cell", show=False, explain="always the cell, wherever the focus is"),
    KeyAction("alt+o", "focus_output", "Focus the code pane's output log", footer="Output",
              explain="scroll it by keyboard: pageup / pagedown / home / end; typing goes back to the cell"),
    KeyAction("alt+c", "add_chapter", "Add a chapter at the video time", show=False, pass_one=True,
              explain="writes `## 12:34` into the lesson's file at its place; type its title, enter (escape: none)"),
    KeyAction("ctrl+o", "switch_pass", "Switch pass 1 (watch) / pass 2 (study)", show=False, pass_one=True,
              explain="pass 1: just watch; pass 2: notes and code"),
    KeyAction("ctrl+l", "revisit", "Revisit list: questions and bookmarks", show=False,
              explain="every ? question and bookmark of the lesson; enter moves the clock there",
              after_typing="notes-editor"),
    KeyAction("ctrl+g", "goto_stamp", "Move the clock to the note under the cursor", show=False,
              after_typing="notes-editor"),
    KeyAction("ctrl+f", "toggle_preview", "Notes: rendered preview / editor", show=False, after_typing="notes-editor"),
    KeyAction("alt+f", "search_notes", "Search this lesson's notes", show=False,
              explain="type words: the notes that hold them, with their stamps; enter goes there (and the clock)"),
    KeyAction("alt+n", "note_cell", "Note this cell: the last cell and its output into the notes", show=False,
              explain="as a fenced block under a note at the current time (the cell under the view in the output log)",
              after_typing="notes-editor"),
    KeyAction("f5", "check_exercise", "Check the exercise (under the cursor, or picked last)", show=False,
              explain="runs its check in your kernel, after the code you ran", after_typing="*"),
    KeyAction("f6", "exercise_hint", "Next hint of the exercise", show=False),
    KeyAction("f7", "exercise_file", "Write the exercise to a file: each save runs and checks it", show=False,
              after_typing="*"),
    KeyAction("f8", "show_transcript", "Transcript: show it and search it (f8 again puts it away)", show=False),
    KeyAction("alt+q", "quote_lecture", "Quote the lecture's current line into the notes", show=False),
    KeyAction("f12", "review_cards", "Review due cards", show=False, pass_one=True,
              explain="space shows the answer, 1-4 grade, u undoes, w rewatches at the stamp"),
    KeyAction("f9", "restart_kernel", "Restart the kernel (asks first; clears its variables)", show=False),
    KeyAction("f10", "find_lesson", "Find a lesson", footer="Lessons", pass_one=True,
              explain="by title, course or id: type part of it (micrograd), enter opens it"),
    KeyAction("f11", "maximise_pane", "Maximise the focused pane / restore the layout", show=False, pass_one=True),
    KeyAction("f1", "help", "Help: every key", footer="Help", pass_one=True, explain="keys, note kinds and the method",
              app_wide=True),
    KeyAction("ctrl+q", "quit", "Quit (notes are saved)", footer="Quit", pass_one=True,
              explain="saves the notes and the clock, stops the kernel", after_typing="*", app_wide=True),
)

def bindings(keys: tuple[KeyAction, ...], *, app_wide_from_the_app: bool = False) -> list[BindingType]:
    """The keys as Textual bindings: priority bindings, so they work whatever has the focus.

    `app_wide_from_the_app`: the app-wide keys run the app's action (a screen lists them among its
    own, so its footer shows them in their place).
    """
    return [
        Binding(
            k.key,
            f"app.{k.bound_action}" if app_wide_from_the_app and k.app_wide else k.bound_action,
            k.footer or k.description,
            show=k.show,
            tooltip=k.description if k.footer else "",
            priority=True,
            id=k.action,
        )
        for k in keys
    ]


CODE_KEYS: tuple[KeyAction, ...] = (
    KeyAction("enter", "", "Run a complete cell (adds a line inside an open block)", show=False),
    KeyAction("ctrl+c", "interrupt", "Interrupt the running cell (else clear the cell)", show=False),
)

PALETTE_ONLY: tuple[KeyAction, ...] = (
    KeyAction("", "all_docs", "All the docs of the name at the code cell's cursor, in a pager",
              explain="shift+tab twice in the cell; q or escape goes back to the cell"),
    KeyAction("", "add_course", "Add a course from a URL or folder",
              explain="a playlist, a video or a folder of videos: one lesson per video, in the outline"),
    KeyAction("", "install_requirements", "Install what this lesson needs into the kernel",
              explain="lists what pip would install and asks (y); then installs, live in the code pane (ctrl+c stops)"),
    KeyAction("", "replay_cells", "Replay this lesson's earlier cells in the kernel",
              explain="rebuilds the variables: pick the cells; input(), %pip, ! and failed cells are left out"),
    KeyAction("", "save_notes", "Save the notes now", explain="they are saved a second after you type anyway"),
    KeyAction("", "start_player", "Start the video player (mpv) at the lesson clock",
              explain="the lesson's video from the clock's time; ctrl+t then pauses the video"),
    KeyAction("", "finish_pass", "Finish this pass of the lesson",
              explain="marks it ✓ in the outline; pass 1 offers pass 2"),
    KeyAction("", "study_stats", "Study statistics",
              explain="time per pass against the video, notes, cells, exercises"),
    KeyAction("", "export_digest", "Export a digest of this lesson (markdown)",
              explain="notes, questions and exercise results in one file beside your notes"),
    KeyAction("", "search_all_notes", "Search the notes of every lesson (opens the lesson there)",
              explain="your words in any lesson; enter opens that lesson at the note, the clock at its stamp"),
    KeyAction("", "export_notebook", "Export a clean notebook of this lesson (.ipynb)",
              explain="the cells of the last kernel session that ran without error, renumbered; Jupyter runs it"),
    KeyAction("", "search_transcripts", "Search the transcripts of every lesson (opens the lesson there)",
              explain="words the lecturer said; enter opens that lesson at that moment"),
    KeyAction("", "trust_lessons", "Trust this lessons folder (lets its exercise checks run)",
              explain="checks run the folder's code in your kernel: trust only folders you know"),
    KeyAction("", "toggle_outline", "Hide / show the outline", explain="more room for notes and code"),
    KeyAction("", "wider_outline", "Outline wider", explain="a few columns more for long titles"),
    KeyAction("", "narrower_outline", "Outline narrower", explain="a few columns less, for notes and code"),
)

# One example a kind: f1 and the empty notes pane teach the method with them.
NOTE_KIND_EXAMPLES: tuple[tuple[str, str, str], ...] = (
    ("!", "observation, something unexpected", "! grad adds up when a node is reused"),
    ("?", "question to revisit (ctrl+l)", "? why does tanh saturate"),
    ("~", "experiment, what you tried", "~ h=1e-15: the slope breaks"),
    ("", "concept in your own words", "backprop = chain rule, node by node"),
)

HELP_ROWS: tuple[tuple[str, str], ...] = (
    *((k.key, k.description) for k in APP_KEYS),
    ("enter", "In the code cell: run it when complete, as in jupyter console"),
    ("ctrl+c", "In the code cell: interrupt the running cell; else copy the selection, or clear the cell"),
    ("shift+pgup/pgdn", "In the code cell: scroll the output log (alt+o focuses it: pgup/pgdn/home/end)"),
    ("typing", "In the output log (alt+o): the keys go to the code cell, which takes the focus"),
    ("tab", "In the code cell after a name: complete it from the kernel"),
    ("shift+tab", "In the code cell: the signature and first paragraph of the name at the cursor; again: all its docs"),
    ("q, /, n", "In the help pager (obj?, %pinfo, shift+tab twice): back to the cell (or escape) / search / next"),
    ("up / down", "In the code cell, on its first / last line: earlier cells of this lesson"),
    ("enter / space", "In the outline: open a lesson; open or fold a course or chapter"),
    ("right / left", "In the outline: unfold / fold the row (folded already: go inside / up a level)"),
    ("g", "In the outline: move the clock (and video) to the chapter under the cursor"),
    ("typing", "In the transcript pane (f8): search this lecture; up / down pick a line, Enter goes there"),
    ("ctrl+p", "Command palette: every action by name, and every lesson by title"),
    ("space", "In the review (f12): show the answer"),
    ("1 2 3 4", "In the review: grade again / hard / good / easy"),
    ("u / ctrl+z", "In the review: undo the last grade"),
    ("w", "In the review: rewatch, the card's lesson at its stamp"),
)
