"""What the App's keys and palette commands do: focus moves, help, the lesson finder, and one line
per action naming the controller that does it.

The keys themselves are the App's priority bindings, built from `ui/keys.py`; an action that acts
on typed text waits for the keys typed before it (`action_after_typing`).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen

from studytui.ui.controller import forward_to
from studytui.ui.keys import APP_KEYS, PALETTE_ONLY
from studytui.ui.messages import LessonPicked
from studytui.ui.outline import LessonPicker
from studytui.ui.screens.help import HelpScreen
from studytui.ui.widgets.ordered_keys import after_typed_keys

if TYPE_CHECKING:
    from studytui.ui.app import StudyApp


class KeyActions:
    """Mixed into the App (before `App`): the actions its keys and palette commands name."""

    # ----- focus and help ---------------------------------------------------------------------

    # Focus moves at once, so keys typed right after f2/f3/f4 land in the pane they chose.
    def action_focus_outline(self: StudyApp) -> None:
        self.screen.set_focus(self.outline)

    def action_focus_notes(self: StudyApp) -> None:
        if self._pass_two_needed("Notes"):
            editor = self.notes.editor
            if not self.notes.previewing and editor.cursor_location[0] <= 1:
                editor.move_to_last_note()  # still on the title: the learner writes after the last note
            self.screen.set_focus(self.notes.preview if self.notes.previewing else editor)

    def action_focus_code(self: StudyApp) -> None:
        """The code cell; pressed in the cell, its output log (to scroll it by keyboard)."""
        self.transcript_control.make_room_for_code()
        if self._pass_two_needed("Code"):
            cell = self.code.input_widget
            self.screen.set_focus(self.code.log_widget if self.focused is cell else cell)

    def _pass_two_needed(self: StudyApp, what: str) -> bool:
        if self.study_control.current_pass() == 1:
            self.notify(f"{what} are for pass 2; pass 1 is for watching. ctrl+o switches passes.")
            return False
        return True

    async def action_after_typing(self: StudyApp, action: str, typed_into: str) -> None:
        """An app key that acts on typed text runs after the keys typed before it are applied.

        Typed elsewhere, it runs now: a focus it moves (ctrl+n to the notes) catches the next keys.
        """
        focused = self.focused
        if focused is not None and typed_into in ("*", focused.id):
            after_typed_keys(self, partial(self.run_action, action))
        else:
            await self.run_action(action)

    def action_help(self: StudyApp) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(str(self.settings.notes_dir)))

    def action_find_lesson(self: StudyApp) -> None:
        if isinstance(self.screen, LessonPicker):
            return
        lessons = [lesson for course in self.library.courses() for lesson in course.lessons]
        self.push_screen(LessonPicker(lessons),
                         lambda lesson_id: self.post_message(LessonPicked(lesson_id)) if lesson_id else None)

    def get_system_commands(self: StudyApp, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own quit skips saving the notes: ours (ctrl+q) is the one listed.
        yield from (command for command in super().get_system_commands(screen) if command.title != "Quit")
        for key in (*APP_KEYS, *PALETTE_ONLY):
            yield SystemCommand(key.description, key.palette_help(), partial(self.call_later, self.run_action, key.action))

    # ----- the rest: one controller does each ----------------------------------------------------

    action_maximise_pane = forward_to("pane_layout")
    action_toggle_outline = forward_to("pane_layout")
    action_wider_outline = forward_to("pane_layout")
    action_narrower_outline = forward_to("pane_layout")
    action_toggle_clock = forward_to("lesson_control")
    action_new_note = forward_to("lesson_control")
    action_seek_back = forward_to("lesson_control")
    action_seek_forward = forward_to("lesson_control")
    action_slower = forward_to("lesson_control")
    action_faster = forward_to("lesson_control")
    action_save_notes = forward_to("lesson_control")
    action_run_cell = forward_to("kernel_control")
    action_interrupt = forward_to("kernel_control")
    action_restart_kernel = forward_to("kernel_control")
    action_start_player = forward_to("player_control")
    action_switch_pass = forward_to("study_control")
    action_finish_pass = forward_to("study_control")
    action_goto_stamp = forward_to("study_control")
    action_revisit = forward_to("study_control")
    action_toggle_preview = forward_to("study_control")
    action_study_stats = forward_to("study_control")
    action_export_digest = forward_to("study_control")
    action_check_exercise = forward_to("exercise_control")
    action_exercise_hint = forward_to("exercise_control")
    action_exercise_file = forward_to("exercise_control")
    action_trust_lessons = forward_to("exercise_control")
    action_show_transcript = forward_to("transcript_control")
    action_quote_lecture = forward_to("transcript_control")
    action_search_transcripts = forward_to("transcript_control")
    action_review_cards = forward_to("review_control")
    action_replay_cells = forward_to("replay")
    action_install_requirements = forward_to("requirements")
