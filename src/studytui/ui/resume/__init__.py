"""Picking up a lesson where it was left: its earlier cells shown, and replayed to rebuild the kernel."""

from studytui.ui.resume.replay import REPLAY_COMMAND, Replay
from studytui.ui.resume.replay_picker import ReplayPicker

__all__ = ["REPLAY_COMMAND", "Replay", "ReplayPicker"]
