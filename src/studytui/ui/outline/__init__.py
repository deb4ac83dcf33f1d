"""The outline feature: courses, lessons, chapters and exercises in one tree, with progress marks."""

from studytui.ui.outline.outline import Outline

__all__ = ["Outline"]
