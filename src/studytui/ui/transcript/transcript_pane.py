"""The transcript feature: the pane (f8) loads, follows, searches and quotes the lecture, and marks
the notes copied from it (the own-words check).

It reads the open lesson from the session and writes to the notes only through the notes pane's
API. Reading and indexing files happen in thread workers on the pane; the own-words check runs
after a quiet moment in typing, never on the key path, and only reads the notes whose text changed.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.timer import Timer
from textual.widget import Widget

from studytui.config import Settings
from studytui.core.lessons import Lesson
from studytui.core.notes import format_quote, note_bodies
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
    transcripts_dir,
)
from studytui.ui.notes import NotesPane
from studytui.ui.session import StudySession
from studytui.ui.transcript.lecture_caption import LectureCaption
from studytui.ui.transcript.search_screen import ChosenMoment, TranscriptSearchScreen
from studytui.ui.transcript.transcript_view import TranscriptSeek, TranscriptView

FOLLOW_TICK = 0.25  # seconds between looks at the clock
CHECK_QUIET = 0.4  # seconds without typing before the own-words check runs
NARROW = 120  # columns: below this the transcript takes the code pane's place, like a tab
TRANSCRIPT_SUFFIXES = (".vtt", ".srt")

if TYPE_CHECKING:
    from studytui.core.watch import FolderWatcher


@dataclass
class LoadedTranscript:
    lesson_id: str
    transcript: Transcript | None
    check: OwnWordsCheck | None
    status: str
    problems: tuple[str, ...] = ()
    path: Path | None = None  # the file read (None: none found)


class TranscriptPane(TranscriptView):
    """The transcript feature: the pane, the search across lessons, quotes and the own-words marks."""

    def __init__(
        self,
        settings: Settings,
        session: StudySession,
        notes: NotesPane,
        study_log: StudyLog,
        watch_view: Widget | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.settings = settings
        self.session = session
        self.notes = notes
        self.study_log = study_log
        self.watch_view = watch_view  # pass 1's view, where the caption goes when asked for
        self.index = TranscriptIndex()
        self.loaded: LoadedTranscript | None = None
        self.caption: LectureCaption | None = None
        self._warned: set[str] = set()
        self._check_timer: Timer | None = None
        self._library_indexed = False
        self._watchers: list[FolderWatcher] = []

    def on_mount(self) -> None:
        self.bind_search(self._search_this_lesson)
        self.display = False
        self.session.lesson_opened.subscribe(self, self.lesson_opened, immediate=True)
        self.set_interval(FOLLOW_TICK, self.follow_clock)
        if self.settings.transcript_in_pass_1 and self.watch_view is not None:
            self.caption = LectureCaption(id="watch-caption")
            hint = self.watch_view.query("#watch-hint")
            self.watch_view.mount(self.caption, before=hint.first() if hint else None)
        self.run_worker(self._index_library, thread=True, group="transcript-index", exit_on_error=False)
        self.call_after_refresh(lambda: self.start_watching(asyncio.get_running_loop()))  # not urgent

    def close(self) -> None:
        """On quit: the search index goes with the app."""
        self.index.close()

    @property
    def watching(self) -> bool:
        """The transcript folders are watched (from just after the first screen)."""
        return bool(self._watchers)

    def on_unmount(self) -> None:
        for watcher in self._watchers:
            watcher.stop()

    # ----- watching: a transcript added, fetched or edited while the app runs -------------------

    @work(group="transcript-watch", thread=True, exit_on_error=False)
    def start_watching(self, loop: asyncio.AbstractEventLoop) -> None:
        """The transcripts folder and the lesson folders (a `transcript:` file beside a lesson);
        then what changed before the watchers were up is looked for, as a change."""
        from studytui.core.watch import FolderWatcher  # watchdog loads here, not before the first screen

        folders = [transcripts_dir(self.settings.notes_dir), *(root for root in self.settings.lesson_roots
                                                                if root.is_dir())]
        try:
            for folder in folders:
                watcher = FolderWatcher(folder, self.transcripts_changed, suffixes=TRANSCRIPT_SUFFIXES)
                watcher.start(loop)
                self._watchers.append(watcher)
        except OSError as error:
            self.app.call_from_thread(self.notify, f"Transcripts are not watched ({error}): reopen the lesson "
                                      "to read a new one.", severity="warning")
        self.app.call_from_thread(self.transcripts_changed, set())

    def transcripts_changed(self, paths: set[Path]) -> None:
        """Transcript files changed (`paths`; none: a look for what changed unseen): the open
        lesson's read again when its file is among them or another is found, the index brought up
        to date (f8, the search across lessons)."""
        lesson = self.session.lesson
        if lesson is not None and self.loaded is not None:
            self.run_worker(lambda: self._look_again(lesson, frozenset(paths)), thread=True,
                            group="transcript-look", exclusive=True, exit_on_error=False)
        self.run_worker(lambda: self._index_library(frozenset(paths)), thread=True, group="transcript-index",
                        exit_on_error=False)

    def _look_again(self, lesson: Lesson, paths: frozenset[Path]) -> None:
        """In a thread: the open lesson's transcript read again if it changed or another is found now."""
        loaded = self.loaded
        found = self.find(lesson)
        if loaded is None or loaded.lesson_id != lesson.id:
            return
        if found != loaded.path or (found is not None and found in paths):
            self._load(lesson)

    # ----- loading ----------------------------------------------------------------------------

    def source_of(self, lesson: Lesson) -> TranscriptSource:
        video = self.session.video_source(lesson)
        local = Path(video) if video and "://" not in video else None
        own = bool(self.settings.video_overrides.get(lesson.id))  # the learner's [videos] entry, not the pack's
        return TranscriptSource(lesson.id, lesson.path, lesson.transcript, local, self.session.library.root, own)

    def find(self, lesson: Lesson) -> Path | None:
        return find_transcript(self.source_of(lesson), self.settings.notes_dir, self.settings.transcript_language)

    def lesson_opened(self, lesson: Lesson) -> None:
        self.loaded = None
        self.show_transcript(None, "reading the transcript...")
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
            loaded = LoadedTranscript(lesson.id, transcript, check, status, problems, path)
        self.app.call_from_thread(self._loaded, loaded)

    def _loaded(self, loaded: LoadedTranscript) -> None:
        lesson = self.session.lesson
        if lesson is None or loaded.lesson_id != lesson.id:
            return  # the learner moved on meanwhile
        self.loaded = loaded
        self.show_transcript(loaded.transcript, loaded.status)
        self.follow(self.session.clock.position)
        new_problems = [problem for problem in loaded.problems if problem not in self._warned]
        if new_problems:
            self._warned.update(new_problems)
            message = "\n".join(new_problems[:3])  # file names and cue text: data, never markup
            self.notify(message, title="Transcript", severity="warning", timeout=15, markup=False)
        self.check_own_words()

    def _index_library(self, changed: frozenset[Path] = frozenset()) -> None:
        """In a thread: every lesson's transcript in the search index, for the search across lessons
        (those not indexed yet, and those whose file is among `changed`)."""
        for lesson in self.session.library.lessons:
            if self.index.has(lesson.id) and not changed:
                continue
            path = self.find(lesson)
            if self.index.has(lesson.id) and path not in changed:
                continue
            reading = read_transcript(path) if path is not None else None
            if reading is not None and reading.transcript is not None:
                self.index.add(lesson.id, reading.transcript)
        self._library_indexed = True

    # ----- following the clock ----------------------------------------------------------------

    def follow_clock(self) -> None:
        position = self.session.clock.position
        transcript = self.loaded.transcript if self.loaded else None
        if self.display:
            self.follow(position)
        if self.caption is not None:
            self.caption.show_at(transcript, position)

    async def show_or_hide(self) -> None:
        """f8: show the transcript and focus its search; f8 again (from inside it) puts it away.

        The first f8 mounts the pane's children and waits for them: the keys typed right after f8
        are handled after it, and land in the search field."""
        if self.display and self.has_focus_within:
            self._show_pane(False)
            self.screen.set_focus(self.notes.editor if self.notes.display else None)
            return
        await self.build()
        self._show_pane(True)
        self.restart_following()
        self.follow(self.session.clock.position)
        self.screen.set_focus(self.search_field)

    def make_room_for_code(self) -> None:
        """On a narrow screen the transcript sits where the code pane is: the code takes its place back."""
        if self.display and self.screen.has_class("transcript-tab"):
            self._show_pane(False)

    def _show_pane(self, shown: bool) -> None:
        self.display = shown
        narrow = self.app.size.width < NARROW
        self.screen.set_class(shown and narrow, "transcript-tab")
        self.screen.set_class(shown, "transcript-shown")  # wide: it takes the outline's place (studytui.tcss)

    @on(TranscriptSeek)
    def seek_to(self, message: TranscriptSeek) -> None:
        message.stop()
        self.session.seek(message.seconds, say=True)
        self.follow(message.seconds)

    # ----- search -----------------------------------------------------------------------------

    def _search_this_lesson(self, query: str) -> list[TranscriptMatch]:
        lesson = self.session.lesson
        if lesson is None:
            return []
        return self.index.search(query, lesson.id)

    def search_every_lesson(self, query: str) -> list[TranscriptMatch]:
        """Matches in course order (as the outline lists the lessons), each lesson's in time order."""
        order = {lesson.id: rank for rank, lesson in enumerate(self.session.library.lessons)}
        matches = self.index.search(query)
        return sorted(matches, key=lambda match: (order.get(match.lesson_id, len(order)), match.start))

    def search_transcripts(self) -> None:
        titles = {lesson.id: lesson.title for lesson in self.session.library.lessons}

        def chosen(moment: ChosenMoment | None) -> None:
            if moment is not None and self.session.open_at(moment.lesson_id, moment.seconds, say=True):
                self.follow(moment.seconds)

        count = len(self.index.lesson_ids)
        if count == 0 and self._library_indexed:
            self.notify(
                "No lesson has a transcript yet: add `transcript: FILE` to a lesson, put `<lesson id>.vtt` "
                "in the notes folder's transcripts/, or run `studytui transcript fetch --all`.",
                title="Transcripts",
                timeout=15,
            )
            return
        self.app.push_screen(TranscriptSearchScreen(self.search_every_lesson, titles, count), chosen)

    # ----- quoting ----------------------------------------------------------------------------

    def quote_lecture(self) -> None:
        """The cue highlighted in the pane (when it has the focus), else the one at the clock, into the notes."""
        transcript = self.loaded.transcript if self.loaded else None
        lesson = self.session.lesson
        if lesson is None or transcript is None:
            self.notify("This lesson has no transcript to quote from.", severity="warning")
            return
        index = self.highlighted_cue() if self.has_focus_within else None
        if index is None:
            index = transcript.cue_index_at(self.session.clock.position)
        if index is None:
            self.notify("The lecturer has not said anything yet at this point.", severity="warning")
            return
        cue = transcript.cues[index]
        self.notes.add_line_at_time(lesson, cue.start, format_quote(cue.start, cue.text))
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
        lesson = self.session.lesson
        if check is None or lesson is None:
            self.notes.show_copied({}, checking=False)
            return
        notes = note_bodies(self.notes.text)
        copied = check.check(notes)
        self.notes.show_copied({note.line: note.message for note in copied}, checking=True)
        self.study_log.set_count(lesson.id, NOTES_FLAGGED, len(copied))


def _no_transcript(lesson: Lesson, notes_dir: Path) -> str:
    return (
        f"No transcript for this lesson. Add `transcript: FILE` to its front matter, put "
        f"{lesson.id}.vtt (or .srt) in {notes_dir / 'transcripts'}, or run "
        f"`studytui transcript fetch {lesson.id}`."
    )
