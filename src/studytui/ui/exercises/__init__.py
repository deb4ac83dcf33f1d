"""The exercises feature: picking, checking in the kernel, hints, exercise files, trust, lesson reloads."""

from studytui.ui.exercises.exercise_control import (
    ExerciseChecked,
    ExerciseControl,
    ExerciseOutput,
    LessonsReloaded,
)

__all__ = ["ExerciseChecked", "ExerciseControl", "ExerciseOutput", "LessonsReloaded"]
