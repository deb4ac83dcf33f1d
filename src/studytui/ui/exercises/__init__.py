"""The exercises feature: picking, checking in the kernel, hints, exercise files, trust, lesson reloads."""

from studytui.ui.exercises.exercises import Exercises

__all__ = ["Exercises"]
