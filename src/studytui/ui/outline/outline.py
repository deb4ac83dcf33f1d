"""The lesson outline: course > lesson > chapters with their video times; broken files with their error."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from studytui.core.lessons import Lesson, LessonLibrary, distinct_titles, fit_title
from studytui.core.timecode import format_time
from studytui.ui.messages import ExercisePicked, LessonPicked
from studytui.ui.outline.outline_exercises import OutlineExercises, lesson_progress
from studytui.ui.widgets.safe_text import data_text

JUMP_KEY = "g"  # in the outline only (a tree, not a text field): move the clock to the chapter
LESSON_INDENT = 4  # columns before a lesson's label: the course's guide and the fold mark


@dataclass(frozen=True)
class OutlineEntry:
    lesson_id: str | None = None
    chapter_index: int | None = None
    exercise_id: str | None = None


class Outline(OutlineExercises, Tree[OutlineEntry]):
    # Enter / space on a chapter only open or fold it (its exercises); moving the clock is its own key.
    # Right and left unfold and fold, as in most trees (Textual's tree scrolls sideways with them).
    BINDINGS = [
        Binding(JUMP_KEY, "jump_to_chapter", "Move the clock to this chapter", show=False),
        Binding("right", "unfold_or_enter", "Unfold, or go to the first row inside", show=False),
        Binding("left", "fold_or_leave", "Fold, or go to the row it is inside", show=False),
    ]

    def __init__(self, library: LessonLibrary, **kwargs: Any) -> None:
        super().__init__("Lessons", data=OutlineEntry(), **kwargs)
        self.show_root = False
        self.guide_depth = 2
        self._lesson_nodes: dict[str, TreeNode[OutlineEntry]] = {}
        self._current: tuple[str, int | None] | None = None
        self.library = library
        self._video_chapters: dict[str, tuple[tuple[float, str], ...]] = {}  # from the video player
        self._passes_done: dict[str, frozenset[int]] = {}
        self._due_cards: dict[str, int] = {}  # lesson id -> review cards due
        self._distinct: dict[str, str] = {}  # lesson id -> its title without what siblings share
        self._labels_width = 0  # the width the lessons' labels were made for (0: not laid out yet)
        self._init_exercises()
        self._add_courses(library)

    def _add_courses(self, library: LessonLibrary) -> None:
        for course in library.courses():
            titles = distinct_titles([lesson.title for lesson in course.lessons])
            self._distinct.update(zip((lesson.id for lesson in course.lessons), titles, strict=True))
            # Folded: the open lesson's course unfolds (show_lesson), the others stay one row each.
            course_node = self.root.add(data_text(course.title, style="bold"), data=OutlineEntry())
            for lesson in course.lessons:
                node = course_node.add(self._lesson_label(lesson), data=OutlineEntry(lesson.id))
                self._lesson_nodes[lesson.id] = node
                for index, chapter in enumerate(lesson.chapters):
                    entry, label = OutlineEntry(lesson.id, index), self._chapter_label(chapter.start, chapter.title)
                    if lesson.exercises_in(index):
                        self._add_exercises(node.add(label, data=entry), lesson, index)
                    else:
                        node.add_leaf(label, data=entry)
                self._add_exercises(node, lesson, None)  # after the chapters: children[i] is chapter i
        if library.broken:
            broken_node = self.root.add(Text("Lessons with errors", style="bold red"), expand=True)
            for broken in library.broken:
                file_node = broken_node.add(data_text(broken.title, style="red"), expand=True)
                for problem in broken.problems:
                    file_node.add_leaf(data_text(f"line {problem.line}: {problem.message}", style="red"))

    def _lesson_label(self, lesson: Lesson) -> Text:
        """Due cards, pass marks and exercise progress first, so a narrow outline cuts the title, never them."""
        label = Text()
        if due := self._due_cards.get(lesson.id):
            label.append(f"↻{due} ", style="bold magenta")  # review cards due (f12)
        for study_pass in sorted(self._passes_done.get(lesson.id, ())) if lesson.has_video else ():
            label.append(f"✓{study_pass} ", style="bold green")
        progress = lesson_progress(lesson, self.exercise_states)
        if progress.plain:
            label.append_text(progress)
            label.append(" ")
        room = self._labels_width - LESSON_INDENT - label.cell_len if self._labels_width else 0
        label.append_text(data_text(fit_title(lesson.title, room, self._distinct.get(lesson.id, lesson.title))))
        about = "~" if lesson.duration_approximate else ""
        label.append(f"  {about}{format_time(lesson.duration)}" if lesson.has_video else "  exercises", style="dim")
        return label

    def on_resize(self) -> None:
        """A title that does not fit shows what tells it from its siblings: labels made again for the width."""
        width = self.scrollable_content_region.width
        if width == self._labels_width:
            return
        self._labels_width = width
        for lesson_id, node in self._lesson_nodes.items():
            lesson = self.library.find(lesson_id)
            if lesson is not None:
                node.set_label(self._lesson_label(lesson))

    @staticmethod
    def _chapter_label(start: float, title: str, current: bool = False) -> Text:
        label = Text("● " if current else "  ", style="bold green")
        label.append(format_time(start), style="cyan")
        label.append(data_text(f" {title}", style="bold" if current else ""))
        return label

    def chapter_list(self, lesson: Lesson) -> tuple[tuple[float, str], ...]:
        """(start, title) of the lesson's chapters, or of its video's when the lesson has none."""
        if lesson.chapters:
            return tuple((chapter.start, chapter.title) for chapter in lesson.chapters)
        return self._video_chapters.get(lesson.id, ())

    def show_video_chapters(self, lesson_id: str, chapters: tuple[tuple[float, str], ...]) -> None:
        """A lesson without chapters of its own lists the video's (start, title), first under it."""
        lesson, node = self.library.find(lesson_id), self._lesson_nodes.get(lesson_id)
        if lesson is None or node is None or lesson.chapters or self._video_chapters.get(lesson_id) == chapters:
            return
        for child in list(node.children)[: len(self._video_chapters.get(lesson_id, ()))]:
            child.remove()
        self._video_chapters[lesson_id] = chapters
        if self._current is not None and self._current[0] == lesson_id:
            self._current = None
        for index, (start, title) in enumerate(chapters):
            node.add_leaf(self._chapter_label(start, title), data=OutlineEntry(lesson_id, index), before=index)

    def show_passes_done(self, lesson_id: str, passes: frozenset[int]) -> None:
        """Mark a lesson's finished passes before its title: ✓1 ✓2."""
        self._passes_done[lesson_id] = frozenset(passes)
        node = self._lesson_nodes.get(lesson_id)
        lesson = self.library.find(lesson_id)
        if node is not None and lesson is not None:
            node.set_label(self._lesson_label(lesson))

    def show_due_cards(self, due: dict[str, int]) -> None:
        """Mark lessons with review cards due (lesson id -> count) before their title: ↻3."""
        changed = set(due) ^ set(self._due_cards) | {k for k in due if due[k] != self._due_cards.get(k)}
        self._due_cards = dict(due)
        for lesson_id in changed:
            node, lesson = self._lesson_nodes.get(lesson_id), self.library.find(lesson_id)
            if node is not None and lesson is not None:
                node.set_label(self._lesson_label(lesson))

    def show_lesson(self, lesson_id: str) -> None:
        """Expand the open lesson and its course, fold the others, and move the cursor to it."""
        node = self._lesson_nodes.get(lesson_id)
        if node is None:
            return
        for other_id, other in self._lesson_nodes.items():
            if other_id != lesson_id:
                other.collapse()
        for course_node in self.root.children:
            if course_node is not node.parent and course_node.data == OutlineEntry():
                course_node.collapse()
        if node.parent is not None:
            node.parent.expand()
        node.expand()
        self.move_cursor(node)
        # A node just unfolded has its line once the tree is laid out again: move there then too.
        self.call_after_refresh(self.move_cursor, node)

    def mark_current_chapter(self, lesson_id: str, chapter_index: int | None) -> None:
        """Flag the chapter the clock is in."""
        if self._current == (lesson_id, chapter_index):
            return
        if self._current is not None:
            self._relabel_chapter(*self._current, current=False)
        self._current = (lesson_id, chapter_index)
        self._relabel_chapter(lesson_id, chapter_index, current=True)

    def _relabel_chapter(self, lesson_id: str, index: int | None, current: bool) -> None:
        lesson = self.library.find(lesson_id)
        node = self._lesson_nodes.get(lesson_id)
        if lesson is not None and node is not None and index is not None:
            node.children[index].set_label(self._chapter_label(*self.chapter_list(lesson)[index], current))

    def on_tree_node_selected(self, event: Tree.NodeSelected[OutlineEntry]) -> None:
        entry = event.node.data
        if entry is None or entry.lesson_id is None:
            return
        event.stop()
        if entry.exercise_id is not None:
            self.post_message(ExercisePicked(entry.lesson_id, entry.exercise_id))
        elif entry.chapter_index is None:
            self.post_message(LessonPicked(entry.lesson_id))
        # A chapter: the tree has opened or folded it; the clock stays where it is.

    def action_unfold_or_enter(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            node.expand()
        elif node.children:
            self.move_cursor(node.children[0])

    def action_fold_or_leave(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    def action_jump_to_chapter(self) -> None:
        if self.cursor_node is not None:
            self.jump_to(self.cursor_node)

    def jump_to(self, node: TreeNode[OutlineEntry]) -> None:
        """Move the clock to a chapter row's start (a lesson row: open the lesson)."""
        entry = node.data
        if entry is None or entry.lesson_id is None:
            return
        if entry.chapter_index is None:
            self.post_message(LessonPicked(entry.lesson_id))
        else:
            self.post_message(LessonPicked(entry.lesson_id, entry.chapter_index))
