"""The outline's exercises: nodes under their chapter with their state, each lesson's progress, reloads.

A mixin for `Outline` (outline.py), kept apart so the tree of courses and chapters stays small.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.text import Text
from textual.widgets.tree import TreeNode

from studytui.core.lessons import CheckStatus, Exercise, Lesson, LessonLibrary
from studytui.core.study import NOT_TRIED, ExerciseProgress
from studytui.ui.widgets.safe_text import data_text

# state -> (mark, style) shown before an exercise's title
STATE_MARKS: dict[str, tuple[str, str]] = {
    CheckStatus.PASSED: ("✓", "bold green"),
    CheckStatus.FAILED: ("✗", "bold red"),
    NOT_TRIED: ("○", "dim"),
}


def exercise_label(exercise: Exercise, state: str) -> Text:
    mark, style = STATE_MARKS.get(state, STATE_MARKS[NOT_TRIED])
    label = Text(f"  {mark} ", style=style)  # the mark says it is an exercise: no word spent on it
    label.append(data_text(exercise.title, style="magenta"))
    if exercise.check is None:
        label.append("  (no check)", style="dim")
    return label


def lesson_progress(lesson: Lesson, states: dict[str, str]) -> Text:
    """`3/5` before a lesson title: exercises passed out of all; empty for a lesson without exercises."""
    if not lesson.exercises:
        return Text("")
    passed = sum(
        states.get(ExerciseProgress.key(lesson.id, exercise.id)) == CheckStatus.PASSED for exercise in lesson.exercises
    )
    style = "bold green" if passed == len(lesson.exercises) else "magenta"
    return Text(f"{passed}/{len(lesson.exercises)}", style=style)


class OutlineExercises:
    """Mixed into Outline: expects `root`, `library`, `_lesson_nodes`, `_current`, `_add_courses`,
    `_lesson_label`, `cursor_node`, `move_cursor` and `clear` from it."""

    exercise_states: dict[str, str]
    _current: tuple[str, int | None] | None
    _exercise_nodes: dict[str, TreeNode[Any]]

    def _init_exercises(self) -> None:
        self.exercise_states = {}
        self._exercise_nodes = {}

    def _add_exercises(self, node: TreeNode[Any], lesson: Lesson, chapter_index: int | None) -> None:
        from studytui.ui.outline.outline import OutlineEntry

        for exercise in lesson.exercises_in(chapter_index):
            key = ExerciseProgress.key(lesson.id, exercise.id)
            self._exercise_nodes[key] = node.add_leaf(
                exercise_label(exercise, self.exercise_states.get(key, NOT_TRIED)),
                data=OutlineEntry(lesson.id, chapter_index, exercise.id),
            )

    def set_exercise_states(self, states: dict[str, str]) -> None:
        """Show every exercise's state and every lesson's progress."""
        keys = set(states) | set(self.exercise_states)
        changed = {key for key in keys if states.get(key) != self.exercise_states.get(key)}
        lessons = {key.split("/", 1)[0] for key in changed}
        self.exercise_states = dict(states)
        for key in changed:
            node = self._exercise_nodes.get(key)
            lesson_id, _, exercise_id = key.partition("/")
            found = self.library.find_exercise(lesson_id, exercise_id)
            if node is not None and found is not None:
                node.set_label(exercise_label(found[1], states.get(key, NOT_TRIED)))
        for lesson_id in lessons:
            node = self._lesson_nodes.get(lesson_id)  # type: ignore[attr-defined]
            lesson = self.library.find(lesson_id)
            if node is not None and lesson is not None:
                node.set_label(self._lesson_label(lesson))  # type: ignore[attr-defined]

    def exercise_at_cursor(self) -> tuple[str, str] | None:
        node = self.cursor_node  # type: ignore[attr-defined]
        entry = node.data if node is not None else None
        if entry is None or getattr(entry, "exercise_id", None) is None:
            return None
        return entry.lesson_id, entry.exercise_id

    def reload_library(self, library: LessonLibrary) -> None:
        """Rebuild the tree from a reloaded library, keeping open lessons, chapters and the cursor."""
        cursor = self.cursor_node  # type: ignore[attr-defined]
        cursor_place = self._place(cursor) if cursor is not None else None
        expanded = {self._place(node) for node in self._walk(self.root) if node.is_expanded}  # type: ignore[attr-defined]
        self.clear()  # type: ignore[attr-defined]
        self._lesson_nodes.clear()  # type: ignore[attr-defined]
        self._exercise_nodes.clear()
        self._current = None
        self.library = library
        self._add_courses(library)  # type: ignore[attr-defined]
        target = None
        for node in self._walk(self.root):  # type: ignore[attr-defined]
            place = self._place(node)
            if place is None:
                continue
            if place in expanded:
                node.expand()
            if place == cursor_place:
                target = node
        if target is None and cursor_place is not None:
            target = self._lesson_nodes.get(cursor_place[0])  # type: ignore[attr-defined]
        if target is not None:
            # Line numbers of the new nodes exist once the tree has been laid out again.
            self.call_after_refresh(self.move_cursor, target)  # type: ignore[attr-defined]

    def _place(self, node: TreeNode[Any]) -> tuple[str, str, str] | None:
        """What a node shows, stable across edits of its file: chapters move, their titles stay."""
        entry = node.data
        if entry is None:
            return None
        if entry.lesson_id is None:  # a course row: folded or not, it stays so
            return ("", "course", node.label.plain) if node.parent is self.root else None  # type: ignore[attr-defined,union-attr]
        if entry.exercise_id is not None:
            return (entry.lesson_id, "exercise", entry.exercise_id)
        lesson = self.library.find(entry.lesson_id)
        if entry.chapter_index is not None and lesson is not None and entry.chapter_index < len(lesson.chapters):
            return (entry.lesson_id, "chapter", lesson.chapters[entry.chapter_index].title)
        return (entry.lesson_id, "lesson", "")

    @staticmethod
    def _walk(node: TreeNode[Any]) -> Iterator[TreeNode[Any]]:
        yield node
        for child in node.children:
            yield from OutlineExercises._walk(child)
