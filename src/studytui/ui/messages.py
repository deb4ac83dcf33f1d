"""The messages that cross features: each bubbles up to the study screen, which hands it on.

A message that stays inside a feature is declared and handled there (the code pane's, the notes
pane's); only these go up to the screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from studytui.core.kernel import KernelState


@dataclass
class KernelStateChanged(Message):
    """The kernel's state changed: the code pane shows it; the requirements ask once it is idle."""

    state: KernelState


@dataclass
class RunRequested(Message):
    """A cell to run: the code pane runs it; the study log counts it."""

    code: str


@dataclass
class InterruptRequested(Message):
    """ctrl+c in the code cell while a cell runs (handled by the code pane)."""


@dataclass
class LessonPicked(Message):
    """The outline, the palette or f10 picked a lesson (and a chapter of it, to move the clock to)."""

    lesson_id: str
    chapter_index: int | None = None


@dataclass
class ExercisePicked(Message):
    """The outline picked an exercise: the exercises feature shows it (opening its lesson)."""

    lesson_id: str
    exercise_id: str
