"""Exercise files, rustlings style: `<workspace>/exercises/<lesson id>/<exercise id>.py`.

The file starts with the task as a comment and the starter code; the learner edits it in any
editor, and every save runs it in the kernel, then the exercise's check.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

from studytui.config import EXERCISES_FOLDER, path_inside
from studytui.core.files import write_text_atomic
from studytui.core.lessons.exercises import Exercise


def exercise_file_path(workspace: Path, lesson_id: str, exercise_id: str) -> Path:
    """Raises OutsideWorkspace when the path would leave the workspace (see path_inside)."""
    return path_inside(workspace, EXERCISES_FOLDER, lesson_id, f"{exercise_id}.py")


def exercise_file_text(lesson_title: str, exercise: Exercise) -> str:
    lines = [f"# {exercise.title}  ({lesson_title})", "#"]
    for line in textwrap.dedent(exercise.task).strip().split("\n"):
        lines.append(f"# {line}".rstrip())
    lines += ["#", "# Save this file: studytui runs it in the kernel, then checks it.", ""]
    return "\n".join(lines) + "\n" + (exercise.starter or "")


def write_exercise_file(
    workspace: Path,
    lesson_id: str,
    lesson_title: str,
    exercise: Exercise,
    before_write: Callable[[Path, str], None] | None = None,
) -> tuple[Path, bool]:
    """The exercise file, written when missing (never over the learner's work); (path, newly written).

    `before_write(path, text)` is told what is about to be written (a watcher that should not
    report the app's own write back). OSError propagates.
    """
    path = exercise_file_path(workspace, lesson_id, exercise.id)
    if path.exists():
        return path, False
    text = exercise_file_text(lesson_title, exercise)
    if before_write is not None:
        before_write(path, text)
    write_text_atomic(path, text)
    return path, True


def exercise_of_file(workspace: Path, path: Path) -> tuple[str, str] | None:
    """(lesson id, exercise id) for a path inside the exercises folder, else None."""
    try:
        relative = Path(path).relative_to(workspace / EXERCISES_FOLDER)
    except ValueError:
        return None
    if len(relative.parts) != 2 or relative.suffix != ".py":
        return None
    return relative.parts[0], relative.stem
