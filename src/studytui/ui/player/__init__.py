"""The lesson feature: the open lesson's clock (a stopwatch, or mpv), the header and outline that show it."""

from studytui.ui.player.lesson_player import CLOCK_TICK, SEEK_STEP, LessonPlayer

__all__ = ["CLOCK_TICK", "SEEK_STEP", "LessonPlayer"]
