"""The study screen: the panes side by side, the key table as its bindings, and what crosses features.

Each feature runs its own loop in its own widget (the code pane runs cells, the notes pane saves,
the lesson player keeps the clock...) and follows the open lesson through the session's signals.
What stays here is what joins two features: a key whose meaning depends on another feature (ctrl+n
is a bookmark in pass 1), and the few messages one feature's widget sends for another (a cell run
is counted by the study log, a save recounts the review's due cards). A screen pushed over this one
(the review, a dialog) turns these keys off by construction; the app's own keys (f1, ctrl+q, ctrl+t)
stay on.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Static, TextArea

from studytui.config import Settings
from studytui.core.kernel import KernelState
from studytui.core.lessons import LessonLibrary
from studytui.core.review import ReviewDeck
from studytui.core.study import StudyLog, StudyState
from studytui.startup_heap import freeze_startup_heap
from studytui.ui.chapters import Chapters
from studytui.ui.code import CodePane, KernelSession
from studytui.ui.courses import CourseAdder
from studytui.ui.exercises import Exercises
from studytui.ui.keys import APP_KEYS, bindings
from studytui.ui.layout import BREAKPOINTS, OUTLINE_STEP, PaneLayout
from studytui.ui.messages import ExercisePicked, KernelStateChanged, LessonPicked, RunRequested
from studytui.ui.note_taking import NoteTaking
from studytui.ui.notes import NotesPane, NotesSaved, SeekRequested
from studytui.ui.outline import LessonFinder, LessonPicker, Outline
from studytui.ui.player import SEEK_STEP, LessonPlayer
from studytui.ui.requirements import Requirements
from studytui.ui.resume import Replay
from studytui.ui.review import Review
from studytui.ui.session import StudySession
from studytui.ui.study import Study, WatchView
from studytui.ui.transcript import TranscriptPane
from studytui.ui.widgets.header import LessonHeader
from studytui.ui.widgets.ordered_keys import run_after_typing
from studytui.ui.widgets.paste_guard import PasteRefused
from studytui.ui.widgets.steady_footer import SteadyFooter

_PASS_TWO_FOOTER = frozenset(key.action for key in APP_KEYS if key.show and not key.pass_one)
_PASS_ONE_LABELS = {key.bound_action: key.footer_pass_one for key in APP_KEYS if key.footer_pass_one}


@dataclass
class Services:
    """What the app builds once and the study screen's features share."""

    settings: Settings
    session: StudySession
    kernel: KernelSession
    study_state: StudyState
    study_log: StudyLog


class StudyScreen(Screen[None]):
    # The whole key table, the app-wide keys running the app's actions. ctrl+q first: the footer
    # showed it first when every key was the app's (Textual's own quit binding comes first there).
    BINDINGS = bindings(tuple(sorted(APP_KEYS, key=lambda key: key.key != "ctrl+q")), app_wide_from_the_app=True)
    COMMANDS = {LessonFinder}
    HORIZONTAL_BREAKPOINTS = BREAKPOINTS

    def __init__(self, services: Services) -> None:
        super().__init__(id="study")
        self.services = services
        settings, session = services.settings, services.session
        self.settings = settings
        self.session = session
        self.header = LessonHeader(id="header")
        self.tab_strip = Static(id="tab-strip")
        self.outline = Outline(session.library, id="outline")
        self.watch_view = WatchView(id="watch")
        self.notes = NotesPane(
            session,
            settings.recovery_dir,
            settings.journal_dir,
            notes_root=settings.notes_dir,
            id="notes",
        )
        self.code = CodePane(settings, session, services.kernel, self.header, id="code")
        self.transcript = TranscriptPane(
            settings, session, self.notes, services.study_log, self.watch_view, id="transcript"
        )
        self.lesson_player = LessonPlayer(settings, session, self.header, self.outline)
        self.study = Study(
            settings, session, services.study_state, services.study_log,
            self.header, self.outline, self.notes, self.watch_view,
        )
        self.exercises = Exercises(settings, session, services.kernel, services.study_log, self.code, self.outline)
        deck = ReviewDeck(session.library, settings.notes_path, services.study_log)
        self.review = Review(deck, session, self.notes, self.outline)
        self.requirements = Requirements(settings, session, services.kernel, self.code, self.exercises)
        self.replay = Replay(session, self.code)
        self.chapters = Chapters(settings, session, self.exercises)
        self.course_adder = CourseAdder(settings, self.exercises)
        self.pane_layout = PaneLayout(
            self, {"outline": self.outline, "notes": self.notes, "code": self.code, "watch": self.watch_view},
            self.tab_strip,
        )
        self.note_taking = NoteTaking(settings, session, self.study, self.notes, self.code, self)
        self.add_class(self.pane_layout.first_classes(), update=False)  # styled once, with the first frame

    @property
    def library(self) -> LessonLibrary:
        """Read by the palette's lesson finder."""
        return self.session.library

    def compose(self) -> ComposeResult:
        yield self.header
        yield self.tab_strip
        with Horizontal(id="panes"):
            yield self.outline
            yield self.watch_view
            yield self.notes
            yield self.code
            yield self.transcript
        yield SteadyFooter(relabel=self.pass_one_label, hide=self.no_room_in_footer)
        yield self.lesson_player
        yield self.study
        yield self.exercises
        yield self.review
        yield self.requirements
        yield self.replay
        yield self.chapters
        yield self.course_adder

    def on_mount(self) -> None:
        self.pane_layout.apply()
        self.outline.border_title = "outline  f2"
        self.notes.border_title = "notes  f3"
        self.code.border_title = "code  f4"
        self.transcript.border_title = "transcript  f8"
        self.call_after_refresh(self.first_screen_drawn)
        settings, session = self.settings, self.session
        self.notes.editor.paste_limit = settings.notes_paste_limit if settings.refuse_paste_notes else None
        self.code.input_widget.paste_limit = 0 if settings.refuse_paste_code else None
        first = session.first_lesson()
        if first is not None and settings.start_pass is not None:
            self.study.pass_at_launch(first.id, settings.start_pass)  # this lesson, this run: nothing stored
        if first is not None:
            session.open_lesson(first)
        if session.library.broken:
            count = len(session.library.broken)
            self.notify(
                f"{count} lesson file{'s' if count > 1 else ''} could not be read: see the outline.",
                severity="warning",
            )
        self.call_after_refresh(self.review.refresh_due_marks)  # off the first screen's path
        if settings.start_in_review:
            self.review.open_review()
        self.set_focus(self.notes.editor if self.study.current_pass() == 2 else self.outline)  # now, not later

    def first_screen_drawn(self) -> None:
        freeze_startup_heap()
        self.code.warm_notebook()

    def pass_one_label(self, bound_action: str) -> str | None:
        """A key's footer label for what it does in pass 1 (ctrl+n drops a bookmark there)."""
        if self.session.lesson is not None and self.study.current_pass() == 1:
            return _PASS_ONE_LABELS.get(bound_action)
        return None

    def no_room_in_footer(self, bound_action: str) -> bool:
        """One pane at a time (below 120 columns), the footer has no room for the output log's key
        (f1 and the palette list it)."""
        return bound_action == "focus_output" and self.pane_layout.narrow

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "after_typing" and parameters:  # a key that waits for typed keys: judge what it runs
            action = str(parameters[0])
        # Pass 1's footer shows pass 1's keys: the code cell is out of the way there.
        return not (action in _PASS_TWO_FOOTER and self.session.lesson is not None
                    and self.study.current_pass() == 1)

    # ----- ending (the app's quit, signals and crashes come here) -----------------------------

    def save_all(self) -> None:
        """The notes saved, the clock paused and its position kept, the study log closed."""
        self.notes.save_now()
        self.session.hold_clock()
        self.session.remember_position()
        self.study.close_study()
        self.transcript.close()

    async def shut_player(self) -> None:
        await self.lesson_player.shut_player()

    # ----- layout ------------------------------------------------------------------------------

    def on_resize(self, _event: events.Resize) -> None:
        self.pane_layout.apply()  # the breakpoint's class is set: the tab strip says why
        footer = self.query_one(SteadyFooter)
        footer.call_later(footer.bindings_changed, self)  # the keys it has room for

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.pane_layout.focus_moved(event.widget)

    # ----- messages from one feature for another -----------------------------------------------

    @on(LessonPicked)
    def lesson_picked(self, message: LessonPicked) -> None:
        lesson = self.session.find(message.lesson_id)
        if lesson is None or not self.session.open_lesson(lesson):
            return
        if message.chapter_index is not None:
            self.lesson_player.go_to_chapter(lesson, message.chapter_index)

    @on(ExercisePicked)
    def exercise_picked(self, message: ExercisePicked) -> None:
        self.exercises.show_exercise(message.lesson_id, message.exercise_id)

    @on(RunRequested)
    def cell_run(self, _message: RunRequested) -> None:
        self.study.count_cell()  # the code pane runs it

    @on(PasteRefused)
    def paste_refused(self, _message: PasteRefused) -> None:
        self.study.count_paste()

    @on(NotesSaved)
    def notes_saved(self, message: NotesSaved) -> None:
        self.study.count_notes(message.path, message.note_count)
        self.review.refresh_due_marks([message.path.stem])  # a notes file is `<lesson id>.md`

    @on(SeekRequested)
    def seek_requested(self, message: SeekRequested) -> None:
        self.session.seek(message.seconds, say=True)

    @on(TextArea.Changed, "#notes-editor")
    def notes_changed(self, _message: TextArea.Changed) -> None:
        self.transcript.notes_changed()  # the own-words check, once typing pauses

    @on(KernelStateChanged)
    def kernel_state_changed(self, message: KernelStateChanged) -> None:
        if message.state is KernelState.IDLE:  # the code pane shows it; the requirements ask now
            self.requirements.kernel_ready()

    # ----- the keys ----------------------------------------------------------------------------

    async def action_after_typing(self, action: str, typed_into: str) -> None:
        await run_after_typing(self, action, typed_into)

    # Focus moves at once, so keys typed right after f2/f3/f4 land in the pane they chose.
    def action_focus_outline(self) -> None:
        self.set_focus(self.outline)

    def action_focus_notes(self) -> None:
        if self.note_taking.pass_two_needed("Notes are"):
            self.notes.focus_writing()

    def action_focus_code(self) -> None:
        """The code cell, always: what is typed next is a cell."""
        self.transcript.make_room_for_code()
        if self.note_taking.pass_two_needed("The code cell is"):
            self.set_focus(self.code.input_widget)

    def action_focus_output(self) -> None:
        """The code pane's output log, to scroll it by keyboard; a printable key there goes to the cell."""
        self.transcript.make_room_for_code()
        if self.note_taking.pass_two_needed("The output log is"):
            self.set_focus(self.code.log_widget)

    def action_find_lesson(self) -> None:
        lessons = [lesson for course in self.session.library.courses() for lesson in course.lessons]
        def picked(lesson_id: str | None) -> None:
            if lesson_id:
                self.post_message(LessonPicked(lesson_id))

        self.app.push_screen(LessonPicker(lessons), picked)

    def action_new_note(self) -> None:
        self.note_taking.new_note()

    def action_note_cell(self) -> None:
        self.note_taking.note_cell()

    def action_save_notes(self) -> None:
        if self.notes.save_now():
            self.notify("Notes saved.")

    def action_install_requirements(self) -> None:
        self.requirements.install()

    # The panes' layout.
    def action_maximise_pane(self) -> None:
        self.pane_layout.toggle_maximised()

    def action_toggle_outline(self) -> None:
        if not self.pane_layout.toggle_outline() and self.pane_layout.current == "outline":
            self.action_focus_notes()

    def action_wider_outline(self) -> None:
        self.pane_layout.resize_outline(OUTLINE_STEP)

    def action_narrower_outline(self) -> None:
        self.pane_layout.resize_outline(-OUTLINE_STEP)

    # The lesson's clock and video.
    def action_seek_back(self) -> None:
        self.lesson_player.seek_by(-SEEK_STEP)

    def action_seek_forward(self) -> None:
        self.lesson_player.seek_by(SEEK_STEP)

    def action_slower(self) -> None:
        self.lesson_player.change_speed(faster=False)

    def action_faster(self) -> None:
        self.lesson_player.change_speed(faster=True)

    def action_start_player(self) -> None:
        self.lesson_player.start_player_now()

    # The code pane and what runs code in it.
    def action_run_cell(self) -> None:
        self.code.input_widget.run_cell()

    def action_interrupt(self) -> None:
        self.code.interrupt()

    def action_restart_kernel(self) -> None:
        self.code.restart_kernel()

    def action_replay_cells(self) -> None:
        self.replay.choose()

    # The method: passes, stamps, the log.
    def action_add_course(self) -> None:
        self.course_adder.open()

    def action_add_chapter(self) -> None:
        self.chapters.add_chapter()

    def action_switch_pass(self) -> None:
        self.study.switch_pass()

    def action_finish_pass(self) -> None:
        self.study.finish_this_pass()

    def action_goto_stamp(self) -> None:
        self.study.goto_stamp()

    def action_revisit(self) -> None:
        self.study.revisit()

    def action_toggle_preview(self) -> None:
        self.notes.toggle_preview()

    def action_search_notes(self) -> None:
        self.notes.search_this_lesson()

    def action_search_all_notes(self) -> None:
        self.notes.search_every_lesson()

    def action_study_stats(self) -> None:
        self.study.show_stats()

    def action_export_digest(self) -> None:
        self.study.export_digest()

    def action_export_notebook(self) -> None:
        self.code.export_clean_notebook()

    def action_all_docs(self) -> None:
        self.code.show_all_docs()

    # Exercises, transcripts, review.
    def action_check_exercise(self) -> None:
        self.exercises.check_exercise()

    def action_exercise_hint(self) -> None:
        self.exercises.show_hint()

    def action_exercise_file(self) -> None:
        self.exercises.write_exercise_file()

    def action_trust_lessons(self) -> None:
        self.exercises.trust_lessons()

    async def action_show_transcript(self) -> None:
        await self.transcript.show_or_hide()
        self.pane_layout.apply()  # the pane in front matters while the transcript is in the outline's place

    def action_quote_lecture(self) -> None:
        self.transcript.quote_lecture()

    def action_search_transcripts(self) -> None:
        self.transcript.search_transcripts()

    def action_review_cards(self) -> None:
        self.review.open_review()
