"""The lesson and its clock: opening lessons, pausing, seeking, stamping notes, and mpv as the clock."""

from studytui.ui.player.lesson_control import CLOCK_TICK, LessonControl
from studytui.ui.player.player_control import PlayerControl

__all__ = ["CLOCK_TICK", "LessonControl", "PlayerControl"]
