"""Typed messages that carry core events (kernel, notes) to the widgets."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from studytui.core.kernel import ExecutionResult, KernelState, Output


@dataclass
class KernelStateChanged(Message):
    state: KernelState


@dataclass
class KernelOutput(Message):
    cell: int
    output: Output


@dataclass
class ExecutionFinished(Message):
    cell: int
    result: ExecutionResult


@dataclass
class RunRequested(Message):
    code: str


@dataclass
class InterruptRequested(Message):
    pass


@dataclass
class LessonPicked(Message):
    lesson_id: str


@dataclass
class ChapterPicked(Message):
    lesson_id: str
    chapter_index: int


@dataclass
class LessonOpened(Message):
    lesson_id: str


@dataclass
class ExercisePicked(Message):
    lesson_id: str
    exercise_id: str


@dataclass
class PlayerStopped(Message):
    """The video player quit or crashed; `reason` says which."""

    reason: str
    player: object  # the MpvPlayer that stopped (a newer one may have replaced it)
