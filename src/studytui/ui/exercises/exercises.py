"""Exercises in the app: picking one, checking it in the kernel, hints, exercise files, live reload.

A widget with nothing to show of its own: it writes to the code pane and marks the outline; its
checks and file watchers run in workers on it and end with the study screen. Whose checks may run
(the trusted lessons folders, the trust dialog) is its `FolderTrust` (folder_trust.py)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.widget import Widget

from studytui.config import OutsideWorkspace, Settings
from studytui.core.kernel import ErrorOutput, Output, StreamText
from studytui.core.lessons import (
    CheckResult,
    CheckStatus,
    Exercise,
    Lesson,
    LessonLibrary,
    changed_since_loaded,
    exercise_file_path,
    exercise_of_file,
    load_study_library,
    reflow,
    run_check,
    run_file_then_check,
    write_exercise_file,
)
from studytui.core.study import ExerciseProgress, StudyLog
from studytui.ui.code import CodePane, KernelSession
from studytui.ui.exercises.folder_trust import FolderTrust
from studytui.ui.outline import Outline
from studytui.ui.session import StudySession
from studytui.ui.widgets.safe_text import ansi_text, data_text

if TYPE_CHECKING:
    from studytui.core.watch import FolderWatcher

_RESULT_STYLES = {
    CheckStatus.PASSED: ("✓", "bold green"),
    CheckStatus.FAILED: ("✗", "bold red"),
    CheckStatus.SKIPPED: ("–", "yellow"),
    CheckStatus.NOT_RUN: ("!", "yellow"),
}


@dataclass
class ExerciseChecked(Message):
    lesson_id: str
    exercise_id: str
    result: CheckResult


@dataclass
class ExerciseOutput(Message):
    output: Output


@dataclass
class LessonsReloaded(Message):
    library: LessonLibrary
    changed: frozenset[Path]


class Exercises(Widget):
    """The exercises feature; it also reads the lesson files again when they change."""

    DEFAULT_CSS = "Exercises { display: none; }"

    def __init__(
        self,
        settings: Settings,
        session: StudySession,
        kernel: KernelSession,
        study_log: StudyLog,
        code: CodePane,
        outline: Outline,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.session = session
        self.kernel = kernel
        self.study_log = study_log
        self.code = code
        self.outline = outline
        self._exercise_progress: ExerciseProgress | None = None
        self._picked_exercise: tuple[str, str] | None = None
        self._checking = False
        self._file_watcher: FolderWatcher | None = None
        self._hints_shown: dict[str, int] = {}
        self._lesson_watchers: list[FolderWatcher] = []
        self._queued_files: list[Path] = []
        self.trust = FolderTrust(self, settings, session)

    def on_mount(self) -> None:
        self._exercise_progress = ExerciseProgress.load(self.study_log)
        self.outline.set_exercise_states(self._exercise_states())
        self.call_after_refresh(self._start_watchers)  # after the first screen: watching is not urgent

    def on_unmount(self) -> None:
        for watcher in (*self._lesson_watchers, self._file_watcher):
            if watcher is not None:
                watcher.stop()

    # ----- state ------------------------------------------------------------------------------

    def _exercise_states(self) -> dict[str, str]:
        progress = self._exercise_progress
        return {} if progress is None else {key: record.status for key, record in progress.records.items()}

    def _current_exercise(self) -> tuple[Lesson, Exercise] | None:
        """The exercise under the outline cursor, else the one picked last."""
        for key in (self.outline.exercise_at_cursor(), self._picked_exercise):
            found = self.session.library.find_exercise(*key) if key is not None else None
            if found is not None:
                return found
        return None

    def _exercise_or_say_why(self) -> tuple[Lesson, Exercise] | None:
        found = self._current_exercise()
        if found is None:
            self.notify("Pick an exercise in the outline first (f2, then enter on an exercise).", severity="warning")
        return found

    # ----- trust (folder_trust.py) -----------------------------------------------------------

    def trust_folder_of(self, lesson: Lesson | None) -> Path:
        """Whose trust runs the lesson's checks: its lessons folder, or its course in the courses folder."""
        return self.trust.folder_of(lesson)

    def trusts(self, lesson: Lesson) -> bool:
        """Whether the lesson's pack may run code in the kernel (bundled, an own course, or trusted)."""
        return self.trust.trusts(lesson)

    def trust_lessons(self) -> None:
        """Ask to trust the open lesson's folder (the palette's command)."""
        self.trust.ask()

    # ----- picking, hints ---------------------------------------------------------------------

    def show_exercise(self, lesson_id: str, exercise_id: str) -> None:
        """The exercise picked in the outline, its lesson opened."""
        found = self.session.library.find_exercise(lesson_id, exercise_id)
        if found is None:
            return
        lesson, exercise = found
        self._picked_exercise = (lesson.id, exercise.id)
        if not self.session.open_lesson(lesson):
            return
        text = data_text(f"Exercise: {exercise.title}\n", style="bold magenta")
        text.append(data_text(reflow(exercise.task) + "\n"))  # its paragraphs, wrapped at the pane's width
        count = len(exercise.hints)
        hints = f"{count} hint{'s' if count != 1 else ''} (f6)" if exercise.hints else "no hints"
        text.append(f"f5 checks it in the kernel · {hints} · f7 writes it to a file to edit", style="dim")
        self.code.show_notice("")
        self.code.write(text)
        if exercise.starter:
            self.code.offer_code(exercise.starter)

    def show_hint(self) -> None:
        found = self._exercise_or_say_why()
        if found is None:
            return
        lesson, exercise = found
        key = ExerciseProgress.key(lesson.id, exercise.id)
        shown = self._hints_shown.get(key, 0)
        if not exercise.hints:
            self.code.show_notice(f"{exercise.title}: this exercise has no hints.")
            return
        if shown >= len(exercise.hints):
            self.code.show_notice(f"{exercise.title}: that was the last hint ({len(exercise.hints)}).")
            return
        self._hints_shown[key] = shown + 1
        text = Text(f"hint {shown + 1}/{len(exercise.hints)} ", style="bold cyan")
        text.append(data_text(reflow(exercise.hints[shown])))
        self.code.write(text)
        if self._exercise_progress is not None:
            self._exercise_progress.hint_opened(lesson.id, exercise.id, shown + 1)
            self._save_progress()

    # ----- checking ---------------------------------------------------------------------------

    def check_exercise(self) -> None:
        found = self._exercise_or_say_why()
        if found is None:
            return
        lesson, exercise = found
        if not self.trust.trusts(lesson):
            self.trust.ask_then(lesson, self.check_exercise)
            return
        self._picked_exercise = (lesson.id, exercise.id)
        self.code.show_notice(f"checking '{exercise.title}' against what you ran in the kernel...", style="dim")
        self.check_in_kernel(lesson.id, exercise)

    @work(group="exercise", exit_on_error=False)
    async def check_in_kernel(
        self, lesson_id: str, exercise: Exercise, file_code: str | None = None, file_name: str = ""
    ) -> None:
        self._checking = True
        try:
            if file_code is None:
                result = await run_check(self.kernel, exercise, self.exercise_output_now)
            else:
                result = await run_file_then_check(
                    self.kernel, exercise, file_code, self.exercise_output_now, file_name=file_name
                )
        except Exception as error:  # never a crash: say what happened
            result = CheckResult(CheckStatus.NOT_RUN, f"the check could not run: {error}")
        finally:
            self._checking = False
        self.post_message(ExerciseChecked(lesson_id, exercise.id, result))

    def exercise_output_now(self, output: Output) -> None:
        """Called by the check as the kernel answers."""
        self.post_message(ExerciseOutput(output))

    @on(ExerciseOutput)
    def exercise_output(self, message: ExerciseOutput) -> None:
        output = message.output
        if isinstance(output, StreamText):
            self.code.write(ansi_text(output.text.rstrip("\n"), style="red" if output.name == "stderr" else ""))
        elif isinstance(output, ErrorOutput):
            self.code.write(ansi_text("\n".join(output.traceback) or f"{output.ename}: {output.evalue}"))

    @on(ExerciseChecked)
    def exercise_checked(self, message: ExerciseChecked) -> None:
        result = message.result
        found = self.session.library.find_exercise(message.lesson_id, message.exercise_id)
        title = found[1].title if found is not None else message.exercise_id
        mark, style = _RESULT_STYLES[result.status]
        line = data_text(f"{mark} {title}: {result.status}", style=style)
        if result.status is not CheckStatus.PASSED or result.message != "passed":
            line.append(data_text(f": {result.message}"))
        self.code.write(line)
        self.notify(line.plain, severity="information" if result.status is CheckStatus.PASSED else "warning")
        if result.recorded and self._exercise_progress is not None:
            self._exercise_progress.record(message.lesson_id, message.exercise_id, result)
            self._save_progress()
            self.outline.set_exercise_states(self._exercise_states())
        if self._queued_files:
            self.exercise_files_saved(set(self._queued_files))

    def _save_progress(self) -> None:
        try:
            if self._exercise_progress is not None:
                self._exercise_progress.save()
        except OSError as error:
            self.notify(f"Could not save your exercise results: {error}", severity="error")

    # ----- exercise files ---------------------------------------------------------------------

    def write_exercise_file(self) -> None:
        found = self._exercise_or_say_why()
        if found is None:
            return
        lesson, exercise = found
        watcher = self._file_watcher
        try:
            path, written = write_exercise_file(
                self.settings.notes_dir, lesson.id, lesson.title, exercise,
                before_write=watcher.ignore_own_write if watcher is not None else None,
            )
        except OutsideWorkspace as refused:
            self.notify(f"Could not write the exercise file: {refused}", severity="error")
            return
        except OSError as error:
            path = exercise_file_path(self.settings.notes_dir, lesson.id, exercise.id)
            self.notify(f"Could not write {path}: {error}", severity="error")
            return
        if not written:
            self.code.show_notice(f"{path} is already there (your work is never overwritten): save it to check it.")
            return
        self.code.show_notice(f"Wrote {path}. Edit it in your editor: every save runs it in the kernel, "
                              "then checks it.",
                              style="green")

    def exercise_files_saved(self, paths: set[Path]) -> None:
        pending = sorted(set(self._queued_files) | paths)
        self._queued_files = pending
        if self._checking:  # one run at a time: a save during a run is checked right after it
            return
        for position, path in enumerate(pending):
            self._queued_files = pending[position + 1 :]
            ids = exercise_of_file(self.settings.notes_dir, path)
            found = self.session.library.find_exercise(*ids) if ids is not None else None
            if found is None or not path.is_file():
                continue
            lesson, exercise = found
            try:
                code = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                self.code.show_notice(f"Could not read {path}: {error}", style="bold red")
                continue
            if not self.trust.allows_checks(lesson):
                return
            self._picked_exercise = (lesson.id, exercise.id)
            self.code.show_notice(f"{path.name} saved: running it, then its check...", style="dim")
            self._checking = True  # before the worker starts, so a second save waits its turn
            self.check_in_kernel(lesson.id, exercise, code, path.name)
            return  # the rest wait in the queue for this run to end

    # ----- watching ---------------------------------------------------------------------------

    @property
    def watching(self) -> bool:
        """Lesson and exercise files are watched (from just after the first screen)."""
        return self._file_watcher is not None  # started after the lesson folders' watchers

    def _start_watchers(self) -> None:
        self.start_watching(asyncio.get_running_loop())

    @work(group="watchers", thread=True, exit_on_error=False)
    def start_watching(self, loop: asyncio.AbstractEventLoop) -> None:
        """In a thread: importing watchdog and watching every folder of the lessons took the screen
        ~40 ms, just as the first keys typed after launch arrived."""
        from studytui.core.watch import FolderWatcher  # watchdog loads here, not before the first screen

        try:
            for root in (root for root in self.settings.lesson_roots if root.is_dir()):
                lessons = FolderWatcher(root, self._lessons_changed, suffixes=(".md",))
                lessons.start(loop)
                self._lesson_watchers.append(lessons)
            files = FolderWatcher(self.settings.exercises_dir, self.exercise_files_saved, suffixes=(".py",))
            files.start(loop)
            self._file_watcher = files
            # A lesson file changed between the reading at launch and now was seen by no watcher.
            missed = changed_since_loaded(self.session.library)
            if missed:
                self.app.call_from_thread(self._lessons_changed, missed)
        except OSError as error:
            self.app.call_from_thread(
                self.notify, f"Watching files failed ({error}): reopen studytui to pick up changes.", severity="warning"
            )

    def _lessons_changed(self, paths: set[Path]) -> None:
        self.reload_lessons(frozenset(paths))

    @work(group="lessons", exclusive=True, thread=True, exit_on_error=False)
    def reload_lessons(self, changed: frozenset[Path]) -> None:
        library = load_study_library(self.settings, previous=self.session.library)
        self.post_message(LessonsReloaded(library, changed))

    @on(LessonsReloaded)
    def lessons_reloaded(self, message: LessonsReloaded) -> None:
        library = message.library
        self.outline.reload_library(library)
        self.outline.set_exercise_states(self._exercise_states())
        self.session.replace_library(library)  # the open lesson too, in its new version
        for broken in library.broken:
            if broken.path in message.changed:
                problem = broken.problems[0]
                self.notify(f"{broken.path.name}:{problem.line}: {problem.message}", title="Lesson file has an error",
                            severity="warning", timeout=10)
