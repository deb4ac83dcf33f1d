"""The transcript feature's controller: loading, following, searching, quoting, and the own-words marks.

It gets what it uses passed in (the settings, the library, the panes, the study log, and callables
for the clock, seeking, opening a lesson and notices) and owns the transcript state. Reading and
indexing files happen in thread workers; the own-words check runs after a quiet moment in typing,
never on the key path, and only reads the notes whose text changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from textual.app import App
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import TextArea

from studytui.config import Settings
from studytui.core.lessons import Lesson, LessonLibrary
from studytui.core.notes import format_quote, note_bodies
from studytui.core.player import Player
from studytui.core.study import NOTES_FLAGGED, StudyLog
from studytui.core.timecode import format_time
from studytui.core.transcripts import (
    OwnWordsCheck,
    Transcript,
    TranscriptIndex,
    TranscriptMatch,
    TranscriptSource,
    find_transcript,
    read_transcript,
    transcript_refusal,
)
from studytui.ui.controller import Controller
from studytui.ui.open_lesson import OpenLesson, OpenLessonField
from studytui.ui.transcript.lecture_caption import LectureCaption
from studytui.ui.transcript.search_screen import ChosenMoment, TranscriptSearchScreen
from studytui.ui.transcript.transcript_pane import TranscriptPane

FOLLOW_TICK = 0.25  # seconds between looks at the clock
CHECK_QUIET = 0.4  # seconds without typing before the own-words check runs
NARROW = 120  # columns: below this the transcript takes the code pane's place, like a tab


class NotesTarget(Protocol):
    """What the controller needs of the notes pane: its text, a place for quotes, the copied marks."""

    display: bool

    @property
    def editor(self) -> TextArea: ...

    def add_line_at_time(self, lesson: Lesson, seconds: float, line: str) -> None: ...

    def show_copied(self, marks: dict[int, str], checking: bool) -> None: ...


@dataclass
class LoadedTranscript:
    lesson_id: str
    transcript: Transcript | None
    check: OwnWordsCheck | None
    status: str
    problems: tuple[str, ...] = ()


class TranscriptController(Controller):
    """The transcript feature: the pane, the search across lessons, quotes and the own-words marks."""

    # Kept in `current`, the open lesson every feature shares; this feature only reads it.
    lesson = OpenLessonField[Lesson | None]()
    clock = OpenLessonField[Player]()
    library = OpenLessonField[LessonLibrary]()

    def __init__(
        self,
        app: App[None],
        settings: Settings,
        current: OpenLesson,
        pane: TranscriptPane,
        notes: NotesTarget,
        study_log: StudyLog,
        watch_view: Widget | None,
        seek: Callable[[float], None],
        open_lesson: Callable[[Lesson], None],
        video_source: Callable[[Lesson], str | None],
    ) -> None:
        super().__init__(app)
        self.settings = settings
        self.current = current
        self.pane = pane
        self.notes = notes
        self.study_log = study_log
        self.watch_view = watch_view  # pass 1's view, where the caption goes when asked for
        self.seek = seek  # the study feature moves the clock (and says so)
        self.open_lesson = open_lesson
        self.video_source = video_source  # the player feature knows the lesson's local video
        self.index = TranscriptIndex()
        self.loaded: LoadedTranscript | None = None
        self.caption: LectureCaption | None = None
        self._warned: set[str] = set()
        self._check_timer: Timer | None = None
        self._library_indexed = False

    def start(self) -> None:
        """Called once the screen is up."""
        self.pane.bind_search(self._search_this_lesson)
        self.pane.display = False
        self.set_interval(FOLLOW_TICK, self.follow_clock)
        if self.settings.transcript_in_pass_1 and self.watch_view is not None:
            self.caption = LectureCaption(id="watch-caption")
            hint = self.watch_view.query("#watch-hint")
            self.watch_view.mount(self.caption, before=hint.first() if hint else None)
        self.run_worker(self._index_library, thread=True, group="transcript-index", exit_on_error=False)

    def close(self) -> None:
        """On quit: the search index goes with the app."""
        self.index.close()

    # ----- loading ----------------------------------------------------------------------------

    def source_of(self, lesson: Lesson) -> TranscriptSource:
        video = self.video_source(lesson)
        local = Path(video) if video and "://" not in video else None
        own = bool(self.settings.video_overrides.get(lesson.id))  # the learner's [videos] entry, not the pack's
        return TranscriptSource(lesson.id, lesson.path, lesson.transcript, local, self.library.root, own)

    def find(self, lesson: Lesson) -> Path | None:
        return find_transcript(self.source_of(lesson), self.settings.notes_dir, self.settings.transcript_language)

    def lesson_opened(self, lesson_id: str) -> None:
        lesson = self.library.find(lesson_id)
        if lesson is None:
            return
        self.loaded = None
        self.pane.show_transcript(None, "reading the transcript...")
        self.notes.show_copied({}, checking=False)
        self.run_worker(
            lambda: self._load(lesson), thread=True, group="transcript-load", exclusive=True, exit_on_error=False
        )

    def _load(self, lesson: Lesson) -> None:
        """In a thread: read, index and prepare the own-words check; then hand over to the screen."""
        path = self.find(lesson)
        refusal = transcript_refusal(self.source_of(lesson), self.settings.notes_dir)
        refused = (f"{lesson.path}: {refusal}",) if refusal else ()
        if path is None:
            status = _no_transcript(lesson, self.settings.notes_dir) if refusal is None else f"Not read: {refusal}"
            loaded = LoadedTranscript(lesson.id, None, None, status, refused)
        else:
            reading = read_transcript(path)
            transcript = reading.transcript
            problems = refused + tuple(str(problem) for problem in reading.problems)
            check = None
            if transcript is not None:
                self.index.add(lesson.id, transcript)
                if self.settings.own_words_check:
                    check = OwnWordsCheck(transcript, self.settings.own_words_run)
                status = f"{path.name} · {len(transcript.cues)} lines"
            else:
                status = f"{path.name} could not be read: the lesson works without a transcript"
            loaded = LoadedTranscript(lesson.id, transcript, check, status, problems)
        self.call_from_thread(self._loaded, loaded)

    def _loaded(self, loaded: LoadedTranscript) -> None:
        if self.lesson is None or loaded.lesson_id != self.lesson.id:
            return  # the learner moved on meanwhile
        self.loaded = loaded
        self.pane.show_transcript(loaded.transcript, loaded.status)
        self.pane.follow(self.clock.position)
        new_problems = [problem for problem in loaded.problems if problem not in self._warned]
        if new_problems:
            self._warned.update(new_problems)
            message = "\n".join(new_problems[:3])  # file names and cue text: data, never markup
            self.notify(message, title="Transcript", severity="warning", timeout=15, markup=False)
        self.check_own_words()

    def _index_library(self) -> None:
        """In a thread: every lesson's transcript in the search index, for the search across lessons."""
        for lesson in self.library.lessons:
            if self.index.has(lesson.id):
                continue
            path = self.find(lesson)
            reading = read_transcript(path) if path is not None else None
            if reading is not None and reading.transcript is not None:
                self.index.add(lesson.id, reading.transcript)
        self._library_indexed = True

    # ----- following the clock ----------------------------------------------------------------

    def follow_clock(self) -> None:
        position = self.clock.position
        transcript = self.loaded.transcript if self.loaded else None
        if self.pane.display:
            self.pane.follow(position)
        if self.caption is not None:
            self.caption.show_at(transcript, position)

    def action_show_transcript(self) -> None:
        """f8: show the transcript and focus its search; f8 again (from inside it) puts it away."""
        pane = self.pane
        if pane.display and pane.has_focus_within:
            self._show_pane(False)
            pane.screen.set_focus(self.notes.editor if self.notes.display else None)
            return
        self._show_pane(True)
        pane.restart_following()
        pane.follow(self.clock.position)
        pane.screen.set_focus(pane.search_field)

    def make_room_for_code(self) -> None:
        """On a narrow screen the transcript sits where the code pane is: the code takes its place back."""
        if self.pane.display and self.pane.screen.has_class("transcript-tab"):
            self._show_pane(False)

    def _show_pane(self, shown: bool) -> None:
        self.pane.display = shown
        narrow = self.app.size.width < NARROW
        self.pane.screen.set_class(shown and narrow, "transcript-tab")

    def seek_to(self, seconds: float) -> None:
        self.seek(seconds)
        self.pane.follow(seconds)

    # ----- search -----------------------------------------------------------------------------

    def _search_this_lesson(self, query: str) -> list[TranscriptMatch]:
        if self.lesson is None:
            return []
        return self.index.search(query, self.lesson.id)

    def search_every_lesson(self, query: str) -> list[TranscriptMatch]:
        """Matches in course order (as the outline lists the lessons), each lesson's in time order."""
        order = {lesson.id: rank for rank, lesson in enumerate(self.library.lessons)}
        matches = self.index.search(query)
        return sorted(matches, key=lambda match: (order.get(match.lesson_id, len(order)), match.start))

    def action_search_transcripts(self) -> None:
        titles = {lesson.id: lesson.title for lesson in self.library.lessons}

        def chosen(moment: ChosenMoment | None) -> None:
            if moment is None:
                return
            lesson = self.library.find(moment.lesson_id)
            if lesson is None:
                return
            if lesson is not self.lesson:
                self.open_lesson(lesson)
            self.seek_to(moment.seconds)

        count = len(self.index.lesson_ids)
        if count == 0 and self._library_indexed:
            self.notify(
                "No lesson has a transcript yet: add `transcript: FILE` to a lesson, put `<lesson id>.vtt` "
                "in the notes folder's transcripts/, or run `studytui transcript fetch --all`.",
                title="Transcripts",
                timeout=15,
            )
            return
        self.push_screen(TranscriptSearchScreen(self.search_every_lesson, titles, count), chosen)

    # ----- quoting ----------------------------------------------------------------------------

    def action_quote_lecture(self) -> None:
        """The cue highlighted in the pane (when it has the focus), else the one at the clock, into the notes."""
        transcript = self.loaded.transcript if self.loaded else None
        if self.lesson is None or transcript is None:
            self.notify("This lesson has no transcript to quote from.", severity="warning")
            return
        index = self.pane.highlighted_cue() if self.pane.has_focus_within else None
        if index is None:
            index = transcript.cue_index_at(self.clock.position)
        if index is None:
            self.notify("The lecturer has not said anything yet at this point.", severity="warning")
            return
        cue = transcript.cues[index]
        self.notes.add_line_at_time(self.lesson, cue.start, format_quote(cue.start, cue.text))
        self.notify(f"Quoted the lecture at {format_time(cue.start)} into the notes.", title="Quote")

    # ----- own words --------------------------------------------------------------------------

    def notes_changed(self) -> None:
        """Typing restarts the wait: the check runs once the learner pauses."""
        if self.loaded is None or self.loaded.check is None:
            return
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_QUIET, self.check_own_words)

    def check_own_words(self) -> None:
        self._check_timer = None
        check = self.loaded.check if self.loaded else None
        if check is None or self.lesson is None:
            self.notes.show_copied({}, checking=False)
            return
        notes = note_bodies(self.notes.editor.text)
        copied = check.check(notes)
        self.notes.show_copied({note.line: note.message for note in copied}, checking=True)
        self.study_log.set_count(self.lesson.id, NOTES_FLAGGED, len(copied))


def _no_transcript(lesson: Lesson, notes_dir: Path) -> str:
    return (
        f"No transcript for this lesson. Add `transcript: FILE` to its front matter, put "
        f"{lesson.id}.vtt (or .srt) in {notes_dir / 'transcripts'}, or run "
        f"`studytui transcript fetch {lesson.id}`."
    )
